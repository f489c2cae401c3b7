"""Build the DataSourceRegistry for a running backend: real files first, then the simulated Earth."""

from __future__ import annotations

from backend.catalog.models import CollectionSpec
from backend.datasources.base import DataSourceRegistry
from backend.settings import BackendSettings


def build_sources(settings: BackendSettings, catalog: dict[str, CollectionSpec]) -> DataSourceRegistry:
    return DataSourceRegistry()
