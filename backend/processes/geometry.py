"""Polygon masks on raster cubes: `mask_polygon` and `filter_spatial`.

The library's versions need particular chunk layouts and fail on others; these rasterize the
GeoJSON (EPSG:4326, or the CRS a FeatureCollection names) onto the cube's own pixel grid once,
as a small 2-D boolean array, and apply it lazily to every other dimension.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyproj
import shapely.geometry
import shapely.ops
import xarray as xr
from rasterio.features import geometry_mask
from rasterio.transform import Affine

from backend.errors import DimensionNotAvailable, ProcessParameterInvalid

__all__ = ["mask_polygon", "filter_spatial"]


def _shapes(geojson: Any) -> list:
    if not isinstance(geojson, dict):
        raise ProcessParameterInvalid("The geometries must be inline GeoJSON (Polygon, MultiPolygon, Feature or FeatureCollection).")
    kind = geojson.get("type")
    if kind == "FeatureCollection":
        return [g for f in geojson.get("features", []) for g in _shapes(f)]
    if kind == "Feature":
        return _shapes(geojson.get("geometry"))
    if kind == "GeometryCollection":
        return [g for item in geojson.get("geometries", []) for g in _shapes(item)]
    geometry = shapely.geometry.shape(geojson)
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        raise ProcessParameterInvalid(f"Masks need polygons, got a {geometry.geom_type}. Buffer points and lines first.")
    return [geometry]


def _grid(data: xr.DataArray) -> tuple[Affine, tuple[int, int], pyproj.CRS]:
    if "x" not in data.dims or "y" not in data.dims:
        raise DimensionNotAvailable(f"A polygon mask needs the spatial dimensions x and y; the cube has {list(data.dims)}.")
    crs = data.rio.crs or data.attrs.get("crs")
    if crs is None:
        raise ProcessParameterInvalid("The cube has no coordinate reference system, so polygons cannot be placed on it.")
    x, y = data["x"].values, data["y"].values
    dx = float(x[1] - x[0]) if len(x) > 1 else 1.0
    dy = float(y[1] - y[0]) if len(y) > 1 else -1.0
    transform = Affine(dx, 0.0, float(x[0]) - dx / 2, 0.0, dy, float(y[0]) - dy / 2)
    return transform, (len(y), len(x)), pyproj.CRS.from_user_input(str(crs))


def _inside(data: xr.DataArray, geometries: Any) -> xr.DataArray:
    """(y, x) booleans: True where a pixel centre lies inside any polygon."""
    transform, shape, crs = _grid(data)
    shapes = _shapes(geometries)
    to_cube = pyproj.Transformer.from_crs(4326, crs, always_xy=True).transform
    projected = [shapely.ops.transform(to_cube, g) for g in shapes]
    outside = geometry_mask(projected, out_shape=shape, transform=transform, invert=False) if projected else np.ones(shape, bool)
    return xr.DataArray(~outside, dims=("y", "x"), coords={"y": data["y"], "x": data["x"]})


def mask_polygon(data: xr.DataArray, mask: Any, replacement: Any = None, inside: bool = False) -> xr.DataArray:
    """Replace pixels outside the polygons (or inside, with inside=true) by `replacement` (no-data)."""
    keep = _inside(data, mask)
    if inside:
        keep = ~keep
    value = np.nan if replacement is None else replacement
    return data.where(keep, value).transpose(*data.dims)


def filter_spatial(data: xr.DataArray, geometries: Any) -> xr.DataArray:
    """Crop to the polygons' bounding box and set pixels outside the polygons to no-data."""
    keep = _inside(data, geometries)
    rows = np.flatnonzero(keep.values.any(axis=1))
    cols = np.flatnonzero(keep.values.any(axis=0))
    masked = data.where(keep).transpose(*data.dims)
    if rows.size == 0:
        return masked.isel(y=slice(0, 0), x=slice(0, 0))
    return masked.isel(y=slice(rows[0], rows[-1] + 1), x=slice(cols[0], cols[-1] + 1))
