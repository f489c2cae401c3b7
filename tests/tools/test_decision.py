"""Decision numbers on GeoTIFFs with known content: equal-area pixel areas against the WGS84
ellipsoid, masks, affected towns (GeoNames), dNBR severity classes, change thresholds."""

from __future__ import annotations

import numpy as np
import pytest
import rasterio
from pyproj import Geod, Transformer
from rasterio.transform import from_origin

from tools.decision import DNBR_CLASSES, DNBR_CODES, bbox_area_km2, decision_numbers, pixel_areas_km2
from tools.result_kind import ResultDescription

GEOD = Geod(ellps="WGS84")


def _write(path, band: np.ndarray, crs: str, transform) -> str:
    with rasterio.open(path, "w", driver="GTiff", width=band.shape[1], height=band.shape[0], count=1,
                       dtype="float32", crs=crs, transform=transform, nodata=np.nan) as dst:
        dst.write(band.astype("float32"), 1)
    return str(path)


def test_geographic_pixels_have_their_ellipsoidal_area():
    areas = pixel_areas_km2("EPSG:4326", from_origin(-180, 90, 1, 1), 180, 360)
    assert areas.sum() == pytest.approx(510_065_622, rel=1e-4)  # the WGS84 ellipsoid's surface
    assert areas[90, 0] == pytest.approx(12_308.8, rel=1e-3)  # 1 degree at the equator
    assert areas[30, 0] / areas[89, 0] == pytest.approx(0.51, rel=0.01)  # 59-60 N: about half (cos 59.5 = 0.51)


def test_projected_pixels_use_the_projections_areal_scale():
    crs = "EPSG:32633"  # UTM 33N, central meridian 15 E
    to_ll = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    for x0 in (500_000, 290_000):  # on the central meridian (scale 0.9996) and ~3 degrees west of it
        t = from_origin(x0, 5_600_000, 10, 10)
        got = pixel_areas_km2(crs, t, 4, 4)[1, 1]
        xs, ys = [x0 + 10, x0 + 20, x0 + 20, x0 + 10], [5_599_990, 5_599_990, 5_599_980, 5_599_980]
        lon, lat = to_ll.transform(xs, ys)
        truth = abs(GEOD.polygon_area_perimeter(lon, lat)[0]) / 1e6
        assert got == pytest.approx(truth, rel=2e-4)
    assert pixel_areas_km2(crs, from_origin(500_000, 5_600_000, 10, 10), 1, 1)[0, 0] > 1e-4  # not counted as 100 m²


def test_a_mask_gives_area_share_and_the_towns_it_touches(tmp_path):
    crs = "EPSG:32633"
    to_utm = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    nx, ny = to_utm.transform(17.33437, 50.47379)  # Nysa (GeoNames: 47,283 people)
    x0, y0 = nx - 5000, ny + 5000
    band = np.zeros((1000, 1000), dtype="float32")
    band[450:550, 450:650] = 1  # 1 km x 2 km starting at Nysa's centre
    path = _write(tmp_path / "mask.tif", band, crs, from_origin(x0, y0, 10, 10))
    desc = ResultDescription(kind="mask", label="Flooded", words="flooded", threshold=-3, comparison="lt")
    aoi = (17.26, 50.43, 17.40, 50.52)
    d = decision_numbers(path, desc, aoi, simulated=True)
    assert d.area_km2 == pytest.approx(2.0, rel=0.003)  # 20,000 pixels of ~100 m² (UTM scale near 17 E)
    assert d.mapped_km2 == pytest.approx(100.0, rel=0.003) and d.share == pytest.approx(0.02, rel=0.003)
    assert d.aoi_km2 == pytest.approx(bbox_area_km2(aoi))
    names = [t.name for t in d.towns]
    assert names[0] == "Nysa" and d.towns[0].population == 47_283 and d.towns[0].inside
    assert 0 < d.towns[0].share < 1
    assert all(a.distance_km <= b.distance_km for a, b in zip(d.towns, d.towns[1:]))
    text = d.to_text()
    assert text.startswith("Decision numbers:") and "2.0 km²" in text and "Nysa (47,283 people" in text
    assert "SIMULATED" in text and "10 m pixels" in text


