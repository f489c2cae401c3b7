"""Load the collection catalog from `collections.yaml` (CDSE ids, bands, units, scales).

The YAML holds one entry per collection id; `band_defaults` of an entry fills fields that its
bands leave out, so the file stays short and every band is still fully specified.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

from backend.catalog.models import BandSpec, CollectionSpec


def _collection(collection_id: str, entry: dict[str, Any]) -> CollectionSpec:
    entry = dict(entry)
    defaults = entry.pop("band_defaults", {}) or {}
    bands = [BandSpec(**{**defaults, **band}) for band in entry.pop("bands")]
    for key in ("spatial_extent", "temporal_extent"):
        if key in entry:
            entry[key] = tuple(entry[key])
    return CollectionSpec(id=collection_id, bands=bands, **entry)


@functools.lru_cache(maxsize=1)
def _load_cached() -> dict[str, CollectionSpec]:
    text = resources.files("backend.catalog").joinpath("collections.yaml").read_text(encoding="utf-8")
    # libyaml's loader when PyYAML has it: the pure-Python one takes a second for this file
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader
    return {cid: _collection(cid, entry) for cid, entry in raw.items()}


def load_catalog() -> dict[str, CollectionSpec]:
    """A fresh copy of the catalog: collection id -> spec (callers may set `simulated`)."""
    return {cid: spec.model_copy(deep=True) for cid, spec in _load_cached().items()}
