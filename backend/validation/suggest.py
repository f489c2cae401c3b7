"""Nearest-name suggestions for error messages ("Did you mean 'B08'?")."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["nearest", "did_you_mean"]

# Words people (and models) use for the standard openEO dimension names.
DIMENSION_SYNONYMS = {
    "time": "t", "times": "t", "date": "t", "dates": "t", "temporal": "t", "timestamp": "t", "day": "t",
    "band": "bands", "spectral": "bands", "channel": "bands", "channels": "bands", "b": "bands",
    "lon": "x", "longitude": "x", "easting": "x", "east": "x",
    "lat": "y", "latitude": "y", "northing": "y", "north": "y",
}


def nearest(name: str, candidates: Iterable[str], cutoff: float = 0.5) -> str | None:
    """The candidate closest to `name`: exact ignoring case first, then by similarity."""
    options = list(candidates)
    lowered = {c.lower(): c for c in options}
    if name.lower() in lowered:
        return lowered[name.lower()]
    match = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=cutoff)
    return lowered[match[0]] if match else None


def did_you_mean(name: str, candidates: Iterable[str], cutoff: float = 0.5) -> str:
    hint = nearest(name, candidates, cutoff)
    return f" Did you mean '{hint}'?" if hint else ""
