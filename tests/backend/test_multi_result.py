"""Several save_result nodes in one graph (the client's MultiResult): batch jobs store one asset
per save_result; POST /result answers with the result node's output."""

from __future__ import annotations

import io

import numpy as np
import openeo
import pytest
import rasterio
import xarray as xr
from openeo import MultiResult

BBOX = {"west": 11.30, "south": 46.47, "east": 11.32, "north": 46.485}


@pytest.mark.slow
def test_multi_result_job_has_one_asset_per_save_result(backend_url, tmp_path):
    conn = openeo.connect(backend_url)
    cube = conn.load_collection("SENTINEL2_L2A", spatial_extent=BBOX, temporal_extent=["2022-06-12", "2022-06-13"], bands=["B04", "B08"])
    ndvi = cube.ndvi(nir="B08", red="B04")
    red = cube.filter_bands(["B04"])
    multi = MultiResult([red.save_result(format="netCDF"), ndvi.save_result(format="GTiff")])
    job = multi.create_job(title="ndvi and red")
    job.start_and_wait(max_poll_interval=0.5, print=lambda *a, **k: None)
    assets = {a.name: a for a in job.get_results().get_assets()}
    assert len(assets) == 2 and any(n.endswith(".nc") for n in assets) and any(n.endswith(".tif") for n in assets)
    tif = next(a for n, a in assets.items() if n.endswith(".tif")).download(tmp_path / "ndvi.tif")
    nc = next(a for n, a in assets.items() if n.endswith(".nc")).download(tmp_path / "red.nc")
    with rasterio.open(tif) as ds:
        got_ndvi = ds.read(1)
    red_values = xr.open_dataset(nc)["B04"].values.squeeze()
    with rasterio.open(io.BytesIO(cube.download(format="GTiff"))) as ds:
        b04, b08 = ds.read(1).astype(float), ds.read(2).astype(float)
    np.testing.assert_allclose(red_values, b04, equal_nan=True)
    np.testing.assert_allclose(got_ndvi, (b08 - b04) / (b08 + b04), rtol=1e-5, atol=1e-6, equal_nan=True)
    # synchronously: the result node's (the last leaf's) output
    with rasterio.open(io.BytesIO(conn.download(multi.flat_graph()))) as ds:
        np.testing.assert_allclose(ds.read(1), got_ndvi, equal_nan=True)
