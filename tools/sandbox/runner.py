"""Run drafted code in the sandbox and return a typed `SandboxResult`.

The parent checks the syntax tree (layer 1), then starts `child.py` in a separate process
(layer 2: `python -I -B`, a scrubbed environment, rlimits on memory, CPU, file size and open
files that the child sets before importing anything else, a wall-clock timeout that kills the
whole process group), with the metadata snapshot on
stdin (layer 3: the child has no network) and inside bubblewrap or an empty network namespace
where available (layer 4).
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools.models import CapturedGraph, CodeError, SandboxRefused, SandboxResult
from tools.sandbox import isolation
from tools.sandbox.policy import check_code

CHILD = Path(__file__).with_name("child.py")
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


def run_in_sandbox(
    code: str,
    snapshot: dict,
    *,
    timeout_s: float = 30.0,
    memory_mb: int = 1024,
    os_isolation: bool = True,
    check_syntax_tree: bool = True,
) -> SandboxResult:
    """Check and run `code`; `snapshot` is `MetadataSnapshot.for_child(...)` (root_url, responses).

    `os_isolation=False` and `check_syntax_tree=False` switch a layer off so that tests can show
    the remaining layers hold on their own; production callers leave both on."""
    start = time.monotonic()
    refusals = check_code(code) if check_syntax_tree else []
    if refusals:
        return SandboxResult(error=refusals[0], more_refusals=refusals[1:5], isolation=["ast"], duration_s=time.monotonic() - start)
    iso = isolation.detect() if os_isolation else isolation.Isolation(name="none", prefix=[])
    layers = (["ast"] if check_syntax_tree else []) + ["process", "rlimits", "scrubbed-env", "audit-hook", "snapshot-network"]
    if iso.name != "none":
        layers.append(iso.name)
    nonce = secrets.token_hex(16)
    payload = json.dumps({"nonce": nonce, "code": code, "snapshot": snapshot})
    cmd = iso.prefix + [sys.executable, "-I", "-B", str(CHILD), str(memory_mb), str(int(timeout_s) + 1)]
    with tempfile.TemporaryDirectory(prefix="sandbox-") as cwd:
        proc = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
            env=dict(SAFE_ENV), start_new_session=True,
        )
        try:
            out, err = proc.communicate(payload.encode(), timeout=timeout_s)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            proc.communicate()
            return SandboxResult(
                error=CodeError(code="SandboxTimeout", message=f"The code ran longer than {timeout_s:.0f} s. "
                                "Building a process graph is quick: remove loops, sleeps and heavy computation."),
                isolation=layers, duration_s=time.monotonic() - start,
            )
    return _parse(out, err, proc.returncode, nonce, layers, time.monotonic() - start, memory_mb)


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass  # already gone: nothing left to kill


def _parse(out: bytes, err: bytes, rc: int, nonce: str, layers: list[str], duration: float, memory_mb: int) -> SandboxResult:
    text = out.decode("utf-8", "replace")
    line = next((ln for ln in reversed(text.splitlines()) if ln.startswith(nonce)), None)
    if line is None:
        stderr_tail = err.decode("utf-8", "replace")[-300:]
        if rc in (-signal.SIGXCPU, -signal.SIGKILL) or "MemoryError" in stderr_tail:
            code, msg = "SandboxMemoryLimit" if "MemoryError" in stderr_tail else "SandboxTimeout", ""
            msg = (f"The code hit the sandbox limit ({memory_mb} MB memory or CPU time). "
                   "Building a process graph needs little: remove large in-memory data and loops.")
            return SandboxResult(error=CodeError(code=code, message=msg), isolation=layers, duration_s=duration)
        last = stderr_tail.strip().splitlines()[-1:] or [f"exit code {rc}"]
        return SandboxResult(
            error=CodeError(code="SandboxCrashed", message=f"The sandbox process ended without a result ({last[0][:200]})."),
            isolation=layers, duration_s=duration,
        )
    data = json.loads(line[len(nonce):])
    error = None
    if data.get("error"):
        e = data["error"]
        if e["kind"] == "refused":
            error = SandboxRefused(rule=e["rule"], line=e.get("line"), message=e["message"])
        else:
            exc = e.get("exception", "")
            code = "SandboxMemoryLimit" if exc == "MemoryError" else e.get("code", "CodeError")
            error = CodeError(code=code, exception=exc, line=e.get("line"), message=e.get("message", ""))
    graphs = [CapturedGraph(**g) for g in data.get("graphs", [])]
    return SandboxResult(graphs=graphs, stdout_tail=data.get("stdout", "")[-2000:], error=error,
                         isolation=layers, duration_s=duration)
