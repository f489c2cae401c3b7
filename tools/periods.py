"""Before and after layers of a change: each period's value computed from the graph's sub-graph.

For a change result (`ResultDescription.periods` names the before and after nodes), the
sub-graph that computes each side is cut out of the process graph, every `load_collection` in
it is followed by a `resample_spatial` to a preview resolution (the map shows at most ~1000
pixels a side; on the embedded backend and on CDSE the resampling is pushed into the read, so a
period costs a fraction of the full run), saved as GTiff and run synchronously. A period that
fails is left out and said so; the change itself is never affected.
"""

from __future__ import annotations

import copy
import math

import requests
from openeo.rest import OpenEoApiError, OpenEoClientException

from tools.context import ToolContext
from tools.errors import ToolError
from tools.result_kind import PeriodResult, ResultDescription, describe_result, flat_graph

PREVIEW_SIDE = 1000  # pixels on the longest side


def _upstream(graph: dict, node_id: str) -> set[str]:
    seen, todo = set(), [node_id]
    while todo:
        nid = todo.pop()
        if nid in seen or nid not in graph:
            continue
        seen.add(nid)
        todo.extend(_refs(graph[nid].get("arguments") or {}))
    return seen


def _refs(value) -> list[str]:
    if isinstance(value, dict):
        if "from_node" in value:
            return [str(value["from_node"])]
        if "process_graph" in value:
            return []  # callbacks refer to their own nodes
        return [r for v in value.values() for r in _refs(v)]
    if isinstance(value, list):
        return [r for v in value for r in _refs(v)]
    return []


def _rewire(value, old: str, new: str):
    if isinstance(value, dict):
        if value.get("from_node") == old:
            return {**value, "from_node": new}
        if "process_graph" in value:
            return value
        return {k: _rewire(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [_rewire(v, old, new) for v in value]
    return value


def period_graph(graph: dict, node_id: str, resolution_m: float | None) -> dict:
    """The part of `graph` that computes `node_id`, resampled after each load, saved as GTiff."""
    graph = flat_graph(graph)
    keep = _upstream(graph, node_id)
    out = {nid: copy.deepcopy(graph[nid]) for nid in keep}
    for node in out.values():
        node.pop("result", None)
    if resolution_m:
        for node in out.values():  # the script's own resampling, if finer, would undo the preview's
            args = node.get("arguments") or {}
            if (node.get("process_id") == "resample_spatial" and args.get("projection") in (None, "")
                    and isinstance(args.get("resolution"), (int, float)) and args["resolution"] < resolution_m):
                args["resolution"] = resolution_m
        for nid in [n for n in keep if graph[n].get("process_id") == "load_collection"]:
            rid = f"{nid}_preview"
            for other in out:
                out[other]["arguments"] = _rewire(out[other].get("arguments") or {}, nid, rid)
            out[rid] = {"process_id": "resample_spatial", "arguments": {"data": {"from_node": nid}, "resolution": resolution_m,
                                                                        "projection": None, "method": "near"}}
    out["save_period"] = {"process_id": "save_result", "arguments": {"data": {"from_node": node_id}, "format": "GTiff"},
                          "result": True}
    return out


def preview_resolution(bbox: tuple[float, float, float, float] | None, native_m: float = 10.0) -> float | None:
    if not bbox:
        return None
    w, s, e, n = bbox
    side_m = max((e - w) * 111_320 * math.cos(math.radians((s + n) / 2)), (n - s) * 111_320)
    res = side_m / PREVIEW_SIDE
    return float(max(native_m, math.ceil(res / 10) * 10)) if res > native_m else None


def compute_periods(ctx: ToolContext, desc: ResultDescription, bbox: tuple[float, float, float, float] | None,
                    metas: dict | None = None) -> tuple[list[PeriodResult], list[str]]:
    """Each period of a change as a GeoTIFF in the run folder; (results, notes on what failed)."""
    from tools.execute import _run_sync
    from tools.result_files import require

    graph = ctx.artifacts.process_graph or {}
    results: list[PeriodResult] = []
    notes: list[str] = []
    if len(desc.periods) != 2 or not graph:
        return results, notes
    res = preview_resolution(bbox)
    conn = ctx.backend.connection()
    for side, p in zip(("before", "after"), desc.periods):
        sub = period_graph(graph, p.node_id, res)
        target = ctx.run.file(f"period_{side}.tif")
        try:
            _run_sync(conn, sub, target, {})
            require(target, "gtiff")  # what came back is a GeoTIFF, not a VRT pointing elsewhere
        except OpenEoApiError as e:
            why = "too large for a synchronous preview" if e.code == "RequestTooLarge" else f"[{e.code}] {e.message[:160]}"
            notes.append(f"The {side} layer could not be computed ({why}).")
            continue
        except (OpenEoClientException, requests.RequestException, OSError, ToolError) as e:
            notes.append(f"The {side} layer could not be computed ({str(e)[:160]}).")
            continue
        label = p.label + (f", {res:g} m preview" if res else "")
        results.append(PeriodResult(path=str(target), label=label, description=describe_result(sub, metas or {})))
    return results, notes
