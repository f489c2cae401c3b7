"""`SimulatedEarth`: the DataSource that answers any place and date with plausible values.

It builds a Dask graph with one task per (spatial tile) for the static surface and one task
per (acquisition date, tile) that renders the requested bands from it, so only the requested
window is generated, lazily, and the surface is computed once per tile and shared by all dates.
When a later step needs each tile's whole time series at once (`whole_series`: a median over
time), a tile is one task and one block holding all its dates instead: the step would gather
the dates into one block anyway (a copy of every value), and one block per tile instead of one
per date divides the Dask tasks of every later step by the number of dates (most of the time
of a small request went to scheduling them). Those tiles are smaller, so that memory stays
bounded (`tile_side`).

Rendered blocks are kept in a bounded per-source LRU cache (`cache_bytes`): computing the same
cube again (a process graph that evaluates its input twice, a preview then a download) costs
nothing, and the surface of a tile whose blocks are all cached is never computed. Cached blocks
are shared read-only (Dask never writes into its inputs). A request larger than the whole
budget is not cached: its blocks would only evict each other, hold memory and be copied in.
Values are the same either way (the generation is deterministic).
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections import OrderedDict
from datetime import date

import dask.array as da
import numpy as np
import pandas as pd
import xarray as xr
from dask.highlevelgraph import HighLevelGraph

from backend.catalog.models import BandSpec, CollectionSpec
from backend.datasources.base import DataRequest, NoDataError
from backend.datasources.simulated import sensors
from backend.datasources.simulated.calendar import SimulatedCalendar
from backend.datasources.simulated.events import Event, events_near
from backend.datasources.simulated.grid import MAX_SIDE, OutputGrid, make_grid
from backend.datasources.simulated.landcover import Surface, compute_surface
from backend.datasources.simulated.sampling import Tile
from backend.datasources.simulated.scene import Scene

TILE = 1024
MIN_TILE = 256
STACK_BYTES = 64 << 20  # a tile's whole time series (all bands, as float32) stays under this
CACHE_BYTES = 256 << 20  # default budget of rendered blocks kept per SimulatedEarth
SIMULATED_NOTE = "Simulated Earth: plausible, deterministic values, not observations."


class SimulatedEarth(SimulatedCalendar):
    """Deterministic simulated data for every collection in `catalog` (see package docstring)."""

    name = "simulated"
    simulated = True

    def __init__(self, catalog: dict[str, CollectionSpec], seed: int = 0, cache_bytes: int = CACHE_BYTES) -> None:
        super().__init__(catalog)
        self.seed = seed
        self.cache = BlockCache(cache_bytes)

    def _bands(self, request: DataRequest) -> list[BandSpec]:
        collection = request.collection
        default_dtype = collection.bands[0].dtype if collection.bands else "float32"
        return [collection.band(name) or BandSpec(name=name, dtype=default_dtype) for name in request.bands]

    def load(self, request: DataRequest) -> xr.DataArray:
        grid = make_grid(request)
        dates = self._dates(request)
        if len(dates) == 0:
            raise NoDataError(
                f"No simulated acquisition of '{request.collection.id}' between {request.start} and "
                f"{request.end} (revisit {request.collection.revisit_days} days, extent "
                f"{request.collection.temporal_extent}). Widen the time window.")
        bands = self._bands(request)
        dtype = sensors.output_dtype(bands)
        events = events_near(_grow(request.bbox, 0.05))
        token = hashlib.sha1(f"{self.seed}|{request.model_dump_json()}".encode()).hexdigest()[:16]
        size = len(dates) * len(bands) * grid.height * grid.width * np.dtype(dtype).itemsize
        cache = self.cache if size <= self.cache.max_bytes else NO_CACHE
        side = tile_side(len(dates), len(bands)) if request.whole_series else TILE
        data = _dask_array(grid, [pd.Timestamp(d).date() for d in dates], request.collection, bands,
                           events, self.seed, dtype, token, cache, side, series=request.whole_series)
        nodatas = {b.nodata for b in bands}
        nodata = nodatas.pop() if len(nodatas) == 1 else None
        if nodata is not None:
            nodata = np.dtype(dtype).type(nodata).item()
        attrs = {
            "crs": grid.crs,
            "nodata": nodata,
            "simulated": True,
            "collection_id": request.collection.id,
            "source": self.name,
            "description": SIMULATED_NOTE,
            "resolution": grid.res,
        }
        if grid.coarsened:
            attrs["note"] = f"resolution coarsened to {grid.resolution_m:g} m to stay under {MAX_SIDE} pixels a side"
        return xr.DataArray(
            data,
            dims=("t", "bands", "y", "x"),
            coords={"t": dates, "bands": [b for b in request.bands], "y": grid.y_coords(), "x": grid.x_coords()},
            attrs=attrs,
            name=request.collection.id,
        )


def _grow(bbox: tuple[float, float, float, float], margin: float) -> tuple[float, float, float, float]:
    w, s, e, n = bbox
    return (w - margin, s - margin, e + margin, n + margin)


def tile_side(dates: int, bands: int) -> int:
    """The tile side (pixels) for a request: TILE, halved while one tile's whole time series
    would pass STACK_BYTES, since reducing over t holds it in memory at once (a year of
    Sentinel-1 at 1024 px tiles: several GB). Values do not depend on it (seamless tiles)."""
    side = TILE
    while side > MIN_TILE and dates * bands * side * side * 4 > STACK_BYTES:
        side //= 2
    return side


def _chunks(n: int, tile: int = TILE) -> list[tuple[int, int]]:
    """Split n pixels into near-equal tiles of at most `tile` (no thin slivers)."""
    k = max(1, math.ceil(n / tile))
    edges = [round(i * n / k) for i in range(k + 1)]
    return list(zip(edges[:-1], edges[1:]))


class BlockCache:
    """A thread-safe LRU of rendered blocks, bounded in bytes; blocks are kept and handed out
    read-only (no copies)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.nbytes = 0
        self._blocks: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def contains(self, key: str) -> bool:
        with self._lock:
            return key in self._blocks

    def get(self, key: str) -> np.ndarray | None:
        with self._lock:
            block = self._blocks.get(key)
            if block is None:
                return None
            self._blocks.move_to_end(key)
        return block

    def put(self, key: str, block: np.ndarray) -> None:
        """Keep `block` (made read-only: the caller hands it on, as its own result)."""
        if block.nbytes > self.max_bytes:
            return
        block.flags.writeable = False
        with self._lock:
            if key in self._blocks:
                return
            self._blocks[key] = block
            self.nbytes += block.nbytes
            while self.nbytes > self.max_bytes:
                _, old = self._blocks.popitem(last=False)
                self.nbytes -= old.nbytes

    def clear(self) -> None:
        with self._lock:
            self._blocks.clear()
            self.nbytes = 0

    def __getstate__(self) -> dict:  # sent to a Dask worker in another process: an empty cache there
        return {"max_bytes": self.max_bytes}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["max_bytes"])


