"""Open netCDF and Zarr files lazily with xarray, keeping the stored digital numbers."""

from __future__ import annotations

import functools

import xarray as xr


@functools.lru_cache(maxsize=32)
def open_dataset(path: str) -> xr.Dataset:
    """Lazily opened dataset (no scale/offset or fill masking applied); cached per path."""
    kwargs = dict(mask_and_scale=False, decode_coords="all", chunks={})
    if path.rstrip("/").lower().endswith(".zarr"):
        return xr.open_zarr(path, consolidated=False, **kwargs)
    return xr.open_dataset(path, engine="h5netcdf", **kwargs)
