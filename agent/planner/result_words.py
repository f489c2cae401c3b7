"""The tools' typed results in the answer's language: a result's label (tools/result_kind.py
ResultDescription), its decision numbers (tools/decision.py DecisionNumbers), its per-band, per-table and
per-class summary (tools/summary_models.py ResultSummary) and its notes (tools/models.py ResultNote).

Composed from the typed fields and the language's phrase table (agent/planner/phrases.py), never from the
tools' English text (`to_text()`, which is what an LLM reads): in English the sentences are the tools'
own (tests/planner/test_planner_result_words.py holds them to it). Ids stay as they are: bands, indices,
collections, column names, file names; the words a table has no entry for (a quantity the planner never
computes) stay as the tool wrote them.
"""

from __future__ import annotations

from pathlib import PurePath

from agent.planner.phrases import Phrases
from tools.band_stats import MAX_STEPS_SHOWN, ValueStats
from tools.decision import MAX_TOWNS_TEXT, DecisionNumbers
from tools.models import ResultNote
from tools.result_kind import MaskTerm, ResultDescription, terms_text, threshold_text
from tools.summary_models import MAX_CLASSES_SHOWN, ResultSummary, TableSummary

SIGNS = {"lt": "<", "lte": "≤", "gt": ">", "gte": "≥", "eq": "=", "neq": "≠"}
RADAR_BANDS = {"VV", "VH", "HH", "HV"}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def unit_words(unit: str | None, p: Phrases) -> str:
    """A unit in words ("mask (0/1)", "degrees") in the language; symbols and ids (K, dB, mol/m2) as they are."""
    return p.units.get(unit or "", unit or "")


def mask_words(words: str | None, d: ResultDescription | None, p: Phrases) -> str:
    """What a mask's 1s are ("flooded", "water", "loss of NDVI", a land-cover class) in the language."""
    w = words or "mask"
    if d is not None and d.mask_terms and w == terms_text(d.mask_terms):
        return _joined_words(d.mask_terms, p)
    if w in p.mask_words:
        return p.mask_words[w]
    if w in p.class_names:
        return p.class_names[w]
    if d is not None and d.subject == "index_change" and d.index and d.comparison in SIGNS:
        return (p.loss_of if d.comparison in ("lt", "lte") else p.gain_of).format(index=d.index)
    return w  # joined masks ("flooded in cropland") as the tool wrote them


def _joined_words(terms: list[MaskTerm], p: Phrases) -> str:
    """Joined masks' words from their typed terms: "überflutet (Ackerland)", "anciennement eau"."""
    out = ""
    for t in terms:
        b = mask_words(t.words, None, p)
        out = p.mask_joins[t.join].format(a=out, b=b) if t.join else b
    return out


def quantity(d: ResultDescription, p: Phrases, kind: str | None = None) -> str:
    """What was measured (a mask's: before its threshold), from the kind, bands and index."""
    kind = kind or d.kind
    bands = [b for b in d.bands]
    if d.mask_terms and any(b in RADAR_BANDS for b in bands):  # a radar mask joined to a land-cover one
        bands = [b for b in bands if b in RADAR_BANDS]
    radar = bool(bands) and set(bands) <= RADAR_BANDS
    if kind == "change" and radar:
        return p.q_backscatter_change.format(bands=" ".join(bands))
    if kind == "db" and radar:
        return f"{p.q_ratio} (dB)" if len(bands) == 2 else p.q_backscatter_db.format(bands=" ".join(bands))
    if kind == "index_change":
        if d.quantity == "dNBR":
            return "dNBR"
        return p.q_nbr_change if d.index == "NBR" else p.q_change.format(q=d.index or "index")
    if kind in ("index", "change") and d.index:
        return d.index if kind == "index" else p.q_change.format(q=d.index)
    if kind in ("slope", "aspect"):
        return (p.label_slope if kind == "slope" else p.label_aspect).split(" (")[0]
    own = d.quantity if d.kind not in ("count", "share") else None  # theirs is the mask's label
    return own or d.index or ", ".join(d.bands) or p.q_values


def _mask_label(d: ResultDescription, p: Phrases, words: str | None) -> str:
    sign = SIGNS.get(d.comparison or "", "")
    cond = f" ({quantity(d, p, d.subject)} {sign} {threshold_text(d.threshold, d.threshold_unit)})" if d.threshold is not None and sign else ""
    return f"{_cap(mask_words(words, d, p))}{cond}"


