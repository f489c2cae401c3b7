"""Estimate how many values a graph computes: pixels x bands x time steps, statically.

Used by validation (the synchronous and batch budgets) and by the executor's callers. Reads
only the graph and the catalog. Every node counts, whether its result is used or not:

- each `load_collection` at the resolution it is really read at: native, or coarser where
  `backend.processes.pushdown` moves a `resample_spatial` into the read (the executor does the
  same rewrite, so the estimate and the computation agree);
- each resampling step that produces more values than it receives (`resample_spatial` to a
  finer resolution, `resample_cube_spatial` onto a finer cube): the upsampled cube is computed,
  so it counts on top of what was loaded.

A coarse resampling elsewhere in the graph never makes a load cheaper unless the read itself
is coarser. The executor checks the real arrays against the same budget while it builds the
computation (`backend.control.RunControl.observe`), so an estimate that is off cannot be used
to get more computed than the budget.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from pydantic import BaseModel

__all__ = ["estimate_pixels", "load_estimate", "LoadEstimate", "budget_errors", "graph_cost", "GraphCost"]

METRES_PER_DEGREE = 111_320.0
_DEGREE_CRS = (4326, "4326", "EPSG:4326", "epsg:4326", "OGC:CRS84")


class LoadEstimate(BaseModel):
    """The grid a node produces (or a load_collection reads)."""

    node_id: str
    collection_id: str
    width_m: float
    height_m: float
    resolution_m: float
    bands: int
    time_steps: int
    degrees: bool = False  # the cube's coordinates are degrees (resolution arguments are degrees too)

    @property
    def pixels(self) -> int:
        return _ceil(self.width_m / self.resolution_m) * _ceil(self.height_m / self.resolution_m)

    @property
    def values(self) -> int:
        return self.pixels * self.bands * self.time_steps

    def describe(self) -> str:
        return (f"'{self.node_id}' {self.width_m / 1000:.1f} x {self.height_m / 1000:.1f} km at {self.resolution_m:g} m, "
                f"{self.bands} band(s), ~{self.time_steps} time step(s)")


class GraphCost(BaseModel):
    """What a graph computes: the total and the nodes that make it up."""

    values: int = 0
    parts: list[str] = []


def _ceil(x: float) -> int:
    return int(math.ceil(x)) if math.isfinite(x) else 2**62


def _finite(*numbers: float) -> bool:
    return all(isinstance(n, float) and math.isfinite(n) for n in numbers)


def _parse_date(value: Any) -> dt.datetime | None:
    if not isinstance(value, str) or len(value) > 64:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)


def _bbox_degrees(extent: Any, collection) -> tuple[float, float, float, float] | None:
    if extent is None:
        return tuple(collection.spatial_extent)
    if isinstance(extent, dict) and {"west", "south", "east", "north"} <= set(extent):
        try:
            west, south, east, north = (float(extent[k]) for k in ("west", "south", "east", "north"))
        except (TypeError, ValueError, OverflowError):
            return None
        if not _finite(west, south, east, north):
            return None
        crs = extent.get("crs", 4326)
        if crs is None or crs in _DEGREE_CRS:
            return west, south, east, north
        from backend.processes.extents import bbox_4326

        try:
            return bbox_4326(extent, collection)
        except Exception:  # unparseable CRS: validation reports it separately
            return None
    if isinstance(extent, dict) and "type" in extent:
        from backend.processes.extents import _geojson_bounds

        try:
            return _geojson_bounds(extent)
        except Exception:  # malformed GeoJSON: validation reports it separately
            return None
    return None


def _size_m(bbox: tuple[float, float, float, float]) -> tuple[float, float]:
    west, south, east, north = bbox
    mid = math.radians(max(-89.0, min(89.0, (south + north) / 2)))
    width = min(abs(east - west), 360.0) * METRES_PER_DEGREE * math.cos(mid)
    height = min(abs(north - south), 180.0) * 110_574.0
    return max(width, 1.0), max(height, 1.0)


def _time_steps(extent: Any, collection) -> int:
    if collection.revisit_days is None:
        return 1
    start = end = None
    if isinstance(extent, (list, tuple)) and len(extent) == 2:
        start, end = _parse_date(extent[0]), _parse_date(extent[1])
    start = start or _parse_date(collection.temporal_extent[0]) or dt.datetime(2015, 1, 1, tzinfo=dt.timezone.utc)
    end = end or dt.datetime.now(dt.timezone.utc)
    days = max((end - start).total_seconds() / 86400.0, 0.0)
    return max(1, math.ceil(days / collection.revisit_days))


def load_estimate(node_id: str, arguments: dict, collection, resolution_m: float | None = None) -> LoadEstimate | None:
    """The grid a load_collection reads (at `resolution_m` when given, else the finest asked band's)."""
    bbox = _bbox_degrees(arguments.get("spatial_extent"), collection)
    if bbox is None:
        return None
    width, height = _size_m(bbox)
    bands = arguments.get("bands")
    n_bands = len(bands) if isinstance(bands, list) and bands else len(collection.bands)
    chosen = [b for b in collection.bands if not isinstance(bands, list) or not bands or b.name in bands] or collection.bands
    native = min(b.resolution_m for b in chosen)
    return LoadEstimate(
        node_id=node_id,
        collection_id=collection.id,
        width_m=width,
        height_m=height,
        resolution_m=resolution_m or native,
        bands=n_bands,
        time_steps=_time_steps(arguments.get("temporal_extent"), collection),
        degrees=str(collection.native_crs).upper() in ("EPSG:4326", "OGC:CRS84"),
    )


def _ref(value: Any) -> str | None:
    return value["from_node"] if isinstance(value, dict) and set(value) == {"from_node"} and isinstance(value["from_node"], str) else None


def _inputs(node: dict) -> list[str]:
    """Node ids a node reads (its from_node references, not entering callbacks)."""
    from backend.validation.walk import references

    arguments = node.get("arguments") if isinstance(node.get("arguments"), dict) else {}
    return [ref for value in arguments.values() for ref in references(value, "from_node")]


def _resolution(value: Any) -> tuple[float, float] | None:
    """(x, y) of a resample_spatial `resolution` argument; None for 0 / absent (keep the input's)."""
    if isinstance(value, list) and len(value) in (1, 2):
        parts = value if len(value) == 2 else value * 2
    else:
        parts = [value, value]
    out = []
    for part in parts:
        if isinstance(part, bool) or not isinstance(part, (int, float)):
            return None
        try:
            number = float(part)
        except OverflowError:
            return None
        if not math.isfinite(number) or number <= 0:
            return None
        out.append(number)
    return out[0], out[1]


class _Estimator:
    """Walks one flat graph: the grid each node produces, and the values it adds."""

    def __init__(self, flat: dict, read: dict, catalog: dict) -> None:
        self.flat, self.read, self.catalog = flat, read, catalog
        self.grids: dict[str, LoadEstimate | None] = {}
        self.cost = GraphCost()
        self._visiting: set[str] = set()

    def grid(self, node_id: str) -> LoadEstimate | None:
        """The grid a node produces; its inputs first, iteratively (any graph depth is safe)."""
        if node_id not in self.grids:
            stack = [node_id]
            while stack:
                current = stack[-1]
                node = self.flat.get(current)
                if current in self.grids or not isinstance(node, dict):
                    self.grids.setdefault(current, None)  # dangling reference: validation reports it
                    stack.pop()
                    continue
                pending = [ref for ref in _inputs(node) if ref not in self.grids and ref not in self._visiting]
                if pending and current not in self._visiting:
                    self._visiting.add(current)  # a cycle back to here finds it visiting and stops
                    stack.extend(pending)
                    continue
                self._visiting.discard(current)
                self.grids[current] = self._produce(current, node)
                stack.pop()
        return self.grids[node_id]

    def _count(self, grid: LoadEstimate) -> None:
        self.cost.values += grid.values
        self.cost.parts.append(grid.describe())

    def _input(self, arguments: dict, name: str = "data") -> LoadEstimate | None:
        ref = _ref(arguments.get(name))
        return self.grids.get(ref) if ref else None

    def _produce(self, node_id: str, node: dict) -> LoadEstimate | None:
        pid = node.get("process_id")
        arguments = node.get("arguments") if isinstance(node.get("arguments"), dict) else {}
        if pid == "load_collection":
            collection = self.catalog.get(arguments.get("id")) if isinstance(arguments.get("id"), str) else None
            if collection is None:
                return None
            read = (self.read.get(node_id) or {}).get("arguments", {}).get("_read") or {}
            resolution = read.get("resolution_m") if isinstance(read.get("resolution_m"), (int, float)) else None
            grid = load_estimate(node_id, arguments, collection, resolution)
            if grid is not None:
                if read.get("target_crs"):
                    grid = grid.model_copy(update={"degrees": str(read["target_crs"]).upper() == "EPSG:4326"})
                self._count(grid)
            return grid
        if pid == "resample_spatial":
            source = self._input(arguments)
            if source is None:
                return None
            projection = arguments.get("projection")
            degrees = source.degrees if projection is None else projection in _DEGREE_CRS
            res = _resolution(arguments.get("resolution", 0))
            if res is None:
                return source.model_copy(update={"node_id": node_id, "degrees": degrees})
            scale = METRES_PER_DEGREE if degrees else 1.0
            rx, ry = res[0] * scale, res[1] * scale
            grid = source.model_copy(update={"node_id": node_id, "degrees": degrees, "resolution_m": math.sqrt(rx * ry)})
            return self._upsampled(source, grid)
        if pid == "resample_cube_spatial":
            source, target = self._input(arguments), self._input(arguments, "target")
            if source is None:
                return target
            if target is None:
                return source
            grid = source.model_copy(update={"node_id": node_id, "resolution_m": target.resolution_m, "degrees": target.degrees})
            return self._upsampled(source, grid)
        if pid == "merge_cubes":
            first, second = self._input(arguments, "cube1"), self._input(arguments, "cube2")
            if first is None or second is None:
                return first or second
            finer = min(first.resolution_m, second.resolution_m)
            return first.model_copy(update={
                "node_id": node_id, "resolution_m": finer, "bands": first.bands + second.bands,
                "width_m": max(first.width_m, second.width_m), "height_m": max(first.height_m, second.height_m),
                "time_steps": max(first.time_steps, second.time_steps)})
        source = self._input(arguments)
        if source is None:  # the first cube among the arguments (mask, apply_kernel, ...)
            for value in arguments.values():
                ref = _ref(value)
                if ref and (source := self.grids.get(ref)) is not None:
                    break
        return source

    def _upsampled(self, source: LoadEstimate, grid: LoadEstimate) -> LoadEstimate:
        if grid.values > source.values:
            self._count(grid)
        return grid


def _load_nodes(value: Any, out: list[tuple[str, dict]]) -> None:
    """load_collection nodes inside callbacks (they are read too)."""
    from backend.validation.walk import child_graphs

    for _, child in child_graphs(value):
        for node_id, node in child.items():
            if isinstance(node, dict):
                if node.get("process_id") == "load_collection":
                    out.append((node_id, node))
                for arg in (node.get("arguments") or {}).values() if isinstance(node.get("arguments"), dict) else ():
                    _load_nodes(arg, out)


def graph_cost(process_graph: dict, ctx: Any) -> GraphCost:
    """Values (pixels x bands x time steps) a graph computes, with the nodes that count."""
    flat = process_graph.get("process_graph", process_graph)
    if not isinstance(flat, dict):
        return GraphCost()
    try:
        from backend.processes.pushdown import pushdown

        read = pushdown(flat, ctx.catalog)
    except Exception:  # a graph pushdown cannot rewrite is estimated as written (at native resolution)
        read = {}
    estimator = _Estimator(flat, read if isinstance(read, dict) else {}, ctx.catalog)
    nested: list[tuple[str, dict]] = []
    for node_id in flat:
        estimator.grid(node_id)
        node = flat[node_id]
        if isinstance(node, dict) and isinstance(node.get("arguments"), dict):
            for value in node["arguments"].values():
                _load_nodes(value, nested)
    for node_id, node in nested:
        inner = _Estimator({node_id: node}, {}, ctx.catalog)
        inner.grid(node_id)
        estimator.cost.values += inner.cost.values
        estimator.cost.parts += inner.cost.parts
    return estimator.cost


def estimate_pixels(process_graph: dict, ctx: Any) -> int:
    """Values (pixels x bands x time steps) a graph computes (see the module docstring)."""
    return graph_cost(process_graph, ctx).values


def budget_errors(process_graph: dict, ctx: Any, budget: int | None = None, batch: bool = False) -> list:
    """RequestTooLarge when a request would compute more than its budget (sync by default)."""
    from backend.errors import RequestTooLarge

    budget = budget if budget is not None else ctx.settings.sync_pixel_budget
    cost = graph_cost(process_graph, ctx)
    if cost.values <= budget:
        return []
    factor = cost.values / budget
    parts = "; ".join(cost.parts[:6]) + ("; ..." if len(cost.parts) > 6 else "")
    if batch:
        where = "for one batch job on this backend"
        advice = "a smaller area, fewer bands or a shorter period, or a coarser resolution (resample_spatial), or split it into several jobs."
    else:
        where = "for synchronous processing (POST /result)"
        advice = ("a smaller area, fewer bands or a shorter period, a coarser resolution "
                  "(resample_spatial, e.g. 60 m or more), or run it as a batch job (POST /jobs).")
    # the remedy first: clients cut long messages, and the inputs' list is the part that can go
    return [RequestTooLarge(
        f"This request would compute about {cost.values:,} values (pixels x bands x time steps), more than "
        f"the {budget:,} allowed {where}. Make it about {max(factor, 1.01):.0f}x smaller: {advice} "
        f"The inputs: {parts}."
    )]
