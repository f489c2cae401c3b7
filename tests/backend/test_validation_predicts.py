"""Validation predicts execution: empty load windows (all at once, with the nearest dates) and
errors inside callbacks (from the run on a synthetic sample, naming the node) are reported by
POST /validation exactly where POST /result would fail; the acquisitions listed by
GET /collections/{id}/items are the time labels a load really gets. Real backend over HTTP,
real openeo client."""

from __future__ import annotations

import io
import json
import re

import numpy as np
import openeo
import pytest
import requests
import xarray as xr
from openeo.rest import OpenEoApiError

BOX = {"west": 11.30, "south": 46.47, "east": 11.31, "north": 46.48}  # inside the real Bolzano scene
ELSEWHERE = {"west": 4.70, "south": 50.87, "east": 4.71, "north": 50.88}  # Leuven: simulated only


@pytest.fixture(scope="module")
def con(backend_url):
    return openeo.connect(backend_url)


def errors_of(con, cube) -> list[dict]:
    return con.validate_process_graph(cube.flat_graph())


def executes(con, cube) -> str | None:
    """None when /result succeeds, else the openEO error code."""
    try:
        con.download(cube.flat_graph())
    except OpenEoApiError as exc:
        return exc.code
    return None


def items(backend_url, collection, box, start, end) -> list[str]:
    bbox = ",".join(str(box[k]) for k in ("west", "south", "east", "north"))
    r = requests.get(f"{backend_url}/collections/{collection}/items", params={"bbox": bbox, "datetime": f"{start}/{end}"}, timeout=30)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/geo+json")
    return [f["properties"]["datetime"][:10] for f in r.json()["features"]]


@pytest.mark.slow
def test_every_empty_load_is_reported_at_once_with_real_nearest_dates(con, backend_url):
    s2 = con.load_collection("SENTINEL2_L2A", spatial_extent=ELSEWHERE, temporal_extent=["2021-06-18", "2021-06-19"], bands=["B04", "B08"])
    s1 = con.load_collection("SENTINEL1_GRD", spatial_extent=ELSEWHERE, temporal_extent=["2023-03-04", "2023-03-10"], bands=["VV"])
    days_s2 = items(backend_url, "SENTINEL2_L2A", ELSEWHERE, "2021-06-18", "2021-06-18")
    days_s1 = items(backend_url, "SENTINEL1_GRD", ELSEWHERE, "2023-03-04", "2023-03-09")
    assert days_s2 == [] and days_s1 == [], "pick windows without acquisitions for this test"
    merged = s2.ndvi(nir="B08", red="B04").reduce_dimension(dimension="t", reducer="mean").merge_cubes(
        s1.reduce_dimension(dimension="t", reducer="mean"))
    errors = errors_of(con, merged)
    assert [e["code"] for e in errors] == ["NoDataAvailable", "NoDataAvailable"], errors
    assert "SENTINEL2_L2A" in errors[0]["message"] and "SENTINEL1_GRD" in errors[1]["message"]
    assert executes(con, merged) == "NoDataAvailable"  # what validation said, execution does
    for error, collection, band in ((errors[0], "SENTINEL2_L2A", "B04"), (errors[1], "SENTINEL1_GRD", "VV")):
        message = error["message"]
        nearest = re.findall(r"(\d{4}-\d{2}-\d{2}) \(\d+ days? (?:before|after)", message)
        assert nearest, message
        for day in nearest:  # each named date is a real acquisition there
            assert items(backend_url, collection, ELSEWHERE, day, day) == [day]
        example = json.loads(re.search(r"e\.g\. (\[[^\]]+\])", message).group(1))
        fixed = con.load_collection(collection, spatial_extent=ELSEWHERE, temporal_extent=example, bands=[band])
        assert errors_of(con, fixed) == []
        assert executes(con, fixed) is None


def test_validation_agrees_with_execution_day_by_day(con, backend_url):
    """Seven one-day windows: those validation calls empty fail at execution, the others run, and
    the items listed are the time labels of the loaded cube."""
    agreed = {"empty": 0, "data": 0}
    for day in range(1, 8):
        start, end = f"2021-07-{day:02d}", f"2021-07-{day + 1:02d}"
        cube = con.load_collection("SENTINEL2_L2A", spatial_extent=ELSEWHERE, temporal_extent=[start, end], bands=["B04"])
        said = [e["code"] for e in errors_of(con, cube)]
        listed = items(backend_url, "SENTINEL2_L2A", ELSEWHERE, start, start)
        if said:
            assert said == ["NoDataAvailable"] and listed == [] and executes(con, cube) == "NoDataAvailable"
            agreed["empty"] += 1
        else:
            assert listed == [start]
            data = xr.open_dataset(io.BytesIO(con.download(cube.save_result(format="netCDF").flat_graph())))
            assert [str(t)[:10] for t in data["t"].values] == listed
            agreed["data"] += 1
    assert agreed["empty"] and agreed["data"], agreed


