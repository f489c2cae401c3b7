"""Evaluation cases as DESIGN.md specifies them: one JSON object per line."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Expect(BaseModel):
    """Expectations on the final process graph; a key left out is free."""

    model_config = ConfigDict(extra="forbid")

    collections_any: list[str] | None = None
    bands_all: list[str] | None = None
    temporal_within: tuple[date, date] | None = None
    temporal_covers: tuple[date, date] | None = None
    # no loaded window may overlap it: the event (a fire's month) between a before and an after window
    temporal_avoids: tuple[date, date] | None = None
    point_in_aoi: tuple[float, float] | None = None  # lon, lat
    aoi_max_km2: float | None = None
    processes_any_of: list[list[str]] | None = None
    processes_all: list[str] | None = None
    output: Literal["raster", "timeseries"] | None = None

    def present(self) -> list[str]:
        return [k for k, v in self.model_dump().items() if v is not None]


class EvalCase(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    request: str
    today: date | None = None
    source: str | None = None
    expect: Expect = Field(default_factory=Expect)


def load_cases(path: str | Path) -> list[EvalCase]:
    """Read a JSON-lines file of cases; blank lines and lines starting with # are skipped."""
    cases = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            cases.append(EvalCase.model_validate_json(line))
        except ValueError as exc:
            raise ValueError(f"{path}:{n}: not a valid evaluation case: {exc}") from exc
    return cases
