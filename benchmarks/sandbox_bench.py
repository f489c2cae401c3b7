"""The sandbox call warm against a cold start (the baseline), in one process, and a UDF likewise.

Measured, each the median of --repeat runs, alternating:
- `run_in_sandbox` cold: a fresh jail, interpreter and openeo import per call (what every call
  paid before the warm worker);
- `run_in_sandbox` warm: forked from the resident jailed worker;
- `run_openeo_code` (the tool: snapshot, sandbox, POST /validation on the embedded backend)
  warm and cold — the issue's target is <= 300 ms warm;
- `run_udf_on_array` warm and cold on a small cube.
The isolation in force is printed first: the warm numbers keep every property of the jail.

Run: python benchmarks/sandbox_bench.py [--repeat 5] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

CODE = '''
import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu").authenticate_oidc()
cube = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={"west": 4.65, "south": 50.83, "east": 4.79, "north": 50.92},
    temporal_extent=["2023-06-01", "2023-07-01"],
    bands=["B04", "B08", "SCL"],
)
scl = cube.band("SCL")
clouds = (scl == 3) | (scl == 8) | (scl == 9) | (scl == 10)
ndvi = cube.ndvi(nir="B08", red="B04").mask(clouds).median_time()
ndvi.download("ndvi_leuven_june_2023.tif")
'''

UDF = '''
from scipy.ndimage import uniform_filter
from openeo.udf import XarrayDataCube
def apply_datacube(cube: XarrayDataCube, context: dict) -> XarrayDataCube:
    a = cube.get_array()
    return XarrayDataCube(a.copy(data=uniform_filter(a.values, size=3)))
'''


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", default=None)
    args = parser.parse_args()

    import numpy as np
    import xarray as xr

    import backend.udf.runner as udf_runner
    import tools.sandbox.runner as sandbox_runner
    from backend.server import start_in_thread
    from backend.settings import BackendSettings
    from tools.code import run_openeo_code
    from tools.context import BackendRef, RunFolder, ToolContext
    from tools.sandbox.snapshot import get_snapshot

    iso = sandbox_runner.sandbox_isolation()
    print(f"isolation: {iso.level} — {iso.summary}")
    with tempfile.TemporaryDirectory() as tmp:
        server = start_in_thread(BackendSettings(jobs_dir=str(Path(tmp) / "jobs")))
        try:
            backend = BackendRef(url=server.url, is_embedded=True)
            snapshot = get_snapshot(backend, {"SENTINEL2_L2A"}).for_child({"SENTINEL2_L2A"})
            ctx = ToolContext(backend, RunFolder(Path(tmp) / "run"), emit=lambda e: None)
            t_start = timed(lambda: sandbox_runner.prestart(wait=True))
            t_udf_start = timed(lambda: udf_runner.prestart(wait=True))
            worker, udf_worker = sandbox_runner._worker, udf_runner._worker
            cube = xr.DataArray(np.random.default_rng(1).random((2, 2, 64, 64)).astype("float32"), dims=["t", "bands", "y", "x"])

            def sandbox(warm: bool):
                r = sandbox_runner.run_in_sandbox(CODE, snapshot, warm=warm)
                assert r.error is None and r.warm == warm, r.error

            def tool(warm: bool):
                sandbox_runner._worker = worker if warm else None
                try:
                    outcome = run_openeo_code(CODE, ctx)
                finally:
                    sandbox_runner._worker = worker
                assert outcome.status == "VALID", outcome.to_text()
                assert outcome.sandbox.warm == warm

            def udf(warm: bool):
                udf_runner._worker = udf_worker if warm else None
                try:
                    udf_runner.run_udf_on_array(cube, UDF, context={}, timeout_s=60, memory_mb=1024)
                finally:
                    udf_runner._worker = udf_worker

            sandbox(True), tool(True), udf(True)  # first use of each path in this process
            times: dict[str, list[float]] = {k: [] for k in ("sandbox_cold", "sandbox_warm", "tool_cold", "tool_warm", "udf_cold", "udf_warm")}
            for _ in range(args.repeat):
                for name, fn in (("sandbox", sandbox), ("tool", tool), ("udf", udf)):
                    times[f"{name}_cold"].append(timed(lambda: fn(False)))
                    times[f"{name}_warm"].append(timed(lambda: fn(True)))
        finally:
            server.stop()

    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"warm worker start (once, ahead of the first request): sandbox {t_start:.2f} s, UDF {t_udf_start:.2f} s")
    for name, label in (("sandbox", "run_in_sandbox"), ("tool", "run_openeo_code"), ("udf", "run_udf_on_array")):
        cold, warm = med[f"{name}_cold"], med[f"{name}_warm"]
        print(f"{label:18s} cold {cold * 1000:7.0f} ms   warm {warm * 1000:6.0f} ms   cold/warm {cold / warm:5.1f}x")
    target = "met" if med["tool_warm"] <= 0.300 else "NOT met"
    print(f"target run_openeo_code warm <= 300 ms: {target} ({med['tool_warm'] * 1000:.0f} ms)")
    if args.json:
        Path(args.json).write_text(json.dumps({"isolation": iso.model_dump(), "median_s": med, "runs_s": times,
                                               "start_s": {"sandbox": t_start, "udf": t_udf_start}}, indent=1))


if __name__ == "__main__":
    main()
