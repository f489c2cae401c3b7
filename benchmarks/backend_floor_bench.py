"""Backend vs the numpy floor: a cloud-masked NDVI median composite on the simulated Earth.

Two requests (the one of issue 17, and a 30 x 30 km, 3-month composite around Leuven), each:

- **backend**: `POST /result` of the offline planner's graph for it (load_collection B04 B08
  SCL -> SCL cloud mask -> NDVI -> median over t -> GTiff) on an embedded backend over HTTP;
- **floor**: the same composite written by hand in numpy on the same arrays: the simulated
  Earth's own generator called tile by tile without Dask (the very functions its Dask tasks
  call), then mask, NDVI, a NaN-aware median and the same GTiff encoder, in one thread.

Two views, each as a ratio backend / floor (goal <= 2x):

- *end to end*: generation included, the block cache emptied before each backend run;
- *processing*: the arrays already generated (the backend's block cache warm, raised for the
  benchmark so that it holds the whole request; the floor's arrays in memory), so the ratio
  shows what the backend adds around the same numpy work.

Wall time and CPU time (of this whole process, the backend's threads included) are both
reported: the floor runs in one thread, the backend on every core, so on a busy machine the CPU
ratio is the steadier one.

The GeoTIFFs of backend and floor are compared pixel for pixel. The backend runs in this process
(`start_in_thread`, so that its cache can be emptied between runs) with the synchronous budget
raised for the 30 km request (1,000 M values, more than `POST /result` takes by default).

Usage: python benchmarks/backend_floor_bench.py [--runs 3] [--case leuven|30km|all]
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import math
import os
import statistics
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LEUVEN = {"west": 4.65, "south": 50.83, "east": 4.79, "north": 50.92}


def _box_km(lon: float, lat: float, km: float) -> dict:
    dlat = km / 2 / 111.32
    dlon = km / 2 / (111.32 * math.cos(math.radians(lat)))
    return {"west": round(lon - dlon, 4), "south": round(lat - dlat, 4), "east": round(lon + dlon, 4), "north": round(lat + dlat, 4)}


@dataclass
class Case:
    name: str
    extent: dict
    period: tuple[str, str]


CASES = {
    "leuven": Case("NDVI of 4.65-4.79 E, 50.83-50.92 N (Leuven), June 2023, cloud-masked median", LEUVEN, ("2023-06-01", "2023-07-01")),
    "30km": Case("30 x 30 km around Leuven, June-August 2023, cloud-masked NDVI median", _box_km(4.72, 50.875, 30), ("2023-06-01", "2023-09-01")),
}
CACHE_FOR_BENCH = 4 << 30  # bytes of rendered blocks the simulated Earth may keep during the benchmark
CLOUDY = (3, 8, 9, 10)  # SCL: cloud shadows, clouds medium and high, cirrus (the planner's mask)


def graph(case: Case) -> dict:
    """The offline planner's graph for the request (as `openeo-agent ask` drafts it)."""
    def element(index: int) -> dict:
        return {"process_id": "array_element", "arguments": {"data": {"from_parameter": "data"}, "index": index}}

    mask = {"scl": element(2)}
    previous = None
    for i, cls in enumerate(CLOUDY):
        mask[f"eq{i}"] = {"process_id": "eq", "arguments": {"x": {"from_node": "scl"}, "y": cls}}
        if previous is not None:
            mask[f"or{i}"] = {"process_id": "or", "arguments": {"x": {"from_node": previous}, "y": {"from_node": f"eq{i}"}}}
        previous = f"or{i}" if i else f"eq{i}"
    mask[previous]["result"] = True
    ndvi = {"nir": element(1), "red": element(0),
            "sub": {"process_id": "subtract", "arguments": {"x": {"from_node": "nir"}, "y": {"from_node": "red"}}},
            "add": {"process_id": "add", "arguments": {"x": {"from_node": "nir"}, "y": {"from_node": "red"}}},
            "div": {"process_id": "divide", "arguments": {"x": {"from_node": "sub"}, "y": {"from_node": "add"}}, "result": True}}
    return {"process_graph": {
        "load": {"process_id": "load_collection", "arguments": {"id": "SENTINEL2_L2A", "spatial_extent": case.extent,
                                                               "temporal_extent": list(case.period), "bands": ["B04", "B08", "SCL"]}},
        "cloudy": {"process_id": "reduce_dimension", "arguments": {"data": {"from_node": "load"}, "dimension": "bands",
                                                                  "reducer": {"process_graph": mask}}},
        "masked": {"process_id": "mask", "arguments": {"data": {"from_node": "load"}, "mask": {"from_node": "cloudy"}}},
        "ndvi": {"process_id": "reduce_dimension", "arguments": {"data": {"from_node": "masked"}, "dimension": "bands",
                                                                "reducer": {"process_graph": ndvi}}},
        "median": {"process_id": "reduce_dimension", "arguments": {"data": {"from_node": "ndvi"}, "dimension": "t", "reducer": {
            "process_graph": {"m": {"process_id": "median", "arguments": {"data": {"from_parameter": "data"}}, "result": True}}}}},
        "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "median"}, "format": "GTiff"}, "result": True},
    }}


