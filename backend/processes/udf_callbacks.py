"""UDFs as callbacks: `apply`, `apply_dimension`, `reduce_dimension` and `apply_neighborhood`
whose callback is a single `run_udf` node run the UDF chunk by chunk in the jailed runner.

The runner (`backend.udf.runner.run_udf_on_array(data, code, *, context, runtime, version,
timeout_s, memory_mb) -> DataArray`) executes the user's code in the operating-system sandbox,
never in this process; here we only cut the cube into the pieces each entry point defines and
stitch the answers back lazily:

- apply: every Dask chunk of the cube (the UDF must keep its shape);
- reduce_dimension: spatial chunks with the whole reduced dimension; the UDF returns the chunk
  without that dimension (or with one label, which is dropped);
- apply_dimension: spatial chunks with the whole dimension (time series / band vectors); the
  UDF may change the number of labels, the same for every chunk (the first chunk is run once
  ahead to learn it);
- apply_neighborhood: each neighbourhood with its overlap (see neighborhood.py).
"""

from __future__ import annotations

from typing import Any, Callable

import dask.array as da
import numpy as np
import xarray as xr

from backend.errors import OpenEOApiError, UdfUnsupported
from backend.processes.callbacks import UdfCall

__all__ = ["run_on_array", "apply_udf", "reduce_udf", "apply_dimension_udf", "neighbourhood_udf", "UDF_TIMEOUT_S", "UDF_MEMORY_MB"]

UDF_TIMEOUT_S = 120.0  # per chunk
UDF_MEMORY_MB = 2048


def _runner() -> Callable[..., xr.DataArray]:
    try:
        from backend.udf.runner import run_udf_on_array
    except ImportError as exc:
        raise UdfUnsupported(
            f"UDFs cannot run on this installation: the sandboxed UDF runner is not available ({exc}). "
            "Express the step with predefined processes, or run the graph on a backend with UDF support such as CDSE."
        ) from exc
    return run_udf_on_array


def run_on_array(cube: xr.DataArray, udf: UdfCall) -> xr.DataArray:
    """One chunk through the runner; its errors (with the UDF's own traceback lines) pass through."""
    if udf.runtime.lower() != "python":
        raise UdfUnsupported(f"UDF runtime '{udf.runtime}' is not available; use runtime 'Python' (see GET /udf_runtimes).")
    run = _runner()
    return run(cube, udf.udf, context=udf.context if udf.context is not None else {}, runtime=udf.runtime,
               version=udf.version, timeout_s=UDF_TIMEOUT_S, memory_mb=UDF_MEMORY_MB)


def _block_cube(data: xr.DataArray, values: np.ndarray, location: list[tuple[int, int]]) -> xr.DataArray:
    coords = {d: data[d].values[slice(*location[i])] for i, d in enumerate(data.dims) if d in data.coords}
    return xr.DataArray(values, dims=data.dims, coords=coords, attrs=dict(data.attrs))


def _dask(data: xr.DataArray) -> da.Array:
    return data.data if isinstance(data.data, da.Array) else da.from_array(np.asarray(data.data))


def _same_shape(result: xr.DataArray, dims: tuple, shape: tuple, what: str) -> np.ndarray:
    if set(result.dims) != set(dims):
        raise OpenEOApiError(code="UdfResultInvalid", status=400, message=(
            f"The UDF in {what} returned dimensions {list(map(str, result.dims))}; it must return {list(map(str, dims))}."))
    values = np.asarray(result.transpose(*dims).values, dtype=float)
    if values.shape != shape:
        raise OpenEOApiError(code="UdfResultInvalid", status=400, message=(
            f"The UDF in {what} returned shape {values.shape} for a chunk of {shape}; it must keep the chunk's shape."))
    return values


def apply_udf(data: xr.DataArray, udf: UdfCall) -> xr.DataArray:
    """apply: the UDF on every chunk, same shape out."""
    def block(values: np.ndarray, block_info: dict | None = None) -> np.ndarray:
        location = block_info[0]["array-location"]
        out = run_on_array(_block_cube(data, values, location), udf)
        return _same_shape(out, data.dims, values.shape, "apply")

    mapped = _dask(data).astype(float).map_blocks(block, dtype=float)
    return xr.DataArray(mapped, dims=data.dims, coords=data.coords, attrs=dict(data.attrs))


