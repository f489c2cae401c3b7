"""The numbers execute() reports about a result, as data: per band, time step, class, geometry.

Built by `tools/result_summary.py` from the result file; rendered into execute's text by
`ResultSummary.to_text()`. Only models here (no file reading), so tools/models.py can hold them.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

from tools.band_stats import BandStats, ValueStats
from tools.numbers import short_number

__all__ = ["ClassShare", "TableSummary", "ResultSummary", "MAX_ROWS_SHOWN", "MAX_CLASSES_SHOWN"]

MAX_ROWS_SHOWN = 12
MAX_CLASSES_SHOWN = 8


class ClassShare(BaseModel):
    value: int
    name: str
    share: float  # of the valid pixels of the band


class TableSummary(BaseModel):
    """A table per geometry (and date): its size, the first rows, statistics per value column."""

    columns: list[str]
    rows: list[list[float | int | str | None]]  # the first MAX_ROWS_SHOWN rows
    n_rows: int
    geometries: int
    dates: list[str] = Field(default_factory=list)
    per_column: list[BandStats] = Field(default_factory=list)
    csv_path: str | None = None  # the whole table, in the run folder

    def to_text(self) -> str:
        fmt = lambda v: short_number(v, missing="")  # noqa: E731
        head = f"Table: {self.geometries} geometr{'y' if self.geometries == 1 else 'ies'}"
        if self.dates:
            head += f" x {len(self.dates)} dates ({self.dates[0]} to {self.dates[-1]})"
        head += f", {self.n_rows} rows; columns {', '.join(self.columns)}"
        lines = [head]
        lines += [" | ".join(fmt(v) for v in row) for row in self.rows]
        if self.n_rows > len(self.rows):
            lines.append(
                f"... {self.n_rows - len(self.rows)} more rows"
                + (f" in {Path(self.csv_path).name}" if self.csv_path else "")
            )
        for c in self.per_column:
            lines.append(f"{c.band}: min={fmt(c.min)} max={fmt(c.max)} mean={fmt(c.mean)} over all rows")
        return "\n".join(lines)


class ResultSummary(BaseModel):
    values: ValueStats | None = None  # rasters: per band, per time step
    classes: dict[str, list[ClassShare]] = Field(default_factory=dict)  # class bands: share of each class
    table: TableSummary | None = None  # aggregate_spatial: the table per geometry

    def to_text(self) -> str:
        lines = []
        if self.table is not None:
            lines.append(self.table.to_text())
        elif self.values is not None:
            plain = ValueStats(
                bands=[b for b in self.values.bands if b.band not in self.classes],
                steps=[s for s in self.values.steps if s.band not in self.classes],
                time_labels=self.values.time_labels,
            )
            if plain.bands:
                lines.append(plain.to_text())
            elif len(self.values.time_labels) > 1:
                lines.append(
                    f"{len(self.values.time_labels)} time steps from {self.values.time_labels[0]} to {self.values.time_labels[-1]}"
                )
        for band, shares in self.classes.items():
            shown = ", ".join(f"{s.value} {s.name} {s.share * 100:.1f}%" for s in shares[:MAX_CLASSES_SHOWN])
            more = f", and {len(shares) - MAX_CLASSES_SHOWN} more classes" if len(shares) > MAX_CLASSES_SHOWN else ""
            lines.append(f"{band} classes (share of valid pixels): {shown}{more}")
        return "\n".join(lines)
