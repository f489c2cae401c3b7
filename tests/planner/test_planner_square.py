"""A point with a box of a given size around it ("a 200 m square", "200 x 300 m", "Quadrat von 400 m um"):
the point alone was loaded with the planner's default field box (2 km), and some languages' "around" was
not read before a coordinate pair."""

from __future__ import annotations

import math

import pytest

from agent.planner.coords import find_coordinates


def _size_m(bbox) -> tuple[float, float]:
    w, s, e, n = bbox
    lat = (s + n) / 2
    return (e - w) * 111_320 * math.cos(math.radians(lat)), (n - s) * 110_570


@pytest.mark.parametrize("text, width, height", [
    ("RVI for my field at 51.2345 N, 4.5678 E (a 200 m square)", 200, 200),
    ("field at 51.2345 N, 4.5678 E, 200 m x 200 m", 200, 200),
    ("field of 200 by 300 m at 51.2345 N, 4.5678 E", 200, 300),
    ("a 500 m box around 51.2345, 4.5678", 500, 500),
    ("a 1 km square around 48.85, 2.35", 1000, 1000),
    ("Quadrat von 400 m um 50.1123, 8.6456", 400, 400),  # the square's side, not a 400 m radius
    ("un carré de 300 m autour de 45.7612, 4.8345", 300, 300),
    ("vierkant van 250 m rond 52.0912, 5.1234", 250, 250),
    ("cuadrado de 200 m alrededor de 37.3891, -5.9845", 200, 200),
    ("within 300 m of 51.2345 N 4.5678 E", 600, 600),  # a radius stays a radius
])
def test_a_box_of_a_given_size_around_a_point(text, width, height):
    c = find_coordinates(text)
    assert c is not None
    w, h = _size_m(c.bbox)
    assert w == pytest.approx(width, rel=0.02) and h == pytest.approx(height, rel=0.02)


@pytest.mark.parametrize("text", ["NDVI at 48.8512, 2.3534 at 10 m resolution", "point 48.8512, 2.3534, 20 x 20 m pixels"])
def test_a_pixel_size_is_no_box(text):
    c = find_coordinates(text)
    assert c is not None and c.bbox[0] == c.bbox[2]


@pytest.mark.parametrize("text", [
    "S2 L2A B02 B03 B04 B08 for tile area 600000 5800000 610000 5810000 EPSG:32631, 2024-06-15, GeoTIFF",
    "bbox 600000 5800000 610000 5810000 (EPSG:32631)",
    "EPSG:32631 extent 600000; 5800000; 610000; 5810000",
])
def test_four_projected_values_apart_by_spaces_are_a_box(text):
    # read as no coordinates at all: "tile area" was looked up as a place
    c = find_coordinates(text)
    assert c is not None and c.crs == 32631
    assert c.bbox == pytest.approx((4.46788, 52.33926, 4.61789, 52.43105), abs=1e-4)


def test_years_are_never_projected_values():
    assert find_coordinates("EPSG:3035 NDVI 2019 2020 2021 2022") is None


@pytest.mark.parametrize("text", [
    "Hochwasser in Jeseník und Umgebung, 14.-16. September 2024, Radar",
    "Overstroming in Valkenburg en omgeving, juli 2021",
    "Allagamenti a Faenza e dintorni, maggio 2023",
    "Inundaciones en Paiporta y alrededores, noviembre de 2024",
])
def test_a_town_and_its_surroundings_reach_beyond_the_town(text):
    # "und Umgebung" was the town's own 64 km² box
    from datetime import date

    from planner_helpers import build_graph, converse_with_gazetteer

    _, calls = converse_with_gazetteer(text, date(2024, 12, 1))
    load = next(n for n in build_graph(calls["run_openeo_code"][-1]["code"]).values() if n["process_id"] == "load_collection")
    ext = load["arguments"]["spatial_extent"]
    w, h = _size_m((ext["west"], ext["south"], ext["east"], ext["north"]))
    assert w > 20_000 and h > 20_000
