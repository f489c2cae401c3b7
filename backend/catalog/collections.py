"""Loader of the collection catalog (placeholder until the full catalog lands)."""

from __future__ import annotations

from backend.catalog.models import CollectionSpec


def load_catalog() -> dict[str, CollectionSpec]:
    return {}
