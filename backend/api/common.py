"""What every route shares: the context, URLs, the current user, JSON bodies and openEO errors."""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from backend.auth import ANONYMOUS
from backend.context import BackendContext
from backend.errors import AuthenticationRequired, BadRequest, JSONMalformed, OpenEOApiError, ProcessGraphMissing

log = logging.getLogger("backend.api")

API_PREFIX = "/openeo/1.2"
MAX_JSON_DEPTH = 64  # callbacks nest a few levels, GeoJSON coordinates four; deeper is not a process graph
MAX_INT_DIGITS = 64  # no openEO argument needs a longer integer; Python would parse 4,000 digits slowly


def get_ctx(request: Request) -> BackendContext:
    return request.app.state.ctx


def api_url(request: Request) -> str:
    """Absolute URL of the API root (no trailing slash), as the client reached it."""
    return str(request.base_url).rstrip("/") + API_PREFIX


def current_user(request: Request) -> str:
    """The user of a request (ANONYMOUS without a token); a bad or expired token raises."""
    return request.app.state.tokens.user(request.headers.get("authorization"))


def require_user(request: Request) -> str:
    """The user of a request that processes or owns something (POST /result, batch jobs, user
    processes): AuthenticationRequired for anonymous clients unless the backend allows them."""
    user = current_user(request)
    if user == ANONYMOUS and not get_ctx(request).settings.anonymous_allowed:
        raise AuthenticationRequired(
            "This backend needs a login for processing and batch jobs: "
            "connection.authenticate_basic(username, password), or connection.authenticate_oidc() "
            "with a provider of GET /credentials/oidc.")
    return user


async def require_user_async(request: Request) -> str:
    """`require_user` off the event loop (checking an OIDC token may call its provider)."""
    return await run_in_threadpool(require_user, request)


def _int(text: str) -> int:
    if len(text) > MAX_INT_DIGITS:
        raise ValueError(f"an integer with {len(text):,} digits (at most {MAX_INT_DIGITS} are accepted)")
    return int(text)


def _unpaired_surrogates(text: str) -> bool:
    """True for text with lone UTF-16 surrogates ("\\ud800" in JSON), which no answer could echo."""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _check_structure(value: Any) -> None:
    """Bounded nesting and encodable text of parsed JSON, checked iteratively."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if _unpaired_surrogates(item):
                raise JSONMalformed("The request body holds text with an unpaired UTF-16 surrogate (e.g. \\ud800); "
                                    "send valid Unicode.")
            continue
        if isinstance(item, dict):
            children = [*item.keys(), *item.values()]
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > MAX_JSON_DEPTH:
            raise JSONMalformed(f"The request body is nested more than {MAX_JSON_DEPTH} levels deep; process graphs are flat "
                                "objects of nodes, with callbacks a few levels down.")
        stack.extend((child, depth + 1) for child in children)


def parse_json(body: bytes) -> Any:
    """JSON as the API accepts it: UTF-8, integers of sane length, bounded nesting."""
    try:
        data = json.loads(body, parse_int=_int)
    except RecursionError:
        raise JSONMalformed("The request body is nested too deeply to be a process graph.") from None
    except (UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError is a ValueError
        raise JSONMalformed(f"The request body is not valid JSON: {exc}. Send a JSON object.") from None
    _check_structure(data)
    return data


async def read_json(request: Request) -> dict[str, Any]:
    """The request body as a JSON object, or JSONMalformed saying what is wrong. The size limit
    is enforced while the body streams in (`backend.api.limits.BodyLimit`)."""
    body = await request.body()
    if not body.strip():
        raise BadRequest("The request body is empty; send a JSON object (Content-Type: application/json).")
    data = parse_json(body)
    if not isinstance(data, dict):
        raise JSONMalformed(f"The request body must be a JSON object, not {type(data).__name__}.")
    return data


PROCESS_SCHEMA = {
    "type": "object",
    "required": ["process_graph"],
    "properties": {"process_graph": {"type": "object", "additionalProperties": {
        "type": "object", "required": ["process_id", "arguments"],
        "properties": {"process_id": {"type": "string"}, "arguments": {"type": "object"}, "result": {"type": "boolean"}}}}},
}


def json_body(schema: dict[str, Any], example: dict[str, Any] | None = None) -> dict[str, Any]:
    """`openapi_extra` documenting a JSON body that the route parses itself (see `read_json`)."""
    content: dict[str, Any] = {"schema": schema}
    if example:
        content["example"] = example
    return {"requestBody": {"required": True, "content": {"application/json": content}}}


EXAMPLE_GRAPH = {
    "load": {"process_id": "load_collection", "arguments": {
        "id": "SENTINEL2_L2A", "spatial_extent": {"west": 11.3, "south": 46.47, "east": 11.35, "north": 46.5},
        "temporal_extent": ["2022-06-12", "2022-06-13"], "bands": ["B04", "B08"]}},
    "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "load"}, "format": "GTiff"}, "result": True},
}


def process_of(body: dict[str, Any], *, wrapped: bool) -> dict[str, Any]:
    """The process object ({"process_graph": {...}, ...}) of a request body.

    `wrapped`: the body holds it under "process" (POST /result, POST /jobs); otherwise the
    body is the process itself (POST /validation). Both shapes are accepted either way.
    """
    process = body.get("process") if wrapped or "process" in body else body
    if not isinstance(process, dict) or "process_graph" not in process:
        where = '{"process": {"process_graph": {...}}}' if wrapped else '{"process_graph": {...}}'
        raise ProcessGraphMissing(f"No process graph in the request body; send {where}.")
    graph = process["process_graph"]
    if not isinstance(graph, dict) or not graph:
        raise ProcessGraphMissing("The process graph must be a non-empty object of nodes keyed by node id.")
    return process


def error_response(exc: OpenEOApiError, error_id: str | None = None) -> JSONResponse:
    return JSONResponse(status_code=exc.status, content=exc.to_dict(error_id or uuid.uuid4().hex))


def install_error_handlers(app: FastAPI) -> None:
    """Every failure becomes an openEO error object; unexpected ones are logged as Internal."""

    @app.exception_handler(OpenEOApiError)
    async def _openeo(request: Request, exc: OpenEOApiError) -> JSONResponse:
        if exc.status >= 500:
            log.error("%s %s -> %s", request.method, request.url.path, exc)
        return error_response(exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404:
            err = OpenEOApiError(
                f"No endpoint {request.url.path}. See GET {API_PREFIX}/ for the endpoints of this backend.",
                code="NotFound", status=404)
        elif exc.status_code == 405:
            err = OpenEOApiError(f"{request.method} is not allowed on {request.url.path}.", code="MethodNotAllowed", status=405)
        else:
            err = OpenEOApiError(str(exc.detail), code="BadRequest", status=exc.status_code)
        return error_response(err)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", []))
        return error_response(BadRequest(f"Invalid request parameter {where}: {first.get('msg', 'invalid')}."))

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> JSONResponse:
        error_id = uuid.uuid4().hex
        log.exception("unhandled error %s on %s %s", error_id, request.method, request.url.path)
        return error_response(OpenEOApiError(
            f"Internal server error ({type(exc).__name__}). The server logged it under id {error_id}; "
            "the request may succeed with different input.", code="Internal", status=500), error_id)
