"""User-defined processes: GET /process_graphs, GET/PUT/DELETE /process_graphs/{process_graph_id}.

Each user (the identity of backend/auth.py, "anonymous" without a login) has their own
processes; they are used in graphs with `namespace: "user"` (the openeo client's
`datacube_from_process(id, namespace="user")`), see backend/processes/udp.py.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, ValidationError

from backend.api.common import api_url, get_ctx, json_body, read_json, require_user, require_user_async
from backend.errors import BadRequest, OpenEOApiError, ProcessGraphMissing
from backend.processes.udp import UserProcessStore, is_valid_id

router = APIRouter()

UDP_SCHEMA = {"type": "object", "required": ["process_graph"], "properties": {
    "id": {"type": "string"}, "summary": {"type": "string"}, "description": {"type": "string"},
    "parameters": {"type": "array"}, "returns": {"type": "object"}, "process_graph": {"type": "object"}}}


class UserProcess(BaseModel):
    """What a stored user-defined process holds (openEO `process` object)."""

    model_config = ConfigDict(extra="allow")
    id: str | None = None
    summary: str | None = None
    description: str | None = None
    parameters: list[dict] | None = None
    returns: dict | None = None
    categories: list[str] | None = None
    public: bool = False
    process_graph: dict


class ProcessGraphNotFound(OpenEOApiError):
    code, status = "ProcessGraphNotFound", 404


def _store(request: Request) -> UserProcessStore:
    return get_ctx(request).user_processes


def _check_id(process_graph_id: str) -> None:
    if not is_valid_id(process_graph_id):
        raise OpenEOApiError(code="ProcessGraphIdInvalid", status=400, message=(
            f"'{process_graph_id}' is not a valid process id: use letters, digits and underscores only."))


def _summary(doc: dict, base: str) -> dict:
    keys = ("id", "summary", "description", "parameters", "returns", "categories", "deprecated", "experimental")
    return {**{k: doc[k] for k in keys if k in doc}, "links": [{"rel": "self", "href": f"{base}/process_graphs/{doc['id']}"}]}


@router.get("/process_graphs", summary="List your user-defined processes")
def list_user_processes(request: Request) -> dict:
    base = api_url(request)
    return {"processes": [_summary(d, base) for d in _store(request).list(require_user(request))], "links": []}


@router.get("/process_graphs/{process_graph_id}", summary="Full metadata of a user-defined process")
def describe_user_process(process_graph_id: str, request: Request) -> dict:
    _check_id(process_graph_id)
    doc = _store(request).get(require_user(request), process_graph_id)
    if doc is None:
        raise ProcessGraphNotFound(f"You have no user-defined process '{process_graph_id}' (GET /process_graphs lists yours).")
    return doc


@router.put("/process_graphs/{process_graph_id}", summary="Store (create or replace) a user-defined process",
            openapi_extra=json_body(UDP_SCHEMA))
async def store_user_process(process_graph_id: str, request: Request) -> Response:
    _check_id(process_graph_id)
    user = await require_user_async(request)
    body = await read_json(request)
    if not isinstance(body.get("process_graph"), dict) or not body["process_graph"]:
        raise ProcessGraphMissing('The body needs a non-empty "process_graph" object (the process\'s nodes).')
    try:
        process = UserProcess.model_validate(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise BadRequest(f"Invalid field {'.'.join(map(str, first['loc']))} of the process: {first['msg']}.") from None
    ctx = get_ctx(request)
    if ctx.processes.spec(process_graph_id) is not None:
        raise OpenEOApiError(code="ProcessGraphIdInvalid", status=400, message=(
            f"'{process_graph_id}' is a predefined process; give your process another id."))
    _store(request).put(user, process_graph_id, process.model_dump(exclude_none=True))
    return Response(status_code=200)


@router.delete("/process_graphs/{process_graph_id}", status_code=204, summary="Delete a user-defined process")
def delete_user_process(process_graph_id: str, request: Request) -> Response:
    _check_id(process_graph_id)
    if not _store(request).delete(require_user(request), process_graph_id):
        raise ProcessGraphNotFound(f"You have no user-defined process '{process_graph_id}'.")
    return Response(status_code=204)


def store_for(jobs_dir: str) -> UserProcessStore:
    from pathlib import Path

    return UserProcessStore(Path(jobs_dir) / "process_graphs")
