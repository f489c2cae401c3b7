"""`render_map()`: a self-contained folium map (map.html) of a run's results, readable offline.

Each raster is reprojected to EPSG:4326 and drawn as an inline PNG overlay styled by what it is
(tools/result_kind.py, tools/map_styles.py), over an offline basemap (tools/basemap.py: land and
sea, lakes, coastline, rivers, borders, town names) inlined as GeoJSON. Beside it: the legend in
words, an opacity slider for the result layers, the decision numbers (tools/decision.py), the
area of interest, a scale bar, and a "SIMULATED DATA" label when the data is simulated. Change
results also show the before and after periods as layers when execute computed them. Time
series (JSON/CSV) get a chart; tables per geometry a table with a CSV download. Leaflet is
inlined from tools/map_assets (no CDN); a web tile layer only when `ToolOptions.basemap_url`
says a network exists.
"""

from __future__ import annotations

import base64
import html
import io
import json
import uuid
from pathlib import Path

import folium
import numpy as np
from branca.element import MacroElement
from jinja2 import Template
from pydantic import BaseModel

from tools.events import MapReady, Progress
from tools.numbers import short_number
from tools.basemap import BasemapLayers, basemap_for
from tools.context import ToolContext
from tools.decision import DecisionNumbers, percent
from tools.map_styles import Style, categorical, colorize, legend_html, rgb_composite, style_for, with_colours
from tools.models import MapOutcome, ResultStats, ToolOptions, ValidationIssue
from tools.result_files import open_geotiff
from tools.result_kind import ResultDescription
from tools.results import netcdf_to_geotiff, read_raster, read_timeseries
from tools.zonal import read_table
from tools.sandbox.graph import summarize

ASSETS = Path(__file__).with_name("map_assets")
MAX_PIXELS = 1600  # longest side of the displayed overlay


class MapInput(BaseModel):
    """One result to draw: its file, what it is, and the layer's name."""

    path: str
    description: ResultDescription
    name: str = ""
    show: bool = True
    primary: bool = True  # the legend describes the primary layer


