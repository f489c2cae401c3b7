"""The planner's final answers: what was computed, from which data, where and when, and limits."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from pydantic import ValidationError

from agent.planner.codegen import Plan, optical_bands
from agent.planner.dates import TROPICAL_SEASON
from agent.planner.intents import INDICES, L8, S2_L2A, S2_TO_L8, S5P, Intent, flood_polarisation, radar_bands
from agent.planner.methods import OPS
from agent.planner.phrases import EN, Phrases, phrases
from agent.planner.places import area_km2
from agent.planner.products import MissingProduct, outside_record
from agent.planner.result_words import decision_sentences, note_line, result_label, summary_lines, unit_words
from agent.planner.workflows import MISSION_START, fusion_parts, multisensor_windows
from tools.models import ExecuteOutcome

CAPABILITIES = EN.capabilities


def not_understood(text: str, lang: str = "en", missing: MissingProduct | None = None) -> str:
    p = phrases(lang)
    if missing is not None and missing.nearest:  # "ERA5 air temperature": the product is not here, the nearest offered
        return missing_line(missing, p, offer=True) + "\n\n" + p.capabilities
    return p.not_understood.format(text=text.strip()[:200], capabilities=p.capabilities)


def no_place(text: str, lang: str = "en") -> str:
    return phrases(lang).no_place


def place_not_found(names: list[str], lang: str = "en") -> str:
    p = phrases(lang)
    return p.place_not_found.format(tried=", ".join(f"'{n}'" for n in names) or p.the_place)


def _quantity(it: Intent, p: Phrases = EN) -> str:
    if it.formula is not None:
        return it.formula.text
    if it.task == "lst":
        return p.q_lst
    if it.task in ("backscatter", "flood") or it.collection == "SENTINEL1_GRD":
        return p.q_backscatter
    if it.collection == S5P:
        return p.q_column.format(product=it.product or "NO2")
    return it.index or "NDVI"


def _threshold_words(it: Intent) -> str:
    t = it.threshold
    if t is None:
        return ""
    value = f"{t.value:g}{' ' + t.unit if t.unit else ''}"
    if t.unit == "K":
        value += f" ({t.value - 273.15:.4g} °C)"
    return f"{OPS[t.op]} {value}"


def _workflow_words(it: Intent, p: Phrases = EN) -> str | None:
    """What a community workflow computes, in words (the intent's task alone would misname it:
    a count of hot days is no 'per-pixel mean of land surface temperature')."""
    q = _quantity(it, p)
    if it.workflow == "count_days":
        cond = _threshold_words(it)
        return p.count_days.format(q=q, cond=cond) if cond else p.count_days_any.format(q=q)
    if it.workflow == "statistics":
        return p.statistics.format(stats=", ".join(s.label for s in it.stats) or "mean, sd", q=q)
    return {
        "rvi": p.wf_rvi,
        "oil_slick": p.wf_oil_slick,
        "soil_moisture": p.wf_soil_moisture_percent if it.percent_change else p.wf_soil_moisture,
        "best_pixel": p.wf_best_pixel,
        "fusion": p.wf_fusion,
        "zonal_landcover": p.wf_zonal_landcover,
        "multisensor": p.wf_multisensor.format(q=q),
        "moving_window": p.wf_moving_window.format(q=q),
    }.get(it.workflow or "")


def _index_title(name: str, p: Phrases) -> str:
    d = INDICES.get(name)
    return p.index_titles.get(name) or (d.title if d else "")


def describe(plan: Plan, lang: str = "en") -> str:
    return phrases(lang).elide(_describe(plan, lang))


def _describe(plan: Plan, lang: str) -> str:
    p = phrases(lang)
    it = plan.intent
    words = _workflow_words(it, p)
    if words:
        return p.timeseries.format(what=words) if it.timeseries and it.workflow != "statistics" else words
    if it.task == "index":
        name = p.dnbr if it.change and it.index == "NBR" else p.index_named.format(
            index=it.index, title=_index_title(it.index or "NDVI", p))
        change = p.ratio_in if it.period_ratio else p.percent_change_in if it.percent_change else p.change_in
        what = change.format(what=name) if it.change and it.index != "NBR" else name
    else:
        slope = (p.slope_mask.format(op=OPS[it.threshold.op], value=f"{it.threshold.value:g}")
                 if it.threshold else p.slope)
        multisensor = (p.multisensor_period.format(per=p.periods.get(it.period, it.period), index=it.index or "NDVI")
                       if it.period else p.multisensor.format(index=it.index or "NDVI"))
        what = {
            "rgb": {"true": p.rgb_true, "false": p.rgb_false, "swir": p.rgb_swir}[it.palette],
            "composite": p.composite, "flood": p.flood.format(pol=flood_polarisation(it)), "flood_product": p.flood_product,
            "backscatter": p.backscatter, "ratio": p.ratio,
            "dem": p.dem, "slope": slope, "aspect": p.aspect,
            "hillshade": p.hillshade.format(azimuth=f"{it.azimuth:g}", altitude=f"{it.altitude:g}"),
            "lst": p.lst_celsius if it.celsius and not it.threshold else p.lst, "atmosphere": p.q_column.format(product=it.product or "NO2"),
            "landcover": p.worldcereal if "WORLDCEREAL" in it.collection else p.landcover, "fusion": p.fusion,
            "multisensor": multisensor,
        }.get(it.task, it.task)
    reducer = p.reducers.get(it.reducer, it.reducer)
    if it.task == "multisensor":
        pass
    elif it.change and it.period_ratio and it.task in ("lst", "atmosphere", "backscatter") and len(plan.periods) >= 2:
        what = p.ratio_in.format(what=what)
    elif it.change and it.percent_change and it.task in ("lst", "atmosphere", "backscatter") and len(plan.periods) >= 2:
        what = p.percent_change_periods.format(what=what)
    elif it.change and it.task in ("lst", "atmosphere", "backscatter") and len(plan.periods) >= 2:
        what = p.change_periods.format(what=what)
    elif it.every_date and not it.period:
        what = p.every_date.format(what=what)
    elif it.timeseries:
        what = p.timeseries.format(what=what)
    elif it.period:
        what = p.per_period.format(per=p.periods.get(it.period, it.period), reducer=reducer, what=what)
    elif it.task in ("index", "rgb", "composite", "lst", "atmosphere", "backscatter", "ratio") and not it.change:
        what = p.per_pixel.format(reducer=reducer, what=what)
    return what


def execute_outcome(artifact: Any) -> ExecuteOutcome | None:
    """The execute tool's typed outcome from its ToolMessage artifact (a dict after a reload)."""
    if isinstance(artifact, ExecuteOutcome):
        return artifact
    if isinstance(artifact, dict):
        try:
            return ExecuteOutcome.model_validate(artifact)
        except ValidationError:
            return None
    return None


