"""The planner's final answers: what was computed, from which data, where and when, and limits."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from agent.planner.codegen import Plan, optical_bands
from agent.planner.intents import INDICES, L8, S2_L2A, S2_TO_L8, S5P, Intent
from agent.planner.methods import OPS
from agent.planner.workflows import MISSION_START, fusion_parts, multisensor_windows
from agent.planner.places import area_km2
from tools.models import ExecuteOutcome
from tools.numbers import short_number

CAPABILITIES = (
    "I can compute, for a place (by name or coordinates) and a time period:\n"
    "- spectral indices from Sentinel-2 or Landsat 8 (NDVI, EVI, SAVI, NDWI, MNDWI, NDMI, NBR/dNBR, NDSI, NDBI), "
    "as cloud-free composites, time series or change between two periods;\n"
    "- true- and false-colour composites (Sentinel-2, Sentinel-3 OLCI);\n"
    "- Sentinel-1 radar backscatter, VH/VV ratio and flood maps (before/after);\n"
    "- elevation, slope and hillshade from the Copernicus DEM, reprojected if you like;\n"
    "- land surface temperature (Sentinel-3 SLSTR), NO2/CO/O3/SO2/CH4 (Sentinel-5P) and ESA WorldCover classes.\n"
    "For example: \"NDVI of the farmland around Leuven for June 2023\" or "
    "\"flood map near Porto Alegre, April 2024 versus 1-15 May 2024\"."
)


def not_understood(text: str) -> str:
    return ("I could not tell which product you want from \"" + text.strip()[:200] + "\", so rather than "
            "guess I have not run anything.\n\n" + CAPABILITIES)


def no_place(text: str) -> str:
    return ("I understood what to compute but not where. Name a place (a city, region or country) or give "
            "coordinates, e.g. \"around 52.37 N, 4.90 E\" or a bbox \"bbox=[4.8, 52.3, 5.0, 52.4]\".")


def place_not_found(names: list[str]) -> str:
    tried = ", ".join(f"'{n}'" for n in names) or "the place"
    return (f"I could not find {tried} in the gazetteer. Try a nearby city or the region's name, or give "
            "coordinates (\"around 0.33 S, 36.10 E\") or a bbox (\"bbox=[west, south, east, north]\").")


def _quantity(it: Intent) -> str:
    if it.formula is not None:
        return it.formula.text
    if it.task == "lst":
        return "land surface temperature"
    if it.task in ("backscatter", "flood") or it.collection == "SENTINEL1_GRD":
        return "Sentinel-1 backscatter"
    if it.collection == S5P:
        return f"{it.product or 'NO2'} column density"
    return it.index or "NDVI"


def _threshold_words(it: Intent) -> str:
    t = it.threshold
    if t is None:
        return ""
    value = f"{t.value:g}{' ' + t.unit if t.unit else ''}"
    if t.unit == "K":
        value += f" ({t.value - 273.15:.4g} °C)"
    return f"{OPS[t.op]} {value}"


def _workflow_words(it: Intent) -> str | None:
    """What a community workflow computes, in words (the intent's task alone would misname it:
    a count of hot days is no 'per-pixel mean of land surface temperature')."""
    q = _quantity(it)
    if it.workflow == "count_days":
        cond = _threshold_words(it)
        return f"the number of days on which {q} was {cond}" if cond else f"the number of days meeting the condition on {q}"
    if it.workflow == "statistics":
        return f"the per-pixel {', '.join(s.label for s in it.stats) or 'mean, sd'} of {q} over time, one band each"
    return {
        "rvi": "the radar vegetation index (RVI = 4·VH / (VV + VH)) from Sentinel-1",
        "oil_slick": "dark spots in Sentinel-1 VV backscatter below their local mean (possible oil slicks)",
        "soil_moisture": "the percent change in mean Sentinel-1 VV backscatter between the two periods (a soil-moisture "
                         "proxy)" if it.percent_change else
                         "the change in Sentinel-1 backscatter between the two periods (a soil-moisture proxy)",
        "best_pixel": "a best-pixel composite (the least cloudy observation per pixel)",
        "fusion": "a fusion of Sentinel-1 radar and Sentinel-2 optical data",
        "zonal_landcover": "the share of each land-cover class",
        "multisensor": f"a multi-sensor {q} record",
        "moving_window": f"a moving-window mean of {q}",
    }.get(it.workflow or "")


def describe(plan: Plan) -> str:
    it = plan.intent
    words = _workflow_words(it)
    if words:
        return f"a time series of {words}, averaged over the area" if it.timeseries and it.workflow != "statistics" else words
    if it.task == "index":
        d = INDICES.get(it.index or "NDVI")
        name = "dNBR (burn severity)" if it.change and it.index == "NBR" else f"{it.index} ({d.title if d else ''})"
        what = f"the {'percent ' if it.percent_change else ''}change in {name}" if it.change and it.index != "NBR" else name
    else:
        what = {
            "rgb": {"true": "a true-colour composite", "false": "a false-colour composite",
                    "swir": "a SWIR composite (B12, B8A, B04)"}[it.palette],
            "composite": "a multi-band composite", "flood": "a flood mask from the Sentinel-1 VV backscatter drop",
            "backscatter": "Sentinel-1 backscatter in dB", "ratio": "the Sentinel-1 VH/VV ratio in dB",
            "dem": "the Copernicus GLO-30 elevation",
            "slope": f"a mask of slopes {OPS[it.threshold.op]} {it.threshold.value:g}° (1 where they are)"
                     if it.threshold else "slope in degrees",
            "aspect": "aspect in degrees", "hillshade": f"a hillshade (sun azimuth {it.azimuth:g}°, altitude {it.altitude:g}°)",
            "lst": f"land surface temperature ({'°C' if it.celsius and not it.threshold else 'kelvin'})", "atmosphere": f"{it.product or 'NO2'} column density",
            "landcover": "an ESA WorldCover land-cover mask",
            "fusion": "a Sentinel-2 and Sentinel-1 stack in one cube (optical median, radar mean in dB)",
            "multisensor": f"a{' ' + it.period + 'ly' if it.period else 'n'} {it.index or 'NDVI'} record from Sentinel-2 "
                           "and Landsat 8-9 averaged over the area, one column per sensor",
        }.get(it.task, it.task)
    if it.task == "multisensor":
        pass
    elif it.change and it.percent_change and it.task in ("lst", "atmosphere", "backscatter") and len(plan.periods) >= 2:
        what = f"the percent change in {what} between the two periods (later minus earlier, in percent of the earlier)"
    elif it.change and it.task in ("lst", "atmosphere", "backscatter") and len(plan.periods) >= 2:
        what = f"the change in {what} between the two periods (the later per-pixel mean minus the earlier)"
    elif it.every_date and not it.period:
        what = f"{what} for every acquisition (each date kept)"
    elif it.timeseries:
        what = f"a time series of {what}, averaged over the area"
    elif it.period:
        what = f"the {it.period}ly {it.reducer} of {what}"
    elif it.task in ("index", "rgb", "composite", "lst", "atmosphere", "backscatter", "ratio") and not it.change:
        what = f"the per-pixel {it.reducer} of {what}"
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


def result_lines(outcome: ExecuteOutcome) -> list[str]:
    """The numbers of a result in sentences, from the typed outcome: what it is, its range and unit,
    per band, date, class or geometry when it has several, what the numbers alone do not say."""
    s, fmt = outcome.stats, short_number
    if s is None:
        return []
    label = outcome.description.label if outcome.description else "the result"
    unit = f" [{s.unit}]" if s.unit and s.unit != "unknown" else ""
    summary = outcome.summary
    several = summary is not None and ((summary.values is not None and len(summary.values.bands) > 1)
                                       or summary.table is not None or bool(summary.classes))
    lines = []
    if not several:
        lines.append(f"Result — {label}: values {fmt(s.min)} to {fmt(s.max)}, mean {fmt(s.mean)}{unit}; "
                     f"{fmt((s.valid_fraction or 0) * 100)}% of the values are valid.")
    else:
        lines.append(f"Result — {label}:")
    if s.series and not several:
        shown = ", ".join(f"{d} {fmt(v)}" for d, v in s.series[:12])
        lines.append(f"Values by date: {shown}" + (f" ... ({len(s.series)} dates)" if len(s.series) > 12 else "") + ".")
    if several and summary is not None:
        lines.append(summary.to_text())
    if outcome.note:
        lines.append(outcome.note)
    return lines


def final_answer(plan: Plan, exec_text: str | None, map_text: str | None, repaired: str | None,
                 code: str = "", adjusted: str | None = None, outcome: ExecuteOutcome | None = None) -> str:
    it = plan.intent
    w, s, e, n = plan.bbox
    lines = [f"I computed {describe(plan)} for {plan.place or 'the area you gave'} "
             f"(bbox {w:.3f}, {s:.3f}, {e:.3f}, {n:.3f}; about {area_km2(plan.bbox):,.0f} km²)."]
    bands: list[str] = []
    if it.collection in (S2_L2A, "SENTINEL2_L1C", L8) and it.task in ("index", "rgb", "composite"):
        bands = optical_bands(it)
        if it.collection == L8:
            bands = [S2_TO_L8.get(b, b) for b in bands]
    elif it.task == "lst":
        bands = ["B10"] if it.collection == L8 else ["LST"]
    elif it.task == "flood":
        bands = ["VV"]
    elif it.task == "ratio":
        bands = ["VH", "VV"]
    elif it.collection == S5P:
        bands = [it.product or "NO2"]
    data = f"Data: {it.collection}" + (f", bands {', '.join(bands)}" if bands else "")
    sources = data_sources(plan)
    lines.append((f"Data: {sources}" if sources else data) + ".")
    if it.task not in ("dem", "slope", "aspect", "hillshade", "landcover"):
        if len(plan.periods) >= 2 and (it.change or it.task == "flood"):
            b, a = plan.periods[0], plan.periods[-1]
            lines.append(f"Dates: before {b.start} to {b.end} and after {a.start} to {a.end} (end dates exclusive).")
        else:
            p = plan.periods[0]
            lines.append(f"Dates: {p.start} to {p.end} (end date exclusive).")
    limits = []
    if it.collection == S2_L2A and it.cloud_mask:
        limits.append("clouds, shadows and cirrus were masked with the SCL band; persistent clouds leave gaps")
    elif it.collection in ("SENTINEL2_L1C", L8):
        limits.append("no cloud mask was applied (top-of-atmosphere or Landsat data); the median suppresses most clouds")
    if "x.max() - x.min()" in code:
        limits.append("this backend cannot combine two composites (no merge_cubes), so the change is the per-pixel "
                      "range of the index over both periods: its size, not its sign; on CDSE subtract the two "
                      "period composites instead")
    if "x.min() / x.median()" in code:
        limits.append("this backend cannot combine two composites (no merge_cubes), so the flood drop is the "
                      "temporal minimum against the temporal median of the whole window")
    if it.task == "multisensor" and (set(it.landsat_missions) & {4, 5, 7} or (
            plan.periods and plan.periods[0].start < MISSION_START[L8])):
        limits.append(f"Landsat 4/5 TM and 7 ETM+ are not served by this backend (nor by CDSE), so the record starts "
                      f"with Landsat 8 on {MISSION_START[L8]} (Sentinel-2 from {MISSION_START[S2_L2A]}); "
                      "the years before are missing")
    if it.task == "flood":
        limits.append("a backscatter drop also occurs on wet soil or after harvest; permanent water is included")
    if it.task in ("slope", "hillshade", "aspect"):
        limits.append("terrain derivatives were computed with 3x3 Sobel kernels on a 30 m UTM grid")
    res = {"SENTINEL3_SLSTR_L2_LST": "1 km", "SENTINEL_5P_L2": "about 5.5 x 3.5 km",
           "SENTINEL3_OLCI_L1B": "300 m", "COPERNICUS_30": "30 m", "LANDSAT8_L2": "30 m"}.get(it.collection, "10-20 m")
    limits.append(f"the native resolution is {res}")
    if (outcome.stats.simulated if outcome is not None and outcome.stats is not None else is_simulated(exec_text)):
        limits.append("the embedded backend answered with SIMULATED data, so the values illustrate the method, "
                      "not the real conditions; run the same code on CDSE for real data")
    lines.append("Limits: " + "; ".join(limits) + ".")
    if repaired:
        lines.append(f"The first draft was rejected ({repaired}); I repaired it once.")
    if adjusted:
        lines.append(adjusted)
    if outcome is not None:
        lines.extend(result_lines(outcome))
    elif stats := _stats_line(exec_text):
        lines.append("Result: " + stats)
    numbers = (outcome.decision.to_text().splitlines()[1:] if outcome.decision else []) if outcome else decision_lines(exec_text)
    if numbers:
        lines.append("\n".join(numbers))
    if map_text:
        lines.append("The map is shown beside the chat; the code runs unchanged on the Copernicus Data Space Ecosystem.")
    return "\n\n".join(lines)


def data_sources(plan: Plan) -> str:
    """The collections a workflow that combines sensors loads, each with its bands and window."""
    it = plan.intent
    p = plan.periods[0] if plan.periods else None
    if it.task == "multisensor":
        parts = []
        for coll, w in multisensor_windows(plan):
            sensor = it.model_copy(update={"collection": coll, "task": "index"})
            bands = [S2_TO_L8.get(b, b) if coll == L8 else b for b in optical_bands(sensor)]
            parts.append(f"{coll} ({', '.join(bands)}) {w.start} to {w.end}")
        return "; ".join(parts)
    if it.task == "fusion" and p is not None:
        fp = fusion_parts(it)
        return (f"{S2_L2A} ({', '.join(fp.optical_bands)}) and SENTINEL1_GRD ({', '.join(fp.polarisations)}), "
                f"{p.start} to {p.end}")
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


def failed(plan: Plan | None, stage: str, detail: str) -> str:
    first = detail.strip().splitlines()
    msg = "\n".join(first[:6])[:800]
    return (f"I could not complete the request: the {stage} step failed.\n\n{msg}\n\n"
            "The drafted code is in the code tab; you can edit it and run it again, or rephrase the request.")
