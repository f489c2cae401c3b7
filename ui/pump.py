"""Runs an agent event iterator in a thread of its own, so the UI's generator wakes up at least
every `heartbeat` seconds even while the runner is busy.

Gradio can only cancel a streaming handler (the Stop button) between two of its yields: a
handler blocked in the runner's `next()` would hold the cancelled event, and the session's next
request, until the runner's next event. With the pump the handler yields a no-op update on each
heartbeat, so Stop takes effect at once; the pump then closes the runner's stream from its own
thread, the only one that ever touches it.
"""

from __future__ import annotations

import queue
import threading
from typing import Iterable, Iterator

from agent.events import AgentEvent


class _End:
    pass


class _Crash:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


class Heartbeat:
    """Yielded by `EventPump.events()` when no event came within the heartbeat."""


HEARTBEAT = Heartbeat()


class EventPump:
    def __init__(self, events: Iterable[AgentEvent], heartbeat: float = 0.5) -> None:
        self._events = events
        self._heartbeat = heartbeat
        self._queue: queue.Queue = queue.Queue()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="ui-event-pump", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        it = iter(self._events)
        try:
            for event in it:
                if self._stop.is_set():
                    break
                self._queue.put(event)
        except Exception as exc:  # handed to the UI thread, which shows a sentence and logs it
            self._queue.put(_Crash(exc))
        finally:
            if self._stop.is_set():
                close = getattr(it, "close", None)
                if close is not None:
                    close()  # the runner's own cleanup (cancellation) runs here
            self._queue.put(_End())

    def events(self) -> Iterator[AgentEvent | Heartbeat]:
        """The runner's events as they come, with `HEARTBEAT` in between when nothing came."""
        while True:
            try:
                item = self._queue.get(timeout=self._heartbeat)
            except queue.Empty:
                yield HEARTBEAT
                continue
            if isinstance(item, _End):
                return
            if isinstance(item, _Crash):
                raise item.exc
            yield item

    def stop(self) -> None:
        """Ask the pump to close the runner's stream; it does so when the runner next answers."""
        self._stop.set()
