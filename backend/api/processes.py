"""GET /processes: the processes that really execute on this backend, with their specs."""

from __future__ import annotations

from fastapi import APIRouter, Request

from backend.api.common import api_url, get_ctx

router = APIRouter()


@router.get("/processes", summary="Supported predefined processes")
def list_processes(request: Request) -> dict:
    specs = get_ctx(request).processes.specs()
    return {
        "processes": specs,
        "links": [{"rel": "self", "href": f"{api_url(request)}/processes", "type": "application/json"}],
    }
