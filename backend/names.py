"""Nearest-name suggestions for error messages ("Did you mean 'B08'?"), for every layer of the
backend (validation, load_collection, the API) without importing any of them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["nearest", "did_you_mean", "collection_hint", "band_hint"]

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


def collection_hint(name: str, ids: Iterable[str]) -> str:
    """' Did you mean 'SENTINEL_5P_L2'?' for a misspelt collection id (separators and case ignored,
    a family prefix first: the catalog lists the most used collection of a family first)."""
    options = list(ids)
    normalised = name.upper().replace("-", "_").replace(" ", "_")
    squeezed = normalised.replace("_", "")
    exact = [i for i in options if i.replace("_", "") == squeezed]
    starts = [i for i in options if i.startswith(normalised) or (squeezed and squeezed in i.replace("_", ""))]
    hint = (exact or starts or [None])[0] or nearest(normalised, options, cutoff=0.4)
    return f" Did you mean '{hint}'?" if hint else ""


def band_hint(name: str, bands: Iterable[str]) -> str:
    """' Did you mean 'B08'?' for a misspelt band name ('B8' -> 'B08', 'nir' stays unanswered here)."""
    options = list(bands)
    digits = name.upper().lstrip("B")
    if digits.isdigit():
        padded = f"B{int(digits):02d}"
        if padded in options:
            return f" Did you mean '{padded}'?"
    return did_you_mean(name, options, cutoff=0.4)