def _png_data_url(rgba: np.ndarray) -> str:
    """The overlay as a PNG data URL: an exact palette PNG when the image has at most 256 colours
    (masks, classes, a colormap's lookup table: a few times smaller and faster to write and to
    load in the browser), else RGBA; zlib's fastest level either way (the size hardly differs)."""
    from PIL import Image

    image = Image.fromarray(rgba, mode="RGBA")
    colours = image.getcolors(256)  # None when there are more
    buf = io.BytesIO()
    if colours:
        codes = np.ascontiguousarray(rgba).view(np.uint32)[..., 0]
        palette = np.unique(np.array([c for _, c in colours], dtype=np.uint8).reshape(-1, 4).view(np.uint32))
        index = np.searchsorted(palette, codes).astype(np.uint8)
        entries = palette.view(np.uint8).reshape(-1, 4)
        indexed = Image.fromarray(index, mode="P")
        indexed.putpalette(entries[:, :3].tobytes(), rawmode="RGB")
        indexed.save(buf, format="PNG", compress_level=1, transparency=entries[:, 3].tobytes())
    else:
        image.save(buf, format="PNG", compress_level=1)
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
.folium-map{background:#c9def0}
.oa-panel{position:fixed;z-index:1000;background:rgba(255,255,255,.93);padding:6px 9px;font:12px/1.35 'DejaVu Sans',Arial,sans-serif;
 border-radius:4px;box-shadow:0 0 4px rgba(0,0,0,.35);color:#222}
.oa-legend{bottom:26px;right:10px;max-width:300px}
.oa-numbers{top:10px;right:10px;max-width:300px;max-height:48%;overflow:auto;font-size:11.5px}
.oa-numbers summary{cursor:pointer;color:#444}
.oa-numbers ul{margin:2px 0 2px 16px;padding:0}
.oa-table{bottom:64px;left:10px;max-width:460px;max-height:45%;overflow:auto}
.oa-table table{border-collapse:collapse}.oa-table td,.oa-table th{border:1px solid #bbb;padding:1px 5px;text-align:right}
.oa-simulated{position:fixed;top:10px;left:56px;z-index:1000;background:#b00020;color:#fff;
 padding:4px 12px;font:bold 13px 'DejaVu Sans',Arial,sans-serif;border-radius:4px;letter-spacing:.05em}
.oa-town{font:11px 'DejaVu Sans',Arial,sans-serif;color:#1b1b1b;white-space:nowrap;text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff}
.oa-town b{font-size:12px}.oa-town i{display:inline-block;width:5px;height:5px;border-radius:3px;background:#222;margin-right:3px}
.oa-opacity{width:150px;vertical-align:middle}
.oa-attrib{position:fixed;bottom:2px;left:120px;z-index:1000;font:9px sans-serif;color:#555}
</style>"""


class _Raw(folium.Element):
    """HTML put into the page as it is (a folium.Element would compile its text as a Jinja template)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class _Inlined:
    """Big text (image data URLs, basemap GeoJSON) kept out of folium's templates: folium compiles
    every element's rendered script once more as a Jinja template, which costs seconds for
    megabytes of inlined data. The map carries a short token; `fill` puts the text in its place
    in the rendered page."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}

    def token(self, text: str) -> str:
        # a data: URL in form, so that folium takes it for an image URL (and not a file to read)
        key = f"data:oa-inlined-{len(self.texts)}-{uuid.uuid4().hex}"
        self.texts[key] = text
        return key

    def fill(self, page: str) -> str:
        for key, text in self.texts.items():
            page = page.replace(key, text, 1)
        return page


def _inlined(m: folium.Map) -> _Inlined:
    store = m.__dict__.get("_oa_inlined")
    if store is None:
        store = m.__dict__["_oa_inlined"] = _Inlined()
    return store


class _Script(MacroElement):
    """Raw JavaScript run after the map exists (`{map}` is replaced by the map's variable)."""

    def __init__(self, m: folium.Map, js: str) -> None:
        super().__init__()
        token = _inlined(m).token(js.replace("{map}", m.get_name()))
        self._template = Template("{% macro script(this, kwargs) %}" + token + "{% endmacro %}")


def _base_map(bbox: tuple[float, float, float, float], options: ToolOptions) -> folium.Map:
    w, s, e, n = bbox
    m = folium.Map(location=[(s + n) / 2, (w + e) / 2], tiles=None, control_scale=True, zoom_start=10)
    m.default_js, m.default_css = [], []  # no CDN: leaflet is inlined below
    root = m.get_root()
    root.header.add_child(_Raw(
        "<style>" + (ASSETS / "leaflet.css").read_text(encoding="utf-8") + "</style>"
        "<script>" + (ASSETS / "leaflet.js").read_text(encoding="utf-8") + "</script>" + CSS))
    if options.basemap_url:
        folium.TileLayer(tiles=options.basemap_url, attr=options.basemap_attribution, name="Web basemap").add_to(m)
    m.fit_bounds([[s, w], [n, e]])
    # the frame may get its size after the map was made (a hidden tab, a late layout): fit again then
    m.add_child(_Script(m, f"var oaB = [[{s}, {w}], [{n}, {e}]]; function oaFit() {{ {{map}}.invalidateSize(); {{map}}.fitBounds(oaB); }}"
                        "setTimeout(oaFit, 250); window.addEventListener('resize', oaFit);"
                        "if (window.ResizeObserver) new ResizeObserver(oaFit).observe({map}.getContainer());"))
    return m


def _geojson_lines(lines) -> dict:
    return {"type": "MultiLineString", "coordinates": [[list(p) for p in ln] for ln in lines]}


def _geojson_polys(polys) -> dict:
    return {"type": "MultiPolygon", "coordinates": [[[list(p) for p in ring] for ring in poly] for poly in polys]}


def add_basemap(m: folium.Map, layers: BasemapLayers, tiles: bool) -> None:
    """Land below the results (pane z 250), lines above them (z 450), town names on top (markers)."""
    js = ["var map = {map};",
          "map.createPane('oaBase').style.zIndex = 250; map.createPane('oaLines').style.zIndex = 450;",
          "map.getPane('oaLines').style.pointerEvents = 'none';"]
    if not tiles:
        js.append(f"L.geoJSON({json.dumps(_geojson_polys(layers.land))}, {{pane:'oaBase', interactive:false, "
                  "style:{stroke:false, fillColor:'#f2efe6', fillOpacity:1}}).addTo(map);")
        js.append(f"L.geoJSON({json.dumps(_geojson_polys(layers.lakes))}, {{pane:'oaBase', interactive:false, "
                  "style:{color:'#6a93bf', weight:0.8, fillColor:'#c9def0', fillOpacity:1}}).addTo(map);")
    for name, lines, style in (
            ("coast", layers.coast, "{color:'#3b6e9e', weight:1.3, opacity:0.9}"),
            ("rivers", layers.rivers, "{color:'#2f7fd1', weight:1.8, opacity:0.9}"),
            ("regions", layers.regions, "{color:'#8a6aa6', weight:1, dashArray:'2 3', opacity:0.9}"),
            ("borders", layers.borders, "{color:'#6b2d80', weight:2.2, dashArray:'7 4', opacity:0.95}")):
        if lines:
            js.append(f"L.geoJSON({json.dumps(_geojson_lines(lines))}, {{pane:'oaLines', interactive:false, style:{style}, "
                      f"className:'oa-{name}'}}).addTo(map);")
    towns = [{"n": t.name, "p": t.population, "x": t.lon, "y": t.lat} for t in layers.towns]
    js.append(f"{json.dumps(towns, ensure_ascii=False)}.forEach(function(t){{"
              "var big = t.p >= 20000; var label = (big ? '<b>' : '') + t.n.replace(/</g,'&lt;') + (big ? '</b>' : '');"
              "L.marker([t.y, t.x], {interactive:false, keyboard:false, icon: L.divIcon({className:'oa-town', "
              "html:'<i></i>' + label, iconSize:null, iconAnchor:[3,8]})}).addTo(map);});")
    m.add_child(_Script(m, "\n".join(js)))
    m.get_root().html.add_child(_Raw(f'<div class="oa-attrib">Basemap: {html.escape(layers.source)}</div>'))


def _opacity_control(overlays: list[str]) -> str:
    names = json.dumps(overlays)
    return ('<div class="oa-legend-row">Opacity <input class="oa-opacity" id="oa-opacity" type="range" min="0" max="100" value="85" '
            f'aria-label="Opacity of the result layers" oninput="{html.escape(f"{names}.forEach(function(n){{if(window[n])window[n].setOpacity(this.value/100)}},this)")}"></div>')


def numbers_html(d: DecisionNumbers) -> str:
    rows = []
    if d.area_km2 is not None:
        rows.append(f"<div><b>{html.escape((d.words or 'mask').capitalize())}: {d.area_km2:,.1f} km²</b> "
                    f"({100 * (d.share or 0):.1f}% of {d.mapped_km2:,.0f} km² mapped)</div>")
    if d.towns:
        items = "".join(f"<li>{html.escape(t.name)}: {t.population:,} people, {t.distance_km:.1f} km, {percent(t.share)} "
                        f"{html.escape(d.words or '')}</li>" for t in d.towns[:10])
        more = f"<div>and {len(d.towns) - 10} more</div>" if len(d.towns) > 10 else ""
        rows.append(f"<div>Towns and villages in or touching the {html.escape(d.words or 'mask')} area "
                    f"(km from the centre):</div><ul>{items}</ul>{more}")
    elif d.area_km2 is not None:
        rows.append("<div>No town or village (500+ people) affected.</div>")
    if d.severity:
        rows.append("<div>Burn severity (USGS dNBR):</div><ul>" + "".join(
            f"<li>{html.escape(c.label)}: {c.area_km2:,.1f} km² ({100 * c.share:.1f}%)</li>" for c in d.severity if c.area_km2 > 0) + "</ul>")
    if d.crossed:
        rows.append("<div>Change beyond thresholds:</div><ul>" + "".join(
            f"<li>{c.direction} {c.threshold:+g}: {c.area_km2:,.1f} km² ({100 * c.share:.1f}%)</li>" for c in d.crossed) + "</ul>")
    if d.limits:
        rows.append(f'<details style="color:#555;font-size:11px"><summary>Limits of these numbers</summary>'
                    f'{html.escape("; ".join(d.limits))}.</details>')
    return '<div class="oa-panel oa-numbers" id="oa-numbers">' + "".join(rows) + "</div>"


def _raster_layers(m: folium.Map, item: MapInput, ctx: ToolContext, names: list[str] | None) -> tuple[list[str], str, Style, tuple]:
    """Draw one raster result; return (overlay variable names, legend html, style, bounds)."""
    path = Path(item.path)
    if path.suffix.lower() == ".nc":
        names = netcdf_to_geotiff(path, ctx.run.file(f"map_layers_{path.stem}.tif"))
        path = ctx.run.file(f"map_layers_{path.stem}.tif")
    arr, bounds = to_4326(path)
    desc = item.description
    style = style_for(desc, arr.shape[0])
    w, s, e, n = bounds
    overlays: list[str] = []

    def overlay(rgba: np.ndarray, label: str, show: bool) -> None:
        url = _inlined(m).token(_png_data_url(rgba))
        o = folium.raster_layers.ImageOverlay(url, bounds=[[s, w], [n, e]], name=label, opacity=0.85, show=show)
        o.add_to(m)
        overlays.append(o.get_name())

    if desc.kind == "classes" and desc.classes and arr.shape[0] == 1:
        table = with_colours(desc.classes)
        overlay(categorical(arr[0], table), item.name or style.label, item.show)
        present = {int(v) for v in np.unique(arr[0][np.isfinite(arr[0])])}
        legend = legend_html(style, classes=table, present=present)
    elif style.name == "rgb" and arr.shape[0] >= 3:
        overlay(rgb_composite(arr), item.name or style.label, item.show)
        legend = legend_html(style)
    else:
        names = names or [f"band{i + 1}" for i in range(arr.shape[0])]
        legend = ""
        for i in range(min(arr.shape[0], 4)):
            rgba, lo, hi = colorize(arr[i], style)
            label = item.name or style.label
            if arr.shape[0] > 1:
                label = f"{label}: {names[i] if i < len(names) else i + 1}"
            overlay(rgba, label, item.show and i == 0)
            legend = legend or legend_html(style, lo, hi)
    return overlays, legend, style, bounds


def table_html(path: Path, title: str, value_name: str | None = None) -> tuple[str, str]:
    """A zonal table (one row per geometry, or per date and geometry) as HTML, and its CSV text."""
    t = read_table(path)
    if value_name and t.columns[-1] == "value":
        t.columns[-1] = value_name
    head = "".join(f"<th>{html.escape(c)}</th>" for c in t.columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(_fmt(v))}</td>" for v in row) + "</tr>" for row in t.rows[:200])
    csv = ",".join(t.columns) + "\n" + "\n".join(",".join(_fmt(v) for v in row) for row in t.rows) + "\n"
    href = "data:text/csv;base64," + base64.b64encode(csv.encode()).decode()
    more = f"<div>{len(t.rows) - 200} more rows in the CSV</div>" if len(t.rows) > 200 else ""
    return (f'<div class="oa-panel oa-table" id="oa-table"><b>{html.escape(title)}</b> '
            f'(<a download="zonal_statistics.csv" href="{href}">CSV</a>)<table><tr>{head}</tr>{body}</table>{more}</div>'), csv


def _zones(m: folium.Map, path: Path, graph: dict, desc: ResultDescription) -> None:
    """The geometries of a zonal table on the map, filled by their (first) value, labelled with it."""
    import matplotlib

    from tools.zonal import geometries

    geoms = geometries(graph)
    t = read_table(path)
    values: dict[int, float] = {}
    for row in t.rows:
        if isinstance(row[0], int) and isinstance(row[-1], float) and row[0] not in values:
            values[row[0]] = row[-1]
    finite = [v for v in values.values() if v is not None]
    style = style_for(desc.model_copy(update={"kind": "index" if desc.index else "values"}))
    lo, hi = (min(finite), max(finite)) if finite else (0.0, 1.0)
    if style.vmin is not None and style.vmax is not None:
        lo, hi = style.vmin, style.vmax
    cmap = matplotlib.colormaps[style.cmap or "viridis"]
    group = folium.FeatureGroup(name="Zones", show=True).add_to(m)
    for i, g in enumerate(geoms):
        v = values.get(i)
        colour = matplotlib.colors.to_hex(cmap((v - lo) / (hi - lo) if v is not None and hi > lo else 0.5)) if v is not None else "#999999"
        label = f"geometry {i}: {short_number(v)}" if v is not None else f"geometry {i}: no value"
        folium.GeoJson(g, style_function=lambda _, c=colour: {"color": "#333", "weight": 1.5, "fillColor": c, "fillOpacity": 0.8},
                       tooltip=label).add_to(group)


def _fmt(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return short_number(v)
    return str(v)


def _finish(m: folium.Map, simulated: bool, panels: list[str], path: Path) -> None:
    root = m.get_root()
    for p in panels:
        if p:
            root.html.add_child(_Raw(p))
    if simulated:
        root.html.add_child(_Raw('<div class="oa-simulated">SIMULATED DATA — not real observations</div>'))
    folium.LayerControl(collapsed=True, position="topleft").add_to(m)
    path.write_text(_inlined(m).fill(root.render()), encoding="utf-8")


def _raster_bounds(path: Path) -> tuple[float, float, float, float] | None:
    from rasterio.warp import transform_bounds

    if path.suffix.lower() not in (".tif", ".tiff"):
        return None
    with open_geotiff(path) as src:  # checked: a real GeoTIFF, not a VRT pointing elsewhere
        return tuple(transform_bounds(src.crs or "EPSG:4326", "EPSG:4326", *src.bounds))  # type: ignore[return-value]


def map_inputs(ctx: ToolContext, options: ToolOptions | None = None) -> list[MapInput]:
    """The run's results to draw: the result, then the before/after periods of a change."""
    from tools.execute import describe

    a = ctx.artifacts
    desc = a.description or describe(ctx, a.process_graph or {})
    items = [MapInput(path=str(a.result_path), description=desc, name=desc.label)]
    periods = (options.period_layers if options and options.period_layers is not None else ctx.backend.is_embedded)
    if periods and desc.periods and not a.period_results and Path(str(a.result_path)).suffix.lower() in (".tif", ".tiff"):
        from tools.execute import describe_metas
        from tools.periods import compute_periods

        a.period_results, notes = compute_periods(ctx, desc, summarize(a.process_graph or {}).bbox, describe_metas(ctx, a.process_graph or {}))
        for note in notes:
            ctx.emit(Progress(message=note, run_id=ctx.run.id))
    for p in a.period_results:
        items.append(MapInput(path=p.path, description=p.description, name=p.label, show=False, primary=False))
    for r in a.results:  # a script that sends several graphs (tiles): every result is a layer
        if r.result_path != a.result_path:
            d = r.description or desc
            items.append(MapInput(path=r.result_path, description=d, name=f"{r.output_name}: {d.label}", show=True, primary=False))
    return items


def render_map(ctx: ToolContext, options: ToolOptions | None = None) -> MapOutcome:
    options = options or ToolOptions()
    a = ctx.artifacts
    if not a.result_path or not Path(a.result_path).exists():
        return MapOutcome(ok=False, error=ValidationIssue(code="NoResult", message="There is no result to map yet. Call execute() first."))
    stats = a.stats or ResultStats(kind="other")
    summary = summarize(a.process_graph or {})
    simulated = stats.simulated
    items = map_inputs(ctx, options)
    main = items[0]
    path = Path(main.path)
    map_path = ctx.run.file("map.html")
    chart_path: Path | None = None
    aoi = summary.bbox or stats.bbox
    panels: list[str] = []
    suffix = path.suffix.lower()

    if suffix in (".json", ".csv"):
        m = _base_map(aoi or (-10, 35, 30, 60), options)
        if main.description.kind == "table":
            panel, csv = table_html(path, main.description.label, main.description.quantity)
            ctx.run.write_text("zonal_statistics.csv", csv)
            panels.append(panel)
            _zones(m, path, a.process_graph or {}, main.description)
            style_name = "table"
        else:
            chart_path = ctx.run.file("chart.png")
            _chart(path, chart_path, main.description, stats.unit, simulated)
            chart_url = "data:image/png;base64," + base64.b64encode(chart_path.read_bytes()).decode()
            panels.append(f'<div class="oa-panel oa-legend"><img src="{chart_url}" style="width:380px;display:block" alt="time series chart"></div>')
            style_name = "timeseries"
        bounds = aoi or (-10, 35, 30, 60)
    elif suffix in (".tif", ".tiff", ".nc"):
        m = None
        overlays: list[str] = []
        legend = ""
        style_name = ""
        bounds = aoi
        boxes = [b for item in items if Path(item.path).exists() for b in [_raster_bounds(Path(item.path))] if b]
        if boxes:  # all results in view (the tiles of a loop, not only the last)
            bounds = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        for item in items:
            if not Path(item.path).exists():
                continue
            if m is None:
                bounds = bounds or aoi or (-10, 35, 30, 60)
                m = _base_map(bounds, options)
            names = list(stats.bands) if item.primary else None
            o, lg, style, _ = _raster_layers(m, item, ctx, names)
            overlays += o
            if item.primary:
                legend, style_name = lg, style.name
        assert m is not None
        panels.append('<div class="oa-panel oa-legend" id="oa-legend">' + legend + _opacity_control(overlays) + "</div>")
        if a.decision:
            panels.append(numbers_html(a.decision))
    else:
        return MapOutcome(ok=False, error=ValidationIssue(code="UnsupportedResult", message=f"Cannot map a {path.suffix} file. Save the result as GTiff or netCDF (raster) or JSON (time series)."))
    add_basemap(m, basemap_for(bounds, grow=1.5), tiles=bool(options.basemap_url))
    if aoi:
        w, s, e, n = aoi
        group = folium.FeatureGroup(name="Area of interest", show=True).add_to(m)
        folium.Rectangle([[s, w], [n, e]], color="#ff6600", weight=2, fill=False, tooltip="Area of interest").add_to(group)
    _finish(m, simulated, panels, map_path)
    a.map_path, a.chart_path = str(map_path), str(chart_path) if chart_path else None
    ctx.emit(MapReady(map_path=str(map_path), chart_path=a.chart_path, simulated=simulated, run_id=ctx.run.id))
    return MapOutcome(ok=True, map_path=str(map_path), chart_path=a.chart_path, style=style_name,
                      layers=[i.name for i in items], decision=a.decision)


def label_dates(labels: list[str]) -> np.ndarray | None:
    """The dates of a time series' labels: ISO days, or openEO's day-of-year period labels ("2025-031" from
    `aggregate_temporal_period(period="day")`); None when any label names no single day (weeks, dekads,
    seasons), so the chart shows the labels instead."""
    import re
    from datetime import date, timedelta

    out = []
    for label in labels:
        text = str(label)
        try:
            if re.fullmatch(r"\d{4}-\d{3}", text):
                day = date(int(text[:4]), 1, 1) + timedelta(days=int(text[5:]) - 1)
                if day.year != int(text[:4]) or int(text[5:]) < 1:
                    return None
                out.append(day)
            elif re.match(r"\d{4}-\d{2}-\d{2}", text):
                out.append(date.fromisoformat(text[:10]))
            else:
                return None
        except ValueError:
            return None
    return np.array(out, dtype="datetime64[D]")


def _chart(path: Path, out: Path, desc: ResultDescription, unit: str | None, simulated: bool) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ts = read_timeseries(path)
    fig, ax = plt.subplots(figsize=(8, 4), dpi=100)
    dates = label_dates(ts.dates)
    xs = dates if dates is not None else np.arange(len(ts.dates))
    for j, col in enumerate(ts.columns[:6]):
        ys = np.array([np.nan if row[j] is None else row[j] for row in ts.values], dtype="float64")
        ok = np.isfinite(ys)
        ax.plot(xs[ok], ys[ok], marker="o", ms=3, label=col)
    if dates is None:  # period labels without a day (weeks, dekads, seasons): the labels themselves
        step = max(1, len(ts.dates) // 12)
        ax.set_xticks(xs[::step], [str(d) for d in ts.dates[::step]])
    if len(ts.columns) > 6:
        ax.text(0.99, 0.01, f"first 6 of {len(ts.columns)} series", transform=ax.transAxes, ha="right", va="bottom",
                fontsize=8, color="#555555")
    title = f"{', '.join(desc.collections) or 'Result'}: {desc.label}"
    ax.set_title(title + (" — SIMULATED DATA" if simulated else ""), color="#b00020" if simulated else "black")
    ax.set_ylabel(unit or desc.unit or "value")
    ax.grid(alpha=0.3)
    if len(ts.columns) > 1:
        ax.legend()
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
