"""`aggregate_spatial` on raster cubes: each geometry reduced over its own window of pixels.

openeo-processes-dask hands the work to xvec's iterative zonal statistics, which per geometry
masks the *whole* raster (a full-size copy per field), runs a `gc.collect()` (about 0.2 s in a
server process holding many objects) and schedules through joblib (which sleeps while it polls).
Here each geometry reads only the window its bounds cover, pixels inside it (pixel centres, as
xvec and rasterio's `geometry_mask` decide) are kept, the reducer runs over (y, x), and the
results are stacked along a `geometry` dimension with xvec's geometry index, exactly the vector
cube the library returns. Lazy on Dask: only the chunks under the geometries are read.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import shapely.geometry
import xarray as xr

__all__ = ["zonal_reduce", "geometry_list", "feature_names"]


def geometry_list(geometries: Any) -> tuple[list, str]:
    """Shapely geometries of an inline GeoJSON object and the CRS they are in (GeoJSON's
    "crs" member, as the library reads it; EPSG:4326 by default)."""
    from backend.errors import ProcessParameterInvalid

    crs: Any = "EPSG:4326"
    member = geometries.get("crs") if isinstance(geometries, dict) else None
    if isinstance(member, dict):
        crs = (member.get("properties") or {}).get("name", crs)
    elif member is not None:
        crs = int(member)
    kind = geometries.get("type") if isinstance(geometries, dict) else None
    if kind == "FeatureCollection":
        shapes = [shapely.geometry.shape(f["geometry"]) for f in geometries.get("features", []) if f.get("geometry")]
    elif kind == "Feature":
        shapes = [shapely.geometry.shape(geometries["geometry"])] if geometries.get("geometry") else []
    elif kind == "GeometryCollection":
        shapes = [shapely.geometry.shape(g) for g in geometries.get("geometries", [])]
    elif kind in ("Polygon", "MultiPolygon", "Point", "MultiPoint", "LineString", "MultiLineString"):
        shapes = [shapely.geometry.shape(geometries)]
    else:
        raise ProcessParameterInvalid(
            "aggregate_spatial: geometries must be GeoJSON (a Polygon, MultiPolygon, Feature or FeatureCollection) "
            "or a vector cube (load_geojson).")
    return shapes, crs


def feature_names(geometries: Any) -> list[str] | None:
    """The `name` property of each feature of a FeatureCollection (with geometry), when every one has
    one: the result keeps it beside each geometry, so a table says which row is which region."""
    if not isinstance(geometries, dict) or geometries.get("type") != "FeatureCollection":
        return None
    features = [f for f in geometries.get("features", []) if isinstance(f, dict) and f.get("geometry")]
    names = [(f.get("properties") or {}).get("name") for f in features]
    if not names or not all(isinstance(n, str | int | float) and not isinstance(n, bool) for n in names):
        return None
    return [str(n) for n in names]


def _window(geom: Any, transform: Any, height: int, width: int) -> tuple[int, int, int, int]:
    """Rows and columns [r0, r1) x [c0, c1) of the pixels whose centres may lie in `geom`."""
    inverse = ~transform
    west, south, east, north = geom.bounds
    corners = [inverse * (x, y) for x in (west, east) for y in (south, north)]
    cols, rows = [c for c, _ in corners], [r for _, r in corners]
    c0, c1 = max(0, math.floor(min(cols)) - 1), min(width, math.ceil(max(cols)) + 1)
    r0, r1 = max(0, math.floor(min(rows)) - 1), min(height, math.ceil(max(rows)) + 1)
    return r0, r1, c0, c1


def _one(data: xr.DataArray, geom: Any, transform: Any, x_dim: str, y_dim: str, reducer: Any) -> xr.DataArray:
    from rasterio.features import geometry_mask

    height, width = data.sizes[y_dim], data.sizes[x_dim]
    r0, r1, c0, c1 = _window(geom, transform, height, width)
    if r1 <= r0 or c1 <= c0:  # outside the raster: reduce one pixel that is masked out
        r0, r1, c0, c1, inside = 0, 1, 0, 1, np.zeros((1, 1), dtype=bool)
    else:
        window = transform * transform.translation(c0, r0)
        inside = geometry_mask([geom], out_shape=(r1 - r0, c1 - c0), transform=window, invert=True)
    part = data.isel({y_dim: slice(r0, r1), x_dim: slice(c0, c1)})
    masked = part.where(xr.DataArray(inside, dims=(y_dim, x_dim)))
    # one pixel axis: reducers such as median and quantiles take a single axis, not (y, x)
    pixels = masked.stack({"_pixels": (y_dim, x_dim)}).drop_vars(["_pixels", y_dim, x_dim], errors="ignore")
    return pixels.reduce(reducer, dim="_pixels", keep_attrs=True, positional_parameters={"data": 0})


def zonal_reduce(data: xr.DataArray, shapes: list, crs: Any, reducer: Any, names: list[str] | None = None) -> xr.DataArray:
    """The vector cube of `reducer` over each geometry's pixels (see the module docstring), with a
    `name` coordinate along `geometry` when the features were named."""
    import geopandas as gpd
    import xvec  # noqa: F401 - registers the .xvec accessor

    x_dim, y_dim = data.openeo.x_dim, data.openeo.y_dim
    projected = list(gpd.GeoSeries(shapes, crs=crs).to_crs(data.rio.crs).values)
    transform = data.rio.transform()
    results = [_one(data, geom, transform, x_dim, y_dim, reducer) for geom in projected]
    stacked = xr.concat(results, dim=xr.DataArray(projected, name="geometry", dims="geometry"))
    if names is not None and len(names) == len(projected):
        stacked = stacked.assign_coords(name=("geometry", names))
    return stacked.xvec.set_geom_indexes("geometry", crs=None)
