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
import io
from pathlib import Path

import folium
import numpy as np

from agent.events import MapReady
from tools.context import ToolContext
from tools.models import MapOutcome, ToolOptions, ValidationIssue
from tools.map_styles import Style, categorical, choose_style, class_legend, class_table, colorize, gradient_legend, rgb_composite
from tools.results import netcdf_to_geotiff, read_raster, read_timeseries
from tools.sandbox.graph import summarize

ASSETS = Path(__file__).with_name("map_assets")
MAX_PIXELS = 1600  # longest side of the displayed overlay


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
            folium.raster_layers.ImageOverlay(_png_data_url(categorical(arr[0], table)), bounds=[[s, w], [n, e]], name=style.label, opacity=0.85).add_to(m)
            present = {int(v) for v in np.unique(arr[0][np.isfinite(arr[0])])}
            legend = class_legend(style.label, table, present)
        elif style.name == "rgb":
            folium.raster_layers.ImageOverlay(_png_data_url(rgb_composite(arr)), bounds=[[s, w], [n, e]], name=style.label, opacity=0.9).add_to(m)
            legend = gradient_legend(style, 0, 1)
        else:
            names = names or [f"band{i + 1}" for i in range(arr.shape[0])]
            legend = None
            for i in range(min(arr.shape[0], 4)):
                rgba, lo, hi = colorize(arr[i], style)
                label = style.label if arr.shape[0] == 1 else f"{style.label}: {names[i] if i < len(names) else i + 1}"
                folium.raster_layers.ImageOverlay(_png_data_url(rgba), bounds=[[s, w], [n, e]], name=label, opacity=0.85, show=(i == 0)).add_to(m)
                legend = legend or gradient_legend(style, lo, hi)
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
