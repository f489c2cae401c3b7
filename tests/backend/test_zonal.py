"""aggregate_spatial per geometry window (backend.processes.zonal) against numpy on a Dask cube,
and against the library's own (xvec) aggregate_spatial: the same pixels, the same vector cube."""

from __future__ import annotations

import csv
import io
import json
from types import SimpleNamespace

import dask.array as da
import numpy as np
import pytest
import rioxarray  # noqa: F401 - the .rio accessor
import xarray as xr
from rasterio.features import geometry_mask
from rasterio.transform import from_origin

from backend.datasources.base import DataSourceRegistry
from backend.processes.registry import build_registry
from backend.settings import BackendSettings

RES = 10.0
X0, Y0 = 600_000.0, 5_650_000.0  # EPSG:32631, near Leuven


@pytest.fixture(scope="module")
def registry():
    return build_registry(SimpleNamespace(settings=BackendSettings(), catalog={}, sources=DataSourceRegistry()))


@pytest.fixture(scope="module")
def cube() -> xr.DataArray:
    rng = np.random.default_rng(3)
    values = rng.normal(0.4, 0.2, size=(3, 2, 60, 80))
    values[rng.random(values.shape) < 0.1] = np.nan
    x = X0 + (np.arange(80) + 0.5) * RES
    y = Y0 - (np.arange(60) + 0.5) * RES
    t = np.array(["2023-05-01", "2023-05-06", "2023-05-11"], dtype="datetime64[ns]")
    data = xr.DataArray(da.from_array(values, chunks=(1, 2, 30, 40)), dims=("t", "bands", "y", "x"),
                        coords={"t": t, "bands": ["B04", "B08"], "y": y, "x": x})
    return data.rio.write_crs("EPSG:32631")


def _square(x0: float, y0: float, size: float) -> dict:
    """A square of the cube's CRS as a GeoJSON polygon in longitude/latitude."""
    from pyproj import Transformer

    to_lonlat = Transformer.from_crs("EPSG:32631", "EPSG:4326", always_xy=True)
    ring = [to_lonlat.transform(x, y) for x, y in ((x0, y0), (x0 + size, y0), (x0 + size, y0 + size), (x0, y0 + size), (x0, y0))]
    return {"type": "Polygon", "coordinates": [[list(p) for p in ring]]}


def geometries() -> dict:
    """Overlapping fields, one crossing the raster's edge and one far outside."""
    inside = _square(X0 + 100, Y0 - 400, 155)
    overlapping = _square(X0 + 200, Y0 - 330, 180)
    edge = _square(X0 - 50, Y0 - 120, 100)
    outside = _square(X0 + 5000, Y0 + 5000, 100)
    return {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": g}
                                                      for g in (inside, overlapping, edge, outside)]}


def _in_cube_crs(geometry: dict):
    import geopandas as gpd
    import shapely.geometry

    return gpd.GeoSeries([shapely.geometry.shape(geometry)], crs="EPSG:4326").to_crs("EPSG:32631").iloc[0]


def run(registry, process_id: str, **arguments):
    graph = registry.parse({"n": {"process_id": process_id, "arguments": {**arguments, "data": {"from_parameter": "cube"}}, "result": True}})
    return graph.to_callable(process_registry=registry.pg_registry)


def test_zonal_means_equal_numpy_over_each_geometrys_pixels(registry, cube):
    reducer = {"process_graph": {"m": {"process_id": "mean", "arguments": {"data": {"from_parameter": "data"}}, "result": True}}}
    result = run(registry, "aggregate_spatial", geometries=geometries(), reducer=reducer)(named_parameters={"cube": cube})
    assert result.dims[0] == "geometry" and result.sizes["geometry"] == 4
    assert isinstance(result.data, da.Array)  # lazy until computed
    values = cube.values
    transform = from_origin(X0, Y0, RES, RES)
    for i, feature in enumerate(geometries()["features"]):
        inside = geometry_mask([_in_cube_crs(feature["geometry"])], out_shape=(60, 80), transform=transform, invert=True)
        assert inside.any() == (i < 3)
        with np.errstate(invalid="ignore"), pytest.warns(RuntimeWarning) if not inside.any() else _nothing():
            expected = np.nanmean(np.where(inside, values, np.nan), axis=(2, 3))
        got = result.isel(geometry=i).transpose("t", "bands").values
        np.testing.assert_allclose(got, expected, rtol=1e-12, equal_nan=True)
    assert np.isnan(result.isel(geometry=3).values).all()  # outside the raster: no-data


