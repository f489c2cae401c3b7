"""POST /validation and POST /result over real HTTP: real pixels, openEO errors, resilience."""

from __future__ import annotations

import json

import numpy as np
import openeo
import pytest
import rasterio
import requests
from fastapi.testclient import TestClient
from openeo.rest import OpenEoApiError
from rasterio.windows import Window

from backend.catalog import load_catalog
from backend.context import BackendContext
from backend.datasources.base import DataSourceRegistry
from backend.server import create_app
from backend.settings import BackendSettings

EXTENT = {"west": 11.30, "south": 46.47, "east": 11.35, "north": 46.50}
DAY = ["2022-06-12", "2022-06-13"]


@pytest.fixture(scope="module")
def con(backend_url):
    return openeo.connect(backend_url)


def plain_graph() -> dict:
    return {
        "load": {"process_id": "load_collection", "arguments": {
            "id": "SENTINEL2_L2A", "spatial_extent": EXTENT, "temporal_extent": DAY, "bands": ["B04", "B08"]}},
        "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "load"}, "format": "GTiff"}, "result": True},
    }


def test_download_of_load_and_save_equals_the_file_pixels(con, tmp_path, real_data_dir):
    cube = con.load_collection("SENTINEL2_L2A", spatial_extent=EXTENT, temporal_extent=DAY, bands=["B04", "B08"])
    out = tmp_path / "x.tif"
    cube.download(out)
    with rasterio.open(out) as res:
        got = res.read()
        x0, y0 = res.transform.c, res.transform.f
        assert res.crs.to_epsg() == 32632 and res.count == 2
    with rasterio.open(real_data_dir / "S2_L2A_sample.tif") as src:
        col, row = ~src.transform @ (x0, y0)
        expected = src.read([1, 4], window=Window(round(col), round(row), got.shape[2], got.shape[1]))
    assert got.shape[1] > 300 and got.shape[2] > 300
    expected = np.where(expected == 0, np.nan, expected.astype("float64"))  # nodata 0 becomes NaN in float results
    assert np.isfinite(got).mean() > 0.99
    np.testing.assert_array_equal(got.astype("float64"), expected)


def test_result_says_whether_data_is_simulated(backend_url):
    resp = requests.post(backend_url + "/result", json={"process": {"process_graph": plain_graph()}}, timeout=120)
    assert resp.status_code == 200, resp.text
    assert resp.headers["OpenEO-Simulated"] == "false"
    assert resp.headers["Content-Type"].startswith("image/tiff")
    assert resp.content[:4] in (b"II*\x00", b"MM\x00*")


def test_valid_graph_validates_without_errors(con):
    cube = con.load_collection("SENTINEL2_L2A", spatial_extent=EXTENT, temporal_extent=DAY, bands=["B04", "B08"])
    assert con.validate_process_graph(cube.ndvi(red="B04", nir="B08")) == []


def test_validation_reports_openeo_errors(backend_url):
    graph = plain_graph()
    graph["load"]["process_id"] = "load_colection"
    resp = requests.post(backend_url + "/validation", json={"process_graph": graph}, timeout=30)
    assert resp.status_code == 200
    errors = resp.json()["errors"]
    assert errors and errors[0]["code"] == "ProcessUnsupported" and "load_collection" in errors[0]["message"]


@pytest.mark.parametrize("path", ["/result", "/validation", "/jobs"])
def test_malformed_json_is_json_malformed(backend_url, path):
    resp = requests.post(backend_url + path, data=b'{"process": {"process_graph": ', timeout=10,
                         headers={"Content-Type": "application/json"})
    assert resp.status_code == 400
    body = resp.json()
    assert body["code"] == "JSONMalformed" and "JSON" in body["message"]


@pytest.mark.parametrize(("path", "body"), [
    ("/result", {}), ("/result", {"process": {}}), ("/result", {"process": {"process_graph": {}}}),
    ("/jobs", {"title": "no graph"}),
])
def test_missing_graph_is_process_graph_missing(backend_url, path, body):
    resp = requests.post(backend_url + path, json=body, timeout=10)
    assert resp.status_code == 400 and resp.json()["code"] == "ProcessGraphMissing"


@pytest.mark.parametrize("body", [{}, {"graph": {}}, {"process_graph": {}}])
def test_validation_of_nothing_is_one_validation_error(backend_url, body):
    """POST /validation answers 200 with the error listed (what the openEO test suite expects)."""
    resp = requests.post(backend_url + "/validation", json=body, timeout=10)
    assert resp.status_code == 200 and [e["code"] for e in resp.json()["errors"]] == ["ProcessGraphMissing"]


