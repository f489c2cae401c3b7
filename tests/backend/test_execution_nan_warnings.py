"""A reduction over pixels whose every value is nodata (cloud-masked over the whole window) gives nodata there, as
openEO's reducers define it: numpy's "All-NaN slice encountered" RuntimeWarnings must not reach the output."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import xarray as xr

ROOT = Path(__file__).resolve().parents[2]


class _MostlyNaN:
    """Two dates of a 2 x 2 pixel cube: one pixel valid, three nodata on every date."""

    simulated = False
    name = "mostly-nan"

    def covers(self, request):
        return True

    def load(self, request):
        t = np.array(["2022-07-03", "2022-07-08"], dtype="datetime64[ns]")
        data = np.full((2, len(request.bands), 2, 2), np.nan)
        data[:, :, 0, 0] = 5.0
        cube = xr.DataArray(data, dims=("t", "bands", "y", "x"),
                            coords={"t": t, "bands": list(request.bands), "y": [5650010.0, 5650000.0], "x": [600000.0, 600010.0]})
        cube.attrs = {"crs": "EPSG:32631", "nodata": None, "simulated": False, "collection_id": request.collection.id}
        return cube


def _ctx():
    from backend.datasources.base import DataSourceRegistry
    from backend.processes._testing import sentinel2_spec
    from backend.processes.registry import build_registry
    from backend.settings import BackendSettings

    spec = sentinel2_spec()
    sources = DataSourceRegistry()
    sources.register(spec.id, _MostlyNaN())
    ctx = SimpleNamespace(settings=BackendSettings(), catalog={spec.id: spec}, sources=sources)
    ctx.processes = build_registry(ctx)
    return ctx


def _graph(reducer: str) -> dict:
    return {
        "load": {"process_id": "load_collection", "arguments": {
            "id": "SENTINEL2_L2A", "spatial_extent": {"west": 4.0, "south": 51.0, "east": 4.01, "north": 51.01},
            "temporal_extent": ["2022-07-01", "2022-07-10"], "bands": ["B04"]}},
        "reduce": {"process_id": "reduce_dimension", "arguments": {
            "data": {"from_node": "load"}, "dimension": "t",
            "reducer": {"process_graph": {"r": {"process_id": reducer, "arguments": {"data": {"from_parameter": "data"}},
                                               "result": True}}}}},
        "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "reduce"}, "format": "GTiff"},
                 "result": True},
    }


@pytest.mark.parametrize("reducer", ["max", "min", "median", "mean", "sd", "variance"])
def test_an_all_nan_reduction_lets_no_runtime_warning_escape(reducer):
    from backend.execution import execute

    ctx = _ctx()
    with warnings.catch_warnings(record=True) as caught:  # the process's filters, as the CLI has them
        result = execute(_graph(reducer), ctx)
    assert result.data
    leaked = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    assert not leaked, leaked


def test_other_runtime_warnings_still_show():
    import backend.execution  # noqa: F401  (installs the filter)

    with warnings.catch_warnings(record=True) as caught:
        warnings.warn("overflow encountered in exp", RuntimeWarning, stacklevel=2)
    assert [str(w.message) for w in caught] == ["overflow encountered in exp"]


def test_no_warning_on_stderr_in_a_fresh_process():
    """What the CLI shows: a new interpreter that executes the graph writes no RuntimeWarning to stderr."""
    code = (
        "import sys; sys.path[:0] = [{root!r}, {tests!r}]\n"
        "from test_execution_nan_warnings import _ctx, _graph\n"
        "from backend.execution import execute\n"
        "for r in ('max', 'min', 'sd'):\n"
        "    execute(_graph(r), _ctx())\n"
        "print('done')\n"
    ).format(root=str(ROOT), tests=str(ROOT / "tests" / "backend"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "done" in out.stdout
    assert "RuntimeWarning" not in out.stderr and "All-NaN" not in out.stderr, out.stderr[-2000:]
