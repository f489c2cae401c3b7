"""The agent runner: owns what lives longer than one request (the backend it opened, the
persistent conversation memory) and starts a `Run` for each request.

    runner = AgentRunner(AgentSettings())
    handle = runner.stream("NDVI of the Bekaa Valley in May 2019", thread_id="t1")
    for event in handle:
        print(event)
    handle.outcome                                     # the RunOutcome
    outcome = runner.run("now the same for July", thread_id="t1")
    runner.close()

The model, the tools and the backend each come from a factory (`model_factory`,
`tools_factory`, `backend_factory`): by default they follow the settings; tests and the
evaluation hand in their own.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import date
from pathlib import Path
from typing import Any

from langchain_core.tools import BaseTool

from agent.backends import BackendFactory, OpenedBackend, open_backend
from agent.direct import EDITED_CODE, EditedCode
from agent.models import make_chat_model
from agent.outcome import RunOutcome
from agent.run import Run, RunHandle
from agent.settings import AgentSettings
from agent.turn import AgentTurn, ModelFactory, ToolsFactory
from tools import place_files
from tools.client import BackendClient
from tools.context import ToolContext


def default_tools(ctx: ToolContext) -> list[BaseTool]:
    from tools.langchain_tools import build_tools

    return build_tools(ctx)


class AgentRunner:
    """Runs requests through the LangChain agent (see the module docstring)."""

    def __init__(
        self,
        settings: AgentSettings,
        *,
        model_factory: ModelFactory | None = None,
        tools_factory: ToolsFactory | None = None,
        backend_factory: BackendFactory | None = None,
    ) -> None:
        self.settings = settings
        self.model_factory = model_factory or make_chat_model
        self.tools_factory = tools_factory or default_tools
        self.backend_factory = backend_factory or open_backend
        self._last_folder: dict[str, Path] = {}  # thread id → its latest run folder (for its place files)
        self._lock = threading.Lock()
        self._opened: OpenedBackend | None = None
        self._checkpointer: Any = None
        self._db: sqlite3.Connection | None = None

    # --- long-lived resources ---------------------------------------------------------------
    def warm_up(self) -> None:
        """Start what the first request needs before it comes (the CLI and the UI call it): the
        sandbox's warm jailed worker, in its own process and so beside everything else, then
        the backend (the embedded one with its process implementations imported)."""
        from tools.sandbox import prestart

        prestart()
        self.backend()

    def backend(self) -> BackendClient:
        """The client of the backend to talk to; the embedded one is started on first use."""
        with self._lock:
            if self._opened is None:
                self._opened = self.backend_factory(self.settings)
            return self._opened.client

    def checkpointer(self) -> Any:
        """Conversation memory per thread, kept in <runs_dir>/threads.sqlite across restarts."""
        with self._lock:
            if self._checkpointer is None:
                from langgraph.checkpoint.sqlite import SqliteSaver

                self.settings.runs_dir.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(str(self.settings.runs_dir / "threads.sqlite"), check_same_thread=False)
                self._checkpointer = SqliteSaver(self._db)
            return self._checkpointer

    def close(self) -> None:
        with self._lock:
            if self._opened is not None:
                self._opened.close()
                self._opened = None
            if self._db is not None:
                self._db.close()
                self._db = None
                self._checkpointer = None

    def __enter__(self) -> AgentRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- one request --------------------------------------------------------------------------
    def stream(self, request: str, thread_id: str | None = None, today: date | None = None,
               out_dir: Path | None = None) -> RunHandle:  # fmt: skip
        """Run one request; the handle yields its events as they happen (the last is RunFinished)
        and then holds the outcome in `.outcome`."""
        run = self._carry_places(Run.open(request, self.settings, thread_id=thread_id, today=today, out_dir=out_dir))
        work = AgentTurn(self.settings, model_factory=self.model_factory, tools_factory=self.tools_factory,
                         backend=self.backend, checkpointer=self.checkpointer)  # fmt: skip
        return run.stream(work)

    def run(self, request: str, thread_id: str | None = None, today: date | None = None,
            out_dir: Path | None = None) -> RunOutcome:  # fmt: skip
        """Run one request to the end and return what it produced."""
        handle = self.stream(request, thread_id=thread_id, today=today, out_dir=out_dir)
        for _ in handle:
            pass
        assert handle.outcome is not None
        return handle.outcome

    def _carry_places(self, run: Run) -> Run:
        """The place files of the thread's previous run into this run's folder: a follow-up or
        edited code reads `places/<name>-parts.geojson` by the same path (tools/place_files.py)."""
        if run.folder is None:
            return run
        with self._lock:
            previous = self._last_folder.get(run.thread_id)
            self._last_folder[run.thread_id] = run.folder.path
        if previous is not None and previous.is_dir():
            place_files.copy(previous, run.folder.path)
        return run

    def run_code(self, code: str, thread_id: str | None = None, out_dir: Path | None = None) -> RunHandle:
        """The "Run edited code" path: sandbox → validate → execute → map, without a model."""
        run = Run.open(
            EDITED_CODE, self.settings.model_copy(update={"model": "none"}), thread_id=thread_id, out_dir=out_dir
        )
        self._carry_places(run)
        return run.stream(EditedCode(code, tools_factory=self.tools_factory, backend=self.backend))
