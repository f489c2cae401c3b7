"""Backend benchmark: one run reports

1. POST /result time of an NDVI median composite (tests/data/ndvi_median_composite.json) on the
   embedded backend (`openeo-agent backend --data ../shared/data/real`, its own process, as users
   run it), against the same graph executed in-process
   directly with openeo-processes-dask (its own process registry; a bare load_collection that
   reads the same GeoTIFF with rioxarray; save_result writing the same GTiff). Goal: <= 1.1x.
2. POST /validation latency, p50 and p95. Goal: p50 <= 10 ms.

The two are timed alternately (direct, served, direct, ...) so that load from other work on
the machine affects both alike; medians are reported.

Usage: python benchmarks/backend_bench.py [--runs N] [--validations N]
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import logging
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import httpx
import numpy as np
import rioxarray

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "data" / "real"
TIF = REAL / "S2_L2A_sample.tif"
GRAPH = json.loads((ROOT / "tests" / "data" / "ndvi_median_composite.json").read_text())


def seconds(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


# -- the same graph, directly on openeo-processes-dask -----------------------------------------

def direct_registry():
    """openeo-processes-dask's own implementations, plus the two processes it leaves to backends."""
    from openeo_pg_parser_networkx import ProcessRegistry
    from openeo_pg_parser_networkx.process_registry import Process
    from openeo_processes_dask.process_implementations.core import process

    registry = ProcessRegistry(wrap_funcs=[process])
    module = importlib.import_module("openeo_processes_dask.process_implementations")
    for name, func in inspect.getmembers(module, inspect.isfunction):
        registry[name] = Process(spec={}, implementation=func)

    def load_collection(id, spatial_extent=None, temporal_extent=None, bands=None, properties=None):
        raster = rioxarray.open_rasterio(TIF, chunks={"x": 512, "y": 512})
        raster = raster.rio.clip_box(spatial_extent.west, spatial_extent.south, spatial_extent.east, spatial_extent.north, crs="EPSG:4326")
        import rasterio

        with rasterio.open(TIF) as ds:
            names = [ds.tags(i)["DESCRIPTION"] for i in range(1, ds.count + 1)]
        cube = raster.assign_coords(band=names).rename(band="bands").sel(bands=bands)
        cube = cube.expand_dims(t=[np.datetime64("2022-06-12", "ns")]).transpose("t", "bands", "y", "x")
        return cube.astype("float32").where(cube != 0)

    def save_result(data, format, options=None):
        out = data.compute().astype("float32")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "result.tif"
            out.rio.write_nodata(np.nan, encoded=False).rio.to_raster(path, driver="GTiff", compress="deflate", tiled=True)
            return path.read_bytes()

    registry["load_collection"] = Process(spec={}, implementation=load_collection)
    registry["save_result"] = Process(spec={}, implementation=save_result)
    return registry


def run_direct(registry) -> bytes:
    from openeo_pg_parser_networkx import OpenEOProcessGraph

    return OpenEOProcessGraph(GRAPH).to_callable(process_registry=registry)()


# -- the embedded backend over HTTP ------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_backend(port: int, jobs: str) -> subprocess.Popen:
    env = {**os.environ, "OPENEO_BACKEND_SIMULATED": "false", "OPENEO_BACKEND_JOBS_DIR": jobs}
    command = [sys.executable, "-c", "from agent.cli import main; main()", "backend", "--port", str(port), "--data", str(REAL)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/openeo/1.2/", timeout=1).raise_for_status()
            return server
        except httpx.HTTPError:
            if server.poll() is not None:
                raise SystemExit("openeo-agent backend exited during start-up")
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("openeo-agent backend did not start within 60 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--validations", type=int, default=300)
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)

    registry = direct_registry()
    from backend.execution import execute
    from backend.processes._testing import minimal_context
    from backend.validation import validate

    # Our execute() in-process on the same kind of source as the direct run (rioxarray, 512-px
    # chunks): separates the cost of our process layer from the cost of the data source.
    local = minimal_context(TIF)
    port = free_port()
    with tempfile.TemporaryDirectory() as jobs:
        server = start_backend(port, jobs)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}/openeo/1.2", timeout=120) as client:
                def result() -> bytes:
                    response = client.post("/result", json={"process": GRAPH})
                    response.raise_for_status()
                    assert response.headers["content-type"].startswith("image/tiff")
                    return response.content

                run_direct(registry), result(), execute(GRAPH, local)  # warm-up: imports, GDAL caches
                direct, served, ours = [], [], []
                for _ in range(args.runs):
                    direct.append(seconds(lambda: run_direct(registry)))
                    served.append(seconds(result))
                    ours.append(seconds(lambda: execute(GRAPH, local)))
                checked = []
                for _ in range(args.validations):
                    start = time.perf_counter()
                    response = client.post("/validation", json={"process_graph": GRAPH["process_graph"]})
                    checked.append((time.perf_counter() - start) * 1000)
                    assert response.status_code == 200 and response.json()["errors"] == [], response.text
        finally:
            server.terminate()
            server.wait(10)

    in_process = []
    for _ in range(args.validations):
        start = time.perf_counter()
        validate(GRAPH, local, sync=True)
        in_process.append((time.perf_counter() - start) * 1000)
    d, s, o = statistics.median(direct), statistics.median(served), statistics.median(ours)
    p50, p95 = statistics.median(checked), sorted(checked)[int(0.95 * (len(checked) - 1))]
    print(f"NDVI median composite ({TIF.name}), median of {args.runs} alternating runs:")
    print(f"  in-process openeo-processes-dask: {d * 1000:8.1f} ms")
    print(f"  POST /result (HTTP, validated):  {s * 1000:8.1f} ms")
    print(f"  ratio /result vs direct:         {s / d:8.2f}x   (goal <= 1.10x)")
    print(f"  execute() in-process, same source kind as direct: {o * 1000:.1f} ms (ratio {o / d:.2f}x)")
    print(f"POST /validation over HTTP, {args.validations} requests:")
    print(f"  p50 {p50:.2f} ms   p95 {p95:.2f} ms   (goal p50 <= 10 ms; ratio p50/goal {p50 / 10:.2f})")
    print(f"  validate() in-process: p50 {statistics.median(in_process):.2f} ms   p95 {sorted(in_process)[int(0.95 * (len(in_process) - 1))]:.2f} ms")
    print(f"machine load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
