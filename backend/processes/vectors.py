"""Vector cubes: `load_geojson` makes one, `vector_to_raster` burns one into a raster grid.

A vector cube is an xarray DataArray with a `geometry` dimension whose labels are shapely
geometries in EPSG:4326 (the xvec convention that openeo-processes-dask's aggregate_spatial
produces too), plus optional other dimensions (`properties`, or `t`/`bands` after
aggregate_spatial). mask_polygon, filter_spatial and aggregate_spatial accept such cubes.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyproj
import shapely.geometry
import shapely.ops
import xarray as xr
from rasterio.features import rasterize
from rasterio.transform import Affine

from backend.errors import DimensionNotAvailable, ProcessParameterInvalid

__all__ = ["load_geojson", "vector_to_raster", "geometries_of"]


def _features(data: Any) -> list[tuple[Any, dict]]:
    if not isinstance(data, dict):
        raise ProcessParameterInvalid("load_geojson: data must be a GeoJSON object (Feature, FeatureCollection or geometry).")
    kind = data.get("type")
    if kind == "FeatureCollection":
        return [pair for feature in data.get("features", []) for pair in _features(feature)]
    if kind == "Feature":
        geometry = data.get("geometry")
        return [] if geometry is None else [(shapely.geometry.shape(geometry), dict(data.get("properties") or {}))]
    if kind == "GeometryCollection":
        raise ProcessParameterInvalid("load_geojson: the GeoJSON type GeometryCollection is not supported; use a FeatureCollection.")
    try:
        return [(shapely.geometry.shape(data), {})]
    except (AttributeError, KeyError, ValueError, TypeError) as exc:
        raise ProcessParameterInvalid(f"load_geojson: not a GeoJSON geometry ({exc}).") from None


def _number(value: Any) -> float:
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)):
        return float(value)
    return np.nan


def load_geojson(data: Any, properties: list | None = None) -> xr.DataArray:
    """One `geometry` label per geometry; with `properties`, a `properties` dimension of their
    (numeric) values, missing ones no-data."""
    pairs = [(g, p) for g, p in _features(data) if not g.is_empty]
    geometries = np.array([g for g, _ in pairs], dtype=object)
    if properties:
        values = np.array([[_number(p.get(name)) for name in properties] for _, p in pairs], dtype=float).reshape(len(pairs), len(properties))
        cube = xr.DataArray(values, dims=("geometry", "properties"), coords={"geometry": geometries, "properties": list(properties)})
    else:
        cube = xr.DataArray(np.arange(len(pairs), dtype=float), dims=("geometry",), coords={"geometry": geometries})
    cube.attrs["crs"] = "EPSG:4326"
    return cube


def geometries_of(value: Any) -> list | None:
    """The geometries of a vector cube, or None when `value` is not one."""
    if isinstance(value, xr.DataArray) and "geometry" in value.dims:
        return list(value["geometry"].values)
    return None


def _target_grid(target: xr.DataArray) -> tuple[Affine, tuple[int, int], pyproj.CRS]:
    if "x" not in target.dims or "y" not in target.dims:
        raise DimensionNotAvailable(f"vector_to_raster: the target needs spatial dimensions x and y; it has {list(map(str, target.dims))}.")
    crs = target.rio.crs or target.attrs.get("crs")
    if crs is None:
        raise ProcessParameterInvalid("vector_to_raster: the target cube has no coordinate reference system.")
    x, y = target["x"].values, target["y"].values
    dx = float(x[1] - x[0]) if len(x) > 1 else 1.0
    dy = float(y[1] - y[0]) if len(y) > 1 else -1.0
    transform = Affine(dx, 0.0, float(x[0]) - dx / 2, 0.0, dy, float(y[0]) - dy / 2)
    return transform, (len(y), len(x)), pyproj.CRS.from_user_input(str(crs))


def vector_to_raster(data: xr.DataArray, target: xr.DataArray) -> xr.DataArray:
    geometries = geometries_of(data)
    if geometries is None:
        raise ProcessParameterInvalid("vector_to_raster: data must be a vector cube (from load_geojson or aggregate_spatial).")
    transform, shape, crs = _target_grid(target)
    source_crs = pyproj.CRS.from_user_input(str(data.attrs.get("crs") or "EPSG:4326"))
    to_grid = pyproj.Transformer.from_crs(source_crs, crs, always_xy=True).transform
    projected = [shapely.ops.transform(to_grid, g) for g in geometries]
    values = data.compute() if hasattr(data, "compute") else data
    others = [d for d in values.dims if d != "geometry"]
    stacked = values.transpose("geometry", *others).values.reshape(len(geometries), -1)
    layers = []
    for column in range(stacked.shape[1]):
        shapes = [(g, float(v)) for g, v in zip(projected, stacked[:, column]) if not g.is_empty and np.isfinite(v)]
        burned = rasterize(shapes, out_shape=shape, transform=transform, fill=np.nan, dtype="float64") if shapes else np.full(shape, np.nan)
        layers.append(burned.astype("float32"))
    cube = np.stack(layers).reshape(*[values.sizes[d] for d in others], *shape) if others else layers[0]
    coords = {d: values[d].values for d in others if d in values.coords}
    coords.update(y=target["y"].values, x=target["x"].values)
    out = xr.DataArray(cube, dims=(*others, "y", "x"), coords=coords, attrs={"crs": crs.to_string(), "nodata": float("nan")})
    if "spatial_ref" in target.coords:
        out = out.assign_coords(spatial_ref=target["spatial_ref"])
    return out
