"""CDSE-specific processes: sar_backscatter, to_scl_dilation_mask, mask_scl_dilation, slope, aspect.

- `sar_backscatter` converts the SENTINEL1_GRD cube (sigma0 on the ellipsoid, linear power, as
  the embedded backend stores it) to the asked coefficient with a plausible acquisition
  geometry: the ellipsoid incidence angle runs from 29 to 46 degrees across each 250 km swath
  (by easting), the terrain ones use the local incidence angle on COPERNICUS_30 (slope and
  aspect against an eastward look direction). beta0 = sigma0 / sin(theta_e), gamma0-ellipsoid =
  sigma0 / cos(theta_e), sigma0-terrain = beta0 * sin(theta_local), gamma0-terrain =
  sigma0-terrain / cos(theta_local); on flat ground the terrain values equal the ellipsoid ones.
  Arguments it cannot honour (noise_removal=false, contributing_area, options) are accepted and
  said in the job log; `mask`, `local_incidence_angle` and `ellipsoid_incidence_angle` add bands.
- SCL dilation: the algorithm of CDSE's mask_scl_dilation (see the process description).
- slope / aspect: Horn's 3x3 method in degrees (aspect clockwise from north, flat = no-data).
"""

from __future__ import annotations

import math
from typing import Any

import dask.array as da
import numpy as np
import pyproj
import scipy.ndimage
import xarray as xr

from backend.errors import BandNotAvailable, DimensionNotAvailable, ProcessParameterInvalid
from backend.processes.notes import note

__all__ = ["make_sar_backscatter", "to_scl_dilation_mask", "mask_scl_dilation", "slope", "aspect", "horn_gradients"]

COEFFICIENTS = ("beta0", "sigma0-ellipsoid", "sigma0-terrain", "gamma0-ellipsoid", "gamma0-terrain")
SWATH_M = 250_000.0
LOOK_AZIMUTH_DEG = 80.0  # right-looking, ascending pass: the sensor looks east-northeast


# --- terrain ------------------------------------------------------------------------------------


def _spatial(data: xr.DataArray, process: str) -> None:
    if "x" not in data.dims or "y" not in data.dims:
        raise DimensionNotAvailable(f"{process} needs the spatial dimensions x and y; the cube has {list(map(str, data.dims))}.")


def _is_geographic(data: xr.DataArray) -> bool:
    crs = data.rio.crs or data.attrs.get("crs")
    return crs is not None and pyproj.CRS.from_user_input(str(crs)).is_geographic


def _steps(data: xr.DataArray) -> tuple[float, float]:
    x, y = data["x"].values, data["y"].values
    return (float(x[1] - x[0]) if x.size > 1 else 1.0), (float(y[1] - y[0]) if y.size > 1 else -1.0)


def horn_gradients(z: Any, dx: Any, dy: float) -> tuple[Any, Any]:
    """(east, north) height gradients over the last two axes (rows, columns) by Horn's method,
    edges replicated; numpy or Dask. dx, dy: signed coordinate steps per column and per row in
    metres (dx may vary per row, shaped (rows, 1))."""
    lib = da if isinstance(z, da.Array) else np
    pad = [(0, 0)] * (z.ndim - 2) + [(1, 1), (1, 1)]
    p = lib.pad(z, pad, mode="edge")
    a, b, c = p[..., :-2, :-2], p[..., :-2, 1:-1], p[..., :-2, 2:]
    d, f = p[..., 1:-1, :-2], p[..., 1:-1, 2:]
    g, h, i = p[..., 2:, :-2], p[..., 2:, 1:-1], p[..., 2:, 2:]
    east = ((c + 2 * f + i) - (a + 2 * d + g)) / (8.0 * dx)
    north = ((g + 2 * h + i) - (a + 2 * b + c)) / (8.0 * dy)
    return east, north


