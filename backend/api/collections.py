"""EO data discovery: GET /collections and GET /collections/{collection_id} (STAC)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from backend.api.common import api_url, get_ctx
from backend.catalog.queryables import queryables
from backend.catalog.stac import collection_document

router = APIRouter()


@router.get("/collections", summary="Basic metadata for all collections")
def list_collections(request: Request) -> dict:
    ctx, base = get_ctx(request), api_url(request)
    return {
        "collections": [collection_document(spec, base, ctx.real_coverage.get(spec.id)) for spec in ctx.catalog.values()],
        "links": [{"rel": "self", "href": f"{base}/collections", "type": "application/json"}],
    }


@router.get("/collections/{collection_id}", summary="Full metadata of one collection")
def describe_collection(collection_id: str, request: Request) -> dict:
    ctx = get_ctx(request)
    return collection_document(ctx.collection(collection_id), api_url(request), ctx.real_coverage.get(collection_id))


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
