"""The "Run edited code" path: the person's own code through sandbox → validate → execute →
map, with the same tools and events as the agent, and no model."""

from __future__ import annotations

import queue
import threading
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from langchain_core.messages import ToolMessage

from agent.errors import AgentError, UserError, classify_tool_error
from agent.events import AgentEvent, AnswerText, Failure, RunFinished, RunStarted, StepFinished, StepStarted
from agent.monitor import CODE_TOOL, summarize_input, summarize_output
from agent.outcome import RunOutcome, RunRecorder

if TYPE_CHECKING:
    from agent.runner import AgentRunner

_DONE = object()
_STATUS_FAILED = ("INVALID", "REFUSED", "ERROR", "FAILED", "[")


def run_code_events(
    runner: "AgentRunner", code: str, thread_id: str | None = None, out_dir: Path | None = None
) -> Iterator[AgentEvent]:
    started = time.monotonic()
    folder = runner._folder(out_dir)
    thread_id = thread_id or uuid.uuid4().hex[:12]
    recorder = RunRecorder(folder, {"run_id": folder.id, "thread_id": thread_id, "request": "(edited code)", "model": "none"})
    events: queue.Queue[Any] = queue.Queue()

    def put(event: Any) -> None:
        if not event.run_id:
            event.run_id = folder.id
        events.put(event)

    state: dict[str, Any] = {"error": None, "answer": ""}

    def work() -> None:
        try:
            backend = runner.backend()
            put(RunStarted(request="(edited code)", thread_id=thread_id, model="none", backend_url=backend.url, run_dir=str(folder.path)))
            ctx = runner._context(folder, backend, put)
            state["ctx"] = ctx
            tools = {t.name: t for t in runner.tools_factory(ctx)}
            ok, text = _call(tools, CODE_TOOL, {"code": code}, ctx, put)
            if not (ok and ctx.artifacts.validated):
                state["answer"] = f"The code did not pass validation:\n{text}"
                return
            ok, text = _call(tools, "execute", {}, ctx, put)
            if not ok:
                state["answer"] = f"The code is valid but running it failed:\n{text}"
                return
            _call(tools, "render_map", {}, ctx, put)
            state["answer"] = f"Your code ran. {text.splitlines()[-1] if text else ''}".strip()
        except AgentError as exc:
            state["error"] = exc
        except Exception as exc:  # noqa: BLE001 - becomes a clear Failure event
            state["error"] = classify_tool_error(exc, "run_code", getattr(runner._backend, "url", "?"))
        finally:
            events.put(_DONE)

    worker = threading.Thread(target=work, name=f"run-code-{folder.id}", daemon=True)
    worker.start()
    while (item := events.get()) is not _DONE:
        recorder.add(item)
        yield item
    worker.join()
    error: AgentError | None = state["error"]
    answer = error.message if error else state["answer"]
    tail: list[AgentEvent] = []
    if error:
        tail.append(Failure(message=error.message, who=error.who, run_id=folder.id))
    ctx = state.get("ctx")
    ok = error is None and bool(ctx and ctx.artifacts.result_path)
    timings = {"total_s": round(time.monotonic() - started, 3)}
    tail += [AnswerText(text=answer, run_id=folder.id), RunFinished(run_dir=str(folder.path), ok=ok, timings=timings, run_id=folder.id)]
    for event in tail:
        recorder.add(event)
        yield event
    a = ctx.artifacts if ctx else None
    runner.last_outcome = RunOutcome(
        run_id=folder.id, thread_id=thread_id, model="none", request="(edited code)", answer=answer,
        code=code, process_graph=a.process_graph if a else None,
        validation_errors=(a.validation_errors if a and not a.validated else []),
        result_path=a.result_path if a else None, map_path=a.map_path if a else None,
        stats=a.stats if a else None, steps=list(recorder.steps), timings=timings,
        run_dir=str(folder.path), ok=ok, failure=error.message if error else None,
        failure_who=error.who if error else None, tool_calls=len(recorder.steps),
    )  # fmt: skip
    recorder.save({"ok": ok, "answer": answer})


def _call(tools: dict, name: str, args: dict, ctx: Any, put: Any) -> tuple[bool, str]:
    """Call one tool as the agent would, with step events; a user-level error ends the run."""
    if name not in tools:
        raise UserError(f"The tool '{name}' is not available.", code="ToolMissing")
    step_id = uuid.uuid4().hex[:12]
    put(StepStarted(step_id=step_id, tool=name, input_summary=summarize_input(name, args)))
    t0 = time.monotonic()
    try:
        out = tools[name].invoke(args)
        text = out.content if isinstance(out, ToolMessage) else str(out)
        ok = not text.lstrip().startswith(_STATUS_FAILED)
    except Exception as exc:  # noqa: BLE001 - sorted by who acts
        error = classify_tool_error(exc, name, ctx.backend.url)
        if isinstance(error, UserError):
            put(StepFinished(step_id=step_id, tool=name, ok=False, output_summary=error.for_model(), duration_s=time.monotonic() - t0))
            raise error from exc
        text, ok = error.for_model(), False
    put(StepFinished(step_id=step_id, tool=name, ok=ok, output_summary=summarize_output(text), duration_s=time.monotonic() - t0))
    return ok, text
