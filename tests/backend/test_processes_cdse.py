"""CDSE-specific processes against numpy: slope and aspect, SCL dilation, sar_backscatter."""

from __future__ import annotations

from types import SimpleNamespace

import dask.array as da
import numpy as np
import pytest
import scipy.ndimage
import xarray as xr

from backend.catalog import load_catalog
from backend.datasources.setup import build_sources
from backend.processes.notes import collect
from backend.processes.registry import build_registry
from backend.settings import BackendSettings


@pytest.fixture(scope="module")
def registry():
    settings = BackendSettings()
    catalog = load_catalog()
    ctx = SimpleNamespace(settings=settings, catalog=catalog, sources=build_sources(settings, catalog))
    return build_registry(ctx)


def run(registry, graph, **parameters):
    result = registry.parse(graph).to_callable(process_registry=registry.pg_registry)(named_parameters=parameters)
    return result.compute() if hasattr(result, "compute") else result


def grid(values, step=30.0, crs="EPSG:32633"):
    ny, nx = values.shape[-2:]
    dims = ("t", "bands", "y", "x")[-values.ndim:]
    coords = {"y": 5_000_000.0 - step * np.arange(ny), "x": 400_000.0 + step * np.arange(nx)}
    if "bands" in dims:
        coords["bands"] = ["DEM"] if values.shape[dims.index("bands")] == 1 else [f"B{i}" for i in range(values.shape[dims.index("bands")])]
    if "t" in dims:
        coords["t"] = np.arange(values.shape[0]).astype("datetime64[D]").astype("datetime64[ns]")
    cube = xr.DataArray(da.from_array(values, chunks=-1), dims=dims, coords=coords)
    cube.attrs["crs"] = crs
    return cube.rio.write_crs(crs)


def test_slope_and_aspect_of_planes_and_a_cone(registry):
    y, x = np.mgrid[0:20, 0:25].astype(float)
    east_rising = 0.5 * x * 30.0  # height rises 0.5 m per metre eastwards
    cube = grid(east_rising[None, None])
    slope = run(registry, {"s": {"process_id": "slope", "arguments": {"data": {"from_parameter": "c"}}, "result": True}}, c=cube)
    np.testing.assert_allclose(slope.values[..., 1:-1, 1:-1], np.degrees(np.arctan(0.5)), rtol=1e-5)
    aspect = run(registry, {"a": {"process_id": "aspect", "arguments": {"data": {"from_parameter": "c"}}, "result": True}}, c=cube)
    np.testing.assert_allclose(aspect.values[..., 1:-1, 1:-1], 270.0, atol=1e-4)  # faces west (downhill)
    north_rising = (20 - y) * 30.0 * 0.2  # row 0 is the northernmost
    aspect = run(registry, {"a": {"process_id": "aspect", "arguments": {"data": {"from_parameter": "c"}}, "result": True}}, c=grid(north_rising[None, None]))
    np.testing.assert_allclose(aspect.values[..., 1:-1, 1:-1], 180.0, atol=1e-4)
    # an independent Horn computation on a rough surface
    rng = np.random.default_rng(3)
    z = scipy.ndimage.gaussian_filter(rng.normal(0, 50, (30, 40)), 3)
    slope = run(registry, {"s": {"process_id": "slope", "arguments": {"data": {"from_parameter": "c"}}, "result": True}}, c=grid(z[None, None]))
    gx = scipy.ndimage.correlate(z, np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]) / (8 * 30.0), mode="nearest")
    gy = scipy.ndimage.correlate(z, np.array([[1, 2, 1], [0, 0, 0], [-1, -2, -1]]) / (8 * 30.0), mode="nearest")
    np.testing.assert_allclose(slope.values[0, 0], np.degrees(np.arctan(np.hypot(gx, gy))), rtol=1e-4, atol=1e-4)
    flat = run(registry, {"a": {"process_id": "aspect", "arguments": {"data": {"from_parameter": "c"}}, "result": True}}, c=grid(np.zeros((1, 1, 5, 5))))
    assert np.isnan(flat.values).all()


