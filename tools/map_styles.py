"""Colour by what a result is (tools/result_kind.py): `style_for(description)`, arrays to RGBA, legends.

- mask: its 1s in a strong colour chosen by what they are (flooded / water blue, burnt red,
  vegetation green, otherwise magenta), its 0s transparent, a legend in words;
- index change and other changes: a diverging map centred on 0 (symmetric limits), dNBR in
  the USGS severity classes;
- counts: a sequential map with whole-number ticks; shares 0..1;
- classes: the collection's class table with names and colours;
- hillshade: grey shaded relief; dB greys; indices, temperature, elevation, slope, aspect and RGB
  their usual ramps.
"""

from __future__ import annotations

import html

import numpy as np
from pydantic import BaseModel

from tools.result_kind import ClassEntry, ResultDescription

MASK_COLOURS = {"flooded": "#0a3cff", "water": "#0a3cff", "burnt": "#e8102e", "vegetation": "#10a020", "hot": "#ff5a00"}
MASK_DEFAULT = "#d000d0"
SEVERITY_COLOURS = ["#1a9850", "#91cf60", "#d9d9d9", "#fee08b", "#fdae61", "#f46d43", "#a50026"]  # USGS dNBR classes


class Style(BaseModel):
    name: str  # mask | change | count | share | classes | hillshade | db | radar | ndvi | index | temperature | elevation | slope | aspect | rgb | generic
    cmap: str = ""
    vmin: float | None = None
    vmax: float | None = None
    label: str = ""
    symmetric: bool = False  # limits symmetric around 0 (diverging)
    integer: bool = False  # whole-number ticks
    colour: str | None = None  # a mask's colour
    words: str | None = None  # a mask's meaning of 1
    severity: bool = False  # dNBR drawn in USGS classes


def style_for(desc: ResultDescription, n_bands: int = 1) -> Style:
    k, label = desc.kind, desc.label
    if k == "mask":
        words = desc.words or "mask"
        return Style(name="mask", label=label, colour=MASK_COLOURS.get(words, MASK_DEFAULT), words=words)
    if k == "index_change" and (desc.quantity or "").startswith("dNBR"):
        return Style(name="change", cmap="RdYlGn_r", vmin=-0.5, vmax=0.9, label=label, severity=True)
    if k in ("index_change", "change"):
        return Style(name="change", cmap="RdBu" if k == "index_change" else "PuOr", label=label, symmetric=True)
    if k == "count":
        return Style(name="count", cmap="YlGnBu", vmin=0, label=label, integer=True)
    if k == "share":
        return Style(name="share", cmap="Blues", vmin=0, vmax=1, label=label)
    if k == "classes":
        return Style(name="classes", label=label)
    if k == "hillshade":
        return Style(name="hillshade", cmap="Greys_r", vmin=0, vmax=1, label=label)
    if k == "db":
        return Style(name="db", cmap="Greys_r", vmin=-25, vmax=0, label=label) if "ratio" not in label.lower() else \
            Style(name="db", cmap="Greys_r", label=label)
    if k == "radar":
        return Style(name="radar", cmap="Greys_r", label=label)
    if k == "index":
        if desc.index in ("NDVI", "EVI"):
            return Style(name="ndvi", cmap="RdYlGn", vmin=-0.2, vmax=0.9, label=label)
        if desc.index in ("NDWI", "MNDWI"):
            return Style(name="index", cmap="BrBG", vmin=-0.8, vmax=0.8, label=label)
        if desc.index == "NBR":
            return Style(name="index", cmap="RdYlGn", vmin=-0.5, vmax=0.8, label=label)
        return Style(name="index", cmap="viridis", label=label)
    if k == "temperature":
        return Style(name="temperature", cmap="RdYlBu_r", label=label)
    if k == "elevation":
        return Style(name="elevation", cmap="terrain", label=label)
    if k == "slope":
        return Style(name="slope", cmap="YlOrBr", vmin=0, vmax=45, label=label)
    if k == "aspect":
        return Style(name="aspect", cmap="twilight", vmin=0, vmax=360, label=label)
    if k == "rgb" or n_bands == 3 and k in ("reflectance", "values"):
        return Style(name="rgb", label="RGB composite (2–98% stretch)")
    if desc.collections and any("5P" in c for c in desc.collections):
        return Style(name="pollution", cmap="YlOrRd", label=label)
    return Style(name="generic", cmap="viridis", label=label)


