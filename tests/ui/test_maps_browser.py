"""The maps a person sees, in a real headless Chromium with the network blocked.

Five results are computed for real (sandboxed openeo code -> embedded backend over HTTP ->
execute -> render_map): a Sentinel-1 flood mask (Storm Boris at the Polish-Czech border), a
dNBR (the Valparaíso fires, on the Pacific coast), an NDVI composite (the Dutch coast), a
WorldCover class map (the Valencia coast) and a zonal table (three fields near The Hague). Each
map.html is served from loopback and screenshotted; the pixels must show the result layer over
the basemap (mask colour where the mask is 1, basemap where it is 0, coastline or border lines)
and the DOM must name what the legend shows. Screenshots go to test-artifacts/maps_*.png.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path

import numpy as np
import pytest
from ui_app import offline_page

from tools.code import run_openeo_code
from tools.context import BackendRef, RunFolder, ToolContext
from tools.execute import execute
from tools.map_styles import MASK_COLOURS
from tools.maps import render_map

pytestmark = [pytest.mark.ui, pytest.mark.slow]

HEAD = 'import openeo\nconnection = openeo.connect("https://openeo.dataspace.copernicus.eu")\n'


def _extent(w, s, e, n) -> str:
    return f'{{"west": {w}, "south": {s}, "east": {e}, "north": {n}}}'


FLOOD = HEAD + f'''
ext = {_extent(17.31, 50.27, 17.45, 50.35)}
before = connection.load_collection("SENTINEL1_GRD", spatial_extent=ext, temporal_extent=["2024-08-10", "2024-09-10"], bands=["VV"])
after = connection.load_collection("SENTINEL1_GRD", spatial_extent=ext, temporal_extent=["2024-09-14", "2024-09-20"], bands=["VV"])
boxcar = [[1, 1, 1, 1, 1]] * 5
before_db = before.apply_kernel(kernel=boxcar, factor=1 / 25).reduce_dimension(dimension="t", reducer="mean").log10() * 10
after_db = after.apply_kernel(kernel=boxcar, factor=1 / 25).reduce_dimension(dimension="t", reducer="min").log10() * 10
((after_db - before_db) < -3).download("flood.tif")
'''
DNBR = HEAD + f'''
ext = {_extent(-71.57, -33.09, -71.45, -33.00)}
def nbr(period):
    c = connection.load_collection("SENTINEL2_L2A", spatial_extent=ext, temporal_extent=period, bands=["B08", "B12"])
    return ((c.band("B08") - c.band("B12")) / (c.band("B08") + c.band("B12"))).median_time()
(nbr(["2024-01-01", "2024-02-01"]) - nbr(["2024-02-05", "2024-03-01"])).download("dnbr.tif")
'''
NDVI = HEAD + f'''
cube = connection.load_collection("SENTINEL2_L2A", spatial_extent={_extent(4.24, 52.05, 4.36, 52.12)},
    temporal_extent=["2024-06-01", "2024-07-01"], bands=["B04", "B08"])
cube.ndvi(nir="B08", red="B04").median_time().download("ndvi.tif")
'''
LANDCOVER = HEAD + f'''
cube = connection.load_collection("ESA_WORLDCOVER_10M_2021_V2", spatial_extent={_extent(-0.40, 39.38, -0.28, 39.47)},
    temporal_extent=["2021-01-01", "2022-01-01"], bands=["MAP"])
cube.max_time().download("landcover.tif")
'''
def _field(x: float) -> dict:
    ring = [[x, 52.06], [x + 0.02, 52.06], [x + 0.02, 52.08], [x, 52.08], [x, 52.06]]
    return {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


ZONAL = HEAD + f'''
fields = {json.dumps({"type": "FeatureCollection", "features": [_field(x) for x in (4.28, 4.31, 4.34)]})}
cube = connection.load_collection("SENTINEL2_L2A", spatial_extent={_extent(4.26, 52.04, 4.37, 52.10)},
    temporal_extent=["2024-06-01", "2024-07-01"], bands=["B04", "B08"])
cube.ndvi(nir="B08", red="B04").median_time().aggregate_spatial(geometries=fields, reducer="mean").download("zonal.json")
'''


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("maps")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None  # type: ignore[assignment]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _make(name: str, code: str, backend_url: str, root: Path) -> ToolContext:
    ctx = ToolContext(BackendRef(url=backend_url, is_embedded=True), RunFolder(root / name))
    assert run_openeo_code(code, ctx).to_text().startswith("VALID")
    text = execute(ctx).to_text()
    assert text.startswith("OK"), text
    out = render_map(ctx)
    assert out.ok, out.to_text()
    ctx.texts = (text, out.to_text())  # type: ignore[attr-defined]
    return ctx


def _open(browser, url: str, artifacts: Path, name: str):
    context, page = offline_page(browser)
    page.set_viewport_size({"width": 1100, "height": 720})
    page.goto(url)
    page.wait_for_selector(".leaflet-container", timeout=20_000)
    page.wait_for_function("() => [...document.querySelectorAll('img.leaflet-image-layer')].every(i => i.complete)", timeout=20_000)
    page.wait_for_timeout(600)
    png = artifacts / f"maps_{name}.png"
    page.screenshot(path=str(png))
    from PIL import Image

    pixels = np.asarray(Image.open(png).convert("RGB")).astype(int)
    return context, page, pixels


def _near(pixels: np.ndarray, colour: str, tol: int = 40) -> np.ndarray:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return (np.abs(pixels - np.array([r, g, b])).sum(axis=2)) < tol


def _screen_points(page, lons, lats) -> np.ndarray:
    pts = page.evaluate("""([lons, lats]) => {
        const map = Object.values(window).find(v => v instanceof L.Map);
        return lons.map((x, i) => { const p = map.latLngToContainerPoint([lats[i], x]); return [p.x, p.y]; });
    }""", [list(map(float, lons)), list(map(float, lats))])
    return np.round(np.array(pts)).astype(int)


def _sample(path: Path, where, n: int = 150):
    """lon/lat of up to n pixel centres of the result where `where(band)` holds for the pixel and
    its 9 x 9 neighbourhood (areas, not single pixels, which the map's downsampling may drop)."""
    import rasterio
    from rasterio.warp import transform
    from scipy.ndimage import minimum_filter

    with rasterio.open(path) as src:
        band = src.read(1).astype(float)
        rows, cols = np.nonzero(minimum_filter(where(band).astype(np.uint8), size=9) == 1)
        pick = np.random.default_rng(0).choice(len(rows), size=min(n, len(rows)), replace=False)
        xs, ys = rasterio.transform.xy(src.transform, rows[pick], cols[pick])
        lons, lats = transform(src.crs, "EPSG:4326", xs, ys)
    return np.array(lons), np.array(lats)


def _lines_present(pixels: np.ndarray) -> int:
    """Pixels drawn in the coastline or border colour."""
    return int((_near(pixels, "#3b6e9e", 60) | _near(pixels, "#6b2d80", 60)).sum())


def _mask_like(px: np.ndarray) -> np.ndarray:
    return (px[:, 2] > 200) & (px[:, 2] - px[:, 0] > 110)


def test_flood_mask_in_words_over_the_basemap(browser, backend_url, served, artifacts):
    root, base = served
    ctx = _make("flood", FLOOD, backend_url, root)
    context, page, pixels = _open(browser, f"{base}/flood/map.html", artifacts, "flood")
    try:
        legend = page.inner_text("#oa-legend")
        assert "Flooded" in legend and "flooded" in legend and "not flooded" in legend and "Opacity" in legend
        numbers = page.inner_text("#oa-numbers")
        assert "km²" in numbers and "Limits" in numbers
        exec_text, map_text = ctx.texts
        assert "Result is: kind=mask (1 = flooded)" in exec_text and "unit=mask (0/1)" in exec_text
        assert "Decision numbers:" in exec_text and "Flooded area:" in exec_text and "Decision numbers:" not in map_text
        # before and after as layers of their own, computed from the graph's two branches
        assert [p.label.split()[0] for p in ctx.artifacts.period_results] == ["before", "after"]
        assert page.locator("img.leaflet-image-layer").count() == 1  # the two periods are off until chosen
        assert "before (2024-08-10 to 2024-09-10)" in page.inner_html(".leaflet-control-layers")
        h, w, _ = pixels.shape
        on = _screen_points(page, *_sample(Path(ctx.artifacts.result_path), lambda b: b == 1))
        off = _screen_points(page, *_sample(Path(ctx.artifacts.result_path), lambda b: b == 0))
        on = on[(on[:, 0] >= 0) & (on[:, 0] < w) & (on[:, 1] >= 0) & (on[:, 1] < h)]
        off = off[(off[:, 0] >= 0) & (off[:, 0] < w) & (off[:, 1] >= 0) & (off[:, 1] < h)]
        assert len(on) > 50 and len(off) > 50
        assert _mask_like(pixels[on[:, 1], on[:, 0]]).mean() > 0.8  # the 1s in the strong blue
        assert _mask_like(pixels[off[:, 1], off[:, 0]]).mean() < 0.2  # the 0s show the basemap
        assert _near(pixels, MASK_COLOURS["flooded"], 150).sum() > 500
        assert _near(pixels, "#6b2d80", 60).sum() > 30  # the Polish-Czech border
        assert page.locator(".oa-town").count() >= 3 and "Głuchołazy" in page.inner_text(".leaflet-marker-pane")
        assert page.blocked == []  # nothing tried to reach the network
        # the opacity slider changes the result layer
        page.eval_on_selector("#oa-opacity", "e => { e.value = 0; e.dispatchEvent(new Event('input')); }")
        assert page.eval_on_selector("img.leaflet-image-layer", "i => getComputedStyle(i).opacity") == "0"
    finally:
        context.close()


def test_dnbr_severity_classes_on_the_coast(browser, backend_url, served, artifacts):
    root, base = served
    ctx = _make("dnbr", DNBR, backend_url, root)
    context, page, pixels = _open(browser, f"{base}/dnbr/map.html", artifacts, "dnbr")
    try:
        legend = page.inner_text("#oa-legend")
        assert "dNBR" in legend and "high severity" in legend and "unburned" in legend
        assert "Burn severity" in page.inner_text("#oa-numbers")
        assert ctx.artifacts.decision and ctx.artifacts.decision.severity
        assert _lines_present(pixels) > 40  # the Pacific coastline
        h, w, _ = pixels.shape
        hot = _screen_points(page, *_sample(Path(ctx.artifacts.result_path), lambda b: b > 0.66))
        hot = hot[(hot[:, 0] >= 0) & (hot[:, 0] < w) & (hot[:, 1] >= 0) & (hot[:, 1] < h)]
        if len(hot):  # high severity drawn dark red (#a50026 over the basemap)
            px = pixels[hot[:, 1], hot[:, 0]]
            assert ((px[:, 0] > 120) & (px[:, 1] < 90) & (px[:, 2] < 110)).mean() > 0.7
    finally:
        context.close()


def test_ndvi_composite_over_the_dutch_coast(browser, backend_url, served, artifacts):
    root, base = served
    ctx = _make("ndvi", NDVI, backend_url, root)
    context, page, pixels = _open(browser, f"{base}/ndvi/map.html", artifacts, "ndvi")
    try:
        assert "NDVI" in page.inner_text("#oa-legend")
        assert _lines_present(pixels) > 40  # the North Sea coast
        h, w, _ = pixels.shape
        land = _screen_points(page, *_sample(Path(ctx.artifacts.result_path), lambda b: b > 0.5))
        land = land[(land[:, 0] >= 0) & (land[:, 0] < w) & (land[:, 1] >= 0) & (land[:, 1] < h)]
        px = pixels[land[:, 1], land[:, 0]]
        assert len(px) > 50 and ((px[:, 1] > px[:, 0] + 30) & (px[:, 1] > px[:, 2] + 30)).mean() > 0.7  # green
        assert ctx.artifacts.stats.unit.startswith("index")
    finally:
        context.close()


def test_land_cover_classes_named_in_the_legend(browser, backend_url, served, artifacts):
    root, base = served
    ctx = _make("landcover", LANDCOVER, backend_url, root)
    context, page, pixels = _open(browser, f"{base}/landcover/map.html", artifacts, "landcover")
    try:
        legend = page.inner_text("#oa-legend").lower()
        assert "map classes" in legend and ("cropland" in legend or "tree cover" in legend) and "water" in legend
        assert _near(pixels, "#1e76ce", 40).sum() > 3000  # WorldCover water #0064c8 at 85% over the basemap (the sea is class 80)
        assert _lines_present(pixels) > 40
        assert ctx.artifacts.stats.unit == "class"
    finally:
        context.close()


def test_zonal_table_with_csv(browser, backend_url, served, artifacts):
    root, base = served
    ctx = _make("zonal", ZONAL, backend_url, root)
    context, page, pixels = _open(browser, f"{base}/zonal/map.html", artifacts, "zonal")
    try:
        table = page.inner_text("#oa-table")
        assert "NDVI" in table and "CSV" in table
        assert page.locator("#oa-table tr").count() == 4  # header + three fields
        cells = [page.inner_text(f"#oa-table tr:nth-child({i}) td:last-child") for i in (2, 3, 4)]
        assert all(0 < float(c) < 1 for c in cells), cells  # an NDVI mean per field
        assert page.locator("path.leaflet-interactive").count() >= 3  # the fields drawn on the map
        href = page.get_attribute("#oa-table a[download]", "href")
        assert href and href.startswith("data:text/csv;base64,")
        csv = ctx.run.file("zonal_statistics.csv").read_text()
        assert len(csv.strip().splitlines()) == 4
        assert _lines_present(pixels) > 40
    finally:
        context.close()
