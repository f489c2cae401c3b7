"""Deterministic value noise keyed on absolute coordinates.

Every field of the simulated Earth (relief, land cover, parcels, clouds, speckle) is a pure
function of absolute longitude/latitude (plus a seed and, for weather, a date key), never of a
request's window or of global RNG state. Overlapping or neighbouring requests therefore agree
pixel for pixel, and the same request gives identical bytes.

All functions are vectorised over numpy arrays; inputs are float64 degrees, outputs float32.
"""

from __future__ import annotations

import numpy as np

_M1 = np.uint32(0x8DA6B343)
_M2 = np.uint32(0xD8163841)
_M3 = np.uint32(0xCB1AB31F)
_M4 = np.uint32(0x5BD1E995)
_M5 = np.uint32(0x27D4EB2F)


def mix(*keys: int) -> int:
    """Combine integer keys (seed, octave, date ordinal, ...) into one 32-bit key."""
    h = 0x811C9DC5
    for k in keys:
        h ^= int(k) & 0xFFFFFFFF
        h = (h * 0x01000193) & 0xFFFFFFFF
        h ^= h >> 15
    return h


def hash2(ix: np.ndarray, iy: np.ndarray, key: int) -> np.ndarray:
    """Uniform [0, 1) float32 from integer lattice coordinates and a key (wrapping uint32 maths)."""
    ix = ix.view(np.uint32) if ix.dtype == np.int32 else ix.astype(np.uint32)
    iy = iy.view(np.uint32) if iy.dtype == np.int32 else iy.astype(np.uint32)
    with np.errstate(over="ignore"):
        h = (ix * _M1) ^ (iy * _M2) ^ (np.uint32(key) * _M3)
        h ^= h >> np.uint32(13)
        h *= _M4
        h ^= h >> np.uint32(15)
        h *= _M5
        h ^= h >> np.uint32(16)
    return (h >> np.uint32(8)).astype(np.float32) * np.float32(1.0 / (1 << 24))


def hash2_cells(ix: np.ndarray, iy: np.ndarray, key: int) -> np.ndarray:
    """hash2 of integer arrays that repeat few distinct cells (noise lattices, parcels): the
    bounding box of cells is hashed once and gathered, which gives the same values, cheaper."""
    x0, x1, y0, y1 = int(ix.min()), int(ix.max()), int(iy.min()), int(iy.max())
    nx, ny = x1 - x0 + 1, y1 - y0 + 1
    if nx * ny * 2 > ix.size:
        return hash2(ix, iy, key)
    box = hash2(np.arange(x0, x1 + 1, dtype=np.int64)[np.newaxis, :], np.arange(y0, y1 + 1, dtype=np.int64)[:, np.newaxis], key)
    return np.take(box.reshape(-1), (iy - y0) * nx + (ix - x0))


def white(lon: np.ndarray, lat: np.ndarray, cell_deg: float, key: int) -> np.ndarray:
    """Per-cell white noise in [0, 1): constant inside cells of `cell_deg` (use ~ the pixel size)."""
    return hash2(np.floor(lon / cell_deg).astype(np.int64), np.floor(lat / cell_deg).astype(np.int64), key)


def value(lon: np.ndarray, lat: np.ndarray, freq: float, key: int) -> np.ndarray:
    """Smooth value noise in [0, 1) with `freq` lattice cells per degree."""
    fu, iu = _lattice(lon, freq)
    fv, iv = _lattice(lat, freq)
    u0, u1, v0, v1 = int(iu.min()), int(iu.max()) + 1, int(iv.min()), int(iv.max()) + 1
    nu, nv = u1 - u0 + 1, v1 - v0 + 1
    if nu * nv * 2 > iu.size:  # sparse samples: hash every corner
        iu1, iv1 = iu + np.int32(1), iv + np.int32(1)
        a, b, c, d = hash2(iu, iv, key), hash2(iu1, iv, key), hash2(iu, iv1, key), hash2(iu1, iv1, key)
        top = a + (b - a) * fu
        bottom = c + (d - c) * fu
        return top + (bottom - top) * fv
    # Dense samples: hash the lattice box once; per cell keep (a, b - a, c, d - c) and gather them
    # in one go. Same floats as the per-corner form above.
    box = hash2(np.arange(u0, u1 + 1, dtype=np.int32)[np.newaxis, :], np.arange(v0, v1 + 1, dtype=np.int32)[:, np.newaxis], key)
    cells = np.empty((nv - 1, nu - 1, 4), dtype=np.float32)
    cells[..., 0] = box[:-1, :-1]
    np.subtract(box[:-1, 1:], box[:-1, :-1], out=cells[..., 1])
    cells[..., 2] = box[1:, :-1]
    np.subtract(box[1:, 1:], box[1:, :-1], out=cells[..., 3])
    idx = iv - np.int32(v0)
    idx *= np.int32(nu - 1)
    idx += iu
    idx -= np.int32(u0)
    g = np.take(cells.reshape(-1, 4), idx, axis=0)
    top = g[..., 1] * fu
    top += g[..., 0]
    bottom = g[..., 3] * fu
    bottom += g[..., 2]
    bottom -= top
    bottom *= fv
    bottom += top
    return bottom


def _lattice(x: np.ndarray, freq: float) -> tuple[np.ndarray, np.ndarray]:
    """(smoothstep of the fractional part as float32, integer cell as int32) of x * freq."""
    u = x * freq
    iu = np.floor(u)
    np.subtract(u, iu, out=u)
    f = u.astype(np.float32)
    s = np.multiply(f, np.float32(2.0))
    np.subtract(np.float32(3.0), s, out=s)
    f *= f
    f *= s
    return f, iu.astype(np.int32)


def fbm(lon: np.ndarray, lat: np.ndarray, freq: float, octaves: int, key: int,
        gain: float = 0.5, lacunarity: float = 2.03) -> np.ndarray:
    """Fractal sum of value-noise octaves, rescaled to roughly [0, 1] (mean 0.5)."""
    total = np.zeros(np.shape(lon), dtype=np.float32)
    amp, norm, f = 1.0, 0.0, freq
    for octave in range(octaves):
        total += np.float32(amp) * (value(lon, lat, f, mix(key, octave)) - np.float32(0.5))
        norm += amp
        amp *= gain
        f *= lacunarity
    # A sum of centred octaves has a spread well below its theoretical range: stretch it.
    return np.clip(total * np.float32(1.6 / norm) + np.float32(0.5), 0.0, 1.0)


def ridge(lon: np.ndarray, lat: np.ndarray, freq: float, octaves: int, key: int) -> np.ndarray:
    """Distance-like field to meandering lines (0 on the line): rivers and valleys."""
    return np.abs(fbm(lon, lat, freq, octaves, key) - np.float32(0.5)) * np.float32(2.0)


def smoothstep(edge0: float, edge1: float, x: np.ndarray) -> np.ndarray:
    t = (x - np.float32(edge0)) / np.float32(edge1 - edge0)
    if np.ndim(t) == 0:
        t = np.clip(t, 0.0, 1.0)
        return t * t * (np.float32(3.0) - np.float32(2.0) * t)
    np.clip(t, 0.0, 1.0, out=t)  # in place, same floats as t * t * (3 - 2 t) on a fresh array
    s = np.multiply(t, np.float32(2.0))
    np.subtract(np.float32(3.0), s, out=s)
    t *= t
    t *= s
    return t
