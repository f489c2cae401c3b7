"""The acquisitions of a collection as STAC items (GET /collections/{id}/items, STAC API - Features).

One item per acquisition date the data sources hold for the bbox and interval: the simulated
Earth's revisit calendar at the bbox centre, or the dates of the real files that would serve
the request. The query follows STAC API: `bbox=west,south,east,north` (EPSG:4326),
`datetime=start/end` (closed interval, `..` for an open end, or one instant) and `limit`; the
answer is an ItemCollection with `numberMatched` and a `next` link when there are more.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from backend.catalog.models import CollectionSpec
from backend.datasources.base import DataRequest
from backend.errors import BadRequest, SpatialExtentInvalid, TemporalExtentInvalid

__all__ = ["ItemQuery", "parse_query", "item_collection"]

MAX_LIMIT = 1000


class ItemQuery:
    def __init__(self, bbox: tuple[float, float, float, float], start: datetime, end: datetime, limit: int, offset: int):
        self.bbox, self.start, self.end, self.limit, self.offset = bbox, start, end, limit, offset


def _instant(text: str, end: bool) -> datetime:
    text = text.strip()
    try:
        if len(text) == 10:  # a date: the whole day
            day = datetime.fromisoformat(text).replace(tzinfo=timezone.utc)
            return day + timedelta(days=1) - timedelta(microseconds=1) if end else day
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise TemporalExtentInvalid(
            f"datetime {text!r} is not RFC 3339. Use e.g. datetime=2022-06-01T00:00:00Z/2022-06-30T23:59:59Z "
            "or 2022-06-01/2022-06-30 (both ends included), '..' for an open end."
        ) from exc
    return value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)


def parse_query(collection: CollectionSpec, bbox: str | None, when: str | None, limit: int | None, offset: int | None) -> ItemQuery:
    """The query parameters, checked, with the collection's extents filling what is left out."""
    if bbox:
        try:
            parts = tuple(float(v) for v in bbox.split(","))
        except ValueError:
            parts = ()
        if len(parts) != 4 or not (-180 <= parts[0] < parts[2] <= 180 and -90 <= parts[1] < parts[3] <= 90):
            raise SpatialExtentInvalid(
                f"bbox={bbox!r} is not west,south,east,north in degrees (west < east, south < north), e.g. bbox=11.28,46.46,11.40,46.52."
            )
        box = parts
    else:
        box = tuple(collection.spatial_extent)
    first = _instant(collection.temporal_extent[0], end=False)
    start, end = first, datetime.now(timezone.utc)
    if when:
        pieces = when.split("/")
        if len(pieces) == 1:
            start = _instant(pieces[0], end=False)
            end = _instant(pieces[0], end=True) if len(pieces[0].strip()) == 10 else start
        elif len(pieces) == 2:
            start = first if pieces[0] in ("", "..") else _instant(pieces[0], end=False)
            end = datetime.now(timezone.utc) if pieces[1] in ("", "..") else _instant(pieces[1], end=True)
        else:
            raise TemporalExtentInvalid(f"datetime={when!r} must be one instant or start/end.")
        if end < start:
            raise TemporalExtentInvalid(f"datetime={when!r} ends before it starts. Put the earlier date first.")
    n = 100 if limit is None else limit
    if not 1 <= n <= MAX_LIMIT:
        raise BadRequest(f"limit must be between 1 and {MAX_LIMIT}, not {limit}.")
    return ItemQuery(box, start, end, n, max(0, offset or 0))


def _iso(value: datetime) -> str:
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def item_collection(collection: CollectionSpec, sources: Any, query: ItemQuery, base_url: str) -> dict[str, Any]:
    """The ItemCollection of the acquisitions matching the query."""
    request = DataRequest(collection=collection, bbox=query.bbox, start=_iso(query.start),
                          end=_iso(query.end + timedelta(seconds=1)), bands=[])  # any band
    dates = sources.acquisitions(request) or []
    serving = sources.serving(request)
    simulated = bool(getattr(serving, "simulated", False))
    page = dates[query.offset:query.offset + query.limit]
    w, s, e, n = query.bbox
    polygon = {"type": "Polygon", "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]}
    features = [{
        "type": "Feature",
        "stac_version": "1.0.0",
        "id": f"{collection.id}_{d.strftime('%Y%m%dT%H%M%S')}",
        "collection": collection.id,
        "bbox": [w, s, e, n],
        "geometry": polygon,
        "properties": {"datetime": _iso(d), "openeo_agent:simulated": simulated},
        "assets": {},
        "links": [{"rel": "collection", "href": f"{base_url}/collections/{collection.id}", "type": "application/json"}],
    } for d in page]
    self_href = (f"{base_url}/collections/{collection.id}/items?bbox={w},{s},{e},{n}"
                 f"&datetime={_iso(query.start)}/{_iso(query.end)}&limit={query.limit}")
    links = [{"rel": "self", "href": self_href + (f"&offset={query.offset}" if query.offset else ""), "type": "application/geo+json"}]
    if query.offset + query.limit < len(dates):
        links.append({"rel": "next", "href": f"{self_href}&offset={query.offset + query.limit}", "type": "application/geo+json"})
    return {"type": "FeatureCollection", "features": features, "numberMatched": len(dates),
            "numberReturned": len(features), "links": links}
