"""Batch jobs: /jobs, /jobs/{job_id}, /jobs/{job_id}/results, /jobs/{job_id}/logs, /jobs/{job_id}/estimate.

Every route acts for the job's owner only: another user (or an anonymous client) gets
`JobNotFound`, as if the job did not exist. Result files and the results document can also be
fetched through their signed, expiring URLs (`backend.api.signed`) without a login.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse
from pydantic import BaseModel, ConfigDict, ValidationError
from starlette.concurrency import run_in_threadpool

from backend.api.common import PROCESS_SCHEMA, api_url, get_ctx, json_body, process_of, read_json, require_user, require_user_async
from backend.api.signed import SignedLinks, signature_of
from backend.api.sync import batch_budget_errors
from backend.errors import BadRequest
from backend.jobs import JobManager, JobRecord

router = APIRouter()


JOB_SCHEMA = {"type": "object", "properties": {
    "title": {"type": "string"}, "description": {"type": "string"}, "process": PROCESS_SCHEMA}}


class JobFields(BaseModel):
    model_config = ConfigDict(extra="ignore")
    title: str | None = None
    description: str | None = None


def _manager(request: Request) -> JobManager:
    return get_ctx(request).jobs


def _links(request: Request) -> SignedLinks:
    return request.app.state.links


def _fields(body: dict[str, Any]) -> JobFields:
    try:
        return JobFields.model_validate(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise BadRequest(f"Invalid job field {'.'.join(map(str, first['loc']))}: {first['msg']}.") from None


@router.get("/jobs", summary="List all batch jobs")
def list_jobs(request: Request) -> dict:
    jobs = _manager(request).jobs_of(require_user(request))
    return {"jobs": [j.summary() for j in jobs], "links": []}


@router.post("/jobs", status_code=201, summary="Create a new batch job",
             openapi_extra=json_body({**JOB_SCHEMA, "required": ["process"]}))
async def create_job(request: Request) -> Response:
    user = await require_user_async(request)
    body = await read_json(request)
    process = process_of(body, wrapped=True)
    fields = _fields(body)
    job = await run_in_threadpool(_manager(request).create, process, user, fields.title, fields.description)
    url = f"{api_url(request)}/jobs/{job.id}"
    return Response(status_code=201, headers={"Location": url, "OpenEO-Identifier": job.id})


@router.get("/jobs/{job_id}", summary="Full metadata for a batch job")
def describe_job(job_id: str, request: Request) -> dict:
    return _manager(request).get(job_id, require_user(request)).to_api()


@router.patch("/jobs/{job_id}", status_code=204, summary="Modify a batch job", openapi_extra=json_body(JOB_SCHEMA))
async def update_job(job_id: str, request: Request) -> Response:
    user = await require_user_async(request)
    body = await read_json(request)
    changes: dict[str, Any] = _fields(body).model_dump(exclude_unset=True)
    if "process" in body:
        changes["process"] = process_of(body, wrapped=True)
    await run_in_threadpool(lambda: _manager(request).update(job_id, user, **changes))
    return Response(status_code=204)


@router.delete("/jobs/{job_id}", status_code=204, summary="Delete a batch job")
def delete_job(job_id: str, request: Request) -> Response:
    _manager(request).delete(job_id, require_user(request))
    return Response(status_code=204)


@router.post("/jobs/{job_id}/results", status_code=202, summary="Start processing a batch job")
def start_job(job_id: str, request: Request) -> Response:
    manager, ctx = _manager(request), get_ctx(request)
    user = require_user(request)
    job = manager.get(job_id, user)
    too_large = batch_budget_errors(job.process, ctx)
    if too_large:
        raise too_large[0]
    manager.start(job_id, user)
    return Response(status_code=202)


@router.delete("/jobs/{job_id}/results", status_code=204, summary="Cancel processing a batch job")
def cancel_job(job_id: str, request: Request) -> Response:
    _manager(request).cancel(job_id, require_user(request))
    return Response(status_code=204)


def _extents(process: dict[str, Any]) -> tuple[list[float], list[str | None]]:
    """Bbox (W, S, E, N) and [start, end] of the first load_collection of a job's graph."""
    bbox: list[float] = [-180.0, -90.0, 180.0, 90.0]
    interval: list[str | None] = [None, None]
    for node in (process.get("process_graph") or {}).values():
        if not isinstance(node, dict) or node.get("process_id") != "load_collection":
            continue
        args = node.get("arguments")
        if not isinstance(args, dict):
            continue
        extent = args.get("spatial_extent")
        in_degrees = isinstance(extent, dict) and str(extent.get("crs", 4326)).upper() in ("4326", "EPSG:4326")
        if in_degrees and all(isinstance(extent.get(k), (int, float)) for k in ("west", "south", "east", "north")):
            bbox = [float(extent[k]) for k in ("west", "south", "east", "north")]
        dates = args.get("temporal_extent")
        if isinstance(dates, list) and len(dates) == 2:
            interval = [d if isinstance(d, str) else None for d in dates]
        break
    return bbox, interval


