"""`execute()`: run the validated script's graphs and summarise the results.

Each distinct graph the script sends (usually one; a loop over tiles sends several) runs on its
own, into the file the script named (`download("ndvi_leuven.tif")`; tools/outputs.py), so no
result overwrites another. Small requests go synchronously (POST /result); large ones (an
estimate over `ctx.sync_pixel_budget`, or a backend that answers RequestTooLarge) run as a batch
job with Progress events. The last graph's result is the primary one: ResultStats (min, max,
mean, share of valid values, unit, simulated or not, bbox), what the result is (its kind, from
the graph) and its numbers per band, time step, class and geometry (tools/result_summary.py) go
to the artifacts, a ResultReady event and a short text whose first line is OK or FAILED.
"""

from __future__ import annotations

import logging
import math
import time
from datetime import date
from pathlib import Path
from typing import Any, Callable, Literal, Mapping

import openeo
import requests
from openeo.rest import OpenEoApiError, OpenEoClientException

from tools.acquisitions import find_acquisitions, searcher_for
from tools.client.retry import TRANSIENT_STATUS, attempts_for, unreachable
from tools.context import ToolContext
from tools.decision import decision_numbers
from tools.errors import AuthenticationFailed, BackendUnavailable, UnreadableResult, times
from tools.events import Progress, ResultReady
from tools.models import (
    CapturedGraph,
    ExecuteOutcome,
    GraphPlan,
    GraphResult,
    GraphSummary,
    ResultNote,
    ResultStats,
    ValidationIssue,
)
from tools.outputs import media_type_of, plans_of
from tools.result_kind import CollectionMeta, ResultDescription, describe_result
from tools.result_summary import feature_names, summarize_result
from tools.results import read_stats
from tools.sandbox.graph import summarize
from tools.zonal import table_stats

log = logging.getLogger(__name__)

DERIVED_UNITS = {"mask": "mask (0/1)", "classes": "class", "hillshade": "shade (0..1)"}
BATCH_POLL_MAX_S = 5.0
BATCH_TIMEOUT_S = 1800.0


def _resolution_m(doc: dict, bands: list[str]) -> float:
    """The finest ground sampling distance of the loaded bands (10 m when the metadata says none)."""
    eo = (doc.get("summaries") or {}).get("eo:bands") or []
    gsds = [b.get("gsd") for b in eo if isinstance(b, dict) and (not bands or b.get("name") in bands)]
    return float(min([g for g in gsds if isinstance(g, (int, float))] or [10.0]))


def _extent_m(summary: GraphSummary) -> tuple[float, float] | None:
    """Width and height of the area in metres."""
    if not summary.bbox:
        return None
    w, s, e, n = summary.bbox
    if summary.crs:  # projected extent: metres already
        return abs(e - w), abs(n - s)
    return abs(e - w) * 111_320 * math.cos(math.radians((s + n) / 2)), abs(n - s) * 111_320


def estimate_values(ctx: ToolContext, summary: GraphSummary) -> int | None:
    """Pixels x bands x time steps of the first load_collection, from the collection metadata."""
    extent = _extent_m(summary)
    if not summary.collections or extent is None:
        return None
    doc = ctx.backend.collection(summary.collections[0]) or {}
    res = _resolution_m(doc, summary.bands)
    width, height = extent
    steps = 1
    revisit = doc.get("openeo_agent:revisit_days")
    if summary.temporal and all(summary.temporal) and isinstance(revisit, (int, float)) and revisit > 0:
        from datetime import date

        try:
            days = (
                date.fromisoformat(str(summary.temporal[1])[:10]) - date.fromisoformat(str(summary.temporal[0])[:10])
            ).days
            steps = max(1, math.ceil(days / revisit))
        except ValueError:
            steps = 1
    return int(math.ceil(width / res) * math.ceil(height / res) * max(len(summary.bands), 1) * steps)


