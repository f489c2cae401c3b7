"""`apply_neighborhood`: a process on windows of `size` pixels with `overlap`, lazily on Dask.

The cube is chunked to the neighbourhood size along each named dimension (all values along the
others) and `dask.array.map_overlap` hands each neighbourhood, widened by the overlap (no-data
beyond the cube's borders, as the spec says), to the callback as a small labelled sub-cube. The
callback returns a cube of the same shape; the overlap is trimmed away again. Sizes are pixels
(`px`, the default) or metres (`m`, divided by the pixel size); `null` means all values.
A callback that is a single `run_udf` sends each neighbourhood to the UDF runner instead.
"""

from __future__ import annotations

import math
from typing import Any, Callable

import dask.array as da
import numpy as np
import xarray as xr

from backend.errors import DimensionNotAvailable, OpenEOApiError, ProcessParameterInvalid

__all__ = ["apply_neighborhood", "neighbourhood_map"]


def _pixel_size(data: xr.DataArray, dim: str) -> float:
    values = data[dim].values
    if len(values) < 2 or not np.issubdtype(values.dtype, np.number):
        raise ProcessParameterInvalid(f"apply_neighborhood: cannot convert metres to pixels along '{dim}'; give the size in 'px'.")
    return abs(float(values[1] - values[0]))


def _pixels(data: xr.DataArray, items: list | None, what: str) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    for item in items or []:
        if not isinstance(item, dict) or "dimension" not in item:
            raise ProcessParameterInvalid(f"apply_neighborhood: each {what} entry is {{'dimension': 'x', 'value': 128, 'unit': 'px'}}.")
        dim = item["dimension"]
        if dim not in data.dims:
            raise DimensionNotAvailable(f"apply_neighborhood: {what} names dimension '{dim}', which the cube lacks (it has {list(map(str, data.dims))}).")
        value, unit = item.get("value"), item.get("unit")
        if value is None:
            out[dim] = None
            continue
        if isinstance(value, str):
            raise ProcessParameterInvalid(
                f"apply_neighborhood: durations such as {value!r} are not supported for '{dim}'; use null (all values) or a number of labels.")
        if unit == "m":
            value = value / _pixel_size(data, dim)
        pixels = int(math.floor(float(value) + 1e-9))
        if what == "size" and pixels < 1:
            raise ProcessParameterInvalid(f"apply_neighborhood: the size along '{dim}' must be at least one pixel.")
        out[dim] = pixels
    return out


def _block_coords(data: xr.DataArray, location: list[tuple[int, int]], depth: dict[int, int]) -> dict[str, Any]:
    """Labels of a (widened) block: the cube's labels, extrapolated on regular numeric axes
    into the overlap beyond the borders."""
    coords: dict[str, Any] = {}
    for axis, dim in enumerate(data.dims):
        labels = data[dim].values
        start, stop = location[axis]
        index = np.arange(start, stop) - depth.get(axis, 0)
        if index.size and index.min() >= 0 and index.max() < labels.size:
            coords[dim] = labels[index]
        elif np.issubdtype(labels.dtype, np.number) and labels.size > 1:
            coords[dim] = labels[0] + index * (labels[1] - labels[0])
        else:
            coords[dim] = index
    return coords


def neighbourhood_map(data: xr.DataArray, size: list, overlap: list | None,
                      run: Callable[[xr.DataArray], Any]) -> xr.DataArray:
    """`run(sub_cube)` on every neighbourhood; the results (same shape) stitched lazily."""
    sizes = _pixels(data, size, "size")
    overlaps = {d: v or 0 for d, v in _pixels(data, overlap, "overlap").items()}
    chunks = {axis: (sizes.get(dim) or -1) for axis, dim in enumerate(data.dims)}
    depth = {axis: min(overlaps.get(dim, 0), data.shape[axis]) for axis, dim in enumerate(data.dims)}
    array = data.data if isinstance(data.data, da.Array) else da.from_array(np.asarray(data.data))
    array = array.astype(float).rechunk(chunks)
    dims, attrs = data.dims, dict(data.attrs)

    def block(values: np.ndarray, block_info: dict | None = None) -> np.ndarray:
        location = block_info[0]["array-location"] if block_info else [(0, n) for n in values.shape]
        cube = xr.DataArray(values, dims=dims, coords=_block_coords(data, location, depth), attrs=attrs)
        result = run(cube)
        if isinstance(result, xr.DataArray):
            if set(result.dims) != set(dims):
                raise OpenEOApiError(code="ProcessParameterInvalid", status=400, message=(
                    f"apply_neighborhood: the process returned dimensions {list(map(str, result.dims))}; it must keep "
                    f"{list(map(str, dims))} (use reduce_dimension or apply_dimension outside apply_neighborhood)."))
            result = result.transpose(*dims).data
        if hasattr(result, "compute"):
            result = result.compute(scheduler="synchronous")
        result = np.broadcast_to(np.asarray(result, dtype=float), values.shape) if np.ndim(result) == 0 else np.asarray(result, dtype=float)
        if result.shape != values.shape:
            raise OpenEOApiError(code="ProcessParameterInvalid", status=400, message=(
                f"apply_neighborhood: the process returned shape {result.shape} for a neighbourhood of {values.shape}; "
                "it must return the same size."))
        return result

    mapped = da.map_overlap(block, array, depth=depth, boundary=np.nan, trim=True, dtype=float)
    coords = {k: v for k, v in data.coords.items()}
    return xr.DataArray(mapped, dims=dims, coords=coords, attrs=attrs)


def apply_neighborhood(data: xr.DataArray, process: Any, size: list, overlap: list | None = None,
                       context: Any = None) -> xr.DataArray:
    udf = getattr(process, "udf", None)
    if udf is not None:
        from backend.processes.udf_callbacks import neighbourhood_udf

        return neighbourhood_map(data, size, overlap, neighbourhood_udf(udf))
    return neighbourhood_map(data, size, overlap, lambda cube: process.call(data=cube, context=context))