def test_unknown_collection_is_collection_not_found(con):
    cube = con.datacube_from_process("load_collection", id="SENTINEL9_XYZ", spatial_extent=EXTENT,
                                     temporal_extent=DAY, bands=["B04"])
    with pytest.raises(OpenEoApiError) as err:
        cube.download()
    assert err.value.code == "CollectionNotFound" and err.value.http_status_code == 404


def test_server_keeps_serving_after_bad_requests(backend_url):
    deep = b"[" * 100_000 + b"]" * 100_000
    for body in (b"\xff\xfe", b"[]", b"null", deep, json.dumps({"process": {"process_graph": {"a": 1}}}).encode()):
        resp = requests.post(backend_url + "/result", data=body, timeout=30, headers={"Content-Type": "application/json"})
        assert 400 <= resp.status_code < 500 and resp.json()["code"], body[:20]
    assert requests.get(backend_url + "/", timeout=10).json()["api_version"] == "1.2.0"


def test_unexpected_exceptions_become_logged_internal_errors(tmp_path, caplog):
    class BrokenContext(BackendContext):
        @property
        def processes(self):
            raise RuntimeError("registry exploded")

    settings = BackendSettings(jobs_dir=str(tmp_path), simulated=False)
    client = TestClient(create_app(settings, ctx=BrokenContext(settings, load_catalog(), DataSourceRegistry())),
                        raise_server_exceptions=False)
    resp = client.get("/openeo/1.2/processes")
    assert resp.status_code == 500
    body = resp.json()
    assert body["code"] == "Internal" and body["id"] in body["message"] and "RuntimeError" in body["message"]
    assert "registry exploded" in caplog.text
    assert client.get("/openeo/1.2/collections").status_code == 200


def test_results_from_the_simulated_earth_say_so(backend_url):
    graph = {
        "load": {"process_id": "load_collection", "arguments": {
            "id": "SENTINEL1_GRD", "spatial_extent": {"west": 5.0, "south": 51.0, "east": 5.01, "north": 51.01},
            "temporal_extent": ["2023-03-01", "2023-03-10"], "bands": ["VV"]}},
        "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "load"}, "format": "netCDF"}, "result": True},
    }
    resp = requests.post(backend_url + "/result", json={"process": {"process_graph": graph}}, timeout=120)
    assert resp.status_code == 200, resp.text
    assert resp.headers["OpenEO-Simulated"] == "true"
    assert resp.content[:4] == b"\x89HDF"


def test_sync_request_over_the_pixel_budget_is_request_too_large(backend_url):
    graph = plain_graph()
    graph["load"]["arguments"].update(spatial_extent={"west": -10.0, "south": 35.0, "east": 30.0, "north": 60.0},
                                      temporal_extent=["2022-01-01", "2022-12-31"])
    resp = requests.post(backend_url + "/result", json={"process": {"process_graph": graph}}, timeout=60)
    assert resp.status_code == 413
    body = resp.json()
    assert body["code"] == "RequestTooLarge" and "batch" in body["message"].lower()


def test_ndvi_over_http_equals_numpy_on_the_same_pixels(con, tmp_path, real_data_dir):
    cube = con.load_collection("SENTINEL2_L2A", spatial_extent=EXTENT, temporal_extent=DAY, bands=["B04", "B08"])
    ndvi = cube.ndvi(red="B04", nir="B08").reduce_dimension(dimension="t", reducer="mean")
    out = tmp_path / "ndvi.tif"
    ndvi.download(out, format="GTiff")
    with rasterio.open(out) as res:
        got = res.read(1).astype("float64")
        x0, y0 = res.transform.c, res.transform.f
    with rasterio.open(real_data_dir / "S2_L2A_sample.tif") as src:
        col, row = ~src.transform @ (x0, y0)
        red, nir = src.read([1, 4], window=Window(round(col), round(row), got.shape[1], got.shape[0])).astype("float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        expected = np.where((red == 0) | (nir == 0), np.nan, (nir - red) / (nir + red))
    assert np.isfinite(got).mean() > 0.99
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6, equal_nan=True)


def test_oversized_bodies_are_refused_before_parsing(backend_url):
    body = b'{"process": {"process_graph": {"a": "' + b"x" * (11 * 1024 * 1024) + b'"}}}'
    resp = requests.post(backend_url + "/result", data=body, timeout=60, headers={"Content-Type": "application/json"})
    assert resp.status_code == 413 and resp.json()["code"] == "PayloadTooLarge"
    assert requests.get(backend_url + "/", timeout=10).status_code == 200


