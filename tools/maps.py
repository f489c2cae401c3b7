"""`render_map()`: a self-contained folium map (map.html) of the last result.

Rasters are reprojected to EPSG:4326 with rasterio and drawn as inline PNG overlays with a
colour map and legend suited to the quantity (NDVI greens, water blues, temperature, terrain
for elevation, greys for radar dB, stretched RGB composites), a layer control, the AOI outline
and a visible "SIMULATED DATA" label when the data is simulated. Time series (JSON/CSV) get a
matplotlib chart (chart.png) and a map with the AOI. Leaflet's JS/CSS are inlined from
tools/map_assets (no CDN); a basemap tile layer is optional, with a plain background offline.
"""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path

import folium
import numpy as np
from pydantic import BaseModel

from agent.events import MapReady
from tools.context import ToolContext
from tools.models import MapOutcome, ToolOptions, ValidationIssue
from tools.results import netcdf_to_geotiff, read_raster, read_timeseries
from tools.sandbox.graph import summarize

ASSETS = Path(__file__).with_name("map_assets")
MAX_PIXELS = 1600  # longest side of the displayed overlay


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


def _stretch(a: np.ndarray, lo: float | None, hi: float | None) -> tuple[np.ndarray, float, float]:
    finite = a[np.isfinite(a)]
    if lo is None or hi is None:
        lo2, hi2 = (np.percentile(finite, [2, 98]) if finite.size else (0.0, 1.0))
        lo, hi = (lo if lo is not None else float(lo2)), (hi if hi is not None else float(hi2))
    if hi <= lo:
        hi = lo + 1e-6
    return np.clip((a - lo) / (hi - lo), 0, 1), float(lo), float(hi)


def _png_data_url(rgba: np.ndarray) -> str:
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(rgba, mode="RGBA").save(buf, format="PNG", compress_level=3)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def to_4326(path: Path) -> tuple[np.ndarray, tuple[float, float, float, float]]:
    """The raster's bands reprojected to EPSG:4326 (NaN nodata), and its W S E N bounds."""
    from rasterio.crs import CRS
    from rasterio.warp import Resampling, calculate_default_transform, reproject

    arr, info = read_raster(path)
    src_crs = info["crs"] or CRS.from_epsg(4326)
    dst = CRS.from_epsg(4326)
    b = info["bounds"]
    scale = max(info["width"], info["height"]) / MAX_PIXELS
    w, h = info["width"], info["height"]
    if scale > 1:
        w, h = int(w / scale), int(h / scale)
    transform, width, height = calculate_default_transform(src_crs, dst, info["width"], info["height"], *b, dst_width=w, dst_height=h)
    out = np.full((arr.shape[0], height, width), np.nan, dtype="float32")
    for i in range(arr.shape[0]):
        reproject(arr[i], out[i], src_transform=info["transform"], src_crs=src_crs, dst_transform=transform, dst_crs=dst,
                  resampling=Resampling.nearest, src_nodata=np.nan, dst_nodata=np.nan)
    west, north = transform.c, transform.f
    east, south = west + transform.a * width, north + transform.e * height
    return out, (west, south, east, north)


def _colorize(band: np.ndarray, style: Style) -> tuple[np.ndarray, float, float]:
    import matplotlib

    norm, lo, hi = _stretch(band, style.vmin, style.vmax)
    rgba = (matplotlib.colormaps[style.cmap](np.nan_to_num(norm)) * 255).astype("uint8")
    rgba[~np.isfinite(band)] = 0
    return rgba, lo, hi


def _rgb(arr: np.ndarray) -> np.ndarray:
    chans = [_stretch(arr[i], None, None)[0] for i in range(3)]
    rgb = (np.nan_to_num(np.stack(chans, axis=-1)) * 255).astype("uint8")
    alpha = np.where(np.all(np.isfinite(arr[:3]), axis=0), 255, 0).astype("uint8")
    return np.dstack([rgb, alpha])


