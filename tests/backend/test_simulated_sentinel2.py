"""Simulated Sentinel-2 L2A against the real product: dtypes, ranges, per-class statistics,
phenology and cloud masking."""

from __future__ import annotations

import numpy as np
import pytest
import rasterio

from backend.catalog import load_catalog
from backend.datasources.base import DataRequest
from backend.datasources.simulated import SimulatedEarth

CATALOG = load_catalog()
EARTH = SimulatedEarth(CATALOG)
BOLZANO = (11.28, 46.46, 11.40, 46.52)  # the footprint of ../shared/data/real/S2_L2A_sample.tif
MASKED_SCL = [3, 8, 9, 10]


def load(collection: str, bbox, start, end, bands, **kw):
    return EARTH.load(DataRequest(collection=CATALOG[collection], bbox=bbox, start=start, end=end, bands=bands, **kw))


def class_stats(b04, b03, b02, b08, scl) -> dict[int, dict[str, float]]:
    out = {}
    for cls in (4, 5, 6):
        m = scl == cls
        if m.sum() < 200:
            continue
        red, green, blue, nir = (np.asarray(b, float)[m] for b in (b04, b03, b02, b08))
        out[cls] = {
            "ndvi": float(np.median((nir - red) / (nir + red))),
            "ndwi": float(np.median((green - nir) / (green + nir))),
            "B04": float(np.median(red)), "B03": float(np.median(green)),
            "B02": float(np.median(blue)), "B08": float(np.median(nir)),
        }
    return out


@pytest.fixture(scope="module")
def june_bolzano():
    return load("SENTINEL2_L2A", BOLZANO, "2022-06-01", "2022-07-01", ["B04", "B03", "B02", "B08", "SCL"]).compute()


def test_dtype_nodata_and_grid_match_the_real_product(june_bolzano, real_data_dir):
    with rasterio.open(real_data_dir / "S2_L2A_sample.tif") as ds:
        real_crs, real_dtype, real_nodata, real_res = ds.crs.to_epsg(), ds.dtypes[0], ds.nodata, ds.res[0]
    cube = june_bolzano
    assert cube.dtype == np.dtype(real_dtype) == np.uint16
    assert cube.attrs["crs"] == f"EPSG:{real_crs}" and cube.attrs["nodata"] == real_nodata == 0
    assert abs(float(cube.x[1] - cube.x[0])) == real_res == 10.0
    values = cube.sel(bands=["B04", "B03", "B02", "B08"]).values
    assert values.min() >= 1 and values.max() <= 20000  # valid DNs never hit nodata 0
    assert set(np.unique(cube.sel(bands="SCL").values)) <= {2, 3, 4, 5, 6, 7, 8, 9, 10, 11}


def test_per_class_statistics_match_the_real_scene(june_bolzano, real_data_dir):
    with rasterio.open(real_data_dir / "S2_L2A_sample.tif") as ds:
        real = class_stats(*ds.read())
    sim_cube = june_bolzano.transpose("bands", "t", "y", "x").values.reshape(5, -1)
    sim = class_stats(*sim_cube)
    assert {4, 5, 6} <= set(real) and {4, 5} <= set(sim)
    assert 0.6 <= sim[4]["ndvi"] <= 0.9
    for cls in set(real) & set(sim):
        assert abs(sim[cls]["ndvi"] - real[cls]["ndvi"]) < 0.15, (cls, sim[cls], real[cls])
        assert abs(sim[cls]["ndwi"] - real[cls]["ndwi"]) < 0.2, (cls, sim[cls], real[cls])
        for band in ("B04", "B03", "B02", "B08"):
            ratio = sim[cls][band] / real[cls][band]
            assert 0.5 < ratio < 2.0, (cls, band, sim[cls][band], real[cls][band])


def test_water_has_positive_ndwi_and_negative_ndvi():
    # Find water with the simulated WorldCover on the same grid, then look at clear S2 pixels.
    bbox = (11.25, 46.40, 11.30, 46.44)
    wc = load("ESA_WORLDCOVER_10M_2021_V2", bbox, "2021-01-01", "2021-12-31", ["MAP"], target_crs="EPSG:32632",
              resolution_m=10).isel(t=0, bands=0).values
    s2 = load("SENTINEL2_L2A", bbox, "2022-06-01", "2022-08-01", ["B03", "B04", "B08", "SCL"], target_crs="EPSG:32632").values.astype(float)
    water = (wc == 80)[None] & (s2[:, 3] == 6)
    assert water.sum() > 500
    ndwi = (s2[:, 0] - s2[:, 2]) / (s2[:, 0] + s2[:, 2])
    ndvi = (s2[:, 2] - s2[:, 1]) / (s2[:, 2] + s2[:, 1])
    assert np.median(ndwi[water]) > 0.2 and np.median(ndvi[water]) < 0


