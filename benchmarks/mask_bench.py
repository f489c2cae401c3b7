"""The lazy `mask` against openeo-processes-dask's, end to end, in one process.

The graph is a typical request: a cloud-masked (SCL) NDVI median composite of one month of
SENTINEL2_L2A over a town-sized area, from the simulated Earth. Each variant runs on a fresh
backend context (so no cached blocks carry over), alternating, and the ratio of medians is
printed. Run: python benchmarks/mask_bench.py [--repeat 2] [--km 15]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time

from openeo_processes_dask.process_implementations.cubes.mask import mask as library_mask

import backend.processes.masking as masking
from backend.context import BackendContext
from backend.execution import execute
from backend.settings import BackendSettings


def graph(km: float) -> dict:
    half_lon, half_lat = km / 2 / 70.0, km / 2 / 111.0  # ~50.9 N
    bbox = {"west": 4.70 - half_lon, "south": 50.88 - half_lat, "east": 4.70 + half_lon, "north": 50.88 + half_lat}
    eq = lambda v: {"process_id": "eq", "arguments": {"x": {"from_parameter": "x"}, "y": v}}  # noqa: E731
    return {"process_graph": {
        "load": {"process_id": "load_collection", "arguments": {
            "id": "SENTINEL2_L2A", "spatial_extent": bbox, "temporal_extent": ["2023-06-01", "2023-07-01"],
            "bands": ["B04", "B08", "SCL"]}},
        "scl": {"process_id": "filter_bands", "arguments": {"data": {"from_node": "load"}, "bands": ["SCL"]}},
        "cloudy": {"process_id": "apply", "arguments": {"data": {"from_node": "scl"}, "process": {"process_graph": {
            "a": {**eq(3)}, "b": {**eq(8)}, "c": {**eq(9)}, "d": {**eq(10)},
            "ab": {"process_id": "or", "arguments": {"x": {"from_node": "a"}, "y": {"from_node": "b"}}},
            "cd": {"process_id": "or", "arguments": {"x": {"from_node": "c"}, "y": {"from_node": "d"}}},
            "any": {"process_id": "or", "arguments": {"x": {"from_node": "ab"}, "y": {"from_node": "cd"}}, "result": True}}}}},
        "masked": {"process_id": "mask", "arguments": {"data": {"from_node": "load"}, "mask": {"from_node": "cloudy"}}},
        "ndvi": {"process_id": "ndvi", "arguments": {"data": {"from_node": "masked"}, "nir": "B08", "red": "B04"}},
        "median": {"process_id": "reduce_dimension", "arguments": {"data": {"from_node": "ndvi"}, "dimension": "t",
                   "reducer": {"process_graph": {"m": {"process_id": "median", "arguments": {"data": {"from_parameter": "data"}}, "result": True}}}}},
        "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "median"}, "format": "GTiff"}, "result": True},
    }}


def run_once(pg: dict, impl) -> tuple[float, bytes]:
    original = masking.mask
    with tempfile.TemporaryDirectory() as jobs:
        masking.mask = impl  # the registry takes the function when the context builds it
        try:
            ctx = BackendContext.create(BackendSettings(jobs_dir=jobs))
            t0 = time.perf_counter()
            result = execute(pg, ctx)
            return time.perf_counter() - t0, result.data
        finally:
            masking.mask = original


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--km", type=float, default=15.0)
    args = parser.parse_args()
    pg = graph(args.km)
    ours = masking.mask
    library = lambda data, mask, replacement=None: library_mask(data=data, mask=mask, replacement=replacement)  # noqa: E731
    run_once(pg, ours)  # warm-up: imports, process registry
    times = {"library mask": [], "lazy mask": []}
    outputs = {}
    for _ in range(args.repeat):
        for name, impl in (("library mask", library), ("lazy mask", ours)):
            seconds, data = run_once(pg, impl)
            times[name].append(seconds)
            outputs[name] = data
    base, new = statistics.median(times["library mask"]), statistics.median(times["lazy mask"])
    print(f"NDVI median composite, {args.km:g} km x {args.km:g} km, June 2023, SENTINEL2_L2A (simulated), repeat={args.repeat}")
    for name, values in times.items():
        print(f"  {name:13s} median {statistics.median(values):6.2f} s  runs {[round(v, 2) for v in values]}")
    print(f"  speed-up (library / lazy): {base / new:.2f}x; identical bytes: {outputs['library mask'] == outputs['lazy mask']}")


if __name__ == "__main__":
    main()
