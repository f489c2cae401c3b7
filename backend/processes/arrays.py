"""Array processes, on JSON lists and on cube arrays along an axis (inside apply_dimension).

openeo-processes-dask's versions fail most of their official vectors (array_apply, array_filter,
array_interpolate_linear, order, sort, array_concat) and some compute Dask arrays eagerly. Here
each works on two kinds of input:

- a JSON list (`null` = no-data): the values the spec talks about, element by element;
- a numpy or Dask array with `axis` (what `apply_dimension` and `reduce_dimension` pass to their
  callbacks): vectorised along that axis, lazily (Dask blocks hold the whole axis).

In arrays, NaN is no-data (as in every cube of this backend). Where a list result could have a
different length per pixel (array_filter, order/sort with `nodata=null`), the array version
keeps the length and fills with NaN, so the cube stays rectangular.
"""

from __future__ import annotations

import math
from typing import Any

import dask.array as da
import numpy as np

from backend.errors import OpenEOApiError, ProcessParameterInvalid

__all__ = [
    "array_apply", "array_filter", "array_interpolate_linear", "array_concat", "array_create",
    "array_append", "order", "sort", "mod", "cumsum", "cumproduct", "cummax", "cummin", "is_valid",
]


def _is_array(value: Any) -> bool:
    return isinstance(value, (np.ndarray, da.Array)) and value.ndim > 0


def _float_list(data: list) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in data], dtype=float)


