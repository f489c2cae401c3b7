"""execute and render_map end to end on the real embedded backend (simulated data where no real file covers)."""

from __future__ import annotations

import re

from agent.events import MapReady, Progress, ResultReady
from tools.code import run_openeo_code
from tools.execute import execute
from tools.map_styles import style_for
from tools.result_kind import ResultDescription
from tools.maps import render_map
from tools.models import ToolOptions

NDVI = '''
import openeo
connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
cube = connection.load_collection("SENTINEL2_L2A",
    spatial_extent={"west": 4.66, "south": 50.85, "east": 4.72, "north": 50.89},
    temporal_extent=["2024-06-01", "2024-06-20"], bands=["B04", "B08"])
cube.ndvi(nir="B08", red="B04").max_time().download("ndvi.tif")
'''
TIMESERIES = '''
import openeo
connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
cube = connection.load_collection("SENTINEL2_L2A",
    spatial_extent={"west": 4.66, "south": 50.85, "east": 4.72, "north": 50.89},
    temporal_extent=["2024-05-01", "2024-07-01"], bands=["B04", "B08"])
aoi = {"type": "Polygon", "coordinates": [[[4.67, 50.86], [4.71, 50.86], [4.71, 50.88], [4.67, 50.88], [4.67, 50.86]]]}
cube.ndvi(nir="B08", red="B04").aggregate_spatial(geometries=aoi, reducer="mean").download("ts.json")
'''


def _stats_line(text: str) -> dict[str, str]:
    return dict(re.findall(r"(\w+)=(\S+)", text))


def test_execute_sync_then_map(ctx, events):
    assert run_openeo_code(NDVI, ctx).to_text().startswith("VALID")
    text = execute(ctx).to_text()
    assert text.splitlines()[0] == "OK" and text.splitlines()[1].startswith("Result (sync): "), text
    stats = ctx.artifacts.stats
    assert -1 <= stats.min <= stats.mean <= stats.max <= 1
    assert 0 < stats.valid_fraction <= 1 and stats.unit.startswith("index")
    assert _stats_line(text)["simulated"] == ("yes" if stats.simulated else "no")
    assert ctx.run.file("ndvi.tif").exists() and any(isinstance(e, ResultReady) for e in events)  # the code's own name

    out = render_map(ctx)
    assert out.ok and out.style == "ndvi"
    page = ctx.run.file("map.html").read_text()
    assert "L.map(" in page and "L.imageOverlay(" in page
    assert not re.findall(r'<(?:script|link)[^>]+(?:src|href)="https?://', page)  # no CDN assets
    assert "NDVI" in page and "Area of interest" in page
    assert ("SIMULATED DATA" in page) == bool(stats.simulated)
    assert isinstance(events[-1], MapReady)
    assert "L.tileLayer(" not in page  # offline by default: plain background

    tiles = "https://tile.example.org/{z}/{x}/{y}.png"
    assert render_map(ctx, ToolOptions(basemap_url=tiles)).ok
    assert "L.tileLayer(" in ctx.run.file("map.html").read_text() and tiles in ctx.run.file("map.html").read_text()


def test_execute_as_batch_when_over_budget(ctx, events):
    ctx.sync_pixel_budget = 10
    assert run_openeo_code(NDVI, ctx).to_text().startswith("VALID")
    text = execute(ctx).to_text()
    assert text.startswith("OK\nResult (batch): "), text
    assert ctx.artifacts.job_id and any(isinstance(e, Progress) and e.fraction is not None for e in events)


def test_timeseries_chart(ctx):
    assert run_openeo_code(TIMESERIES, ctx).to_text().startswith("VALID")
    assert execute(ctx).to_text().startswith("OK")
    assert ctx.artifacts.stats.kind == "timeseries"
    out = render_map(ctx)
    assert out.ok and out.chart_path and ctx.run.file("chart.png").stat().st_size > 5000


def test_execute_without_valid_graph(ctx):
    assert execute(ctx).to_text().startswith("FAILED\n[NoValidatedGraph]")
    assert render_map(ctx).to_text().startswith("[NoResult]")


def test_styles_follow_the_result_kind():
    def style(kind, **kw):
        return style_for(ResultDescription(kind=kind, label=kw.pop("label", kind), **kw), kw.pop("n", 1))

    assert style("index", index="NDVI").name == "ndvi"
    assert style("db", unit="dB").name == "db"
    assert style("elevation").name == "elevation" and style("hillshade").cmap == "Greys_r"
    assert style("temperature").name == "temperature"
    assert style("rgb").name == "rgb"
    flood = style("mask", words="flooded")
    assert flood.name == "mask" and flood.colour and flood.words == "flooded"
    assert style("index_change", quantity="NDVI change").symmetric
    assert style("index_change", quantity="dNBR").severity
    assert style("count").integer


