"""Reducers and math that treat JSON `null` as no-data, as the openEO specs say.

openeo-processes-dask reduces numpy/dask arrays in which NaN is the no-data value (that is
what our cubes use, and these functions pass arrays straight to the library). For plain JSON
arrays, though, `null` is no-data and NaN is a number: `mean([1, null, 3])` is 2 and
`mean([NaN, 1])` is NaN. The library raises TypeErrors on `null`, so lists are handled here.
Scalar math passes `null` through (`add(1, null)` is `null`).
"""

from __future__ import annotations

import functools
import inspect
from typing import Any, Callable

import numpy as np
from openeo_processes_dask.process_implementations import math as _math

from backend.processes import order_stats

__all__ = ["quantiles", "mean", "median", "min", "max", "sum", "product", "sd", "variance", "extrema", "first", "last", "null_passthrough", "NULL_PASSTHROUGH"]

# Scalar math: these arguments are passed through as null (spec: "no-data is returned").
NULL_PASSTHROUGH: dict[str, tuple[str, ...]] = {
    **{pid: ("x",) for pid in (
        "absolute", "arccos", "arcosh", "arcsin", "arctan", "arsinh", "artanh", "ceil", "floor", "int",
        "round", "cos", "cosh", "sin", "sinh", "tan", "tanh", "ln", "sqrt", "sgn", "clip", "linear_scale_range",
    )},
    "log": ("x", "base"),
    "exp": ("p",),
    "power": ("base", "p"),
    "add": ("x", "y"),
    "subtract": ("x", "y"),
    "multiply": ("x", "y"),
    "divide": ("x", "y"),
    "mod": ("x", "y"),
    "arctan2": ("y", "x"),
    "normalized_difference": ("x", "y"),
}


def null_passthrough(func: Callable, names: tuple[str, ...]) -> Callable:
    """`func`, returning None when any of the named arguments is None."""
    signature = inspect.signature(func)

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        bound = signature.bind_partial(*args, **kwargs).arguments
        if any(name in bound and bound[name] is None for name in names):
            return None
        return func(*args, **kwargs)

    return wrapper


def _values(data: list, ignore_nodata: bool) -> np.ndarray | None:
    """Float values of a JSON list; None when a null must make the result null."""
    if not ignore_nodata and any(v is None for v in data):
        return None
    return np.array([v for v in data if v is not None], dtype=float)


def _all_nodata_is_nodata(library: Callable) -> Callable:
    """nansum/nanprod give 0/1 where every value is no-data; openEO gives no-data there."""

    def reduce(data: Any, ignore_nodata: bool = True, axis=None, keepdims: bool = False):
        result = library(data, ignore_nodata=ignore_nodata, axis=axis, keepdims=keepdims)
        if not ignore_nodata or not hasattr(data, "dtype") or not np.issubdtype(data.dtype, np.floating):
            return result
        empty = np.isnan(data).all(axis=axis, keepdims=keepdims)
        return np.where(empty, np.nan, result) if not hasattr(result, "dask") and not hasattr(empty, "dask") else _dask_where(empty, result)

    reduce.__name__ = library.__name__
    return reduce


def _dask_where(empty: Any, result: Any) -> Any:
    import dask.array as da

    return da.where(empty, np.nan, result)


def _list_reducer(library: Callable, compute: Callable[[np.ndarray], Any], empty: Any = None) -> Callable:
    def reducer(data: Any, ignore_nodata: bool = True, axis=None, keepdims: bool = False):
        if isinstance(data, list) and any(hasattr(v, "ndim") and v.ndim > 0 for v in data):
            # a list of arrays (e.g. [x, y] in merge_cubes' overlap_resolver): element-wise
            return library(_stack(data), ignore_nodata=ignore_nodata, axis=0, keepdims=False)
        if not isinstance(data, list):
            return library(data, ignore_nodata=ignore_nodata, axis=axis, keepdims=keepdims)
        values = _values(data, ignore_nodata)
        if values is None:
            return None
        if values.size == 0:
            return empty
        return compute(values)

    reducer.__name__ = library.__name__.strip("_")
    return reducer


def _stack(items: list) -> Any:
    import dask.array as da

    arrays = [getattr(v, "data", v) for v in items]
    if any(isinstance(a, da.Array) for a in arrays):
        return da.stack([da.asarray(a) for a in arrays])
    return np.stack([np.asarray(a, dtype=float) for a in arrays])


def _float(fn: Callable[[np.ndarray], Any]) -> Callable[[np.ndarray], float]:
    return lambda v: float(fn(v))


def _array_median(data: Any, ignore_nodata: bool = True, axis=None, keepdims: bool = False):
    """The library's median, with the NaN-aware one of `order_stats` along an axis (one sort
    instead of numpy's masked-array median)."""
    if ignore_nodata and axis is not None and hasattr(data, "ndim") and data.ndim > 0 and np.issubdtype(data.dtype, np.number):
        return order_stats.nanmedian(data, axis=axis, keepdims=keepdims)
    return _math.median(data, ignore_nodata=ignore_nodata, axis=axis, keepdims=keepdims)