# -------------------------------------------------------------------------------------------
# Arrays to RGBA
# -------------------------------------------------------------------------------------------


def stretch(a: np.ndarray, lo: float | None, hi: float | None) -> tuple[np.ndarray, float, float]:
    finite = a[np.isfinite(a)]
    if lo is None or hi is None:
        lo2, hi2 = (np.percentile(finite, [2, 98]) if finite.size else (0.0, 1.0))
        lo, hi = (lo if lo is not None else float(lo2)), (hi if hi is not None else float(hi2))
    if hi <= lo:
        hi = lo + 1e-6
    return np.clip((a - lo) / (hi - lo), 0, 1), float(lo), float(hi)


def limits(band: np.ndarray, style: Style) -> tuple[float | None, float | None]:
    finite = band[np.isfinite(band)]
    if style.symmetric:
        m = float(np.percentile(np.abs(finite), 98)) if finite.size else 1.0
        return -(m or 1.0), (m or 1.0)
    if style.integer:
        hi = float(np.nanmax(finite)) if finite.size else 1.0
        return 0.0, max(1.0, float(np.ceil(hi)))
    return style.vmin, style.vmax


def colorize(band: np.ndarray, style: Style) -> tuple[np.ndarray, float, float]:
    import matplotlib

    if style.name == "mask":
        return mask_rgba(band, style.colour or MASK_DEFAULT), 0.0, 1.0
    if style.severity:
        return severity_rgba(band), -0.5, 0.9
    lo, hi = limits(band, style)
    norm, lo, hi = stretch(band, lo, hi)
    # the colormap's own lookup table indexed as matplotlib indexes it (int(x * N), the top end
    # in the last entry): the same colours as calling the colormap on every pixel, several times faster
    cmap = matplotlib.colormaps[style.cmap]
    lut = (cmap(np.arange(cmap.N)) * 255).astype("uint8")
    index = np.minimum((np.nan_to_num(norm) * cmap.N).astype(np.int32), cmap.N - 1)
    rgba = lut[index]
    rgba[~np.isfinite(band)] = 0
    return rgba, lo, hi


def _rgb(colour: str) -> tuple[int, int, int]:
    import matplotlib

    return tuple(int(round(x * 255)) for x in matplotlib.colors.to_rgb(colour))  # type: ignore[return-value]


def mask_rgba(band: np.ndarray, colour: str) -> np.ndarray:
    """1s opaque in `colour`, 0s and nodata transparent."""
    rgba = np.zeros(band.shape + (4,), dtype="uint8")
    on = np.isfinite(band) & (band > 0.5)
    rgba[on] = (*_rgb(colour), 255)
    return rgba


def severity_rgba(band: np.ndarray) -> np.ndarray:
    from tools.decision import DNBR_CLASSES

    rgba = np.zeros(band.shape + (4,), dtype="uint8")
    for (label, lo, hi), colour in zip(DNBR_CLASSES, SEVERITY_COLOURS):
        sel = np.isfinite(band) & (band >= lo) & (band < hi)
        alpha = 90 if label == "unburned" else 255
        rgba[sel] = (*_rgb(colour), alpha)
    return rgba


def rgb_composite(arr: np.ndarray) -> np.ndarray:
    chans = [stretch(arr[i], None, None)[0] for i in range(3)]
    rgb = (np.nan_to_num(np.stack(chans, axis=-1)) * 255).astype("uint8")
    alpha = np.where(np.all(np.isfinite(arr[:3]), axis=0), 255, 0).astype("uint8")
    return np.dstack([rgb, alpha])


def categorical(band: np.ndarray, table: list[ClassEntry]) -> np.ndarray:
    rgba = np.zeros(band.shape + (4,), dtype="uint8")
    for c in table:
        rgba[band == c.value] = (*_rgb(c.colour or "#888888"), 255)
    return rgba


