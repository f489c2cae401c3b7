"""Simulated sensors other than Sentinel-2: values, units and physics per product."""

from __future__ import annotations

import numpy as np

from backend.catalog import load_catalog
from backend.datasources.base import DataRequest
from backend.datasources.simulated import SimulatedEarth

CATALOG = load_catalog()
EARTH = SimulatedEarth(CATALOG)
ALPS = (11.0, 46.3, 11.6, 46.9)


def load(collection, bbox, start, end, bands, **kw):
    return EARTH.load(DataRequest(collection=CATALOG[collection], bbox=bbox, start=start, end=end, bands=bands, **kw))


def test_sentinel1_water_is_dark_and_towns_bright():
    bbox = (11.25, 46.40, 11.30, 46.44)
    s1 = load("SENTINEL1_GRD", bbox, "2022-06-01", "2022-07-01", ["VV", "VH"], resolution_m=20)
    wc = load("ESA_WORLDCOVER_10M_2021_V2", bbox, "2021-01-01", "2021-12-31", ["MAP"], target_crs=s1.attrs["crs"],
              resolution_m=20).isel(t=0, bands=0).values
    assert s1.dtype == np.float32 and s1.attrs["nodata"] is None
    vv_db = 10 * np.log10(s1.sel(bands="VV").mean("t").values)
    vh_db = 10 * np.log10(s1.sel(bands="VH").mean("t").values)
    water, land = wc == 80, np.isin(wc, [10, 30, 40])
    assert water.sum() > 100 and land.sum() > 100
    assert np.median(vv_db[water]) < -18 and np.median(vv_db[land]) > -15
    assert np.median(vh_db[water]) < np.median(vh_db[land]) - 8
    assert (vh_db < vv_db).mean() > 0.95  # cross-polarised returns are weaker


def test_dem_is_plausible_and_coherent_with_land_cover():
    dem = load("COPERNICUS_30", ALPS, "2021-01-01", "2021-01-02", ["DEM"], resolution_m=90)
    assert dem.attrs["crs"] == "EPSG:4326" and dem.dtype == np.float32 and dem.sizes["t"] == 1
    wc = load("ESA_WORLDCOVER_10M_2021_V2", ALPS, "2021-01-01", "2021-12-31", ["MAP"], resolution_m=90)
    assert np.allclose(wc.x.values, dem.x.values) and np.allclose(wc.y.values, dem.y.values)
    h, cover = dem.isel(t=0, bands=0).values, wc.isel(t=0, bands=0).values
    assert -50 < h.min() and h.max() < 6000 and h.max() - h.min() > 300
    assert np.abs(np.diff(h, axis=1)).max() < 200  # no cliffs between 90 m pixels
    assert np.median(h[cover == 80]) < np.median(h[cover != 80])  # water sits low
    if (cover == 70).any():
        assert np.median(h[cover == 70]) > np.median(h[cover == 10])  # snow above forest


def test_land_surface_temperature_in_kelvin_follows_season_and_town():
    bbox = (7.0, 47.0, 7.6, 47.4)
    summer = load("SENTINEL3_SLSTR_L2_LST", bbox, "2022-07-01", "2022-07-15", ["LST"])
    winter = load("SENTINEL3_SLSTR_L2_LST", bbox, "2022-01-01", "2022-01-15", ["LST"])
    s, w = summer.values, winter.values
    assert np.isnan(s).any()  # cloudy pixels have no value
    assert 270 < np.nanmedian(s) < 320 and 245 < np.nanmedian(w) < 285
    assert np.nanmedian(s) - np.nanmedian(w) > 10
    tropics = load("SENTINEL3_SLSTR_L2_LST", (-60.0, -3.0, -59.6, -2.6), "2022-01-01", "2022-01-15", ["LST"]).values
    assert np.nanmedian(tropics) > np.nanmedian(w) + 15


def test_a_mediterranean_summer_afternoon_is_hot_enough_for_heat_day_counts():
    # Seville in July: daytime LST of dry land reaches 45-55 C; before, the warmest pixel of the
    # month was 37 C, so every "days above 40 C" count was 0 everywhere
    c = load("SENTINEL3_SLSTR_L2_LST", (-6.10, 37.28, -5.85, 37.48), "2023-07-01", "2023-08-01", ["LST"]).values
    assert 318 < np.nanpercentile(c, 95) < 335
    hot_days = np.nansum(c > 313.15, axis=0)
    assert hot_days.max() >= 3 and np.median(hot_days) < 31


