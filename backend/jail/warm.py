"""A warm jail: one resident zygote that has imported its entry, forking a fresh child per run.

Every isolation property of a cold run holds for the forked children: they are born inside the
same jail (unprivileged uid, no capabilities, own namespaces, read-only view), get their own
limits before any of their input exists, and are killed with everything they started when the
run ends. The zygote never sees a run's input or output (the pipes go straight from the parent
to the child), so no state passes from one run to the next. Only levels with a pid namespace
run warm (the zygote kills what a run left with kill(-1), which must not reach the host).

One run at a time per worker; `run` waits a moment for a busy worker, and for a worker that is
starting (its start is as far along as a cold start would be, and a second interpreter beside
it would only halve the machine for both), and returns None when it stays busy or cannot start:
the caller then runs cold.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import socket
import subprocess
import tempfile
import threading
import time
import weakref

from backend.jail.cold import Entry, Prepared, child_limits, kill_group
from backend.jail.detect import detect_with_tools
from backend.jail.models import Limits, Outcome
from backend.jail.pump import pump

START_TIMEOUT_S = 120.0
START_WAIT_S = 30.0  # how long a run waits for a worker that is starting before it goes cold
REPLY_TIMEOUT_S = 10.0
RETRY_AFTER_S = 60.0  # a worker that failed to start is not tried again sooner (runs go cold)

_workers: "weakref.WeakSet[WarmWorker]" = weakref.WeakSet()


class WarmWorker:
    def __init__(self, entry: Entry) -> None:
        self.entry = entry
        self._lock = threading.Lock()  # one run (or start) at a time
        self._starting = threading.Lock()  # a background start in progress
        self._proc: subprocess.Popen | None = None
        self._sock: socket.socket | None = None
        self._prepared: Prepared | None = None
        self._owner = os.getpid()
        self.last_error = ""
        self._failed_at = -RETRY_AFTER_S
        self.runs = 0
        _workers.add(self)

    # ---------------------------------------------------------------------------------------
    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None and self._owner == os.getpid()

    def prestart(self) -> None:
        """Start the worker in the background (returns at once; nothing to do when it runs)."""
        if self.alive or self._starting.locked() or self._failed_for_good():
            return
        if time.monotonic() - self._failed_at < RETRY_AFTER_S:
            return
        if not self._starting.acquire(blocking=False):  # taken here, so a run sees the start at once
            return
        threading.Thread(target=self._start_in_background, name="jail-prestart", daemon=True).start()

    def _start_in_background(self) -> None:
        try:
            with self._lock:
                self._ensure()
        finally:
            self._starting.release()

    def wait_started(self, timeout: float) -> bool:
        """Wait up to `timeout` s for a start in progress; True when the worker is ready."""
        if self._starting.acquire(timeout=timeout):
            self._starting.release()
        return self.alive

    def _failed_for_good(self) -> bool:
        """No warm worker can exist under this isolation level (no pid namespace)."""
        iso, _ = detect_with_tools()
        return not iso.full_jail

    def wait_ready(self, timeout_s: float) -> bool:
        """Start the worker now, or wait for the start in progress, up to `timeout_s`; whether it
        is ready. For callers whose runs come in bursts (a UDF per chunk): a start costs about
        what one cold run costs, so waiting for it beats running cold beside it. Returns False at
        once where no warm worker can exist, or within a minute of a failed start."""
        if self.alive:
            return True
        if self._failed_for_good() or time.monotonic() - self._failed_at < RETRY_AFTER_S:
            return False
        if not self._starting.acquire(timeout=timeout_s):
            return False
        try:
            if self.alive:
                return True
            if time.monotonic() - self._failed_at < RETRY_AFTER_S:  # the start we waited for failed
                return False
            with self._lock:
                return self._ensure()
        finally:
            self._starting.release()

    def start(self) -> bool:
        """Start the worker now (waits for it); True when it is ready."""
        with self._starting, self._lock:
            return self._ensure()

    def _ensure(self) -> bool:
        if self._owner != os.getpid():  # a forked copy of the parent must not share the socket
            self._proc = self._sock = self._prepared = None
            self._owner = os.getpid()
        if self.alive:
            return True
        self._stop()
        iso, t = detect_with_tools()
        if not iso.full_jail:
            self.last_error = f"no warm worker under isolation level '{iso.level}'"
            return False
        parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._prepared = Prepared(iso, t, self.entry, warm=True)
        errors = tempfile.TemporaryFile()
        try:
            self._proc = subprocess.Popen(
                self._prepared.argv + ["--serve", str(child.fileno())], stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=errors, pass_fds=[child.fileno()], env=dict(self.entry.env),
                cwd="/", start_new_session=True)
        finally:
            child.close()
        self._sock = parent
        ready = self._recv(START_TIMEOUT_S)
        if not ready or ready.get("op") != "ready":
            errors.seek(0)
            tail = errors.read()[-600:].decode("utf-8", "replace").strip()
            self.last_error = f"the warm worker did not start: {tail or 'no answer'}"
            self._failed_at = time.monotonic()
            self._stop()
            return False
        errors.close()
        return True

    def _recv(self, timeout: float) -> dict | None:
        assert self._sock is not None
        r, _, _ = select.select([self._sock], [], [], timeout)
        if not r:
            return None
        try:
            data = self._sock.recv(65536)
        except OSError:
            return None
        return json.loads(data) if data else None

    def _send(self, message: dict) -> None:
        try:
            assert self._sock is not None
            self._sock.send(json.dumps(message).encode())
        except (OSError, AssertionError):
            pass

    def _stop(self) -> None:
        if self._sock is not None:
            self._sock.close()
        if self._proc is not None:
            kill_group(self._proc)
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        if self._prepared is not None:
            self._prepared.cleanup()
        self._proc = self._sock = self._prepared = None

    def close(self) -> None:
        with self._lock:
            self._stop()

    # ---------------------------------------------------------------------------------------
    def run(self, payload: bytes, limits: Limits, wait_s: float = 1.0, start_wait_s: float = START_WAIT_S) -> Outcome | None:
        """One run in a forked child, or None: busy for longer than `wait_s` (a warm run takes
        tens of milliseconds, a cold start seconds), still starting after `start_wait_s` (a
        start is set off when none is on its way), or no warm worker possible here. The caller
        runs cold."""
        if self._starting.locked() or not self.alive:  # alive (its process exists) may still be starting
            self.prestart()
            if not self.wait_started(start_wait_s):
                return None
        if not self._lock.acquire(timeout=wait_s):
            return None
        try:
            if not self.alive:
                return None
            return self._run(payload, limits)
        finally:
            self._lock.release()

    def _run(self, payload: bytes, limits: Limits) -> Outcome | None:
        start = time.monotonic()
        in_r, in_w = os.pipe()
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        try:
            assert self._sock is not None
            socket.send_fds(self._sock, [json.dumps({"op": "run", "limits": json.loads(child_limits(limits))}).encode()],
                            [in_r, out_w, err_w])
        except OSError:
            for fd in (in_r, in_w, out_r, out_w, err_r, err_w):
                os.close(fd)
            self._stop()
            return None
        for fd in (in_r, out_w, err_w):
            os.close(fd)
        started = self._recv(REPLY_TIMEOUT_S)
        if not started or started.get("op") != "started":
            for fd in (in_w, out_r, err_r):
                os.close(fd)
            self._stop()
            return None
        # The zygote enforces the wall time itself; the parent's own clock is the backstop.
        pumped = pump(in_w, payload, out_r, err_r, limits, start + limits.wall_s + 2.0, lambda: self._send({"op": "kill"}))
        done = self._recv(REPLY_TIMEOUT_S + (limits.wall_s if pumped.exceeded else 0))
        self.runs += 1
        if not done or done.get("op") != "exit":
            self._stop()  # unresponsive: the whole jail goes, with everything in it
            return Outcome(returncode=None, stdout=bytes(pumped.stdout), stderr_tail=bytes(pumped.stderr_tail),
                           timed_out=True, output_exceeded=pumped.exceeded, warm=True,  # type: ignore[arg-type]
                           duration_s=time.monotonic() - start)
        if not done.get("clean", False):
            self._stop()
            self.prestart()  # a fresh jail for the next run
        return Outcome(returncode=done.get("returncode"), stdout=bytes(pumped.stdout),
                       stderr_tail=bytes(pumped.stderr_tail), timed_out=bool(done.get("timed_out")) or pumped.timed_out,
                       output_exceeded=pumped.exceeded, warm=True, duration_s=time.monotonic() - start)  # type: ignore[arg-type]


def run(worker: WarmWorker | None, entry: Entry, payload: bytes, limits: Limits, wait_s: float = 1.0) -> Outcome:
    """Warm when `worker` can take the run (waiting up to `wait_s` while it is busy), cold
    otherwise; the isolation is the same."""
    from backend.jail.cold import run_once

    outcome = worker.run(payload, limits, wait_s=wait_s) if worker is not None else None
    return outcome if outcome is not None else run_once(entry, payload, limits)


@atexit.register
def _close_all() -> None:
    for worker in list(_workers):
        worker.close()
