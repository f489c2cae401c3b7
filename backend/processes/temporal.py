"""Temporal processes: aggregate_temporal (explicit intervals and labels) and resample_cube_temporal.

Both stay lazy: intervals select time steps by index and reduce them with the reducer callback
(a fresh invocation per interval, see callbacks.py); resampling picks time steps by index and,
with `valid_within`, fills each pixel from the nearest valid observation inside the window.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import xarray as xr

from backend.errors import DimensionNotAvailable, OpenEOApiError, ProcessParameterInvalid

__all__ = ["aggregate_temporal", "resample_cube_temporal", "temporal_dimension"]


def temporal_dimension(data: xr.DataArray, dimension: str | None, process: str) -> str:
    if dimension is not None:
        if dimension not in data.dims:
            raise DimensionNotAvailable(f"{process}: dimension '{dimension}' does not exist; the cube has {list(map(str, data.dims))}.")
        return dimension
    temporal = [str(d) for d in data.dims if np.issubdtype(data[d].dtype, np.datetime64)]
    if len(temporal) > 1:
        raise OpenEOApiError(code="TooManyDimensions", status=400, message=(
            f"{process}: the cube has several temporal dimensions ({temporal}); name one in 'dimension'."))
    if not temporal:
        raise DimensionNotAvailable(f"{process}: the cube has no temporal dimension (dimensions: {list(map(str, data.dims))}).")
    return temporal[0]


def _instant(value: Any) -> np.datetime64:
    text = str(value)
    if text.endswith("Z"):
        text = text[:-1]
    if "+" in text[10:]:
        text = text[: 10 + text[10:].index("+")]
    try:
        return np.datetime64(text, "ns")
    except ValueError as exc:
        raise ProcessParameterInvalid(f"Cannot read {value!r} as a date or date-time (use '2020-01-31' or '2020-01-31T00:00:00Z').") from exc


def _label(value: Any) -> Any:
    """Interval starts as labels: dates/date-times become datetime64, other labels stay."""
    if _time_of_day(value) is not None:
        return value
    try:
        return _instant(value)
    except ProcessParameterInvalid:
        return value


def _time_of_day(value: Any) -> float | None:
    """Seconds since midnight of an 'HH:MM:SS' string, else None."""
    text = str(value).removesuffix("Z")
    parts = text.split(":")
    if len(parts) != 3 or "-" in text or "T" in text:
        return None
    try:
        h, m, sec = int(parts[0]), int(parts[1]), float(parts[2])
    except ValueError:
        return None
    return h * 3600 + m * 60 + sec


def _select(stamps: np.ndarray, interval: Any) -> np.ndarray:
    """Indices of the time steps inside [start, end): open ends (null) allowed; an interval of
    times of day ('18:00:00' to '06:00:00') selects those hours on every day, across midnight."""
    if not isinstance(interval, (list, tuple)) or len(interval) != 2:
        raise ProcessParameterInvalid(f"aggregate_temporal: every interval is [start, end], got {interval!r}.")
    first, last = interval
    day_start, day_end = (_time_of_day(v) if v is not None else None for v in interval)
    if day_start is not None and day_end is not None:
        seconds = (stamps - stamps.astype("datetime64[D]")).astype("timedelta64[ms]").astype(float) / 1000.0
        if day_start == day_end:
            raise OpenEOApiError(code="TemporalExtentEmpty", status=400, message=f"aggregate_temporal: the interval {list(interval)} is empty.")
        inside = (seconds >= day_start) & (seconds < day_end) if day_start < day_end else (seconds >= day_start) | (seconds < day_end)
        return np.flatnonzero(inside)
    start = _instant(first) if first is not None else None
    end = _instant(last) if last is not None else None
    if start is None and end is None:
        raise ProcessParameterInvalid("aggregate_temporal: an interval needs at least one of start and end.")
    if start is not None and end is not None and start >= end:
        raise OpenEOApiError(code="TemporalExtentEmpty", status=400, message=(
            f"aggregate_temporal: the interval {list(interval)} is empty; its end must be later than its start."))
    keep = np.ones(stamps.shape, bool)
    if start is not None:
        keep &= stamps >= start
    if end is not None:
        keep &= stamps < end
    return np.flatnonzero(keep)


def aggregate_temporal(data: xr.DataArray, intervals: list, reducer: Any, labels: list | None = None,
                       dimension: str | None = None, context: Any = None) -> xr.DataArray:
    dim = temporal_dimension(data, dimension, "aggregate_temporal")
    if not isinstance(intervals, list) or not intervals:
        raise ProcessParameterInvalid("aggregate_temporal: intervals must be a non-empty list of [start, end] pairs.")
    stamps = data[dim].values.astype("datetime64[ns]")
    selections = [_select(stamps, interval) for interval in intervals]
    if labels:
        if len(labels) != len(intervals):
            raise ProcessParameterInvalid(f"aggregate_temporal: {len(labels)} labels for {len(intervals)} intervals; give one label per interval.")
        names = [_label(v) for v in labels]
    else:
        names = [_label(interval[0]) if interval[0] is not None else str(i) for i, interval in enumerate(intervals)]
    if len({str(n) for n in names}) != len(names):
        raise OpenEOApiError(code="DistinctDimensionLabelsRequired", status=400, message=(
            "aggregate_temporal: several intervals start at the same time; give distinct 'labels', one per interval."))
    pieces: list[xr.DataArray | None] = []
    for index in selections:
        if index.size == 0:
            pieces.append(None)
            continue
        pieces.append(data.isel({dim: index}).reduce(reducer, dim=dim, keep_attrs=True,
                                                     positional_parameters={"data": 0}, context=context))
    template = next((p for p in pieces if p is not None), None)
    if template is None:
        template = xr.full_like(data.isel({dim: 0}, drop=True), np.nan, dtype=float)
    filled = [p if p is not None else xr.full_like(template, np.nan, dtype=float) for p in pieces]
    result = xr.concat(filled, dim=dim, coords="minimal", compat="override").assign_coords({dim: names})
    return result.transpose(*[d for d in data.dims if d in result.dims], ...)


def _days(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ProcessParameterInvalid("resample_cube_temporal: valid_within is a number of days (0 or more) or null.")
    return float(value)


def resample_cube_temporal(data: xr.DataArray, target: xr.DataArray, dimension: str | None = None,
                           valid_within: float | None = None) -> xr.DataArray:
    """Nearest source time step for each target label (ties: the earlier one); with
    `valid_within` days, each pixel takes the nearest *valid* value within that window."""
    window = _days(valid_within)
    if dimension is not None:
        if dimension not in data.dims or dimension not in target.dims:
            raise DimensionNotAvailable(f"resample_cube_temporal: dimension '{dimension}' must exist in both cubes.")
        dims = [dimension]
    else:
        dims = [str(d) for d in data.dims if np.issubdtype(data[d].dtype, np.datetime64) and d in target.dims]
        if not dims:
            raise DimensionNotAvailable("resample_cube_temporal: the cubes share no temporal dimension.")
    result = data
    for dim in dims:
        result = _resample_one(result, dim, target[dim].values.astype("datetime64[ns]"), window)
    return result


def _resample_one(data: xr.DataArray, dim: str, targets: np.ndarray, window: float | None) -> xr.DataArray:
    source = data[dim].values.astype("datetime64[ns]")
    if source.size == 0:
        raise OpenEOApiError(code="NoDataAvailable", status=400, message="resample_cube_temporal: the source cube has no time steps.")
    distance = np.abs(targets[:, None] - source[None, :]).astype("timedelta64[s]").astype(float) / 86400.0
    if window is None:
        nearest = np.argmin(distance, axis=1)  # argmin takes the first (earlier) of equal distances
        return data.isel({dim: nearest}).assign_coords({dim: targets})
    steps = []
    for i in range(len(targets)):
        ranked = [j for j in np.argsort(distance[i], kind="stable") if distance[i, j] <= window]
        if not ranked:
            steps.append(xr.full_like(data.isel({dim: 0}, drop=True), np.nan, dtype=float))
            continue
        value = data.isel({dim: ranked[0]}, drop=True)
        for j in ranked[1:]:
            value = value.fillna(data.isel({dim: j}, drop=True))
        steps.append(value)
    out = xr.concat(steps, dim=dim).assign_coords({dim: targets})
    return out.transpose(*data.dims)