def test_ndvi_seasonal_cycle_over_cropland():
    """Monthly median NDVI of clear cropland pixels: low in winter, peak in early summer."""
    bbox = (4.65, 50.86, 4.69, 50.89)  # near Leuven
    wc = load("ESA_WORLDCOVER_10M_2021_V2", bbox, "2021-01-01", "2021-12-31", ["MAP"], target_crs="EPSG:32631",
              resolution_m=20).isel(t=0, bands=0).values
    cube = load("SENTINEL2_L2A", bbox, "2023-01-01", "2024-01-01", ["B04", "B08", "SCL"], resolution_m=20).compute()
    crops = wc == 40
    assert crops.mean() > 0.1
    red, nir, scl = (cube.sel(bands=b).values.astype(float) for b in ("B04", "B08", "SCL"))
    ndvi = np.where(np.isin(scl, [4, 5]) & crops[None], (nir - red) / (nir + red), np.nan)
    months = cube.t.dt.month.values
    monthly = {m: float(np.nanmedian(ndvi[months == m])) for m in range(1, 13) if np.isfinite(ndvi[months == m]).any()}
    assert len(monthly) >= 10
    winter = np.mean([monthly[m] for m in (1, 2, 12) if m in monthly])
    peak_month = max(monthly, key=monthly.get)
    assert 5 <= peak_month <= 8, monthly
    assert monthly[peak_month] > 0.6 and winter < 0.45 and monthly[peak_month] - winter > 0.25, monthly


def test_clouds_are_flagged_in_scl_so_masking_removes_them():
    cube = load("SENTINEL2_L2A", (7.0, 47.0, 7.05, 47.04), "2023-05-01", "2023-07-01", ["B02", "B08", "SCL"]).compute()
    blue, scl = cube.sel(bands="B02").values, cube.sel(bands="SCL").values
    cloudy = np.isin(scl, [8, 9])
    assert 0.05 < cloudy.mean() < 0.95  # some clouds, some clear sky in two months
    assert np.median(blue[scl == 9]) > 4000  # thick clouds are bright
    bright = blue > 2500
    kept = ~np.isin(scl, MASKED_SCL + [11])
    assert bright[kept].mean() < 0.002  # after masking, (almost) no bright cloud pixels remain
    shadows = scl == 3
    assert shadows.any() and np.median(blue[shadows]) < np.median(blue[np.isin(scl, [4, 5])])


def test_monthly_composite_matches_a_real_cdse_composite(real_data_dir):
    """The real CDSE best-pixel composite of July 2022 (north of Brussels) vs a simulated median composite."""
    import warnings

    import pyproj
    import xarray as xr

    with xr.open_dataset(real_data_dir / "S2_L2A_rank_composite_2022-07.nc") as ds:
        crs = pyproj.CRS.from_wkt(ds["crs"].attrs["crs_wkt"])
        bbox = pyproj.Transformer.from_crs(crs, 4326, always_xy=True).transform_bounds(
            float(ds.x.min()), float(ds.y.min()), float(ds.x.max()), float(ds.y.max()))
        real = {b: ds[b].values.astype(float) for b in ("B02", "B03", "B04")}
    cube = load("SENTINEL2_L2A", bbox, "2022-07-01", "2022-08-01", ["B02", "B03", "B04", "SCL"])
    assert cube.attrs["crs"] == f"EPSG:{crs.to_epsg()}"
    values = cube.values.astype(float)
    clear = np.isin(values[:, 3], [4, 5, 6])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        composite = np.nanmedian(np.where(clear[:, None], values[:, :3], np.nan), axis=0)
    for i, band in enumerate(("B02", "B03", "B04")):
        for q in (50, 95):
            ratio = np.nanpercentile(composite[i], q) / np.nanpercentile(real[band], q)
            assert 0.5 < ratio < 2.0, (band, q, ratio)
