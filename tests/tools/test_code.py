"""run_openeo_code: sandbox → captured graph → POST /validation on the real embedded backend."""

from __future__ import annotations

import json

from agent.events import CodeDrafted, ValidationResult
from tools.code import run_openeo_code, strip_fences
from tools.sandbox.graph import summarize

GOOD = """
import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu").authenticate_oidc()
cube = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={"west": 4.62, "south": 50.82, "east": 4.78, "north": 50.92},
    temporal_extent=["2024-06-01", "2024-07-01"],
    bands=["B04", "B08", "SCL"],
)
scl = cube.band("SCL")
cloud = (scl == 3) | (scl == 8) | (scl == 9)
ndvi = cube.ndvi(nir="B08", red="B04").mask(cloud).median_time()
ndvi.download("ndvi.tif")
"""


def test_valid_code_gives_summary_graph_and_events(ctx, events):
    text = run_openeo_code(GOOD, ctx).to_text()
    lines = text.splitlines()
    assert lines[0] == "VALID"
    assert "SENTINEL2_L2A" in lines[1] and "2024-06-01" in lines[1] and "median" in lines[1]
    assert len(text) < 600
    saved = json.loads(ctx.run.file("process_graph.json").read_text())["process_graph"]
    assert saved == ctx.artifacts.process_graph and ctx.artifacts.validated
    assert ctx.run.file("code.py").read_text() == GOOD.rstrip() + "\n"
    assert [type(e) for e in events] == [CodeDrafted, ValidationResult] and events[1].valid


def test_backend_validation_error_comes_back_formatted(ctx, events):
    bad = GOOD.replace('"2024-06-01", "2024-07-01"', '"2024-07-01", "2024-06-01"')
    text = run_openeo_code(bad, ctx).to_text()
    lines = text.splitlines()
    assert lines[0] == "INVALID", text
    assert all(line.startswith("[") and "] " in line for line in lines[1:])
    assert not ctx.artifacts.validated and ctx.artifacts.validation_errors
    assert events[-1].valid is False and events[-1].errors


def test_refused_code(ctx):
    text = run_openeo_code("import os\nos.system('ls')", ctx).to_text()
    assert text.splitlines()[0] == "REFUSED"
    assert text.splitlines()[1].startswith("[SandboxRefused:import] line 1 (`import os`):")


def test_code_error_names_line_and_fix(ctx):
    text = run_openeo_code(GOOD.replace('ndvi.download("ndvi.tif")', "ndvi.download(outfile)"), ctx).to_text()
    assert text.splitlines()[0] == "ERROR"
    assert "line 14" in text and "NameError" in text


def test_code_without_download_is_an_error(ctx):
    text = run_openeo_code(GOOD.replace('ndvi.download("ndvi.tif")', "pass"), ctx).to_text()
    assert text.startswith("ERROR\n[NoProcessGraph]")


def test_markdown_fences_are_stripped():
    assert strip_fences("```python\nimport openeo\n```") == "import openeo"


def test_graph_summary_walks_callbacks():
    graph = {
        "load": {
            "process_id": "load_collection",
            "arguments": {
                "id": "X",
                "bands": ["B1"],
                "spatial_extent": {"west": 1, "south": 2, "east": 3, "north": 4},
                "temporal_extent": ["2020-01-01", "2020-02-01"],
            },
        },
        "red": {
            "process_id": "reduce_dimension",
            "arguments": {
                "data": {"from_node": "load"},
                "dimension": "t",
                "reducer": {
                    "process_graph": {
                        "m": {"process_id": "median", "arguments": {"data": {"from_parameter": "data"}}, "result": True}
                    }
                },
            },
        },
        "save": {
            "process_id": "save_result",
            "arguments": {"data": {"from_node": "red"}, "format": "GTiff"},
            "result": True,
        },
    }
    s = summarize(graph)
    assert s.processes == ["load_collection", "reduce_dimension", "median", "save_result"]
    assert s.bbox == (1, 2, 3, 4) and s.temporal == ("2020-01-01", "2020-02-01") and s.output_format == "GTiff"


