"""The simulated Earth has the real land, sea, rivers and lakes: Madeira, Sicily and the Dutch
coast have their outlines (GLOBE land mask), real rivers (WDBII) are water, real lakes (GSHHG)
too, and overlapping requests still agree pixel for pixel."""

from __future__ import annotations

import numpy as np
import pytest

from backend.catalog import load_catalog
from backend.datasources.base import DataRequest
from backend.datasources.simulated import SimulatedEarth, geodata

WATER = 80  # ESA WorldCover: permanent water bodies

pytestmark = pytest.mark.skipif(not geodata.available(), reason="global-land-mask is not installed")


@pytest.fixture(scope="module")
def earth():
    cat = load_catalog()
    return cat, SimulatedEarth(cat)


def _cover(earth, bbox, res=100):
    cat, e = earth
    req = DataRequest(collection=cat["ESA_WORLDCOVER_10M_2021_V2"], bbox=bbox, start="2021-01-01", end="2022-01-01",
                      bands=["MAP"], resolution_m=res)
    a = e.load(req)
    return a.values[0, 0], a.x.values, a.y.values


def _at(cover, xs, ys, lon, lat):
    return cover[int(np.argmin(np.abs(ys - lat))), int(np.argmin(np.abs(xs - lon)))]


def test_land_fraction_of_the_real_mask():
    lon = np.array([-16.91, -16.90, 14.5, -1.0, 4.9])
    lat = np.array([32.66, 32.55, 37.5, 50.3, 52.37])
    assert geodata.land_fraction(lon, lat).round(2).tolist() == [1.0, 0.0, 1.0, 0.0, 1.0]  # Funchal, sea, Sicily, Channel, Amsterdam


def test_madeira_and_sicily_have_their_outlines(earth):
    cover, xs, ys = _cover(earth, (-17.3, 32.6, -16.6, 32.9))
    assert _at(cover, xs, ys, -16.95, 32.75) != WATER  # the island's interior
    assert _at(cover, xs, ys, -16.75, 32.62) == WATER  # the sea south-east of it
    land = (cover != WATER).mean()
    assert 0.25 < land < 0.45  # Madeira (741 km²) in a box of 2,150 km²
    cover, xs, ys = _cover(earth, (12.3, 36.6, 15.7, 38.4), res=1000)
    assert _at(cover, xs, ys, 14.3, 37.5) != WATER and _at(cover, xs, ys, 13.0, 36.8) == WATER


def test_the_dutch_coast_and_a_real_river(earth):
    cover, xs, ys = _cover(earth, (4.10, 51.95, 4.40, 52.15))
    assert _at(cover, xs, ys, 4.15, 52.10) == WATER  # the North Sea off Scheveningen
    assert _at(cover, xs, ys, 4.32, 52.08) != WATER  # The Hague
    # the rivers around Dordrecht (Oude Maas, Merwede) from the WDBII lines: pixels on a line vertex are water
    box = (4.55, 51.76, 4.75, 51.84)
    _, _, lines = geodata._shapes("rivers")
    pts = np.vstack([xy for xy in lines] or [np.zeros((0, 2))])
    pts = pts[(pts[:, 0] > box[0]) & (pts[:, 0] < box[2]) & (pts[:, 1] > box[1]) & (pts[:, 1] < box[3])]
    assert len(pts) > 20
    cover, xs, ys = _cover(earth, box, res=20)
    assert np.mean([_at(cover, xs, ys, lon, lat) == WATER for lon, lat in pts]) > 0.8


def test_a_real_lake_is_water(earth):
    cover, xs, ys = _cover(earth, (17.05, 50.43, 17.18, 50.49), res=30)
    assert _at(cover, xs, ys, 17.11, 50.46) == WATER  # Jezioro Otmuchowskie (GSHHG; the GLOBE mask counts lakes as land)


def test_overlapping_requests_agree_on_a_coast_with_rivers(earth):
    cat, e = earth

    def load(bbox):
        req = DataRequest(collection=cat["SENTINEL2_L2A"], bbox=bbox, start="2023-06-01", end="2023-06-08", bands=["B08"])
        return e.load(req).isel(t=0, bands=0).compute()

    a = load((4.20, 51.94, 4.32, 52.02))
    b = load((4.26, 51.96, 4.38, 52.04))
    xs = np.intersect1d(a.x.values, b.x.values)
    ys = np.intersect1d(a.y.values, b.y.values)
    assert len(xs) > 100 and len(ys) > 100
    assert np.array_equal(a.sel(x=xs, y=ys).values, b.sel(x=xs, y=ys).values)
