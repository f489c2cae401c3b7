"""Evaluate noise fields on one tile of an output grid, cheaply and seamlessly.

Low-frequency noise octaves are evaluated on coarse node lattices anchored at *global* pixel
indices of the (snapped) grid and interpolated down to pixels; high-frequency octaves at every
pixel. Because nodes are global, any two tiles or requests on the same grid compute identical
values for a shared pixel, while a 1000 x 1000 tile costs a fraction of evaluating every octave
at every pixel.
"""

from __future__ import annotations

import math

import numpy as np
from pyproj import Transformer

from backend.datasources.simulated.grid import METRES_PER_DEGREE, OutputGrid
from backend.datasources.simulated.noise import hash2, mix, value

MAX_STEP = 64
NODES_PER_CELL = 6.0  # coarse nodes per noise lattice cell before an octave is evaluated coarse


class Tile:
    """Rows [row0, row1) and columns [col0, col1) of an output grid."""

    def __init__(self, grid: OutputGrid, row0: int, row1: int, col0: int, col1: int) -> None:
        self.grid = grid
        self.row0, self.row1, self.col0, self.col1 = row0, row1, col0, col1
        self.gcol0 = int(round(grid.x0 / grid.res)) + col0  # global column index of col0
        self.grow0 = int(round(-grid.y0 / grid.res)) + row0  # global row index of row0
        self.shape = (row1 - row0, col1 - col0)
        self.pixel_deg = grid.res if grid.is_geographic else grid.resolution_m / METRES_PER_DEGREE
        self._levels: dict[int, tuple[np.ndarray, np.ndarray, int, int]] = {}
        self._transformer = None if grid.crs == "EPSG:4326" else Transformer.from_crs(grid.crs, "EPSG:4326", always_xy=True)

    def nodes(self, step: int) -> tuple[np.ndarray, np.ndarray, int, int]:
        """lon/lat of the level-`step` nodes covering the tile, and their first global indices."""
        if step not in self._levels:
            g_first_c, g_last_c = self.gcol0, self.gcol0 + self.shape[1] - 1
            g_first_r, g_last_r = self.grow0, self.grow0 + self.shape[0] - 1
            if step == 1:
                c0, c1, r0, r1 = g_first_c, g_last_c + 1, g_first_r, g_last_r + 1
            else:
                c0 = (g_first_c // step) * step
                c1 = (g_last_c // step) * step + 2 * step
                r0 = (g_first_r // step) * step
                r1 = (g_last_r // step) * step + 2 * step
            cols, rows = np.arange(c0, c1, step), np.arange(r0, r1, step)
            if self._transformer is not None and step < MAX_STEP:
                # Projected grids: transform only the coarsest (global) node lattice and interpolate
                # bilinearly; over MAX_STEP pixels the projection is linear to well under a millimetre.
                lon_c, lat_c, r0c, c0c = self.nodes(MAX_STEP)
                k, dc, dr = MAX_STEP // step, (c0 - c0c) // step, (r0 - r0c) // step
                xx, yy = (_refine_axis(_refine_axis(a, k, dc, len(cols), axis=1), k, dr, len(rows), axis=0)
                          for a in (lon_c, lat_c))
            else:
                xx, yy = np.meshgrid((cols + 0.5) * self.grid.res, -(rows + 0.5) * self.grid.res)
                if self._transformer is not None:
                    xx, yy = self._transformer.transform(xx, yy)
            self._levels[step] = (np.asarray(xx, np.float64), np.asarray(yy, np.float64), r0, c0)
        return self._levels[step]

    @property
    def lonlat(self) -> tuple[np.ndarray, np.ndarray]:
        lon, lat, _, _ = self.nodes(1)
        return lon, lat

    @property
    def lon(self) -> np.ndarray:
        return self.lonlat[0]

    @property
    def lat(self) -> np.ndarray:
        return self.lonlat[1]

    def step_for(self, freq: float) -> int:
        """The coarsest node spacing (a power of two, in pixels) that resolves `freq` cycles/degree."""
        ideal = 1.0 / (NODES_PER_CELL * freq * self.pixel_deg)
        if ideal < 2:
            return 1
        return min(MAX_STEP, 2 ** int(math.floor(math.log2(ideal))))

    def upsample(self, coarse: np.ndarray, src_step: int, dst_step: int) -> np.ndarray:
        _, _, r0s, c0s = self.nodes(src_step)
        _, _, r0d, c0d = self.nodes(dst_step)
        lon_d, _, _, _ = self.nodes(dst_step)
        factor = src_step // dst_step
        out = _refine_axis(coarse, factor, (c0d - c0s) // dst_step, lon_d.shape[1], axis=1)
        return _refine_axis(out, factor, (r0d - r0s) // dst_step, lon_d.shape[0], axis=0)

    def fbm(self, freq: float, octaves: int, key: int, gain: float = 0.5, lacunarity: float = 2.03,
            poleward_shift: float = 0.0) -> np.ndarray:
        """Fractal value noise in ~[0, 1] at every pixel of the tile (see noise.fbm).

        `poleward_shift` (degrees) samples the field at (lon + s, lat - s) in the northern
        hemisphere and (lon + s, lat + s) in the southern: towards the morning sun (shadows)."""
        acc, step, norm = self._fbm_sum(freq, octaves, key, gain, lacunarity, poleward_shift)
        if acc is None:
            return np.full(self.shape, 0.5, dtype=np.float32)
        if step != 1:
            acc = self.upsample(acc, step, 1)
        return np.clip(acc * np.float32(1.6 / norm) + np.float32(0.5), 0.0, 1.0)

    def fbm_nodes(self, freq: float, octaves: int, key: int, poleward_shift: float = 0.0) -> tuple[np.ndarray, int]:
        """The same field on the finest node lattice it needs: (values, step); `upsample(values,
        step, 1)` brings a (smooth) function of it to pixels. For fields of which only a smooth
        function is wanted, it spares the per-pixel work."""
        acc, step, norm = self._fbm_sum(freq, octaves, key, 0.5, 2.03, poleward_shift)
        if acc is None:
            return np.full(self.nodes(MAX_STEP)[0].shape, 0.5, dtype=np.float32), MAX_STEP
        return np.clip(acc * np.float32(1.6 / norm) + np.float32(0.5), 0.0, 1.0), step

    def _fbm_sum(self, freq: float, octaves: int, key: int, gain: float, lacunarity: float,
                 poleward_shift: float) -> tuple[np.ndarray | None, int, float]:
        by_step: dict[int, list[tuple[int, float, float]]] = {}
        amp, norm, f = 1.0, 0.0, freq
        for octave in range(octaves):
            if f * self.pixel_deg < 0.5:  # finer octaves average out inside a pixel: leave them out
                by_step.setdefault(self.step_for(f), []).append((octave, f, amp))
            norm += amp
            amp *= gain
            f *= lacunarity
        acc: np.ndarray | None = None
        prev = MAX_STEP
        for step in sorted(by_step, reverse=True):
            lon, lat, _, _ = self.nodes(step)
            if poleward_shift:
                lon, lat = lon + poleward_shift, lat - np.where(lat >= 0, poleward_shift, -poleward_shift)
            level = np.zeros(lon.shape, dtype=np.float32)
            for octave, f, a in by_step[step]:
                level += np.float32(a) * (value(lon, lat, f, mix(key, octave)) - np.float32(0.5))
            acc = level if acc is None else self.upsample(acc, prev, step) + level
            prev = step
        return acc, prev, norm

    def ridge(self, freq: float, octaves: int, key: int) -> np.ndarray:
        return np.abs(self.fbm(freq, octaves, key) - np.float32(0.5)) * np.float32(2.0)


def _refine_axis(a: np.ndarray, factor: int, offset: int, n: int, axis: int) -> np.ndarray:
    """Linear interpolation of `a` onto a lattice `factor` times finer along `axis`: n samples
    starting `offset` fine steps after a's first node. Each phase of the fine lattice (every
    `factor`-th sample) is one strided write of lo + (hi - lo) * w, with no gathers or temporaries
    of the output's size."""
    size = a.shape[axis]
    diff = np.zeros_like(a)  # zero past the last node: a sample exactly on it is lo + 0
    if axis == 1:
        np.subtract(a[:, 1:], a[:, :-1], out=diff[:, :-1])
        out = np.empty((a.shape[0], n), dtype=a.dtype)
    else:
        np.subtract(a[1:], a[:-1], out=diff[:-1])
        out = np.empty((n, a.shape[1]), dtype=a.dtype)
    for j in range(factor):
        m0 = (j - offset) % factor  # first output sample of phase j
        if m0 >= n:
            continue
        i0 = (offset + m0) // factor
        count = len(range(m0, n, factor))
        assert i0 + count <= size
        src = (slice(None), slice(i0, i0 + count)) if axis == 1 else (slice(i0, i0 + count),)
        target = out[:, m0::factor] if axis == 1 else out[m0::factor]
        if j == 0:
            target[...] = a[src]
        else:
            np.multiply(diff[src], np.float32(j / factor), out=target)
            target += a[src]
    return out


def pixel_noise(tile: Tile, key: int) -> np.ndarray:
    """White noise in [0, 1) per pixel, keyed on global pixel indices (sensor noise, speckle)."""
    rows = np.arange(tile.grow0, tile.grow0 + tile.shape[0], dtype=np.int64)[:, np.newaxis]
    cols = np.arange(tile.gcol0, tile.gcol0 + tile.shape[1], dtype=np.int64)[np.newaxis, :]
    return hash2(cols, rows, key)
