"""Build the DataSourceRegistry of a running backend: real files first, then the simulated Earth.

Every collection the simulated Earth serves gets `CollectionSpec.simulated = True` (rendered as
`openeo_agent:simulated` and a note in the description): even where real files exist, requests
outside them are answered with simulated values. `real_coverage` lists where real files are, and
each result says what it was made from (header `OpenEO-Simulated`).
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import threading
from datetime import datetime
from typing import Any, Callable

from backend.catalog.models import CollectionSpec
from backend.datasources.base import DataRequest, DataSourceRegistry
from backend.settings import BackendSettings

log = logging.getLogger(__name__)
SIMULATED = "backend.datasources.simulated"


class DeferredSource:
    """A data source imported and built on its first use. The simulated Earth imports Dask,
    xarray and pandas (seconds): a backend that only lists and validates (`openeo-agent check`)
    never needs them, and one that computes builds it in its warm-up (`prepare`)."""

    def __init__(self, name: str, simulated: bool, build: Callable[[], Any], calendar: Any = None) -> None:
        """`calendar` (optional) answers `covers` and `acquisitions` before the source is built,
        so validation's availability check needs no build."""
        self.name, self.simulated = name, simulated
        self._build = build
        self._calendar = calendar
        self._source: Any = None
        self._lock = threading.Lock()

    def prepare(self) -> Any:
        if self._source is None:
            with self._lock:
                if self._source is None:
                    self._source = self._build()
        return self._source

    def _answering(self) -> Any:
        """The calendar until the source is built, then the source itself."""
        return self._calendar if self._source is None and self._calendar is not None else self.prepare()

    def covers(self, request: DataRequest) -> bool:
        return bool(self._answering().covers(request))

    def acquisitions(self, request: DataRequest) -> list[datetime]:
        return list(self._answering().acquisitions(request))

    def load(self, request: DataRequest) -> Any:
        return self.prepare().load(request)

    def __getattr__(self, name: str) -> Any:  # the source's own attributes (its block cache ...)
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.prepare(), name)


def _simulated_earth(catalog: dict[str, CollectionSpec]) -> DeferredSource | None:
    try:
        found = importlib.util.find_spec(SIMULATED) is not None
    except ImportError:
        found = False
    if not found:
        log.warning("simulated Earth not available; only real files are served")
        return None

    def build() -> Any:
        return importlib.import_module(SIMULATED).SimulatedEarth(catalog)

    calendar = importlib.import_module(f"{SIMULATED}.calendar").SimulatedCalendar(catalog)
    return DeferredSource("simulated", True, build, calendar)


def prepare(registry: DataSourceRegistry, catalog: dict[str, CollectionSpec]) -> None:
    """Build the deferred sources now (a computing backend's warm-up)."""
    seen: set[int] = set()
    for cid in catalog:
        for source in registry.sources(cid):
            if isinstance(source, DeferredSource) and id(source) not in seen:
                seen.add(id(source))
                source.prepare()


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
            if isinstance(source, DeferredSource):  # the simulated Earth: no files (and not built for this)
                continue
            for entry in getattr(source, "entries", []):
                if entry.collection_id == cid:
                    coverage.setdefault(cid, []).append({
                        "bbox": [round(v, 6) for v in entry.bounds_4326],
                        "datetime": entry.date.strftime("%Y-%m-%dT%H:%M:%SZ") if entry.date else None,
                        "bands": list(entry.bands),
                    })
    return coverage
