"""The typed event stream of one agent run.

The agent yields these while it works; the CLI prints them, the UI renders them, run.json
records them. Every event is a pydantic model with a literal `type`, and `AgentEvent` is their
discriminated union, so a consumer can `match event:` or parse JSON back with
`EventAdapter.validate_json(...)`.

The events the tools make (code drafted, validation, progress, result, map) and the types they
carry (`ValidationIssue`, `ResultStats`) live in `tools/` and are re-exported here; the run's own
events (started, steps, answer, failure, finished) are defined here.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field, TypeAdapter

from tools.errors import Who
from tools.events import CodeDrafted, Event, MapReady, Progress, ResultReady, ValidationResult
from tools.models import ResultStats, ValidationIssue

__all__ = [
    "AgentEvent", "AnswerText", "CodeDrafted", "EventAdapter", "Event", "Failure", "MapReady", "Progress",
    "ResultReady", "ResultStats", "RunFinished", "RunStarted", "StepFinished", "StepStarted", "ValidationIssue",
    "ValidationResult",
]  # fmt: skip


class RunStarted(Event):
    type: Literal["run_started"] = "run_started"
    request: str
    thread_id: str
    model: str
    backend_url: str
    run_dir: str


class StepStarted(Event):
    type: Literal["step_started"] = "step_started"
    step_id: str
    tool: str
    input_summary: str = ""  # one line, for a collapsed step title


class StepFinished(Event):
    type: Literal["step_finished"] = "step_finished"
    step_id: str
    tool: str
    ok: bool
    output_summary: str = ""  # the short text the model saw
    duration_s: float = 0.0


class AnswerText(Event):
    type: Literal["answer"] = "answer"
    text: str


class Failure(Event):
    """A run ended without a result. `who` says who must act: the user, or the developer."""

    type: Literal["failure"] = "failure"
    message: str  # a clear sentence, never a traceback
    who: Who = "user"


class RunFinished(Event):
    type: Literal["run_finished"] = "run_finished"
    run_dir: str
    ok: bool
    timings: dict[str, float] = Field(default_factory=dict)


AgentEvent = Annotated[
    Union[
        RunStarted,
        StepStarted,
        StepFinished,
        CodeDrafted,
        ValidationResult,
        Progress,
        ResultReady,
        MapReady,
        AnswerText,
        Failure,
        RunFinished,
    ],
    Field(discriminator="type"),
]

EventAdapter: TypeAdapter[AgentEvent] = TypeAdapter(AgentEvent)