def result_lines(outcome: ExecuteOutcome, lang: str = "en") -> list[str]:
    """The numbers of a result in sentences, from the typed outcome: what it is, its range and unit,
    per band, date, class or geometry when it has several, what the numbers alone do not say."""
    p = phrases(lang)
    s, fmt = outcome.stats, p.short
    if s is None:
        return []
    d = outcome.description  # its label is English; another language's is composed from its typed fields
    label = (d.label if p.lang == "en" else result_label(d, p)) if d else p.the_result
    unit = f" [{unit_words(s.unit, p)}]" if s.unit and s.unit != "unknown" else ""
    summary = outcome.summary
    several = summary is not None and ((summary.values is not None and len(summary.values.bands) > 1)
                                       or summary.table is not None or bool(summary.classes))
    lines = []
    if not several:
        lines.append(p.result_values.format(label=label, min=fmt(s.min), max=fmt(s.max), mean=fmt(s.mean), unit=unit,
                                            valid=fmt((s.valid_fraction or 0) * 100)))
    else:
        lines.append(p.result_head.format(label=label))
    if s.series and not several:
        shown = ", ".join(f"{d} {fmt(v)}" for d, v in s.series[:12])
        more = p.by_date_more.format(n=len(s.series)) if len(s.series) > 12 else ""
        lines.append(p.by_date.format(shown=shown, more=more))
    if several and summary is not None:
        lines.append("\n".join(summary_lines(summary, p)))
    if outcome.notes:
        lines.extend(note_line(n, p) for n in outcome.notes)
    elif outcome.note:  # an outcome saved before the notes were typed
        lines.append(outcome.note)
    return lines


def missing_line(missing: MissingProduct, p: Phrases, offer: bool = False) -> str:
    """'Copernicus DEM GLO-90 is not available on this backend; I used the nearest ...' in the request's language."""
    template = p.missing_product_offer if offer else p.missing_product
    return template.format(named=missing.named, nearest=missing.nearest, title=missing.nearest_title)


