"""Nearest-name suggestions for validation messages: the backend's name helpers and the words
people use for the standard dimension names."""

from __future__ import annotations

from backend.names import band_hint, collection_hint, did_you_mean, nearest

__all__ = ["nearest", "did_you_mean", "collection_hint", "band_hint", "DIMENSION_SYNONYMS"]

# Words people (and models) use for the standard openEO dimension names.
DIMENSION_SYNONYMS = {
    "time": "t", "times": "t", "date": "t", "dates": "t", "temporal": "t", "timestamp": "t", "day": "t",
    "band": "bands", "spectral": "bands", "channel": "bands", "channels": "bands", "b": "bands",
    "lon": "x", "longitude": "x", "easting": "x", "east": "x",
    "lat": "y", "latitude": "y", "northing": "y", "north": "y",
}