def _legend(style: Style, lo: float, hi: float) -> str:
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


def class_table(ctx: ToolContext, summary) -> list[tuple[int, str, str]]:
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


def _categorical(band: np.ndarray, table: list[tuple[int, str, str]]) -> np.ndarray:
    import matplotlib

    rgba = np.zeros(band.shape + (4,), dtype="uint8")
    for value, _, colour in table:
        r, g, b = (int(x * 255) for x in matplotlib.colors.to_rgb(colour))
        rgba[band == value] = (r, g, b, 255)
    return rgba


def _class_legend(label: str, table: list[tuple[int, str, str]], present: set[int]) -> str:
    rows = "".join(
        f'<div><span style="display:inline-block;width:12px;height:12px;background:{c};border:1px solid #888;margin-right:4px"></span>'
        f"{v} {html.escape(d)}</div>"
        for v, d, c in table if v in present
    )
    return f'<div class="oa-legend"><b>{html.escape(label)}</b>{rows}</div>'


CSS = """<style>
.oa-legend{position:fixed;bottom:24px;right:12px;z-index:1000;background:rgba(255,255,255,.9);padding:6px 8px;
 font:12px sans-serif;border-radius:4px;box-shadow:0 0 4px rgba(0,0,0,.3)}
.oa-simulated{position:fixed;top:10px;left:56px;z-index:1000;background:#b00020;color:#fff;
 padding:4px 12px;font:bold 13px sans-serif;border-radius:4px;letter-spacing:.05em}
.oa-plain{background:#e9eef2}
</style>"""


def _base_map(bbox: tuple[float, float, float, float], options: ToolOptions) -> folium.Map:
    w, s, e, n = bbox
    m = folium.Map(location=[(s + n) / 2, (w + e) / 2], tiles=None, control_scale=True, zoom_start=10)
    m.default_js, m.default_css = [], []  # no CDN: leaflet is inlined below
    root = m.get_root()
    root.header.add_child(folium.Element(
        "<style>" + (ASSETS / "leaflet.css").read_text(encoding="utf-8") + "</style>"
        "<script>" + (ASSETS / "leaflet.js").read_text(encoding="utf-8") + "</script>" + CSS))
    if options.basemap_url:
        folium.TileLayer(tiles=options.basemap_url, attr=options.basemap_attribution, name="Basemap").add_to(m)
    else:
        root.header.add_child(folium.Element("<style>.folium-map{background:#e9eef2}</style>"))
    m.fit_bounds([[s, w], [n, e]])
    return m


def _finish(m: folium.Map, simulated: bool, legend: str | None, path: Path) -> None:
    root = m.get_root()
    if legend:
        root.html.add_child(folium.Element(legend))
    if simulated:
        root.html.add_child(folium.Element('<div class="oa-simulated">SIMULATED DATA — not real observations</div>'))
    folium.LayerControl(collapsed=False).add_to(m)
    text = root.render()
    path.write_text(text, encoding="utf-8")


