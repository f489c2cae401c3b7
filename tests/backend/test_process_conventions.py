"""The conventions GET /processes states for this backend (backend/processes/conventions.yaml)
are what the implementations do: each claim a model relies on is run against the registry's
own implementation, and served over HTTP with the process."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
import requests
import xarray as xr

from backend.catalog import load_catalog
from backend.datasources.base import DataSourceRegistry
from backend.processes.registry import build_registry, conventions
from backend.settings import BackendSettings


@pytest.fixture(scope="module")
def impl():
    ctx = SimpleNamespace(settings=BackendSettings(), catalog=load_catalog(), sources=DataSourceRegistry())
    registry = build_registry(ctx)
    return registry.implementations


def cube(values, t=1) -> xr.DataArray:
    values = np.asarray(values, dtype="float64")
    data = np.stack([values] * t)
    return xr.DataArray(data, dims=("t", "y", "x"), coords={
        "t": np.array(["2022-06-01"] * t, dtype="datetime64[ns]") + np.arange(t).astype("timedelta64[D]"),
        "y": 100.0 - 10 * np.arange(values.shape[0]), "x": 10 * np.arange(values.shape[1])},
        attrs={"crs": "EPSG:32632"})


def test_every_convention_belongs_to_a_served_process(backend_url):
    served = {p["id"]: p for p in requests.get(f"{backend_url}/processes", timeout=30).json()["processes"]}
    for pid, notes in conventions().items():
        assert pid in served, pid
        assert served[pid]["openeo_agent:conventions"] == notes
        assert "On this backend" not in served[pid]["description"]  # the official text, unchanged


def test_apply_kernel_flips_the_kernel_pads_with_zero_and_fills_nodata(impl):
    spike = np.zeros((5, 5))
    spike[2, 2] = 1.0
    kernel = [[1, 0, 0], [0, 0, 0], [0, 0, 0]]  # weight in the top-left corner only
    out = impl["apply_kernel"](data=cube(spike), kernel=kernel).isel(t=0).values
    # flipped: kernel[0][0] weights the south-east neighbour, so the spike lands north-west of itself
    assert out[1, 1] == 1.0 and out[3, 3] == 0.0 and out.sum() == 1.0
    ones = cube(np.ones((3, 3)))
    mean = [[1, 1, 1], [1, 1, 1], [1, 1, 1]]
    edge = impl["apply_kernel"](data=ones, kernel=mean, factor=1 / 9).isel(t=0).values
    assert edge[1, 1] == pytest.approx(1.0) and edge[0, 0] == pytest.approx(4 / 9)  # zero padding darkens the edge
    replicated = impl["apply_kernel"](data=ones, kernel=mean, factor=1 / 9, border="replicate").isel(t=0).values
    assert replicated[0, 0] == pytest.approx(1.0)
    holes = np.ones((3, 3))
    holes[1, 1] = np.nan
    filled = impl["apply_kernel"](data=cube(holes), kernel=mean, factor=1 / 9, border="replicate").isel(t=0).values
    assert np.isfinite(filled[1, 1]) and filled[1, 1] == pytest.approx(8 / 9)  # NaN counted as 0, not masked again


def test_mask_removes_where_true_for_every_date(impl):
    data = cube([[1.0, 2.0], [3.0, 4.0]], t=3)
    clouds = xr.DataArray(np.array([[True, False], [False, False]]), dims=("y", "x"), coords={"y": data.y, "x": data.x})
    out = impl["mask"](data=data, mask=clouds)
    assert np.isnan(out.values[:, 0, 0]).all() and (out.values[:, 1, 1] == 4.0).all()


def test_aggregate_temporal_period_labels_are_period_names(impl):
    days = np.array(["2022-06-02", "2022-06-25", "2022-08-03"], dtype="datetime64[ns]")
    data = xr.DataArray(np.arange(3.0)[:, None, None] * np.ones((3, 1, 1)), dims=("t", "y", "x"),
                        coords={"t": days, "y": [0.0], "x": [0.0]})
    reducer = np.nanmean
    monthly = impl["aggregate_temporal_period"](data=data, period="month", reducer=lambda data, axis=None, **_: reducer(data, axis=axis))
    assert list(monthly["t"].values) == ["2022-06", "2022-07", "2022-08"]
    assert np.isnan(monthly.values[1]).all()  # July has no acquisition: NaN, not dropped
    dekads = impl["aggregate_temporal_period"](data=data, period="dekad", reducer=lambda data, axis=None, **_: reducer(data, axis=axis))
    assert str(dekads["t"].values[0]) == "2022-16" and str(dekads["t"].values[-1]) == "2022-22"


def test_aspect_is_clockwise_from_north_and_flat_is_nan(impl):
    x = np.arange(5) * 30.0
    east_low = np.tile(100.0 - x / 10, (5, 1))  # falls towards the east: faces east
    data = xr.DataArray(east_low[None], dims=("t", "y", "x"), coords={"t": np.array(["2022-01-01"], dtype="datetime64[ns]"),
                        "y": 1000.0 - 30 * np.arange(5), "x": x}, attrs={"crs": "EPSG:32632"})
    facing = impl["aspect"](data=data).values[0, 2, 2]
    assert facing == pytest.approx(90.0, abs=0.5)
    flat = impl["aspect"](data=data * 0 + 5).values[0, 2, 2]
    assert np.isnan(flat)
    assert 0 < impl["slope"](data=data).values[0, 2, 2] < 90


def test_linear_scale_range_clips(impl):
    out = impl["linear_scale_range"](x=np.array([-5.0, 0.0, 50.0, 200.0]), inputMin=0, inputMax=100, outputMin=0, outputMax=255)
    assert list(np.round(out, 1)) == [0.0, 0.0, 127.5, 255.0]


def test_count_counts_valid_values_unless_condition_is_true(impl):
    values = np.array([1.0, np.nan, 5.0, 7.0])
    assert impl["count"](data=values) == 3 and impl["count"](data=values, condition=True) == 4
