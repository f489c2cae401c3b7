"""Cold starts of `openeo-agent check`: each one a fresh process that starts the embedded backend
while the agent imports its own modules, starts the sandbox's jailed worker and sends its first
requests. None may crash: once in a few starts a thread used to meet a partially initialized
module (`cannot import name 'BaseGeometry' from partially initialized module
'shapely.geometry.base'`). A check's backend only lists and validates: it imports no process
implementations (the process index cached by the first start, backend/processes/index.py), so
a start costs about two CPU seconds (benchmarks/request_bench.py, "cold starts")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CODE = '''import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
cube = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={"west": 35.90, "south": 33.80, "east": 35.92, "north": 33.82},
    temporal_extent=["2019-05-01", "2019-05-11"],
    bands=["B04", "B08"],
)
cube.ndvi(red="B04", nir="B08").reduce_dimension(dimension="t", reducer="median").download("ndvi.tif")
'''
STARTS = int(os.environ.get("OPENEO_AGENT_COLD_STARTS", "50"))
PARALLEL = 2  # the machine has two cores: more would only measure the scheduler


def openeo_agent() -> list[str]:
    script = Path(sys.executable).with_name("openeo-agent")
    return [str(script)] if script.exists() else [sys.executable, "-m", "agent.cli"]


def test_cold_starts_of_check_never_crash(tmp_path):
    code = tmp_path / "code.py"
    code.write_text(CODE)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "OPENEO_AGENT_"))}
    env["OPENEO_AGENT_RUNS_DIR"] = str(tmp_path / "runs")

    def start(i: int) -> subprocess.CompletedProcess:
        return subprocess.run([*openeo_agent(), "check", str(code), "--json"], capture_output=True, text=True,
                              timeout=300, env=env, cwd=tmp_path)  # fmt: skip

    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        results = list(pool.map(start, range(STARTS)))
    crashed = [r for r in results if r.returncode != 0 or "Traceback" in r.stderr or "partially initialized" in r.stderr]
    assert not crashed, f"{len(crashed)} of {STARTS} cold starts failed; the first:\n{crashed[0].stdout}\n{crashed[0].stderr[-3000:]}"
    assert all(json.loads(r.stdout)["status"] == "VALID" for r in results)