def final_answer(plan: Plan, exec_text: str | None, map_text: str | None, repaired: str | None,
                 code: str = "", adjusted: str | None = None, outcome: ExecuteOutcome | None = None,
                 lang: str = "en", place: str | None = None) -> str:
    """The answer in the request's language (`lang`); `place` is the area's name in it (the plan's,
    in English, names the code's header)."""
    p = phrases(lang)
    it = plan.intent
    w, s, e, n = plan.bbox
    lines = [missing_line(it.missing, p)] if it.missing else []  # said first: never a silent swap
    if plan.record is not None and plan.record.action == "swapped":  # "Lake Poopó in 2013": Landsat, said so
        lines.append(p.record_swapped.format(**plan.record.model_dump()))
    if plan.periods and it.task not in ("dem", "slope", "aspect", "hillshade", "landcover", "zonal_landcover", "multisensor"):
        # "PROBA-V NDVI in 2022", "NDVI change 2010 vs 2020": a window outside the collection's record, said first
        outside = [(q, r) for q in plan.periods if (r := outside_record(it.collection, q.start, q.end))]
        if outside:
            window, (first, last) = outside[0]
            template = p.outside_record_since if last is None else p.outside_record
            lines.append(template.format(collection=it.collection, first=first, last=last, start=window.start,
                                         end=window.end - timedelta(days=1)))
    lines.append(p.computed.format(what=describe(plan, lang), place=place or plan.place or p.area_you_gave,
                                   bbox=f"{w:.3f}, {s:.3f}, {e:.3f}, {n:.3f}", area=p.number(area_km2(plan.bbox))))
    bands: list[str] = []
    if it.collection in (S2_L2A, "SENTINEL2_L1C", L8) and it.task in ("index", "rgb", "composite"):
        bands = optical_bands(it)
        if it.collection == L8:
            bands = [S2_TO_L8.get(b, b) for b in bands]
    elif it.task == "lst":
        bands = ["B10"] if it.collection == L8 else ["LST"]
    elif it.task == "flood":
        bands = [flood_polarisation(it)]
    elif it.task == "backscatter":
        bands = radar_bands(it)
    elif it.task == "ratio":
        bands = ["VH", "VV"]
    elif it.collection == S5P:
        bands = [it.product or "NO2"]
    sources = data_sources(plan, lang)
    lines.append(p.data_sources.format(sources=sources) if sources else p.data.format(
        collection=it.collection, bands=p.data_bands.format(bands=", ".join(bands)) if bands else ""))
    if it.task not in ("dem", "slope", "aspect", "hillshade", "landcover", "zonal_landcover"):  # a map of one year
        if len(plan.periods) >= 2 and (it.change or it.task == "flood"):
            b, a = plan.periods[0], plan.periods[-1]
            lines.append(p.dates_change.format(b_start=b.start, b_end=b.end, a_start=a.start, a_end=a.end))
            if it.index == "NBR" and not it.hazard and (a.start - b.end).days >= 2:
                # a fire's own period between the windows (`dates.straddle`), said so
                lines.append(p.event_left_out.format(start=b.end, end=a.start - timedelta(days=1)))
        else:
            first = plan.periods[0]
            lines.append(p.dates.format(start=first.start, end=first.end))
        if any(q.kind == "season" and re.search(TROPICAL_SEASON, q.text) for q in plan.periods):
            # "the 2023 wet season", "la saison des pluies": the months read are the usual ones, said so
            lines.append(p.season_default.format(
                hemisphere=p.south_of_equator if (s + n) / 2 < 0 else p.north_of_equator))
    limits = []
    if it.collection == S2_L2A and it.cloud_mask:
        limits.append(p.limit_cloud_mask)
    elif it.collection in ("SENTINEL2_L1C", L8):
        limits.append(p.limit_no_cloud_mask)
    if "x.max() - x.min()" in code:
        limits.append(p.limit_range_change)
    if "x.min() / x.median()" in code:
        limits.append(p.limit_flood_drop)
    if it.task == "multisensor" and (set(it.landsat_missions) & {4, 5, 7} or (
            plan.periods and plan.periods[0].start < MISSION_START[L8])):
        limits.append(p.limit_old_landsat.format(l8_start=MISSION_START[L8], s2_start=MISSION_START[S2_L2A]))
    if it.task == "flood":
        limits.append(p.limit_flood)
    if it.task in ("slope", "hillshade", "aspect"):
        limits.append(p.limit_terrain)
    res = {"SENTINEL3_SLSTR_L2_LST": "1 km", "SENTINEL_5P_L2": p.res_s5p,
           "SENTINEL3_OLCI_L1B": "300 m", "COPERNICUS_30": "30 m", "LANDSAT8_L2": "30 m",
           "PROBAV_L3_S5_TOC_100M": "100 m"}.get(it.collection, "10 m" if it.task == "landcover" else "10-20 m")
    limits.append(p.limit_resolution.format(res=res))
    if (outcome.stats.simulated if outcome is not None and outcome.stats is not None else is_simulated(exec_text)):
        limits.append(p.limit_simulated)
    lines.append(p.limits.format(limits=p.semicolon.join(limits)))
    if repaired:
        lines.append(p.repaired.format(reason=repaired))
    if adjusted:
        lines.append(adjusted)
    if outcome is not None:
        lines.extend(result_lines(outcome, lang))
    elif stats := _stats_line(exec_text):
        lines.append(p.result_raw.format(stats=p.decimals(stats)))
    numbers = ((decision_sentences(outcome.decision, p, outcome.description) if outcome.decision else [])
               if outcome else decision_lines(exec_text))
    if numbers:
        lines.append("\n".join(numbers))
    if map_text:
        lines.append(p.map_shown)
    return "\n\n".join(lines)


