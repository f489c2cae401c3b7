"""Spatial and temporal extents: well-formed, in range, not swapped or reversed, inside the collection."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from backend.catalog.models import CollectionSpec
from backend.errors import ExtentOutsideCollection, OpenEOApiError, SpatialExtentInvalid, TemporalExtentInvalid

__all__ = ["spatial_errors", "temporal_errors", "parse_instant", "bbox_degrees"]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$", re.IGNORECASE)
_GEOGRAPHIC = {None, 4326, "4326", "EPSG:4326", "epsg:4326", "OGC:CRS84", "CRS84"}


def parse_instant(value: str) -> dt.datetime | None:
    """A date or RFC 3339 date-time as an aware UTC datetime, or None if malformed."""
    text = value.strip()
    if not (_DATE.match(text) or _DATETIME.match(text)):
        return None
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)


@functools.lru_cache(maxsize=64)
def _transformer(crs: str):
    import pyproj

    return pyproj.Transformer.from_crs(pyproj.CRS.from_user_input(crs), 4326, always_xy=True)


def _projected(crs: Any) -> bool:
    try:
        return _transformer(str(crs) if not isinstance(crs, int) else f"EPSG:{crs}").source_crs.is_projected
    except Exception:  # unknown CRS: reported by bbox_degrees' caller
        return False


def bbox_degrees(extent: dict) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) in degrees for a bounding box in any CRS; None if unreadable."""
    try:
        west, south, east, north = (float(extent[k]) for k in ("west", "south", "east", "north"))
    except (KeyError, TypeError, ValueError):
        return None
    crs = extent.get("crs")
    if crs in _GEOGRAPHIC:
        return west, south, east, north
    try:
        return tuple(_transformer(str(crs) if not isinstance(crs, int) else f"EPSG:{crs}").transform_bounds(west, south, east, north))
    except Exception:  # pyproj raises several types for unknown CRSs; reported by spatial_errors
        return None


def _geojson_bounds(value: dict) -> tuple[float, float, float, float] | None:
    coords: list[tuple[float, float]] = []

    def collect(c: Any) -> None:
        if isinstance(c, (list, tuple)) and len(c) >= 2 and all(isinstance(v, (int, float)) for v in c[:2]):
            coords.append((float(c[0]), float(c[1])))
        elif isinstance(c, (list, tuple)):
            for item in c:
                collect(item)

    def walk(g: Any) -> None:
        if not isinstance(g, dict):
            return
        if g.get("type") == "FeatureCollection":
            for f in g.get("features", []):
                walk(f)
        elif g.get("type") == "Feature":
            walk(g.get("geometry"))
        elif g.get("type") == "GeometryCollection":
            for item in g.get("geometries", []):
                walk(item)
        else:
            collect(g.get("coordinates"))

    walk(value)
    if not coords:
        return None
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    return min(xs), min(ys), max(xs), max(ys)


def _degree_errors(label: str, west: float, south: float, east: float, north: float) -> list[OpenEOApiError]:
    lat_bad = not (-90 <= south <= 90 and -90 <= north <= 90)
    lon_bad = not (-180 <= west <= 180 and -180 <= east <= 180)
    if lat_bad and -90 <= west <= 90 and -90 <= east <= 90 and -180 <= south <= 180 and -180 <= north <= 180:
        return [SpatialExtentInvalid(
            f"{label}: latitudes south={south}, north={north} are outside -90..90 while west={west}, east={east} "
            f"would be valid latitudes: longitude and latitude look swapped. Use "
            f'{{"west": {south}, "south": {west}, "east": {north}, "north": {east}}} (west/east are longitudes).'
        )]
    if lat_bad or lon_bad:
        return [SpatialExtentInvalid(
            f"{label}: coordinates out of range (west={west}, south={south}, east={east}, north={north}). "
            "In EPSG:4326, longitudes (west, east) are -180..180 and latitudes (south, north) -90..90; for metres "
            "add the projected \"crs\", e.g. 32632."
        )]
    return []


