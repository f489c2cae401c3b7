"""One request from start to outcome: its folder, recorder, tool context, event queue and ending.

    run = Run.open("NDVI of the Bekaa Valley in May 2019", settings, thread_id="t1")
    handle = run.stream(work)        # `work(run) -> Ending` runs in a worker thread
    for event in handle:             # RunStarted ... AnswerText, RunFinished, as they happen
        print(event)
    handle.outcome                   # the RunOutcome, once the events are consumed

`work` is the agent's turn through the LangGraph graph (`agent/turn.py`) or the "Run edited
code" path (`agent/direct.py`). It calls `run.start(backend_url)` once it knows the backend,
builds tools on `run.context(client)`, and returns the answer; a `ToolError` it raises (every
error that says who acts) ends the run with that message. Whatever happens, the ending is
written here and only here: the files the tools could not write, Failure (when one),
AnswerText, RunFinished, run.json and the RunOutcome.
"""

from __future__ import annotations

import queue
import threading
import time
import traceback
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable, Generator, Iterator

from agent.errors import ConfigurationError, DiskFull, UserError
from agent.events import AgentEvent, AnswerText, Failure, RunFinished, RunStarted
from agent.outcome import RunOutcome, RunRecorder
from agent.review import write_review
from agent.settings import AgentSettings
from tools.client import BackendClient
from tools.context import RunFolder, ToolContext
from tools.errors import ToolError
from tools.events import Event
from tools.models import ToolOptions

_DONE = object()


def new_run_id() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]


def estimate_tokens(chars: int) -> int:
    """Tokens from characters (about 4 per token for English and code) where no tokenizer runs offline."""
    return (chars + 3) // 4


@dataclass
class Ending:
    """How `work` ended: the answer, and whether the run produced what it was for."""

    answer: str
    ok: bool = True


@dataclass
class Usage:
    """What a run cost: the monitor counts model and tool calls, the direct path tool calls."""

    model_calls: int = 0
    tool_calls: int = 0
    chars_sent: int = 0
    model_s: float = 0.0
    tools_s: float = 0.0

    @property
    def tokens_sent(self) -> int:
        return estimate_tokens(self.chars_sent)


Work = Callable[["Run"], Ending]


class RunHandle:
    """The events of one run as they happen (an iterator), and `.outcome` once they are all read.
    `close()` stops the run: it ends at its next model call."""

    def __init__(self, run: Run, work: Work) -> None:
        self.run = run
        self.outcome: RunOutcome | None = None
        self._events = run._events(work, self)

    def __iter__(self) -> RunHandle:
        return self

    def __next__(self) -> AgentEvent:
        return next(self._events)

    def close(self) -> None:
        self._events.close()


