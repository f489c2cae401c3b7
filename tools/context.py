"""What every tool is handed: the backend client it talks through, the run folder, and a way to report.

Tools never read module globals or environment variables for these; the agent builds one
`ToolContext` per run and passes it in. Tools do not import `agent/`: they report progress
and artifacts through the `emit` callback, which receives the `tools.events` models they make.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from pydantic import BaseModel, Field

from tools.client import BackendClient, BackendRef, client_for
from tools.decision import DecisionNumbers
from tools.events import Event
from tools.models import GraphPlan, GraphResult, ProcessGraph, ResultStats, ValidationIssue
from tools.result_kind import PeriodResult, ResultDescription


class RunFolder:
    """runs/<id>/: everything one request produced; written as it happens so nothing is lost."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)

    @property
    def id(self) -> str:
        return self.path.name

    def write_text(self, name: str, text: str) -> Path:
        p = self.path / name
        p.write_text(text, encoding="utf-8")
        return p

    def write_json(self, name: str, data: Any) -> Path:
        return self.write_text(name, json.dumps(data, indent=2, default=str))

    def file(self, name: str) -> Path:
        return self.path / name


class Artifacts(BaseModel):
    """The big things of a run, kept out of the model's context. Paths are inside the run folder."""

    code: str | None = None
    code_path: str | None = None
    process_graph: ProcessGraph | None = None  # the last graph built by the sandbox
    process_graphs: list[GraphPlan] = Field(default_factory=list)  # every distinct graph of the script, in order
    process_graph_path: str | None = None
    validated: bool = False  # the last graph passed POST /validation
    validation_errors: list[ValidationIssue] = Field(default_factory=list)  # why the last graph did not
    result_path: str | None = None
    result_media_type: str | None = None
    stats: ResultStats | None = None
    description: ResultDescription | None = None  # what the result is (tools/result_kind.py)
    decision: DecisionNumbers | None = None  # areas, towns, severity (tools/decision.py)
    period_results: list[PeriodResult] = Field(
        default_factory=list
    )  # before/after layers of a change (tools/periods.py)
    results: list[GraphResult] = Field(default_factory=list)  # one per graph when the script sends several
    map_path: str | None = None
    chart_path: str | None = None
    job_id: str | None = None


__all__ = ["Artifacts", "BackendRef", "RunFolder", "ToolContext"]


class ToolContext:
    """Dependencies handed to each tool call of one run. `backend` is the run's `BackendClient`
    (a `BackendRef` is turned into the shared client of that backend and login)."""

    def __init__(
        self,
        backend: BackendClient | BackendRef,
        run: RunFolder,
        emit: Callable[[Event], None] | None = None,
        sandbox_timeout_s: float = 30.0,
        sandbox_memory_mb: int = 1024,
        sync_pixel_budget: int = 50_000_000,
        options: Any = None,  # tools.models.ToolOptions: per-deployment switches (web basemap, geocoder)
    ) -> None:
        self.backend: BackendClient = backend if isinstance(backend, BackendClient) else client_for(backend)
        self.run = run
        self.emit = emit or (lambda event: None)
        self.artifacts = Artifacts()
        self.sandbox_timeout_s = sandbox_timeout_s
        self.sandbox_memory_mb = sandbox_memory_mb
        self.sync_pixel_budget = sync_pixel_budget
        self.options = options
