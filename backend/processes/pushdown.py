"""Push filters and the output resolution into load_collection, so sources read only what is used.

A rewrite of the flat graph before execution (validation has seen the original):

- `filter_bbox`, `filter_temporal` and `filter_bands` directly on a load_collection whose only
  consumer they are narrow that load_collection's extent or bands (the filter stays, now cheap);
- a `resample_spatial` to a coarser resolution (optionally a new projection) that every use of a
  load_collection passes, through per-pixel steps only, makes that source read at that
  resolution and projection (`resolution_m`, `target_crs` of the DataRequest), as CDSE does.
  This is what lets a coarser resolution fit the synchronous pixel budget.
- a load_collection whose time series is later needed whole by one step (a median or quantile
  over t, apply_dimension along t, ...; not the running reducers mean/min/max/sum/sd, which
  Dask reduces piece by piece) is marked `whole_series`, so the source cuts it into tiles small
  enough that a tile's whole series fits in bounded memory.
"""

from __future__ import annotations

import copy
from typing import Any

__all__ = ["pushdown", "PUSHDOWN_ARGUMENT"]

PUSHDOWN_ARGUMENT = "_read"  # private load_collection argument: {"resolution_m", "target_crs", "whole_series"}
# Reducers Dask computes chunk by chunk along the reduced axis (no whole series in memory).
_RUNNING_REDUCERS = {"mean", "min", "max", "sum", "count", "sd", "variance", "product", "any", "all"}

# Steps that keep pixels where they are, so reading coarser upstream is equivalent to resampling
# after them (up to the order of resampling and per-pixel arithmetic).
_PER_PIXEL = {
    "ndvi", "normalized_difference", "reduce_dimension", "apply", "apply_dimension", "filter_bands",
    "filter_temporal", "filter_bbox", "mask", "linear_scale_range", "rename_labels", "merge_cubes",
    "aggregate_temporal", "aggregate_temporal_period", "drop_dimension", "add_dimension", "rename_dimension",
}
_METRES_PER_DEGREE = 111_320.0


def _ref(value: Any) -> str | None:
    return value["from_node"] if isinstance(value, dict) and set(value) == {"from_node"} else None


def _consumers(flat: dict) -> dict[str, list[str]]:
    users: dict[str, list[str]] = {node_id: [] for node_id in flat}

    def walk(value: Any, node_id: str) -> None:
        if isinstance(value, dict):
            if _ref(value) in users:
                users[_ref(value)].append(node_id)
            elif "process_graph" not in value:
                for v in value.values():
                    walk(v, node_id)
        elif isinstance(value, list):
            for v in value:
                walk(v, node_id)

    for node_id, node in flat.items():
        for value in (node.get("arguments") or {}).values():
            walk(value, node_id)
    return users


def _narrow_filters(flat: dict, users: dict[str, list[str]]) -> None:
    for load_id, load in flat.items():
        if load.get("process_id") != "load_collection" or len(users[load_id]) != 1:
            continue
        consumer = flat[users[load_id][0]]
        args, load_args = consumer.get("arguments") or {}, load.setdefault("arguments", {})
        if _ref(args.get("data")) != load_id:
            continue
        pid = consumer.get("process_id")
        if pid == "filter_bbox" and isinstance(args.get("extent"), dict) and load_args.get("spatial_extent") is None:
            load_args["spatial_extent"] = copy.deepcopy(args["extent"])
        elif pid == "filter_temporal" and isinstance(args.get("extent"), list) and load_args.get("temporal_extent") is None:
            load_args["temporal_extent"] = list(args["extent"])
        elif pid == "filter_bands" and isinstance(args.get("bands"), list) and not load_args.get("bands"):
            load_args["bands"] = list(args["bands"])


def _upstream_load(flat: dict, node_id: str) -> str | None:
    """The single load_collection reached from a node through per-pixel steps, else None."""
    seen = set()
    current = node_id
    while current not in seen:
        seen.add(current)
        node = flat.get(current)
        if node is None:
            return None
        if node.get("process_id") == "load_collection":
            return current
        if node.get("process_id") not in _PER_PIXEL and current != node_id:
            return None
        data = _ref((node.get("arguments") or {}).get("data"))
        if data is None:
            return None
        current = data
    return None