def _native(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    return value


def _lazy_along(data: Any, axis: int, func, dtype=float) -> Any:
    """func(numpy block with the whole axis, axis) on numpy or Dask arrays."""
    axis = axis % data.ndim
    if isinstance(data, da.Array):
        whole = data.rechunk({axis: -1})
        return whole.map_blocks(func, axis, dtype=dtype)
    return func(np.asarray(data, dtype=float), axis)


# --- element-wise callbacks ---------------------------------------------------------------------


def array_apply(data: Any, process: Any, context: Any = None, axis: int | None = None, dim_labels: Any = None) -> Any:
    """`process(x, index, label, context)` for every element."""
    if isinstance(data, list):
        return [_native(process.call(x=v, index=i, label=None, context=context)) for i, v in enumerate(data)]
    if _is_array(data):
        axis = -1 if axis is None else axis
        shape = [1] * data.ndim
        shape[axis] = data.shape[axis]
        index = np.arange(data.shape[axis]).reshape(shape)
        labels = np.asarray(dim_labels).reshape(shape) if dim_labels is not None and len(dim_labels) == data.shape[axis] else index
        return process.call(x=data, index=index, label=labels, context=context)
    return process.call(x=data, index=0, label=None, context=context)


def array_filter(data: Any, condition: Any, context: Any = None, axis: int | None = None, dim_labels: Any = None) -> Any:
    """The elements for which `condition(x, index, label, context)` is true."""
    if isinstance(data, list):
        keep = [condition.call(x=v, index=i, label=None, context=context) for i, v in enumerate(data)]
        return [v for v, k in zip(data, keep) if _native(k) is True or (isinstance(k, np.bool_) and bool(k))]
    if not _is_array(data):
        raise ProcessParameterInvalid("array_filter: data must be an array.")
    axis = (-1 if axis is None else axis) % data.ndim
    shape = [1] * data.ndim
    shape[axis] = data.shape[axis]
    index = np.arange(data.shape[axis]).reshape(shape)
    labels = np.asarray(dim_labels).reshape(shape) if dim_labels is not None and len(dim_labels) == data.shape[axis] else index
    keep = condition.call(x=data, index=index, label=labels, context=context)
    keep = np.broadcast_to(np.asarray(keep), data.shape) if not isinstance(keep, da.Array) else da.broadcast_to(keep, data.shape)
    kept = da.where(keep, data, np.nan) if isinstance(data, da.Array) or isinstance(keep, da.Array) else np.where(keep, data, np.nan)
    return _lazy_along(kept, axis, _compact_valid_first)


def _compact_valid_first(block: np.ndarray, axis: int) -> np.ndarray:
    """Valid values moved to the front along the axis (order kept), NaN after them."""
    order = np.argsort(np.isnan(block), axis=axis, kind="stable")
    return np.take_along_axis(block, order, axis=axis)


# --- interpolation ------------------------------------------------------------------------------


def _positions(labels: Any, n: int) -> np.ndarray:
    """x positions of the interpolation: numeric or temporal labels, else indices."""
    if labels is None or len(labels) != n:
        return np.arange(n, dtype=float)
    values = np.asarray(labels)
    if np.issubdtype(values.dtype, np.datetime64):
        return values.astype("datetime64[s]").astype("int64").astype(float)
    if np.issubdtype(values.dtype, np.number):
        return values.astype(float)
    try:
        return np.array([np.datetime64(str(v).replace("Z", ""), "s").astype("int64") for v in values], dtype=float)
    except ValueError:
        return np.arange(n, dtype=float)


def _interpolate(block: np.ndarray, axis: int, x: np.ndarray) -> np.ndarray:
    a = np.moveaxis(np.asarray(block, dtype=float), axis, -1)
    n = a.shape[-1]
    if n == 0:
        return block
    valid = ~np.isnan(a)
    idx = np.arange(n)
    prev = np.maximum.accumulate(np.where(valid, idx, -1), axis=-1)
    nxt = np.flip(np.minimum.accumulate(np.flip(np.where(valid, idx, n), -1), axis=-1), -1)
    inside = (prev >= 0) & (nxt < n)
    p, q = np.clip(prev, 0, n - 1), np.clip(nxt, 0, n - 1)
    yp, yq = np.take_along_axis(a, p, -1), np.take_along_axis(a, q, -1)
    xp, xq, xi = x[p], x[q], np.broadcast_to(x, a.shape)
    with np.errstate(invalid="ignore", divide="ignore"):
        weight = np.where(q == p, 0.0, (xi - xp) / (xq - xp))
        line = yp + weight * (yq - yp)
    # between an infinite and a finite value the interpolant is the infinity
    line = np.where(np.isinf(yp) & ~np.isinf(yq), yp, np.where(np.isinf(yq) & ~np.isinf(yp), yq, line))
    out = np.where(valid, a, np.where(inside, line, np.nan))
    return np.moveaxis(out, -1, axis)


def array_interpolate_linear(data: Any, axis: int | None = None, dim_labels: Any = None) -> Any:
    """Fill no-data between valid values linearly (by label position); leading/trailing stay no-data."""
    if isinstance(data, list):
        values = _float_list(data)
        out = _interpolate(values, 0, _positions(None, len(values)))
        return [None if (math.isnan(v) and data[i] is None) else float(v) for i, v in enumerate(out)]
    if not _is_array(data):
        return data
    axis = (-1 if axis is None else axis) % data.ndim
    x = _positions(dim_labels, data.shape[axis])
    return _lazy_along(data, axis, lambda block, ax: _interpolate(block, ax, x))


# --- building arrays ----------------------------------------------------------------------------


def _stack(items: list, axis: int) -> Any:
    """Items stacked along `axis`; reducer results that kept the reduced axis (length 1, as
    apply_dimension's callbacks get them) lose it first."""
    arrays = [v if isinstance(v, (np.ndarray, da.Array)) else getattr(v, "data", v) for v in items]  # a DataArray's array, a numpy array itself (its .data is a memoryview)
    if axis >= 0:
        arrays = [a.squeeze(axis) if getattr(a, "ndim", 0) == axis + 1 and a.shape[axis] == 1 else a for a in arrays]
    if any(isinstance(a, da.Array) for a in arrays):
        return da.stack([da.asarray(a) for a in arrays], axis=axis)
    return np.stack([np.asarray(a, dtype=float) for a in arrays], axis=axis)


def array_create(data: list | None = None, repeat: int = 1, axis: int | None = None) -> Any:
    """`data` repeated `repeat` times; elements that are arrays (callback results) are stacked
    along the callback's axis, so apply_dimension gets one new label per element."""
    data = [] if data is None else list(data)
    if not isinstance(repeat, int) or isinstance(repeat, bool) or repeat < 1:
        raise ProcessParameterInvalid("array_create: repeat must be an integer of at least 1.")
    if any(_is_array(v) or isinstance(v, da.Array) for v in data):
        stacked = _stack(data, -1 if axis is None else axis)
        if repeat == 1:
            return stacked
        joined = da.concatenate if isinstance(stacked, da.Array) else np.concatenate
        return joined([stacked] * repeat, axis=-1 if axis is None else axis)
    return data * repeat


def _label_conflict(array1: Any, array2: Any) -> None:
    for a in (array1, array2):
        if isinstance(a, dict):
            raise ProcessParameterInvalid("array_concat: labeled arrays are not supported here; give plain arrays.")


def array_concat(array1: Any, array2: Any, axis: int | None = None) -> Any:
    _label_conflict(array1, array2)
    if isinstance(array1, list) and isinstance(array2, list):
        return list(array1) + list(array2)
    axis = -1 if axis is None else axis
    first, second = (np.asarray(a, dtype=float) if isinstance(a, list) else a for a in (array1, array2))
    if isinstance(first, da.Array) or isinstance(second, da.Array):
        return da.concatenate([da.asarray(first), da.asarray(second)], axis=axis)
    return np.concatenate([first, second], axis=axis)


def array_append(data: Any, value: Any, label: Any = None, axis: int | None = None) -> Any:
    if isinstance(data, list):
        if label is not None:  # a JSON list has no labels (labeled arrays are cube dimensions)
            raise OpenEOApiError(f"array_append got the label {label!r}, but the array is not labeled: leave label out.",
                                 code="ArrayNotLabeled", status=400)
        return list(data) + [value]
    axis = -1 if axis is None else axis
    piece = value if _is_array(value) else np.full(np.delete(np.array(data.shape), axis % data.ndim), value, dtype=float)
    return array_concat(data, (da if isinstance(piece, da.Array) else np).expand_dims(piece, axis), axis=axis)


# --- ordering -----------------------------------------------------------------------------------


def _ordered_positions(data: list, asc: bool, nodata: bool | None) -> list[int]:
    def missing(v: Any) -> bool:
        return v is None or (isinstance(v, float) and math.isnan(v))

    present = [i for i, v in enumerate(data) if not missing(v)]
    absent = [i for i, v in enumerate(data) if missing(v)]
    ranked = sorted(present, key=lambda i: _sort_key(data[i]), reverse=not asc)
    if nodata is None:
        return ranked
    return ranked + absent if nodata else absent + ranked


def _sort_key(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return np.datetime64(value.replace("Z", ""), "ns").astype("int64")
        except ValueError:
            return value
    return value


def _order_block(block: np.ndarray, axis: int, asc: bool, nodata: bool | None) -> np.ndarray:
    keys = block if asc else -block
    if nodata is False:
        keys = np.where(np.isnan(keys), -np.inf, keys)
    return np.argsort(keys, axis=axis, kind="stable").astype(float)


def order(data: Any, asc: bool = True, nodata: bool | None = None, axis: int | None = None) -> Any:
    """Zero-based positions of the sorted elements (a permutation)."""
    if isinstance(data, list):
        return _ordered_positions(data, asc, nodata)
    axis = -1 if axis is None else axis
    return _lazy_along(data, axis, lambda b, ax: _order_block(b, ax, asc, nodata))


def sort(data: Any, asc: bool = True, nodata: bool | None = None, axis: int | None = None) -> Any:
    if isinstance(data, list):
        return [data[i] for i in _ordered_positions(data, asc, nodata)]
    axis = -1 if axis is None else axis

    def sort_block(block: np.ndarray, ax: int) -> np.ndarray:
        return np.take_along_axis(block, _order_block(block, ax, asc, nodata).astype(int), axis=ax)

    return _lazy_along(data, axis, sort_block)


# --- math ---------------------------------------------------------------------------------------


def _mod_scalar(x: float, y: float) -> float:
    if isinstance(x, float) and math.isinf(x):
        return math.nan
    if y == 0:
        return math.inf if x > 0 else (-math.inf if x < 0 else math.nan)
    if math.isinf(y):
        return x
    result = math.fmod(x, y)
    if result != 0 and (result < 0) != (y < 0):
        result += y
    return float(result) if isinstance(x, float) or isinstance(y, float) else int(result)


def mod(x: Any, y: Any) -> Any:
    """Remainder with the sign of the divisor; y = 0 gives +-infinity or NaN (the spec's choice)."""
    if x is None or y is None:
        return None
    if _is_array(x) or _is_array(y):
        lib = da if isinstance(x, da.Array) or isinstance(y, da.Array) else np
        with np.errstate(divide="ignore", invalid="ignore"):
            remainder = lib.mod(x, y)
            by_zero = lib.where(lib.asarray(x) > 0, np.inf, lib.where(lib.asarray(x) < 0, -np.inf, np.nan))
            return lib.where(lib.asarray(y) == 0, by_zero, remainder)
    return _mod_scalar(_native(x), _native(y))


# --- cumulative ---------------------------------------------------------------------------------


def _cumulative(data: Any, ignore_nodata: bool, op, axis: int | None) -> Any:
    """ignore_nodata: no-data stays no-data and the sum goes on; else everything after it is no-data."""
    if not isinstance(data, list):
        raise ProcessParameterInvalid("Cumulative processes take a plain array here; use apply_dimension with them on cubes.")
    out: list = []
    acc, broken = None, False
    for v in data:
        missing = v is None or (isinstance(v, float) and math.isnan(v))
        if broken or (missing and not ignore_nodata):
            broken = True
            out.append(None)
        elif missing:
            out.append(v)
        else:
            acc = v if acc is None else op(acc, v)
            out.append(acc)
    return out


def cumsum(data: Any, ignore_nodata: bool = True, axis: int | None = None) -> Any:
    return _cumulative(data, ignore_nodata, lambda a, b: a + b, axis)


def cumproduct(data: Any, ignore_nodata: bool = True, axis: int | None = None) -> Any:
    return _cumulative(data, ignore_nodata, lambda a, b: a * b, axis)


def cummax(data: Any, ignore_nodata: bool = True, axis: int | None = None) -> Any:
    return _cumulative(data, ignore_nodata, max, axis)


def cummin(data: Any, ignore_nodata: bool = True, axis: int | None = None) -> Any:
    return _cumulative(data, ignore_nodata, min, axis)


def is_valid(x: Any) -> Any:
    """False for no-data, NaN and infinity; true for anything else."""
    if _is_array(x):
        return np.isfinite(x) if np.issubdtype(x.dtype, np.number) else np.ones(x.shape, bool)
    if x is None:
        return False
    if isinstance(x, float):
        return math.isfinite(x)
    return True