def test_a_read_failing_inside_dask_is_an_openeo_error_and_the_server_survives(tmp_path, real_data_dir):
    from backend.server import start_in_thread

    data = tmp_path / "data"
    data.mkdir()
    raw = (real_data_dir / "S2_L2A_sample.tif").read_bytes()
    (data / "S2_L2A_2022-06-12_truncated.tif").write_bytes(raw[: len(raw) // 3])  # header fine, tiles missing
    server = start_in_thread(BackendSettings(data_dir=str(data), jobs_dir=str(tmp_path / "jobs"), simulated=False))
    try:
        graph = plain_graph()
        graph["load"]["arguments"]["bands"] = ["B04", "B08", "SCL"]
        resp = requests.post(server.url + "/result", json={"process": {"process_graph": graph}}, timeout=120)
        body = resp.json()
        assert resp.status_code == 500 and body["code"] == "Internal", body
        assert "while computing" in body["message"] and not body["message"].startswith("Internal server error")
        assert requests.get(server.url + "/collections", timeout=10).status_code == 200
    finally:
        server.stop()


def test_single_band_single_date_geotiff_download(con, tmp_path, real_data_dir):
    cube = con.load_collection("SENTINEL2_L2A", spatial_extent=EXTENT, temporal_extent=DAY, bands=["B04"])
    out = tmp_path / "b04.tif"
    cube.download(out, format="GTiff")
    with rasterio.open(out) as res:
        assert res.count == 1 and res.read(1).shape[0] > 300


def test_plain_non_finite_results_keep_nan_and_infinity(con):
    """sqrt(-1) is NaN and ln(0) is -Infinity, not no-data (null): the JSON body says them as
    Python's json and the openeo client read them; a null stays null."""
    def run(process_id, **arguments):
        return con.execute({"n": {"process_id": process_id, "arguments": arguments, "result": True}})

    import math

    assert math.isnan(run("sqrt", x=-1))
    assert run("ln", x=0) == -math.inf and run("artanh", x=1) == math.inf
    assert run("if", value=False, accept=1) is None and run("sqrt", x=None) is None


def test_time_series_json_writes_no_data_as_null(backend_url):
    """A cube's NaN pixels are no-data: strict JSON with null, never the NaN token."""
    box = {"type": "Polygon", "coordinates": [[[11.30, 46.47], [11.31, 46.47], [11.31, 46.48], [11.30, 46.48], [11.30, 46.47]]]}
    graph = {"process_graph": {
        "load": {"process_id": "load_collection", "arguments": {"id": "SENTINEL2_L2A", "spatial_extent": EXTENT, "temporal_extent": DAY, "bands": ["B04"]}},
        "nan": {"process_id": "apply", "arguments": {"data": {"from_node": "load"}, "process": {"process_graph": {
            "neg": {"process_id": "multiply", "arguments": {"x": {"from_parameter": "x"}, "y": -1}},
            "s": {"process_id": "sqrt", "arguments": {"x": {"from_node": "neg"}}, "result": True}}}}},
        "agg": {"process_id": "aggregate_spatial", "arguments": {"data": {"from_node": "nan"}, "geometries": box, "reducer": {"process_graph": {
            "m": {"process_id": "mean", "arguments": {"data": {"from_parameter": "data"}}, "result": True}}}}},
        "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "agg"}, "format": "JSON"}, "result": True}}}
    response = requests.post(backend_url + "/result", json={"process": graph}, timeout=120)
    assert response.status_code == 200, response.text
    assert "NaN" not in response.text and "null" in response.text
    json.loads(response.text, parse_constant=lambda token: pytest.fail(f"non-JSON token {token}"))


def test_a_flood_mask_on_cropland_validates_and_runs(con, tmp_path):
    """The radar flood mask cut to WorldCover cropland (`MAP == 40` resampled onto the radar grid),
    as an LLM drafted it for the Nysa floods: /validation answered ProcessFailed ('src_nodata must
    be in valid range for source dtype') for the boolean mask's resampling."""
    aoi = {"west": 17.30, "south": 50.44, "east": 17.34, "north": 50.47}
    s1 = con.load_collection("SENTINEL1_GRD", spatial_extent=aoi, temporal_extent=["2024-09-15", "2024-09-21"], bands=["VV"])
    flooded = s1.sar_backscatter(coefficient="sigma0-ellipsoid").reduce_dimension(dimension="t", reducer="min") < 0.03
    landcover = con.load_collection("ESA_WORLDCOVER_10M_2021_V2", spatial_extent=aoi, bands=["MAP"])
    cropland = (landcover.band("MAP") == 40).resample_cube_spatial(flooded)
    graph = flooded & cropland
    assert con.validate_process_graph(graph) == []
    graph.download(tmp_path / "flooded_cropland.tif")
    with rasterio.open(tmp_path / "flooded_cropland.tif") as src:
        values = src.read(1)
    assert set(np.unique(values[~np.isnan(values)] if values.dtype.kind == "f" else values)) <= {0, 1}
