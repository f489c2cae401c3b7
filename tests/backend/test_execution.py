"""execute(): real pixels in, the right numbers and formats out, openEO errors on failure.

NDVI from the real Sentinel-2 scene (../shared/data/real/S2_L2A_sample.tif) is compared with an
independent rasterio + numpy computation on the same pixels.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import dask
import dask.array as da
import numpy as np
import pytest
import rasterio
import rasterio.windows
import xarray as xr

from backend.errors import OpenEOApiError
from backend.execution import ExecutionResult, close_clients, estimate_pixels, execute
from backend.processes._testing import minimal_context

DATA = Path(__file__).resolve().parents[1] / "data"
TIF = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "real" / "S2_L2A_sample.tif"


@pytest.fixture(scope="module")
def ctx():
    if not TIF.is_file():
        pytest.skip("../shared/data/real is not beside the project")
    return minimal_context(TIF)


def graph(name: str) -> dict:
    return json.loads((DATA / name).read_text())


def read_result(result: ExecutionResult) -> tuple[np.ndarray, rasterio.Affine, str]:
    with rasterio.MemoryFile(result.data) as memory, memory.open() as ds:
        return ds.read(), ds.transform, ds.crs.to_string()


def numpy_ndvi(transform: rasterio.Affine, shape: tuple[int, int]) -> np.ndarray:
    """NDVI straight from the file, on the window of the result grid."""
    with rasterio.open(TIF) as ds:
        bands = {ds.tags(i)["DESCRIPTION"]: i for i in range(1, ds.count + 1)}
        left, top = transform.c, transform.f
        window = rasterio.windows.from_bounds(left, top - shape[0] * 10, left + shape[1] * 10, top, ds.transform).round_offsets().round_lengths()
        red = ds.read(bands["B04"], window=window).astype("float64")
        nir = ds.read(bands["B08"], window=window).astype("float64")
    red[red == 0] = np.nan
    nir[nir == 0] = np.nan
    return (nir - red) / (nir + red)


@pytest.mark.parametrize("name", ["ndvi_median_composite.json", "ndvi_band_math.json"])
def test_ndvi_equals_numpy_on_the_same_pixels(ctx, name):
    result = execute(graph(name), ctx)
    assert result.media_type.startswith("image/tiff") and result.filename == "result.tif" and not result.simulated
    values, transform, crs = read_result(result)
    assert crs == "EPSG:32632" and values.shape[0] == 1 and values.shape[1] > 600 and values.shape[2] > 900
    expected = numpy_ndvi(transform, values.shape[1:])
    np.testing.assert_allclose(values[0], expected, rtol=1e-6, atol=1e-6, equal_nan=True)
    assert np.isfinite(values).mean() > 0.99 and -1 <= np.nanmin(values) and np.nanmax(values) <= 1


def test_ndvi_with_common_names(ctx):
    g = graph("ndvi_median_composite.json")
    g["process_graph"]["ndvi"]["arguments"] = {"data": {"from_node": "load"}}  # nir/red default to common names
    values, transform, _ = read_result(execute(g, ctx))
    np.testing.assert_allclose(values[0], numpy_ndvi(transform, values.shape[1:]), rtol=1e-6, atol=1e-6, equal_nan=True)


def test_integer_band_math_does_not_wrap(ctx):
    """uint16 B04 - B08 is negative over vegetation: it must not wrap around to ~65000."""
    g = graph("ndvi_band_math.json")
    reducer = g["process_graph"]["ndvi"]["arguments"]["reducer"]["process_graph"]
    reducer["diff"]["arguments"] = {"x": {"from_node": "red"}, "y": {"from_node": "nir"}}
    reducer["diff"]["result"] = True
    for node in ("sum", "ratio"):
        del reducer[node]
    values, _, _ = read_result(execute(g, ctx))
    assert np.nanmin(values) < -1000 and np.nanmax(values) < 20000


def test_comparison_gives_a_boolean_mask(ctx):
    g = graph("ndvi_median_composite.json")
    g["process_graph"]["green"] = {"process_id": "apply", "arguments": {"data": {"from_node": "composite"}, "process": {"process_graph": {
        "gt": {"process_id": "gt", "arguments": {"x": {"from_parameter": "x"}, "y": 0.5}, "result": True}}}}}
    g["process_graph"]["save"]["arguments"]["data"] = {"from_node": "green"}
    with rasterio.MemoryFile(execute(g, ctx).data) as memory, memory.open() as ds:
        assert ds.dtypes[0] == "uint8"
        values = ds.read(1)
    assert set(np.unique(values)) <= {0, 1} and 0.05 < values.mean() < 0.95


def test_resample_to_epsg4326(ctx):
    g = graph("ndvi_median_composite.json")
    g["process_graph"]["wgs84"] = {"process_id": "resample_spatial", "arguments": {"data": {"from_node": "composite"}, "projection": 4326}}
    g["process_graph"]["save"]["arguments"]["data"] = {"from_node": "wgs84"}
    values, transform, crs = read_result(execute(g, ctx))
    assert crs == "EPSG:4326"
    assert 11.2 < transform.c < 11.4 and 46.4 < transform.f < 46.6
    assert np.isfinite(values).mean() > 0.5


@pytest.mark.parametrize("fmt,media,check", [
    ("netCDF", "application/x-netcdf", lambda b: b[:4] == b"\x89HDF"),
    ("PNG", "image/png", lambda b: b[:4] == b"\x89PNG"),
    ("JSON", "application/json", lambda b: json.loads(b)["dims"] == ["y", "x"]),
])
def test_raster_formats(ctx, fmt, media, check):
    g = graph("ndvi_median_composite.json")
    g["process_graph"]["save"]["arguments"]["format"] = fmt
    result = execute(g, ctx)
    assert result.media_type == media and check(result.data)


def test_netcdf_keeps_bands_and_time(ctx):
    g = graph("ndvi_median_composite.json")
    g["process_graph"]["save"]["arguments"] = {"data": {"from_node": "load"}, "format": "netcdf"}
    ds = xr.open_dataset(io.BytesIO(execute(g, ctx).data), engine="h5netcdf")
    assert {"B04", "B08"} <= set(ds.data_vars) and ds.sizes["t"] == 1
    assert float(ds["B08"].max()) > 1000  # digital numbers, like CDSE


def test_aggregate_spatial_time_series_as_json_and_csv(ctx):
    polygon = {"type": "Polygon", "coordinates": [[[11.30, 46.47], [11.34, 46.47], [11.34, 46.50], [11.30, 46.50], [11.30, 46.47]]]}
    g = graph("ndvi_median_composite.json")
    del g["process_graph"]["composite"]
    g["process_graph"]["series"] = {"process_id": "aggregate_spatial", "arguments": {"data": {"from_node": "ndvi"}, "geometries": polygon, "reducer": {"process_graph": {
        "mean": {"process_id": "mean", "arguments": {"data": {"from_parameter": "data"}}, "result": True}}}}}
    g["process_graph"]["save"]["arguments"] = {"data": {"from_node": "series"}, "format": "JSON"}
    payload = json.loads(execute(g, ctx).data)
    assert list(payload) == ["2022-06-12T00:00:00Z"]
    value = payload["2022-06-12T00:00:00Z"][0][0]
    assert 0.2 < value < 0.9
    g["process_graph"]["save"]["arguments"]["format"] = "CSV"
    text = execute(g, ctx).data.decode()
    assert text.splitlines()[0].startswith(("geometry", "t")) and len(text.splitlines()) == 2


def test_result_without_save_result_defaults_to_gtiff(ctx):
    g = graph("ndvi_median_composite.json")
    del g["process_graph"]["save"]
    g["process_graph"]["composite"]["result"] = True
    assert execute(g, ctx).media_type.startswith("image/tiff")


def test_library_defect_fixes_in_a_graph(ctx):
    g = {"e": {"process_id": "e", "arguments": {}},
         "cmp": {"process_id": "gt", "arguments": {"x": {"from_node": "e"}, "y": 2}},
         "out": {"process_id": "array_create", "arguments": {"data": [{"from_node": "e"}, {"from_node": "cmp"}]}, "result": True}}
    assert json.loads(execute(g, ctx).data) == [pytest.approx(np.e), 1.0]
    g = {"shift": {"process_id": "date_shift", "arguments": {"date": "2022-06-12", "value": 1, "unit": "month"}, "result": True}}
    assert json.loads(execute(g, ctx).data) == "2022-07-12"
    g = {"cmp": {"process_id": "lt", "arguments": {"x": "2022-06-12", "y": "2022-07-12"}, "result": True}}
    assert json.loads(execute(g, ctx).data) is False  # only numbers are ordered (openEO processes 2.0)


# -- errors ----------------------------------------------------------------------------------

def test_udf_must_be_inline_code_on_a_raster_cube(ctx):
    """UDFs run (in the jail: tests/backend/test_udf.py); a UDF given as a path or URL, or on
    something that is not a raster cube, is refused with what to do instead."""
    g = graph("ndvi_median_composite.json")
    g["process_graph"]["udf"] = {"process_id": "run_udf", "arguments": {"data": {"from_node": "composite"}, "udf": "import os", "runtime": "Python"}}
    g["process_graph"]["save"]["arguments"]["data"] = {"from_node": "udf"}
    with pytest.raises(OpenEOApiError) as info:
        execute(g, ctx)
    assert info.value.code == "UdfUnsupported" and "inline" in info.value.message
    from backend.processes.udf import make_run_udf

    with pytest.raises(OpenEOApiError) as info:
        make_run_udf(ctx)(None, "def apply_datacube(cube, context):\n    return cube\n", "Python")
    assert info.value.code == "UdfUnsupported" and "raster data cube" in info.value.message


@pytest.mark.parametrize("change,code", [
    (lambda g: g["process_graph"].update(load={"process_id": "filter_bands", "arguments": {"data": {"from_node": "composite"}, "bands": ["B04"]}}), "ProcessGraphInvalid"),
    (lambda g: g["process_graph"]["load"]["arguments"].update(id="NOPE"), "CollectionNotFound"),
    (lambda g: g["process_graph"]["load"]["arguments"].update(temporal_extent=["2023-01-01", "2023-02-01"]), "NoDataAvailable"),
    (lambda g: g["process_graph"]["save"]["arguments"].update(format="XLSX"), "FormatUnsupported"),
    (lambda g: g["process_graph"]["composite"]["arguments"].update(dimension="time"), "DimensionNotAvailable"),
])
def test_bad_graphs_raise_openeo_errors(ctx, change, code):
    g = graph("ndvi_median_composite.json")
    change(g)
    with pytest.raises(OpenEOApiError) as info:
        execute(g, ctx)
    assert info.value.code == code, info.value
    assert "Traceback" not in info.value.message


class ExplodingSource:
    """Loads lazily, then fails inside Dask when the pixels are computed."""

    name, simulated = "exploding", False

    def covers(self, request):
        return True

    def load(self, request):
        def boom(block):
            raise OSError("disk read failed at block 7")

        data = da.zeros((1, len(request.bands), 64, 64), dtype="uint16", chunks=(1, 1, 32, 32)).map_blocks(boom, dtype="uint16")
        return xr.DataArray(data, dims=("t", "bands", "y", "x"), coords={
            "t": [np.datetime64("2022-06-12", "ns")], "bands": request.bands,
            "y": 5154955.0 - 10 * np.arange(64), "x": 674995.0 + 10 * np.arange(64)},
            attrs={"crs": "EPSG:32632", "nodata": 0, "simulated": False})


def test_failure_inside_dask_becomes_execution_failed():
    from backend.datasources.base import DataSourceRegistry

    ctx = minimal_context(TIF)
    ctx.sources = DataSourceRegistry()
    ctx.sources.register("SENTINEL2_L2A", ExplodingSource())
    with pytest.raises(OpenEOApiError) as info:
        execute(graph("ndvi_median_composite.json"), ctx)
    assert info.value.code == "Internal" and info.value.status == 500
    assert "computing the result" in info.value.message and "disk read failed" in info.value.message


def test_distributed_scheduler_from_settings():
    distributed = pytest.importorskip("distributed")
    from backend.settings import BackendSettings

    with dask.config.set({"distributed.worker.daemon": False}), distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        ctx = minimal_context(TIF, settings=BackendSettings(dask_scheduler=cluster.scheduler_address))
        try:
            values, transform, _ = read_result(execute(graph("ndvi_median_composite.json"), ctx))
            values_again, _, _ = read_result(execute(graph("ndvi_median_composite.json"), ctx))  # reuses the connection
        finally:
            close_clients()
    np.testing.assert_array_equal(values, values_again)
    np.testing.assert_allclose(values[0], numpy_ndvi(transform, values.shape[1:]), rtol=1e-6, atol=1e-6, equal_nan=True)


def test_estimate_pixels(ctx):
    values = estimate_pixels(graph("ndvi_median_composite.json"), ctx)
    # ~9.2 km x 6.7 km at 10 m, 2 bands, 6 five-day revisits in June
    assert 5_000_000 < values < 12_000_000


def test_filters_and_coarser_resolution_are_pushed_into_the_read(ctx):
    from backend.processes.pushdown import PUSHDOWN_ARGUMENT, pushdown

    g = graph("ndvi_median_composite.json")
    load = g["process_graph"]["load"]["arguments"]
    extent = load.pop("spatial_extent")
    g["process_graph"]["box"] = {"process_id": "filter_bbox", "arguments": {"data": {"from_node": "load"}, "extent": extent}}
    g["process_graph"]["ndvi"]["arguments"]["data"] = {"from_node": "box"}
    g["process_graph"]["coarse"] = {"process_id": "resample_spatial", "arguments": {"data": {"from_node": "composite"}, "resolution": 60}}
    g["process_graph"]["save"]["arguments"]["data"] = {"from_node": "coarse"}
    rewritten = pushdown(g, ctx.catalog)
    assert rewritten["load"]["arguments"]["spatial_extent"] == extent
    assert rewritten["load"]["arguments"][PUSHDOWN_ARGUMENT] == {"resolution_m": 60.0, "whole_series": True}  # a median over t
    assert PUSHDOWN_ARGUMENT not in g["process_graph"]["load"]["arguments"]  # the caller's graph is untouched
    source = ctx.sources.sources("SENTINEL2_L2A")[0]
    values, transform, _ = read_result(execute(g, ctx))
    assert source.requests[-1].resolution_m == 60.0 and source.requests[-1].bbox == tuple(extent[k] for k in ("west", "south", "east", "north"))
    assert transform.a == 60 and values.shape[1] < 130


def test_each_load_read_coarser_when_its_every_use_is_resampled(ctx):
    """One load per year, each resampled, the years combined: every load is read at 60 m, and the
    budget counts them so; a branch of a load that never meets the resample keeps it at 10 m."""
    from backend.processes.pushdown import PUSHDOWN_ARGUMENT, pushdown

    base = graph("ndvi_median_composite.json")["process_graph"]
    flat = {}
    for year in ("a", "b"):
        for node_id, node in base.items():
            if node_id == "save":
                continue
            node = json.loads(json.dumps(node).replace('"from_node": "', f'"from_node": "{year}_'))
            flat[f"{year}_{node_id}"] = node
        flat[f"{year}_coarse"] = {"process_id": "resample_spatial",
                                  "arguments": {"data": {"from_node": f"{year}_load"}, "resolution": 60}}
        flat[f"{year}_ndvi"]["arguments"]["data"] = {"from_node": f"{year}_coarse"}
    flat["diff"] = {"process_id": "merge_cubes", "arguments": {"cube1": {"from_node": "a_composite"},
                                                             "cube2": {"from_node": "b_composite"}}}
    flat["save"] = {**base["save"], "arguments": {**base["save"]["arguments"], "data": {"from_node": "diff"}}}
    rewritten = pushdown({"process_graph": flat}, ctx.catalog)
    assert rewritten["a_load"]["arguments"][PUSHDOWN_ARGUMENT]["resolution_m"] == 60.0
    assert rewritten["b_load"]["arguments"][PUSHDOWN_ARGUMENT]["resolution_m"] == 60.0
    fine = estimate_pixels({"process_graph": {k: v for k, v in flat.items() if "coarse" not in k} | {
        "a_ndvi": {**flat["a_ndvi"], "arguments": {**flat["a_ndvi"]["arguments"], "data": {"from_node": "a_load"}}},
        "b_ndvi": {**flat["b_ndvi"], "arguments": {**flat["b_ndvi"]["arguments"], "data": {"from_node": "b_load"}}}}}, ctx)
    assert estimate_pixels({"process_graph": flat}, ctx) < fine / 20  # 36x fewer pixels read
    flat["raw"] = {"process_id": "save_result", "arguments": {"data": {"from_node": "a_load"}, "format": "GTiff"}}
    assert "resolution_m" not in pushdown({"process_graph": flat}, ctx.catalog)["a_load"]["arguments"].get(PUSHDOWN_ARGUMENT, {})


@pytest.mark.parametrize(("reducer", "whole"), [("median", True), ("mean", False), ("max", False), ("quantiles", True)])
def test_loads_whose_whole_series_one_step_needs_are_marked(ctx, reducer, whole):
    from backend.processes.pushdown import PUSHDOWN_ARGUMENT, pushdown

    g = graph("ndvi_median_composite.json")
    arguments = {"data": {"from_parameter": "data"}, **({"probabilities": [0.9]} if reducer == "quantiles" else {})}
    g["process_graph"]["composite"]["arguments"]["reducer"] = {"process_graph": {"r": {"process_id": reducer, "arguments": arguments, "result": True}}}
    read = pushdown(g, ctx.catalog)["load"]["arguments"].get(PUSHDOWN_ARGUMENT, {})
    assert read.get("whole_series", False) is whole
    g["process_graph"]["composite"] = {"process_id": "apply_dimension", "arguments": {"data": {"from_node": "ndvi"}, "dimension": "t", "process": {
        "process_graph": {"s": {"process_id": "sort", "arguments": {"data": {"from_parameter": "data"}}, "result": True}}}}}
    assert pushdown(g, ctx.catalog)["load"]["arguments"][PUSHDOWN_ARGUMENT] == {"whole_series": True}


def test_mask_polygon_keeps_only_the_area_of_interest(ctx):
    polygon = {"type": "Polygon", "coordinates": [[[11.30, 46.47], [11.34, 46.47], [11.34, 46.50], [11.30, 46.50], [11.30, 46.47]]]}
    g = graph("ndvi_median_composite.json")
    g["process_graph"]["clip"] = {"process_id": "mask_polygon", "arguments": {"data": {"from_node": "composite"}, "mask": polygon}}
    g["process_graph"]["save"]["arguments"]["data"] = {"from_node": "clip"}
    values, _, _ = read_result(execute(g, ctx))
    valid = np.isfinite(values[0]).mean()
    assert 0.1 < valid < 0.4  # the polygon covers about a quarter of the scene


def test_graph_from_the_openeo_client_validates_and_runs(ctx):
    """Built by openeo's DataCube (SCL cloud mask, ndvi, median, resample to EPSG:4326), unchanged."""
    from backend.validation import validate

    g = graph("client_cloud_masked_ndvi.json")
    assert validate(g, ctx, sync=True) == []
    values, transform, crs = read_result(execute(g, ctx))
    assert crs == "EPSG:4326" and transform.a == pytest.approx(0.0005)
    assert 0.5 < np.isfinite(values).mean() < 1.0  # cloud and shadow pixels masked


