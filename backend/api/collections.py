"""EO data discovery: GET /collections, GET /collections/{collection_id} (STAC) and the
acquisitions of a collection as STAC items (GET /collections/{collection_id}/items).

Open-ended temporal intervals (ongoing missions) end "now" in the served documents: STAC allows
`null` there, but the openEO API's schema for `extent.temporal.interval` asks for date-times,
and validators of openEO clients and the openEO test suite reject the `null`.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from backend.api.common import api_url, get_ctx
from backend.catalog.items import item_collection, parse_query
from backend.catalog.queryables import queryables
from backend.catalog.stac import collection_document

router = APIRouter()


EPOCH = "1970-01-01T00:00:00Z"


def _closed(interval: Any, now: str) -> Any:
    if not (isinstance(interval, list) and len(interval) == 2):
        return interval
    start, end = interval
    return [EPOCH if start is None else start, now if end is None else end]


def _closed_intervals(doc: dict[str, Any]) -> dict[str, Any]:
    """The document with null interval ends replaced by the current time (null starts by the epoch)."""
    extent = doc.get("extent")
    temporal = extent.get("temporal") if isinstance(extent, dict) else None
    if isinstance(temporal, dict) and isinstance(temporal.get("interval"), list):
        now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        closed = [_closed(interval, now) for interval in temporal["interval"]]
        doc = {**doc, "extent": {**extent, "temporal": {**temporal, "interval": closed}}}
    return doc


@router.get("/collections", summary="Basic metadata for all collections")
def list_collections(request: Request) -> dict:
    ctx, base = get_ctx(request), api_url(request)
    return {
        "collections": [_closed_intervals(collection_document(spec, base, ctx.real_coverage.get(spec.id)))
                        for spec in ctx.catalog.values()],
        "links": [{"rel": "self", "href": f"{base}/collections", "type": "application/json"}],
    }


@router.get("/collections/{collection_id}", summary="Full metadata of one collection")
def describe_collection(collection_id: str, request: Request) -> dict:
    ctx = get_ctx(request)
    return _closed_intervals(collection_document(ctx.collection(collection_id), api_url(request),
                                                 ctx.real_coverage.get(collection_id)))


@router.get("/collections/{collection_id}/queryables", summary="Metadata filters of a collection")
def collection_queryables(collection_id: str, request: Request) -> dict:
    get_ctx(request).collection(collection_id)
    return {
        "$schema": "https://json-schema.org/draft/2019-09/schema",
        "$id": f"{api_url(request)}/collections/{collection_id}/queryables",
        "type": "object",
        "title": f"Queryables of {collection_id}",
        "properties": queryables(collection_id),
        "additionalProperties": False,
    }


@router.get("/collections/{collection_id}/items", summary="Acquisitions of a collection (STAC items)")
def collection_items(collection_id: str, request: Request, bbox: str | None = None, datetime: str | None = None,
                     limit: int | None = None, offset: int | None = None) -> JSONResponse:
    ctx = get_ctx(request)
    collection = ctx.collection(collection_id)
    query = parse_query(collection, bbox, datetime, limit, offset)
    return JSONResponse(item_collection(collection, ctx.sources, query, api_url(request)), media_type="application/geo+json")
