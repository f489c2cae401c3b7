"""The processes real workflows use, on a small Dask cube, against independent numpy computations.

Each test runs a real process graph through the same parser and registry as POST /result, with
the cube passed as a graph parameter, and compares every pixel with numpy/scipy.
"""

from __future__ import annotations

from types import SimpleNamespace

import dask.array as da
import numpy as np
import pytest
import scipy.ndimage
import xarray as xr

from backend.datasources.base import DataSourceRegistry
from backend.processes.registry import build_registry
from backend.settings import BackendSettings

T = np.array(["2023-05-01", "2023-05-03", "2023-05-08", "2023-05-13", "2023-05-21", "2023-06-02"], dtype="datetime64[ns]")
BANDS = ["B04", "B08", "B11"]


@pytest.fixture(scope="module")
def registry():
    return build_registry(SimpleNamespace(settings=BackendSettings(), catalog={}, sources=DataSourceRegistry()))


@pytest.fixture(scope="module")
def values() -> np.ndarray:
    rng = np.random.default_rng(7)
    cube = rng.normal(0.3, 0.2, size=(len(T), len(BANDS), 8, 10))
    cube[rng.random(cube.shape) < 0.15] = np.nan
    return cube


@pytest.fixture()
def cube(values) -> xr.DataArray:
    data = da.from_array(values, chunks=(2, 3, 4, 5))
    out = xr.DataArray(data, dims=("t", "bands", "y", "x"),
                       coords={"t": T, "bands": BANDS, "y": 5000.0 - 10 * np.arange(8), "x": 600000.0 + 10 * np.arange(10)})
    out.attrs["crs"] = "EPSG:32632"
    return out.rio.write_crs("EPSG:32632")


def run(registry, graph: dict, **parameters):
    parsed = registry.parse(graph)
    result = parsed.to_callable(process_registry=registry.pg_registry)(named_parameters=parameters)
    return result.compute() if hasattr(result, "compute") else result


def node(process_id: str, result: bool = False, **arguments) -> dict:
    return {"process_id": process_id, "arguments": arguments, **({"result": True} if result else {})}


CUBE = {"from_parameter": "cube"}
DATA = {"from_parameter": "data"}


def callback(**nodes) -> dict:
    return {"process_graph": nodes}


def test_apply_dimension_interpolates_time_series_by_date(registry, cube, values):
    out = run(registry, {"a": node("apply_dimension", True, data=CUBE, dimension="t",
                                   process=callback(i=node("array_interpolate_linear", True, data=DATA)))}, cube=cube)
    assert out.dims == cube.dims and list(out.t.values) == list(T)
    days = (T - T[0]).astype("timedelta64[D]").astype(float)
    expected = np.full(values.shape, np.nan)
    for b in range(values.shape[1]):
        for r in range(values.shape[2]):
            for c in range(values.shape[3]):
                series = values[:, b, r, c]
                ok = ~np.isnan(series)
                if ok.sum() >= 1:
                    inside = (days >= days[ok].min()) & (days <= days[ok].max())
                    expected[inside, b, r, c] = np.interp(days[inside], days[ok], series[ok])
    np.testing.assert_allclose(out.values, expected, equal_nan=True, rtol=1e-6)


@pytest.mark.parametrize("in_memory", [False, True], ids=["dask", "numpy"])
def test_apply_dimension_bands_to_new_dimension_with_array_create(registry, cube, values, in_memory):
    """Also on a cube held in memory, as validation's synthetic sample is (a numpy array's .data
    is a memoryview, which array_create once took for the array)."""
    cube = cube.compute() if in_memory else cube
    reducer = callback(lo=node("min", data=DATA), me=node("mean", data=DATA), hi=node("max", data=DATA),
                       arr=node("array_create", True, data=[{"from_node": "lo"}, {"from_node": "me"}, {"from_node": "hi"}]))
    out = run(registry, {"a": node("apply_dimension", True, data=CUBE, dimension="bands", target_dimension="stats",
                                   process=reducer)}, cube=cube)
    assert out.dims == ("t", "stats", "y", "x") and list(out.stats.values) == [0, 1, 2]
    with np.errstate(all="ignore"):
        np.testing.assert_allclose(out.isel(stats=0).values, np.nanmin(values, axis=1), equal_nan=True)
        np.testing.assert_allclose(out.isel(stats=1).values, np.nanmean(values, axis=1), equal_nan=True)
        np.testing.assert_allclose(out.isel(stats=2).values, np.nanmax(values, axis=1), equal_nan=True)