def _empty_note(ctx: ToolContext, summary: GraphSummary, stats: ResultStats) -> ResultNote | None:
    """Why a result has no valid value, when the metadata can tell: an area smaller than a pixel."""
    if stats.valid_fraction != 0 or not summary.collections:
        return None
    extent = _extent_m(summary)
    res = _resolution_m(ctx.backend.collection(summary.collections[0]) or {}, summary.bands)
    if extent is not None and min(extent) < res:
        w, h = extent
        return ResultNote(code="small_area", width_km=w / 1000, height_km=h / 1000, collection=summary.collections[0],
                          res_m=res)  # fmt: skip
    return ResultNote(code="all_nodata")


def _steps_note(ctx: ToolContext, summary: GraphSummary, desc: ResultDescription) -> ResultNote | None:
    """For a count (or share) of time steps, how many time steps the window holds: without it
    "max=45" cannot be read as 45 of 62 days, or of 124 day-and-night passes."""
    if desc.kind not in ("count", "share") or len(summary.loads) != 1:
        return None
    load = summary.loads[0]
    if load.crs or not load.bbox or not load.temporal or not all(load.temporal):
        return None
    try:
        start, end = (date.fromisoformat(str(t)[:10]) for t in load.temporal)
        source, http = searcher_for(ctx)
        if source is None or (
            source.kind == "search" and source.collections and load.collection not in source.collections
        ):
            return None
        found = find_acquisitions(http, source, load.collection, load.bbox, start, end, nearest=False)
    except Exception as e:  # noqa: BLE001 - the note is extra; the result stands without it
        log.info("no acquisition count for the %s note: %s", desc.kind, e)
        return None
    if not found.days:
        return None
    return ResultNote(
        code="time_steps",
        source=None if source.kind == "items" else found.source,
        days=len(found.days),
        more=not found.complete,
        items=sum(a.items for a in found.days),
        count=desc.kind == "count",
        collection=load.collection,
        start=str(start),
        end=str(end),
    )


def _unit(ctx: ToolContext, summary: GraphSummary) -> str | None:
    """The unit of a result made of the loaded values: an index for NDVI-like maths, else the
    loaded bands' common unit (derived kinds, such as masks, take theirs from tools/result_kind.py)."""
    if {"ndvi", "normalized_difference"} & set(summary.processes):
        return "index (-1..1)"
    if not summary.collections or not summary.bands:
        return None
    doc = ctx.backend.collection(summary.collections[0]) or {}
    raster = {b.get("name"): b for b in (doc.get("summaries") or {}).get("raster:bands", []) if isinstance(b, dict)}
    units = {str(raster.get(b, {}).get("unit")) for b in summary.bands if raster.get(b, {}).get("unit")}
    scales = {raster.get(b, {}).get("scale", 1) for b in summary.bands}
    if len(units) != 1:
        return None
    unit = units.pop()
    if "log" in summary.processes and unit != "dB":
        return "dB"
    scale = scales.pop() if len(scales) == 1 else 1
    if {"multiply", "divide", "linear_scale_range"} & set(summary.processes):
        return unit  # the code scaled the digital numbers itself
    return f"{unit} (digital numbers x {scale:g})" if isinstance(scale, (int, float)) and scale != 1 else unit


def describe_metas(ctx: ToolContext, graph: dict) -> dict[str, CollectionMeta]:
    """Band units, scales and class tables of the collections the graph loads."""
    summary = summarize(graph)
    return {cid: CollectionMeta.from_stac(ctx.backend.collection(cid) or {"id": cid}) for cid in summary.collections}


def describe(ctx: ToolContext, graph: dict) -> ResultDescription:
    """What the graph's result is (tools/result_kind.py), with the loaded collections' metadata."""
    return describe_result(graph, describe_metas(ctx, graph))


