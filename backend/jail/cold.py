"""One jailed run from a cold start: the jail, a fresh interpreter, the entry's imports, one run.

The whole process tree goes with the run: the jail's pid namespace dies with its first process
(bwrap `--die-with-parent`, `unshare --kill-child`) and the parent kills the jail's process
group at the end; without namespaces the child cannot fork at all (RLIMIT_NPROC 0).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

from backend.jail.commands import PYTHON, SCRATCH, ZYGOTE, Tools, command
from backend.jail.detect import detect_with_tools
from backend.jail.models import NOBODY, Isolation, Limits, Outcome
from backend.jail.pump import pump


@dataclass(frozen=True)
class Entry:
    """What a jail runs: packages (import name -> folder, bound read-only), the module whose
    `main(stdin, stdout)` handles one run, the child's whole environment, and further folders
    the child may read (bound read-only)."""

    packages: dict[str, str]
    module: str
    env: dict[str, str] = field(default_factory=dict)
    scratch_mb: int = 64
    ro_paths: tuple[str, ...] = ()

    def zygote_args(self, scratch: str) -> list[str]:
        args = [PYTHON, "-I", "-B", ZYGOTE]
        for name, folder in self.packages.items():
            args += ["--package", f"{name}={folder}"]
        return args + ["--entry", self.module, "--scratch", scratch]


def child_limits(limits: Limits) -> str:
    return json.dumps({"memory_mb": limits.memory_mb, "cpu_s": limits.cpu_s, "file_mb": limits.file_mb,
                       "wall_s": limits.wall_s, "processes": limits.processes})


class Prepared:
    """The command line of one jail and what must be removed after it (temporary folders)."""

    def __init__(self, iso: Isolation, t: Tools, entry: Entry, *, warm: bool) -> None:
        self.mountpoint = tempfile.mkdtemp(prefix="openeo-jail-") if iso.level == "unshare" else None
        self.host_scratch = None
        if iso.level in ("bwrap", "unshare"):
            scratch = SCRATCH
        else:
            self.host_scratch = scratch = tempfile.mkdtemp(prefix="openeo-scratch-")
            if os.geteuid() == 0:
                os.chown(scratch, NOBODY, NOBODY)
        prefix = command(iso.level, t, [*entry.packages.values(), *entry.ro_paths], root=os.geteuid() == 0, warm=warm,
                         scratch_mb=entry.scratch_mb, mountpoint=self.mountpoint)
        self.argv = prefix + entry.zygote_args(scratch)

    def cleanup(self) -> None:
        if self.mountpoint:
            try:
                os.rmdir(self.mountpoint)
            except OSError:
                pass  # still mounted in a namespace that is going away; tempdirs are cleaned later
        if self.host_scratch:
            shutil.rmtree(self.host_scratch, ignore_errors=True)


def kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run_once(entry: Entry, payload: bytes, limits: Limits, *, jail: bool = True) -> Outcome:
    """`jail=False` is for tests only: it runs the entry as the calling user with no operating-system
    isolation, to show that the layers inside the child hold on their own."""
    start = time.monotonic()
    iso, t = detect_with_tools()
    if not jail:
        iso = Isolation(level="none", summary="operating-system isolation switched off (tests only)")
    elif not iso.runs_code:
        return Outcome(unavailable=iso.summary, duration_s=time.monotonic() - start)
    prepared = Prepared(iso, t, entry, warm=False)
    try:
        proc = subprocess.Popen(prepared.argv + ["--once", child_limits(limits)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(entry.env),
                                cwd="/", start_new_session=True)
        assert proc.stdin and proc.stdout and proc.stderr
        fds = os.dup(proc.stdin.fileno()), os.dup(proc.stdout.fileno()), os.dup(proc.stderr.fileno())
        for f in (proc.stdin, proc.stdout, proc.stderr):
            f.close()
        pumped = pump(*fds[:1], payload, fds[1], fds[2], limits, start + limits.wall_s, lambda: kill_group(proc))
        kill_group(proc)  # nothing of the run outlives it
        returncode = proc.wait()
    finally:
        prepared.cleanup()
    return Outcome(returncode=returncode, stdout=bytes(pumped.stdout), stderr_tail=bytes(pumped.stderr_tail),
                   timed_out=pumped.timed_out, output_exceeded=pumped.exceeded,  # type: ignore[arg-type]
                   duration_s=time.monotonic() - start)