def test_the_same_vector_cube_as_the_librarys_aggregate_spatial(registry, cube):
    from openeo_processes_dask.process_implementations.cubes.aggregate import aggregate_spatial as library

    reducer = {"process_graph": {"m": {"process_id": "max", "arguments": {"data": {"from_parameter": "data"}}, "result": True}}}
    features = geometries()
    ours = run(registry, "aggregate_spatial", geometries=features, reducer=reducer)(named_parameters={"cube": cube}).compute()

    def maximum(data, axis=None, **kwargs):
        return np.nanmax(data, axis=axis)

    import joblib

    with joblib.parallel_config(backend="threading"):  # not a pool of new processes, as the backend ran it before
        theirs = library(cube, geometries=features, reducer=maximum).compute()
    assert ours.dims == theirs.dims
    assert [g.equals(h) for g, h in zip(ours["geometry"].values, theirs["geometry"].values)] == [True] * 4
    np.testing.assert_allclose(ours.values, theirs.values, equal_nan=True)


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_named_features_keep_their_names_in_the_csv_and_json_tables(registry, cube):
    from backend.processes.save import SavedResult, encode

    features = geometries()
    names = ["Houten", "De Bilt", "Zeist", "Baarn"]
    for f, name in zip(features["features"], names, strict=True):
        f["properties"] = {"name": name}
    reducer = {"process_graph": {"m": {"process_id": "mean", "arguments": {"data": {"from_parameter": "data"}}, "result": True}}}
    result = run(registry, "aggregate_spatial", geometries=features, reducer=reducer)(named_parameters={"cube": cube})
    one = result.isel(t=0).compute()
    rows = list(csv.reader(io.StringIO(encode(SavedResult(data=one, format="CSV")).data.decode())))
    assert rows[0] == ["name", "bands", "t", "value"]  # no geometry repr: the name says which row is which
    assert [r[0] for r in rows[1:]] == [n for n in names for _ in ("B04", "B08")]
    assert [float(r[3]) for r in rows[1:3]] == pytest.approx(one.isel(geometry=0).values.tolist())
    payload = json.loads(encode(SavedResult(data=one, format="JSON")).data)
    assert payload["coords"]["name"] == names


def test_unnamed_features_have_no_name_column(registry, cube):
    reducer = {"process_graph": {"m": {"process_id": "mean", "arguments": {"data": {"from_parameter": "data"}}, "result": True}}}
    result = run(registry, "aggregate_spatial", geometries=geometries(), reducer=reducer)(named_parameters={"cube": cube})
    assert "name" not in result.coords


NUMPY_REDUCERS = {
    "median": np.nanmedian,
    "min": np.nanmin,
    "max": np.nanmax,
    "sum": np.nansum,
    "sd": lambda a, axis: np.nanstd(a, axis=axis, ddof=1),
    "variance": lambda a, axis: np.nanvar(a, axis=axis, ddof=1),
    "count": lambda a, axis: np.sum(np.isfinite(a), axis=axis),
}


@pytest.mark.parametrize("process_id", sorted(NUMPY_REDUCERS))
def test_every_single_value_reducer_per_geometry_equals_numpy(registry, cube, process_id):
    # median and the order statistics take one axis: the pixels of a geometry are one axis, not (y, x)
    # ('median' failed with "unsupported operand type(s) for %: 'tuple' and 'int'")
    reducer = {"process_graph": {"m": {"process_id": process_id, "arguments": {"data": {"from_parameter": "data"}}, "result": True}}}
    features = geometries()["features"][:3]
    result = run(registry, "aggregate_spatial", geometries={"type": "FeatureCollection", "features": features},
                 reducer=reducer)(named_parameters={"cube": cube}).compute()
    values = cube.values
    transform = from_origin(X0, Y0, RES, RES)
    for i, feature in enumerate(features):
        inside = geometry_mask([_in_cube_crs(feature["geometry"])], out_shape=(60, 80), transform=transform, invert=True)
        pixels = values[:, :, inside]  # (t, bands, pixels inside)
        expected = NUMPY_REDUCERS[process_id](pixels, axis=2)
        got = result.isel(geometry=i).transpose("t", "bands").values
        np.testing.assert_allclose(got, expected, rtol=1e-9, equal_nan=True)


def test_unnamed_features_are_numbered_in_the_csv_not_written_as_polygon_reprs(registry, cube):
    """The CSV's geometry column held "{'type': 'Polygon', 'coordinates': (((576718.66, ...)),)}" in the
    raster's UTM coordinates: a reader could not tell the rows apart. It is the feature's position."""
    from backend.processes.save import SavedResult, encode

    reducer = {"process_graph": {"m": {"process_id": "mean", "arguments": {"data": {"from_parameter": "data"}}, "result": True}}}
    result = run(registry, "aggregate_spatial", geometries=geometries(), reducer=reducer)(named_parameters={"cube": cube})
    one = result.isel(t=0).compute()
    rows = list(csv.reader(io.StringIO(encode(SavedResult(data=one, format="CSV")).data.decode())))
    assert rows[0][0] == "geometry"
    assert [r[0] for r in rows[1:]] == [str(g) for g in range(4) for _ in ("B04", "B08")]
    assert [float(r[-1]) for r in rows[3:5]] == pytest.approx(one.isel(geometry=1).values.tolist())
