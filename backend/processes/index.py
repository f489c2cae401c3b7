"""Which processes the backend lists, known without importing their implementations.

Listing (GET /processes) and validation need the specs and the set of processes that execute;
execution needs the implementations, whose imports (openeo-processes-dask, Dask, xarray,
geopandas ...) take seconds. `ProcessIndex` is the first part; `ProcessRegistry` (registry.py)
adds the implementations to it. `LazyRegistry` answers from a cached index and builds the full
registry only when something needs more (execution, a callback):

    processes = LazyRegistry(build=lambda: build_registry(ctx))
    processes.is_listed("ndvi")        # from the index cached on disk, when it is current
    processes.parse(graph)             # builds the registry first (once, thread-safe)

The cached index is the set of implemented ids the last full build found, kept in the cache
folder under a fingerprint of everything that decides it (the versions of openeo-processes-dask
and openeo-pg-parser-networkx, the sources of backend/processes); any change of those makes a
new fingerprint, and the next full build writes a new index.
"""

from __future__ import annotations

import copy
import difflib
import functools
import hashlib
import json
import logging
import os
import threading
from importlib import resources
from pathlib import Path
from typing import Any, Callable

from backend.processes.specs import load_specs

log = logging.getLogger(__name__)

# Registered (so the vector suite can still run them) but not advertised on GET /processes,
# and rejected by validation. Reasons are kept so the list can shrink as fixes land.
NOT_LISTED: dict[str, str] = {
    "ddmc": "experimental library process without openEO test vectors",
    "apply_neighborhood_intertwin": "experimental library process",
    # library implementations that fail official vectors (see tests/backend/test_processes_vectors.py)
    "array_find": "fails 7 of 11 official test vectors",
    "array_modify": "fails 2 of 6 official test vectors",
    "create_data_cube": "fails 1 of 1 official test vectors",
    "product": "fails 1 of 11 official test vectors",
    "text_concat": "fails 3 of 5 official test vectors",
}
_LIBRARIES = ("openeo-processes-dask", "openeo-pg-parser-networkx")


@functools.lru_cache(maxsize=1)
def conventions() -> dict[str, list[str]]:
    """What processes do on this backend where code often goes wrong (conventions.yaml)."""
    import yaml

    with resources.files("backend.processes").joinpath("conventions.yaml").open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    return {str(pid): [str(n) for n in notes] for pid, notes in data.items()}


class ProcessIndex:
    """Specs, the processes that execute, and those left unlisted: all that listing and validation read."""

    def __init__(self, specs: dict[str, dict], implemented: set[str] | list[str], not_listed: dict[str, str]) -> None:
        self._specs = specs
        self.not_listed = dict(not_listed)
        self._implemented = frozenset(pid for pid in implemented if pid in specs)
        self._listed = sorted(pid for pid in self._implemented if pid not in self.not_listed)
        self._listed_specs: list[dict] | None = None

    def specs(self) -> list[dict]:
        """Specs of the processes that execute and pass their vectors (GET /processes)."""
        if self._listed_specs is None:
            self._listed_specs = [self._public_spec(pid) for pid in self._listed]
        return self._listed_specs

    def _public_spec(self, pid: str) -> dict:
        spec = copy.deepcopy(self._specs[pid])
        spec.setdefault("description", spec.get("summary", pid))
        notes = conventions().get(pid)
        if notes:  # beside the official description, which stays as the spec has it (the test suite compares)
            spec["openeo_agent:conventions"] = list(notes)
        return spec

    def ids(self) -> list[str]:
        return list(self._listed)

    def implemented(self) -> frozenset[str]:
        return self._implemented

    def is_listed(self, process_id: str) -> bool:
        return process_id in self._implemented and process_id not in self.not_listed

    def spec(self, process_id: str) -> dict | None:
        """Spec of any process we know about (listed or not)."""
        return self._specs.get(process_id)

    def nearest(self, process_id: str) -> str | None:
        """The listed process id closest to a misspelled one."""
        lowered = {pid.lower(): pid for pid in self._listed}
        query = process_id.lower()
        if query in lowered:
            return lowered[query]
        starting = sorted((pid for pid in lowered if len(query) >= 3 and pid.startswith(query)), key=len)
        if starting:
            return lowered[starting[0]]
        match = difflib.get_close_matches(process_id.lower(), list(lowered), n=1, cutoff=0.6)
        return lowered[match[0]] if match else None


