"""Layer 4: operating-system isolation, used where the machine offers it.

Preference: bubblewrap (read-only root, private /tmp, no network, new session), else
`unshare -n` (an empty network namespace; as root) or `unshare -rn` (unprivileged user
namespace), else nothing. Each wrapper is probed once by running `true` inside it, so a
container that forbids namespaces falls back cleanly instead of failing every run.
"""

from __future__ import annotations

import functools
import shutil
import subprocess

from pydantic import BaseModel


class Isolation(BaseModel):
    name: str  # "bwrap" | "unshare-net" | "unshare-user-net" | "none"
    prefix: list[str]


def _works(cmd: list[str]) -> bool:
    try:
        return subprocess.run(cmd + ["true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _bwrap_prefix(bwrap: str) -> list[str]:
    return [
        bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
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
