"""Open netCDF and Zarr files lazily with xarray, keeping the stored digital numbers.

Grids on lon/lat (or longitude/latitude) axes get x/y names, and EPSG:4326 when the file
declares no grid mapping, so that they read like projected grids.
"""

from __future__ import annotations

import functools

import rioxarray  # noqa: F401  (registers the .rio accessor)
import xarray as xr

GEOGRAPHIC_AXES = (("lon", "lat"), ("longitude", "latitude"))


@functools.lru_cache(maxsize=32)
def open_dataset(path: str) -> xr.Dataset:
    """Lazily opened dataset (no scale/offset or fill masking applied); cached per path."""
    kwargs = dict(mask_and_scale=False, decode_coords="all", chunks={})
    if path.rstrip("/").lower().endswith(".zarr"):
        ds = xr.open_zarr(path, consolidated=False, **kwargs)
    else:
        ds = xr.open_dataset(path, engine="h5netcdf", **kwargs)
    for x, y in GEOGRAPHIC_AXES:
        if x in ds.dims and y in ds.dims and "x" not in ds.dims and "y" not in ds.dims:
            ds = ds.rename({x: "x", y: "y"})
            if ds.rio.crs is None:
                ds = ds.rio.write_crs("EPSG:4326")
            break
    return ds