def test_sandbox_graph_equals_the_real_clients_graph(ctx, backend_url):
    """The snapshot session is transparent: the same code against the live backend builds the same graph."""
    import openeo

    run_openeo_code(GOOD, ctx)
    connection = openeo.connect(backend_url)
    cube = connection.load_collection(
        "SENTINEL2_L2A",
        spatial_extent={"west": 4.62, "south": 50.82, "east": 4.78, "north": 50.92},
        temporal_extent=["2024-06-01", "2024-07-01"],
        bands=["B04", "B08", "SCL"],
    )
    scl = cube.band("SCL")
    cloud = (scl == 3) | (scl == 8) | (scl == 9)
    expected = cube.ndvi(nir="B08", red="B04").mask(cloud).median_time().save_result(format="GTiff").flat_graph()
    assert ctx.artifacts.process_graph == expected


def test_every_captured_graph_is_validated(ctx):
    """A script that downloads two graphs runs both on the backend: an error in the first counts."""
    first = GOOD.replace('"2024-06-01", "2024-07-01"', '"2024-07-01", "2024-06-01"')
    code = first.replace('ndvi.download("ndvi.tif")', 'ndvi.download("first.tif")') + GOOD.split("\n", 2)[2]
    outcome = run_openeo_code(code, ctx)
    assert outcome.status == "INVALID", outcome.to_text()
    assert [g.outputfile for g in outcome.sandbox.graphs] == ["first.tif", "ndvi.tif"]
    assert outcome.issues and all(i.message.startswith("Graph 1 of 2 (first.tif): ") for i in outcome.issues)
    sandbox = json.loads(ctx.run.file("sandbox.json").read_text())
    assert [g["outputfile"] for g in sandbox["graphs"]] == ["first.tif", "ndvi.tif"]
    assert sandbox["os_isolation"]["level"] and "warm" in sandbox


def test_saved_udps_are_handed_to_the_backend(ctx):
    code = GOOD.replace(
        'ndvi.download("ndvi.tif")',
        'connection.save_user_defined_process("leuven_ndvi", ndvi, '
        'summary="cloud-free NDVI")\nndvi.download("ndvi.tif")',
    )
    outcome = run_openeo_code(code, ctx)
    assert outcome.status == "VALID", outcome.to_text()
    assert [u.id for u in outcome.sandbox.udps] == ["leuven_ndvi"]
    assert json.loads(ctx.run.file("sandbox.json").read_text())["udps"] == ["leuven_ndvi"]
    import requests

    stored = requests.get(ctx.backend.url.rstrip("/") + "/process_graphs/leuven_ndvi", timeout=10)
    notes = [i for i in outcome.issues if i.code == "UdpNotStored"]
    assert (stored.status_code == 200 and not notes) or (stored.status_code >= 400 and notes), (
        stored.status_code,
        notes,
    )


def test_the_valid_summary_names_every_load(ctx):
    """Two periods of one change: both windows, bands and extents are in the summary."""
    code = """import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
box = {"west": 4.68, "south": 50.86, "east": 4.70, "north": 50.875}
before = connection.load_collection("SENTINEL2_L2A", spatial_extent=box, temporal_extent=["2023-05-01", "2023-06-01"], bands=["B04", "B08"])
after = connection.load_collection("SENTINEL2_L2A", spatial_extent=box, temporal_extent=["2023-08-01", "2023-09-01"], bands=["B04", "B08"])
dem = connection.load_collection("COPERNICUS_30", spatial_extent=box, bands=["DEM"])
change = after.ndvi().max_time() - before.ndvi().max_time()
change.merge_cubes(dem.max_time()).download("change.tif")
"""
    out = run_openeo_code(code, ctx)
    assert out.status == "VALID", out.to_text()
    text = out.to_text()
    assert "3 loads:" in text
    assert (
        "SENTINEL2_L2A (B04, B08) over [4.680, 50.860, 4.700, 50.875] from 2023-08-01 to 2023-09-01 (end exclusive)"
        in text
    )
    assert (
        "SENTINEL2_L2A (B04, B08) over [4.680, 50.860, 4.700, 50.875] from 2023-05-01 to 2023-06-01 (end exclusive)"
        in text
    )
    assert "COPERNICUS_30 (DEM)" in text


