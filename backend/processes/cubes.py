"""Our versions of cube processes that openeo-processes-dask gets wrong for our users.

- `filter_temporal`: [start, end) with open ends, and an empty result instead of an error
  (a reversed extent is TemporalExtentEmpty);
- `resample_spatial`: a new projection without a resolution keeps the pixel size;
- `aggregate_spatial`: no URL fetching; each geometry reduced over its own window (`zonal`);
- `add_dimension`: temporal labels;
- `array_element`: plain JSON lists and out-of-range indices with return_nodata; an element of a
  Dask array's unchunked axis (a band in a reducer over bands) is a view of each block, not the
  copy Dask's indexing makes of a selection under half its block;
- `aggregate_temporal_period`: one label per period from first to last, empty periods no-data,
  labels as the openEO spec writes them ("2024-03" for March, "2023-djf" for a winter);
- `merge_cubes`: labels of both cubes (cube1's order first), the overlap resolved by the callback.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import xarray as xr

__all__ = ["aggregate_temporal_period", "merge_cubes", "add_dimension", "aggregate_spatial", "resample_spatial", "resample_cube_spatial", "array_element", "filter_temporal"]


def array_element(data: Any, index: int | None = None, label: Any = None, return_nodata: bool = False, axis=None, context=None, dim_labels=None) -> Any:
    """The library's array_element, plus plain JSON lists and out-of-range with return_nodata."""
    from openeo_processes_dask.process_implementations.arrays import array_element as library
    from openeo_processes_dask.process_implementations.exceptions import ArrayElementNotAvailable

    if isinstance(data, list) and label is None and index is not None:
        if 0 <= index < len(data):
            return data[index]
        if return_nodata:
            return None
        raise ArrayElementNotAvailable(f"array_element: index {index} is outside the array of length {len(data)}.")
    if axis is None and index is not None and hasattr(data, "shape") and return_nodata and not (0 <= index < len(data)):
        return None
    if label is None and _whole_axis_of_dask(data, index, axis):
        import dask.array as da

        kept = tuple(i for i in range(data.ndim) if i != axis)  # blockwise, not map_blocks: drop_axis copies every block
        return da.blockwise(_element_view, kept, data, tuple(range(data.ndim)), index=index, axis=axis,
                            concatenate=False, meta=np.empty((0,) * (data.ndim - 1), dtype=data.dtype))
    return library(data, index=index, label=label, return_nodata=return_nodata, axis=axis, context=context, dim_labels=dim_labels)


def _whole_axis_of_dask(data: Any, index: Any, axis: Any) -> bool:
    """A Dask array whose `axis` is one chunk holding the valid (non-negative) integer `index`."""
    import dask.array as da

    return (isinstance(data, da.Array) and isinstance(axis, int) and isinstance(index, (int, np.integer))
            and not isinstance(index, bool) and 0 <= axis < data.ndim and data.numblocks[axis] == 1
            and 0 <= index < data.shape[axis])


def _element_view(blocks: list[np.ndarray], index: int, axis: int) -> np.ndarray:
    """Element `index` along `axis` of the axis' one block (Dask hands it in a list), as a view
    (Dask never writes into blocks)."""
    (block,) = blocks
    return block[(slice(None),) * axis + (index,)]


def _temporal_dim(data: xr.DataArray, dimension: str | None) -> str:
    from backend.errors import DimensionNotAvailable

    if dimension is not None:
        if dimension not in data.dims:
            raise DimensionNotAvailable(f"filter_temporal: dimension '{dimension}' does not exist; the cube has {list(data.dims)}.")
        return dimension
    temporal = [d for d in data.dims if np.issubdtype(data[d].dtype, np.datetime64)] if data.dims else []
    if not temporal:
        raise DimensionNotAvailable(f"filter_temporal: the cube has no temporal dimension (dimensions: {list(data.dims)}).")
    return temporal[0]


def _datetime64(value: Any) -> np.datetime64 | None:
    if value is None:
        return None
    if hasattr(value, "to_numpy"):
        value = value.to_numpy()
    if isinstance(value, str):
        value = value.replace("Z", "")
    stamp = np.datetime64(value, "ns")
    return stamp


def filter_temporal(data: xr.DataArray, extent: Any, dimension: str | None = None) -> xr.DataArray:
    """Labels in [start, end): open ends allowed; an empty result keeps the cube's other dimensions."""
    from backend.errors import OpenEOApiError

    dim = _temporal_dim(data, dimension)
    start, end = (_datetime64(v) for v in list(extent))
    if start is not None and end is not None and end <= start:
        raise OpenEOApiError(
            f"filter_temporal: the extent [{start}, {end}] is empty; the second instant must be later than the "
            "first. Swap them.", code="TemporalExtentEmpty", status=400)
    labels = data[dim].values.astype("datetime64[ns]")
    keep = np.ones(labels.shape, dtype=bool)
    if start is not None:
        keep &= labels >= start
    if end is not None:
        keep &= labels < end
    return data.isel({dim: np.flatnonzero(keep)})