def test_sentinel5p_no2_has_urban_hot_spots_in_mol_per_m2():
    bbox = (4.0, 50.0, 7.0, 52.0)
    cube = load("SENTINEL_5P_L2", bbox, "2023-01-01", "2023-02-01", ["NO2", "CH4", "O3"])
    urban = load("ESA_WORLDCOVER_10M_2021_V2", bbox, "2021-01-01", "2021-12-31", ["MAP"], resolution_m=5500)
    no2 = np.nanmean(cube.sel(bands="NO2").values, axis=0)
    built = (urban.isel(t=0, bands=0).values == 50)
    assert 0 < np.nanmedian(no2) < 1e-4 and np.nanmax(no2) < 1e-3  # mol/m2
    assert np.nanmean(no2[built]) > 1.3 * np.nanmean(no2[~built])
    assert 1800 < np.nanmedian(cube.sel(bands="CH4").values) < 2000  # ppb
    assert 0.1 < np.nanmedian(cube.sel(bands="O3").values) < 0.2  # mol/m2


def test_landsat_digital_numbers_use_the_collection_2_scale_and_offset():
    cube = load("LANDSAT8_L2", (11.28, 46.46, 11.40, 46.52), "2022-06-01", "2022-07-15", ["B04", "B05", "B10", "BQA"])
    spec = CATALOG["LANDSAT8_L2"]
    assert cube.dtype == np.uint16 and cube.attrs["crs"] == "EPSG:32632"
    assert abs(float(cube.x[1] - cube.x[0])) == 30
    qa = cube.sel(bands="BQA").values.astype(np.uint32)
    clear = ((qa >> 6) & 1) == 1
    red = cube.sel(bands="B04").values * spec.band("B04").scale + spec.band("B04").offset
    nir = cube.sel(bands="B05").values * spec.band("B05").scale + spec.band("B05").offset
    kelvin = cube.sel(bands="B10").values * spec.band("B10").scale + spec.band("B10").offset
    assert clear.mean() > 0.2
    assert 0.0 < np.median(red[clear]) < 0.2 and 0.15 < np.median(nir[clear]) < 0.6
    assert 275 < np.median(kelvin[clear]) < 325
    ndvi = (nir - red) / (nir + red)
    assert np.median(ndvi[clear]) > 0.5


def test_olci_radiances_are_positive_and_fall_off_in_the_infrared():
    cube = load("SENTINEL3_OLCI_L1B", (11.0, 46.3, 11.3, 46.5), "2022-06-01", "2022-06-05", ["B03", "B08", "B17", "B21"])
    v = cube.values
    assert cube.dtype == np.float32 and (v > 0).all() and np.nanmax(v) < 800
    assert np.median(v[:, 3]) < np.median(v[:, 2])  # 1020 nm < 865 nm


def test_worldcover_classes_are_the_legend():
    cube = load("ESA_WORLDCOVER_10M_2021_V2", ALPS, "2021-01-01", "2021-12-31", ["MAP"], resolution_m=100)
    classes = set(np.unique(cube.values).tolist())
    assert classes <= {10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 100}
    assert {10, 40, 80} <= classes and cube.dtype == np.uint8


def test_real_cities_are_built_up_and_pollute():
    leuven = load("ESA_WORLDCOVER_10M_2021_V2", (4.69, 50.875, 4.71, 50.885), "2021-01-01", "2021-12-31", ["MAP"], resolution_m=20)
    assert (leuven.values == 50).mean() > 0.4  # Leuven's centre is a town, as in reality
    no2 = load("SENTINEL_5P_L2", (8.2, 44.5, 10.2, 46.5), "2023-01-09", "2023-01-23", ["NO2"])  # Milan in the middle
    field = np.nanmean(no2.isel(bands=0).values, axis=0)
    milan = field[np.abs(no2.y.values - 45.46).argmin(), np.abs(no2.x.values - 9.19).argmin()]
    assert milan > 2 * np.nanmedian(field)
