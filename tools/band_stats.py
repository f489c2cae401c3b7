"""Statistics of a raster result per band and per time step, never pooled over both.

A GeoTIFF names its layers `band`, `date` or `date_band` (the embedded backend stacks time steps
and bands that way; CDSE names bands); a netCDF has one variable per band with an optional time
dimension. Each band gets its own min/max/mean/valid share over all its time steps (bands with
different units are never mixed), and each time step its own numbers per band, so that "NDVI of
each month" or "B04 and B08" read as what they are.
"""

from __future__ import annotations

import re
from collections import OrderedDict

import numpy as np
from pydantic import BaseModel, Field

from tools.numbers import short_number

__all__ = ["ValueStats", "BandStats", "StepStats", "layer_stats", "split_layer"]

_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2}(?:[T ][\d:]+Z?)?|\d{4}-(?:\d{2,3}|djf|mam|jja|son|ndjfma|mjjaso)|\d{4})$")
MAX_STEPS_SHOWN = 12


class StepStats(BaseModel):
    label: str  # the time label ("2022-06-01", "2022-06" for a month)
    band: str
    min: float | None = None
    max: float | None = None
    mean: float | None = None
    valid_fraction: float = 0.0


class BandStats(BaseModel):
    band: str
    unit: str | None = None
    min: float | None = None
    max: float | None = None
    mean: float | None = None
    valid_fraction: float = 0.0
    steps: int = 1  # time steps of this band


class ValueStats(BaseModel):
    bands: list[BandStats] = Field(default_factory=list)
    steps: list[StepStats] = Field(default_factory=list)  # per (time step, band), in order
    time_labels: list[str] = Field(default_factory=list)  # distinct time steps, in order

    def band(self, name: str) -> BandStats | None:
        return next((b for b in self.bands if b.band == name), None)

    def to_text(self, max_bands: int = 12) -> str:
        """One line per band (all of them up to `max_bands`, never cut after six), then the time steps."""
        fmt = short_number
        lines = []
        for b in self.bands[:max_bands]:
            unit = f" {b.unit}" if b.unit else ""
            lines.append(
                f"{b.band}: min={fmt(b.min)} max={fmt(b.max)} mean={fmt(b.mean)}{unit}, "
                f"valid {b.valid_fraction * 100:.0f}%"
            )
        if len(self.bands) > max_bands:
            lines.append(
                f"... and {len(self.bands) - max_bands} more bands: {', '.join(b.band for b in self.bands[max_bands:])}"
            )
        if len(self.time_labels) > 1:
            lines.append(f"{len(self.time_labels)} time steps from {self.time_labels[0]} to {self.time_labels[-1]}")
            first_band = self.bands[0].band if self.bands else None
            shown = [s for s in self.steps if s.band == first_band]
            if len(shown) > MAX_STEPS_SHOWN:
                shown = shown[: MAX_STEPS_SHOWN // 2] + shown[-MAX_STEPS_SHOWN // 2 :]
            if shown:
                lines.append(f"{first_band} mean per step: " + ", ".join(f"{s.label}={fmt(s.mean)}" for s in shown))
        return "\n".join(lines)


def split_layer(name: str) -> tuple[str | None, str]:
    """(time label or None, band) of a layer name: '2022-06-01_B04', 'B04', '2022-06', 'band1'."""
    text = str(name).strip()
    if _DATE.match(text):
        return text, "value"
    head, sep, tail = text.partition("_")
    if sep and _DATE.match(head):
        return head, tail or "value"
    return None, text or "value"


def _numbers(values: np.ndarray) -> tuple[float | None, float | None, float | None, float]:
    values = np.asarray(values, dtype="float64")
    if values.size == 0:
        return None, None, None, 0.0
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return None, None, None, 0.0
    return float(finite.min()), float(finite.max()), float(finite.mean()), finite.size / values.size


def layer_stats(layers: list[tuple[str, np.ndarray]], units: dict[str, str | None] | None = None) -> ValueStats:
    """Per band and per (time step, band) statistics of named 2-D layers."""
    units = units or {}
    by_band: OrderedDict[str, list[tuple[str | None, np.ndarray]]] = OrderedDict()
    labels: list[str] = []
    for name, values in layers:
        label, band = split_layer(name)
        by_band.setdefault(band, []).append((label, values))
        if label is not None and label not in labels:
            labels.append(label)
    out = ValueStats(time_labels=labels)
    for band, items in by_band.items():
        mn, mx, mean, frac = _numbers(np.concatenate([np.ravel(v) for _, v in items]) if items else np.array([]))
        out.bands.append(
            BandStats(
                band=band,
                unit=units.get(band),
                min=mn,
                max=mx,
                mean=mean,
                valid_fraction=frac,
                steps=max(1, sum(1 for label, _ in items if label is not None)),
            )
        )
        for label, values in items:
            if label is None:
                continue
            mn, mx, mean, frac = _numbers(values)
            out.steps.append(StepStats(label=label, band=band, min=mn, max=mx, mean=mean, valid_fraction=frac))
    order = {label: i for i, label in enumerate(labels)}
    out.steps.sort(key=lambda s: (order.get(s.label, 0), list(by_band).index(s.band)))
    return out
