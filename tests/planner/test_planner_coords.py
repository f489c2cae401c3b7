"""Coordinates in the notations and CRSs users write; the axis order is never silently swapped."""

from __future__ import annotations

import pytest

from agent.planner.coords import find_coordinates


def box(text):
    c = find_coordinates(text)
    assert c is not None, text
    return c.kind, tuple(round(v, 3) for v in c.bbox)


@pytest.mark.parametrize("text,expected", [
    ("the area lon 12.40–12.45, lat 41.85–41.90: reference", (12.40, 41.85, 12.45, 41.90)),
    ("for lat 44.30–44.40, lon 11.80–11.95 after the floods", (11.80, 44.30, 11.95, 44.40)),  # latitude first
    ("composite, bbox W 2.1 S 48.7 E 2.5 N 49.0, for June", (2.1, 48.7, 2.5, 49.0)),
    ("für den Bereich 10.1–10.6 E, 53.4–53.7 N.", (10.1, 53.4, 10.6, 53.7)),
    ("für 50.70–50.80 N, 7.05–7.20 E (Bonn)", (7.05, 50.70, 7.20, 50.80)),  # latitude range first
    ("bbox [5.6, 52.5, 5.9, 52.7] in 2021", (5.6, 52.5, 5.9, 52.7)),
    ("west=4.6, south=50.8, east=4.8, north=50.9 bbox", (4.6, 50.8, 4.8, 50.9)),
])
def test_boxes(text, expected):
    assert box(text) == ("bbox", expected)


@pytest.mark.parametrize("text,lon,lat", [
    ("NDVI for EPSG:3857 x 1000000–1020000, y 6500000–6520000, August", (8.983, 9.163), (50.309, 50.424)),
    ("x 600000–620000, y 5750000–5770000 in EPSG:32631", (4.453, 4.751), (51.888, 52.072)),
    ("UTM 32N x 680000 to 700000, y 5330000 to 5350000", (11.418, 11.695), (48.092, 48.278)),
    ("the box (EPSG:25832) 560000,5920000,580000,5940000 for June", (9.903, 10.209), (53.423, 53.605)),
    ("Lambert-93 x 640000–660000, y 6850000–6870000", (2.181, 2.456), (48.747, 48.929)),
])
def test_projected_boxes_are_reprojected(text, lon, lat):
    c = find_coordinates(text)
    assert c.kind == "bbox" and c.crs is not None
    w, s, e, n = c.bbox
    assert abs(w - lon[0]) < 0.01 and abs(e - lon[1]) < 0.01 and abs(s - lat[0]) < 0.01 and abs(n - lat[1]) < 0.01


@pytest.mark.parametrize("text,lon,lat", [
    ("around 47°15'30\"N, 11°23'40\"E since", 11.3944, 47.2583),
    ("en 41°23′N 2°10′E (Barcelona)", 2.1667, 41.3833),
    ("around 50°52.8'N 4°42.0'E", 4.7, 50.88),
    ("around 0.33° S, 36.10° E", 36.10, -0.33),
    ("around 19.3 S, 22.9 E", 22.9, -19.3),
    ("en lat 37.38, lon -5.99 (Sevilla)", -5.99, 37.38),
    ("lon 4.35, lat 50.85", 4.35, 50.85),
    ("at (52.37, 4.90) in lat/lon", 4.90, 52.37),
    ("at (4.90, 52.37) in lon/lat", 4.90, 52.37),
    ("at (-5.99, 37.38)", -5.99, 37.38),  # not a latitude beyond 90... -5.99 fits both: read as lat, lon
])
def test_points(text, lon, lat):
    c = find_coordinates(text)
    if text == "at (-5.99, 37.38)":
        assert c.point == (37.38, -5.99) and c.order_guessed  # the guess is flagged, never silent
        return
    assert c.kind == "point"
    assert (round(c.point[0], 4), round(c.point[1], 4)) == (round(lon, 4), round(lat, 4))


def test_longitude_beyond_90_fixes_the_order():
    c = find_coordinates("at (-106.80, 52.05)")
    assert c.point == (-106.80, 52.05) and not c.order_guessed


def test_several_field_polygons():
    c = find_coordinates("fields (lon, lat): field A (5.101, 52.011), (5.110, 52.011), (5.110, 52.017), (5.101, 52.017); "
                         "field B (5.120, 52.020), (5.128, 52.020), (5.128, 52.026), (5.120, 52.026).")
    assert c.kind == "polygon" and len(c.polygons) == 2
    assert c.polygons[0][0] == c.polygons[0][-1] == (5.101, 52.011)
    assert c.bbox == (5.101, 52.011, 5.128, 52.026) and not c.order_guessed


def test_polygon_in_lat_lon_order_is_turned():
    c = find_coordinates("corners lat/lon (52.05, -106.80), (52.05, -106.78), (52.062, -106.78)")
    assert c.polygon[0] == (-106.80, 52.05)


@pytest.mark.parametrize("text", ["NDVI van Texel op 14.07.2022", "B04 and B08 for 2021-2022", "Sentinel-2 in 2021",
                                  "temperature above 35 °C in Athens"])
def test_no_coordinates_in_dates_bands_and_thresholds(text):
    assert find_coordinates(text) is None


def test_out_of_range_values_are_not_coordinates():
    assert find_coordinates("lat 120.0, lon 500.0") is None


@pytest.mark.parametrize("text,expected", [
    ("dNBR, bbox W,S,E,N = -118.25, 52.75, -117.90, 52.95. Pre-fire", (-118.25, 52.75, -117.90, 52.95)),
    ("perceel, bbox W/Z/O/N: 5.74, 52.70, 5.76, 52.71, voor 2023", (5.74, 52.70, 5.76, 52.71)),  # Dutch: Oost is east
    ("emprise O/S/E/N 2.1 48.7 2.5 49.0 en juin", (2.1, 48.7, 2.5, 49.0)),  # French: ouest is west
    ("Box W/S/O/N: 9.9, 53.4, 10.2, 53.6", (9.9, 53.4, 10.2, 53.6)),  # German: Ost is east
    ("bbox (S, W, N, E) = 41.8, 12.4, 41.9, 12.5", (12.4, 41.8, 12.5, 41.9)),  # south first
])
def test_boxes_after_their_side_order(text, expected):
    assert box(text) == ("bbox", expected)


def test_words_are_no_side_order():
    assert find_coordinates("news 1, 2, 3, 4") is None


@pytest.mark.parametrize("text", [
    "Zeitreihe für mein Feld, Polygon (11.40 52.03, 11.42 52.03, 11.42 52.04, 11.40 52.04) in Lon/Lat",
    "POLYGON((11.40 52.03, 11.42 52.03, 11.42 52.04, 11.40 52.04, 11.40 52.03))",
    "mon champ : polygone (11.40 52.03, 11.42 52.03, 11.42 52.04, 11.40 52.04)",
    "Polygon (52.03 11.40, 52.03 11.42, 52.04 11.42, 52.04 11.40) as lat/lon",
])
def test_wkt_polygons_with_space_separated_pairs(text):
    c = find_coordinates(text)
    assert c.kind == "polygon" and c.bbox == (11.4, 52.03, 11.42, 52.04) and c.polygon[0] == c.polygon[-1]