def test_netcdf_time_steps_become_map_layers(ctx):
    code = NDVI.replace('.max_time().download("ndvi.tif")', '.download("ndvi.nc")')
    assert run_openeo_code(code, ctx).to_text().startswith("VALID")
    assert execute(ctx).to_text().startswith("OK")
    out = render_map(ctx)
    assert out.ok and out.style == "ndvi"
    page = ctx.run.file("map.html").read_text()
    assert page.count("L.imageOverlay(") >= 2  # one layer per time step, switchable


def test_rgb_composite_and_units(ctx):
    code = NDVI.replace('bands=["B04", "B08"]', 'bands=["B04", "B03", "B02"]').replace(
        'cube.ndvi(nir="B08", red="B04").max_time().download("ndvi.tif")', 'cube.median_time().download("rgb.tif")')
    assert run_openeo_code(code, ctx).to_text().startswith("VALID")
    text = execute(ctx).to_text()
    assert "unit=reflectance (digital numbers x 0.0001)" in text
    assert render_map(ctx).style == "rgb"


def test_backend_request_too_large_falls_back_to_batch(tmp_path):
    """Our estimate says sync, the backend's budget says RequestTooLarge: execute() runs a batch job."""
    from backend.server import start_in_thread
    from backend.settings import BackendSettings

    from tools.context import BackendRef, RunFolder, ToolContext

    server = start_in_thread(BackendSettings(jobs_dir=str(tmp_path / "jobs"), sync_pixel_budget=1000))
    try:
        events: list = []
        ctx = ToolContext(BackendRef(url=server.url, is_embedded=True), RunFolder(tmp_path / "run"), emit=events.append,
                          sync_pixel_budget=10**12)
        assert run_openeo_code(NDVI, ctx).to_text().startswith("VALID")
        text = execute(ctx).to_text()
        assert text.startswith("OK\nResult (batch): "), text
        assert any(isinstance(e, Progress) and "batch" in e.message.lower() for e in events)
        # the run folder has the result; the embedded backend keeps no job of it (a kept job
        # counts against the per-user quota, which stopped every batch run after 200 of them)
        assert list((tmp_path / "jobs").glob("*/job.json")) == []
    finally:
        server.stop()


def test_land_cover_classes_get_their_own_colours_and_legend(ctx):
    code = NDVI.replace('"SENTINEL2_L2A"', '"ESA_WORLDCOVER_10M_2021_V2"').replace('bands=["B04", "B08"]', 'bands=["MAP"]').replace(
        '["2024-06-01", "2024-06-20"]', '["2021-01-01", "2022-01-01"]').replace(
        'cube.ndvi(nir="B08", red="B04").max_time().download("ndvi.tif")', 'cube.max_time().download("lc.tif")')
    assert run_openeo_code(code, ctx).to_text().startswith("VALID")
    assert execute(ctx).to_text().startswith("OK")
    out = render_map(ctx)
    assert out.ok and out.style == "classes"
    page = ctx.run.file("map.html").read_text()
    assert "MAP classes" in page and ("tree cover" in page or "cropland" in page or "grassland" in page)


def test_jobs_left_by_earlier_versions_are_pruned_when_the_quota_is_full(tmp_path):
    """A jobs folder full of the agent's old finished jobs (versions that kept them) does not stop
    batch runs on the embedded backend: the agent deletes its own finished jobs and tries again;
    jobs it did not create stay."""
    import openeo

    from backend.server import start_in_thread
    from backend.settings import BackendSettings
    from tools.context import BackendRef, RunFolder, ToolContext

    server = start_in_thread(BackendSettings(jobs_dir=str(tmp_path / "jobs"), max_jobs_per_user=2))
    try:
        conn = openeo.connect(server.url)
        graph = {"a": {"process_id": "add", "arguments": {"x": 1, "y": 2}, "result": True}}
        old = conn.create_job(graph, title="openeo-agent 20260101-000000-aaaaaa", validate=False)
        old.start_and_wait(print=lambda *a, **k: None)
        mine = conn.create_job(graph, title="my own job", validate=False)
        ctx = ToolContext(BackendRef(url=server.url, is_embedded=True), RunFolder(tmp_path / "run"), sync_pixel_budget=10)
        assert run_openeo_code(NDVI, ctx).to_text().startswith("VALID")
        text = execute(ctx).to_text()
        assert text.startswith("OK\nResult (batch): "), text
        assert [j["id"] for j in conn.list_jobs()] == [mine.job_id]
    finally:
        server.stop()