def reduce_udf(data: xr.DataArray, udf: UdfCall, dimension: str) -> xr.DataArray:
    """reduce_dimension: spatial chunks with the whole dimension; the dimension is gone after."""
    axis = data.get_axis_num(dimension)
    array = _dask(data).astype(float).rechunk({axis: -1})
    kept = tuple(d for d in data.dims if d != dimension)

    def block(values: np.ndarray, block_info: dict | None = None) -> np.ndarray:
        location = block_info[0]["array-location"]
        out = run_on_array(_block_cube(data, values, location), udf)
        if dimension in out.dims:
            if out.sizes[dimension] != 1:
                raise OpenEOApiError(code="UdfResultInvalid", status=400, message=(
                    f"The UDF in reduce_dimension returned {out.sizes[dimension]} labels along '{dimension}'; "
                    "a reducer returns one value per pixel."))
            out = out.isel({dimension: 0}, drop=True)
        return _same_shape(out, kept, tuple(s for i, s in enumerate(values.shape) if i != axis), "reduce_dimension")

    mapped = array.map_blocks(block, drop_axis=axis, dtype=float)
    coords = {k: v for k, v in data.coords.items() if dimension not in v.dims and k != dimension}
    return xr.DataArray(mapped, dims=kept, coords=coords, attrs=dict(data.attrs))


def apply_dimension_udf(data: xr.DataArray, udf: UdfCall, dimension: str, target: str | None) -> xr.DataArray:
    """apply_dimension: the UDF on spatial chunks holding whole time series (or band vectors)."""
    moved = data.transpose(*[d for d in data.dims if d != dimension], dimension)
    array = _dask(moved).astype(float).rechunk({moved.ndim - 1: -1})
    first = tuple((0, c[0]) for c in array.chunks)
    probe = run_on_array(_block_cube(moved, np.asarray(array[tuple(slice(a, b) for a, b in first)].compute()), list(first)), udf)
    name = target or dimension
    if dimension not in probe.dims:
        raise OpenEOApiError(code="UdfResultInvalid", status=400, message=(
            f"The UDF in apply_dimension dropped dimension '{dimension}'; use reduce_dimension for reductions."))
    count = probe.sizes[dimension]
    labels = probe[dimension].values if dimension in probe.coords else np.arange(count)
    if name != dimension or count != moved.sizes[dimension]:
        labels = labels if (name == dimension and count == moved.sizes[dimension]) else np.arange(count)

    def block(values: np.ndarray, block_info: dict | None = None) -> np.ndarray:
        location = block_info[0]["array-location"]
        out = run_on_array(_block_cube(moved, values, location), udf)
        expected = values.shape[:-1] + (count,)
        if dimension not in out.dims or out.sizes[dimension] != count:
            raise OpenEOApiError(code="UdfResultInvalid", status=400, message=(
                f"The UDF in apply_dimension returned a different number of '{dimension}' labels for another chunk "
                f"(expected {count}); it must return the same length for every chunk."))
        return _same_shape(out, moved.dims, expected, "apply_dimension")

    chunks = array.chunks[:-1] + ((count,),)
    mapped = array.map_blocks(block, chunks=chunks, dtype=float)
    others = [d for d in moved.dims if d != dimension]
    coords = {d: moved[d] for d in others if d in moved.coords}
    coords[name] = labels
    out = xr.DataArray(mapped, dims=(*others, name), coords=coords, attrs=dict(data.attrs))
    return out.transpose(*[name if d == dimension else d for d in data.dims])


def neighbourhood_udf(udf: UdfCall) -> Callable[[xr.DataArray], xr.DataArray]:
    """apply_neighborhood: each neighbourhood (with its overlap) through the runner."""
    return lambda cube: run_on_array(cube, udf)