def test_sort_and_order_along_time(registry, cube, values):
    sorted_ = run(registry, {"a": node("apply_dimension", True, data=CUBE, dimension="t",
                                       process=callback(s=node("sort", True, data=DATA)))}, cube=cube)
    np.testing.assert_allclose(sorted_.values, np.sort(values, axis=0), equal_nan=True)
    order = run(registry, {"a": node("apply_dimension", True, data=CUBE, dimension="t",
                                     process=callback(o=node("order", True, data=DATA, nodata=True)))}, cube=cube)
    np.testing.assert_array_equal(order.values, np.argsort(values, axis=0, kind="stable"))


def test_array_apply_and_filter_in_callbacks(registry, cube, values):
    double = callback(m=node("multiply", True, x={"from_parameter": "x"}, y=2))
    out = run(registry, {"a": node("apply_dimension", True, data=CUBE, dimension="t",
                                   process=callback(aa=node("array_apply", True, data=DATA, process=double)))}, cube=cube)
    np.testing.assert_allclose(out.values, values * 2, equal_nan=True)
    positive = callback(g=node("gt", True, x={"from_parameter": "x"}, y=0.3))
    kept = callback(f=node("array_filter", data=DATA, condition=positive), m=node("mean", True, data={"from_node": "f"}))
    mean = run(registry, {"a": node("reduce_dimension", True, data=CUBE, dimension="t", reducer=kept)}, cube=cube)
    with np.errstate(all="ignore"):
        np.testing.assert_allclose(mean.values, np.nanmean(np.where(values > 0.3, values, np.nan), axis=0), equal_nan=True)


def test_array_concat_and_mod(registry, cube, values):
    twice = callback(c=node("array_concat", True, array1=DATA, array2=DATA))
    out = run(registry, {"a": node("apply_dimension", True, data=CUBE, dimension="t", process=twice)}, cube=cube)
    np.testing.assert_allclose(out.values, np.concatenate([values, values]), equal_nan=True)
    assert list(out.t.values) == list(range(2 * len(T)))
    remainder = run(registry, {"a": node("apply", True, data=CUBE, process=callback(m=node("mod", True, x={"from_parameter": "x"}, y=0.25)))}, cube=cube)
    np.testing.assert_allclose(remainder.values, np.mod(values, 0.25), equal_nan=True, atol=1e-12)


def test_aggregate_temporal_intervals_and_labels(registry, cube, values):
    intervals = [["2023-05-01", "2023-05-11"], ["2023-05-11", "2023-05-21"], ["2023-05-21", "2023-06-01"], ["2023-06-01", "2023-06-30"]]
    reducer = callback(m=node("median", data=DATA), x2=node("multiply", True, x={"from_node": "m"}, y=2))
    out = run(registry, {"a": node("aggregate_temporal", True, data=CUBE, intervals=intervals, labels=["d1", "d2", "d3", "june"],
                                   reducer=reducer)}, cube=cube)
    assert list(out.t.values) == ["d1", "d2", "d3", "june"]
    groups = [[0, 1, 2], [3], [4], [5]]
    with np.errstate(all="ignore"):
        for i, index in enumerate(groups):
            np.testing.assert_allclose(out.isel(t=i).values, 2 * np.nanmedian(values[index], axis=0), equal_nan=True)


def test_aggregate_temporal_period_runs_a_multi_node_reducer_per_period(registry, cube, values):
    reducer = callback(m=node("mean", data=DATA), x2=node("multiply", True, x={"from_node": "m"}, y=2))
    out = run(registry, {"a": node("aggregate_temporal_period", True, data=CUBE, period="month", reducer=reducer)}, cube=cube)
    with np.errstate(all="ignore"):
        np.testing.assert_allclose(out.isel(t=0).values, 2 * np.nanmean(values[:5], axis=0), equal_nan=True)
        np.testing.assert_allclose(out.isel(t=1).values, 2 * values[5], equal_nan=True)


