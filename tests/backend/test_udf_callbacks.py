"""UDFs as callbacks of apply, apply_dimension, reduce_dimension and apply_neighborhood, chunk by
chunk through the jailed runner (backend/udf/runner.py), against numpy.

Skipped only while the runner module is missing (it is written separately); the wiring
(backend/processes/udf_callbacks.py) targets its API:
run_udf_on_array(data, code, *, context, runtime, version, timeout_s, memory_mb) -> DataArray.
"""

from __future__ import annotations

from types import SimpleNamespace

import dask.array as da
import numpy as np
import pytest
import xarray as xr

pytest.importorskip("backend.udf.runner", reason="the jailed UDF runner (backend/udf/runner.py) is not installed yet")

from backend.datasources.base import DataSourceRegistry  # noqa: E402
from backend.processes.registry import build_registry  # noqa: E402
from backend.settings import BackendSettings  # noqa: E402

T = np.array(["2023-05-01", "2023-05-06", "2023-05-11", "2023-05-16"], dtype="datetime64[ns]")


@pytest.fixture(scope="module")
def registry():
    return build_registry(SimpleNamespace(settings=BackendSettings(), catalog={}, sources=DataSourceRegistry()))


@pytest.fixture(scope="module")
def cube():
    values = np.random.default_rng(2).normal(size=(4, 2, 12, 16))
    data = xr.DataArray(da.from_array(values, chunks=(4, 2, 6, 8)), dims=("t", "bands", "y", "x"),
                        coords={"t": T, "bands": ["B04", "B08"], "y": np.arange(12.0)[::-1], "x": np.arange(16.0)})
    return data, values


def udf_node(code: str, context=None) -> dict:
    return {"process_graph": {"u": {"process_id": "run_udf", "arguments": {
        "data": {"from_parameter": "data"}, "udf": code, "runtime": "Python", "context": context or {}}, "result": True}}}


def run(registry, node: dict, cube):
    graph = {"n": {**node, "result": True}}
    return registry.parse(graph).to_callable(process_registry=registry.pg_registry)(named_parameters={"cube": cube}).compute()


CUBE = {"from_parameter": "cube"}
SCALE = """
import xarray
def apply_datacube(cube: xarray.DataArray, context: dict) -> xarray.DataArray:
    return cube * context["factor"]
"""


@pytest.mark.slow
def test_udf_in_apply(registry, cube):
    data, values = cube
    out = run(registry, {"process_id": "apply", "arguments": {"data": CUBE, "process": udf_node(SCALE, {"factor": 3})}}, data)
    np.testing.assert_allclose(out.values, values * 3)


@pytest.mark.slow
def test_udf_in_reduce_dimension(registry, cube):
    data, values = cube
    code = """
import xarray
def apply_datacube(cube: xarray.DataArray, context: dict) -> xarray.DataArray:
    return cube.max(dim="t")
"""
    out = run(registry, {"process_id": "reduce_dimension", "arguments": {"data": CUBE, "dimension": "t", "reducer": udf_node(code)}}, data)
    np.testing.assert_allclose(out.transpose("bands", "y", "x").values, values.max(axis=0))


@pytest.mark.slow
def test_udf_in_apply_dimension(registry, cube):
    data, values = cube
    code = """
import xarray
def apply_datacube(cube: xarray.DataArray, context: dict) -> xarray.DataArray:
    return cube.cumsum(dim="t")
"""
    out = run(registry, {"process_id": "apply_dimension", "arguments": {"data": CUBE, "dimension": "t", "process": udf_node(code)}}, data)
    np.testing.assert_allclose(out.transpose("t", "bands", "y", "x").values, np.cumsum(values, axis=0))


@pytest.mark.slow
def test_udf_in_apply_neighborhood(registry, cube):
    data, values = cube
    code = """
import xarray
def apply_datacube(cube: xarray.DataArray, context: dict) -> xarray.DataArray:
    return cube - cube.mean(dim=["x", "y"])
"""
    size = [{"dimension": "x", "value": 8, "unit": "px"}, {"dimension": "y", "value": 6, "unit": "px"}]
    out = run(registry, {"process_id": "apply_neighborhood", "arguments": {"data": CUBE, "size": size, "process": udf_node(code)}}, data)
    expected = values.copy()
    for r in range(0, 12, 6):
        for c in range(0, 16, 8):
            block = values[..., r:r + 6, c:c + 8]
            expected[..., r:r + 6, c:c + 8] = block - block.mean(axis=(-1, -2), keepdims=True)
    np.testing.assert_allclose(out.values, expected, rtol=1e-6, atol=1e-9)