def _gauss(mask, size):
    """Independent reference: an explicit normalised Gaussian kernel (sigma = size / 6) convolved."""
    r = size // 2
    yy, xx = np.mgrid[-r:r + 1, -r:r + 1]
    sigma = size / 6.0
    g1 = np.exp(-(np.arange(-r, r + 1) ** 2) / (2 * sigma ** 2))
    kernel = np.outer(g1, g1) / np.outer(g1, g1).sum()
    return scipy.ndimage.convolve(mask.astype(float), kernel, mode="constant", cval=0.0)


def test_scl_dilation_mask_matches_the_reference_algorithm(registry):
    rng = np.random.default_rng(1)
    scl = rng.choice([4, 5, 6, 8, 3, 1], p=[0.8, 0.1, 0.07, 0.001, 0.001, 0.028], size=(2, 1, 60, 70)).astype(float)
    scl[0, 0, 10:20, 10:20] = 9  # a cloud
    cube = grid(scl, step=20.0).assign_coords(bands=["SCL"])
    args = {"data": {"from_parameter": "c"}, "kernel1_size": 7, "kernel2_size": 21, "erosion_kernel_size": 3}
    mask = run(registry, {"m": {"process_id": "to_scl_dilation_mask", "arguments": args, "result": True}}, c=cube)
    assert mask.dims == ("t", "bands", "y", "x") and list(mask.bands.values) == ["SCL_DILATED_MASK"]
    for t in range(2):
        plane = scl[t, 0]
        first = scipy.ndimage.binary_erosion(~np.isin(plane, [2, 4, 5, 6, 7]), np.ones((3, 3), bool), border_value=1)
        expected = (_gauss(first, 7) > 0.057) | (_gauss(np.isin(plane, [3, 8, 9, 10, 11]), 21) > 0.025)
        np.testing.assert_array_equal(mask.values[t, 0].astype(bool), expected)
    assert mask.values[0, 0, 15, 15] == 1 and 0 < mask.values.mean() < 1
    optical = xr.concat([cube.assign_coords(bands=["SCL"]), (cube * 0 + 1000).assign_coords(bands=["B04"])], dim="bands")
    masked = run(registry, {"m": {"process_id": "mask_scl_dilation", "arguments": {**args, "data": {"from_parameter": "c"}}, "result": True}}, c=optical)
    np.testing.assert_array_equal(np.isnan(masked.sel(bands="B04").values), mask.values[:, 0].astype(bool))


def test_sar_backscatter_coefficients_are_consistent(registry):
    sigma = np.full((1, 2, 12, 14), 0.05)
    cube = grid(sigma, step=10.0, crs="EPSG:32633").assign_coords(bands=["VV", "VH"])
    out = {}
    for coefficient in ("sigma0-ellipsoid", "beta0", "gamma0-ellipsoid", "gamma0-terrain"):
        graph = {"s": {"process_id": "sar_backscatter", "arguments": {"data": {"from_parameter": "c"}, "coefficient": coefficient}, "result": True}}
        out[coefficient] = run(registry, graph, c=cube)
    theta = np.radians(29 + 17 * np.mod(cube.x.values, 250_000.0) / 250_000.0)
    np.testing.assert_allclose(out["sigma0-ellipsoid"].values, sigma)
    np.testing.assert_allclose(out["beta0"].values, sigma / np.sin(theta), rtol=1e-5)
    np.testing.assert_allclose(out["gamma0-ellipsoid"].values, sigma / np.cos(theta), rtol=1e-5)
    terrain = out["gamma0-terrain"].values
    assert np.isfinite(terrain).mean() > 0.9 and np.nanmean(terrain) > 0.05  # gamma0 > sigma0 for theta in (0, 90)
    with collect() as notes:
        graph = {"s": {"process_id": "sar_backscatter", "arguments": {"data": {"from_parameter": "c"}, "noise_removal": False,
                                                                          "local_incidence_angle": True, "options": {"tiling": 1}}, "result": True}}
        extra = run(registry, graph, c=cube)
    assert list(extra.bands.values) == ["VV", "VH", "local_incidence_angle"]
    assert any("noise_removal" in n for n in notes) and any("tiling" in n for n in notes)