# -- the floor: numpy by hand on the simulated Earth's own arrays --------------------------------

def generate(earth, case: Case) -> tuple[list[tuple[int, int, int, int]], list[np.ndarray], object]:
    """The arrays load_collection would get, one (t, bands, rows, cols) stack per tile, made by the
    functions the simulated Earth's Dask tasks call (no Dask)."""
    from backend.catalog import load_catalog
    from backend.datasources.base import DataRequest
    from backend.datasources.simulated import sensors
    from backend.datasources.simulated.events import events_near
    from backend.datasources.simulated.grid import make_grid
    from backend.datasources.simulated.landcover import compute_surface
    from backend.datasources.simulated.sampling import Tile
    from backend.datasources.simulated.scene import Scene
    from backend.datasources.simulated.source import _chunks, _grow, tile_side

    collection = load_catalog()["SENTINEL2_L2A"]
    e = case.extent
    request = DataRequest(collection=collection, bbox=(e["west"], e["south"], e["east"], e["north"]), start=case.period[0],
                          end=case.period[1], bands=["B04", "B08", "SCL"])
    grid = make_grid(request)
    days = [d.astype("datetime64[D]").item() for d in earth._dates(request)]
    bands = earth._bands(request)
    events = events_near(_grow(request.bbox, 0.05))
    hour = sensors.overpass_hour(sensors.family(collection))
    windows, stacks = [], []
    side = tile_side(len(days), len(bands))
    for r0, r1 in _chunks(grid.height, side):
        for c0, c1 in _chunks(grid.width, side):
            surface = compute_surface(Tile(grid, r0, r1, c0, c1), earth.seed)
            stacks.append(np.stack([sensors.render(Scene(surface, day, events, earth.seed, overpass_hour=hour), collection, bands)
                                    for day in days]))
            windows.append((r0, r1, c0, c1))
    return windows, stacks, grid