def test_apply_neighborhood_with_overlap_equals_whole_image_convolution(registry, cube, values):
    kernel = [[1, 1, 1], [1, 1, 1], [1, 1, 1]]
    process = callback(k=node("apply_kernel", True, data=DATA, kernel=kernel, factor=1 / 9))
    out = run(registry, {"a": node("apply_neighborhood", True, data=CUBE, process=process,
                                   size=[{"dimension": "x", "value": 4, "unit": "px"}, {"dimension": "y", "value": 3, "unit": "px"}],
                                   overlap=[{"dimension": "x", "value": 1, "unit": "px"}, {"dimension": "y", "value": 10, "unit": "m"}])}, cube=cube)
    filled = np.nan_to_num(values, nan=0.0)
    expected = scipy.ndimage.convolve(filled, np.ones((1, 1, 3, 3)) / 9, mode="constant", cval=0.0)
    np.testing.assert_allclose(out.values, expected, rtol=1e-6, atol=1e-9)


def test_resample_cube_temporal_nearest_and_valid_within(registry, cube, values):
    target = xr.DataArray(np.zeros(3), dims=("t",), coords={"t": np.array(["2023-05-02", "2023-05-12", "2023-05-30"], dtype="datetime64[ns]")})
    out = run(registry, {"a": node("resample_cube_temporal", True, data=CUBE, target={"from_parameter": "target"})}, cube=cube, target=target)
    np.testing.assert_allclose(out.values, values[[0, 3, 5]], equal_nan=True)  # 05-02: tie of 05-01/05-03, the earlier
    assert list(out.t.values) == list(target.t.values)
    filled = run(registry, {"a": node("resample_cube_temporal", True, data=CUBE, target={"from_parameter": "target"}, valid_within=2)},
                 cube=cube, target=target)
    first = np.where(np.isnan(values[0]), values[1], values[0])
    np.testing.assert_allclose(filled.isel(t=0).values, first, equal_nan=True)
    np.testing.assert_allclose(filled.isel(t=1).values, values[3], equal_nan=True)  # 05-08 is 4 days away: not used
    assert np.isnan(filled.isel(t=2).values).all()  # nothing within 2 days of 05-30


def test_dimension_labels_and_rename_dimension(registry, cube):
    labels = run(registry, {"a": node("dimension_labels", True, data=CUBE, dimension="t")}, cube=cube)
    assert labels[0] == "2023-05-01T00:00:00Z" and len(labels) == len(T)
    renamed = run(registry, {"a": node("rename_dimension", True, data=CUBE, source="t", target="time")}, cube=cube)
    assert renamed.dims == ("time", "bands", "y", "x")


def test_filter_labels_keeps_every_matching_label_in_order(registry, cube, values):
    """Temporal labels reach the condition as ISO text (the library's gave integers and kept only
    the first match); band labels as their names."""
    VALUE = {"from_parameter": "value"}
    between = callback(b=node("date_between", True, x=VALUE, min=str(T[1])[:10], max=str(T[3])[:10]))
    kept = run(registry, {"a": node("filter_labels", True, data=CUBE, dimension="t", condition=between)}, cube=cube)
    np.testing.assert_array_equal(kept["t"].values, T[1:4])  # max included
    np.testing.assert_allclose(kept.values, values[1:4])
    wanted = callback(n=node("neq", True, x=VALUE, y=BANDS[0]))
    bands = run(registry, {"a": node("filter_labels", True, data=CUBE, dimension="bands", condition=wanted)}, cube=cube)
    assert list(bands["bands"].values) == BANDS[1:]
    none = callback(n=node("eq", True, x=VALUE, y="2000-01-01T00:00:00Z"))
    assert run(registry, {"a": node("filter_labels", True, data=CUBE, dimension="t", condition=none)}, cube=cube).sizes["t"] == 0


