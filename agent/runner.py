"""The agent runner: owns what lives longer than one request (the embedded backend it started,
the persistent conversation memory) and turns each request into a stream of typed events.

    runner = AgentRunner(AgentSettings())
    for event in runner.stream("NDVI of the Bekaa Valley in May 2019", thread_id="t1"):
        print(event)
    outcome = runner.run("now the same for July", thread_id="t1")
    runner.close()
"""

from __future__ import annotations

import queue
import sqlite3
import threading
import time
import uuid
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

from langchain_core.language_models import BaseChatModel
from langchain_core.tools import BaseTool
from pydantic import BaseModel

from agent import prompts
from agent.errors import AgentError, BackendUnavailable, BadRequest, ConfigurationError
from agent.events import AgentEvent, AnswerText, Failure, RunFinished, RunStarted
from agent.models import make_chat_model
from agent.monitor import RunMonitor
from agent.outcome import RunOutcome, RunRecorder
from agent.session import RunSession
from agent.settings import AgentSettings
from tools.context import BackendRef, RunFolder, ToolContext
from tools.models import ToolOptions

ToolsFactory = Callable[[ToolContext], list[BaseTool]]
ModelFactory = Callable[[AgentSettings, date], BaseChatModel]


def new_run_id() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]


def default_tools(ctx: ToolContext) -> list[BaseTool]:
    from tools.langchain_tools import build_tools

    return build_tools(ctx)