def test_no_towns_when_the_mask_is_empty(tmp_path):
    band = np.zeros((200, 200), dtype="float32")
    path = _write(tmp_path / "empty.tif", band, "EPSG:4326", from_origin(17.2, 50.5, 0.0005, 0.0005))
    d = decision_numbers(path, ResultDescription(kind="mask", label="Water", words="water"), None)
    assert d.area_km2 == 0 and d.towns == [] and "No town or village" in d.to_text()


def test_dnbr_severity_classes_and_change_thresholds(tmp_path):
    values = np.array([-0.3, -0.15, 0.0, 0.15, 0.35, 0.5, 0.8], dtype="float32")  # one per USGS class
    band = np.repeat(values, 100)[None, :].repeat(50, axis=0)
    path = _write(tmp_path / "dnbr.tif", band, "EPSG:32719", from_origin(260_000, 6_340_000, 20, 20))
    d = decision_numbers(path, ResultDescription(kind="index_change", label="dNBR", quantity="dNBR", unit="index"), None)
    assert [c.label for c in d.severity] == [c[0] for c in DNBR_CLASSES]
    assert all(c.share == pytest.approx(1 / 7, rel=1e-3) for c in d.severity)
    above = next(c for c in d.crossed if c.direction == "above")
    assert above.share == pytest.approx(3 / 7, rel=1e-3)  # 0.35, 0.5 and 0.8 exceed +0.2
    assert "Burn severity" in d.to_text()


def test_other_kinds_have_no_decision_numbers(tmp_path):
    path = _write(tmp_path / "ndvi.tif", np.full((10, 10), 0.5), "EPSG:4326", from_origin(4, 51, 0.001, 0.001))
    assert decision_numbers(path, ResultDescription(kind="index", label="NDVI", index="NDVI"), None) is None


def test_the_limits_and_severity_classes_are_typed_and_read_as_before(tmp_path):
    """Each limit is a code with its number (an answer in another language words it from them); the English
    the model reads is unchanged."""
    band = np.zeros((200, 200), dtype="float32")
    path = _write(tmp_path / "m.tif", band, "EPSG:4326", from_origin(17.2, 50.5, 0.0005, 0.0005))
    flood = decision_numbers(path, ResultDescription(kind="mask", label="F", words="flooded"), None, simulated=True)
    assert [lim.code for lim in flood.limit_codes] == ["simulated", "pixels", "radar_water", "towns_points"]
    assert flood.limit_codes[1].value == pytest.approx(35.4, abs=0.5)
    assert flood.limits == [lim.to_text() for lim in flood.limit_codes]
    assert flood.limits[1] == "35 m pixels miss narrower features"
    hot = decision_numbers(path, ResultDescription(kind="mask", label="H", words="hot", threshold=308.15), None)
    assert [(lim.code, lim.value) for lim in hot.limit_codes][-2:] == [("threshold", 308.15), ("towns_points", None)]
    assert "the mask depends on the chosen threshold (308.15)" in hot.limits
    values = np.array([-0.3, -0.15, 0.0, 0.15, 0.35, 0.5, 0.8], dtype="float32")
    dnbr = _write(tmp_path / "d.tif", np.repeat(values, 20)[None, :].repeat(10, axis=0), "EPSG:32719",
                  from_origin(260_000, 6_340_000, 20, 20))
    d = decision_numbers(dnbr, ResultDescription(kind="index_change", label="dNBR", quantity="dNBR", unit="index"), None)
    assert [c.code for c in d.severity] == DNBR_CODES and [lim.code for lim in d.limit_codes][-1] == "dnbr_calibration"
