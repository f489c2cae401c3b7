"""Peak memory (RSS) and time of large requests on the embedded backend, against the backend of
an earlier revision measured in the same run.

Requests of the kinds that reached ~5 GB in the evaluation, each executed by `backend.execution`
in a fresh Python process on the simulated Earth (batch-sized: no values budget), sampling the
process's RSS every 20 ms:

- a year of Sentinel-1 VV statistics (mean, sd and 90th percentile in dB, one band each) over
  15 x 15 km at 10 m (the planner's S1-statistics graph);
- a 3-month cloud-masked Sentinel-2 NDVI median over 30 x 30 km (issue 17's large composite);
- a multi-year multi-sensor NDVI record (Sentinel-2 and Landsat 8 monthly means, 2018-2023, a
  band per sensor) over 5 x 5 km, saved as netCDF.

The baseline is the same request on the backend of `--baseline` (a git revision, default the
one before the streaming work), extracted with `git archive` into a temporary folder and put
first on the path of its process; the ratio is peak RSS (and time) of this checkout over it.

Usage: python benchmarks/memory_bench.py [--case NAME ...] [--baseline REV | --no-baseline]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "7b7dd18"  # the backend before the memory and speed work of issue 17


def _box(lon: float, lat: float, km: float) -> dict:
    dlat = km / 2 / 111.32
    dlon = km / 2 / (111.32 * math.cos(math.radians(lat)))
    return {"west": round(lon - dlon, 4), "south": round(lat - dlat, 4), "east": round(lon + dlon, 4), "north": round(lat + dlat, 4)}


def _reduce(data: str, reducer: dict) -> dict:
    return {"process_id": "reduce_dimension", "arguments": {"data": {"from_node": data}, "dimension": "t",
                                                           "reducer": {"process_graph": {"r": {**reducer, "result": True}}}}}


def _rename(data: str, label: str) -> dict:
    return {"process_id": "rename_labels", "arguments": {"data": {"from_node": data}, "dimension": "bands", "target": [label]}}


def s1_statistics() -> dict:
    x = {"from_parameter": "x"}
    return {
        "load": {"process_id": "load_collection", "arguments": {"id": "SENTINEL1_GRD", "spatial_extent": _box(12.40, 44.93, 15),
                                                               "temporal_extent": ["2023-01-01", "2024-01-01"], "bands": ["VV"]}},
        "db": {"process_id": "apply", "arguments": {"data": {"from_node": "load"}, "process": {"process_graph": {
            "log": {"process_id": "log", "arguments": {"x": x, "base": 10}},
            "ten": {"process_id": "multiply", "arguments": {"x": {"from_node": "log"}, "y": 10}, "result": True}}}}},
        "mean": _reduce("db", {"process_id": "mean", "arguments": {"data": {"from_parameter": "data"}}}),
        "sd": _reduce("db", {"process_id": "sd", "arguments": {"data": {"from_parameter": "data"}}}),
        "p90": {"process_id": "reduce_dimension", "arguments": {"data": {"from_node": "db"}, "dimension": "t", "reducer": {"process_graph": {
            "q": {"process_id": "quantiles", "arguments": {"data": {"from_parameter": "data"}, "probabilities": [0.9]}},
            "e": {"process_id": "array_element", "arguments": {"data": {"from_node": "q"}, "index": 0}, "result": True}}}}},
        "mean_b": _rename("mean", "mean"), "sd_b": _rename("sd", "sd"), "p90_b": _rename("p90", "p90"),
        "m1": {"process_id": "merge_cubes", "arguments": {"cube1": {"from_node": "mean_b"}, "cube2": {"from_node": "sd_b"}}},
        "m2": {"process_id": "merge_cubes", "arguments": {"cube1": {"from_node": "m1"}, "cube2": {"from_node": "p90_b"}}},
        "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "m2"}, "format": "GTiff"}, "result": True},
    }


def s2_composite() -> dict:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from backend_floor_bench import CASES, graph

    return graph(CASES["30km"])["process_graph"]


def multi_sensor() -> dict:
    box, period = _box(-121.29, 38.31, 5), ["2018-01-01", "2024-01-01"]
    e = lambda i: {"process_id": "array_element", "arguments": {"data": {"from_parameter": "data"}, "index": i}}  # noqa: E731
    ndvi = {"nir": e(1), "red": e(0),
            "sub": {"process_id": "subtract", "arguments": {"x": {"from_node": "nir"}, "y": {"from_node": "red"}}},
            "add": {"process_id": "add", "arguments": {"x": {"from_node": "nir"}, "y": {"from_node": "red"}}},
            "div": {"process_id": "divide", "arguments": {"x": {"from_node": "sub"}, "y": {"from_node": "add"}}, "result": True}}
    monthly = {"process_graph": {"m": {"process_id": "mean", "arguments": {"data": {"from_parameter": "data"}}, "result": True}}}

    def sensor(prefix: str, collection: str, bands: list[str], label: str) -> dict:
        return {
            f"{prefix}_load": {"process_id": "load_collection", "arguments": {"id": collection, "spatial_extent": box,
                                                                              "temporal_extent": period, "bands": bands}},
            f"{prefix}_ndvi": {"process_id": "reduce_dimension", "arguments": {"data": {"from_node": f"{prefix}_load"}, "dimension": "bands",
                                                                              "reducer": {"process_graph": ndvi}}},
            f"{prefix}_month": {"process_id": "aggregate_temporal_period", "arguments": {"data": {"from_node": f"{prefix}_ndvi"},
                                                                                        "period": "month", "reducer": monthly}},
            f"{prefix}_band": {"process_id": "add_dimension", "arguments": {"data": {"from_node": f"{prefix}_month"}, "name": "bands",
                                                                           "label": label, "type": "bands"}},
        }

    g = {**sensor("s2", "SENTINEL2_L2A", ["B04", "B08"], "NDVI_S2"), **sensor("l8", "LANDSAT8_L2", ["B04", "B05"], "NDVI_L8")}
    g["l8_grid"] = {"process_id": "resample_cube_spatial", "arguments": {"data": {"from_node": "l8_band"}, "target": {"from_node": "s2_band"},
                                                                         "method": "bilinear"}}
    g["record"] = {"process_id": "merge_cubes", "arguments": {"cube1": {"from_node": "s2_band"}, "cube2": {"from_node": "l8_grid"}}}
    g["save"] = {"process_id": "save_result", "arguments": {"data": {"from_node": "record"}, "format": "netCDF"}, "result": True}
    return g


CASES = {"s1-year-statistics": s1_statistics, "s2-30km-3-month-composite": s2_composite, "multi-sensor-6-years": multi_sensor}

# Runs in a fresh process: execute one graph, report wall/CPU seconds and the peak RSS (MB).
CHILD = r"""
import json, sys, threading, time, warnings, logging
import psutil
warnings.filterwarnings("ignore"); logging.disable(logging.WARNING)
from backend.context import BackendContext
from backend.settings import BackendSettings
from backend.execution import execute
graph = json.loads(sys.stdin.read())
ctx = BackendContext.create(BackendSettings(simulated=True))
ctx.processes
process, peak, done = psutil.Process(), [0], threading.Event()
start_rss = process.memory_info().rss
def watch():
    while not done.is_set():
        peak[0] = max(peak[0], process.memory_info().rss); time.sleep(0.02)