def _terrain(data: xr.DataArray, kind: str) -> xr.DataArray:
    _spatial(data, kind)
    dx, dy = _steps(data)
    moved = data.transpose(..., "y", "x")
    if _is_geographic(data):
        lat = np.radians(moved["y"].values.astype(float))
        dx = (dx * 111_320.0 * np.cos(lat))[:, None]
        dy = dy * 110_540.0
    z = moved.data.astype("float64") if isinstance(moved.data, da.Array) else np.asarray(moved.data, dtype="float64")
    east, north = horn_gradients(z, dx, dy)
    lib = da if isinstance(z, da.Array) else np
    if kind == "slope":
        values = lib.degrees(lib.arctan(lib.hypot(east, north)))
    else:
        values = lib.where((east == 0) & (north == 0), np.nan, lib.degrees(lib.arctan2(-east, -north)) % 360.0)
    out = xr.DataArray(values.astype("float32"), dims=moved.dims, coords=moved.coords, attrs=dict(data.attrs))
    return out.transpose(*data.dims)


def slope(data: xr.DataArray) -> xr.DataArray:
    return _terrain(data, "slope")


def aspect(data: xr.DataArray) -> xr.DataArray:
    return _terrain(data, "aspect")


# --- SCL dilation -------------------------------------------------------------------------------

MASK1_DEFAULT = (2, 4, 5, 6, 7)
MASK2_DEFAULT = (3, 8, 9, 10, 11)
THRESHOLD1, THRESHOLD2 = 0.057, 0.025
_OUTSIDE = -1.0


