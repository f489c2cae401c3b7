"""Checks on a final openEO process graph, one function per expectation of DESIGN.md.

`GraphFacts.from_graph(pg)` reads what the checks need from a (flat, possibly wrapped) graph:
the loaded collections and bands, the loaded time interval (end exclusive, narrowed by
filter_temporal), the spatial extent (narrowed by filter_bbox / filter_spatial; bbox dicts with
a crs, GeoJSON geometries), the process ids of the whole graph including callbacks, and
whether the result aggregates over space and keeps time.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from typing import Any, Callable, Iterator

from pydantic import BaseModel, Field

from agent.evaluation.cases import Expect
from tools.sandbox.graph import iter_nodes

BBox = tuple[float, float, float, float]
SPATIAL_AGGREGATORS = {"aggregate_spatial", "reduce_spatial", "aggregate_spatial_window_mean"}


class CheckResult(BaseModel):
    name: str
    passed: bool
    detail: str = ""


class LoadFacts(BaseModel):
    node: str
    collection: str
    bands: list[str] | None = None  # None: all bands
    start: date | None = None
    end: date | None = None  # exclusive
    bbox: BBox | None = None


class GraphFacts(BaseModel):
    loads: list[LoadFacts] = Field(default_factory=list)
    processes: set[str] = Field(default_factory=set)
    spatial_aggregation: bool = False
    temporal_reduction: bool = False
    geometry_bbox: BBox | None = None  # bounds of aggregate_spatial geometries

    # --- derived ---------------------------------------------------------------------------
    @property
    def collections(self) -> set[str]:
        return {load.collection for load in self.loads}

    @property
    def interval(self) -> tuple[date | None, date | None]:
        starts = [ld.start for ld in self.loads if ld.start]
        ends = [ld.end for ld in self.loads if ld.end]
        open_start = any(ld.start is None for ld in self.loads)
        open_end = any(ld.end is None for ld in self.loads)
        return (None if open_start or not starts else min(starts), None if open_end or not ends else max(ends))

    @property
    def bboxes(self) -> list[BBox]:
        boxes = [ld.bbox for ld in self.loads if ld.bbox]
        if not boxes and self.geometry_bbox:
            boxes = [self.geometry_bbox]
        return boxes

    @property
    def extent(self) -> BBox | None:
        b = self.bboxes
        if not b:
            return None
        return (min(x[0] for x in b), min(x[1] for x in b), max(x[2] for x in b), max(x[3] for x in b))

    @classmethod
    def from_graph(cls, pg: dict | None) -> "GraphFacts":
        flat = unwrap(pg)
        facts = cls()
        facts.processes = set(all_process_ids(flat))
        loads: dict[str, LoadFacts] = {}
        for node_id, node in flat.items():
            args = node.get("arguments", {}) or {}
            pid = node.get("process_id")
            if pid == "load_collection":
                start, end = _interval(args.get("temporal_extent"))
                loads[node_id] = LoadFacts(
                    node=node_id,
                    collection=str(args.get("id")),
                    bands=args.get("bands"),
                    start=start,
                    end=end,
                    bbox=extent_bbox(args.get("spatial_extent")),
                )
        for node_id, node in flat.items():
            args = node.get("arguments", {}) or {}
            pid = node.get("process_id")
            upstream = [loads[n] for n in _upstream_loads(flat, node_id) if n in loads]
            if pid == "filter_temporal":
                start, end = _interval(args.get("extent"))
                for ld in upstream:
                    if start and (ld.start is None or start > ld.start):
                        ld.start = start
                    if end and (ld.end is None or end < ld.end):
                        ld.end = end
            elif pid in ("filter_bbox", "filter_spatial"):
                box = extent_bbox(args.get("extent") if pid == "filter_bbox" else args.get("geometries"))
                for ld in upstream:
                    ld.bbox = _intersect(ld.bbox, box) if box else ld.bbox
            elif pid == "filter_bands" and args.get("bands"):
                for ld in upstream:
                    ld.bands = [b for b in (ld.bands or args["bands"]) if b in args["bands"]] or ld.bands
            elif pid in SPATIAL_AGGREGATORS:
                facts.spatial_aggregation = True
                if pid == "aggregate_spatial":
                    facts.geometry_bbox = extent_bbox(args.get("geometries"))
            elif pid == "reduce_dimension" and args.get("dimension") in ("x", "y", "spatial"):
                facts.spatial_aggregation = True
            if pid == "reduce_dimension" and args.get("dimension") in ("t", "time", "temporal"):
                facts.temporal_reduction = True
            if pid in ("mean_time", "median_time", "max_time", "min_time", "reduce_temporal"):
                facts.temporal_reduction = True
        facts.loads = list(loads.values())
        return facts


# --- graph reading ---------------------------------------------------------------------------


def unwrap(pg: dict | None) -> dict:
    """The flat {node_id: node} mapping of a graph given bare or wrapped in process/process_graph."""
    if not pg:
        return {}
    if "process" in pg and isinstance(pg["process"], dict):
        pg = pg["process"]
    if "process_graph" in pg and isinstance(pg["process_graph"], dict):
        pg = pg["process_graph"]
    return {k: v for k, v in pg.items() if isinstance(v, dict) and "process_id" in v}


def all_process_ids(flat: dict) -> Iterator[str]:
    """Every process id of the graph, callbacks (reducers, overlap resolvers) included."""
    for node in iter_nodes(flat):
        yield node["process_id"]


def _from_nodes(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        if "from_node" in value:
            yield value["from_node"]
        elif "process_graph" not in value:
            for v in value.values():
                yield from _from_nodes(v)
    elif isinstance(value, list):
        for v in value:
            yield from _from_nodes(v)


def _upstream_loads(flat: dict, node_id: str) -> set[str]:
    seen, stack, loads = set(), list(_from_nodes(flat[node_id].get("arguments", {}))), set()
    while stack:
        n = stack.pop()
        if n in seen or n not in flat:
            continue
        seen.add(n)
        if flat[n].get("process_id") == "load_collection":
            loads.add(n)
        stack.extend(_from_nodes(flat[n].get("arguments", {})))
    return loads


def _parse_date(v: Any) -> date | None:
    if v is None or not isinstance(v, str) or not v.strip():
        return None
    s = v.strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(s).date() if "T" in s else date.fromisoformat(s[:10])
    except ValueError:
        return None


def _interval(ext: Any) -> tuple[date | None, date | None]:
    if not isinstance(ext, (list, tuple)) or len(ext) != 2:
        return None, None
    start, end = _parse_date(ext[0]), _parse_date(ext[1])
    if end is not None and isinstance(ext[1], str) and "T" in ext[1] and not ext[1].rstrip("Z").endswith("00:00:00"):
        end = end + timedelta(days=1)  # an end time inside a day still includes that day
    return start, end


def _coords(geom: Any) -> Iterator[tuple[float, float]]:
    if isinstance(geom, dict):
        t = geom.get("type")
        if t == "FeatureCollection":
            for f in geom.get("features", []):
                yield from _coords(f)
        elif t == "Feature":
            yield from _coords(geom.get("geometry"))
        elif t == "GeometryCollection":
            for g in geom.get("geometries", []):
                yield from _coords(g)
        elif "coordinates" in geom:
            yield from _coords(geom["coordinates"])
    elif isinstance(geom, (list, tuple)):
        if len(geom) >= 2 and all(isinstance(v, (int, float)) for v in geom[:2]):
            yield float(geom[0]), float(geom[1])
        else:
            for g in geom:
                yield from _coords(g)


def extent_bbox(ext: Any) -> BBox | None:
    """A bbox in EPSG:4326 from an openEO bounding box (any crs) or a GeoJSON geometry."""
    if not isinstance(ext, dict):
        return None
    if all(k in ext for k in ("west", "south", "east", "north")):
        w, s, e, n = (float(ext[k]) for k in ("west", "south", "east", "north"))
        crs = ext.get("crs")
        if crs not in (None, 4326, "4326", "EPSG:4326", "epsg:4326", "OGC:CRS84"):
            w, s, e, n = _to_wgs84((w, s, e, n), crs)
        return (min(w, e), min(s, n), max(w, e), max(s, n))
    pts = list(_coords(ext))
    if not pts:
        return None
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return (min(xs), min(ys), max(xs), max(ys))


def _to_wgs84(b: BBox, crs: Any) -> BBox:
    from pyproj import Transformer

    code = f"EPSG:{crs}" if isinstance(crs, int) or str(crs).isdigit() else str(crs)
    tr = Transformer.from_crs(code, "EPSG:4326", always_xy=True)
    xs, ys = tr.transform([b[0], b[2], b[0], b[2]], [b[1], b[1], b[3], b[3]])
    return (min(xs), min(ys), max(xs), max(ys))


def _intersect(a: BBox | None, b: BBox) -> BBox:
    if a is None:
        return b
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def area_km2(b: BBox) -> float:
    """Area of a lon/lat box on the sphere (R = 6371 km)."""
    w, s, e, n = b
    r = 6371.0088
    return abs(math.radians(e - w)) * abs(math.sin(math.radians(n)) - math.sin(math.radians(s))) * r * r


# --- one function per expectation ------------------------------------------------------------


def collections_any(f: GraphFacts, expected: list[str]) -> CheckResult:
    ok = bool(f.collections & set(expected))
    return CheckResult(
        name="collections_any", passed=ok, detail=f"loaded {sorted(f.collections)}, expected one of {expected}"
    )


def bands_all(f: GraphFacts, expected: list[str]) -> CheckResult:
    if any(ld.bands is None for ld in f.loads) and f.loads:
        return CheckResult(name="bands_all", passed=True, detail="all bands loaded")
    loaded = {b for ld in f.loads for b in (ld.bands or [])}
    missing = [b for b in expected if b not in loaded]
    return CheckResult(name="bands_all", passed=not missing, detail=f"loaded {sorted(loaded)}, missing {missing}")


def _fmt_interval(f: GraphFacts) -> str:
    s, e = f.interval
    return f"loaded [{s}, {e})"


def temporal_within(f: GraphFacts, window: tuple[date, date]) -> CheckResult:
    s, e = f.interval
    ok = s is not None and e is not None and s >= window[0] and e <= window[1] + timedelta(days=1)
    return CheckResult(
        name="temporal_within", passed=ok, detail=f"{_fmt_interval(f)}, window [{window[0]}, {window[1]}]"
    )


def temporal_covers(f: GraphFacts, window: tuple[date, date]) -> CheckResult:
    s, e = f.interval
    ok = s is not None and e is not None and s <= window[0] and e > window[1]
    return CheckResult(
        name="temporal_covers", passed=ok, detail=f"{_fmt_interval(f)}, must cover [{window[0]}, {window[1]}]"
    )


def temporal_avoids(f: GraphFacts, span: tuple[date, date]) -> CheckResult:
    """No loaded window overlaps `span` (inclusive), e.g. the fire between a before and an after window."""
    windows = [(ld.start, ld.end) for ld in f.loads]
    hit = [w for w in windows if (w[0] is None or w[0] <= span[1]) and (w[1] is None or w[1] > span[0])]
    shown = ", ".join(f"[{s}, {e})" for s, e in windows)
    return CheckResult(
        name="temporal_avoids",
        passed=bool(windows) and not hit,
        detail=f"loaded {shown}, must avoid [{span[0]}, {span[1]}]",
    )


def point_in_aoi(f: GraphFacts, point: tuple[float, float]) -> CheckResult:
    x, y = point
    ok = any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in f.bboxes)
    return CheckResult(name="point_in_aoi", passed=ok, detail=f"extent {f.extent}, point ({x}, {y})")


def aoi_max_km2(f: GraphFacts, max_km2: float) -> CheckResult:
    ext = f.extent
    if ext is None:
        return CheckResult(name="aoi_max_km2", passed=False, detail="no spatial extent (the whole collection)")
    a = area_km2(ext)
    return CheckResult(name="aoi_max_km2", passed=a <= max_km2, detail=f"{a:,.0f} km² (max {max_km2:,.0f})")


def processes_any_of(f: GraphFacts, groups: list[list[str]]) -> CheckResult:
    ok = any(set(g) <= f.processes for g in groups)
    return CheckResult(name="processes_any_of", passed=ok, detail=f"graph has {sorted(f.processes)}")


def processes_all(f: GraphFacts, expected: list[str]) -> CheckResult:
    missing = [p for p in expected if p not in f.processes]
    return CheckResult(name="processes_all", passed=not missing, detail=f"missing {missing}")


def output(f: GraphFacts, kind: str) -> CheckResult:
    is_ts = f.spatial_aggregation and not f.temporal_reduction
    actual = "timeseries" if is_ts else ("raster" if not f.spatial_aggregation else "other")
    return CheckResult(name="output", passed=actual == kind, detail=f"output is {actual}")


CHECKS: dict[str, Callable[[GraphFacts, Any], CheckResult]] = {
    "collections_any": collections_any,
    "bands_all": bands_all,
    "temporal_within": temporal_within,
    "temporal_covers": temporal_covers,
    "temporal_avoids": temporal_avoids,
    "point_in_aoi": point_in_aoi,
    "aoi_max_km2": aoi_max_km2,
    "processes_any_of": processes_any_of,
    "processes_all": processes_all,
    "output": output,
}


def check_graph(pg: dict | None, expect: Expect) -> list[CheckResult]:
    """Every expectation present in `expect`, checked on the graph, in DESIGN.md's order."""
    facts = GraphFacts.from_graph(pg)
    return [CHECKS[name](facts, getattr(expect, name)) for name in expect.present()]
