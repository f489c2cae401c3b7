"""One agent runner per distinct settings, shared by the sessions that use them.

A runner owns expensive things (the embedded backend it starts, model clients), so sessions
with the same settings share one; each session still has its own thread id. Tests pass a
`factory` to use another runner.
"""

from __future__ import annotations

import threading
from typing import Callable, Protocol, Iterator

from agent.events import AgentEvent
from ui.settings import SessionSettings, to_agent_settings


class Runner(Protocol):
    def stream(self, request: str, thread_id: str | None = None, today=None, out_dir=None) -> Iterator[AgentEvent]: ...

    def run_code(self, code: str, thread_id: str | None = None, out_dir=None) -> Iterator[AgentEvent]: ...

    def close(self) -> None: ...


def default_factory(settings) -> Runner:
    from agent.runner import AgentRunner  # heavy: imported on first use, not at startup

    return AgentRunner(settings)


class RunnerPool:
    def __init__(self, factory: Callable[[object], Runner] | None = None, base_settings=None) -> None:
        self._factory = factory or default_factory
        self._base = base_settings
        self._runners: dict[str, Runner] = {}
        self._lock = threading.Lock()

    def get(self, ui: SessionSettings) -> Runner:
        key = ui.key()
        with self._lock:
            runner = self._runners.get(key)
            if runner is None:
                runner = self._factory(to_agent_settings(ui, self._base))
                self._runners[key] = runner
            return runner

    def close(self) -> None:
        with self._lock:
            runners, self._runners = list(self._runners.values()), {}
        for r in runners:
            r.close()