def _instant(value: str | None) -> str | None:
    if not value:
        return None
    return value if "T" in value else f"{value}T00:00:00Z"


def _result_item(job: JobRecord, base: str, links: SignedLinks) -> dict[str, Any]:
    expires = links.new_expiry()
    assets = {
        f.name: {
            "href": links.asset(base, job.owner, job.id, f.name, expires),
            "type": f.media_type,
            "roles": ["data"],
            "title": f.name,
            "file:size": f.size,
        }
        for f in job.results
    }
    (west, south, east, north), (start, end) = _extents(job.process)
    times = {k: v for k, v in (("start_datetime", _instant(start)), ("end_datetime", _instant(end))) if v}
    return {
        "stac_version": "1.0.0",
        "stac_extensions": [],
        "id": job.id,
        "type": "Feature",
        "bbox": [west, south, east, north],
        "geometry": {"type": "Polygon", "coordinates": [[
            [west, south], [east, south], [east, north], [west, north], [west, south]]]},
        "properties": {
            "datetime": None,
            **times,
            **({"title": job.title} if job.title else {}),
            **({"description": job.description} if job.description else {}),
            "created": job.created,
            "updated": job.updated,
            "expires": links.rfc3339(expires),
            "openeo:status": "finished",
            "openeo_agent:simulated": bool(job.simulated),
        },
        "assets": assets,
        "links": [
            {"rel": "self", "href": f"{base}/jobs/{job.id}/results", "type": "application/geo+json"},
            {"rel": "canonical", "href": links.results(base, job.owner, job.id, expires), "type": "application/geo+json"},
        ],
    }


def _owned(request: Request, job_id: str, filename: str = "") -> tuple[JobManager, str]:
    """(manager, owner) for a job route that a signed URL may open: the signature names the
    owner; without one, the login does."""
    manager = _manager(request)
    signed = signature_of(request)
    if signed is None:
        return manager, require_user(request)
    owner = manager.get_any(job_id).owner
    _links(request).check(signed, owner, job_id, filename)
    return manager, owner


@router.get("/jobs/{job_id}/results", summary="List batch job results")
def job_results(job_id: str, request: Request) -> dict:
    manager, owner = _owned(request, job_id)
    job = manager.finished(job_id, owner)
    return _result_item(job, api_url(request), _links(request))


@router.get("/jobs/{job_id}/results/{filename}", summary="Download one result file", include_in_schema=False)
def job_result_file(job_id: str, filename: str, request: Request) -> FileResponse:
    manager, owner = _owned(request, job_id, filename)
    job, path, meta = manager.result_path(job_id, filename, owner)
    headers = {"OpenEO-Simulated": "true" if job.simulated else "false"}
    return FileResponse(path, media_type=meta.media_type, filename=filename, headers=headers)


LOG_LEVELS = ("debug", "info", "warning", "error")


@router.get("/jobs/{job_id}/logs", summary="Logs of a batch job")
def job_logs(job_id: str, request: Request, offset: str | None = None, level: str = "debug", limit: str | None = None) -> dict:
    if level not in LOG_LEVELS:
        raise BadRequest(f"Unknown log level '{level[:32]}'; use one of {', '.join(LOG_LEVELS)}.")
    if limit is not None and not (limit.isascii() and limit.isdigit() and 0 < len(limit) <= 9 and int(limit) > 0):
        raise BadRequest("The parameter limit must be a positive whole number, e.g. limit=100.")
    entries = _manager(request).logs(job_id, require_user(request), offset=offset, level=level)
    return {"level": level, "logs": entries[:int(limit)] if limit else entries, "links": []}


@router.get("/jobs/{job_id}/estimate", summary="Get an estimate for a batch job")
def job_estimate(job_id: str, request: Request) -> dict:
    from backend.validation.budget import estimate_pixels

    ctx = get_ctx(request)
    job = _manager(request).get(job_id, require_user(request))
    values = estimate_pixels(job.process, ctx)
    return {"costs": 0, "size": int(values) * 4}  # an upper bound: float32 values, before any reduction
