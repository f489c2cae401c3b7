"""`mask` that stays lazy.

openeo-processes-dask's `mask` negates the mask with `np.where` on an xarray cube, which turns a
Dask-backed mask into a numpy array: the whole input (the SCL band of a Sentinel-2 month, say) is
computed while the graph is still being built, and once more when the result is computed. For
the usual case — data and mask on the same grid, as with every SCL cloud mask — this version
builds the same result with `xarray.where` and computes nothing. Other cases (grids to align,
temporal labels to check) go to the library, which resamples and raises its openEO errors.

Float data masked with NaN (no replacement) is multiplied by a factor that is 1 where kept and
NaN where masked, made once on the mask's grid and broadcast over the bands: the same values
bit for bit (x * 1 is x for every float, NaN included), in a fraction of the time of a `where`
that broadcasts the mask over every band.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import xarray as xr

__all__ = ["mask"]


def _same_grid(data: xr.DataArray, mask: xr.DataArray) -> bool:
    if set(mask.dims) - set(data.dims):
        return False
    for dim in mask.dims:
        if dim == "bands":
            continue
        if mask.sizes[dim] != data.sizes[dim]:
            return False
        if dim in mask.coords and dim in data.coords and not np.array_equal(mask[dim].values, data[dim].values):
            return False
    return True


def mask(data: xr.DataArray, mask: xr.DataArray, replacement: Any = None) -> xr.DataArray:
    """Replace `data` where `mask` is true or non-zero; a null mask pixel leaves data unchanged."""
    from openeo_processes_dask.process_implementations.cubes.mask import mask as library

    if not (isinstance(data, xr.DataArray) and isinstance(mask, xr.DataArray)) or not _same_grid(data, mask):
        return library(data=data, mask=mask, replacement=replacement)
    if "bands" in mask.dims:
        if mask.sizes["bands"] != 1 and "bands" in data.dims and list(mask["bands"].values) != list(data["bands"].values):
            return library(data=data, mask=mask, replacement=replacement)
        if mask.sizes["bands"] == 1:
            mask = mask.isel(bands=0, drop=True)
    replace = mask if mask.dtype == bool else (mask.notnull() & (mask != 0))
    if replacement is None and np.issubdtype(data.dtype, np.floating):
        nan, one = data.dtype.type(np.nan), data.dtype.type(1)
        factor = replace.copy(deep=False, data=replace.data.map_blocks(_nan_where, nan, one, dtype=data.dtype)
                              if _is_dask(replace.data) else _nan_where(np.asarray(replace.values), nan, one))
        masked = (data * factor).transpose(*data.dims)
        masked.attrs, masked.name = dict(data.attrs), data.name
        return masked
    fill = np.nan if replacement is None else replacement
    return data.where(~replace, fill).transpose(*data.dims)


def _is_dask(values: Any) -> bool:
    return hasattr(values, "dask")


def _nan_where(replace: np.ndarray, nan: np.floating, one: np.floating) -> np.ndarray:
    """NaN where `replace` is true, else 1, in the data's float type."""
    return np.where(replace, nan, one)