# -------------------------------------------------------------------------------------------
# Legends (HTML)
# -------------------------------------------------------------------------------------------


def _swatch(colour: str, alpha: float = 1.0) -> str:
    return (f'<span class="oa-swatch" style="background:{colour};opacity:{alpha};display:inline-block;width:14px;height:14px;'
            f'border:1px solid #666;margin-right:6px;vertical-align:middle"></span>')


def _ticks(lo: float, hi: float, integer: bool) -> list[float]:
    if integer:
        step = max(1, int(np.ceil((hi - lo) / 4)))
        return [float(v) for v in range(int(lo), int(hi) + 1, step)]
    return [float(v) for v in np.linspace(lo, hi, 5)]


def legend_html(style: Style, lo: float = 0.0, hi: float = 1.0, classes: list[ClassEntry] | None = None,
                present: set[int] | None = None) -> str:
    import matplotlib

    title = f'<div class="oa-legend-title"><b>{html.escape(style.label)}</b></div>'
    if style.name == "mask":
        words = html.escape(style.words or "mask")
        body = (f'<div class="oa-legend-row">{_swatch(style.colour or MASK_DEFAULT)}{words}</div>'
                f'<div class="oa-legend-row">{_swatch("#ffffff", 0.4)}not {words} (transparent)</div>')
    elif style.severity:
        from tools.decision import DNBR_CLASSES

        body = "".join(f'<div class="oa-legend-row">{_swatch(c)}{html.escape(label)}</div>'
                       for (label, _, _), c in zip(DNBR_CLASSES, SEVERITY_COLOURS))
    elif style.name == "classes":
        rows = [c for c in classes or [] if present is None or c.value in present]
        body = "".join(f'<div class="oa-legend-row">{_swatch(c.colour or "#888")}{c.value} {html.escape(c.name)}</div>' for c in rows)
    elif style.name == "rgb":
        body = ""
    else:
        cmap = matplotlib.colormaps[style.cmap]
        stops = ", ".join(f"rgb({int(r * 255)},{int(g * 255)},{int(b * 255)}) {i * 10}%"
                          for i, (r, g, b, _) in enumerate(cmap(np.linspace(0, 1, 11))))
        ticks = "".join(f"<span>{v:.0f}</span>" if style.integer else f"<span>{v:.3g}</span>" for v in _ticks(lo, hi, style.integer))
        body = (f'<div class="oa-ramp" style="height:12px;width:200px;background:linear-gradient(to right,{stops})"></div>'
                f'<div class="oa-ticks" style="display:flex;justify-content:space-between;width:200px">{ticks}</div>')
        if style.symmetric:
            body += '<div class="oa-legend-note">centred on 0 (no change)</div>'
    return title + body


CLASS_COLOURS = [  # by words in a class description; the ESA WorldCover palette, generic for land-cover legends
    (("tree", "forest"), "#006400"), (("shrub",), "#ffbb22"), (("grass",), "#ffff4c"), (("crop",), "#f096ff"),
    (("built", "urban"), "#fa0000"), (("bare", "sparse"), "#b4b4b4"), (("snow", "ice"), "#f0f0f0"),
    (("water",), "#0064c8"), (("wetland",), "#0096a0"), (("mangrove",), "#00cf75"), (("moss", "lichen"), "#fae6a0"),
    (("cloud",), "#ffffff"), (("shadow",), "#404040"), (("vegetation",), "#33a02c"),
]


def with_colours(classes: list[ClassEntry]) -> list[ClassEntry]:
    """The class table with a colour for every class: its color_hint, else by its name, else tab20."""
    import matplotlib

    fallback = matplotlib.colormaps["tab20"]
    out = []
    for i, c in enumerate(classes):
        colour = c.colour or next((col for words, col in CLASS_COLOURS if any(w in c.name.lower() for w in words)), None)
        out.append(c.model_copy(update={"colour": colour or matplotlib.colors.to_hex(fallback(i % 20))}))
    return out