threading.Thread(target=watch, daemon=True).start()
t0, c0 = time.perf_counter(), time.process_time()
result = execute({"process_graph": graph}, ctx)
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
done.set()
print(json.dumps({"wall_s": wall, "cpu_s": cpu, "peak_mb": peak[0] / 2**20, "start_mb": start_rss / 2**20, "bytes": len(result.data)}))
"""


def run(graph: dict, code: Path | None) -> dict:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    if code is not None:
        env["PYTHONPATH"] = str(code)  # ahead of the editable install of this checkout
    out = subprocess.run([sys.executable, "-c", CHILD], input=json.dumps(graph), capture_output=True, text=True, env=env,
                         cwd=code or ROOT, timeout=7200)
    if out.returncode != 0:
        raise SystemExit(f"the request failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def extract(revision: str, target: Path) -> Path:
    archive = target / "code.tar"
    with archive.open("wb") as handle:
        subprocess.run(["git", "archive", revision, "backend"], cwd=ROOT, stdout=handle, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(target / "code", filter="data")
    return target / "code"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", action="append", choices=list(CASES), help="run only these (default: all)")
    parser.add_argument("--baseline", default=BASELINE, help=f"git revision to compare with (default {BASELINE})")
    parser.add_argument("--no-baseline", action="store_true", help="measure this checkout only")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        baseline = None if args.no_baseline else extract(args.baseline, Path(tmp))
        for name in args.case or list(CASES):
            graph = CASES[name]()
            row = {"case": name, "now": run(graph, None)}
            if baseline is not None:
                row["baseline"] = run(graph, baseline)
            results.append(row)
            now = row["now"]
            line = f"{name:28s} now: peak {now['peak_mb']:7.0f} MB  {now['wall_s']:7.1f} s (CPU {now['cpu_s']:7.1f} s)"
            if "baseline" in row:
                base = row["baseline"]
                line += (f" | {args.baseline}: peak {base['peak_mb']:7.0f} MB  {base['wall_s']:7.1f} s (CPU {base['cpu_s']:7.1f} s)"
                         f" | ratio peak {now['peak_mb'] / base['peak_mb']:.2f}x, CPU {now['cpu_s'] / base['cpu_s']:.2f}x")
            print(line, flush=True)
    print(f"machine load average at the end: {os.getloadavg()[0]:.1f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