def execute(ctx: ToolContext) -> ExecuteOutcome:
    """Run every distinct graph of the validated script, each into its own file (the name the
    script gave it); the last one is the primary result the map and the answer describe."""
    a = ctx.artifacts
    if not a.process_graph or not a.validated:
        return ExecuteOutcome(
            ok=False,
            error=ValidationIssue(
                code="NoValidatedGraph",
                message="There is no validated process graph yet. Call run_openeo_code and get VALID first.",
            ),
        )
    plans = a.process_graphs or plans_of([CapturedGraph(process_graph=a.process_graph)])
    done: list[GraphResult] = []
    outcome: ExecuteOutcome | None = None
    for i, plan in enumerate(plans):
        if len(plans) > 1:
            ctx.emit(Progress(message=f"Graph {i + 1} of {len(plans)}: {plan.output_name}", fraction=i / len(plans),
                              run_id=ctx.run.id))  # fmt: skip
        outcome = _execute_one(ctx, plan, primary=i == len(plans) - 1)
        if not outcome.ok:
            if len(plans) > 1 and outcome.error is not None:
                before = f" after {len(done)} result(s) ({', '.join(r.output_name for r in done)})" if done else ""
                outcome.error = ValidationIssue(code=outcome.error.code, message=(
                    f"Graph {i + 1} of {len(plans)} ({plan.output_name}) failed{before}: {outcome.error.message}"))  # fmt: skip
            outcome.results = done
            a.results = done
            return outcome
        done.append(GraphResult(output_name=plan.output_name, result_path=str(outcome.result_path),
                                media_type=str(outcome.media_type), stats=outcome.stats,
                                description=outcome.description))  # fmt: skip
    assert outcome is not None
    a.results = done if len(done) > 1 else []
    outcome.results = a.results
    return outcome


