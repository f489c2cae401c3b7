"""Batch jobs: created, started, run in a background thread, persisted on disk.

Layout under `settings.jobs_dir`:

    <job_id>/job.json      the job record (status, progress, process, error)
    <job_id>/logs.jsonl    one log entry per line (openEO log_entry objects)
    <job_id>/results/      the result files

Records are written atomically, so a restart finds every job as it was. Jobs that were queued
or running when the server stopped are marked `error` with a log line saying to start them
again (their work was lost with the process). A failing job records its openEO error in the
record and in its logs.

Each run has a `RunControl` (`backend.control`): canceling or deleting the job, the server
shutting down, or the job's wall-time limit stops its computation within one Dask task. Per
user, `JobLimits` bound the stored jobs, the queued or running ones, and the disk their
results take.
"""

from __future__ import annotations

import contextlib
import functools
import errno
import json
import time
import logging
import os
import re
import shutil
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Literal

from pydantic import BaseModel, Field

from backend.control import RunControl
from backend.errors import (
    ComputationStopped,
    JobLocked,
    JobNotFinished,
    JobNotFound,
    JobQuotaExceeded,
    OpenEOApiError,
    StorageQuotaExceeded,
)

log = logging.getLogger(__name__)

JOB_ID = re.compile(r"[\w\-.~]+", re.ASCII)  # the API's job_id pattern
STORAGE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS}
Status = Literal["created", "queued", "running", "canceled", "finished", "error"]


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class JobLimits(BaseModel):
    """What one user's batch jobs may take (see BackendSettings for the defaults)."""

    timeout_s: float | None = None  # wall time of one run
    values_budget: int | None = None  # values the arrays of one run may hold (checked while building it)
    max_jobs: int | None = None  # stored jobs
    max_running: int | None = None  # queued or running jobs
    disk_quota_bytes: int | None = None  # result files kept


class ResultFile(BaseModel):
    name: str
    media_type: str
    size: int


def _alive(pid: int | None) -> bool:
    """True when another live process owns the job; our own pid means a previous life of this server."""
    if pid is None or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class JobRecord(BaseModel):
    id: str
    owner: str
    process: dict[str, Any]
    title: str | None = None
    description: str | None = None
    status: Status = "created"
    progress: float = 0.0
    created: str = Field(default_factory=now)
    updated: str = Field(default_factory=now)
    error: dict[str, str] | None = None  # {"code", "message"} of a failed run
    results: list[ResultFile] = Field(default_factory=list)
    simulated: bool | None = None
    worker_pid: int | None = None  # the server process that queued/runs it (several may share a jobs folder)

    def to_api(self) -> dict[str, Any]:
        doc = {
            "id": self.id, "title": self.title, "description": self.description, "process": self.process,
            "status": self.status, "created": self.created, "updated": self.updated,
        }
        if self.status in ("running", "finished", "queued"):
            doc["progress"] = round(self.progress, 1)
        return doc

    def summary(self) -> dict[str, Any]:
        doc = self.to_api()
        doc.pop("process")
        return doc


@functools.cache
def _progress_callback() -> type:
    """The Dask callback class, made on first use (importing Dask takes a second; a backend that
    only lists and validates never runs a job)."""
    from dask.callbacks import Callback

    class _Progress(Callback):
        """Counts finished Dask tasks of the computation run by one thread (for `run_graph`s that
        compute without the run's control; the executor reports through `RunControl.on_progress`)."""

        def __init__(self, report: Callable[[float], None]) -> None:
            super().__init__()
            self._report = report
            self._thread = threading.get_ident()
            self._total = 0
            self._done = 0

        def _start_state(self, dsk, state) -> None:  # noqa: ANN001
            if threading.get_ident() == self._thread:
                self._total += len(state["ready"]) + len(state["waiting"])

        def _posttask(self, key, result, dsk, state, worker_id) -> None:  # noqa: ANN001
            if threading.get_ident() == self._thread and self._total:
                self._done += 1
                self._report(self._done / self._total)

    return _Progress


