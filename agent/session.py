"""One run of the agent: drive the LangChain agent graph in a worker thread and merge what it
and its tools report into one ordered stream of typed events, then close the run cleanly.

The graph runs in a worker thread so that events the tools emit while they work (progress of
a batch job, code drafted, validation) reach the consumer as they happen, through a queue.
"""

from __future__ import annotations

import queue
import threading
import time
import traceback
from typing import Any, Callable, Iterator

from langchain_core.messages import AIMessage, HumanMessage, ToolMessage
from langgraph.errors import GraphRecursionError
from pydantic import BaseModel

from agent.errors import AgentError, ConfigurationError, DiskFull, LimitReached, classify_model_error
from agent.events import AnswerText, Failure, RunFinished
from agent.monitor import RunMonitor
from agent.outcome import RunOutcome, RunRecorder, read_json
from tools.context import ToolContext

_DONE = object()
_LIMIT_PREFIXES = ("Model call limits exceeded", "Tool call limit reached", "Tool call limit exceeded")
SIMULATED_CAVEAT = (
    "Note: this result comes from the embedded backend's simulated Earth, not from real satellite "
    "observations, so its values are plausible but not measurements."
)


class RunSession:
    """Everything about one request after its graph, context and monitor have been built."""

    def __init__(
        self,
        *,
        graph: Any,
        request: str,
        thread_id: str,
        ctx: ToolContext,
        monitor: RunMonitor,
        recorder: RunRecorder,
        events: "queue.Queue[Any]",
        stamp: Callable[[BaseModel], BaseModel],
        limits: Any,
        model_name: str,
        started: float,
    ) -> None:
        self.graph = graph
        self.request = request
        self.thread_id = thread_id
        self.ctx = ctx
        self.monitor = monitor
        self.recorder = recorder
        self.events = events
        self.stamp = stamp
        self.limits = limits
        self.model_name = model_name
        self.started = started
        self.final_text = ""
        self.error: BaseException | None = None

    @property
    def config(self) -> dict:
        # each model round is a few graph steps (middleware hooks, model, tools); the limits
        # middleware ends the run first, this only guards against a loop it cannot see
        budget = 6 * self.limits.max_model_calls + self.limits.max_tool_calls + 20
        return {"configurable": {"thread_id": self.thread_id}, "recursion_limit": budget}

    # --- the worker ---------------------------------------------------------------------------
    def _drive(self) -> None:
        try:
            inputs = {"messages": [*self._close_dangling_calls(), HumanMessage(content=self.request)]}
            for chunk in self.graph.stream(inputs, self.config, stream_mode="updates"):
                for update in chunk.values() if isinstance(chunk, dict) else []:
                    messages = update.get("messages") if isinstance(update, dict) else None
                    for m in messages if isinstance(messages, list) else []:
                        if isinstance(m, AIMessage) and not m.tool_calls:
                            self.final_text = _text(m)
        except BaseException as exc:  # noqa: BLE001 - reported as a Failure event by the consumer
            self.error = exc
        finally:
            self.events.put(_DONE)

    def _close_dangling_calls(self) -> list[ToolMessage]:
        """A previous turn that crashed inside a tool leaves tool calls without answers; answer them
        so the thread stays a valid conversation for the model."""
        try:
            state = self.graph.get_state({"configurable": {"thread_id": self.thread_id}})
        except Exception:  # noqa: BLE001 - a fresh or unreadable thread simply has nothing dangling
            return []
        messages = (state.values or {}).get("messages", []) if state else []
        answered = {m.tool_call_id for m in messages if isinstance(m, ToolMessage)}
        dangling = []
        for m in messages:
            if isinstance(m, AIMessage):
                for call in m.tool_calls:
                    if call.get("id") and call["id"] not in answered:
                        dangling.append(
                            ToolMessage(
                                content="[Interrupted] This step did not finish in an earlier turn.",
                                tool_call_id=call["id"],
                                name=call.get("name"),
                                status="error",
                            )
                        )
        return dangling

    # --- the consumer -------------------------------------------------------------------------
    def events_iter(self) -> Iterator[BaseModel]:
        worker = threading.Thread(target=self._drive, name=f"agent-run-{self.ctx.run.id}", daemon=True)
        worker.start()
        try:
            while True:
                item = self.events.get()
                if item is _DONE:
                    break
                yield self._record(item)
            worker.join()
            yield from self._finish()
        finally:
            if worker.is_alive():  # the consumer stopped early: end the run at the next model call
                self.monitor.cancelled.set()

    def _record(self, event: BaseModel) -> BaseModel:
        event = self.stamp(event)
        step_id = getattr(event, "step_id", None)
        self.recorder.add(event, step_input=self.monitor.step_inputs.get(step_id) if step_id else None)
        return event

    def _finish(self) -> Iterator[BaseModel]:
        failure = self._failure()
        answer = failure.message if failure else self._answer()
        self._write_leftovers()
        if failure:
            yield self._record(Failure(message=failure.message, who=failure.who))
        yield self._record(AnswerText(text=answer))
        self.outcome = self._outcome(answer, failure)
        yield self._record(RunFinished(run_dir=str(self.ctx.run.path), ok=self.outcome.ok, timings=self.outcome.timings))
        self.recorder.save(self._summary())

    def _failure(self) -> AgentError | None:
        if self.error is not None:
            exc = self.error
            if isinstance(exc, AgentError):
                return exc
            if isinstance(exc, GraphRecursionError):
                return LimitReached(self._limit_message())
            if isinstance(exc, OSError) and getattr(exc, "errno", None) == 28:
                return DiskFull("The disk is full: the run folder cannot be written. Free some space and retry.")
            self._write_traceback(exc)
            names = {c.__name__ for c in type(exc).__mro__}
            if names & {"APIError", "APIConnectionError", "HTTPError", "ValidationError"}:
                return classify_model_error(exc, self.monitor.endpoint)
            return ConfigurationError(
                f"The agent stopped on an internal error ({type(exc).__name__}); details are in "
                f"{self.ctx.run.path / 'error.log'}. The conversation and run folder are kept."
            )
        if self.monitor.stop is not None:
            return self.monitor.stop
        if self.final_text.startswith(_LIMIT_PREFIXES):
            return LimitReached(self._limit_message())
        return None

    def _limit_message(self) -> str:
        return (
            f"I stopped after {self.monitor.model_calls} model calls and {self.monitor.tool_calls} tool calls, "
            f"the limit for one request (at most {self.limits.max_model_calls} model calls and "
            f"{self.limits.max_tool_calls} tool calls), without finishing. Try a more specific request "
            "(a place, a period and what to compute)."
        )

    def _answer(self) -> str:
        text = self.final_text.strip()
        stats = self.ctx.artifacts.stats or {}
        if not text:
            if self.ctx.artifacts.result_path:
                text = f"The result is ready ({self.ctx.artifacts.result_path}), but the model gave no explanation."
            else:
                text = "The model ended without an answer. Try rephrasing the request."
        if stats.get("simulated") and "simulat" not in text.lower():
            text = f"{text}\n\n{SIMULATED_CAVEAT}"
        return text

    def _write_traceback(self, exc: BaseException) -> None:
        try:
            self.ctx.run.write_text("error.log", "".join(traceback.format_exception(exc)))
        except OSError:
            pass

    def _write_leftovers(self) -> None:
        """Files the tools may not have written: code.py, process_graph.json, validation.json."""
        a = self.ctx.artifacts
        run = self.ctx.run
        try:
            if a.code and not run.file("code.py").exists():
                run.write_text("code.py", a.code)
            if a.process_graph and not run.file("process_graph.json").exists():
                run.write_json("process_graph.json", a.process_graph)
            if (a.code or a.process_graph) and not run.file("validation.json").exists():
                run.write_json("validation.json", {"valid": a.validated, "errors": a.validation_errors})
        except OSError:
            pass

    def _outcome(self, answer: str, failure: AgentError | None) -> RunOutcome:
        a = self.ctx.artifacts
        rec = self.recorder
        validation = rec.validation()
        errors = a.validation_errors or ([e.model_dump() for e in validation.errors] if validation else [])
        graph = a.process_graph or read_json(a.process_graph_path)
        total = time.monotonic() - self.started
        return RunOutcome(
            run_id=self.ctx.run.id,
            thread_id=self.thread_id,
            model=self.model_name,
            backend_url=self.ctx.backend.url,
            request=self.request,
            answer=answer,
            code=a.code or rec.code(),
            process_graph=graph,
            validation_errors=[] if a.validated else errors,
            result_path=a.result_path or (rec.result().result_path if rec.result() else None),
            map_path=a.map_path or (rec.map().map_path if rec.map() else None),
            stats=a.stats,
            steps=list(rec.steps),
            timings={
                "total_s": round(total, 3),
                "model_s": round(self.monitor.model_seconds, 3),
                "tools_s": round(self.monitor.tool_seconds, 3),
            },
            run_dir=str(self.ctx.run.path),
            ok=failure is None,
            failure=failure.message if failure else None,
            failure_who=failure.who if failure else None,
            model_calls=self.monitor.model_calls,
            tool_calls=self.monitor.tool_calls,
            tokens_sent=self.monitor.tokens_sent,
        )

    def _summary(self) -> dict:
        o = self.outcome
        return {
            "ok": o.ok,
            "answer": o.answer,
            "failure": o.failure,
            "timings": o.timings,
            "model_calls": o.model_calls,
            "tool_calls": o.tool_calls,
            "tokens_sent": o.tokens_sent,
            "result_path": o.result_path,
            "map_path": o.map_path,
        }


def _text(message: AIMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    parts = [p.get("text", "") if isinstance(p, dict) else str(p) for p in content]
    return "".join(parts)