def _execute_one(ctx: ToolContext, plan: GraphPlan, primary: bool) -> ExecuteOutcome:
    a = ctx.artifacts
    graph = plan.process_graph
    summary = summarize(graph)
    target, media_type = ctx.run.file(plan.output_name), media_type_of(plan.output_name)
    estimate = estimate_values(ctx, summary)
    simulated: dict[str, bool] = {}
    mode: Literal["sync", "batch"] = "batch" if estimate is not None and estimate > ctx.sync_pixel_budget else "sync"
    try:
        conn = ctx.backend.connection()
        if mode == "sync":
            ctx.emit(Progress(message="Processing on the backend (synchronous request)…", run_id=ctx.run.id))
            try:
                _run_sync(conn, graph, target, simulated)
            except OpenEoApiError as e:
                if e.code != "RequestTooLarge":
                    raise
                ctx.emit(
                    Progress(message="Too large for synchronous processing: running a batch job.", run_id=ctx.run.id)
                )
                mode = "batch"
        if mode == "batch":
            target = _run_batch(conn, graph, ctx, target, simulated)
            media_type = media_type_of(target.name)
    except requests.RequestException as e:  # still no answer after the session's retries
        raise unreachable(ctx.backend.url, "POST" if mode == "sync" else "GET", e) from e
    except OpenEoApiError as e:
        if e.http_status_code in TRANSIENT_STATUS:  # the backend is down or overloaded: the user acts
            raise BackendUnavailable.at(
                ctx.backend.url, f"HTTP {e.http_status_code} on {mode} processing, tried {times(attempts_for('POST'))}"
            ) from e
        if e.http_status_code in (401, 403):
            raise AuthenticationFailed(
                f"The openEO backend at {ctx.backend.url} refused to process the graph "
                f"([{e.code}] {e.message}): check the backend login in the settings."
            ) from e
        return ExecuteOutcome(
            ok=False,
            mode=mode,
            error=ValidationIssue(code=e.code or f"HTTP{e.http_status_code}", message=str(e.message)[:400]),
        )
    except (OpenEoClientException, TimeoutError) as e:
        return ExecuteOutcome(ok=False, mode=mode, error=ValidationIssue(code="ExecutionFailed", message=f"{e}"[:400]))

    metas = describe_metas(ctx, graph)
    desc = describe_result(graph, metas)
    try:
        table = desc.kind == "table" and target.suffix.lower() in (".json", ".csv")
        stats = table_stats(target) if table else read_stats(target, media_type)
        derived = desc.kind not in ("values", "reflectance", "rgb", "radar")  # else the loaded bands' unit says it
        stats.unit = stats.unit or (DERIVED_UNITS.get(desc.kind, desc.unit) if derived else _unit(ctx, summary))
        csv_out = ctx.run.file("zonal_statistics.csv" if primary else f"{Path(plan.output_name).stem}_table.csv")
        details = summarize_result(target, desc, metas, stats.unit, csv_out=csv_out, names=feature_names(graph))
        desc = _label_by_columns(desc, [c.band for c in details.table.per_column] if details and details.table else [])
    except UnreadableResult as e:  # downloaded, but not what it claims to be: say what came back
        if primary:
            a.result_path, a.result_media_type, a.stats = str(target), media_type, None
        return ExecuteOutcome(ok=False, mode=mode, result_path=str(target), media_type=media_type,
                              error=ValidationIssue(code=e.code, message=e.message))  # fmt: skip
    stats.simulated = bool(simulated.get("value"))
    stats.bbox = stats.bbox or summary.bbox
    if not primary:
        return ExecuteOutcome(ok=True, mode=mode, result_path=str(target), media_type=media_type, stats=stats,
                              description=desc, summary=details)  # fmt: skip
    decision = decision_numbers(target, desc, summary.bbox or stats.bbox, stats.simulated)
    notes = [n for n in (_empty_note(ctx, summary, stats), _steps_note(ctx, summary, desc)) if n]
    a.result_path, a.result_media_type, a.stats = str(target), media_type, stats
    a.description, a.decision = desc, decision
    ctx.run.write_json("stats.json", stats.model_dump(mode="json"))
    ctx.run.write_text("result_description.json", desc.model_dump_json(indent=2))
    if decision:
        ctx.run.write_text("decision.json", decision.model_dump_json(indent=2))
    ctx.emit(ResultReady(result_path=str(target), media_type=media_type, stats=stats, run_id=ctx.run.id))
    return ExecuteOutcome(ok=True, mode=mode, result_path=str(target), media_type=media_type, stats=stats,
                          description=desc, decision=decision,
                          note=_join(*(n.to_text() for n in notes)), notes=notes,
                          summary=details)  # fmt: skip


def _join(*notes: str | None) -> str | None:
    return "\n".join(n for n in notes if n) or None


_GENERIC_COLUMNS = {"value", "values", "mean", "median", "sum", "min", "max", "count", "sd", "std", "variance"}


def _label_by_columns(desc: ResultDescription, columns: list[str]) -> ResultDescription:
    """A table whose value columns the code named ("water_2019", "high") is titled by them: the index
    the graph computed on the way (MNDWI, dNBR) is not what the numbers are (hectares per class)."""
    if desc.kind not in ("table", "timeseries") or not columns:
        return desc
    lower = [c.lower() for c in columns]
    if any(c in _GENERIC_COLUMNS or c.startswith("band") or c.isdigit() for c in lower):
        return desc
    if any(c in desc.bands for c in columns):
        return desc
    shown = ", ".join(columns[:4]) + (", ..." if len(columns) > 4 else "")
    label = f"{shown} per geometry" if desc.kind == "table" else f"Time series of {shown}"
    return desc.model_copy(update={"label": label, "named_by": list(columns)})


def _simulated_header(store: dict[str, bool]) -> Callable[[Mapping], None]:
    def on_headers(headers: Mapping) -> None:
        value = headers.get("OpenEO-Simulated")
        if value is not None:
            store["value"] = str(value).strip().lower() == "true"

    return on_headers


