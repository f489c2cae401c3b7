"""Benchmark: the simulated Earth now vs a baseline commit, in one process, as ratios.

The baseline package (backend/datasources/simulated at `--baseline`, by default the commit the
speed-up started from) is extracted with `git archive` into a temporary directory and imported
under another name, so both implementations run in the same process, on the same machine
load, alternately. Reported per request: best wall time of each, the ratio baseline/new (wall
and CPU) and values per second. Requests: the typical cloud-masked NDVI composite inputs
(SENTINEL2_L2A, B04 B08 SCL, June 2023, 10 m) over ~30 km x 30 km and ~10 km x 10 km, plus
(`--e2e`) the whole process graph through `backend.execution.execute` (mask, NDVI, median, GTiff).

    python benchmarks/simulated_speed.py [--repeat 2] [--e2e] [--baseline <commit>]

The machine may be shared: compare the ratios of one run, not absolute times across runs.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import dask  # noqa: E402

from backend.catalog import load_catalog  # noqa: E402
from backend.datasources.base import DataRequest  # noqa: E402
from backend.datasources.simulated import SimulatedEarth  # noqa: E402

BASELINE = "8e80606f63ab1361b56dcc162479ae5ac97e9c58"  # before the speed-up
PACKAGE = "backend/datasources/simulated"
BBOX_30KM = (4.48, 50.74, 4.92, 51.02)  # around Leuven
BBOX_10KM = (4.63, 50.835, 4.77, 50.925)


def import_baseline(commit: str, tmp: Path):
    """Import the simulated package of `commit` as `simulated_baseline` (no worktree, no index)."""
    blob = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", commit, PACKAGE],
                          check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(blob)) as tar:
        tar.extractall(tmp, filter="data")
    src = tmp / PACKAGE
    dst = tmp / "simulated_baseline"
    src.rename(dst)
    for path in dst.glob("*.py"):
        path.write_text(path.read_text().replace("backend.datasources.simulated", "simulated_baseline"))
    sys.path.insert(0, str(tmp))
    return importlib.import_module("simulated_baseline")


def timed(fn):
    t0, c0 = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - t0, time.process_time() - c0, result


def compare(label: str, runs: dict, repeat: int) -> None:
    """Run each implementation `repeat` times, alternating, and print best times and ratios."""
    best = {name: (float("inf"), 0.0) for name in runs}
    size = None
    for _ in range(repeat):
        for name, fn in runs.items():
            wall, cpu, result = timed(fn)
            size = getattr(result, "size", size)
            if wall < best[name][0]:
                best[name] = (wall, cpu)
    (bw, bc), (nw, nc) = best["baseline"], best["new"]
    rate = f", {size / 1e6:.0f} M values: baseline {size / bw / 1e6:.1f} M/s, new {size / nw / 1e6:.1f} M/s" if size else ""
    print(f"{label}: baseline {bw:.2f} s ({bc:.2f} s CPU), new {nw:.2f} s ({nc:.2f} s CPU) -> "
          f"{bw / nw:.2f}x wall, {bc / nc:.2f}x CPU{rate}", flush=True)


def ndvi_graph(bbox) -> dict:
    w, s, e, n = bbox
    x = {"from_parameter": "x"}
    return {
        "load": {"process_id": "load_collection", "arguments": {
            "id": "SENTINEL2_L2A", "spatial_extent": {"west": w, "south": s, "east": e, "north": n},
            "temporal_extent": ["2023-06-01", "2023-07-01"], "bands": ["B04", "B08", "SCL"]}},
        "scl": {"process_id": "filter_bands", "arguments": {"data": {"from_node": "load"}, "bands": ["SCL"]}},
        "cloudy": {"process_id": "apply", "arguments": {"data": {"from_node": "scl"}, "process": {"process_graph": {
            "e3": {"process_id": "eq", "arguments": {"x": x, "y": 3}},
            "e8": {"process_id": "eq", "arguments": {"x": x, "y": 8}},
            "e9": {"process_id": "eq", "arguments": {"x": x, "y": 9}},
            "e10": {"process_id": "eq", "arguments": {"x": x, "y": 10}},
            "o1": {"process_id": "or", "arguments": {"x": {"from_node": "e3"}, "y": {"from_node": "e8"}}},
            "o2": {"process_id": "or", "arguments": {"x": {"from_node": "o1"}, "y": {"from_node": "e9"}}},
            "o3": {"process_id": "or", "arguments": {"x": {"from_node": "o2"}, "y": {"from_node": "e10"}}, "result": True}}}}},
        "bands": {"process_id": "filter_bands", "arguments": {"data": {"from_node": "load"}, "bands": ["B04", "B08"]}},
        "masked": {"process_id": "mask", "arguments": {"data": {"from_node": "bands"}, "mask": {"from_node": "cloudy"}}},
        "ndvi": {"process_id": "reduce_dimension", "arguments": {"data": {"from_node": "masked"}, "dimension": "bands",
                 "reducer": {"process_graph": {
                     "r": {"process_id": "array_element", "arguments": {"data": {"from_parameter": "data"}, "label": "B04"}},
                     "n": {"process_id": "array_element", "arguments": {"data": {"from_parameter": "data"}, "label": "B08"}},
                     "d": {"process_id": "subtract", "arguments": {"x": {"from_node": "n"}, "y": {"from_node": "r"}}},
                     "s": {"process_id": "add", "arguments": {"x": {"from_node": "n"}, "y": {"from_node": "r"}}},
                     "q": {"process_id": "divide", "arguments": {"x": {"from_node": "d"}, "y": {"from_node": "s"}}, "result": True}}}}},
        "median": {"process_id": "reduce_dimension", "arguments": {"data": {"from_node": "ndvi"}, "dimension": "t",
                   "reducer": {"process_graph": {"m": {"process_id": "median", "arguments": {"data": {"from_parameter": "data"}},
                                                       "result": True}}}}},
        "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "median"}, "format": "GTiff"}, "result": True},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--e2e", action="store_true", help="also time the whole NDVI composite graph via execute()")
    args = parser.parse_args()

    catalog = load_catalog()
    with tempfile.TemporaryDirectory() as tmp:
        base = import_baseline(args.baseline, Path(tmp))
        # A fresh source per run: the new SimulatedEarth caches rendered blocks, so every timed run
        # starts cold (only reuse *within* one run, e.g. a graph reading its input twice, counts).
        earths = {"baseline": lambda: base.SimulatedEarth(catalog), "new": lambda: SimulatedEarth(catalog)}
        print(f"baseline {args.baseline[:10]} vs working tree; CPU cores {os.cpu_count()}, "
              f"load average {os.getloadavg()[0]:.1f}", flush=True)
        with dask.config.set(scheduler="threads"):
            for label, bbox in (("30 km x 30 km", BBOX_30KM), ("10 km x 10 km", BBOX_10KM)):
                request = DataRequest(collection=catalog["SENTINEL2_L2A"], bbox=bbox, start="2023-06-01",
                                      end="2023-07-01", bands=["B04", "B08", "SCL"])
                shape = dict(earths["new"]().load(request).sizes)
                runs = {name: (lambda e=e: e().load(request).compute()) for name, e in earths.items()}
                compare(f"load().compute() {label} {shape}", runs, args.repeat)
        if args.e2e:
            from backend.context import BackendContext
            from backend.execution import execute
            from backend.settings import BackendSettings

            ctx = BackendContext.create(BackendSettings(jobs_dir=str(Path(tmp) / "jobs")))
            sources = ctx.sources._sources["SENTINEL2_L2A"]
            at = next(i for i, s in enumerate(sources) if getattr(s, "name", "") == "simulated")

            def run_with(make):
                def run():
                    sources[at] = make()
                    return execute(ndvi_graph(BBOX_30KM), ctx)
                return run

            execute(ndvi_graph(BBOX_10KM), ctx)  # warm up: the process registry is built on first use
            compare("execute(NDVI median composite) 30 km x 30 km", {n: run_with(e) for n, e in earths.items()}, args.repeat)
        print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
