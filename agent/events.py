"""The typed event stream of one agent run.

The agent yields these while it works; the CLI prints them, the UI renders them, run.json
records them. Every event is a pydantic model with a literal `type`, and `AgentEvent` is their
discriminated union, so a consumer can `match event:` or parse JSON back with
`EventAdapter.validate_json(...)`.
"""

from __future__ import annotations

import time
from typing import Annotated, Literal, Union

from pydantic import BaseModel, Field, TypeAdapter


class _Event(BaseModel):
    run_id: str = ""
    ts: float = Field(default_factory=time.time)


class RunStarted(_Event):
    type: Literal["run_started"] = "run_started"
    request: str
    thread_id: str
    model: str
    backend_url: str
    run_dir: str


class StepStarted(_Event):
    type: Literal["step_started"] = "step_started"
    step_id: str
    tool: str
    input_summary: str = ""  # one line, for a collapsed step title


class StepFinished(_Event):
    type: Literal["step_finished"] = "step_finished"
    step_id: str
    tool: str
    ok: bool
    output_summary: str = ""  # the short text the model saw
    duration_s: float = 0.0


class CodeDrafted(_Event):
    type: Literal["code_drafted"] = "code_drafted"
    code: str
    path: str = ""  # runs/<id>/code.py


class ValidationError_(BaseModel):
    code: str
    message: str


class ValidationResult(_Event):
    type: Literal["validation"] = "validation"
    valid: bool
    errors: list[ValidationError_] = Field(default_factory=list)
    process_graph_path: str = ""


class Progress(_Event):
    type: Literal["progress"] = "progress"
    message: str
    fraction: float | None = None  # 0..1 when known (batch job progress)


class ResultStats(BaseModel):
    """Summary statistics of a raster or time-series result."""

    kind: Literal["raster", "timeseries", "other"] = "raster"
    min: float | None = None
    max: float | None = None
    mean: float | None = None
    valid_fraction: float | None = None  # share of pixels/values that are not nodata/NaN
    unit: str | None = None
    bands: list[str] = Field(default_factory=list)
    shape: list[int] = Field(default_factory=list)
    crs: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # W S E N, EPSG:4326
    simulated: bool = False


class ResultReady(_Event):
    type: Literal["result_ready"] = "result_ready"
    result_path: str
    media_type: str = "image/tiff"
    stats: ResultStats = Field(default_factory=ResultStats)


class MapReady(_Event):
    type: Literal["map_ready"] = "map_ready"
    map_path: str  # runs/<id>/map.html (self-contained; assets served locally)
    chart_path: str | None = None  # runs/<id>/chart.png for time series
    simulated: bool = False


class AnswerText(_Event):
    type: Literal["answer"] = "answer"
    text: str


class Failure(_Event):
    """A run ended without a result. `who` says who must act: the user, or the developer."""

    type: Literal["failure"] = "failure"
    message: str  # a clear sentence, never a traceback
    who: Literal["user", "developer", "model"] = "user"


class RunFinished(_Event):
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