def _run_sync(conn: openeo.Connection, graph: dict, target: Path, simulated: dict[str, bool]) -> None:
    conn.download(
        {"process_graph": graph}, outputfile=target, validate=False, on_response_headers=_simulated_header(simulated)
    )


def _run_batch(
    conn: openeo.Connection, graph: dict, ctx: ToolContext, target: Path, simulated: dict[str, bool]
) -> Path:
    title = f"openeo-agent {ctx.run.id}"
    try:
        job = conn.create_job({"process_graph": graph}, title=title, validate=False)
    except OpenEoApiError as e:
        if e.code != "JobQuotaExceeded" or not ctx.backend.is_embedded or not _prune_own_jobs(conn):
            raise
        job = conn.create_job({"process_graph": graph}, title=title, validate=False)
    ctx.artifacts.job_id = job.job_id
    try:
        out = _follow_batch(job, ctx, target, simulated)
    except TimeoutError:
        raise  # still running: the message says so, and the job stays
    except Exception:
        if ctx.backend.is_embedded:
            _delete_quietly(job)
        raise
    if ctx.backend.is_embedded:  # the run folder keeps the result, graph and logs; on the embedded
        _delete_quietly(job)  # backend a kept job only counts against the per-user quota (200 jobs)
    return out


def _prune_own_jobs(conn: openeo.Connection) -> int:
    """On the embedded backend: delete the finished, failed and canceled jobs this agent created
    (kept by versions that did not delete them after download); how many were deleted."""
    deleted = 0
    for info in conn.list_jobs():
        if str(info.get("title") or "").startswith("openeo-agent ") and info.get("status") in (
            "finished",
            "error",
            "canceled",
        ):
            _delete_quietly(conn.job(info["id"]))
            deleted += 1
    return deleted


def _delete_quietly(job: Any) -> None:
    try:
        job.delete()
    except (OpenEoApiError, OpenEoClientException, requests.RequestException) as exc:
        log.info("batch job %s not deleted: %s", job.job_id, exc)


def _follow_batch(job: Any, ctx: ToolContext, target: Path, simulated: dict[str, bool]) -> Path:
    job.start()
    ctx.emit(Progress(message=f"Batch job {job.job_id} started.", fraction=0.0, run_id=ctx.run.id))
    start, delay = time.monotonic(), 0.5
    while True:
        info = job.describe()
        status = info.get("status")
        progress = info.get("progress")
        fraction = float(progress) / 100 if isinstance(progress, (int, float)) else None
        ctx.emit(Progress(message=f"Batch job {job.job_id}: {status}", fraction=fraction, run_id=ctx.run.id))
        if status == "finished":
            break
        if status in ("error", "canceled"):
            logs = [entry.get("message", "") for entry in job.logs(level="error")][-2:]
            raise OpenEoClientException(
                f"Batch job {job.job_id} ended with status {status}: {' | '.join(logs) or 'no log message'}"
            )
        if time.monotonic() - start > BATCH_TIMEOUT_S:
            raise TimeoutError(
                f"Batch job {job.job_id} did not finish within {BATCH_TIMEOUT_S:.0f} s; it keeps running on the backend."
            )
        time.sleep(delay)
        delay = min(delay * 1.5, BATCH_POLL_MAX_S)
    results = job.get_results()
    meta = results.get_metadata()
    props = meta.get("properties") or {}
    flag = props.get("openeo_agent:simulated", meta.get("openeo_agent:simulated", props.get("simulated")))
    if flag is not None:
        simulated["value"] = bool(flag)
    assets = results.get_assets()
    if not assets:
        raise OpenEoClientException(f"Batch job {job.job_id} finished without result files.")
    asset = assets[0]
    suffix = Path(asset.href.split("?")[0]).suffix or Path(getattr(asset, "key", "") or "").suffix
    out = target.with_suffix(suffix) if suffix and suffix.lower() != target.suffix.lower() else target
    asset.download(out)
    return out
