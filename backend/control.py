"""Stopping computations: wall-time limits, cancellation, and the values a computation produces.

One `RunControl` goes with each computation (a POST /result or a batch job). Anyone may call
`cancel(error)` from any thread: the job was canceled or deleted, the client disconnected, the
server is shutting down. The computation notices within one Dask task, because

- the Dask callback of `RunControl.dask_callback()` checks it before every task the local
  scheduler starts (so no new task starts), and reports progress;
- the local scheduler runs the tasks in the control's own thread pool (`RunControl.pool()`,
  one thread per core), and `cancel` raises `ComputationStopped` inside the tasks running there
  (an asynchronous exception, delivered at the task's next Python step: between two NumPy calls,
  not in the middle of one), so a long task does not burn on for seconds;
- the executor checks it before every process of the graph, also inside callbacks that run
  within Dask tasks (see `backend.execution`);
- on a distributed scheduler the executor cancels the futures.

The same checks enforce the deadline (`RequestTimeout`) and the values budget: every array a
process returns is counted by its shape, lazily, before anything is computed (`observe`).
`Computations` holds the running controls of one server so that shutdown can stop them all.
"""

from __future__ import annotations

import contextlib
import contextvars
import ctypes
import functools
import math
import numbers
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from backend.errors import ComputationStopped, OpenEOApiError, RequestTimeout, RequestTooLarge

if TYPE_CHECKING:  # pragma: no cover
    from dask.callbacks import Callback

__all__ = ["RunControl", "Computations", "Interrupted", "RUNTIME_SLACK"]

# The runtime check allows this much more than the static estimate's budget: the estimate works in
# metres on a sphere and rounds to whole pixels, the real grids differ by a few percent.
RUNTIME_SLACK = 1.25


def _values(value: Any) -> int | None:
    """Number of elements of an array-like (lazily: from its shape), else None."""
    shape = getattr(value, "shape", None)
    if not isinstance(shape, tuple) or not hasattr(value, "dtype"):
        return None
    total = 1
    for size in shape:
        if isinstance(size, numbers.Integral):
            total *= int(size)
        elif isinstance(size, float) and math.isfinite(size):
            total *= int(size)
        else:
            return None  # unknown chunk sizes (nan): not countable before computing
    return total


class RunControl:
    """Cancellation, deadline and values budget of one computation."""

    def __init__(self, label: str, timeout_s: float | None = None, values_budget: int | None = None,
                 on_progress: Callable[[float], None] | None = None) -> None:
        self.label = label
        self.timeout_s = timeout_s
        self.deadline = time.monotonic() + timeout_s if timeout_s else None
        self.values_budget = values_budget
        self.on_progress = on_progress
        self._stop: OpenEOApiError | None = None
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._pools: list[_StoppablePool] = []
        self.loaded_values = 0
        self.largest_values = 0

    # --- stopping ----------------------------------------------------------------------------

    def cancel(self, error: OpenEOApiError) -> None:
        """Stop the computation with `error` (the first reason given wins)."""
        with self._lock:
            if self._stop is None:
                self._stop = error
            pools = list(self._pools)
        self._event.set()
        for pool in pools:
            pool.interrupt()

    @property
    def stopped(self) -> OpenEOApiError | None:
        """The reason the computation must stop, or None while it may go on."""
        if self._stop is None and self.deadline is not None and time.monotonic() > self.deadline:
            self.cancel(RequestTimeout(
                f"The computation ran longer than its limit of {self.timeout_s:g} s and was stopped. Make the request "
                "smaller (area, period, bands) or coarser, or run it as a batch job."))
        return self._stop

    def check(self) -> None:
        """Raise the stop reason, if any (called between tasks and processes)."""
        stop = self.stopped
        if stop is not None:
            raise stop

    def wait(self, seconds: float) -> bool:
        """Sleep up to `seconds`, waking early when cancelled; True when stopped."""
        self._event.wait(seconds)
        return self.stopped is not None

    # --- the values budget -------------------------------------------------------------------

    def observe(self, process_id: str, value: Any) -> None:
        """Count an array a process returned; RequestTooLarge when it passes the budget."""
        size = _values(value)
        if size is None or self.values_budget is None:
            return
        limit = int(self.values_budget * RUNTIME_SLACK)
        with self._lock:
            self.largest_values = max(self.largest_values, size)
            if process_id == "load_collection":
                self.loaded_values += size
            loaded = self.loaded_values
        if size > limit or loaded > limit:
            what = f"'{process_id}' produces {size:,} values" if size > limit else f"the loaded data holds {loaded:,} values"
            raise RequestTooLarge(
                f"This computation is larger than its budget: {what} (pixels x bands x time steps), more than the "
                f"{self.values_budget:,} allowed here. Upsampling (a finer resample_spatial resolution, or "
                "resample_cube_spatial onto a finer cube) multiplies the pixels. Use a smaller area, fewer bands, a "
                "shorter period or a coarser resolution, or a batch job.")

    # --- Dask --------------------------------------------------------------------------------

    def dask_callback(self) -> Callback:
        """A callback for the local scheduler: stops before the next task, reports progress."""
        return _control_callback()(self)

    @contextlib.contextmanager
    def pool(self, workers: int | None = None) -> Iterator[ThreadPoolExecutor]:
        """A thread pool for the local scheduler (`compute(scheduler="threads", pool=...)`) whose
        running tasks `cancel` interrupts; closed afterwards."""
        pool = _StoppablePool(self, workers or os.cpu_count() or 2)
        with self._lock:
            self._pools.append(pool)
        try:
            if self.stopped is not None:
                pool.interrupt()
            yield pool
        finally:
            with self._lock:
                self._pools.remove(pool)
            pool.shutdown(wait=False, cancel_futures=True)


