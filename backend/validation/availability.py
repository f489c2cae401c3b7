"""Is there data in each load's window? Every empty window at once, with the nearest dates.

For each top-level `load_collection` (and each `filter_temporal` that narrows one) the data
sources are asked which acquisitions they would deliver (`DataSourceRegistry.acquisitions`: the
simulated Earth's revisit calendar, the real files' dates) without reading a pixel. A window
with none is a `NoDataAvailable` error that names the nearest acquisitions before and after
and a window that would include the closest. `load_windows` is also what the synthetic sample
run (`sample.py`) takes its dates from.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from pydantic import BaseModel

from backend.datasources.base import DataRequest
from backend.errors import NoDataAvailable, OpenEOApiError
from backend.validation.walk import Node

__all__ = ["LoadWindow", "load_windows", "availability_errors", "describe_dates"]

# Processes that keep the time dimension and its labels of their `data` cube as they are.
_KEEPS_TIME = {
    "filter_bbox", "filter_bands", "filter_spatial", "apply", "mask", "mask_polygon", "resample_spatial", "ndvi",
    "linear_scale_range", "rename_labels", "sar_backscatter", "mask_scl_dilation", "to_scl_dilation_mask",
    "apply_kernel", "apply_neighborhood", "slope", "aspect", "add_dimension", "resample_cube_spatial", "trim_cube",
}


class LoadWindow(BaseModel):
    """The data one load_collection (or a filter_temporal narrowing it) asks for, and what exists."""

    node_id: str  # the load_collection or filter_temporal node
    load_id: str  # the load_collection node it reads from
    process_id: str
    collection_id: str
    bbox: tuple[float, float, float, float]  # EPSG:4326
    start: str  # inclusive
    end: str  # exclusive
    bands: list[str]
    dates: list[datetime] | None = None  # None: the source cannot tell without loading

    def request(self, ctx: Any) -> DataRequest:
        return DataRequest(collection=ctx.catalog[self.collection_id], bbox=self.bbox, start=self.start,
                           end=self.end, bands=self.bands)


def _ref(value: Any) -> str | None:
    return value["from_node"] if isinstance(value, dict) and set(value) == {"from_node"} else None


def _load_window(node: Node, ctx: Any) -> LoadWindow | None:
    from backend.processes.extents import _bands, bbox_4326, temporal_bounds

    args = node.arguments
    collection = ctx.catalog.get(args.get("id")) if isinstance(args.get("id"), str) else None
    if collection is None or _has_reference(args):
        return None
    try:
        bbox = bbox_4326(args.get("spatial_extent"), collection)
        start, end = temporal_bounds(args.get("temporal_extent"), collection)
        _instant(start), _instant(end)
        bands = _bands(collection, args.get("bands") if isinstance(args.get("bands"), list) else None)
    except (OpenEOApiError, ValueError, TypeError, KeyError):
        return None  # reported by the extent and band checks
    return LoadWindow(node_id=node.node_id, load_id=node.node_id, process_id="load_collection", collection_id=collection.id,
                      bbox=tuple(float(v) for v in bbox), start=start, end=end, bands=bands)


def _has_reference(value: Any) -> bool:
    if isinstance(value, dict):
        return "from_parameter" in value or "from_node" in value or any(_has_reference(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_reference(v) for v in value)
    return False


def _instant(text: str) -> datetime:
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _narrowed(window: LoadWindow, node: Node) -> LoadWindow | None:
    extent = node.arguments.get("extent")
    if not isinstance(extent, list) or len(extent) != 2 or not all(v is None or isinstance(v, str) for v in extent):
        return None
    try:
        start = max(_instant(window.start), _instant(extent[0])) if extent[0] else _instant(window.start)
        end = min(_instant(window.end), _instant(extent[1])) if extent[1] else _instant(window.end)
    except ValueError:
        return None  # reported by the extent checks
    if start >= end:
        return None
    return window.model_copy(update={"node_id": node.node_id, "process_id": "filter_temporal",
                                     "start": _text(start), "end": _text(end), "dates": None})


def _text(value: datetime) -> str:
    value = value.astimezone(timezone.utc)
    return value.date().isoformat() if value.time() == datetime.min.time() else value.strftime("%Y-%m-%dT%H:%M:%S")


def load_windows(nodes: list[Node], ctx: Any, skip: set[str] = frozenset()) -> list[LoadWindow]:
    """The window of every top-level load_collection and narrowing filter_temporal (not those in
    `skip`, nodes with errors of their own), with the acquisitions the sources hold in it."""
    by_id = {n.node_id: n for n in nodes if n.parent is None and n.node_id not in skip}
    origin: dict[str, LoadWindow | None] = {}

    def visit(nid: str, seen: frozenset = frozenset()) -> LoadWindow | None:
        if nid in origin:
            return origin[nid]
        node = by_id.get(nid)
        if node is None or nid in seen:
            return None
        window = None
        if node.process_id == "load_collection":
            window = _load_window(node, ctx)
        else:
            source = _ref(node.arguments.get("data"))
            upstream = visit(source, seen | {nid}) if source else None
            if upstream is not None and node.process_id == "filter_temporal":
                window = _narrowed(upstream, node)
            elif upstream is not None and (node.process_id in _KEEPS_TIME or _keeps_time(node)):
                window = upstream
        origin[nid] = window
        return window

    windows = [w for nid in by_id if (w := visit(nid)) is not None and w.node_id == nid]
    loads = {w.load_id: w for w in windows if w.process_id == "load_collection"}
    for window in loads.values():
        window.dates = ctx.sources.acquisitions(window.request(ctx))
    for window in windows:
        load = loads[window.load_id]
        if window is not load and load.dates is not None:  # a filter sees only what its load delivered
            start, end = _instant(window.start), _instant(window.end)
            window.dates = [d for d in load.dates if start <= d < end]
    return windows


def _keeps_time(node: Node) -> bool:
    dimension = node.arguments.get("dimension")
    return node.process_id in ("reduce_dimension", "apply_dimension") and isinstance(dimension, str) and dimension != "t" \
        and not node.arguments.get("target_dimension")


def describe_dates(dates: list[datetime]) -> str:
    return ", ".join(_text(d) for d in dates)


def availability_errors(windows: list[LoadWindow], ctx: Any) -> list[OpenEOApiError]:
    """NoDataAvailable for every window without an acquisition (a filter only when its load has some)."""
    errors: list[OpenEOApiError] = []
    empty_loads = {w.load_id for w in windows if w.process_id == "load_collection" and w.dates == []}
    for window in windows:
        if window.dates != [] or (window.process_id == "filter_temporal" and window.load_id in empty_loads):
            continue
        errors.append(NoDataAvailable(_message(window, ctx)))
    return errors


def _message(window: LoadWindow, ctx: Any) -> str:
    request = window.request(ctx)
    before, after = ctx.sources.nearest_acquisitions(request)
    what = (f"load_collection '{window.node_id}' ({window.collection_id})" if window.process_id == "load_collection"
            else f"filter_temporal '{window.node_id}' on '{window.load_id}' ({window.collection_id})")
    w, s, e, n = window.bbox
    start, end = _instant(window.start), _instant(window.end)
    text = (f"{what} has no acquisition between {_text(start)} and {_text(end)} (end exclusive) over "
            f"west={w:.4f}, south={s:.4f}, east={e:.4f}, north={n:.4f}.")
    nearest = []
    if before:
        nearest.append(f"{_text(before[-1])} ({_days(start - before[-1])} before the start)")
    if after:
        nearest.append(f"{_text(after[0])} ({_days(after[0] - end + timedelta(days=1))} after the last day)")
    if not nearest:
        return text + (" There is none within a year on either side either: choose another collection, or check"
                       f" the collection's temporal extent (GET /collections/{window.collection_id}).")
    argument = "temporal_extent" if window.process_id == "load_collection" else "extent"
    take_before = bool(before) and (not after or (start - before[-1]) <= (after[0] - end))
    if take_before:
        example = [_text(before[-1]), _text(end)]
    else:
        example = [_text(start), _text(after[0] + timedelta(days=1))]
    return (text + f" The nearest acquisitions are {' and '.join(nearest)}. Widen {argument} to include one, e.g. "
            f"[\"{example[0]}\", \"{example[1]}\"]; GET /collections/{window.collection_id}/items?bbox=...&datetime=... "
            "lists the acquisitions of an area and period.")


def _days(delta: timedelta) -> str:
    days = max(1, round(delta.total_seconds() / 86400))
    return f"{days} day" + ("s" if days != 1 else "")
