"""Synchronous processing: POST /validation and POST /result.

/validation answers 200 with `{"errors": [{code, message}]}` (empty when the graph is valid).
/result validates first (including the synchronous pixel budget), then executes and returns the
bytes with their media type and the header `OpenEO-Simulated: true|false`.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from backend.api.common import EXAMPLE_GRAPH, PROCESS_SCHEMA, get_ctx, json_body, process_of, read_json
from backend.context import BackendContext
from backend.errors import OpenEOApiError

log = logging.getLogger(__name__)
router = APIRouter()


def validate_graph(graph: dict[str, Any], ctx: BackendContext, sync: bool = False) -> list[OpenEOApiError]:
    """The validation module's errors for a flat process graph (a raised error counts as one);
    `sync=True` adds the synchronous pixel budget (POST /result)."""
    try:
        from backend.validation import validate
    except ImportError as exc:
        log.warning("validation module unavailable (%s); graphs are not validated statically", exc)
        return []
    try:
        return list(validate(graph, ctx, sync=sync))
    except OpenEOApiError as exc:
        return [exc]


def combined(errors: list[OpenEOApiError]) -> OpenEOApiError:
    """The first error, its message listing the others so that one round trip fixes all."""
    first = errors[0]
    if len(errors) == 1:
        return first
    rest = "; ".join(str(e) for e in errors[1:5])
    return OpenEOApiError(f"{first.message} Also: {rest}", code=first.code, status=first.status)


def run_graph(process: dict[str, Any], ctx: BackendContext):
    """Execute a process ({"process_graph": ...}); returns the execution module's ExecutionResult."""
    try:
        from backend.execution import execute
    except ImportError as exc:
        raise OpenEOApiError(
            f"Processing is not available on this backend build ({exc}).", code="FeatureUnsupported", status=501
        ) from exc
    return execute(process["process_graph"], ctx)


@router.post("/validation", summary="Validate a user-defined process (graph)",
             openapi_extra=json_body(PROCESS_SCHEMA, {"process_graph": EXAMPLE_GRAPH}))
async def validation(request: Request) -> dict:
    process = process_of(await read_json(request), wrapped=False)
    errors = await run_in_threadpool(validate_graph, process["process_graph"], get_ctx(request))
    return {"errors": [{"code": e.code, "message": e.message} for e in errors]}


@router.post("/result", summary="Process and download data synchronously",
             openapi_extra=json_body({"type": "object", "required": ["process"], "properties": {"process": PROCESS_SCHEMA}},
                                     {"process": {"process_graph": EXAMPLE_GRAPH}}))
async def result(request: Request) -> Response:
    ctx = get_ctx(request)
    process = process_of(await read_json(request), wrapped=True)
    errors = await run_in_threadpool(validate_graph, process["process_graph"], ctx, True)
    if errors:
        raise combined(errors)
    outcome = await run_in_threadpool(run_graph, process, ctx)
    return Response(
        content=outcome.data,
        media_type=outcome.media_type,
        headers={
            "OpenEO-Simulated": "true" if outcome.simulated else "false",
            "Content-Disposition": f'attachment; filename="{outcome.filename}"',
            "Access-Control-Expose-Headers": "OpenEO-Simulated, OpenEO-Costs, OpenEO-Warnings",
            **({"OpenEO-Warnings": " | ".join(outcome.warnings).encode("ascii", "replace").decode()} if outcome.warnings else {}),
        },
    )


def run_batch(process: dict[str, Any], ctx: BackendContext):
    """A batch job's run: validation without the synchronous pixel budget, then execution."""
    errors = [e for e in validate_graph(process["process_graph"], ctx) if e.code != "RequestTooLarge"]
    if errors:
        raise combined(errors)
    return run_graph(process, ctx)