def _only_through(flat: dict, users: dict[str, list[str]], load_id: str, resample_id: str) -> bool:
    """True when every use of the load passes per-pixel steps into this resample (one load per
    year merged later, two branches of one load rejoined before the resample): reading it coarser
    then changes nothing but the order of resampling and per-pixel arithmetic."""
    seen: set[str] = set()
    todo = list(users.get(load_id, []))
    if not todo:
        return False
    while todo:
        node_id = todo.pop()
        if node_id == resample_id or node_id in seen:
            continue
        seen.add(node_id)
        if flat[node_id].get("process_id") not in _PER_PIXEL or not users.get(node_id):
            return False  # a step that moves pixels, or a result that never meets the resample
        todo += users[node_id]
    return True


def _read_request(resample: dict, native_m: float | None) -> dict | None:
    args = resample.get("arguments") or {}
    resolution = args.get("resolution", 0)
    resolution = max(resolution) if isinstance(resolution, list) and resolution else resolution
    projection = args.get("projection")
    if not isinstance(resolution, (int, float)) or isinstance(resolution, bool) or resolution <= 0:
        return None
    read: dict = {}
    if projection in (4326, "4326", "EPSG:4326"):
        read["resolution_m"] = float(resolution) * _METRES_PER_DEGREE
        read["target_crs"] = "EPSG:4326"
    elif projection is None:
        read["resolution_m"] = float(resolution)
    elif isinstance(projection, int) or (isinstance(projection, str) and projection.upper().startswith("EPSG:")):
        read["resolution_m"] = float(resolution)
        read["target_crs"] = f"EPSG:{projection}" if isinstance(projection, int) else projection.upper()
    else:
        return None
    if native_m is not None and read["resolution_m"] <= native_m:
        return None  # never read finer than the sensor; the resample does the rest
    return read


def _needs_whole_series(node: dict) -> bool:
    """A step that holds every time step of a pixel at once (reduce/apply along t)."""
    pid, args = node.get("process_id"), node.get("arguments") or {}
    if pid == "apply_dimension" and args.get("dimension") == "t":
        return True
    if pid == "reduce_dimension" and args.get("dimension") == "t":
        callback = (args.get("reducer") or {}).get("process_graph") if isinstance(args.get("reducer"), dict) else None
        steps = [n.get("process_id") for n in (callback or {}).values() if isinstance(n, dict)]
        return not (len(steps) == 1 and steps[0] in _RUNNING_REDUCERS)
    return False


def _mark_whole_series(flat: dict, users: dict[str, list[str]]) -> None:
    for load_id, load in flat.items():
        if load.get("process_id") != "load_collection":
            continue
        seen, todo = set(), list(users[load_id])
        while todo:
            node_id = todo.pop()
            if node_id in seen:
                continue
            seen.add(node_id)
            if _needs_whole_series(flat[node_id]):
                load.setdefault("arguments", {}).setdefault(PUSHDOWN_ARGUMENT, {})["whole_series"] = True
                break
            todo += users[node_id]


def pushdown(process_graph: dict, catalog: dict) -> dict:
    """A copy of the flat graph with filters and the output resolution pushed into the reads."""
    flat = copy.deepcopy(process_graph.get("process_graph", process_graph))
    if not all(isinstance(n, dict) for n in flat.values()):
        return flat
    users = _consumers(flat)
    _narrow_filters(flat, users)
    resamples = [nid for nid, n in flat.items() if n.get("process_id") == "resample_spatial"]
    loads = [nid for nid, n in flat.items() if n.get("process_id") == "load_collection"]
    for resample_id in resamples:
        load_id = _upstream_load(flat, resample_id)
        if load_id is None or load_id not in loads or not _only_through(flat, users, load_id, resample_id):
            continue
        load_args = flat[load_id].setdefault("arguments", {})
        if PUSHDOWN_ARGUMENT in load_args:
            continue
        collection = catalog.get(load_args.get("id")) if isinstance(load_args.get("id"), str) else None
        asked = load_args.get("bands") if isinstance(load_args.get("bands"), list) else None
        bands = [b for b in collection.bands if not asked or b.name in asked] if collection else []
        native = min((b.resolution_m for b in bands), default=None)
        read = _read_request(flat[resample_id], native)
        if read:
            load_args[PUSHDOWN_ARGUMENT] = read
    _mark_whole_series(flat, users)
    return flat
