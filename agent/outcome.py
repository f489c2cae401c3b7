"""What one run leaves behind: the step records, the outcome, and run.json written as it goes."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, Field

from agent.events import StepFinished, StepStarted
from tools.context import RunFolder
from tools.events import Event
from tools.models import ProcessGraph, ResultStats, ValidationIssue


class StepRecord(BaseModel):
    """One tool call, as recorded in run.json and in `ask --json`'s `steps`."""

    tool: str
    input: dict[str, Any] = Field(default_factory=dict)
    output: str = ""  # the short text the model saw
    ok: bool = True
    duration_s: float = 0.0


class RunOutcome(BaseModel):
    """A whole run collected: what `ask --json` prints and what the evaluation reads."""

    run_id: str = ""
    thread_id: str = ""
    model: str = ""
    backend_url: str = ""
    request: str = ""
    answer: str = ""
    code: str | None = None
    process_graph: ProcessGraph | None = None
    validation_errors: list[ValidationIssue] = Field(default_factory=list)
    result_path: str | None = None
    map_path: str | None = None
    stats: ResultStats | None = None
    steps: list[StepRecord] = Field(default_factory=list)
    timings: dict[str, float] = Field(default_factory=dict)
    run_dir: str = ""
    ok: bool = False
    failure: str | None = None
    failure_who: str | None = None
    model_calls: int = 0
    tool_calls: int = 0
    tokens_sent: int = 0


class RunRecorder:
    """Keeps the run's events and steps and rewrites run.json after every step, so a crash loses
    nothing. Without a folder (it could not be created) it only keeps them in memory."""

    def __init__(self, folder: RunFolder | None, header: dict[str, Any]) -> None:
        self.folder = folder
        self.header = header
        self.events: list[Event] = []
        self.steps: list[StepRecord] = []
        self._open: dict[str, tuple[str, dict]] = {}

    def add(self, event: Event, step_input: dict | None = None) -> None:
        self.events.append(event)
        if isinstance(event, StepStarted):
            self._open[event.step_id] = (event.tool, step_input or {})
        elif isinstance(event, StepFinished):
            _, args = self._open.pop(event.step_id, (event.tool, {}))
            self.steps.append(
                StepRecord(
                    tool=event.tool,
                    input=args,
                    output=event.output_summary,
                    ok=event.ok,
                    duration_s=round(event.duration_s, 3),
                )
            )
            self.save()

    def save(self, extra: dict[str, Any] | None = None) -> None:
        if self.folder is None:
            return
        data = {
            **self.header,
            **(extra or {}),
            "steps": [s.model_dump() for s in self.steps],
            "events": [e.model_dump(mode="json") for e in self.events],
        }
        try:
            self.folder.write_text("run.json", json.dumps(data, indent=2, default=str))
        except OSError:
            pass  # a full disk must not end the conversation; the outcome still reaches the caller