def render_map(ctx: ToolContext, options: ToolOptions | None = None) -> MapOutcome:
    options = options or ToolOptions()
    a = ctx.artifacts
    if not a.result_path or not Path(a.result_path).exists():
        return MapOutcome(ok=False, error=ValidationIssue(code="NoResult", message="There is no result to map yet. Call execute() first."))
    stats = a.stats or {}
    summary = summarize(a.process_graph or {})
    simulated = bool(stats.get("simulated"))
    path = Path(a.result_path)
    map_path = ctx.run.file("map.html")
    chart_path: Path | None = None
    aoi = summary.bbox or (tuple(stats["bbox"]) if stats.get("bbox") else None)

    if path.suffix.lower() in (".json", ".csv"):
        chart_path = ctx.run.file("chart.png")
        style = _chart(path, chart_path, summary, stats.get("unit"), simulated)
        m = _base_map(aoi or (-10, 35, 30, 60), options)
        chart_url = "data:image/png;base64," + base64.b64encode(chart_path.read_bytes()).decode()
        legend = f'<div class="oa-legend"><img src="{chart_url}" style="width:380px;display:block" alt="time series chart"></div>'
    elif path.suffix.lower() in (".tif", ".tiff", ".nc"):
        names = stats.get("bands") or []
        if path.suffix.lower() == ".nc":
            names = netcdf_to_geotiff(path, ctx.run.file("map_layers.tif"))
            path = ctx.run.file("map_layers.tif")
        arr, bounds = to_4326(path)
        style = choose_style(summary.processes, summary.collections, summary.bands, stats.get("unit"), arr.shape[0])
        m = _base_map(bounds, options)
        w, s, e, n = bounds
        table = class_table(ctx, summary) if arr.shape[0] == 1 else []
        if table:
            style = Style(name="classes", cmap="", label=f"{summary.bands[0]} classes")
            folium.raster_layers.ImageOverlay(_png_data_url(_categorical(arr[0], table)), bounds=[[s, w], [n, e]], name=style.label, opacity=0.85).add_to(m)
            present = {int(v) for v in np.unique(arr[0][np.isfinite(arr[0])])}
            legend = _class_legend(style.label, table, present)
        elif style.name == "rgb":
            folium.raster_layers.ImageOverlay(_png_data_url(_rgb(arr)), bounds=[[s, w], [n, e]], name=style.label, opacity=0.9).add_to(m)
            legend = _legend(style, 0, 1)
        else:
            names = names or [f"band{i + 1}" for i in range(arr.shape[0])]
            legend = None
            for i in range(min(arr.shape[0], 4)):
                rgba, lo, hi = _colorize(arr[i], style)
                label = style.label if arr.shape[0] == 1 else f"{style.label}: {names[i] if i < len(names) else i + 1}"
                folium.raster_layers.ImageOverlay(_png_data_url(rgba), bounds=[[s, w], [n, e]], name=label, opacity=0.85, show=(i == 0)).add_to(m)
                legend = legend or _legend(style, lo, hi)
    else:
        return MapOutcome(ok=False, error=ValidationIssue(code="UnsupportedResult", message=f"Cannot map a {path.suffix} file. Save the result as GTiff or netCDF (raster) or JSON (time series)."))
    if aoi:
        w, s, e, n = aoi
        group = folium.FeatureGroup(name="Area of interest", show=True).add_to(m)
        folium.Rectangle([[s, w], [n, e]], color="#ff6600", weight=2, fill=False, tooltip="Area of interest").add_to(group)
    _finish(m, simulated, legend, map_path)
    a.map_path, a.chart_path = str(map_path), str(chart_path) if chart_path else None
    ctx.emit(MapReady(map_path=str(map_path), chart_path=a.chart_path, simulated=simulated, run_id=ctx.run.id))
    return MapOutcome(ok=True, map_path=str(map_path), chart_path=a.chart_path, style=style.name if isinstance(style, Style) else style)


def _chart(path: Path, out: Path, summary, unit: str | None, simulated: bool) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ts = read_timeseries(path)
    fig, ax = plt.subplots(figsize=(8, 4), dpi=100)
    dates = np.array(ts.dates, dtype="datetime64[D]")
    for j, col in enumerate(ts.columns[:6]):
        ys = np.array([np.nan if row[j] is None else row[j] for row in ts.values], dtype="float64")
        ok = np.isfinite(ys)
        ax.plot(dates[ok], ys[ok], marker="o", ms=3, label=col)
    title = f"{', '.join(summary.collections) or 'Result'}: {', '.join(p for p in summary.processes if p in ('ndvi', 'mean', 'median', 'max', 'min')) or 'values'}"
    ax.set_title(title + (" — SIMULATED DATA" if simulated else ""), color="#b00020" if simulated else "black")
    ax.set_ylabel(unit or "value")
    ax.grid(alpha=0.3)
    if len(ts.columns) > 1:
        ax.legend()
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
    return "timeseries"