def result_label(d: ResultDescription, p: Phrases) -> str:
    """A result's legend title in the language (tools/result_kind.py `_label` in English)."""
    k = d.kind
    if k == "mask":
        return _mask_label(d, p, d.words)
    if k in ("count", "share") and (d.mask_words or d.threshold is not None):
        return (p.label_count if k == "count" else p.label_share).format(q=_mask_label(d, p, d.mask_words))
    if k == "index":
        words = p.index_words.get(d.index or "")
        return p.label_index.format(index=d.index, words=words) if words else (d.index or d.quantity or d.label)
    if k == "index_change":
        return quantity(d, p)
    if k == "change":
        q = quantity(d, p)
        return f"{q} ({d.unit})" if d.unit and d.unit not in q else q
    if k == "db":
        q = quantity(d, p)
        return q if "dB" in q else f"{q} (dB)"
    if k == "classes":
        return p.label_classes.format(bands=", ".join(d.bands)) if d.bands else p.land_cover
    if k == "temperature":
        return p.label_temperature.format(unit="°C" if d.unit == "degC" else d.unit or "K")
    simple = {"elevation": p.label_elevation, "slope": p.label_slope, "aspect": p.label_aspect,
              "hillshade": p.label_hillshade, "rgb": p.label_rgb}
    if k in simple:
        return simple[k]
    if k == "reflectance":
        return p.label_reflectance.format(bands=", ".join(d.bands))
    if k == "radar":
        return p.label_radar.format(unit=unit_words(d.unit or "linear", p))
    if k in ("table", "timeseries"):
        if d.named_by:
            q = ", ".join(d.named_by[:4]) + (", ..." if len(d.named_by) > 4 else "")
        elif d.mask_words:
            sign = SIGNS.get(d.comparison or "", "")
            cond = f" ({quantity(d, p, d.subject)} {sign} {threshold_text(d.threshold, d.threshold_unit)})" if d.threshold is not None and sign else ""
            q = p.label_share_of.format(words=mask_words(d.mask_words, d, p)) + cond
        else:
            q = quantity(d, p, "index" if d.index else k)
        return (p.label_table if k == "table" else p.label_timeseries).format(q=q)
    if k in ("count", "share") or not (d.quantity or d.index):
        return d.label  # too little typed to compose: the tool's words
    q = quantity(d, p)
    return q if d.unit is None else f"{q} ({unit_words(d.unit, p)})"


# --- decision numbers --------------------------------------------------------------------------------------


def _pct(share: float, p: Phrases) -> str:
    """tools/decision.py `percent`: a share that never rounds a touch down to 0%."""
    return p.pct.format(v="<1") if 0 < share < 0.005 else p.pct.format(v=f"{100 * share:.0f}")


def decision_sentences(dn: DecisionNumbers, p: Phrases, d: ResultDescription | None = None) -> list[str]:
    """The decision numbers in sentences (tools/decision.py `DecisionNumbers.to_text()` in English, without
    its header): a mask's area, share and towns, burn severity classes, change beyond thresholds, limits."""
    lines = []
    words = mask_words(dn.words, d, p) if dn.words else None
    if dn.area_km2 is not None:
        lines.append(p.dec_area.format(what=_cap(words or p.mask_words["mask"]), area=p.decimal(dn.area_km2, 1),
                                       share=p.decimal(100 * (dn.share or 0), 1), mapped=p.decimal(dn.mapped_km2, 0)))
    if dn.towns:
        parts = [p.dec_town.format(name=t.name, population=p.number(t.population), km=p.decimal(t.distance_km, 1),
                                   share=_pct(t.share, p), words=words or p.dec_in_mask)
                 for t in dn.towns[:MAX_TOWNS_TEXT]]
        more = p.dec_more.format(n=len(dn.towns) - MAX_TOWNS_TEXT) if len(dn.towns) > MAX_TOWNS_TEXT else ""
        lines.append(p.dec_towns.format(words=words or p.mask_words["mask"], towns=p.semicolon.join(parts), more=more))
    elif dn.area_km2 is not None:
        lines.append(p.dec_no_town.format(words=words or p.mask_words["mask"]))
    if dn.severity:
        lines.append(p.dec_severity.format(classes=p.semicolon.join(
            f"{p.severity_classes.get(c.code or '', c.label)} {p.decimal(c.area_km2, 2)} km² ({p.pct.format(v=p.decimal(100 * c.share, 1))})"
            for c in dn.severity if c.area_km2 > 0)))
    if dn.crossed:
        lines.append(p.dec_crossed.format(items=p.semicolon.join(
            f"{p.thresholds.get(c.direction, c.direction)} {c.threshold:+g}: {p.decimal(c.area_km2, 2)} km² "
            f"({p.pct.format(v=p.decimal(100 * c.share, 1))})" for c in dn.crossed)))
    # a threshold limit without its value drops the empty brackets; numbers saved before the limits were typed
    # keep theirs as they were written
    limits = [p.decision_limits[lim.code].format(value=_limit_value(lim.code, lim.value, p)).replace(" ()", "")
              for lim in dn.limit_codes] or list(dn.limits)
    if limits:
        lines.append(p.dec_limits.format(limits=p.semicolon.join(limits)))
    return lines


