"""Run drafted code in the sandbox and return a typed `SandboxResult`.

Layers, so that one gap is not an escape:
1. the syntax-tree allow-list (policy.py), checked here before anything runs;
2. the operating-system jail (backend/jail: an unprivileged uid with no capabilities in its own
   pid, network, ipc, uts and mount namespaces, a read-only view of the interpreter only,
   rlimits, capped output, wall time, the whole process tree killed at the end) and a
   scrubbed environment;
3. inside the child (jailed/): restricted builtins, read-only module proxies without gadgets,
   an audit hook, and the metadata snapshot instead of a network.

Runs are forked from a warm jailed worker that has already imported the openeo client
(`prestart()` starts it ahead of the first request); when it is busy or cannot exist here, the
run starts cold in the same jail.
"""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from backend.jail import Entry, Limits, Outcome, WarmWorker, detect, run, run_once
from backend.jail.models import Isolation
from tools.models import CapturedGraph, CapturedUdp, CodeError, SandboxRefused, SandboxResult
from tools.sandbox.policy import check_code

JAILED = Path(__file__).resolve().with_name("jailed")
SAFE_ENV = {
    "PATH": "/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "HOME": "/nonexistent",
    "XDG_CONFIG_HOME": "/nonexistent",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONHASHSEED": "0",
}
"""The child's whole environment: nothing of the parent's (no API keys, tokens or passwords)."""

ENTRY = Entry(packages={"openeo_agent_sandbox": str(JAILED)}, module="openeo_agent_sandbox.main", env=SAFE_ENV)
INNER_LAYERS = ["process", "rlimits", "scrubbed-env", "audit-hook", "snapshot-network"]
_worker = WarmWorker(ENTRY)


def sandbox_isolation() -> Isolation:
    """The operating-system isolation drafted code runs under on this machine."""
    return detect()


def prestart(wait: bool = False) -> bool:
    """Start the warm jailed worker (in the background unless `wait`), so runs are warm; a run
    while it starts goes cold. Returns whether it is ready."""
    if wait:
        return _worker.start()
    _worker.prestart()
    return _worker.alive


class _Answer(BaseModel):
    """The child's one-line JSON answer, read strictly."""

    graphs: list[CapturedGraph] = Field(default_factory=list)
    udps: list[CapturedUdp] = Field(default_factory=list)
    stdout: str = ""
    error: dict | None = None


def run_in_sandbox(
    code: str,
    snapshot: dict,
    *,
    timeout_s: float = 30.0,
    memory_mb: int = 1024,
    os_isolation: bool = True,
    check_syntax_tree: bool = True,
    warm: bool = True,
    files: dict[str, str] | None = None,
) -> SandboxResult:
    """Check and run `code`; `snapshot` is `MetadataSnapshot.for_child(...)` (root_url, responses);
    `files` ({"places/<name>.geojson": text}, `tools/place_files.py`) are the run folder's inputs
    the script may read: the child gets them as copies in its private scratch folder.

    `os_isolation=False` and `check_syntax_tree=False` switch a layer off so that tests can show
    the remaining layers hold on their own (`os_isolation=False` runs the child as the calling
    user: tests only); production callers leave both on. `warm=False` forces a cold start."""
    start = time.monotonic()
    refusals = check_code(code) if check_syntax_tree else []
    if refusals:
        return SandboxResult(error=refusals[0], more_refusals=refusals[1:5], isolation=["ast"], duration_s=time.monotonic() - start)
    iso = detect() if os_isolation else None
    layers = (["ast"] if check_syntax_tree else []) + INNER_LAYERS + ([iso.level] if iso and iso.level not in ("none", "unavailable") else [])
    payload = json.dumps({"code": code, "snapshot": snapshot, "files": files or {}}).encode()
    limits = Limits(wall_s=timeout_s, cpu_s=int(timeout_s) + 1, memory_mb=memory_mb)
    if not os_isolation:
        outcome = run_once(ENTRY, payload, limits, jail=False)
    else:
        outcome = run(_worker if warm else None, ENTRY, payload, limits)
    result = _parse(outcome, timeout_s, memory_mb)
    result.isolation, result.os_isolation = layers, iso
    result.duration_s = time.monotonic() - start
    return result


def _short(value: object) -> str | None:
    """An identifier the child reported (a missing attribute, a type name), or None."""
    return value[:60] if isinstance(value, str) and value.isidentifier() else None


def _parse(outcome: Outcome, timeout_s: float, memory_mb: int) -> SandboxResult:
    def failed(code: str, message: str) -> SandboxResult:
        return SandboxResult(error=CodeError(code=code, message=message), warm=outcome.warm)

    if outcome.unavailable:
        return failed("SandboxUnavailable", f"The code was not run: {outcome.unavailable}")
    if outcome.timed_out:
        return failed("SandboxTimeout", f"The code ran longer than {timeout_s:.0f} s. Building a process graph is quick: "
                      "remove loops, sleeps and heavy computation.")
    if outcome.output_exceeded:
        return failed("SandboxOutputLimit", f"The code wrote more to {outcome.output_exceeded} than the sandbox reads; "
                      "print less, and keep process graphs small.")
    stderr = outcome.stderr_tail.decode("utf-8", "replace")
    lines = outcome.stdout.decode("utf-8", "replace").strip().splitlines()
    answer = None
    if lines:
        try:
            answer = _Answer.model_validate(json.loads(lines[-1]))
        except (ValueError, ValidationError):
            answer = None
    if answer is None:
        if outcome.returncode in (-signal.SIGXCPU, -signal.SIGKILL) or "MemoryError" in stderr[-400:]:
            code = "SandboxMemoryLimit" if "MemoryError" in stderr[-400:] else "SandboxTimeout"
            return failed(code, f"The code hit the sandbox limit ({memory_mb} MB memory or CPU time). "
                          "Building a process graph needs little: remove large in-memory data and loops.")
        last = stderr.strip().splitlines()[-1:] or [f"exit code {outcome.returncode}"]
        return failed("SandboxCrashed", f"The sandbox process ended without a result ({last[0][:200]}).")
    error = None
    if answer.error:
        e = answer.error
        if e.get("kind") == "refused":
            error = SandboxRefused(rule=str(e.get("rule", "runtime-guard")), line=e.get("line"), message=str(e.get("message", "")))
        else:
            exc = str(e.get("exception", ""))
            code = "SandboxMemoryLimit" if exc == "MemoryError" else str(e.get("code", "CodeError"))
            error = CodeError(code=code, exception=exc, line=e.get("line"), message=str(e.get("message", "")),
                              attribute=_short(e.get("attribute")), owner=_short(e.get("owner")))
    return SandboxResult(graphs=answer.graphs, udps=answer.udps, stdout_tail=answer.stdout[-2000:], error=error, warm=outcome.warm)
