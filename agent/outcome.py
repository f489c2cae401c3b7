"""What one run leaves behind: the step records, the outcome, and run.json written as it goes."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from agent.events import (
    AnswerText,
    CodeDrafted,
    Failure,
    MapReady,
    ResultReady,
    StepFinished,
    StepStarted,
    ValidationResult,
)
from tools.context import RunFolder


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
    process_graph: dict | None = None
    validation_errors: list[dict] = Field(default_factory=list)
    result_path: str | None = None
    map_path: str | None = None
    stats: dict | None = None
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
    """Keeps the run's events and steps and rewrites run.json after every step, so a crash loses nothing."""

    def __init__(self, folder: RunFolder, header: dict[str, Any]) -> None:
        self.folder = folder
        self.header = header
        self.events: list[BaseModel] = []
        self.steps: list[StepRecord] = []
        self._open: dict[str, tuple[str, dict]] = {}
        self.started = time.monotonic()
        self.failed_writes = 0

    def add(self, event: BaseModel, step_input: dict | None = None) -> None:
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
        data = {
            **self.header,
            **(extra or {}),
            "steps": [s.model_dump() for s in self.steps],
            "events": [e.model_dump(mode="json") for e in self.events],
        }
        try:
            self.folder.write_text("run.json", json.dumps(data, indent=2, default=str))
        except OSError:
            # A full disk must not end the conversation; the outcome still reaches the caller.
            self.failed_writes += 1

    # --- reading the events back ---------------------------------------------------------
    def last(self, kind: type[BaseModel]) -> Any:
        for event in reversed(self.events):
            if isinstance(event, kind):
                return event
        return None

    def answer(self) -> str:
        ev = self.last(AnswerText)
        return ev.text if ev else ""

    def failure(self) -> Failure | None:
        return self.last(Failure)

    def code(self) -> str | None:
        ev = self.last(CodeDrafted)
        return ev.code if ev else None

    def validation(self) -> ValidationResult | None:
        return self.last(ValidationResult)

    def result(self) -> ResultReady | None:
        return self.last(ResultReady)

    def map(self) -> MapReady | None:
        return self.last(MapReady)


def read_json(path: str | Path | None) -> dict | None:
    if not path:
        return None
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
