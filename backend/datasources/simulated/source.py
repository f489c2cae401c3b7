"""`SimulatedEarth`: the DataSource that answers any place and date with plausible values.

It builds a Dask graph with one task per (spatial tile) for the static surface and one task
per (acquisition date, tile) that renders the requested bands from it, so only the requested
window is generated, lazily, and the surface is computed once per tile and shared by all dates.
"""

from __future__ import annotations

import hashlib
import math
from datetime import date

import dask.array as da
import numpy as np
import pandas as pd
import xarray as xr
from dask.highlevelgraph import HighLevelGraph

from backend.catalog.models import BandSpec, CollectionSpec
from backend.datasources.base import DataRequest, NoDataError
from backend.datasources.simulated import sensors
from backend.datasources.simulated.events import Event, events_near
from backend.datasources.simulated.grid import MAX_SIDE, OutputGrid, make_grid
from backend.datasources.simulated.landcover import Surface, compute_surface
from backend.datasources.simulated.revisit import acquisition_dates, overlaps_extent
from backend.datasources.simulated.sampling import Tile
from backend.datasources.simulated.scene import Scene

TILE = 1024
SIMULATED_NOTE = "Simulated Earth: plausible, deterministic values, not observations."


class SimulatedEarth:
    """Deterministic simulated data for every collection in `catalog` (see package docstring)."""

    name = "simulated"
    simulated = True

    def __init__(self, catalog: dict[str, CollectionSpec], seed: int = 0) -> None:
        self.catalog = catalog
        self.seed = seed

    def covers(self, request: DataRequest) -> bool:
        if request.collection.id not in self.catalog:
            return False
        west, south, east, north = request.bbox
        if not (-180.0 <= west < east <= 180.0 and -90.0 <= south < north <= 90.0):
            return False
        W, S, E, N = request.collection.spatial_extent
        if west >= E or east <= W or south >= N or north <= S:
            return False
        # Dates inside the extent are covered even between two overpasses: `load` then raises a
        # NoDataError that says to widen the window (more useful than "outside the extent").
        return overlaps_extent(request.collection, request.start, request.end)

    def _dates(self, request: DataRequest) -> np.ndarray:
        west, south, east, north = request.bbox
        return acquisition_dates(request.collection, (west + east) / 2.0, (south + north) / 2.0,
                                 request.start, request.end)

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
        data = _dask_array(grid, [pd.Timestamp(d).date() for d in dates], request.collection, bands,
                           events, self.seed, dtype, token)
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


def _chunks(n: int) -> list[tuple[int, int]]:
    """Split n pixels into near-equal tiles of at most TILE (no thin slivers)."""
    k = max(1, math.ceil(n / TILE))
    edges = [round(i * n / k) for i in range(k + 1)]
    return list(zip(edges[:-1], edges[1:]))


def _surface(grid: OutputGrid, row0: int, row1: int, col0: int, col1: int, seed: int) -> Surface:
    return compute_surface(Tile(grid, row0, row1, col0, col1), seed)


def _render(surface: Surface, day: date, collection: CollectionSpec, bands: list[BandSpec],
            events: list[Event], seed: int) -> np.ndarray:
    fam = sensors.family(collection)
    scene = Scene(surface, day, events, seed, overpass_hour=sensors.overpass_hour(fam))
    return sensors.render(scene, collection, bands)[np.newaxis]


def _dask_array(grid: OutputGrid, days: list[date], collection: CollectionSpec, bands: list[BandSpec],
                events: list[Event], seed: int, dtype: np.dtype, token: str) -> da.Array:
    rows, cols = _chunks(grid.height), _chunks(grid.width)
    name = f"simulated-{collection.id.lower()}-{token}"
    surface_name = f"simulated-surface-{token}"
    dsk: dict = {}
    for i, (r0, r1) in enumerate(rows):
        for j, (c0, c1) in enumerate(cols):
            dsk[(surface_name, i, j)] = (_surface, grid, r0, r1, c0, c1, seed)
            for t, day in enumerate(days):
                dsk[(name, t, 0, i, j)] = (_render, (surface_name, i, j), day, collection, bands, events, seed)
    graph = HighLevelGraph.from_collections(name, dsk, dependencies=())
    chunks = ((1,) * len(days), (len(bands),), tuple(r1 - r0 for r0, r1 in rows), tuple(c1 - c0 for c0, c1 in cols))
    return da.Array(graph, name, chunks=chunks, dtype=dtype)
