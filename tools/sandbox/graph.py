"""What a captured process graph contains: collections, bands, extent, dates, processes.

Read from `load_collection` (narrowed by `filter_bbox` / `filter_temporal` / `filter_bands`),
walking callbacks too (a `median` inside a `reduce_dimension` reducer counts). `loads` lists
every load_collection with its own bands, extent and window (a change between two periods
has two), so the VALID summary names them all.
"""

from __future__ import annotations

from typing import Any, Iterator

from tools.models import GraphSummary, LoadSummary


def iter_nodes(graph: dict) -> Iterator[dict]:
    """Every node of a flat graph, callbacks (nested `process_graph`s) included."""
    for node in graph.values():
        if not isinstance(node, dict) or "process_id" not in node:
            continue
        yield node
        yield from _nested(node.get("arguments", {}))


def _nested(value: Any) -> Iterator[dict]:
    if isinstance(value, dict):
        if isinstance(value.get("process_graph"), dict):
            yield from iter_nodes(value["process_graph"])
        else:
            for v in value.values():
                yield from _nested(v)
    elif isinstance(value, list):
        for v in value:
            yield from _nested(v)


def _bbox(extent: Any) -> tuple[float, float, float, float] | None:
    if isinstance(extent, dict) and {"west", "south", "east", "north"} <= set(extent):
        try:
            return tuple(float(extent[k]) for k in ("west", "south", "east", "north"))  # type: ignore[return-value]
        except (TypeError, ValueError):
            return None
    if isinstance(extent, dict) and extent.get("type") in ("Polygon", "MultiPolygon", "FeatureCollection", "Feature"):
        coords = list(_coords(extent))
        if coords:
            xs, ys = [c[0] for c in coords], [c[1] for c in coords]
            return min(xs), min(ys), max(xs), max(ys)
    return None


def _coords(geo: Any) -> Iterator[tuple[float, float]]:
    if isinstance(geo, dict):
        for key in ("coordinates", "geometry", "features"):
            if key in geo:
                yield from _coords(geo[key])
    elif isinstance(geo, list):
        if len(geo) >= 2 and all(isinstance(v, (int, float)) for v in geo[:2]):
            yield float(geo[0]), float(geo[1])
        else:
            for g in geo:
                yield from _coords(g)


_NARROWS = {"filter_temporal", "filter_bbox", "filter_bands"}


def _ref(value: Any) -> str | None:
    return value["from_node"] if isinstance(value, dict) and set(value) == {"from_node"} else None


def _loads(graph: dict) -> list[LoadSummary]:
    """Every top-level load_collection with the filters that directly narrow it (a chain of
    filter_temporal / filter_bbox / filter_bands on its output)."""
    loads = []
    for node_id, node in graph.items():
        if not isinstance(node, dict) or node.get("process_id") != "load_collection":
            continue
        args = node.get("arguments") or {}
        ext = args.get("spatial_extent")
        crs = ext.get("crs") if isinstance(ext, dict) else None
        t = args.get("temporal_extent")
        load = LoadSummary(
            node_id=node_id,
            collection=str(args.get("id")),
            bands=[b for b in (args.get("bands") or []) if isinstance(b, str)],
            bbox=_bbox(ext),
            crs=None if crs in (None, 4326, "4326", "EPSG:4326", "epsg:4326") else str(crs),
            temporal=(t[0], t[1]) if isinstance(t, list) and len(t) == 2 else None,
        )
        current = node_id
        while True:  # follow a single chain of filters
            users = [
                (nid, n)
                for nid, n in graph.items()
                if isinstance(n, dict)
                and n.get("process_id") in _NARROWS
                and _ref((n.get("arguments") or {}).get("data")) == current
            ]
            if len(users) != 1:
                break
            current, user = users[0]
            uargs = user.get("arguments") or {}
            if (
                user["process_id"] == "filter_temporal"
                and isinstance(uargs.get("extent"), list)
                and len(uargs["extent"]) == 2
            ):
                load.temporal = (uargs["extent"][0], uargs["extent"][1])
            elif user["process_id"] == "filter_bbox":
                load.bbox = _bbox(uargs.get("extent")) or load.bbox
            elif user["process_id"] == "filter_bands" and isinstance(uargs.get("bands"), list):
                load.bands = [b for b in uargs["bands"] if isinstance(b, str)]
        loads.append(load)
    return loads


def summarize(graph: dict) -> GraphSummary:
    s = GraphSummary(loads=_loads(graph) if isinstance(graph, dict) else [])
    for node in iter_nodes(graph):
        pid, args = node["process_id"], node.get("arguments", {})
        if pid not in s.processes:
            s.processes.append(pid)
        if pid == "load_collection":
            if args.get("id") and args["id"] not in s.collections:
                s.collections.append(str(args["id"]))
            s.bands += [b for b in (args.get("bands") or []) if isinstance(b, str) and b not in s.bands]
            s.bbox = s.bbox or _bbox(args.get("spatial_extent"))
            ext = args.get("spatial_extent")
            if isinstance(ext, dict) and ext.get("crs") not in (None, 4326, "EPSG:4326", "epsg:4326"):
                s.crs = str(ext.get("crs"))
            t = args.get("temporal_extent")
            if isinstance(t, list) and len(t) == 2:
                s.temporal = (t[0], t[1])
        elif pid == "filter_bbox":
            s.bbox = _bbox(args.get("extent")) or s.bbox
        elif pid == "filter_spatial" or pid == "aggregate_spatial":
            s.bbox = s.bbox or _bbox(args.get("geometries"))
        elif pid == "filter_temporal":
            t = args.get("extent")
            if isinstance(t, list) and len(t) == 2:
                s.time_windows.append((t[0], t[1]))
        elif pid == "save_result":
            s.output_format = str(args.get("format")) if args.get("format") else None
    if len(s.time_windows) == 1:  # one window narrows what is loaded; several are compared with each other
        s.temporal = s.time_windows[0]
    return s
