"""Colour for results: which colour map and legend suit a quantity, and turning arrays into RGBA.

NDVI greens, water blues, temperature, terrain for elevation, greys for radar dB, stretched RGB
composites, and categorical classes (from the collection's `classification:classes`) with a
swatch legend.
"""

from __future__ import annotations

import html

import numpy as np
from pydantic import BaseModel

from tools.context import ToolContext
from tools.models import GraphSummary


class Style(BaseModel):
    name: str  # ndvi | water | temperature | elevation | radar_db | radar | pollution | landcover | rgb | generic
    cmap: str
    vmin: float | None = None
    vmax: float | None = None
    label: str = ""


def choose_style(processes: list[str], collections: list[str], bands: list[str], unit: str | None, n_bands: int) -> Style:
    pset, cols, u = set(processes), " ".join(collections).upper(), (unit or "").lower()
    if {"ndvi"} & pset or (pset & {"normalized_difference"} and not any(b in ("B03", "B11") for b in bands[:1])):
        return Style(name="ndvi", cmap="RdYlGn", vmin=-0.2, vmax=0.9, label="NDVI")
    if "normalized_difference" in pset:
        return Style(name="water", cmap="Blues", vmin=-0.5, vmax=0.8, label="Water index")
    if "WORLDCOVER" in cols or "LANDCOVER" in cols:
        return Style(name="landcover", cmap="tab20", label="Land cover class")
    if "COPERNICUS_30" in cols or "DEM" in cols or u == "m" and "DEM" in cols:
        return Style(name="elevation", cmap="terrain", label="Elevation (m)")
    if "LST" in cols or u in ("k", "kelvin", "°c", "degc") or "temperature" in u:
        return Style(name="temperature", cmap="RdYlBu_r", label=f"Temperature ({unit or 'K'})")
    if "SENTINEL1" in cols:
        if "log" in pset or u == "db":
            return Style(name="radar_db", cmap="Greys_r", vmin=-25, vmax=0, label="Backscatter (dB)")
        return Style(name="radar", cmap="Greys_r", label="Backscatter (linear)")
    if "5P" in cols:
        return Style(name="pollution", cmap="YlOrRd", label=f"{bands[0] if bands else 'Column'} ({unit or 'mol/m²'})")
    if n_bands == 3:
        return Style(name="rgb", cmap="", label="RGB composite (2–98% stretch)")
    return Style(name="generic", cmap="viridis", label=unit or "value")


def stretch(a: np.ndarray, lo: float | None, hi: float | None) -> tuple[np.ndarray, float, float]:
    finite = a[np.isfinite(a)]
    if lo is None or hi is None:
        lo2, hi2 = (np.percentile(finite, [2, 98]) if finite.size else (0.0, 1.0))
        lo, hi = (lo if lo is not None else float(lo2)), (hi if hi is not None else float(hi2))
    if hi <= lo:
        hi = lo + 1e-6
    return np.clip((a - lo) / (hi - lo), 0, 1), float(lo), float(hi)


def colorize(band: np.ndarray, style: Style) -> tuple[np.ndarray, float, float]:
    import matplotlib

    norm, lo, hi = stretch(band, style.vmin, style.vmax)
    rgba = (matplotlib.colormaps[style.cmap](np.nan_to_num(norm)) * 255).astype("uint8")
    rgba[~np.isfinite(band)] = 0
    return rgba, lo, hi


def rgb_composite(arr: np.ndarray) -> np.ndarray:
    chans = [stretch(arr[i], None, None)[0] for i in range(3)]
    rgb = (np.nan_to_num(np.stack(chans, axis=-1)) * 255).astype("uint8")
    alpha = np.where(np.all(np.isfinite(arr[:3]), axis=0), 255, 0).astype("uint8")
    return np.dstack([rgb, alpha])


def gradient_legend(style: Style, lo: float, hi: float) -> str:
    import matplotlib

    if style.name == "rgb":
        return f'<div class="oa-legend"><b>{html.escape(style.label)}</b></div>'
    cmap = matplotlib.colormaps[style.cmap]
    stops = ", ".join(f"rgb({int(r * 255)},{int(g * 255)},{int(b * 255)}) {i * 10}%" for i, (r, g, b, _) in enumerate(cmap(np.linspace(0, 1, 11))))
    return (f'<div class="oa-legend"><b>{html.escape(style.label)}</b>'
            f'<div style="height:12px;width:180px;background:linear-gradient(to right,{stops})"></div>'
            f'<div style="display:flex;justify-content:space-between"><span>{lo:.3g}</span><span>{hi:.3g}</span></div></div>')


CLASS_COLOURS = [  # by words in a class description; the ESA WorldCover palette, generic for land-cover legends
    (("tree", "forest"), "#006400"), (("shrub",), "#ffbb22"), (("grass",), "#ffff4c"), (("crop",), "#f096ff"),
    (("built", "urban"), "#fa0000"), (("bare", "sparse"), "#b4b4b4"), (("snow", "ice"), "#f0f0f0"),
    (("water",), "#0064c8"), (("wetland",), "#0096a0"), (("mangrove",), "#00cf75"), (("moss", "lichen"), "#fae6a0"),
    (("cloud",), "#ffffff"), (("shadow",), "#404040"), (("vegetation",), "#33a02c"),
]


def class_table(ctx: ToolContext, summary: GraphSummary) -> list[tuple[int, str, str]]:
    """(value, description, colour) of the loaded band's classes, when the result is that band unchanged."""
    from tools.sandbox.snapshot import get_snapshot

    arithmetic = {"ndvi", "normalized_difference", "add", "subtract", "multiply", "divide", "mean", "median", "apply", "linear_scale_range"}
    if len(summary.collections) != 1 or len(summary.bands) != 1 or arithmetic & set(summary.processes):
        return []
    doc = get_snapshot(ctx.backend, collection_ids=set(summary.collections)).collection(summary.collections[0]) or {}
    band = next((b for b in (doc.get("summaries") or {}).get("raster:bands", []) if b.get("name") == summary.bands[0]), {})
    import matplotlib

    fallback = matplotlib.colormaps["tab20"]
    table = []
    for i, c in enumerate(band.get("classification:classes") or []):
        desc = str(c.get("description") or c.get("name") or c.get("value"))
        colour = c.get("color_hint") and "#" + str(c["color_hint"]).lstrip("#")
        colour = colour or next((col for words, col in CLASS_COLOURS if any(w in desc.lower() for w in words)), None)
        colour = colour or matplotlib.colors.to_hex(fallback(i % 20))
        table.append((int(c["value"]), desc, colour))
    return table


def categorical(band: np.ndarray, table: list[tuple[int, str, str]]) -> np.ndarray:
    import matplotlib

    rgba = np.zeros(band.shape + (4,), dtype="uint8")
    for value, _, colour in table:
        r, g, b = (int(x * 255) for x in matplotlib.colors.to_rgb(colour))
        rgba[band == value] = (r, g, b, 255)
    return rgba


def class_legend(label: str, table: list[tuple[int, str, str]], present: set[int]) -> str:
    rows = "".join(
        f'<div><span style="display:inline-block;width:12px;height:12px;background:{c};border:1px solid #888;margin-right:4px"></span>'
        f"{v} {html.escape(d)}</div>"
        for v, d, c in table if v in present
    )
    return f'<div class="oa-legend"><b>{html.escape(label)}</b>{rows}</div>'
