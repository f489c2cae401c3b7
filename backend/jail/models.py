"""The jail's typed values: which isolation is in force, the limits of one run, what came back."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Level = Literal["bwrap", "unshare", "uid-drop", "none", "unavailable"]

NOBODY = 65534
"""The unprivileged uid and gid untrusted code runs as when the parent is root."""


class Isolation(BaseModel):
    """The operating-system isolation untrusted code runs under, as probed on this machine.

    `bwrap` and `unshare` are the full jail (own user-visible root with only the interpreter, its
    packages and the jail's code, read-only; private /proc, /tmp and scratch; new pid, network,
    ipc, uts and mount namespaces; an unprivileged uid with no capabilities and no_new_privs).
    `uid-drop` is the fallback as root without namespaces: the unprivileged uid alone. `none`
    runs as the calling (non-root) user with the Python layers only. `unavailable` means root
    without any way to drop privileges: untrusted code is then refused, never run as root."""

    level: Level
    uid: int | None = None  # host uid the untrusted code runs as (None: nothing runs)
    namespaces: list[str] = Field(default_factory=list)  # e.g. ["ipc", "mnt", "net", "pid", "uts"]
    private_filesystem: bool = False  # sees only the bound paths, read-only
    no_new_privs: bool = False
    capabilities: str = ""  # effective capability mask of the probed child ("0000000000000000": none)
    summary: str  # one plain sentence for the CLI and the UI
    fallback_reasons: list[str] = Field(default_factory=list)  # why stronger levels are not in use

    @property
    def runs_code(self) -> bool:
        return self.level != "unavailable"

    @property
    def full_jail(self) -> bool:
        return self.level in ("bwrap", "unshare")


class Limits(BaseModel):
    """Limits of one jailed run. Memory is what the run may allocate beyond the preloaded image."""

    wall_s: float = 30.0
    cpu_s: int = 31
    memory_mb: int = 1024
    file_mb: int = 4  # largest file the run may write (only its private scratch is writable)
    processes: int = 0  # RLIMIT_NPROC: new processes or threads the run may start (0: none; tests raise it)
    stdout_bytes: int = 8_000_000  # the parent reads no more than this from the child's stdout
    stderr_bytes: int = 64_000  # the tail of stderr that is kept
    stderr_hard_bytes: int = 4_000_000  # more stderr than this ends the run


class Outcome(BaseModel):
    """What one jailed run gave back. `stdout` is the child's whole answer (at most the cap)."""

    model_config = {"arbitrary_types_allowed": True}

    returncode: int | None = None  # exit status; negative: killed by that signal
    stdout: bytes = b""
    stderr_tail: bytes = b""
    timed_out: bool = False
    output_exceeded: Literal["stdout", "stderr"] | None = None
    warm: bool = False  # forked from a warm worker rather than started cold
    duration_s: float = 0.0
    unavailable: str | None = None  # set when nothing ran: why (one sentence)

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out and self.output_exceeded is None and self.unavailable is None