# --- the index cached on disk ---------------------------------------------------------------
def cache_dir() -> Path:
    root = os.environ.get("OPENEO_AGENT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "openeo-agent")
    return Path(root)


def fingerprint() -> str:
    """What decides the implemented set: the two libraries' versions and our implementation sources."""
    from importlib import metadata

    h = hashlib.sha256()
    for name in _LIBRARIES:
        try:
            h.update(f"{name}={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=none;".encode())
    here = Path(__file__).resolve().parent
    for path in sorted(here.rglob("*.py")):
        st = path.stat()
        h.update(f"{path.relative_to(here)}:{st.st_size}:{st.st_mtime_ns};".encode())
    h.update(json.dumps(NOT_LISTED, sort_keys=True).encode())
    return h.hexdigest()[:20]


def _index_path(fp: str) -> Path:
    return cache_dir() / f"process-index-{fp}.json"


def cached_index(fp: str | None = None) -> ProcessIndex | None:
    """The index the last full build wrote for this fingerprint, or None."""
    try:
        path = _index_path(fp or fingerprint())
        data = json.loads(path.read_text(encoding="utf-8"))
        implemented = data["implemented"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(implemented, list) or not all(isinstance(p, str) for p in implemented):
        return None
    return ProcessIndex(load_specs(), implemented, NOT_LISTED)


def write_index(index: ProcessIndex, fp: str | None = None) -> None:
    """Keep the implemented set of a full build for the next process (best effort)."""
    try:
        path = _index_path(fp or fingerprint())
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"implemented": sorted(index.implemented())}), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        log.debug("the process index could not be cached: %s", exc)


class LazyRegistry:
    """The process registry of one backend, built on first need; listing and validation are
    answered from the cached index until then (see the module docstring)."""

    def __init__(self, build: Callable[[], ProcessIndex], use_cache: bool = True) -> None:  # build: a ProcessRegistry
        self._build = build
        self._lock = threading.Lock()
        self._full: ProcessIndex | None = None
        self._fp = fingerprint() if use_cache else None
        self._index: ProcessIndex | None = cached_index(self._fp) if self._fp else None

    @property
    def built(self) -> bool:
        return self._full is not None

    @property
    def indexed(self) -> bool:
        """Whether listing and validation can be answered without building (a current cached index)."""
        return self._full is not None or self._index is not None

    def full(self) -> ProcessIndex:
        """The registry with its implementations (imports them the first time; blocks meanwhile)."""
        if self._full is None:
            with self._lock:
                if self._full is None:
                    registry = self._build()
                    if self._fp and (self._index is None or self._index.implemented() != registry.implemented()):
                        write_index(registry, self._fp)
                    self._full = registry
        return self._full

    def _listing(self) -> ProcessIndex:
        return self._full or self._index or self.full()

    # what listing and validation read
    @property
    def not_listed(self) -> dict[str, str]:
        return self._listing().not_listed

    def specs(self) -> list[dict]:
        return self._listing().specs()

    def ids(self) -> list[str]:
        return self._listing().ids()

    def implemented(self) -> frozenset[str]:
        return self._listing().implemented()

    def is_listed(self, process_id: str) -> bool:
        return self._listing().is_listed(process_id)

    def spec(self, process_id: str) -> dict | None:
        return self._listing().spec(process_id)

    def nearest(self, process_id: str) -> str | None:
        return self._listing().nearest(process_id)

    def __getattr__(self, name: str) -> Any:  # implementations, pg_registry, parse ...: the full registry
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.full(), name)
