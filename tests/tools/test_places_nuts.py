"""find_place on Eurostat NUTS-2 codes: the code is the region it names."""

import pytest

from tools.models import ToolError
from tools.nuts import NUTS2, nuts_query
from tools.places import find_place


def _km2(b):
    import math

    w, s, e, n = b
    return (e - w) * 111.32 * math.cos(math.radians((s + n) / 2)) * (n - s) * 110.57


@pytest.mark.parametrize(
    "code,lon,lat,max_km2",
    [
        ("BE10", 4.36, 50.84, 400),  # the Brussels-Capital Region (~160 km²), not the province around it
        ("BE10, Brussels-Capital Region", 4.36, 50.84, 400),
        ("NUTS-2 BE10", 4.36, 50.84, 400),
        ("FR10", 2.35, 48.85, 25_000),  # Île-de-France
        ("NL23", 5.6, 52.5, 5_000),  # Flevoland
        ("NL31", 5.3, 52.1, 3_000),  # the province of Utrecht, not only the city
        ("DE30", 13.4, 52.5, 2_000),  # Berlin the Land
        ("DE40", 13.9, 51.94, 90_000),  # Brandenburg the Land
        ("ITC4", 9.7, 45.6, 60_000),  # Lombardia
        ("ES61", -4.5, 37.4, 200_000),  # Andalucía
        ("AT32", 13.2, 47.4, 20_000),  # Land Salzburg, not the city
        ("BE22", 5.4, 51.0, 5_000),  # the Belgian Limburg, not the Dutch one
    ],
)
def test_a_nuts2_code_is_its_region(code, lon, lat, max_km2):
    p = find_place(code)
    w, s, e, n = p.bbox
    assert w <= lon <= e and s <= lat <= n and _km2(p.bbox) <= max_km2, (code, p)


def test_every_listed_code_finds_a_region():
    for code in NUTS2:
        assert find_place(code).kind, code


@pytest.mark.parametrize("name", ["Bern", "Q1", "B04", "be10", "XX10", "S2A"])
def test_other_names_are_no_nuts_codes(name):
    assert nuts_query(name) is None


def test_an_unknown_code_stays_not_found():
    with pytest.raises(ToolError):
        find_place("ZZ99")