def test_unknown_collections_and_bands_in_the_sandbox_name_the_nearest_ids(ctx):
    wrong_id = GOOD.replace('"SENTINEL2_L2A"', '"SENTINEL5P_L2"')
    text = run_openeo_code(wrong_id, ctx).to_text()
    assert text.startswith("ERROR") and "SENTINEL_5P_L2" in text.split("CollectionNotFound", 1)[1]
    common = GOOD.replace('ndvi.download("ndvi.tif")', 'cube.band("NIR").max_time().download("nir.tif")')
    text = run_openeo_code(common, ctx).to_text()
    assert text.startswith("ERROR") and "'NIR' is the common name of band 'B08': use 'B08'" in text


def test_an_empty_window_names_the_tool_that_lists_acquisitions(ctx):
    code = GOOD.replace('["2024-06-01", "2024-07-01"]', '["2021-06-18", "2021-06-19"]').replace(
        '{"west": 4.62, "south": 50.82, "east": 4.78, "north": 50.92}',
        '{"west": 4.70, "south": 50.87, "east": 4.71, "north": 50.88}',
    )
    out = run_openeo_code(code, ctx)
    assert out.status == "INVALID" and out.issues[0].code == "NoDataAvailable", out.to_text()
    assert "The nearest acquisitions are" in out.issues[0].message and "find_acquisitions(" in out.issues[0].message


def test_a_script_reads_the_parts_find_place_wrote_and_the_graph_carries_them(ctx, backend_url):
    from tools.places import find_place

    place = find_place("provincie Utrecht", parts=True, folder=ctx.run.path)
    w, s, e, n = place.parts_bbox
    code = GOOD.replace(
        '{"west": 4.62, "south": 50.82, "east": 4.78, "north": 50.92}',
        f'{{"west": {w}, "south": {s}, "east": {e}, "north": {n}}}',
    )
    code = code.replace(
        'ndvi.download("ndvi.tif")',
        f'import json\nfrom pathlib import Path\nparts = json.loads(Path("{place.parts_file}").read_text())\n'
        'ndvi.aggregate_spatial(geometries=parts, reducer="mean").download("ndvi_per_gemeente.csv")',
    )
    outcome = run_openeo_code(code, ctx)
    assert outcome.status == "VALID", outcome.to_text()
    node = next(n for n in ctx.artifacts.process_graph.values() if n["process_id"] == "aggregate_spatial")
    assert len(node["arguments"]["geometries"]["features"]) == 24  # inline: a foreign backend needs no file
    gone = run_openeo_code(code.replace("utrecht-parts", "gelderland-parts"), ctx).to_text()
    assert gone.startswith("ERROR") and "FileNotFoundError" in gone and "find_place again" in gone


def test_missing_method_names_the_nearest_client_methods(ctx):
    """Found playing the LLM: `water_after.and_(...)` (ProcessBuilder's spelling on a DataCube) got
    only "use the documented methods"; the sandbox reports the missing name and its type, the
    answer names the methods of that class nearest to it."""
    boolean = GOOD.replace("ndvi.download", "(ndvi > 0.3).and_(ndvi < 0.9).download")
    text = run_openeo_code(boolean, ctx).to_text()
    assert text.splitlines()[0] == "ERROR" and "line 14" in text
    assert "DataCube has no 'and_': use logical_and (or `a & b`)" in text
    typo = GOOD.replace(".median_time()", ".aggregate_temporal_periods(period='month', reducer='mean')")
    assert "nearest methods: aggregate_temporal_period" in run_openeo_code(typo, ctx).to_text()
    conn = GOOD.replace("connection.load_collection(", "connection.load_collections(")
    assert (
        "Connection has no 'load_collections'; nearest methods: load_collection" in run_openeo_code(conn, ctx).to_text()
    )
    rounding = GOOD.replace(".median_time()", ".median_time().floor()")
    assert (
        "'floor' is an openEO process, not a DataCube method: apply it per pixel, cube.apply(lambda x: x.floor())"
        in (run_openeo_code(rounding, ctx).to_text())
    )