def resample_spatial(data: xr.DataArray, projection: Any = None, resolution: Any = 0, method: str = "near", align: str = "upper-left") -> xr.DataArray:
    """The library's resample_spatial, but a new projection without a resolution keeps the pixel
    size (the library reuses the old number, so 10 m became 10 degrees), and the result's `crs`
    attribute names the new projection."""
    from openeo_processes_dask.process_implementations.cubes.resample import resample_spatial as library

    if projection is not None and not resolution:
        resolution = "auto"
    result = library(data, projection=projection, resolution=resolution, method=method, align=align)
    crs = result.rio.crs
    if crs is not None:
        result.attrs["crs"] = crs.to_string()
    return result


def resample_cube_spatial(data: xr.DataArray, target: xr.DataArray, method: str = "near", options: Any = None) -> xr.DataArray:
    """The library's resample_cube_spatial, also for a cube of booleans (a mask such as
    `worldcover == 40`, which keeps the loaded band's NaN nodata): its reprojection refuses a NaN
    nodata for booleans ("src_nodata must be in valid range for source dtype"). Resampled as bytes
    with 255 as nodata and turned back into booleans; outside the source the mask is false."""
    from openeo_processes_dask.process_implementations.cubes.resample import resample_cube_spatial as library

    if data.dtype != bool:
        return library(data=data, target=target, method=method, options=options)
    as_bytes = data.astype("uint8")
    as_bytes.attrs = {k: v for k, v in data.attrs.items() if k not in ("nodata", "_FillValue")} | {"nodata": 255}
    as_bytes.encoding = {}
    result = library(data=as_bytes, target=target, method=method, options=options)
    out = result == 1
    out.attrs = {k: v for k, v in result.attrs.items() if k != "nodata"}
    return out


def aggregate_spatial(data: xr.DataArray, geometries: Any, reducer: Any, target_dimension: str | None = None, context: Any = None) -> Any:
    """Zonal statistics per geometry over its own window of pixels (`backend.processes.zonal`;
    the library's xvec path masks the whole raster and runs gc.collect per geometry). Geometries
    given as a string would be fetched as a URL: refused (no network access here)."""
    from backend.errors import ProcessParameterInvalid
    from backend.processes.vectors import geometries_of
    from backend.processes.zonal import feature_names, geometry_list, zonal_reduce

    if isinstance(geometries, str):
        raise ProcessParameterInvalid(
            "aggregate_spatial: geometries must be inline GeoJSON (a Polygon, MultiPolygon, Feature or "
            "FeatureCollection); URLs are not fetched by this backend."
        )
    shapes = geometries_of(geometries)
    if shapes is not None:  # a vector cube (load_geojson): its geometries, in EPSG:4326
        shapes, crs = list(shapes), "EPSG:4326"
    else:
        shapes, crs = geometry_list(geometries)
    return zonal_reduce(data, shapes, crs, reducer, names=feature_names(geometries))


def add_dimension(data: xr.DataArray, name: str, label: Any, type: str = "other") -> xr.DataArray:
    """A new first dimension with one label (a date for type 'temporal')."""
    from backend.errors import OpenEOApiError

    if name in data.dims:
        raise OpenEOApiError(code="DimensionExists", status=400, message=f"add_dimension: the cube already has a dimension '{name}' (dimensions: {list(data.dims)}).")
    if type == "temporal":
        label = _datetime64(label)
    return data.expand_dims({name: [label]})


def _labels(first: xr.DataArray, second: xr.DataArray, dim: str) -> list:
    """cube1's labels, then cube2's labels that cube1 lacks (openEO keeps cube1's order)."""
    own = list(first[dim].values)
    seen = set(own)
    return own + [label for label in second[dim].values if label not in seen]


def merge_cubes(cube1: xr.DataArray, cube2: xr.DataArray, overlap_resolver: Any = None, context: Any = None) -> xr.DataArray:
    """Union of two cubes; where both have the same labels, `overlap_resolver(x, y)` decides."""
    from backend.errors import OpenEOApiError

    shared = [d for d in cube1.dims if d in cube2.dims]
    index = {d: _labels(cube1, cube2, d) for d in shared}
    one = cube1.reindex(index)
    two = cube2.reindex(index)
    in_one = xr.DataArray(np.ones(cube1.shape, bool), dims=cube1.dims, coords={d: cube1[d] for d in cube1.dims}).reindex(index, fill_value=False)
    in_two = xr.DataArray(np.ones(cube2.shape, bool), dims=cube2.dims, coords={d: cube2[d] for d in cube2.dims}).reindex(index, fill_value=False)
    both = in_one & in_two
    merged = one.where(in_one, two)
    if bool(both.any()):
        if overlap_resolver is None:
            raise OpenEOApiError(
                code="OverlapResolverMissing", status=400,
                message="merge_cubes: the cubes overlap (same labels in every dimension); give an overlap_resolver "
                "such as max, mean or first, or make the labels differ (e.g. rename_labels on the bands).",
            )
        resolved = overlap_resolver(named_parameters={"x": one, "y": two, "context": context})
        if not isinstance(resolved, xr.DataArray):
            resolved = xr.DataArray(resolved, dims=merged.dims, coords=merged.coords)
        merged = xr.where(both, resolved, merged)
    merged = merged.transpose(*[d for d in cube1.dims if d in merged.dims], ...)
    merged.attrs = dict(cube1.attrs)
    return merged