def test_real_files_count_and_static_collections_are_never_empty(con, backend_url):
    # the real scene near Bolzano is of 2022-06-12, whatever the simulated calendar says
    cube = con.load_collection("SENTINEL2_L2A", spatial_extent=BOX, temporal_extent=["2022-06-12", "2022-06-13"], bands=["B04", "B08"])
    assert errors_of(con, cube) == []
    assert items(backend_url, "SENTINEL2_L2A", BOX, "2022-06-01", "2022-06-30") == ["2022-06-12"]
    dem = con.load_collection("COPERNICUS_30", spatial_extent=BOX, temporal_extent=["2022-06-12", "2022-06-13"])
    assert errors_of(con, dem) == []


def test_filter_temporal_that_leaves_nothing_is_reported_on_the_filter(con, backend_url):
    cube = con.load_collection("SENTINEL2_L2A", spatial_extent=ELSEWHERE, temporal_extent=["2021-06-01", "2021-07-01"], bands=["B04"])
    late = cube.filter_temporal("2021-06-18", "2021-06-19")
    errors = errors_of(con, late.reduce_dimension(dimension="t", reducer="max"))
    assert [e["code"] for e in errors] == ["NoDataAvailable"], errors
    assert "filter_temporal" in errors[0]["message"] and "Widen extent" in errors[0]["message"]


def test_error_inside_a_callback_is_found_before_execution_with_its_node(con):
    cube = con.load_collection("SENTINEL2_L2A", spatial_extent=ELSEWHERE, temporal_extent=["2021-06-01", "2021-07-01"], bands=["B04", "B08"])
    # a band label in a reducer over time: static checks cannot see it, execution fails
    wrong = cube.reduce_dimension(dimension="t", reducer=lambda data: data.array_element(label="B04"))
    errors = errors_of(con, wrong)
    assert len(errors) == 1, errors
    message = errors[0]["message"]
    assert errors[0]["code"] == "ArrayElementNotAvailable"
    assert re.search(r"node '\w+' \(array_element\) in the 'reducer' callback of node '\w+' \(reduce_dimension\)", message), message
    assert "band labels are only valid in a reducer over 'bands'" in message
    assert executes(con, wrong) == "ArrayElementNotAvailable"
    right = cube.reduce_dimension(dimension="bands", reducer=lambda data: data.array_element(label="B04")).max_time()
    assert errors_of(con, right) == [] and executes(con, right) is None


def test_items_query_is_checked(backend_url):
    base = f"{backend_url}/collections/SENTINEL2_L2A/items"
    bad = requests.get(base, params={"bbox": "11,46"}, timeout=30)
    assert bad.status_code == 400 and bad.json()["code"] == "SpatialExtentInvalid"
    reversed_ = requests.get(base, params={"bbox": "4.70,50.87,4.71,50.88", "datetime": "2021-07-01/2021-06-01"}, timeout=30)
    assert reversed_.status_code == 400 and "earlier date first" in reversed_.json()["message"]
    paged = requests.get(base, params={"bbox": "4.70,50.87,4.71,50.88", "datetime": "2021-01-01/2021-12-31", "limit": 5}, timeout=30).json()
    assert paged["numberReturned"] == 5 and paged["numberMatched"] > 5
    following = requests.get(next(link["href"] for link in paged["links"] if link["rel"] == "next"), timeout=30).json()
    assert following["features"][0]["properties"]["datetime"] > paged["features"][-1]["properties"]["datetime"]
    assert np.all([f["properties"]["openeo_agent:simulated"] for f in paged["features"]])
    unknown = requests.get(f"{backend_url}/collections/SENTINEL5P_L2/items", timeout=30)
    assert unknown.status_code == 404 and "SENTINEL_5P_L2" in unknown.json()["message"]


def test_unknown_collections_and_bands_name_the_nearest_ids_in_validation_and_execution(con, backend_url):
    """The same names wherever the mistake is met: validation, and load_collection in execution
    (a client that skips validation), and the collection document's 404."""
    from backend.context import BackendContext
    from backend.errors import OpenEOApiError
    from backend.execution import execute
    from backend.settings import BackendSettings

    graph = {"load": {"process_id": "load_collection", "arguments": {
        "id": "SENTINEL5P_L2", "spatial_extent": ELSEWHERE, "temporal_extent": ["2021-06-01", "2021-06-05"], "bands": ["NO2"]}},
        "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "load"}, "format": "netCDF"}, "result": True}}
    errors = con.validate_process_graph(graph)
    assert errors[0]["code"] == "CollectionNotFound" and "Did you mean 'SENTINEL_5P_L2'?" in errors[0]["message"]
    ctx = BackendContext.create(BackendSettings(jobs_dir="/tmp/unused-jobs"))
    with pytest.raises(OpenEOApiError) as info:
        execute(graph, ctx)
    assert info.value.code == "CollectionNotFound" and "Did you mean 'SENTINEL_5P_L2'?" in info.value.message
    graph["load"]["arguments"].update(id="SENTINEL_5P_L2", bands=["N02"])
    with pytest.raises(OpenEOApiError) as info:
        execute(graph, ctx)
    assert info.value.code == "BandNotAvailable" and "Did you mean 'NO2'?" in info.value.message
    missing = requests.get(f"{backend_url}/collections/SENTINEL5P_L2", timeout=30).json()
    assert "Did you mean 'SENTINEL_5P_L2'?" in missing["message"]
