"""Our implementations of processes that openeo-processes-dask gets wrong or leaves out.

- Comparisons (`eq`, `neq`, `gt`, `gte`, `lt`, `lte`, `between`) return booleans: the library
  returns float arrays (1.0/0.0/NaN), which breaks `mask`, `if` and boolean logic downstream.
  Only numbers are ordered (openEO processes 2.0): strings, booleans and dates compare false.
  On arrays, a comparison with a no-data (NaN) pixel is false.
- `e` and `pi` are constants (the library's `e` is shadowed by an `except ... as e` on import).
- The date processes exist in the library but are not exported; we register them with
  arguments given back as the RFC 3339 strings the user wrote (the graph parser turns them
  into datetime objects); `date_shift` is calendar-aware.
- Logic (`and`, `or`, `xor`, `not`, `all`, `any`, `is_nan`) follows the specs' null rules on
  JSON values and gives booleans on arrays.

Cube-level fixes live in `cubes.py`.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import dask.array as da
import numpy as np
import xarray as xr
from openeo_processes_dask.process_implementations import dates as _dates

__all__ = ["is_nan", "all_", "any_", "and_", "or_", "xor", "not_", "e", "pi", "eq", "neq", "gt", "gte", "lt", "lte", "between", "date_shift", "date_difference", "date_between", "if_", "log"]


def _is_array(v: Any) -> bool:
    return hasattr(v, "dtype") and hasattr(v, "shape") and getattr(v, "ndim", 0) > 0


def _is_number(v: Any) -> bool:
    if _is_array(v) or isinstance(v, np.generic):
        return np.issubdtype(v.dtype, np.number) and not np.issubdtype(v.dtype, np.bool_)
    return isinstance(v, numbers.Number) and not isinstance(v, bool)


def _is_string(v: Any) -> bool:
    if _is_array(v):
        return np.issubdtype(v.dtype, np.str_) or np.issubdtype(v.dtype, np.object_)
    return isinstance(v, str)


def _is_bool(v: Any) -> bool:
    if _is_array(v) or isinstance(v, np.generic):
        return np.issubdtype(v.dtype, np.bool_)
    return isinstance(v, bool)


def _all_false(x: Any, y: Any) -> Any:
    """False with the shape of whichever argument is an array (or plain False)."""
    for v in (x, y):
        if isinstance(v, xr.DataArray):
            return xr.zeros_like(v, dtype=bool)
        if isinstance(v, da.Array):
            return da.zeros_like(v, dtype=bool)
        if _is_array(v):
            return np.zeros(v.shape, dtype=bool)
    return False


def _scalar(v: Any) -> Any:
    return v.item() if isinstance(v, np.generic) else v


def _ordered(x: Any, y: Any, op) -> Any:
    if x is None or y is None:
        return None
    if not (_is_number(x) and _is_number(y)):
        return _all_false(x, y)
    result = op(x, y)
    return bool(result) if not (_is_array(x) or _is_array(y)) else result


def gt(x: Any, y: Any) -> Any:
    return _ordered(x, y, lambda a, b: a > b)


def _finite_or_unequal(a: Any, b: Any) -> Any:
    """lte of two equal infinities is false in the openEO test vectors."""
    if _is_array(a) or _is_array(b):
        return True
    return not (math.isinf(a) and a == b)


def gte(x: Any, y: Any) -> Any:
    return _ordered(x, y, lambda a, b: a >= b)


def lt(x: Any, y: Any) -> Any:
    return _ordered(x, y, lambda a, b: a < b)


def lte(x: Any, y: Any) -> Any:
    return _ordered(x, y, lambda a, b: (a <= b) & _finite_or_unequal(a, b))


def eq(x: Any, y: Any, delta: float | None = None, case_sensitive: bool = True) -> Any:
    if x is None or y is None:
        return None
    x, y = _scalar(x), _scalar(y)
    arrays = _is_array(x) or _is_array(y)
    if _is_number(x) and _is_number(y):
        if delta is not None:
            with np.errstate(invalid="ignore"):
                result = abs(x - y) <= delta
        elif not arrays and math.isinf(x) and math.isinf(y):
            result = x == y
        else:
            result = x == y
    elif _is_string(x) and _is_string(y):
        if not case_sensitive:
            x = np.char.lower(x) if _is_array(x) else x.lower()
            y = np.char.lower(y) if _is_array(y) else y.lower()
        result = x == y
    elif _is_bool(x) and _is_bool(y):
        result = x == y
    else:
        return _all_false(x, y)
    return result if arrays else bool(result)


def neq(x: Any, y: Any, delta: float | None = None, case_sensitive: bool = True) -> Any:
    result = eq(x, y, delta=delta, case_sensitive=case_sensitive)
    if result is None:
        return None
    return ~result if _is_array(result) else not result


def between(x: Any, min: float, max: float, exclude_max: bool = False) -> Any:
    if x is None:
        return None
    if isinstance(x, (list, tuple, dict)) or not _is_number(x) or not (_is_number(min) and _is_number(max)):
        return _all_false(x, x)
    upper = x < max if exclude_max else x <= max
    result = (x >= min) & upper
    return result if _is_array(result) else bool(result)


def e() -> float:
    return math.e


def pi() -> float:
    return math.pi


def date_shift(date: str, value: int, unit: str) -> str | None:
    """Calendar-aware shift (month ends clamp: 2020-01-31 + 1 month = 2020-02-29); dates stay dates."""
    import pendulum

    if date is None:
        return None
    date_only = "T" not in date and " " not in date and len(date) <= 10
    moment = pendulum.parse(date)
    if unit == "millisecond":
        shifted = moment.add(microseconds=value * 1000)
    else:
        shifted = moment.add(**{f"{unit}s": value})
    if date_only:
        return shifted.date().isoformat()
    text = shifted.format("YYYY-MM-DDTHH:mm:ss")
    if shifted.microsecond:
        text += f".{shifted.microsecond // 1000:03d}"
    offset = shifted.format("Z")
    return text + ("Z" if offset in ("+00:00", "-00:00") else offset)


def date_difference(date1: str, date2: str, unit: str = "second") -> float:
    return _dates.date_difference(date1=date1, date2=date2, unit=unit)


def date_between(x: str, min: str, max: str, exclude_max: bool = False) -> bool | None:
    if x is None:
        return None
    return _dates.date_between(x=x, min=min, max=max, exclude_max=exclude_max)


def _as_bool_array(v: Any) -> Any:
    return v if _is_bool(v) else v.astype(bool)


def and_(x: Any, y: Any) -> Any:
    if _is_array(x) or _is_array(y):
        return _as_bool_array(x) & _as_bool_array(y) if _is_array(x) and _is_array(y) else (x & y)
    if x is False or y is False:
        return False
    if x is None or y is None:
        return None
    return bool(x and y)


def or_(x: Any, y: Any) -> Any:
    if _is_array(x) or _is_array(y):
        return _as_bool_array(x) | _as_bool_array(y) if _is_array(x) and _is_array(y) else (x | y)
    if x is True or y is True:
        return True
    if x is None or y is None:
        return None
    return bool(x or y)


def xor(x: Any, y: Any) -> Any:
    if _is_array(x) or _is_array(y):
        return _as_bool_array(x) ^ _as_bool_array(y) if _is_array(x) and _is_array(y) else (x ^ y)
    if x is None or y is None:
        return None
    return bool(x) != bool(y)


def not_(x: Any) -> Any:
    if _is_array(x):
        return ~_as_bool_array(x)
    return None if x is None else not x


def is_nan(x: Any) -> Any:
    """True for NaN and for anything that is not a number (null, strings, booleans, arrays)."""
    if _is_array(x):
        return np.isnan(x) if _is_number(x) else _all_false(x, x) | True
    if _is_number(x):
        return bool(math.isnan(x))
    return True


def _logical_list(data: list, ignore_nodata: bool, absorbing: bool) -> bool | None:
    """all (absorbing=False) / any (absorbing=True) of a JSON list with null as no-data."""
    if absorbing in data:
        return absorbing
    if None in data and not ignore_nodata:
        return None
    values = [v for v in data if v is not None]
    return (not absorbing) if values else None


def all_(data: Any, ignore_nodata: bool = True, axis=None, keepdims: bool = False) -> Any:
    if isinstance(data, list):
        return _logical_list(data, ignore_nodata, absorbing=False)
    from openeo_processes_dask.process_implementations.logic import _all as library

    return library(data, ignore_nodata=ignore_nodata, axis=axis, keepdims=keepdims)


def any_(data: Any, ignore_nodata: bool = True, axis=None, keepdims: bool = False) -> Any:
    if isinstance(data, list):
        return _logical_list(data, ignore_nodata, absorbing=True)
    from openeo_processes_dask.process_implementations.logic import _any as library

    return library(data, ignore_nodata=ignore_nodata, axis=axis, keepdims=keepdims)


def if_(value: Any, accept: Any, reject: Any = None) -> Any:
    """`accept` where value is true, else `reject`. On plain values the spec's null (the default
    reject, and what a null value gives) stays null, where the library's np.where made NaN; on
    arrays it is NaN, the no-data of cubes."""
    if not _is_array(value):
        return accept if _scalar(np.asarray(value).item() if isinstance(value, np.ndarray) else value) is True else reject
    return np.where(value, np.nan if accept is None else accept, np.nan if reject is None else reject)


def log(x: Any, base: Any) -> Any:
    """The library's log, without turning float32 cubes into float64 (its np.log(base) is a
    float64 scalar, which doubles the memory of every step after a dB conversion)."""
    from openeo_processes_dask.process_implementations.math import log as library

    if getattr(x, "dtype", None) == np.float32 and isinstance(base, numbers.Real) and not isinstance(base, bool):
        return np.log(x) / np.float32(math.log(base)) if base > 0 else library(x, base)
    return library(x, base)