_SEASONS = {12: "djf", 1: "djf", 2: "djf", 3: "mam", 4: "mam", 5: "mam", 6: "jja", 7: "jja", 8: "jja", 9: "son", 10: "son", 11: "son"}


def _period(stamp: Any, period: str) -> tuple[tuple, str]:
    """(sort key, label) of the period a timestamp falls in."""
    y, m, d, h = stamp.year, stamp.month, stamp.day, stamp.hour
    if period == "hour":
        return (y, m, d, h), f"{y:04d}-{m:02d}-{d:02d}-{h:02d}"
    if period == "day":
        return (y, m, d), f"{y:04d}-{stamp.timetuple().tm_yday:03d}"  # the spec's day-of-year label
    if period == "week":
        iso = stamp.isocalendar()
        return (iso[0], iso[1]), f"{iso[0]:04d}-{iso[1]:02d}"
    if period == "dekad":
        dekad = (m - 1) * 3 + min((d - 1) // 10, 2) + 1
        return (y, dekad), f"{y:04d}-{dekad:02d}"
    if period == "month":
        return (y, m), f"{y:04d}-{m:02d}"
    if period == "season":
        year = y if m != 1 and m != 2 else y - 1
        order = {"djf": 0, "mam": 1, "jja": 2, "son": 3}[_SEASONS[m]]
        return (year, order), f"{year:04d}-{_SEASONS[m]}"
    if period == "tropical-season":
        if m >= 11 or m <= 4:
            year = y if m >= 11 else y - 1
            return (year, 1), f"{year:04d}-ndjfma"
        return (y, 0), f"{y:04d}-mjjaso"
    if period == "year":
        return (y,), f"{y:04d}"
    if period == "decade":
        return (y // 10,), f"{y // 10 * 10:04d}"
    if period == "decade-ad":
        start = (y - 1) // 10 * 10 + 1
        return (start,), f"{start:04d}"
    from backend.errors import ProcessParameterInvalid

    raise ProcessParameterInvalid(f"aggregate_temporal_period: unknown period '{period}'. Use hour, day, week, dekad, month, season, tropical-season, year, decade or decade-ad.")


def _all_periods(first: Any, last: Any, period: str) -> list[tuple[tuple, str]]:
    """Every period from the one holding `first` to the one holding `last`, in order."""
    import pandas as pd

    step = "h" if period == "hour" else "D"
    seen: dict[tuple, str] = {}
    for stamp in pd.date_range(first.floor(step), last, freq=step):
        key, label = _period(stamp, period)
        seen.setdefault(key, label)
    key, label = _period(last, period)
    seen.setdefault(key, label)
    return sorted(seen.items())


def aggregate_temporal_period(data: xr.DataArray, period: str, reducer: Any, dimension: str | None = None, context: Any = None) -> xr.DataArray:
    import pandas as pd

    from backend.errors import OpenEOApiError

    if dimension is None:
        temporal = [d for d in data.dims if np.issubdtype(data[d].dtype, np.datetime64)]
        if len(temporal) > 1:
            raise OpenEOApiError(code="TooManyDimensions", status=400, message=(
                f"aggregate_temporal_period: the cube has several temporal dimensions ({temporal}); name one in 'dimension'."))
    dim = _temporal_dim(data, dimension)
    stamps = pd.DatetimeIndex(data[dim].values)
    keys = [_period(stamp, period)[0] for stamp in stamps]
    pieces, labels = [], []
    template = None
    periods = _all_periods(stamps.min(), stamps.max(), period) if len(stamps) else []
    for key, label in periods:
        index = [i for i, k in enumerate(keys) if k == key]
        if index:
            piece = data.isel({dim: index}).reduce(reducer, dim=dim, keep_attrs=True, positional_parameters={"data": 0}, context=context)
            template = piece if template is None else template
        else:
            piece = None
        pieces.append(piece)
        labels.append(label)
    if template is None:
        return data.isel({dim: []})
    filled = [p if p is not None else xr.full_like(template, np.nan, dtype=float) for p in pieces]
    result = xr.concat(filled, dim=dim).assign_coords({dim: labels})
    return result.transpose(*data.dims)
