"""Estimate how many values a graph loads: pixels x bands x time steps, statically.

Used by validation (the synchronous pixel budget) and by the executor's callers. Reads only the
graph and the catalog: the area of each `load_collection` extent at the collection's native
resolution (or a later `resample_spatial` resolution), the number of bands, and the number of
time steps the collection's revisit gives the temporal extent.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from pydantic import BaseModel

__all__ = ["estimate_pixels", "load_estimate", "LoadEstimate", "budget_errors"]


class LoadEstimate(BaseModel):
    node_id: str
    collection_id: str
    width_m: float
    height_m: float
    resolution_m: float
    bands: int
    time_steps: int

    @property
    def pixels(self) -> int:
        return int(math.ceil(self.width_m / self.resolution_m) * math.ceil(self.height_m / self.resolution_m))

    @property
    def values(self) -> int:
        return self.pixels * self.bands * self.time_steps


def _parse_date(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
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
        except (TypeError, ValueError):
            return None
        crs = extent.get("crs", 4326)
        if crs in (None, 4326, "4326", "EPSG:4326", "epsg:4326", "OGC:CRS84"):
            return west, south, east, north
        from backend.processes.load import bbox_4326

        try:
            return bbox_4326(extent, collection)
        except Exception:  # unparseable CRS: validation reports it separately
            return None
    if isinstance(extent, dict) and "type" in extent:
        from backend.processes.load import _geojson_bounds

        try:
            return _geojson_bounds(extent)
        except Exception:  # malformed GeoJSON: validation reports it separately
            return None
    return None


def _size_m(bbox: tuple[float, float, float, float]) -> tuple[float, float]:
    west, south, east, north = bbox
    mid = math.radians(max(-89.0, min(89.0, (south + north) / 2)))
    width = abs(east - west) * 111_320.0 * math.cos(mid)
    height = abs(north - south) * 110_574.0
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
    )


def _resample_resolution(flat: dict) -> float | None:
    """The coarsest metre resolution a resample_spatial asks for (degrees converted roughly)."""
    best = None
    for node in flat.values():
        if isinstance(node, dict) and node.get("process_id") == "resample_spatial":
            res = (node.get("arguments") or {}).get("resolution")
            res = max(res) if isinstance(res, list) and res else res
            if isinstance(res, (int, float)) and res > 0:
                proj = (node.get("arguments") or {}).get("projection")
                metres = res * 111_320.0 if proj in (4326, "4326", "EPSG:4326") else float(res)
                best = max(best or 0.0, metres)
    return best


def estimate_pixels(process_graph: dict, ctx: Any) -> int:
    """Values (pixels x bands x time steps) all load_collection nodes of a graph would load."""
    flat = process_graph.get("process_graph", process_graph)
    resample = _resample_resolution(flat)
    total = 0
    for node_id, node in flat.items():
        if not isinstance(node, dict) or node.get("process_id") != "load_collection":
            continue
        arguments = node.get("arguments") or {}
        collection = ctx.catalog.get(arguments.get("id")) if isinstance(arguments.get("id"), str) else None
        if collection is None:
            continue
        estimate = load_estimate(node_id, arguments, collection)
        if estimate is not None:
            if resample and resample > estimate.resolution_m:
                estimate = estimate.model_copy(update={"resolution_m": resample})
            total += estimate.values
    return total


def budget_errors(process_graph: dict, ctx: Any) -> list:
    """RequestTooLarge when a synchronous request would load more than the pixel budget."""
    from backend.errors import RequestTooLarge

    budget = ctx.settings.sync_pixel_budget
    flat = process_graph.get("process_graph", process_graph)
    resample = _resample_resolution(flat)
    errors = []
    total = estimate_pixels(process_graph, ctx)
    if total <= budget:
        return errors
    parts = []
    for node_id, node in flat.items():
        if isinstance(node, dict) and node.get("process_id") == "load_collection":
            args = node.get("arguments") or {}
            collection = ctx.catalog.get(args.get("id")) if isinstance(args.get("id"), str) else None
            estimate = load_estimate(node_id, args, collection) if collection else None
            if estimate is not None:
                res = max(resample or 0.0, estimate.resolution_m)
                parts.append(
                    f"'{node_id}' loads about {estimate.width_m / 1000:.1f} x {estimate.height_m / 1000:.1f} km at "
                    f"{res:g} m, {estimate.bands} band(s), ~{estimate.time_steps} time step(s)"
                )
    factor = total / budget
    errors.append(RequestTooLarge(
        f"This request would load about {total:,} values (pixels x bands x time steps: {'; '.join(parts)}), "
        f"more than the {budget:,} allowed for synchronous processing (POST /result). Make it about "
        f"{factor:.0f}x smaller: a smaller area, fewer bands or a shorter period, a coarser resolution "
        "(resample_spatial, e.g. 60 m or more), or run it as a batch job (POST /jobs)."
    ))
    return errors
