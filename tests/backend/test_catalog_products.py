"""The derived-product collections (PROBA-V, WorldCereal, LCM-10, GFM) load with their CDSE /
Terrascope ids and bands, and their simulated values follow the products' definitions."""

from __future__ import annotations

import numpy as np
import pytest

from backend.context import BackendContext
from backend.execution import evaluate
from backend.settings import BackendSettings

LEUVEN = {"west": 4.68, "south": 50.86, "east": 4.72, "north": 50.89}
NYSA = {"west": 17.30, "south": 50.45, "east": 17.36, "north": 50.49}  # Storm Boris flooded the Nysa Klodzka valley


@pytest.fixture(scope="module")
def ctx(tmp_path_factory):
    return BackendContext.create(BackendSettings(jobs_dir=str(tmp_path_factory.mktemp("jobs"))))


def load(ctx, cid, bbox, dates, bands):
    graph = {"l": {"process_id": "load_collection", "arguments": {"id": cid, "spatial_extent": bbox, "temporal_extent": dates,
                                                                   "bands": bands}, "result": True}}
    cube, _ = evaluate(graph, ctx)
    return cube.compute()


def test_probav_ndvi_follows_reflectance(ctx):
    cube = load(ctx, "PROBAV_L3_S5_TOC_100M", LEUVEN, ["2019-06-01", "2019-06-20"], ["NDVI", "RED", "NIR"])
    assert cube.sizes["t"] >= 3  # a 5-daily synthesis
    ndvi = cube.sel(bands="NDVI").values * 0.004 - 0.08
    red, nir = cube.sel(bands="RED").values * 0.0005, cube.sel(bands="NIR").values * 0.0005
    with np.errstate(all="ignore"):
        expected = (nir - red) / (nir + red)
    ok = np.isfinite(ndvi) & np.isfinite(expected)
    assert ok.mean() > 0.5
    np.testing.assert_allclose(ndvi[ok], expected[ok], atol=0.02)  # DN rounding (0.004 steps)
    assert np.nanmax(ndvi) > 0.7 and 0.15 < np.nanmedian(ndvi) < 0.92  # June vegetation around a town


def test_worldcereal_maps_crops_on_cropland(ctx):
    worldcover = load(ctx, "ESA_WORLDCOVER_10M_2021_V2", LEUVEN, ["2021-01-01", "2022-01-01"], ["MAP"]).values
    crops = load(ctx, "ESA_WORLDCEREAL_TEMPORARYCROPS", LEUVEN, ["2021-01-01", "2022-01-01"], ["CLASSIFICATION", "CONFIDENCE"])
    classes = crops.sel(bands="CLASSIFICATION").values
    assert set(np.unique(classes[np.isfinite(classes)])) <= {0.0, 100.0}
    np.testing.assert_array_equal(classes == 100, worldcover[:, 0] == 40)
    maize = load(ctx, "ESA_WORLDCEREAL_MAIZE", LEUVEN, ["2021-01-01", "2022-01-01"], ["CLASSIFICATION"]).values
    assert (maize == 100).sum() < (classes == 100).sum() and not ((maize == 100) & (worldcover != 40)).any()


def test_lcm10_uses_its_own_legend(ctx):
    for cid, band in (("CLMS_LCM_GLOBAL_10M_YEARLY_V1", "map"), ("LCFM_LCM_10", "MAP")):
        values = load(ctx, cid, LEUVEN, ["2020-01-01", "2021-01-01"], [band]).values
        assert set(np.unique(values)) <= {10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 254}
        assert {40, 90} <= set(np.unique(values))  # Leuven: cropland and built-up


def test_gfm_shows_the_storm_boris_flood(ctx):
    during = load(ctx, "GFM", NYSA, ["2024-09-15", "2024-09-25"], ["flood_extent", "reference_water_mask"])
    before = load(ctx, "GFM", NYSA, ["2024-08-01", "2024-08-20"], ["flood_extent"])
    assert np.nanmax(during.sel(bands="flood_extent").values) == 1
    assert np.nansum(before.values) == 0
    both = (during.sel(bands="flood_extent").values == 1) & (during.sel(bands="reference_water_mask").values == 1)
    assert not both.any()  # flood water is not reference water