def _report_crash(future) -> None:  # noqa: ANN001
    """A job thread that died outside `_run`'s own handling is logged, never lost silently."""
    exc = None if future.cancelled() else future.exception()
    if exc is not None:
        log.error("batch job thread crashed", exc_info=exc)


@contextlib.contextmanager
def _as_user(owner: str):
    from backend.processes.udp import CURRENT_USER

    token = CURRENT_USER.set(owner)
    try:
        yield
    finally:
        CURRENT_USER.reset(token)


class JobManager:
    """Create, run, inspect and delete batch jobs of one backend context."""

    def __init__(self, root: str | Path, run_graph: Callable[[dict, RunControl], Any], workers: int = 2,
                 limits: JobLimits | None = None) -> None:
        """`run_graph(process, control)` executes a process ({"process_graph": ...}) under a
        `RunControl` and returns an `ExecutionResult`-like object (data, media_type, filename, simulated)."""
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self._run_graph = run_graph
        self.limits = limits or JobLimits()
        self._lock = threading.RLock()
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="openeo-job")
        self._unsaved: dict[str, dict[str, str]] = {}  # failures whose record could not be written
        self._controls: dict[str, RunControl] = {}  # job id -> the control of its current run
        self._stopping: OpenEOApiError | None = None
        self._recover()

    # --- persistence -------------------------------------------------------------------------

    def _dir(self, job_id: str) -> Path:
        if not JOB_ID.fullmatch(job_id or "") or job_id.startswith("."):
            raise JobNotFound(f"Batch job '{job_id}' does not exist. List your jobs with GET /jobs.")
        return self.root / job_id

    def _save(self, job: JobRecord) -> None:
        job.updated = now()
        path = self._dir(job.id) / "job.json"
        tmp = path.with_suffix(f".{threading.get_ident()}.tmp")
        tmp.write_text(job.model_dump_json(indent=1), encoding="utf-8")
        os.replace(tmp, path)

    def _read(self, job_id: str) -> JobRecord:
        path = self._dir(job_id) / "job.json"
        try:
            job = JobRecord.model_validate_json(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise JobNotFound(f"Batch job '{job_id}' does not exist. List your jobs with GET /jobs.") from None
        unsaved = self._unsaved.get(job_id)
        if unsaved and job.status in ("queued", "running"):
            job.status, job.error = "error", unsaved
        return job

    def _recover(self) -> None:
        for path in sorted(self.root.glob("*/job.json")):
            try:
                job = JobRecord.model_validate_json(path.read_text(encoding="utf-8"))
            except ValueError as exc:
                log.warning("unreadable job record %s (%s); ignored", path, exc)
                continue
            if job.status in ("queued", "running") and not _alive(job.worker_pid):
                job.status = "error"
                job.error = {"code": "Internal", "message": "The server restarted while this job ran. Start it again."}
                self._save(job)
                self.log(job.id, "error", job.error["message"], code="Internal")

    # --- logs --------------------------------------------------------------------------------

    def log(self, job_id: str, level: str, message: str, code: str | None = None) -> None:
        with self._lock:
            path = self._dir(job_id) / "logs.jsonl"
            if not path.parent.is_dir():
                return
            count = sum(1 for _ in path.open(encoding="utf-8")) if path.exists() else 0
            entry = {"id": str(count), "level": level, "message": message, "time": now()}
            if code:
                entry["code"] = code
            with path.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(entry) + "\n")

    def logs(self, job_id: str, owner: str, offset: str | None = None, level: str = "debug") -> list[dict]:
        self.get(job_id, owner)
        path = self._dir(job_id) / "logs.jsonl"
        entries = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []
        order = ["debug", "info", "warning", "error"]
        minimum = order.index(level) if level in order else 0
        start = int(offset) + 1 if offset and offset.isascii() and offset.isdigit() and len(offset) < 12 else 0
        return [e for e in entries[start:] if order.index(e["level"]) >= minimum]

    # --- API operations ----------------------------------------------------------------------

    def create(self, process: dict, owner: str, title: str | None = None, description: str | None = None) -> JobRecord:
        job = JobRecord(id=f"j-{uuid.uuid4().hex[:20]}", owner=owner, process=process, title=title, description=description)
        with self._lock:
            limit = self.limits.max_jobs
            if limit is not None and len(self.jobs_of(owner)) >= limit:
                raise JobQuotaExceeded(f"You have {limit} batch jobs stored here, the most allowed. Delete finished or "
                                       "failed jobs (DELETE /jobs/{job_id}) before creating new ones.")
            self._dir(job.id).mkdir(parents=True)
            self._save(job)
        self.log(job.id, "info", "Job created.")
        return job

    def get_any(self, job_id: str) -> JobRecord:
        """A job whoever owns it (for signed links, which name their owner themselves)."""
        return self._read(job_id)

    def get(self, job_id: str, owner: str) -> JobRecord:
        job = self._read(job_id)
        if job.owner != owner:
            raise JobNotFound(f"Batch job '{job_id}' does not exist for this user. List your jobs with GET /jobs.")
        return job

    def jobs_of(self, owner: str) -> list[JobRecord]:
        jobs = []
        for path in sorted(self.root.glob("*/job.json")):
            try:
                job = JobRecord.model_validate_json(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if job.owner == owner:
                jobs.append(job)
        return sorted(jobs, key=lambda j: j.created)

    def update(self, job_id: str, owner: str, **fields: Any) -> JobRecord:
        with self._lock:
            job = self.get(job_id, owner)
            if job.status in ("queued", "running"):
                raise JobLocked(f"Job '{job_id}' is {job.status} and cannot be modified; cancel it first.")
            for key, value in fields.items():
                if value is not None:
                    setattr(job, key, value)
            self._save(job)
            return job

    def disk_used(self, owner: str) -> int:
        """Bytes of result files the owner's jobs keep."""
        return sum(f.size for job in self.jobs_of(owner) for f in job.results)

    def _check_quotas(self, owner: str) -> None:
        limits = self.limits
        if limits.max_running is not None:
            active = [j for j in self.jobs_of(owner) if j.status in ("queued", "running")]
            if len(active) >= limits.max_running:
                raise JobQuotaExceeded(
                    f"You already have {len(active)} batch job(s) queued or running, the most allowed at once. Wait for "
                    "one to finish, or cancel one (DELETE /jobs/{job_id}/results), then start this one again.")
        if limits.disk_quota_bytes is not None:
            used = self.disk_used(owner)
            if used >= limits.disk_quota_bytes:
                raise StorageQuotaExceeded(
                    f"Your batch job results take {used:,} bytes, the most allowed is {limits.disk_quota_bytes:,}. "
                    "Delete jobs whose results you have downloaded (DELETE /jobs/{job_id}), then start again.")

    def start(self, job_id: str, owner: str) -> JobRecord:
        with self._lock:
            job = self.get(job_id, owner)
            if job.status in ("queued", "running"):
                return job
            self._check_quotas(owner)
            job.status, job.progress, job.error, job.results = "queued", 0.0, None, []
            job.worker_pid = os.getpid()
            shutil.rmtree(self._dir(job_id) / "results", ignore_errors=True)
            self._save(job)
        self.log(job_id, "info", "Job queued.")
        with self._lock:
            self._unsaved.pop(job_id, None)
        self._executor.submit(self._run, job_id).add_done_callback(_report_crash)
        return job

    def _stop(self, job_id: str, why: str) -> None:
        control = self._controls.get(job_id)
        if control is not None:
            control.cancel(ComputationStopped(why))

    def cancel(self, job_id: str, owner: str) -> JobRecord:
        with self._lock:
            job = self.get(job_id, owner)
            if job.status in ("queued", "running"):
                job.status = "canceled"
                self._save(job)
                self._stop(job_id, "The job was canceled; its computation was stopped.")
                self.log(job_id, "warning", "Job canceled by the user.")
            return job

    def delete(self, job_id: str, owner: str) -> None:
        with self._lock:
            self.get(job_id, owner)
            self._stop(job_id, "The job was deleted; its computation was stopped.")
            shutil.rmtree(self._dir(job_id), ignore_errors=True)

    def result_path(self, job_id: str, filename: str, owner: str | None = None) -> tuple[JobRecord, Path, ResultFile]:
        """A finished result file of a job; of `owner`'s job when given (others get JobNotFound)."""
        job = self.get(job_id, owner) if owner is not None else self._read(job_id)
        match = next((r for r in job.results if r.name == filename), None)
        if job.status != "finished" or match is None:
            raise JobNotFinished(f"Job '{job_id}' has no finished result '{filename}'. Check GET /jobs/{job_id}/results.")
        return job, self._dir(job_id) / "results" / filename, match

    def finished(self, job_id: str, owner: str) -> JobRecord:
        job = self.get(job_id, owner)
        if job.status != "finished":
            hint = f" It failed: {job.error['message']}" if job.status == "error" and job.error else ""
            raise JobNotFinished(f"Job '{job_id}' is {job.status}, not finished.{hint} Poll GET /jobs/{job_id} until it is.")
        return job

    def stop_all(self, why: str = "The server is shutting down; the job was stopped. Start it again later.") -> None:
        """Stop every running job's computation now (safe to call from a signal handler)."""
        error = ComputationStopped(why)
        self._stopping = self._stopping or error
        for control in list(self._controls.values()):
            control.cancel(error)

    def shutdown(self, wait_s: float = 5.0) -> None:
        """Stop every job; those that have not recorded their stop within `wait_s` (a computation
        notices within one task) are recorded as stopped here, so that no job of this process
        still says queued or running once its server is gone."""
        self.stop_all()
        self._executor.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + wait_s
        while self._controls and time.monotonic() < deadline:
            time.sleep(0.05)
        error = self._stopping or ComputationStopped("The server is shutting down; the job was stopped.")
        for path in sorted(self.root.glob("*/job.json")):
            try:
                job = JobRecord.model_validate_json(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if job.status in ("queued", "running") and job.worker_pid == os.getpid():
                self._fail(job.id, error.code, error.message)

    # --- running -----------------------------------------------------------------------------

    def _set(self, job_id: str, **fields: Any) -> JobRecord | None:
        """Update a job unless it was canceled or deleted meanwhile; None when it was."""
        with self._lock:
            try:
                job = self._read(job_id)
            except JobNotFound:
                return None
            if job.status == "canceled":
                return None
            for key, value in fields.items():
                setattr(job, key, value)
            self._save(job)
            return job

    def _run(self, job_id: str) -> None:
        if self._set(job_id, status="running", progress=1.0) is None:
            return
        self.log(job_id, "info", "Job started.")
        last = [0.0]

        def report(fraction: float) -> None:
            pct = 5.0 + 90.0 * fraction
            if pct - last[0] >= 5.0:
                last[0] = pct
                try:
                    self._set(job_id, progress=pct)
                except OSError as exc:  # progress is cosmetic: the computation goes on; storing its result will tell
                    log.warning("batch job %s: progress %.0f%% not saved (%s)", job_id, pct, exc)

        control = RunControl(f"batch job {job_id}", timeout_s=self.limits.timeout_s,
                             values_budget=self.limits.values_budget, on_progress=report)
        with self._lock:
            self._controls[job_id] = control
            if self._stopping is not None:
                control.cancel(self._stopping)
        try:
            job = self._read(job_id)
            control.check()
            with _progress_callback()(report), _as_user(job.owner):  # the owner's user-defined processes
                result = self._run_graph(job.process, control)
        except OpenEOApiError as exc:
            self._fail(job_id, exc.code, exc.message)
            return
        except Exception as exc:  # a job must record every failure, never die silently
            log.exception("batch job %s failed", job_id)
            if isinstance(exc, OSError) and exc.errno in STORAGE_ERRNOS:  # e.g. its progress could not be saved
                self._fail(job_id, "StorageFailure", storage_message(self.root, exc))
            else:
                self._fail(job_id, "Internal", f"{type(exc).__name__}: {exc}")
            return
        finally:
            with self._lock:
                if self._controls.get(job_id) is control:
                    del self._controls[job_id]
        for warning in getattr(result, "warnings", []):
            self.log(job_id, "warning", warning)
        size = len(result.data) + sum(len(e.data) for e in getattr(result, "extra_assets", []))
        quota = self.limits.disk_quota_bytes
        if quota is not None and self.disk_used(job.owner) + size > quota:
            self._fail(job_id, "StorageQuotaExceeded",
                       f"The results ({size:,} bytes) would take your batch job results past the "
                       f"{quota:,} bytes allowed. Delete jobs whose results you have downloaded, then start this one again.")
            return
        try:
            if not self._store(job_id, result.filename, result.data):
                return  # deleted while running
            for extra in getattr(result, "extra_assets", []):  # the other save_result nodes (MultiResult)
                if not self._store(job_id, extra.filename, extra.data):
                    return
        except OSError as exc:
            log.error("batch job %s: writing its result failed: %s", job_id, exc)
            self._fail(job_id, "StorageFailure", storage_message(self.root, exc))
            return
        files = [ResultFile(name=result.filename, media_type=result.media_type, size=len(result.data))]
        files += [ResultFile(name=e.filename, media_type=e.media_type, size=len(e.data)) for e in getattr(result, "extra_assets", [])]
        if self._set(job_id, status="finished", progress=100.0, results=files, simulated=result.simulated):
            note = " (from simulated data)" if result.simulated else ""
            self.log(job_id, "info", f"Job finished: {result.filename}, {len(result.data)} bytes{note}.")

    def _store(self, job_id: str, filename: str, data: bytes) -> bool:
        """Write a result atomically (a .part file renamed); False when the job was deleted
        meanwhile. On failure the partial file is removed, freeing what it took, and the OSError raised."""
        with self._lock:
            out = self._dir(job_id) / "results"
            if not out.parent.is_dir():
                return False
            part = out / f"{filename}.part"
            try:
                out.mkdir(exist_ok=True)
                write_file(part, data)
                os.replace(part, out / filename)
            except OSError:
                if out.is_dir():
                    part.unlink(missing_ok=True)
                raise
            return True

    def _fail(self, job_id: str, code: str, message: str) -> None:
        """Record a failure; when even the record cannot be written (a full disk), keep it in
        memory so that GET /jobs/{id} still says error, and log it."""
        try:
            if self._set(job_id, status="error", error={"code": code, "message": message}):
                self.log(job_id, "error", message, code=code)
        except OSError as exc:
            log.error("batch job %s failed (%s: %s) and its record could not be written: %s", job_id, code, message, exc)
            with self._lock:
                self._unsaved[job_id] = {"code": code, "message": message}


def write_file(path: Path, data: bytes) -> None:
    """Write bytes to a file (the one place job results touch the disk)."""
    with open(path, "wb") as fh:
        fh.write(data)


def storage_message(root: Path, exc: OSError) -> str:
    """What went wrong writing to the jobs folder, and what to do about it."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        reason = "the disk is full"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = "the folder is not writable"
    else:
        reason = exc.strerror or type(exc).__name__
    return (f"The result could not be written to the jobs folder {root} ({reason}). Free disk space there or point "
            "OPENEO_BACKEND_JOBS_DIR at a writable folder with room, then start the job again.")