NO_CACHE = BlockCache(0)  # for requests larger than a source's whole cache


class _LazySurface:
    """The static surface of one tile, shared by the tile's render tasks: computed by the surface
    task, or on first use when blocks were evicted in between, or never when all come from the cache."""

    def __init__(self, grid: OutputGrid, row0: int, row1: int, col0: int, col1: int, seed: int) -> None:
        self._args = (grid, row0, row1, col0, col1, seed)
        self._surface: Surface | None = None
        self._lock = threading.Lock()

    def get(self) -> Surface:
        with self._lock:
            if self._surface is None:
                grid, row0, row1, col0, col1, seed = self._args
                self._surface = compute_surface(Tile(grid, row0, row1, col0, col1), seed)
            return self._surface

    def __getstate__(self) -> dict:  # another process recomputes it from the arguments
        return {"args": self._args}

    def __setstate__(self, state: dict) -> None:
        self.__init__(*state["args"])


def _surface(grid: OutputGrid, row0: int, row1: int, col0: int, col1: int, seed: int,
             cache: BlockCache, keys: list[str]) -> _LazySurface:
    """The tile's surface, computed here (in parallel with other tiles' surfaces) unless every
    block of the tile is cached already."""
    surface = _LazySurface(grid, row0, row1, col0, col1, seed)
    if not all(cache.contains(key) for key in keys):
        surface.get()
    return surface


def _render(surface: _LazySurface, day: date, collection: CollectionSpec, bands: list[BandSpec],
            events: list[Event], seed: int, cache: BlockCache, key: str) -> np.ndarray:
    block = cache.get(key)
    if block is None:
        fam = sensors.family(collection)
        scene = Scene(surface.get(), day, events, seed, overpass_hour=sensors.overpass_hour(fam))
        block = sensors.render(scene, collection, bands)[np.newaxis]
        cache.put(key, block)
    return block


def _render_series(grid: OutputGrid, row0: int, row1: int, col0: int, col1: int, days: list[date],
                   collection: CollectionSpec, bands: list[BandSpec], events: list[Event], seed: int,
                   dtype: np.dtype, cache: BlockCache, key: str) -> np.ndarray:
    """The (t, bands, y, x) block of a tile's whole time series: its surface computed once,
    each date rendered straight into the block (no stacking copy)."""
    block = cache.get(key)
    if block is None:
        surface = compute_surface(Tile(grid, row0, row1, col0, col1), seed)
        hour = sensors.overpass_hour(sensors.family(collection))
        block = np.empty((len(days), len(bands), row1 - row0, col1 - col0), dtype=dtype)
        for t, day in enumerate(days):
            block[t] = sensors.render(Scene(surface, day, events, seed, overpass_hour=hour), collection, bands)
        cache.put(key, block)
    return block


def _dask_array(grid: OutputGrid, days: list[date], collection: CollectionSpec, bands: list[BandSpec],
                events: list[Event], seed: int, dtype: np.dtype, token: str, cache: BlockCache,
                side: int = TILE, series: bool = False) -> da.Array:
    """The lazy (t, bands, y, x) cube: one block per (date, tile), or per tile with `series`."""
    rows, cols = _chunks(grid.height, side), _chunks(grid.width, side)
    name = f"simulated-{collection.id.lower()}-{token}"
    surface_name = f"simulated-surface-{token}"
    dsk: dict = {}
    for i, (r0, r1) in enumerate(rows):
        for j, (c0, c1) in enumerate(cols):
            if series:
                dsk[(name, 0, 0, i, j)] = (_render_series, grid, r0, r1, c0, c1, days, collection, bands, events, seed,
                                           dtype, cache, f"{token}/series/{i}/{j}")
                continue
            keys = [f"{token}/{t}/{i}/{j}" for t in range(len(days))]
            dsk[(surface_name, i, j)] = (_surface, grid, r0, r1, c0, c1, seed, cache, keys)
            for t, day in enumerate(days):
                dsk[(name, t, 0, i, j)] = (_render, (surface_name, i, j), day, collection, bands, events, seed,
                                           cache, keys[t])
    graph = HighLevelGraph.from_collections(name, dsk, dependencies=())
    times = (len(days),) if series else (1,) * len(days)
    chunks = (times, (len(bands),), tuple(r1 - r0 for r0, r1 in rows), tuple(c1 - c0 for c0, c1 in cols))
    return da.Array(graph, name, chunks=chunks, dtype=dtype)
