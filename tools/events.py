"""The events the tools emit while they work: code drafted, validation, progress, result, map.

They are made here, in the layer that makes them; `agent/events.py` adds the run's own events
(run started, steps, answer, failure, run finished) and re-exports these, so that a consumer
sees one typed stream. Tools emit them through `ToolContext.emit`.
"""

from __future__ import annotations

import time
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from tools.models import ResultStats, ValidationIssue


class Event(BaseModel):
    """Base of every event: the run it belongs to and when it happened."""

    run_id: str = ""
    ts: float = Field(default_factory=time.time)


class CodeDrafted(Event):
    type: Literal["code_drafted"] = "code_drafted"
    code: str
    path: str = ""  # runs/<id>/code.py
    explanation: list[str] = Field(default_factory=list)  # the model's own, one sentence per step (if it sent one)

    @field_validator("explanation", mode="before")
    @classmethod
    def _bounded(cls, value: object) -> list[str]:
        """Plain sentences for the reviewer, at most 30 of 400 characters (whatever the model sent)."""
        items = value if isinstance(value, list) else []
        steps = [" ".join(s.split()) for s in items if isinstance(s, str) and s.strip()][:30]
        return [s if len(s) <= 400 else s[:399] + "…" for s in steps]


class ValidationResult(Event):
    type: Literal["validation"] = "validation"
    valid: bool
    errors: list[ValidationIssue] = Field(default_factory=list)
    process_graph_path: str = ""


class Progress(Event):
    type: Literal["progress"] = "progress"
    message: str
    fraction: float | None = None  # 0..1 when known (batch job progress)


class ResultReady(Event):
    type: Literal["result_ready"] = "result_ready"
    result_path: str
    media_type: str = "image/tiff"
    stats: ResultStats = Field(default_factory=ResultStats)


class MapReady(Event):
    type: Literal["map_ready"] = "map_ready"
    map_path: str  # runs/<id>/map.html (self-contained; assets served locally)
    chart_path: str | None = None  # runs/<id>/chart.png for time series
    simulated: bool = False
