"""The workflow corpus (tests/data/workflows/*.py, scripts in the style of the openEO community
examples) through `openeo-agent check` (the real sandbox builds the graph, the backend validates
it) and then executed on the embedded backend over HTTP with the openeo client.

Every script must validate and execute, and its result must be a readable file of its format
(GeoTIFF, netCDF or JSON) holding real numbers, not only no-data.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
from pathlib import Path

import numpy as np
import openeo
import pytest

from agent.cli import main

CORPUS = sorted((Path(__file__).resolve().parents[1] / "data" / "workflows").glob("*.py"))


def check(path: Path, backend_url: str) -> dict:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["check", str(path), "--backend", backend_url, "--json"])
    return json.loads(out.getvalue().strip().splitlines()[-1])


def _numbers(value) -> list[float]:
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, (int, float)):
        return [float(value)]
    if isinstance(value, dict):
        return [n for v in value.values() for n in _numbers(v)]
    if isinstance(value, list):
        return [n for v in value for n in _numbers(v)]
    return []


def finite_values(body: bytes, tmp_path: Path) -> int:
    """How many finite values the result holds (it must parse as the format it claims)."""
    if body[:4] in (b"II*\x00", b"MM\x00*"):
        import rasterio

        with rasterio.MemoryFile(body) as memory, memory.open() as ds:
            values = ds.read()
        return int(np.isfinite(values.astype(float)).sum())
    if body[:4] == b"\x89HDF":
        import xarray as xr

        path = tmp_path / "result.nc"
        path.write_bytes(body)
        with xr.open_dataset(path, engine="h5netcdf") as ds:
            return sum(int(np.isfinite(ds[name].values.astype(float)).sum()) for name in ds.data_vars)
    return sum(1 for n in _numbers(json.loads(body)) if math.isfinite(n))


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 40


@pytest.fixture(scope="module")
def connection(backend_url):
    return openeo.connect(backend_url)


@pytest.mark.slow
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_workflow_validates_and_executes(path, backend_url, connection, tmp_path):
    result = check(path, backend_url)
    assert result["status"] == "VALID", f"{path.name}: {result['status']} {result['errors']}"
    body = connection.download(result["process_graph"])
    assert finite_values(body, tmp_path) > 0, f"{path.name} produced no finite value ({len(body)} bytes)"
