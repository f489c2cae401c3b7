"""Processes that work along or on dimensions: apply_dimension, dimension_labels, filter_labels,
rename_dimension.

`apply_dimension` is ours (the library's fails all its vectors): the callback receives the cube's
values with the dimension as the last axis (`axis`, `dim_labels` as reduce_dimension gives them),
lazily; what it returns becomes the new dimension. `filter_labels` is ours too: the library's keeps
only the first matching label and hands temporal labels to the condition as integers. A callback that is a single `run_udf` goes to
the UDF runner, one time series (or band vector) chunk at a time.
"""

from __future__ import annotations

from typing import Any

import dask.array as da
import numpy as np
import xarray as xr

from backend.errors import DimensionNotAvailable, OpenEOApiError

__all__ = ["apply_dimension", "dimension_labels", "filter_labels", "rename_dimension", "apply", "reduce_dimension"]


def _require(data: xr.DataArray, dimension: str, process: str) -> None:
    if dimension not in data.dims:
        raise DimensionNotAvailable(
            f"{process}: dimension '{dimension}' does not exist; the cube has {list(map(str, data.dims))}.")


def _as_axis_last(result: Any, shape: tuple[int, ...]) -> Any:
    """The callback's result as an array (..., m) whose leading axes match the input's."""
    lead = shape[:-1]
    if isinstance(result, list):
        result = da.stack([da.broadcast_to(da.asarray(v), lead) for v in result], axis=-1) if result else np.empty(lead + (0,))
    if not hasattr(result, "ndim"):
        result = np.full(lead + (1,), result, dtype=float)
    if result.ndim == len(shape) - 1:
        result = result[..., None]
    elif result.ndim == len(shape) and tuple(result.shape[1:]) == tuple(lead) and tuple(result.shape[:-1]) != tuple(lead):
        result = (da if isinstance(result, da.Array) else np).moveaxis(result, 0, -1)  # library reducers stack first
    if tuple(result.shape[:-1]) != tuple(lead):
        result = (da if isinstance(result, da.Array) else np).broadcast_to(result, lead + (result.shape[-1],))
    return result


def apply_dimension(data: xr.DataArray, process: Any, dimension: str, target_dimension: str | None = None,
                    context: Any = None) -> xr.DataArray:
    _require(data, dimension, "apply_dimension")
    from backend.processes.udf_callbacks import apply_dimension_udf

    if target_dimension is not None and target_dimension != dimension and target_dimension in data.dims:
        if data.sizes[target_dimension] != 1:
            raise OpenEOApiError(code="DimensionExists", status=400, message=(
                f"apply_dimension: target dimension '{target_dimension}' already exists with "
                f"{data.sizes[target_dimension]} labels; choose a new name or drop that dimension first."))
        data = data.isel({target_dimension: 0}, drop=True)
    udf = getattr(process, "udf", None)
    if udf is not None:
        return apply_dimension_udf(data, udf, dimension, target_dimension)
    moved = data.transpose(*[d for d in data.dims if d != dimension], dimension)
    labels = moved[dimension].values
    axis = moved.ndim - 1
    result = process(moved.data, positional_parameters={"data": 0}, named_parameters={"context": context},
                     axis=axis, keepdims=True, dim_labels=labels, context=context)
    values = _as_axis_last(result, moved.shape)
    return _rebuild(data, moved, values, dimension, target_dimension)


def _rebuild(data: xr.DataArray, moved: xr.DataArray, values: Any, dimension: str, target: str | None) -> xr.DataArray:  # noqa: E501
    """A cube from the computed values: the labels kept when the dimension and count stay,
    else 0..m-1; the new dimension in the source dimension's place."""
    count = values.shape[-1]
    name = target or dimension
    keep_labels = name == dimension and count == data.sizes[dimension]
    labels = moved[dimension].values if keep_labels else np.arange(count)
    others = [d for d in moved.dims if d != dimension]
    coords = {d: moved[d] for d in others if d in moved.coords}
    coords[name] = labels
    for extra, coord in moved.coords.items():  # scalar coordinates (spatial_ref) and per-pixel ones
        if extra not in coords and dimension not in coord.dims and set(coord.dims) <= set(others):
            coords[extra] = coord
    if keep_labels and "common_name" in moved.coords and moved["common_name"].dims == (dimension,):
        coords["common_name"] = moved["common_name"]
    out = xr.DataArray(values, dims=(*others, name), coords=coords, attrs=dict(data.attrs))
    return out.transpose(*[name if d == dimension else d for d in data.dims])


def dimension_labels(data: xr.DataArray, dimension: str) -> list:
    _require(data, dimension, "dimension_labels")
    values = data[dimension].values
    if np.issubdtype(values.dtype, np.datetime64):
        return [np.datetime_as_string(v, unit="s") + "Z" for v in values]
    return [v.item() if isinstance(v, np.generic) else v for v in values]


def filter_labels(data: xr.DataArray, condition: Any, dimension: str, context: Any = None) -> xr.DataArray:
    """The labels of `dimension` for which the condition is true, in their order; the condition
    gets each label as dimension_labels gives it (temporal labels as ISO 8601 text)."""
    _require(data, dimension, "filter_labels")
    keep = []
    for i, label in enumerate(dimension_labels(data, dimension)):
        verdict = condition(label, positional_parameters={"value": 0}, named_parameters={"value": label, "context": context})
        if bool(np.asarray(verdict).item()) if verdict is not None else False:
            keep.append(i)
    return data.isel({dimension: keep})


def rename_dimension(data: xr.DataArray, source: str, target: str) -> xr.DataArray:
    _require(data, source, "rename_dimension")
    if target in data.dims:
        raise OpenEOApiError(code="DimensionExists", status=400, message=(
            f"rename_dimension: the cube already has a dimension '{target}' (dimensions: {list(map(str, data.dims))})."))
    return data.rename({source: target})


def apply(data: xr.DataArray, process: Any, context: Any = None) -> xr.DataArray:
    """The library's apply, or the UDF runner chunk by chunk when the callback is one run_udf."""
    from openeo_processes_dask.process_implementations.cubes.apply import apply as library

    from backend.processes.udf_callbacks import apply_udf

    udf = getattr(process, "udf", None)
    return apply_udf(data, udf) if udf is not None else library(data, process, context=context)


def reduce_dimension(data: xr.DataArray, reducer: Any, dimension: str, context: Any = None) -> xr.DataArray:
    """The library's reduce_dimension, or the UDF runner on chunks holding the whole dimension."""
    from openeo_processes_dask.process_implementations.cubes.reduce import reduce_dimension as library

    from backend.processes.udf_callbacks import reduce_udf

    udf = getattr(reducer, "udf", None)
    if udf is None:
        return library(data, reducer, dimension, context=context)
    _require(data, dimension, "reduce_dimension")
    return reduce_udf(data, udf, dimension)
