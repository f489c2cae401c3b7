"""The one object every route, the validator and the executor receive: `BackendContext`.

It bundles what a request needs and nothing request-specific:

- `settings`: the `BackendSettings` the server was started with;
- `catalog`: collection id -> `CollectionSpec` (with `simulated` set for collections that the
  simulated Earth serves);
- `sources`: the `DataSourceRegistry` (real files first, then the simulated Earth);
- `processes`: the process registry of `backend.processes.registry.build_registry(ctx)`, built
  lazily on first execution (listing and validation read the cached index of
  `backend.processes.index` until then);
- `jobs`: the batch-job store (`backend.jobs.JobManager`), set by the server;
- `real_coverage`: collection id -> [{bbox, datetime, bands}] of the real files being served.

Build one with `BackendContext.create(settings)`; tests may construct it directly with a
hand-made catalog and registry.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from backend.catalog.models import CollectionSpec
from backend.settings import BackendSettings

if TYPE_CHECKING:  # pragma: no cover
    from backend.datasources.base import DataSourceRegistry
    from backend.jobs import JobManager

log = logging.getLogger(__name__)


class BackendContext:
    """Settings, catalog, data sources and process registry of one running backend."""

    def __init__(
        self,
        settings: BackendSettings,
        catalog: dict[str, CollectionSpec],
        sources: DataSourceRegistry,
    ) -> None:
        self.settings = settings
        self.catalog = catalog
        self.sources = sources
        self.jobs: JobManager | None = None
        self.user_processes: Any = None  # backend.processes.udp.UserProcessStore, set by the server
        self.real_coverage: dict[str, list[dict]] = {}
        self._processes: Any = None
        self._lock = threading.Lock()

    @classmethod
    def create(cls, settings: BackendSettings) -> BackendContext:
        """Load the catalog and register the data sources the settings ask for."""
        from backend.catalog import load_catalog
        from backend.datasources.setup import build_sources, real_coverage

        catalog = load_catalog()
        sources = build_sources(settings, catalog)
        ctx = cls(settings=settings, catalog=catalog, sources=sources)
        ctx.real_coverage = real_coverage(sources, catalog)
        return ctx

    @property
    def processes(self) -> Any:
        """The process registry (`.specs() -> list[dict]`): a `LazyRegistry`, which lists and
        validates from the cached process index and imports the implementations on first
        execution (`processes.full()` builds them now)."""
        if self._processes is None:
            with self._lock:
                if self._processes is None:
                    from backend.processes.index import LazyRegistry

                    self._processes = LazyRegistry(self._build_registry)
        return self._processes

    def _build_registry(self) -> Any:
        from backend.processes.registry import build_registry

        return build_registry(self)

    def collection(self, collection_id: str) -> CollectionSpec:
        """The spec of a collection, or `CollectionNotFound` naming the available ids."""
        from backend.errors import CollectionNotFound
        from backend.names import collection_hint

        spec = self.catalog.get(collection_id)
        if spec is None:
            raise CollectionNotFound(
                f"Collection '{collection_id}' does not exist.{collection_hint(collection_id, self.catalog)} Use one of: "
                f"{', '.join(sorted(self.catalog))} (see GET /collections)."
            )
        return spec
