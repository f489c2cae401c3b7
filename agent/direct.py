"""The "Run edited code" path: the person's own code through sandbox → validate → execute → map,
with the same tools, events and run ending as the agent, and no model.

    handle = Run.open("(edited code)", settings).stream(EditedCode(code, tools_factory=..., backend=...))

Each step's outcome is read from the tool message's typed artifact (`artifact.status`), not
from its text.
"""

from __future__ import annotations

import time
import uuid
from typing import Any, Callable

from langchain_core.messages import ToolMessage
from langchain_core.tools import BaseTool

from agent.errors import classify_tool_error
from agent.events import StepFinished, StepStarted
from agent.monitor import CODE_TOOL, summarize_input, summarize_output
from agent.run import Ending, Run
from agent.turn import ToolsFactory
from tools.client import BackendClient
from tools.context import ToolContext
from tools.errors import ToolError

EDITED_CODE = "(edited code)"


class EditedCode:
    """The work of a run of the person's code."""

    def __init__(self, code: str, *, tools_factory: ToolsFactory, backend: Callable[[], BackendClient]) -> None:
        self.code = code
        self.tools_factory = tools_factory
        self.backend = backend

    def __call__(self, run: Run) -> Ending:
        client = self.backend()
        run.start(client.url)
        ctx = run.context(client)
        tools = {t.name: t for t in self.tools_factory(ctx)}
        ok, text = _call(run, ctx, tools, CODE_TOOL, {"code": self.code})
        if not (ok and ctx.artifacts.validated):
            return Ending(f"The code did not pass validation:\n{text}", ok=False)
        ok, text = _call(run, ctx, tools, "execute", {})
        if not ok:
            return Ending(f"The code is valid but running it failed:\n{text}", ok=False)
        _call(run, ctx, tools, "render_map", {})
        last = text.splitlines()[-1] if text else ""
        return Ending(f"Your code ran. {last}".strip(), ok=bool(ctx.artifacts.result_path))


def _call(run: Run, ctx: ToolContext, tools: dict[str, BaseTool], name: str, args: dict[str, Any]) -> tuple[bool, str]:
    """Call one tool as the agent would, with step events; an error for the person ends the run."""
    if name not in tools:
        raise ToolError("ToolMissing", f"The tool '{name}' is not available.", who="developer")
    step_id = uuid.uuid4().hex[:12]
    run.step_inputs[step_id] = args
    run.usage.tool_calls += 1
    run.emit(StepStarted(step_id=step_id, tool=name, input_summary=summarize_input(name, args)))
    t0 = time.monotonic()
    try:
        message = tools[name].invoke({"name": name, "args": args, "id": step_id, "type": "tool_call"})
        text = str(message.content if isinstance(message, ToolMessage) else message)
        artifact = message.artifact if isinstance(message, ToolMessage) else None
        ok = getattr(artifact, "ok", True) is not False and getattr(message, "status", "success") != "error"
    except Exception as exc:  # noqa: BLE001 - sorted by who acts
        error = classify_tool_error(exc, name, ctx.backend.url)
        if error.who != "model":
            run.emit(StepFinished(step_id=step_id, tool=name, ok=False, output_summary=error.for_model(),
                                  duration_s=time.monotonic() - t0))  # fmt: skip
            raise error from exc
        text, ok = error.for_model(), False
    duration = time.monotonic() - t0
    run.usage.tools_s += duration
    run.emit(
        StepFinished(step_id=step_id, tool=name, ok=ok, output_summary=summarize_output(text), duration_s=duration)
    )
    return ok, text