def test_merge_cubes_of_two_loads_equals_one_load(ctx):
    g = graph("ndvi_median_composite.json")
    load = g["process_graph"]["load"]
    g["process_graph"]["red"] = {**load, "arguments": {**load["arguments"], "bands": ["B04"]}}
    g["process_graph"]["nir"] = {**load, "arguments": {**load["arguments"], "bands": ["B08"]}}
    g["process_graph"]["load"] = {"process_id": "merge_cubes", "arguments": {"cube1": {"from_node": "red"}, "cube2": {"from_node": "nir"}}}
    values, transform, _ = read_result(execute(g, ctx))
    np.testing.assert_allclose(values[0], numpy_ndvi(transform, values.shape[1:]), rtol=1e-6, atol=1e-6, equal_nan=True)


def test_single_band_single_date_geotiff(ctx):
    g = graph("ndvi_median_composite.json")
    g["process_graph"]["load"]["arguments"]["bands"] = ["B08"]
    g["process_graph"]["save"]["arguments"]["data"] = {"from_node": "load"}
    with rasterio.MemoryFile(execute(g, ctx).data) as memory, memory.open() as ds:
        assert ds.count == 1 and ds.descriptions == ("B08",) and float(np.nanmax(ds.read(1))) > 1000


def test_result_from_the_simulated_earth_is_marked_simulated(tmp_path):
    from backend.context import BackendContext
    from backend.settings import BackendSettings

    ctx = BackendContext.create(BackendSettings(data_dir=None, jobs_dir=str(tmp_path), simulated=True))
    g = graph("ndvi_median_composite.json")
    g["process_graph"]["load"]["arguments"]["spatial_extent"] = {"west": -0.40, "south": 39.40, "east": -0.36, "north": 39.43}
    result = execute(g, ctx)
    assert result.simulated and result.media_type.startswith("image/tiff")


def test_monthly_composite_with_aggregate_temporal_period(ctx):
    g = graph("ndvi_median_composite.json")
    g["process_graph"]["composite"] = {"process_id": "aggregate_temporal_period", "arguments": {
        "data": {"from_node": "ndvi"}, "period": "month",
        "reducer": {"process_graph": {"mean": {"process_id": "mean", "arguments": {"data": {"from_parameter": "data"}}, "result": True}}}}}
    with rasterio.MemoryFile(execute(g, ctx).data) as memory, memory.open() as ds:
        assert ds.count == 1 and ds.descriptions == ("2022-06",)
        values, transform = ds.read(), ds.transform
    np.testing.assert_allclose(values[0], numpy_ndvi(transform, values.shape[1:]), rtol=1e-6, atol=1e-6, equal_nan=True)
