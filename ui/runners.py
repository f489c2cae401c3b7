"""One agent runner per distinct settings, shared by the sessions that use them.

A runner owns expensive things (the embedded backend it starts, model clients), so sessions
with the same settings share one; each session still has its own thread id. A runner with a
session's own OIDC login is that session's alone (the login is part of its key), and is closed
when the session's login is renewed. Tests pass a `factory` to use another runner.
"""

from __future__ import annotations

import threading
from typing import Callable, Protocol, Iterator

from agent.events import AgentEvent
from ui.auth import OidcLogin
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
        self._own: dict[str, str] = {}  # session id → key of the runner with that session's login
        self._lock = threading.Lock()

    def get(self, ui: SessionSettings, login: OidcLogin | None = None, session_id: str = "") -> Runner:
        key = ui.key(login)
        stale: Runner | None = None
        with self._lock:
            runner = self._runners.get(key)
            if runner is None:
                runner = self._factory(to_agent_settings(ui, self._base, login=login))
                self._runners[key] = runner
            if login is not None and ui.auth == "oidc" and session_id:
                old = self._own.get(session_id)
                self._own[session_id] = key
                if old and old != key and old not in self._own.values():
                    stale = self._runners.pop(old, None)
        if stale is not None:
            stale.close()
        return runner

    def close(self) -> None:
        with self._lock:
            runners, self._runners = list(self._runners.values()), {}
        for r in runners:
            r.close()
