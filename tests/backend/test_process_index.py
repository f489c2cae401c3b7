"""A backend that only lists and validates statically imports none of the compute stack (the
sample run of POST /validation, on by default, does); it lists what the full registry lists, from the index a full build cached, and still
computes when asked (building the registry and the simulated Earth then)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

PROBE = r"""
import json, sys, tempfile
import requests
from backend.server import start_in_thread
from backend.settings import BackendSettings

# the static checks only: the sample run of a valid graph (on by default) executes it on a tiny
# synthetic cube, which needs the compute stack
server = start_in_thread(BackendSettings(jobs_dir=tempfile.mkdtemp(), validation_sample=False), warm_up=False)
try:
    ids = sorted(p["id"] for p in requests.get(server.url + "/processes", timeout=60).json()["processes"])
    graph = {"load": {"process_id": "load_collection", "arguments": {
                 "id": "SENTINEL2_L2A", "bands": ["B04"], "temporal_extent": ["2023-06-01", "2023-06-11"],
                 "spatial_extent": {"west": 4.70, "south": 50.87, "east": 4.705, "north": 50.875}}},
             "mean": {"process_id": "reduce_dimension", "arguments": {"data": {"from_node": "load"}, "dimension": "t",
                      "reducer": {"process_graph": {"m": {"process_id": "mean", "arguments": {"data": {"from_parameter": "data"}},
                                                          "result": True}}}}},
             "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "mean"}, "format": "GTiff"},
                      "result": True}}
    valid = requests.post(server.url + "/validation", json={"process_graph": graph}, timeout=60).json()
    typo = dict(graph, mean=dict(graph["mean"], process_id="reduce_dimensoin"))
    invalid = requests.post(server.url + "/validation", json={"process_graph": typo}, timeout=60).json()
    heavy = sorted(m for m in ("dask", "xarray", "pandas", "openeo_processes_dask", "openeo_pg_parser_networkx") if m in sys.modules)
    computed = requests.post(server.url + "/result", json={"process": {"process_graph": graph}}, timeout=300)
finally:
    server.stop()
print(json.dumps({"ids": ids, "valid": valid, "invalid": invalid, "heavy_before_compute": heavy,
                  "result_status": computed.status_code, "result_bytes": len(computed.content)}))
"""


def test_a_validating_backend_imports_no_compute_stack_and_lists_what_the_full_registry_lists(tmp_path):
    from backend.context import BackendContext
    from backend.processes.index import LazyRegistry, cached_index
    from backend.settings import BackendSettings

    env = {**os.environ, "OPENEO_AGENT_CACHE_DIR": str(tmp_path / "cache")}
    os.environ["OPENEO_AGENT_CACHE_DIR"] = env["OPENEO_AGENT_CACHE_DIR"]
    try:
        assert cached_index() is None  # a fresh cache: nothing to list from yet
        ctx = BackendContext.create(BackendSettings(jobs_dir=str(tmp_path / "jobs")))
        lazy = ctx.processes
        assert isinstance(lazy, LazyRegistry) and not lazy.built
        full = lazy.full()  # the full build writes the index for the next process
        index = cached_index()
    finally:
        del os.environ["OPENEO_AGENT_CACHE_DIR"]
    assert index is not None and index.ids() == full.ids() and index.not_listed == full.not_listed

    r = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["heavy_before_compute"] == [], "listing and validation imported the compute stack"
    assert out["ids"] == sorted(full.ids())
    assert out["valid"]["errors"] == []
    assert any("reduce_dimension" in e["message"] for e in out["invalid"]["errors"]), out["invalid"]
    assert out["result_status"] == 200 and out["result_bytes"] > 100  # and it still computes, on first need
