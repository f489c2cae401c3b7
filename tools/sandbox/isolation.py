"""Layer 4: operating-system isolation, used where the machine offers it.

Preference: bubblewrap (read-only root, private /tmp, no network, new session), else
`unshare -n` (an empty network namespace; as root) or `unshare -rn` (unprivileged user
namespace), else nothing. Each wrapper is probed once by running `true` inside it, so a
container that forbids namespaces falls back cleanly instead of failing every run.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

from pydantic import BaseModel


class Isolation(BaseModel):
    name: str  # "bwrap" | "unshare-net" | "unshare-user-net" | "none"
    prefix: list[str]


def _works(cmd: list[str]) -> bool:
    try:
        return subprocess.run(cmd + ["true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def under_tmp(paths: list[str]) -> list[str]:
    """The outermost of `paths` (and their real paths) that lie inside /tmp, which the jail's
    private /tmp would hide: a virtual environment or a checkout there must stay readable."""
    found = set()
    for p in paths:
        for q in (os.path.abspath(p), os.path.realpath(p)):
            if q.startswith("/tmp/") and os.path.exists(q):
                found.add(q)
    return sorted(p for p in found if not any(p.startswith(o + "/") for o in found))


def _child_paths() -> list[str]:
    """What the child reads: the interpreter and its packages, and this project's source."""
    project = str(Path(__file__).resolve().parents[2])
    return [sys.prefix, sys.base_prefix, sys.exec_prefix, project, *[p for p in sys.path if p]]


def _bwrap_prefix(bwrap: str) -> list[str]:
    rebinds = [arg for p in under_tmp(_child_paths()) for arg in ("--ro-bind", p, p)]
    return [
        bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", *rebinds,
        "--unshare-all", "--die-with-parent", "--new-session", "--chdir", "/tmp",
    ]


@functools.lru_cache(maxsize=1)
def detect() -> Isolation:
    bwrap = shutil.which("bwrap")
    if bwrap and _works(_bwrap_prefix(bwrap)):
        return Isolation(name="bwrap", prefix=_bwrap_prefix(bwrap))
    unshare = shutil.which("unshare")
    if unshare:
        if _works([unshare, "-n"]):
            return Isolation(name="unshare-net", prefix=[unshare, "-n"])
        if _works([unshare, "-rn"]):
            return Isolation(name="unshare-user-net", prefix=[unshare, "-rn"])
    return Isolation(name="none", prefix=[])
