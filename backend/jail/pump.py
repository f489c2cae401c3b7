"""The parent's side of a run's pipes: write the request, read capped answers, watch the clock.

The parent never reads more than `Limits.stdout_bytes` of stdout (the answer) or keeps more than
`Limits.stderr_bytes` of stderr; a child that writes past the stdout cap or the stderr hard cap,
or that is still running at the wall time, is killed through `kill` (the whole jail or run).
"""

from __future__ import annotations

import os
import selectors
import time
from dataclasses import dataclass, field
from typing import Callable

from backend.jail.models import Limits

CHUNK = 65536


@dataclass
class Pumped:
    stdout: bytearray = field(default_factory=bytearray)
    stderr_tail: bytearray = field(default_factory=bytearray)
    stderr_total: int = 0
    timed_out: bool = False
    exceeded: str | None = None


def pump(stdin_fd: int, payload: bytes, stdout_fd: int, stderr_fd: int, limits: Limits,
         deadline: float, kill: Callable[[], None]) -> Pumped:
    """Until both output pipes close. Closes the three descriptors."""
    result = Pumped()
    for fd in (stdin_fd, stdout_fd, stderr_fd):
        os.set_blocking(fd, False)
    sel = selectors.DefaultSelector()
    pending = memoryview(payload)
    if pending:
        sel.register(stdin_fd, selectors.EVENT_WRITE, "in")
    else:
        os.close(stdin_fd)
    sel.register(stdout_fd, selectors.EVENT_READ, "out")
    sel.register(stderr_fd, selectors.EVENT_READ, "err")
    open_outputs = 2
    killed = False
    try:
        while open_outputs:
            left = deadline - time.monotonic()
            if left <= 0 and not killed:
                result.timed_out, killed = True, True
                kill()
                left = 5.0  # the pipes close once the processes are gone
                deadline = time.monotonic() + left
            elif left <= 0:
                break  # killed and still open after the grace period: give up reading
            for key, _ in sel.select(timeout=left):
                if key.data == "in":
                    try:
                        pending = pending[os.write(stdin_fd, pending[:CHUNK]):]
                    except (BrokenPipeError, BlockingIOError) as e:
                        if isinstance(e, BlockingIOError):
                            continue
                        pending = memoryview(b"")
                    if not pending:
                        sel.unregister(stdin_fd)
                        os.close(stdin_fd)
                    continue
                try:
                    data = os.read(key.fd, CHUNK)
                except BlockingIOError:
                    continue
                if not data:
                    sel.unregister(key.fd)
                    os.close(key.fd)
                    open_outputs -= 1
                    continue
                if key.data == "out":
                    result.stdout += data
                    if len(result.stdout) > limits.stdout_bytes and not killed:
                        del result.stdout[limits.stdout_bytes:]
                        result.exceeded, killed = "stdout", True
                        kill()
                        deadline = time.monotonic() + 5.0
                    elif killed:
                        del result.stdout[limits.stdout_bytes:]
                else:
                    result.stderr_total += len(data)
                    result.stderr_tail = (result.stderr_tail + data)[-limits.stderr_bytes:]
                    if result.stderr_total > limits.stderr_hard_bytes and not killed:
                        result.exceeded, killed = "stderr", True
                        kill()
                        deadline = time.monotonic() + 5.0
    finally:
        for key in list(sel.get_map().values()):
            sel.unregister(key.fd)
            try:
                os.close(key.fd)
            except OSError:
                pass
        sel.close()
    return result