def data_sources(plan: Plan, lang: str = "en") -> str:
    """The collections a workflow that combines sensors loads, each with its bands and window."""
    p = phrases(lang)
    it = plan.intent
    window = plan.periods[0] if plan.periods else None
    if it.task == "multisensor":
        parts = []
        for coll, w in multisensor_windows(plan):
            sensor = it.model_copy(update={"collection": coll, "task": "index"})
            bands = [S2_TO_L8.get(b, b) if coll == L8 else b for b in optical_bands(sensor)]
            parts.append(p.source_window.format(collection=coll, bands=", ".join(bands), start=w.start, end=w.end))
        return "; ".join(parts)
    if it.task == "fusion" and window is not None:
        fp = fusion_parts(it)
        return p.fusion_sources.format(optical=S2_L2A, optical_bands=", ".join(fp.optical_bands), radar="SENTINEL1_GRD",
                                       polarisations=", ".join(fp.polarisations), start=window.start, end=window.end)
    if it.landcover_mask and it.task == "index" and window is not None:
        # the index's collection and the land-cover map whose classes were masked out of it (codegen)
        return "; ".join([p.source_window.format(collection=it.collection, bands=", ".join(optical_bands(it)),
                                                 start=window.start, end=window.end),
                          p.source_window.format(collection="ESA_WORLDCOVER_10M_2021_V2", bands="MAP",
                                                 start=date(2021, 1, 1), end=date(2022, 1, 1))])
    return ""


def is_simulated(exec_text: str | None) -> bool:
    """The execute result says its data is simulated ("simulated=yes", "simulated data"), not "simulated=no"."""
    if not exec_text or re.search(r"simulated\s*[=:]\s*(no|false)", exec_text, re.I):
        return False
    return bool(re.search(r"simulated\s*[=:]\s*(yes|true)|simulated (data|earth)|\bsimulated\b", exec_text, re.I))


DECISION_HEADER = "Decision numbers:"  # tools/decision.py DecisionNumbers.to_text()


def _stats_line(exec_text: str | None) -> str:
    if not exec_text:
        return ""
    body = []
    for ln in exec_text.strip().splitlines()[1:]:
        if ln.strip() == DECISION_HEADER:
            break
        if ln.strip():
            body.append(ln.strip())
    return " ".join(body)[:400]


def decision_lines(exec_text: str | None) -> list[str]:
    """The decision numbers execute reported (areas, share, towns, severity, limits), quoted as they are."""
    lines = (exec_text or "").strip().splitlines()
    if DECISION_HEADER not in [ln.strip() for ln in lines]:
        return []
    start = [ln.strip() for ln in lines].index(DECISION_HEADER)
    return [ln.strip() for ln in lines[start + 1:] if ln.strip()]


def failed(plan: Plan | None, stage: str, detail: str, lang: str = "en") -> str:
    p = phrases(lang)
    first = detail.strip().splitlines()
    msg = "\n".join(first[:6])[:800]
    return p.failed.format(stage=getattr(p, f"stage_{stage}", stage), msg=msg)