class Run:
    """Everything one request owns. Build it with `Run.open`."""

    def __init__(self, request: str, settings: AgentSettings, *, folder: RunFolder | None, where: Path,
                 thread_id: str, today: date, folder_problem: str | None = None) -> None:  # fmt: skip
        self.request = request
        self.settings = settings
        self.folder = folder
        self.where = where
        self.id = folder.id if folder else ""
        self.thread_id = thread_id
        self.today = today
        self.model_name = settings.resolved_model
        self.backend_url = settings.backend_url or "embedded"
        self.usage = Usage()
        self.cancelled = threading.Event()  # set when the consumer stopped reading: end at the next model call
        self.step_inputs: dict[str, dict] = {}  # step id → the tool's full arguments, for run.json
        self.ctx: ToolContext | None = None
        self._folder_problem = folder_problem
        self._queue: queue.Queue[object] = queue.Queue()
        self._started = False
        self._t0 = time.monotonic()
        self.recorder = RunRecorder(folder, {
            "run_id": self.id, "thread_id": thread_id, "request": request, "today": today.isoformat(),
            "model": self.model_name, "settings": settings.public_view(),
        })  # fmt: skip

    @classmethod
    def open(cls, request: str, settings: AgentSettings, *, thread_id: str | None = None, today: date | None = None,
             out_dir: Path | None = None) -> Run:  # fmt: skip
        """A run with its folder (`out_dir`, else `<runs_dir>/<new id>`); a folder that cannot be
        created makes a run that only reports so."""
        where = Path(out_dir) if out_dir else settings.runs_dir / new_run_id()
        thread_id = thread_id or uuid.uuid4().hex[:12]
        today = today or settings.effective_today()
        try:
            folder = RunFolder(where)
        except OSError as exc:
            problem = (
                f"The run folder under {Path(out_dir or settings.runs_dir)} cannot be created ({exc.strerror or exc}). "
                "Free some disk space or set OPENEO_AGENT_RUNS_DIR to a writable folder."
            )
            return cls(request, settings, folder=None, where=Path(out_dir or settings.runs_dir), thread_id=thread_id,
                       today=today, folder_problem=problem)  # fmt: skip
        try:
            folder.write_text("request.txt", request)
        except OSError:
            pass  # a full disk shows up, as a sentence, when a tool writes
        return cls(request, settings, folder=folder, where=where, thread_id=thread_id, today=today)

    # --- what work calls ----------------------------------------------------------------------
    def emit(self, event: Event) -> None:
        """Report an event (from any thread); it is stamped with the run id and recorded in order."""
        if not event.run_id:
            event.run_id = self.id
        self._queue.put(event)

    def start(self, backend_url: str) -> None:
        """The first event, once the backend is known (an ending before it reports the settings' label)."""
        if not self._started:
            self.emit(self._started_event(backend_url))

    def _started_event(self, backend_url: str) -> RunStarted:
        self._started = True
        self.backend_url = backend_url
        self.recorder.header["backend"] = backend_url
        return RunStarted(request=self.request, thread_id=self.thread_id, model=self.model_name,
                          backend_url=backend_url, run_dir=str(self.where), run_id=self.id)  # fmt: skip

    def context(self, client: BackendClient) -> ToolContext:
        """The tools' context for this run on `client`'s backend (one per run)."""
        if self.folder is None:
            raise DiskFull(self._folder_problem or "The run folder cannot be created.")
        s = self.settings
        options = ToolOptions(basemap_url=s.web_basemap_url if s.web_basemap else None,
                              basemap_attribution=s.web_basemap_attribution)  # fmt: skip
        self.ctx = ToolContext(client, self.folder, emit=self.emit, sandbox_timeout_s=s.sandbox_timeout_s,
                               sandbox_memory_mb=s.sandbox_memory_mb, sync_pixel_budget=s.sync_pixel_budget,
                               options=options)  # fmt: skip
        return self.ctx

    # --- the stream -----------------------------------------------------------------------------
    def stream(self, work: Work) -> RunHandle:
        """Run `work` in a worker thread and hand out the events as they come."""
        return RunHandle(self, work)

    def _events(self, work: Work, handle: RunHandle) -> Generator[AgentEvent, None, None]:
        result: dict[str, Ending | ToolError] = {}
        worker = None
        if self.folder is None:
            result["failure"] = UserError(self._folder_problem or "The run folder cannot be created.", code="RunFolder")
        else:
            worker = threading.Thread(target=self._work, args=(work, result), name=f"agent-run-{self.id}", daemon=True)
            worker.start()
        try:
            while worker is not None:
                item = self._queue.get()
                if item is _DONE:
                    break
                yield self._record(item)  # type: ignore[arg-type]
            if worker is not None:
                worker.join()
            yield from self._finish(result, handle)
        finally:
            if worker is not None and worker.is_alive():  # the consumer stopped early
                self.cancelled.set()

    def _work(self, work: Work, result: dict[str, Ending | ToolError]) -> None:
        try:
            result["ending"] = work(self)
        except ToolError as error:
            result["failure"] = error
        except OSError as exc:
            result["failure"] = self._os_failure(exc)
        except BaseException as exc:  # noqa: BLE001 - a bug: details in error.log, a sentence for the person
            self._write_traceback(exc)
            result["failure"] = ConfigurationError(
                f"The agent stopped on an internal error ({type(exc).__name__}); details are in "
                f"{self.where / 'error.log'}. The conversation and run folder are kept."
            )
        finally:
            self._queue.put(_DONE)

    def _os_failure(self, exc: OSError) -> ToolError:
        if getattr(exc, "errno", None) == 28:
            return DiskFull("The disk is full: the run folder cannot be written. Free some space and retry.")
        self._write_traceback(exc)
        return ConfigurationError(f"The agent could not read or write a file ({exc.strerror or exc}); details are in "
                                  f"{self.where / 'error.log'}.")  # fmt: skip

    def _record(self, event: Event) -> AgentEvent:
        step_id = getattr(event, "step_id", None)
        self.recorder.add(event, step_input=self.step_inputs.get(step_id) if step_id else None)
        return event  # type: ignore[return-value]

    # --- the ending, written once -----------------------------------------------------------------
    def _finish(self, result: dict[str, Ending | ToolError], handle: RunHandle) -> Iterator[AgentEvent]:
        failure = result.get("failure")
        ending = result.get("ending")
        assert failure is None or isinstance(failure, ToolError)
        answer = failure.message if failure is not None else ending.answer if isinstance(ending, Ending) else ""
        ok = failure is None and (ending.ok if isinstance(ending, Ending) else False)
        self._write_leftovers()
        if self.folder is not None:  # runs/<id>/review/: history, explanation, diagram, notebook
            write_review(self.folder.path, self.recorder.events)
        if not self._started:
            yield self._record(self._started_event(self.backend_url))
        if failure is not None:
            yield self._record(self._stamped(Failure(message=failure.message, who=failure.who)))
        yield self._record(self._stamped(AnswerText(text=answer)))
        outcome = handle.outcome = self._outcome(answer, ok, failure)
        yield self._record(self._stamped(RunFinished(run_dir=str(self.where), ok=ok, timings=outcome.timings)))
        self.recorder.save({
            "ok": outcome.ok, "answer": outcome.answer, "failure": outcome.failure, "timings": outcome.timings,
            "model_calls": outcome.model_calls, "tool_calls": outcome.tool_calls, "tokens_sent": outcome.tokens_sent,
            "result_path": outcome.result_path, "map_path": outcome.map_path,
        })  # fmt: skip

    def _stamped(self, event: Event) -> Event:
        event.run_id = event.run_id or self.id
        return event

    def _outcome(self, answer: str, ok: bool, failure: ToolError | None) -> RunOutcome:
        a = self.ctx.artifacts if self.ctx else None
        total = time.monotonic() - self._t0
        return RunOutcome(
            run_id=self.id, thread_id=self.thread_id, model=self.model_name, backend_url=self.backend_url,
            request=self.request, answer=answer, run_dir=str(self.where), ok=ok,
            code=a.code if a else None,
            process_graph=a.process_graph if a else None,
            validation_errors=list(a.validation_errors) if a and not a.validated else [],
            result_path=a.result_path if a else None,
            map_path=a.map_path if a else None,
            stats=a.stats if a else None,
            steps=list(self.recorder.steps),
            timings={"total_s": round(total, 3), "model_s": round(self.usage.model_s, 3), "tools_s": round(self.usage.tools_s, 3)},
            failure=failure.message if failure else None,
            failure_who=failure.who if failure else None,
            model_calls=self.usage.model_calls, tool_calls=self.usage.tool_calls, tokens_sent=self.usage.tokens_sent,
        )  # fmt: skip

    def _write_leftovers(self) -> None:
        """Files the tools may not have written (a full disk, a crash): code.py, process_graph.json, validation.json."""
        if self.ctx is None:
            return
        a, folder = self.ctx.artifacts, self.ctx.run
        try:
            if a.code and not folder.file("code.py").exists():
                folder.write_text("code.py", a.code)
            if a.process_graph and not folder.file("process_graph.json").exists():
                folder.write_json("process_graph.json", {"process_graph": a.process_graph})
            if (a.code or a.process_graph) and not folder.file("validation.json").exists():
                folder.write_json(
                    "validation.json", {"valid": a.validated, "errors": [e.model_dump() for e in a.validation_errors]}
                )
        except OSError:
            pass  # the disk is still full: the outcome still reaches the caller

    def _write_traceback(self, exc: BaseException) -> None:
        if self.folder is None:
            return
        try:
            self.folder.write_text("error.log", "".join(traceback.format_exception(exc)))
        except OSError:
            pass