def nanmedian(a: np.ndarray, axis: int = 0) -> np.ndarray:
    """Median of the non-NaN values along `axis` (NaN where there are none), by one sort."""
    ordered = np.sort(a, axis=axis)
    n = np.count_nonzero(~np.isnan(a), axis=axis)
    low = np.expand_dims(np.maximum((n - 1) // 2, 0), axis)
    high = np.expand_dims(np.minimum(n // 2, a.shape[axis] - 1), axis)
    out = (np.take_along_axis(ordered, low, axis) + np.take_along_axis(ordered, high, axis)).squeeze(axis) * np.float32(0.5)
    out[n == 0] = np.nan
    return out


def composite(stack: np.ndarray) -> np.ndarray:
    """(t, [B04, B08, SCL], y, x) digital numbers -> the cloud-masked NDVI median (y, x)."""
    red, nir, scl = stack[:, 0], stack[:, 1], stack[:, 2]
    valid = (red != 0) & (nir != 0) & ~np.isin(scl, CLOUDY)
    red, nir = red.astype(np.float32), nir.astype(np.float32)
    with np.errstate(divide="ignore", invalid="ignore"):
        ndvi = np.where(valid, (nir - red) / (nir + red), np.float32(np.nan))
    return nanmedian(ndvi, axis=0)


def encode(values: np.ndarray, grid) -> bytes:
    """The backend's own GTiff encoder, on the composite as an xarray raster."""
    import xarray as xr

    from backend.processes.save import SavedResult, encode as encode_result

    raster = xr.DataArray(values, dims=("y", "x"), coords={"y": grid.y_coords(), "x": grid.x_coords()}, attrs={"crs": grid.crs})
    return encode_result(SavedResult(data=raster.rio.write_crs(grid.crs), format="GTiff")).data


def floor_from_arrays(windows, stacks, grid) -> bytes:
    out = np.empty((grid.height, grid.width), dtype=np.float32)
    for (r0, r1, c0, c1), stack in zip(windows, stacks):
        out[r0:r1, c0:c1] = composite(stack)
    return encode(out, grid)


def floor_end_to_end(earth, case: Case) -> bytes:
    return floor_from_arrays(*generate(earth, case))


# -- measuring -------------------------------------------------------------------------------

def timed(fn) -> tuple[tuple[float, float], object]:
    """((wall s, CPU s of this whole process: the backend's threads included), fn's value)."""
    start, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return (time.perf_counter() - start, time.process_time() - cpu), value


def pixels(tif: bytes) -> np.ndarray:
    import rasterio

    with rasterio.MemoryFile(tif) as memory, memory.open() as ds:
        return ds.read(1)


def simulated_earth(ctx):
    from backend.datasources.simulated import SimulatedEarth

    found = (getattr(s, "prepare", lambda: s)() for sources in ctx.sources._sources.values() for s in sources)
    return next(s for s in found if isinstance(s, SimulatedEarth))  # (the backend defers building it: DeferredSource)


def run_case(case: Case, runs: int, server, earth) -> dict:
    body = {"process": graph(case)}

    def backend() -> bytes:
        response = requests.post(server.url + "/result", json=body, timeout=900)
        response.raise_for_status()
        return response.content

    # The processing view needs the whole request in the block cache (30 km: about 1 GB, more
    # than the default budget, which a request larger than itself skips: then both views
    # would generate). The end-to-end view clears the cache before each run either way.
    earth.cache.max_bytes = max(earth.cache.max_bytes, CACHE_FOR_BENCH)
    earth.cache.clear()
    backend()  # warm-up: imports, GDAL, the process registry
    cold, warm, floor_cold, floor_warm = [], [], [], []
    for _ in range(runs):
        earth.cache.clear()
        t, served = timed(backend)
        cold.append(t)
        warm.append(timed(backend)[0])  # the same request again: the blocks come from the cache
        t, floor = timed(lambda: floor_end_to_end(earth, case))
        floor_cold.append(t)
        arrays = generate(earth, case)
        floor_warm.append(timed(lambda: floor_from_arrays(*arrays))[0])
        del arrays
    earth.cache.clear()
    a, b = pixels(served), pixels(floor)
    same = a.shape == b.shape and bool(np.allclose(a, b, equal_nan=True, atol=1e-6))
    out = {"case": case.name, "shape": list(a.shape), "same_pixels": same}
    for name, values in (("backend_end_to_end", cold), ("floor_end_to_end", floor_cold), ("backend_processing", warm),
                         ("floor_processing", floor_warm)):
        out[f"{name}_s"] = statistics.median(v[0] for v in values)
        out[f"{name}_cpu_s"] = statistics.median(v[1] for v in values)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--case", choices=[*CASES, "all"], default="all")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)

    from backend.server import start_in_thread
    from backend.settings import BackendSettings

    with tempfile.TemporaryDirectory() as jobs:
        server = start_in_thread(BackendSettings(jobs_dir=jobs, sync_pixel_budget=1_000_000_000))
        try:
            earth = simulated_earth(server.ctx)
            results = [run_case(CASES[name], args.runs, server, earth) for name in CASES if args.case in (name, "all")]
        finally:
            server.stop()
    print(f"cloud-masked NDVI median composite, simulated Earth, median of {args.runs} runs, {os.cpu_count()} cores:")
    for r in results:
        print(f"  {r['case']} ({r['shape'][1]} x {r['shape'][0]} px, same pixels: {r['same_pixels']})")
        for view in ("end_to_end", "processing"):
            b, f = r[f"backend_{view}_s"], r[f"floor_{view}_s"]
            bc, fc = r[f"backend_{view}_cpu_s"], r[f"floor_{view}_cpu_s"]
            r[f"ratio_{view}"], r[f"cpu_ratio_{view}"] = b / f, bc / fc
            print(f"    {view.replace('_', ' '):11s}: backend {b:6.2f} s (CPU {bc:6.2f} s)   numpy floor {f:6.2f} s (CPU {fc:6.2f} s)   "
                  f"ratio {b / f:4.2f}x, CPU {bc / fc:4.2f}x (goal <= 2x)")
    print(f"machine load average at the end: {os.getloadavg()[0]:.1f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
