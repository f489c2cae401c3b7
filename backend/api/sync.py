"""Synchronous processing: POST /validation and POST /result.

/validation answers 200 with `{"errors": [{code, message}]}` (empty when the graph is valid; a
body without a process graph is one error too). /result needs a user (unless anonymous use is
allowed), validates first (including the synchronous values budget), then executes under a
`RunControl`: the wall-time limit `sync_timeout_s`, the budget on the arrays really produced,
and a stop when the client disconnects or the server shuts down. It returns the bytes with
their media type and the header `OpenEO-Simulated: true|false`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from backend.api.common import EXAMPLE_GRAPH, PROCESS_SCHEMA, get_ctx, json_body, process_of, read_json, require_user_async
from backend.context import BackendContext
from backend.control import RunControl
from backend.errors import ComputationStopped, OpenEOApiError

log = logging.getLogger(__name__)
router = APIRouter()

DISCONNECT_POLL_S = 0.25


def validate_graph(graph: dict[str, Any], ctx: BackendContext, sync: bool = False) -> list[OpenEOApiError]:
    """The validation module's errors for a flat process graph (a raised error counts as one);
    `sync=True` adds the synchronous values budget (POST /result)."""
    try:
        from backend.validation import validate
    except ImportError as exc:
        log.warning("validation module unavailable (%s); graphs are not validated statically", exc)
        return []
    try:
        errors = list(validate(graph, ctx, sync=sync))
        if not errors and getattr(ctx.settings, "validation_sample", True):
            from backend.processes.udp import expand
            from backend.sample_run import sample_errors
            from backend.validation.walk import flat_graph

            errors = sample_errors(expand(flat_graph(graph), ctx), ctx)
        return errors
    except OpenEOApiError as exc:
        return [exc]


def combined(errors: list[OpenEOApiError]) -> OpenEOApiError:
    """The first error, its message listing the others so that one round trip fixes all."""
    first = errors[0]
    if len(errors) == 1:
        return first
    rest = "; ".join(str(e) for e in errors[1:5])
    return OpenEOApiError(f"{first.message} Also: {rest}", code=first.code, status=first.status)


def run_graph(process: dict[str, Any], ctx: BackendContext, control: RunControl | None = None):
    """Execute a process ({"process_graph": ...}); returns the execution module's ExecutionResult."""
    try:
        from backend.execution import execute
    except ImportError as exc:
        raise OpenEOApiError(
            f"Processing is not available on this backend build ({exc}).", code="FeatureUnsupported", status=501
        ) from exc
    return execute(process["process_graph"], ctx, control)


async def run_watched(request: Request, control: RunControl, func: Callable[..., Any], *args: Any) -> Any:
    """Run `func(*args)` in a worker thread; stop its computation (through `control`) when the
    client disconnects or this request is cancelled (server shutdown)."""
    task = asyncio.ensure_future(run_in_threadpool(func, *args))
    try:
        while True:
            done, _ = await asyncio.wait({task}, timeout=DISCONNECT_POLL_S)
            if done:
                return task.result()
            if await request.is_disconnected():
                control.cancel(ComputationStopped("The client disconnected; its computation was stopped."))
    finally:
        if not task.done():  # cancelled from outside: the thread goes on unless told to stop
            control.cancel(ComputationStopped("The request was cancelled (the server is shutting down)."))


@router.post("/validation", summary="Validate a user-defined process (graph)",
             openapi_extra=json_body(PROCESS_SCHEMA, {"process_graph": EXAMPLE_GRAPH}))
async def validation(request: Request) -> dict:
    body = await read_json(request)
    try:
        process = process_of(body, wrapped=False)
    except OpenEOApiError as exc:  # nothing to validate is a validation error too
        return {"errors": [{"code": exc.code, "message": exc.message}]}
    errors = await run_in_threadpool(validate_graph, process["process_graph"], get_ctx(request))
    return {"errors": [{"code": e.code, "message": e.message} for e in errors]}


@router.post("/result", summary="Process and download data synchronously",
             openapi_extra=json_body({"type": "object", "required": ["process"], "properties": {"process": PROCESS_SCHEMA}},
                                     {"process": {"process_graph": EXAMPLE_GRAPH}}))
async def result(request: Request) -> Response:
    ctx = get_ctx(request)
    user = await require_user_async(request)
    process = process_of(await read_json(request), wrapped=True)
    errors = await run_in_threadpool(validate_graph, process["process_graph"], ctx, True)
    if errors:
        raise combined(errors)
    settings = ctx.settings
    control = RunControl(f"POST /result of {user}", timeout_s=settings.sync_timeout_s, values_budget=settings.sync_pixel_budget)
    with request.app.state.computations.track(control):
        outcome = await run_watched(request, control, run_graph, process, ctx, control)
    return Response(
        content=outcome.data,
        media_type=outcome.media_type,
        headers={
            "OpenEO-Simulated": "true" if outcome.simulated else "false",
            "Content-Disposition": f'attachment; filename="{outcome.filename}"',
            **({"OpenEO-Warnings": " | ".join(outcome.warnings).encode("ascii", "replace").decode()} if outcome.warnings else {}),
        },
    )


def batch_budget_errors(process: dict[str, Any], ctx: BackendContext) -> list[OpenEOApiError]:
    """RequestTooLarge when a batch job would compute more than the batch budget (user-defined
    processes expanded first, for the request's or job's user)."""
    from backend.processes.udp import expand
    from backend.validation.budget import budget_errors

    try:
        graph = {"process_graph": expand(process, ctx)}
    except OpenEOApiError:  # an unknown user process: validation says so
        graph = process
    return budget_errors(graph, ctx, budget=ctx.settings.batch_pixel_budget, batch=True)


def batch_errors(process: dict[str, Any], ctx: BackendContext) -> list[OpenEOApiError]:
    """Validation for a batch job: the batch values budget instead of the synchronous one."""
    errors = [e for e in validate_graph(process["process_graph"], ctx) if e.code != "RequestTooLarge"]
    return errors or batch_budget_errors(process, ctx)


def run_batch(process: dict[str, Any], ctx: BackendContext, control: RunControl | None = None):
    """A batch job's run: validation with the batch budget, then execution under `control`."""
    errors = batch_errors(process, ctx)
    if errors:
        raise combined(errors)
    return run_graph(process, ctx, control)
