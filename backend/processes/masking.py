"""`mask` that stays lazy.

openeo-processes-dask's `mask` negates the mask with `np.where` on an xarray cube, which turns a
Dask-backed mask into a numpy array: the whole input (the SCL band of a Sentinel-2 month, say) is
computed while the graph is still being built, and once more when the result is computed. For
the usual case — data and mask on the same grid, as with every SCL cloud mask — this version
builds the same result with `xarray.where` and computes nothing. Other cases (grids to align,
temporal labels to check) go to the library, which resamples and raises its openEO errors.
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
    fill = np.nan if replacement is None else replacement
    return data.where(~replace, fill).transpose(*data.dims)