def _limit_value(code: str, value: float | None, p: Phrases) -> str:
    if value is None:
        return ""
    return f"{value:.0f}" if code == "pixels" else f"{value:g}".replace(".", p.decimal_point)


# --- the summary: per band, table, classes ------------------------------------------------------------------


def table_lines(t: TableSummary, p: Phrases) -> list[str]:
    geometries = (p.geometry_one if t.geometries == 1 else p.geometry_many).format(n=t.geometries)
    dates = p.table_dates.format(n=len(t.dates), first=t.dates[0], last=t.dates[-1]) if t.dates else ""
    lines = [p.table_head.format(geometries=geometries, dates=dates, rows=t.n_rows, columns=", ".join(t.columns))]
    lines += [" | ".join(p.short(v, missing="") for v in row) for row in t.rows]
    if t.n_rows > len(t.rows):
        file = p.table_in.format(file=PurePath(t.csv_path).name) if t.csv_path else ""
        lines.append(p.table_more.format(n=t.n_rows - len(t.rows), file=file))
    for c in t.per_column:
        lines.append(p.column_stats.format(band=c.band, min=p.short(c.min, ""), max=p.short(c.max, ""),
                                             mean=p.short(c.mean, "")))
    return lines


def value_lines(v: ValueStats, p: Phrases, max_bands: int = 12) -> list[str]:
    """tools/band_stats.py `ValueStats.to_text()`: one line per band, then the time steps."""
    fmt = p.short
    lines = []
    for b in v.bands[:max_bands]:
        unit = f" {unit_words(b.unit, p)}" if b.unit else ""
        lines.append(p.band_stats.format(band=b.band, min=fmt(b.min), max=fmt(b.max), mean=fmt(b.mean), unit=unit,
                                         valid=f"{b.valid_fraction * 100:.0f}"))
    if len(v.bands) > max_bands:
        lines.append(p.more_bands.format(n=len(v.bands) - max_bands, bands=", ".join(b.band for b in v.bands[max_bands:])))
    if len(v.time_labels) > 1:
        lines.append(p.time_steps.format(n=len(v.time_labels), first=v.time_labels[0], last=v.time_labels[-1]))
        first_band = v.bands[0].band if v.bands else None
        shown = [s for s in v.steps if s.band == first_band]
        if len(shown) > MAX_STEPS_SHOWN:
            shown = shown[: MAX_STEPS_SHOWN // 2] + shown[-MAX_STEPS_SHOWN // 2:]
        if shown:
            lines.append(p.mean_per_step.format(band=first_band, steps=", ".join(f"{s.label}={fmt(s.mean)}" for s in shown)))
    return lines


def summary_lines(s: ResultSummary, p: Phrases) -> list[str]:
    """tools/summary_models.py `ResultSummary.to_text()` in the language."""
    lines: list[str] = []
    if s.table is not None:
        lines += table_lines(s.table, p)
    elif s.values is not None:
        plain = ValueStats(bands=[b for b in s.values.bands if b.band not in s.classes],
                           steps=[x for x in s.values.steps if x.band not in s.classes], time_labels=s.values.time_labels)
        if plain.bands:
            lines += value_lines(plain, p)
        elif len(s.values.time_labels) > 1:
            t = s.values.time_labels
            lines.append(p.time_steps.format(n=len(t), first=t[0], last=t[-1]))
    for band, shares in s.classes.items():
        shown = ", ".join(f"{c.value} {p.class_names.get(c.name, c.name)} {p.pct.format(v=p.decimal(c.share * 100, 1))}"
                          for c in shares[:MAX_CLASSES_SHOWN])
        more = p.more_classes.format(n=len(shares) - MAX_CLASSES_SHOWN) if len(shares) > MAX_CLASSES_SHOWN else ""
        lines.append(p.class_shares.format(band=band, shown=shown, more=more))
    return lines


# --- notes ----------------------------------------------------------------------------------------------------


def note_line(n: ResultNote, p: Phrases) -> str:
    """tools/models.py `ResultNote.to_text()` in the language."""
    if n.code == "small_area":
        return p.note_small_area.format(w=p.decimal(n.width_km or 0, 1), h=p.decimal(n.height_km or 0, 1), collection=n.collection,
                                        res=f"{n.res_m or 0:g}".replace(".", p.decimal_point))
    if n.code == "all_nodata":
        return p.note_all_nodata
    more = p.or_more if n.more else ""
    scenes = p.note_scenes.format(items=n.items, more=more) if n.items is not None and n.items != n.days else ""
    return p.note_time_steps.format(source=n.source or p.the_backend, days=n.days, more=more, collection=n.collection,
                                    start=n.start, end=n.end, scenes=scenes, what=p.note_count if n.count else p.note_share)
