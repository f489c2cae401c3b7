"""The middleware that watches one run: step events and timings, model calls and tokens sent,
validate → repair bookkeeping, and errors turned into who-acts errors.

It sits inside the LangChain agent (`create_agent(..., middleware=[monitor, ...])`) so that a
step's events are emitted in order around the real tool call, from the thread that runs it.
How a step went is read from the tool message's typed artifact (`artifact.ok`, see
tools/models.py) and from the run's artifacts, never from the text the model reads; an error
that needs the person arrives as a raised `ToolError` with `who="user"` and ends the run.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from typing import Any, Callable

from langchain.agents.middleware import AgentMiddleware, hook_config
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage
from langchain_core.utils.function_calling import convert_to_openai_tool
from langgraph.errors import GraphBubbleUp

from agent.errors import ModelMisbehaved, RepairExhausted, UserError, classify_model_error, classify_tool_error
from agent.events import StepFinished, StepStarted
from agent.run import Run
from tools.context import ToolContext
from tools.errors import ToolError

CODE_TOOL = "run_openeo_code"
_MALFORMED_RETRIES = 2
_UNSTARTED_WAIT_S = 5.0
_FINISHING_TOOLS = {CODE_TOOL, "execute", "render_map"}


def message_chars(message: BaseMessage) -> int:
    content = message.content if isinstance(message.content, str) else json.dumps(message.content, default=str)
    n = len(content)
    for call in getattr(message, "tool_calls", None) or []:
        n += len(call.get("name", "")) + len(json.dumps(call.get("args", {}), default=str))
    return n


def tool_schema_chars(tools: list[Any]) -> int:
    n = 0
    for tool in tools:
        try:
            n += len(json.dumps(convert_to_openai_tool(tool), default=str))
        except (TypeError, ValueError):
            n += len(str(tool))
    return n


def summarize_input(tool: str, args: dict[str, Any]) -> str:
    if tool == CODE_TOOL and isinstance(args.get("code"), str):
        return f"{len(args['code'].splitlines())} lines of openEO Python code"
    text = ", ".join(f"{k}={v!r}" for k, v in args.items())
    return text if len(text) <= 100 else text[:97] + "..."


def summarize_output(content: Any, limit: int = 300) -> str:
    text = content if isinstance(content, str) else json.dumps(content, default=str)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


class RunMonitor(AgentMiddleware):
    """Counts, times and reports one run; stops it cleanly when it must."""

    def __init__(
        self,
        run: Run,
        ctx: ToolContext,
        *,
        max_repair_attempts: int,
        endpoint: str,
        compact_system_prompt: str | None = None,
    ) -> None:
        super().__init__()
        self.run = run
        self.ctx = ctx
        self.emit = run.emit
        self.usage = run.usage
        self.cancelled = run.cancelled
        self.compact_system_prompt = compact_system_prompt
        self.max_repair_attempts = max_repair_attempts
        self.endpoint = endpoint
        self.lock = threading.Lock()
        self.code_failures = 0
        self.last_code_error = ""
        self.drafted = False  # run_openeo_code was called in this turn
        self.valid = False  # ... and its last answer was VALID
        self.stop: ToolError | None = None  # set when the run must end without another model call
        self._turns = threading.Condition()
        self._started: set[str] = set()
        self._finished: set[str] = set()

    # --- before each model call: stop when a step asked for it ------------------------------
    @hook_config(can_jump_to=["end"])
    def before_model(self, state: Any, runtime: Any) -> dict[str, Any] | None:
        if self.cancelled.is_set() and self.stop is None:
            self.stop = UserError("The run was cancelled.", code="Cancelled")
        if self.stop is None and self.code_failures > self.max_repair_attempts:
            self.stop = RepairExhausted(
                f"I could not produce code that the backend accepts after {self.code_failures} attempts. "
                f"The last problem was: {self.last_code_error or 'unknown'}. "
                "Try rephrasing the request, a smaller area or a shorter period; the last code is in code.py."
            )
        return {"jump_to": "end"} if self.stop is not None else None

    # --- around each model call -------------------------------------------------------------
    def wrap_model_call(self, request: Any, handler: Callable[[Any], Any]) -> Any:
        request = self._focus(request)
        for attempt in range(_MALFORMED_RETRIES + 1):
            self._count_sent(request)
            started = time.monotonic()
            try:
                response = handler(request)
            except GraphBubbleUp:
                raise
            except Exception as exc:  # noqa: BLE001 - every model failure becomes a who-acts error
                raise classify_model_error(exc, self.endpoint) from exc
            finally:
                self.usage.model_s += time.monotonic() - started
            bad = _malformed(response)
            if bad is None:
                return response
            if attempt == _MALFORMED_RETRIES:
                raise ModelMisbehaved(
                    f"The model sent malformed tool calls {attempt + 1} times in a row ({bad}). "
                    "Try again, or use a model that supports tool calling."
                )
            note = HumanMessage(
                content=f"[MalformedToolCall] Your last tool call could not be parsed ({bad}). "
                "Call the tool again with valid JSON arguments matching its schema."
            )
            request = request.override(messages=[*request.messages, AIMessage(content=""), note])
        return response  # pragma: no cover - the loop always returns or raises

    def _focus(self, request: Any) -> Any:
        """Send less as the turn progresses: once code is drafted the few-shot example is dropped
        from the system prompt, and once it is VALID only the tools that finish the job remain."""
        changes: dict[str, Any] = {}
        if self.drafted and self.compact_system_prompt:
            changes["system_message"] = SystemMessage(content=self.compact_system_prompt)
        if self.valid:
            finishing = [t for t in request.tools or [] if getattr(t, "name", None) in _FINISHING_TOOLS]
            if finishing:
                changes["tools"] = finishing
        return request.override(**changes) if changes else request

    def _count_sent(self, request: Any) -> None:
        chars = sum(message_chars(m) for m in request.messages)
        if request.system_message is not None:
            chars += message_chars(request.system_message)
        chars += tool_schema_chars(list(request.tools or []))
        with self.lock:
            self.usage.model_calls += 1
            self.usage.chars_sent += chars

    # --- around each tool call --------------------------------------------------------------
    def wrap_tool_call(self, request: Any, handler: Callable[[Any], Any]) -> Any:
        call = request.tool_call
        name = call.get("name", "?")
        args = call.get("args") or {}
        step_id = call.get("id") or uuid.uuid4().hex[:12]
        self._wait_turn(request.state, step_id)
        try:
            return self._tool_step(request, handler, call, name, args, step_id)
        finally:
            with self._turns:
                self._finished.add(step_id)
                self._turns.notify_all()

    def _wait_turn(self, state: Any, call_id: str) -> None:
        """Tool calls sent together in one message run in the order the model gave them (the
        graph starts them in parallel): `execute` and `render_map` can share one round-trip."""
        order = _batch_order(state)
        before = order[: order.index(call_id)] if call_id in order else []
        give_up = time.monotonic() + _UNSTARTED_WAIT_S
        with self._turns:
            while True:
                pending = [i for i in before if i not in self._finished]
                if not pending or self.cancelled.is_set():
                    break
                if time.monotonic() > give_up and not any(i in self._started for i in pending):
                    break  # a predecessor never started (blocked elsewhere): do not deadlock
                self._turns.wait(0.1)
            self._started.add(call_id)

    def _tool_step(
        self, request: Any, handler: Callable[[Any], Any], call: dict, name: str, args: dict, step_id: str
    ) -> Any:
        if self.stop is not None:  # an earlier call of the same message ended the run
            text = f"[Skipped] Not run: {self.stop.message}"
            self.run.step_inputs[step_id] = args
            self.emit(StepStarted(step_id=step_id, tool=name, input_summary=summarize_input(name, args)))
            self.emit(StepFinished(step_id=step_id, tool=name, ok=False, output_summary=summarize_output(text)))
            return ToolMessage(content=text, tool_call_id=call.get("id", step_id), name=name, status="error")
        with self.lock:
            self.usage.tool_calls += 1
            self.run.step_inputs[step_id] = args
        self.emit(StepStarted(step_id=step_id, tool=name, input_summary=summarize_input(name, args)))
        started = time.monotonic()
        try:
            result = handler(request)
        except GraphBubbleUp:
            raise
        except Exception as exc:  # noqa: BLE001 - sorted by who acts, never swallowed
            error = classify_tool_error(exc, name, self.ctx.backend.url)
            if error.who != "model":  # the person (or the developer) must act: the model cannot
                self.stop = error
            result = ToolMessage(
                content=error.for_model(), tool_call_id=call.get("id", step_id), name=name, status="error"
            )
        duration = time.monotonic() - started
        self.usage.tools_s += duration
        ok, content = _tool_outcome(result)
        if name == CODE_TOOL:
            ok = ok and bool(self.ctx.artifacts.validated)
            self.drafted, self.valid = True, ok
            if not ok:
                self.code_failures += 1
                self.last_code_error = summarize_output(content, 240)
        self.emit(
            StepFinished(
                step_id=step_id, tool=name, ok=ok, output_summary=summarize_output(content), duration_s=duration
            )
        )
        return result


def _batch_order(state: Any) -> list[str]:
    """The ids of the tool calls of the latest AI message, in the model's order."""
    messages = state.get("messages", []) if isinstance(state, dict) else getattr(state, "messages", [])
    for message in reversed(messages or []):
        if isinstance(message, AIMessage):
            return [c.get("id") or "" for c in message.tool_calls]
    return []


def _tool_outcome(result: Any) -> tuple[bool, Any]:
    """(ok, the text the model reads) of a tool's answer: `ok` from its typed artifact."""
    if isinstance(result, ToolMessage):
        artifact_ok = getattr(result.artifact, "ok", True)  # a tool without an artifact: only its status counts
        return result.status != "error" and artifact_ok is not False, result.content
    return True, str(result)  # a Command: the tool changed state itself


def _malformed(response: Any) -> str | None:
    """A short description of malformed tool calls in a model response, or None when usable."""
    messages = getattr(response, "result", None)
    if messages is None and isinstance(response, AIMessage):
        messages = [response]
    for message in messages or []:
        if isinstance(message, AIMessage) and message.invalid_tool_calls and not message.tool_calls:
            first = message.invalid_tool_calls[0]
            return f"{first.get('name') or 'unnamed tool'}: {first.get('error') or 'arguments are not valid JSON'}"
    return None