_array_median.__name__ = "median"
mean = _list_reducer(_math.mean, _float(np.mean))
median = _list_reducer(_array_median, _float(np.median))
min = _list_reducer(_math._min, _float(np.min))
max = _list_reducer(_math._max, _float(np.max))
sum = _list_reducer(_all_nodata_is_nodata(_math._sum), _float(np.sum))
product = _list_reducer(_all_nodata_is_nodata(_math.product), _float(np.prod))
sd = _list_reducer(_math.sd, lambda v: float(np.std(v, ddof=1)) if v.size > 1 else None)
variance = _list_reducer(_math.variance, lambda v: float(np.var(v, ddof=1)) if v.size > 1 else None)


def extrema(data: Any, ignore_nodata: bool = True, axis=None, keepdims: bool = False):
    """Lists: [min, max]; arrays: min and max stacked on a new first axis (lazy; the library's
    version declares a Dask shape its blocks do not have)."""
    if not isinstance(data, list):
        import dask.array as da

        lib = da if isinstance(data, da.Array) else np
        low = (lib.nanmin if ignore_nodata else lib.min)(data, axis=axis)
        high = (lib.nanmax if ignore_nodata else lib.max)(data, axis=axis)
        return lib.stack([low, high], axis=0)
    values = _values(data, ignore_nodata)
    if values is None or values.size == 0:
        return [None, None]
    return [float(np.min(values)), float(np.max(values))]


def _edge_numpy(a: np.ndarray, axis: int, last: bool, ignore_nodata: bool) -> np.ndarray:
    if last:
        a = np.flip(a, axis=axis)
    if ignore_nodata and a.dtype.kind in "fc":
        index = np.argmax(~np.isnan(a), axis=axis)  # all-NaN: index 0, which is NaN as it should be
        return np.take_along_axis(a, np.expand_dims(index, axis), axis=axis).squeeze(axis)
    return np.take(a, 0, axis=axis)


def _edge(data: Any, ignore_nodata: bool, axis, keepdims: bool, last: bool):
    """first/last: JSON lists by value; arrays vectorised and lazy on Dask (the library's versions
    loop in Python, compute Dask arrays eagerly and take no `keepdims`)."""
    if isinstance(data, list):
        items = list(reversed(data)) if last else list(data)
        if ignore_nodata:
            items = [v for v in items if v is not None]
        return items[0] if items else None
    import dask.array as da

    if axis is None:
        data, axis = data.reshape(-1), 0
    axis = axis % data.ndim
    if data.shape[axis] == 0:
        return np.nan
    if isinstance(data, da.Array):
        whole = data.rechunk({axis: -1})
        result = whole.map_blocks(_edge_numpy, axis, last, ignore_nodata, drop_axis=axis, dtype=data.dtype)
    else:
        result = _edge_numpy(np.asarray(data), axis, last, ignore_nodata)
    return da.expand_dims(result, axis) if keepdims and isinstance(result, da.Array) else (
        np.expand_dims(result, axis) if keepdims else result)


def first(data: Any, ignore_nodata: bool = True, axis=None, keepdims: bool = False):
    return _edge(data, ignore_nodata, axis, keepdims, last=False)


def last(data: Any, ignore_nodata: bool = True, axis=None, keepdims: bool = False):
    return _edge(data, ignore_nodata, axis, keepdims, last=True)


def quantiles(data: Any, probabilities: Any = None, q: int | None = None, ignore_nodata: bool = True, axis=None, keepdims: bool = False):
    """Lists: linear interpolation (type 7), `probabilities` as a list or as a number of intervals."""
    if not isinstance(data, list):
        if ignore_nodata and axis is not None and not keepdims and isinstance(probabilities, list) and probabilities \
                and all(isinstance(p, (int, float)) and not isinstance(p, bool) for p in probabilities) \
                and not (len(probabilities) == 1 and isinstance(probabilities[0], int)) and q is None \
                and getattr(data, "ndim", 0) > 0 and getattr(data, "size", 0) > 0 and np.issubdtype(data.dtype, np.number):
            return order_stats.nanquantiles(data, probabilities, axis)  # the library's nanquantile: a Python call per pixel
        return _math.quantiles(data, probabilities=probabilities, q=q, ignore_nodata=ignore_nodata, axis=axis, keepdims=keepdims)
    from openeo_processes_dask.process_implementations.exceptions import QuantilesParameterConflict, QuantilesParameterMissing

    if probabilities is not None and q is not None:
        raise QuantilesParameterConflict("quantiles: give either `probabilities` or `q`, not both.")
    count = probabilities if isinstance(probabilities, int) and not isinstance(probabilities, bool) else q
    if count is not None:
        probs = [i / count for i in range(1, count)]
    elif isinstance(probabilities, list):
        probs = [float(p) for p in probabilities]
    else:
        raise QuantilesParameterMissing("quantiles needs `probabilities` (a list, or a number of intervals).")
    values = _values(data, ignore_nodata)
    if values is None or values.size == 0:
        return [None] * len(probs)
    if np.isnan(values).any():
        return [float("nan")] * len(probs)  # NaN is a number, not no-data: the quantiles are undefined
    ordered = np.sort(values)
    out = []
    for p in probs:
        position = p * (ordered.size - 1)
        low, high = int(np.floor(position)), int(np.ceil(position))
        fraction = position - low
        if fraction == 0 or ordered[low] == ordered[high] or np.isinf(ordered[low]):
            out.append(float(ordered[low]))
        elif np.isinf(ordered[high]):
            out.append(float(ordered[high]))
        else:
            out.append(float(ordered[low] + fraction * (ordered[high] - ordered[low])))
    return out
