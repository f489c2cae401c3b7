"""Registered events change the simulated surface: floods before/after, burn scars."""

from __future__ import annotations

import warnings
from datetime import date

import numpy as np

from backend.catalog import load_catalog
from backend.datasources.base import DataRequest
from backend.datasources.simulated import EVENTS, SimulatedEarth
from backend.datasources.simulated.events import events_near

CATALOG = load_catalog()
EARTH = SimulatedEarth(CATALOG)
PAIPORTA = (-0.47, 39.38, -0.39, 39.45)  # Paiporta, Catarroja, Massanassa: south of Valencia


def load(collection, bbox, start, end, bands, resolution_m=20.0):
    return EARTH.load(DataRequest(collection=CATALOG[collection], bbox=bbox, start=start, end=end, bands=bands,
                                  resolution_m=resolution_m)).values.astype(float)


def clear_water_share(cube: np.ndarray) -> float:
    """Share of clear-sky pixels (SCL 4, 5, 6) that are water by NDWI, over all dates."""
    green, nir, scl = cube[:, 0], cube[:, 1], cube[:, 2]
    clear = np.isin(scl, [4, 5, 6])
    ndwi = (green - nir) / (green + nir)
    return float((ndwi[clear] > 0).mean())


def test_registry_holds_the_well_known_events():
    ids = {e.id for e in EVENTS}
    assert {"valencia-dana-2024", "boris-nysa-2024", "evros-fire-2023"} <= ids
    valencia = next(e for e in EVENTS if e.id == "valencia-dana-2024")
    assert valencia.kind == "flood" and valencia.start == date(2024, 10, 29)
    assert valencia.intensity(date(2024, 10, 28)) == 0 and valencia.intensity(date(2024, 11, 2)) == 1.0
    assert [e.id for e in events_near(PAIPORTA)] == ["valencia-dana-2024"]
    for e in EVENTS:
        w, s, east, n = e.bbox
        assert w < east and s < n and e.start <= e.peak <= e.end


def test_valencia_flood_water_present_in_the_event_window_and_absent_before():
    before = load("SENTINEL2_L2A", PAIPORTA, "2024-09-20", "2024-10-29", ["B03", "B08", "SCL"])
    during = load("SENTINEL2_L2A", PAIPORTA, "2024-10-29", "2024-11-08", ["B03", "B08", "SCL"])
    after = load("SENTINEL2_L2A", PAIPORTA, "2024-12-10", "2025-01-20", ["B03", "B08", "SCL"])
    w_before, w_during, w_after = clear_water_share(before), clear_water_share(during), clear_water_share(after)
    assert w_during > w_before + 0.15, (w_before, w_during)
    assert abs(w_after - w_before) < 0.05, (w_before, w_after)  # receded
    # Flood water is classified as water in SCL too.
    scl_water = lambda c: float((c[:, 2] == 6).sum() / np.isin(c[:, 2], [4, 5, 6]).sum())  # noqa: E731
    assert scl_water(during) > scl_water(before) + 0.15


def test_sentinel1_sees_the_flood_through_the_clouds():
    before = load("SENTINEL1_GRD", PAIPORTA, "2024-10-01", "2024-10-28", ["VV", "VH"])
    during = load("SENTINEL1_GRD", PAIPORTA, "2024-10-29", "2024-11-06", ["VV", "VH"])
    dark = lambda c: float((10 * np.log10(c[:, 0]) < -18).mean())  # noqa: E731
    assert dark(during) > dark(before) + 0.2, (dark(before), dark(during))


def test_evros_fire_leaves_a_burn_scar():
    bbox = (25.95, 40.98, 26.10, 41.10)  # Dadia forest, centre of the Evros fire
    bands = ["B08", "B12", "SCL"]
    before = load("SENTINEL2_L2A", bbox, "2023-07-01", "2023-08-15", bands, resolution_m=60)
    after = load("SENTINEL2_L2A", bbox, "2023-09-10", "2023-10-20", bands, resolution_m=60)

    def nbr(cube):
        nir, swir, scl = cube[:, 0], cube[:, 1], cube[:, 2]
        clear = np.isin(scl, [4, 5])
        v = np.where(clear, (nir - swir) / (nir + swir), np.nan)
        with warnings.catch_warnings():  # pixels cloudy on every date have no median
            warnings.simplefilter("ignore", RuntimeWarning)
            return np.nanmedian(v, axis=0)  # per-pixel median over clear dates

    dnbr = nbr(before) - nbr(after)
    burned = dnbr > 0.27  # moderate-high severity (USGS dNBR classes)
    assert 0.1 < np.nanmean(burned) < 0.95, np.nanmean(burned)
    unburned_elsewhere = load("SENTINEL2_L2A", (24.0, 40.98, 24.15, 41.10), "2023-09-10", "2023-10-20", bands, resolution_m=60)
    assert np.nanmedian(nbr(unburned_elsewhere)) > np.nanmedian(nbr(after)) + 0.2