def _gaussian(mask: np.ndarray, size: int) -> np.ndarray:
    """Convolution with a normalised size x size Gaussian (sigma = size / 6), zero beyond borders."""
    radius = max(int(size) // 2, 0)
    if radius == 0:
        return mask.astype("float64")
    sigma = size / 6.0
    return scipy.ndimage.gaussian_filter(mask.astype("float64"), sigma=sigma, truncate=radius / sigma, mode="constant", cval=0.0)


def _dilation_plane(scl: np.ndarray, erosion: int, mask1: tuple, mask2: tuple, k1: int, k2: int) -> np.ndarray:
    outside = scl == _OUTSIDE  # the overlap beyond the cube's borders
    classes = np.nan_to_num(scl, nan=0.0)
    first = ~np.isin(classes, mask1)
    if erosion and erosion > 1:
        first = scipy.ndimage.binary_erosion(first, structure=np.ones((int(erosion), int(erosion)), bool), border_value=1)
    first &= ~outside  # beyond the borders: eroded as if cloudy, convolved as clear (zero padding)
    second = np.isin(classes, mask2) & ~outside
    return ((_gaussian(first, k1) > THRESHOLD1) | (_gaussian(second, k2) > THRESHOLD2)).astype("float32")


def _scl_plane_cube(data: xr.DataArray, band: str | None) -> xr.DataArray:
    if "bands" in data.dims:
        names = [str(b) for b in data["bands"].values]
        name = band or ("SCL" if "SCL" in names else (names[0] if len(names) == 1 else None))
        if name is None or name not in names:
            raise BandNotAvailable(f"The SCL band {band or 'SCL'!r} is not in the cube (bands: {names}). Load it with bands=[..., 'SCL'].")
        return data.sel(bands=name, drop=True)
    return data


def _dilation(scl: xr.DataArray, erosion_kernel_size: float, mask1_values, mask2_values, kernel1_size: float, kernel2_size: float) -> xr.DataArray:
    _spatial(scl, "to_scl_dilation_mask")
    mask1 = tuple(mask1_values) if mask1_values else MASK1_DEFAULT
    mask2 = tuple(mask2_values) if mask2_values else MASK2_DEFAULT
    k1, k2, erosion = int(kernel1_size), int(kernel2_size), int(erosion_kernel_size or 0)
    if k1 < 1 or k2 < 1:
        raise ProcessParameterInvalid("to_scl_dilation_mask: kernel sizes must be at least 1 pixel.")
    moved = scl.transpose(..., "y", "x")
    radius = max(k1, k2) // 2 + max(erosion, 1)
    array = moved.data if isinstance(moved.data, da.Array) else da.from_array(np.asarray(moved.data))
    spatial = {moved.ndim - 2: -1 if moved.shape[-2] <= 2 * radius else max(1024, radius), moved.ndim - 1: -1 if moved.shape[-1] <= 2 * radius else max(1024, radius)}
    array = array.rechunk({**{i: 1 for i in range(moved.ndim - 2)}, **spatial})

    def block(values: np.ndarray) -> np.ndarray:
        out = np.empty(values.shape, dtype="float32")
        for pos in np.ndindex(values.shape[:-2]):
            out[pos] = _dilation_plane(values[pos], erosion, mask1, mask2, k1, k2)
        return out

    depth = {moved.ndim - 2: min(radius, moved.shape[-2]), moved.ndim - 1: min(radius, moved.shape[-1])}
    result = da.map_overlap(block, array.astype("float64"), depth=depth, boundary=_OUTSIDE, trim=True, dtype="float32")
    return xr.DataArray(result, dims=moved.dims, coords=moved.coords, attrs=dict(scl.attrs)).transpose(*scl.dims)


def to_scl_dilation_mask(data: xr.DataArray, erosion_kernel_size: float = 0, mask1_values: list | None = None,
                         mask2_values: list | None = None, kernel1_size: float = 17, kernel2_size: float = 201) -> xr.DataArray:
    """1 where the dilated SCL says cloud (or its surroundings), 0 where clear; one band."""
    mask = _dilation(_scl_plane_cube(data, None), erosion_kernel_size, mask1_values, mask2_values, kernel1_size, kernel2_size)
    dims = list(data.dims)
    out = mask.expand_dims(bands=["SCL_DILATED_MASK"]) if "bands" in data.dims else mask
    return out.transpose(*[d for d in dims if d in out.dims])


def mask_scl_dilation(data: xr.DataArray, scl_band_name: str | None = None, erosion_kernel_size: float = 0,
                      mask1_values: list | None = None, mask2_values: list | None = None,
                      kernel1_size: float = 17, kernel2_size: float = 201) -> xr.DataArray:
    """Every band no-data where the dilated SCL mask is set."""
    mask = _dilation(_scl_plane_cube(data, scl_band_name), erosion_kernel_size, mask1_values, mask2_values, kernel1_size, kernel2_size)
    return data.where(mask == 0).transpose(*data.dims)


# --- SAR backscatter ----------------------------------------------------------------------------


def _incidence(data: xr.DataArray) -> xr.DataArray:
    """Ellipsoid incidence angle (radians) per column: 29 to 46 degrees across each swath."""
    x = data["x"].values.astype(float)
    metres = x * 111_320.0 if _is_geographic(data) else x
    fraction = np.mod(metres, SWATH_M) / SWATH_M
    return xr.DataArray(np.radians(29.0 + 17.0 * fraction), dims=("x",), coords={"x": data["x"]})


def _dem_like(ctx: Any, data: xr.DataArray, name: str | None) -> xr.DataArray | None:
    from backend.datasources.base import DataRequest, NoDataError

    collection = ctx.catalog.get(name or "COPERNICUS_30")
    if collection is None:
        note(f"sar_backscatter: elevation model '{name}' is not a collection here; the terrain correction used flat ground.")
        return None
    crs = str(data.rio.crs or data.attrs.get("crs"))
    to4326 = pyproj.Transformer.from_crs(crs, 4326, always_xy=True)
    x, y = data["x"].values, data["y"].values
    west, south, east, north = to4326.transform_bounds(float(x.min()), float(y.min()), float(x.max()), float(y.max()))
    step = abs(float(x[1] - x[0])) if x.size > 1 else 10.0
    request = DataRequest(collection=collection, bbox=(west, south, east, north), start=collection.temporal_extent[0].removesuffix("Z"),
                          end="2100-01-01", bands=[collection.bands[0].name], resolution_m=None if _is_geographic(data) else step,
                          target_crs=None if _is_geographic(data) else crs)
    try:
        dem = ctx.sources.load(request)
    except NoDataError:
        note("sar_backscatter: no elevation data covers the area; the terrain correction used flat ground.")
        return None
    dem = dem.isel(t=0, bands=0, drop=True).astype("float64")
    nodata = dem.attrs.get("nodata")
    if nodata is not None:
        dem = dem.where(dem != nodata)
    return dem.interp(x=data["x"], y=data["y"], method="nearest", kwargs={"fill_value": None})


def make_sar_backscatter(ctx: Any):
    def sar_backscatter(data: xr.DataArray, coefficient: str | None = "gamma0-terrain", elevation_model: str | None = None,
                        mask: bool = False, contributing_area: bool = False, local_incidence_angle: bool = False,
                        ellipsoid_incidence_angle: bool = False, noise_removal: bool = True, options: dict | None = None) -> xr.DataArray:
        _spatial(data, "sar_backscatter")
        if coefficient is not None and coefficient not in COEFFICIENTS:
            raise ProcessParameterInvalid(f"sar_backscatter: coefficient must be one of {', '.join(COEFFICIENTS)} or null, not {coefficient!r}.")
        if not noise_removal:
            note("sar_backscatter: noise_removal=false cannot be honoured; the simulated backscatter has no thermal noise to keep.")
        if contributing_area:
            note("sar_backscatter: contributing_area is not computed by this backend; no such band was added.")
        for key in (options or {}):
            note(f"sar_backscatter: option '{key}' is not supported here and was ignored.")
        theta_e = _incidence(data)
        needs_terrain = coefficient in ("sigma0-terrain", "gamma0-terrain") or local_incidence_angle or mask
        theta_local = theta_e
        dem = _dem_like(ctx, data, elevation_model) if needs_terrain else None
        if dem is not None:
            s = np.radians(slope(dem))
            a = np.radians(aspect(dem).fillna(0.0))
            look = math.radians(LOOK_AZIMUTH_DEG)
            cos_local = np.cos(theta_e) * np.cos(s) + np.sin(theta_e) * np.sin(s) * np.cos(a - look)
            theta_local = np.arccos(np.clip(cos_local, -1.0, 1.0))
        sigma0 = data.astype("float32")
        beta0 = sigma0 / np.sin(theta_e)
        if coefficient in (None, "sigma0-ellipsoid"):
            if coefficient is None:
                note("sar_backscatter: coefficient=null returns the stored (sigma0 ellipsoid) backscatter unchanged.")
            out = sigma0
        elif coefficient == "beta0":
            out = beta0
        elif coefficient == "gamma0-ellipsoid":
            out = sigma0 / np.cos(theta_e)
        else:
            terrain_sigma = beta0 * np.sin(theta_local)
            out = terrain_sigma if coefficient == "sigma0-terrain" else terrain_sigma / np.cos(theta_local)
            out = out.where(np.cos(theta_local) > 0.05)  # layover / radar shadow: no valid backscatter
        out = out.transpose(*data.dims).astype("float32")
        out.attrs = {**data.attrs, "backscatter_coefficient": coefficient or "sigma0-ellipsoid"}
        extra = {}
        if mask:
            extra["mask"] = xr.where(np.cos(theta_local) > 0.05, 0.0, 2.0)
        if local_incidence_angle:
            extra["local_incidence_angle"] = np.degrees(theta_local)
        if ellipsoid_incidence_angle:
            extra["ellipsoid_incidence_angle"] = np.degrees(theta_e)
        if extra and "bands" in data.dims:
            out = out.drop_vars("common_name", errors="ignore")
            template = out.isel(bands=0, drop=True)
            layers = [xr.broadcast(v.astype("float32"), template)[0].expand_dims(bands=[k]) for k, v in extra.items()]
            out = xr.concat([out, *[layer.transpose(*out.dims) for layer in layers]], dim="bands", coords="minimal", compat="override")
            out = out.assign_coords(common_name=("bands", [str(b) for b in out["bands"].values]))
        return out

    return sar_backscatter