def spatial_errors(label: str, extent: Any, collection: CollectionSpec | None) -> list[OpenEOApiError]:
    if extent is None or (isinstance(extent, dict) and ("from_node" in extent or "from_parameter" in extent)):
        return []
    if isinstance(extent, dict) and "type" in extent and "west" not in extent:
        bounds = _geojson_bounds(extent)
        if bounds is None:
            return [SpatialExtentInvalid(f"{label}: the GeoJSON has no coordinates. Give a Polygon or a bounding box.")]
        errors = _degree_errors(label, *bounds)
        return errors or _outside(label, bounds, collection)
    if not isinstance(extent, dict):
        return [SpatialExtentInvalid(
            f'{label}: {extent!r} is not a spatial extent. Use {{"west": 11.28, "south": 46.46, "east": 11.40, "north": 46.52}} '
            "(degrees) or a GeoJSON Polygon."
        )]
    missing = [k for k in ("west", "south", "east", "north") if k not in extent]
    if missing:
        return [SpatialExtentInvalid(f"{label}: the bounding box lacks {', '.join(missing)}. Give west, south, east and north.")]
    values = [extent[k] for k in ("west", "south", "east", "north")]
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return [SpatialExtentInvalid(f"{label}: west, south, east and north must be numbers, got {values}.")]
    west, south, east, north = (float(v) for v in values)
    crs = extent.get("crs")
    if crs in _GEOGRAPHIC:
        errors = _degree_errors(label, west, south, east, north)
        if errors:
            return errors
    if west >= east or south >= north:
        which = "west must be less than east" if west >= east else "south must be less than north"
        return [SpatialExtentInvalid(
            f"{label}: {which} (west={west}, south={south}, east={east}, north={north}). "
            "Swap the reversed pair; the box must have an area."
        )]
    if crs not in _GEOGRAPHIC and max(abs(west), abs(south), abs(east), abs(north)) <= 360 and _projected(crs):
        return [SpatialExtentInvalid(
            f"{label}: west={west}, south={south}, east={east}, north={north} look like degrees, but \"crs\": {crs!r} "
            "is in metres. Remove \"crs\" (or set it to 4326) to give degrees, or give the corners in metres."
        )]
    bounds = bbox_degrees(extent)
    if bounds is None:
        return [SpatialExtentInvalid(f"{label}: unknown CRS {crs!r}. Use an EPSG code such as 4326 or 32632.")]
    return _outside(label, bounds, collection)


def _outside(label: str, bounds: tuple[float, float, float, float], collection: CollectionSpec | None) -> list[OpenEOApiError]:
    if collection is None:
        return []
    W, S, E, N = collection.spatial_extent
    west, south, east, north = bounds
    if east < W or west > E or north < S or south > N:
        return [ExtentOutsideCollection(
            f"{label}: the area ({west:.4f}, {south:.4f}, {east:.4f}, {north:.4f}) is outside collection "
            f"'{collection.id}', which covers west={W}, south={S}, east={E}, north={N}. Choose an area inside it."
        )]
    return []


def temporal_errors(label: str, extent: Any, collection: CollectionSpec | None) -> list[OpenEOApiError]:
    if extent is None or (isinstance(extent, dict) and ("from_node" in extent or "from_parameter" in extent)):
        return []
    example = '["2022-06-01", "2022-07-01"]'
    if not isinstance(extent, list) or len(extent) != 2:
        return [TemporalExtentInvalid(f"{label}: {extent!r} is not a temporal interval. Give [start, end] such as {example} (end exclusive).")]
    if extent[0] is None and extent[1] is None:
        return [TemporalExtentInvalid(f"{label}: both ends are null. Give at least a start or an end, e.g. {example}.")]
    instants = []
    for position, value in zip(("start", "end"), extent):
        if value is None:
            instants.append(None)
            continue
        parsed = parse_instant(value) if isinstance(value, str) else None
        if parsed is None:
            hint = f" Write '{value}-01-01'." if isinstance(value, str) and re.fullmatch(r"\d{4}", value) else ""
            return [TemporalExtentInvalid(
                f"{label}: the {position} {value!r} is not a date. Use ISO 8601 / RFC 3339: 'YYYY-MM-DD' or "
                f"'YYYY-MM-DDThh:mm:ssZ', e.g. {example}.{hint}"
            )]
        instants.append(parsed)
    start, end = instants
    if start is not None and end is not None and start >= end:
        return [TemporalExtentInvalid(
            f"{label}: the start {extent[0]} is not before the end {extent[1]} (the end is exclusive). "
            f"Put the earlier date first: [\"{extent[1]}\", \"{extent[0]}\"]"
            + (" or make the end the day after the start." if start == end else ".")
        )]
    if collection is not None:
        first = parse_instant(collection.temporal_extent[0])
        last = parse_instant(collection.temporal_extent[1]) if collection.temporal_extent[1] else dt.datetime.now(dt.timezone.utc)
        if (end is not None and first is not None and end <= first) or (start is not None and last is not None and start > last):
            until = collection.temporal_extent[1] or "today"
            return [ExtentOutsideCollection(
                f"{label}: {extent} is outside collection '{collection.id}', which has data from "
                f"{collection.temporal_extent[0][:10]} until {until[:10]}. Choose dates in that range."
            )]
    return []
