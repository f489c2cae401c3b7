"""GET /processes over real HTTP: what executes here, described by its openEO specs."""

from __future__ import annotations

import openeo


def test_processes_listed_with_specs_for_the_client(backend_url):
    con = openeo.connect(backend_url)
    processes = {p["id"]: p for p in con.list_processes()}
    for pid in ("load_collection", "save_result", "ndvi", "reduce_dimension", "filter_bbox", "mean", "resample_spatial"):
        assert pid in processes, pid
    ndvi = con.describe_process("ndvi")
    assert [p["name"] for p in ndvi["parameters"]][:3] == ["data", "nir", "red"]
    assert all(p.get("description") and "returns" in p for p in processes.values())
    assert "run_udf" in processes  # Python UDFs run in the jail (tests/backend/test_udf.py)