def test_load_geojson_and_vector_to_raster(registry, cube):
    def square(x0, y0, value):
        lon0, lat0 = x0, y0
        ring = [[lon0, lat0], [lon0 + 0.0003, lat0], [lon0 + 0.0003, lat0 + 0.0002], [lon0, lat0 + 0.0002], [lon0, lat0]]
        return {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]}, "properties": {"crop": value}}

    import pyproj
    to_lonlat = pyproj.Transformer.from_crs(32632, 4326, always_xy=True)
    lon, lat = to_lonlat.transform(600010.0, 4950.0)
    collection = {"type": "FeatureCollection", "features": [square(lon, lat, 7), square(lon + 0.0005, lat + 0.0001, 3)]}
    graph = {"g": node("load_geojson", data=collection, properties=["crop"]),
             "r": node("vector_to_raster", True, data={"from_node": "g"}, target=CUBE)}
    out = run(registry, graph, cube=cube)
    assert out.dims == ("properties", "y", "x") and out.shape[1:] == (8, 10)
    import shapely.geometry
    to_utm = pyproj.Transformer.from_crs(4326, 32632, always_xy=True)
    for feature in collection["features"]:
        ring = [to_utm.transform(*p) for p in feature["geometry"]["coordinates"][0]]
        poly = shapely.geometry.Polygon(ring)
        for r, y in enumerate(cube.y.values):
            for c, x in enumerate(cube.x.values):
                if poly.contains(shapely.geometry.Point(x, y)):
                    assert out.values[0, r, c] == feature["properties"]["crop"]
    assert np.isnan(out.values).sum() > 0 and set(np.unique(out.values[~np.isnan(out.values)])) <= {3.0, 7.0}


def test_apply_dimension_callbacks_mix_the_series_with_its_own_statistics(registry, cube, values):
    """x - mean(x) and eq(x, max(x)) along t: the reducer's value per pixel meets every element."""
    anomaly = run(registry, {"a": node("apply_dimension", True, data=CUBE, dimension="t", process=callback(
        m=node("mean", data=DATA), s=node("subtract", True, x=DATA, y={"from_node": "m"})))}, cube=cube)
    best = run(registry, {"a": node("apply_dimension", True, data=CUBE, dimension="t", process=callback(
        m=node("max", data=DATA), e=node("eq", True, x=DATA, y={"from_node": "m"})))}, cube=cube)
    with np.errstate(all="ignore"):
        np.testing.assert_allclose(anomaly.values, values - np.nanmean(values, axis=0), equal_nan=True, rtol=1e-6)
        np.testing.assert_array_equal(best.values, values == np.nanmax(values, axis=0))
    assert anomaly.dims == cube.dims and best.dtype == bool


def test_resample_cube_spatial_of_a_boolean_mask(registry, cube):
    """A land-cover mask (`MAP == 40`) resampled onto a radar cube's grid: the library's reprojection
    refused booleans ("src_nodata must be in valid range for source dtype"); near-neighbour keeps the
    mask's pixels, outside the source it is false."""
    values = np.arange(80).reshape(8, 10) % 3 == 0
    mask = xr.DataArray(values, dims=("y", "x"), coords={"y": cube.y.values, "x": cube.x.values})
    mask = mask.rio.write_crs("EPSG:32632")
    mask.attrs.update(crs="EPSG:32632", nodata=float("nan"))  # what `band == 40` keeps from a float32 load
    target = cube.isel(t=0, bands=0, drop=True).isel(y=slice(None, None, 2), x=slice(None, None, 2))
    target.attrs["crs"] = "EPSG:32632"  # 20 m pixels centred on every other pixel of the mask
    graph = {"r": {"process_id": "resample_cube_spatial",
                   "arguments": {"data": {"from_parameter": "mask"}, "target": {"from_parameter": "target"}, "method": "near"},
                   "result": True}}
    out = run(registry, graph, mask=mask, target=target)
    assert out.dtype == bool and out.shape == (4, 5)
    np.testing.assert_array_equal(out.transpose("y", "x").values, values[::2, ::2])