class AgentRunner:
    """Runs requests through the LangChain agent. `model_factory` and `tools_factory` are there
    for tests and the evaluation harness; by default they follow the settings."""

    def __init__(
        self,
        settings: AgentSettings,
        *,
        model_factory: ModelFactory | None = None,
        tools_factory: ToolsFactory | None = None,
    ) -> None:
        self.settings = settings
        self.model_factory = model_factory or make_chat_model
        self.tools_factory = tools_factory or default_tools
        self._lock = threading.Lock()
        self._server: Any = None
        self._backend: BackendRef | None = None
        self._checkpointer: Any = None
        self._db: sqlite3.Connection | None = None
        self.last_outcome: RunOutcome | None = None

    # --- long-lived resources ---------------------------------------------------------------
    def backend(self) -> BackendRef:
        """The backend to talk to; the embedded one is started on first use."""
        with self._lock:
            if self._backend is None:
                self._backend = self._connect_backend()
            return self._backend

    def _connect_backend(self) -> BackendRef:
        s = self.settings
        if s.backend_url:
            password = s.backend_password.get_secret_value() if s.backend_password else None
            return BackendRef(url=s.backend_url, auth=s.backend_auth, username=s.backend_username, password=password)
        try:
            from backend.server import start_in_thread
            from backend.settings import BackendSettings
        except ImportError as exc:
            raise ConfigurationError("The embedded backend is not installed; set --backend to an openEO URL.") from exc
        overrides = {"data_dir": s.backend_data_dir} if s.backend_data_dir else {}
        try:
            self._server = start_in_thread(BackendSettings(**overrides))
        except Exception as exc:  # noqa: BLE001 - the user can point --backend elsewhere
            raise BackendUnavailable(
                f"The embedded openEO backend could not start ({type(exc).__name__}: {exc}). "
                "Use --backend URL / OPENEO_AGENT_BACKEND_URL to use another backend."
            ) from exc
        return BackendRef(url=self._server.url, is_embedded=True)

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
            if self._server is not None:
                self._server.stop()
                self._server = None
                self._backend = None
            if self._db is not None:
                self._db.close()
                self._db = None
                self._checkpointer = None

    def __enter__(self) -> "AgentRunner":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- one request --------------------------------------------------------------------------
    def _folder(self, out_dir: Path | None) -> RunFolder:
        return RunFolder(Path(out_dir) if out_dir else self.settings.runs_dir / new_run_id())

    def _context(self, folder: RunFolder, backend: BackendRef, emit: Callable[[BaseModel], None]) -> ToolContext:
        s = self.settings
        return ToolContext(
            backend,
            folder,
            emit=emit,
            sandbox_timeout_s=s.sandbox_timeout_s,
            sandbox_memory_mb=s.sandbox_memory_mb,
            sync_pixel_budget=s.sync_pixel_budget,
            options=ToolOptions(basemap_url=s.web_basemap_url if s.web_basemap else None,
                                basemap_attribution=s.web_basemap_attribution),
        )

    def stream(
        self,
        request: str,
        thread_id: str | None = None,
        today: date | None = None,
        out_dir: Path | None = None,
    ) -> Iterator[AgentEvent]:
        """Run one request and yield its events as they happen; the last is RunFinished.
        Afterwards `last_outcome` holds the collected outcome (use `run` when several threads
        share this runner)."""
        sink: list[RunOutcome] = []
        yield from self._stream(request, thread_id, today, out_dir, sink)
        self.last_outcome = sink[-1] if sink else None

    def _stream(
        self,
        request: str,
        thread_id: str | None,
        today: date | None,
        out_dir: Path | None,
        sink: list[RunOutcome],
    ) -> Iterator[AgentEvent]:
        started = time.monotonic()
        try:
            folder = self._folder(out_dir)
        except OSError as exc:
            where = Path(out_dir or self.settings.runs_dir)
            message = (
                f"The run folder under {where} cannot be created ({exc.strerror or exc}). "
                "Free some disk space or set OPENEO_AGENT_RUNS_DIR to a writable folder."
            )
            sink.append(RunOutcome(request=request, answer=message, ok=False, failure=message, failure_who="user", run_dir=str(where)))
            yield from _no_folder(request, where, message)
            return
        thread_id = thread_id or uuid.uuid4().hex[:12]
        today = today or self.settings.effective_today()
        model_name = self.settings.resolved_model
        stamp = _stamper(folder.id)
        backend_label = self.settings.backend_url or "embedded"
        recorder = RunRecorder(
            folder,
            {
                "run_id": folder.id,
                "thread_id": thread_id,
                "request": request,
                "today": today.isoformat(),
                "model": model_name,
                "settings": self.settings.public_view(),
            },
        )
        try:
            folder.write_text("request.txt", request)
        except OSError:
            pass

        def early_end(error: AgentError) -> Iterator[AgentEvent]:
            for event in (
                Failure(message=error.message, who=error.who),
                AnswerText(text=error.message),
                RunFinished(run_dir=str(folder.path), ok=False, timings={"total_s": round(time.monotonic() - started, 3)}),
            ):
                event = stamp(event)
                recorder.add(event)
                yield event
            sink.append(RunOutcome(
                run_id=folder.id, thread_id=thread_id, model=model_name, backend_url=backend_label,
                request=request, answer=error.message, run_dir=str(folder.path), ok=False,
                failure=error.message, failure_who=error.who,
                timings={"total_s": round(time.monotonic() - started, 3)},
            ))  # fmt: skip
            recorder.save({"ok": False, "failure": error.message})

        try:
            request_text = self._check_request(request)
            model = self.model_factory(self.settings, today)
            backend = self.backend()
        except AgentError as error:
            yield _first(stamp, recorder, request, thread_id, model_name, backend_label, folder)
            yield from early_end(error)
            return

        recorder.header["backend"] = backend.url
        events: queue.Queue[Any] = queue.Queue()
        ctx = self._context(folder, backend, events.put)
        monitor = RunMonitor(
            ctx,
            events.put,
            max_repair_attempts=self.settings.limits.max_repair_attempts,
            endpoint=self.settings.openai_base_url or ("https://api.openai.com/v1" if not self.settings.is_offline else "offline"),
        )
        yield _first(stamp, recorder, request, thread_id, model_name, backend.url, folder)
        try:
            monitor.compact_system_prompt = prompts.system_prompt(today, example=None)
            graph = self._build_graph(model, self.tools_factory(ctx), monitor, today)
        except AgentError as error:
            yield from early_end(error)
            return
        except Exception as exc:  # noqa: BLE001 - a missing part is the developer's to fix
            yield from early_end(ConfigurationError(f"The agent could not be assembled ({type(exc).__name__}: {exc})."))
            return
        session = RunSession(
            graph=graph,
            request=request_text,
            thread_id=thread_id,
            ctx=ctx,
            monitor=monitor,
            recorder=recorder,
            events=events,
            stamp=stamp,
            limits=self.settings.limits,
            model_name=model_name,
            started=started,
        )
        yield from session.events_iter()
        sink.append(session.outcome)

    def run(
        self,
        request: str,
        thread_id: str | None = None,
        today: date | None = None,
        out_dir: Path | None = None,
    ) -> RunOutcome:
        """Run one request to the end and return what it produced."""
        sink: list[RunOutcome] = []
        for _ in self._stream(request, thread_id, today, out_dir, sink):
            pass
        return sink[-1]

    def run_code(self, code: str, thread_id: str | None = None, out_dir: Path | None = None) -> Iterator[AgentEvent]:
        """The "Run edited code" path: sandbox → validate → execute → map, without a model."""
        from agent.direct import run_code_events

        yield from run_code_events(self, code, thread_id=thread_id, out_dir=out_dir)

    # --- building blocks ------------------------------------------------------------------------
    def _check_request(self, request: str) -> str:
        text = (request or "").strip()
        if not text:
            raise BadRequest("The request is empty. Say what you want to see, where and when, e.g. "
                             "'NDVI of the Bekaa Valley in May 2019'.")  # fmt: skip
        limit = self.settings.limits.max_request_chars
        if len(text) > limit:
            raise BadRequest(f"The request is {len(text)} characters long; the limit is {limit}. "
                             "Shorten it to what to compute, where and when.")  # fmt: skip
        return text

    def _build_graph(self, model: BaseChatModel, tools: list[BaseTool], monitor: RunMonitor, today: date) -> Any:
        from langchain.agents import create_agent
        from langchain.agents.middleware import ModelCallLimitMiddleware, ToolCallLimitMiddleware

        limits = self.settings.limits
        return create_agent(
            model,
            tools,
            system_prompt=prompts.system_prompt(today),
            middleware=[
                monitor,
                ModelCallLimitMiddleware(run_limit=limits.max_model_calls, exit_behavior="end"),
                ToolCallLimitMiddleware(run_limit=limits.max_tool_calls, exit_behavior="end"),
            ],
            checkpointer=self.checkpointer(),
        )


def _stamper(run_id: str) -> Callable[[BaseModel], BaseModel]:
    def stamp(event: BaseModel) -> BaseModel:
        if hasattr(event, "run_id") and not getattr(event, "run_id"):
            event.run_id = run_id
        return event

    return stamp


def _first(stamp, recorder, request, thread_id, model_name, backend_url, folder) -> AgentEvent:  # noqa: ANN001
    event = stamp(
        RunStarted(
            request=request, thread_id=thread_id, model=model_name, backend_url=backend_url, run_dir=str(folder.path)
        )
    )
    recorder.add(event)
    return event


def _no_folder(request: str, where: Path, message: str) -> Iterator[AgentEvent]:
    """The run folder cannot be created (full disk, no permission): say so, write nothing."""
    yield RunStarted(request=request, thread_id="", model="", backend_url="", run_dir=str(where))
    yield Failure(message=message, who="user")
    yield AnswerText(text=message)
    yield RunFinished(run_dir=str(where), ok=False)