class Interrupted(ComputationStopped):
    """Raised inside a running task by `RunControl.cancel` (the control knows the real reason)."""

    def __init__(self, message: str = "The computation was stopped.") -> None:
        super().__init__(message)


def _raise_in_thread(thread_id: int) -> None:
    """Raise `Interrupted` in another thread at its next Python step (CPython's async exceptions)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(Interrupted))


class _StoppablePool(ThreadPoolExecutor):
    """The worker threads of one computation: tasks start only while the control allows, and
    `interrupt()` raises ComputationStopped in the ones running."""

    def __init__(self, control: RunControl, workers: int) -> None:
        super().__init__(max_workers=workers, thread_name_prefix=f"openeo-compute-{control.label[:20]}")
        self._control = control
        self._busy: set[int] = set()
        self._busy_lock = threading.Lock()
        self._interrupted = False

    def submit(self, fn: Callable, /, *args: Any, **kwargs: Any) -> Future:
        context = contextvars.copy_context()  # as dask's own pool: tasks see the caller's context variables
        return super().submit(context.run, self._run, fn, *args, **kwargs)

    def _run(self, fn: Callable, *args: Any, **kwargs: Any) -> Any:
        thread = threading.get_ident()
        with self._busy_lock:
            if self._interrupted:
                raise self._control.stopped or Interrupted()
            self._busy.add(thread)
        try:
            return fn(*args, **kwargs)
        finally:
            with self._busy_lock:
                self._busy.discard(thread)

    def interrupt(self) -> None:
        with self._busy_lock:
            self._interrupted = True
            for thread in self._busy:
                _raise_in_thread(thread)


@functools.cache
def _control_callback() -> type[Callback]:
    """The callback class, made on first use: importing Dask takes a second, and a backend that
    only lists and validates (`openeo-agent check`) never computes."""
    from dask.callbacks import Callback

    class _ControlCallback(Callback):
        def __init__(self, control: RunControl) -> None:
            super().__init__()
            self._control = control
            self._total = 0
            self._done = 0

        def _start_state(self, dsk, state) -> None:  # noqa: ANN001
            self._total += len(state["ready"]) + len(state["waiting"])
            self._control.check()

        def _pretask(self, key, dsk, state) -> None:  # noqa: ANN001
            self._control.check()

        def _posttask(self, key, result, dsk, state, worker_id) -> None:  # noqa: ANN001
            self._done += 1
            report = self._control.on_progress
            if report is not None and self._total:
                report(min(1.0, self._done / self._total))
            self._control.check()

    return _ControlCallback


class Computations:
    """The computations running in one server (so that shutdown can stop them all)."""

    def __init__(self) -> None:
        self._running: set[RunControl] = set()
        self._lock = threading.Lock()
        self._closed: OpenEOApiError | None = None

    @contextlib.contextmanager
    def track(self, control: RunControl) -> Iterator[RunControl]:
        with self._lock:
            if self._closed is not None:
                control.cancel(self._closed)
            self._running.add(control)
        try:
            yield control
        finally:
            with self._lock:
                self._running.discard(control)

    def cancel_all(self, error: OpenEOApiError | None = None) -> int:
        """Stop every running computation and any started later; returns how many were running."""
        error = error or ComputationStopped("The server is shutting down; the computation was stopped. Try again shortly.")
        with self._lock:
            self._closed = error
            running = list(self._running)
        for control in running:
            control.cancel(error)
        return len(running)

    def __len__(self) -> int:
        with self._lock:
            return len(self._running)
