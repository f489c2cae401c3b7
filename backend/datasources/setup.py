"""Build the DataSourceRegistry of a running backend: real files first, then the simulated Earth.

Every collection the simulated Earth serves gets `CollectionSpec.simulated = True` (rendered as
`openeo_agent:simulated` and a note in the description): even where real files exist, requests
outside them are answered with simulated values. `real_coverage` lists where real files are, and
each result says what it was made from (header `OpenEO-Simulated`).
"""

from __future__ import annotations

import importlib
import logging

from backend.catalog.models import CollectionSpec
from backend.datasources.base import DataSourceRegistry
from backend.settings import BackendSettings

log = logging.getLogger(__name__)


def _simulated_earth(catalog: dict[str, CollectionSpec]):
    try:
        module = importlib.import_module("backend.datasources.simulated")
    except ImportError as exc:
        log.warning("simulated Earth not available (%s); only real files are served", exc)
        return None
    factory = getattr(module, "SimulatedEarth", None)
    if factory is None:
        log.warning("backend.datasources.simulated has no SimulatedEarth; only real files are served")
        return None
    return factory(catalog)


def build_sources(settings: BackendSettings, catalog: dict[str, CollectionSpec]) -> DataSourceRegistry:
    """Register sources per collection and mark simulated collections in `catalog` (in place)."""
    registry = DataSourceRegistry()
    real: set[str] = set()
    earth = _simulated_earth(catalog) if settings.simulated else None
    if settings.data_dir:
        from backend.datasources.files import FileSource

        # With a simulated Earth behind them, files serve requests they mostly cover (the rest
        # of such a cube is nodata); requests mostly outside them go to the simulated Earth.
        files = FileSource.from_folder(settings.data_dir, catalog, min_coverage=0.5 if earth is not None else 0.0)
        for cid in sorted(files.collection_ids()):
            registry.register(cid, files)
            real.add(cid)
    for cid, spec in catalog.items():
        if earth is not None:
            registry.register(cid, earth)
        spec.simulated = earth is not None
    return registry


def real_coverage(registry: DataSourceRegistry, catalog: dict[str, CollectionSpec]) -> dict[str, list[dict]]:
    """Per collection, the bbox and date of every real file entry (for the catalog's metadata)."""
    coverage: dict[str, list[dict]] = {}
    for cid in catalog:
        for source in registry.sources(cid):
            for entry in getattr(source, "entries", []):
                if entry.collection_id == cid:
                    coverage.setdefault(cid, []).append({
                        "bbox": [round(v, 6) for v in entry.bounds_4326],
                        "datetime": entry.date.strftime("%Y-%m-%dT%H:%M:%SZ") if entry.date else None,
                        "bands": list(entry.bands),
                    })
    return coverage
