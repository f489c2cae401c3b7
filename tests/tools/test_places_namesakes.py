"""find_place on namesakes: a town's everyday name without the qualifier GeoNames gives it ("Halle" for Halle
(Saale)), region kinds a request names with its administrative word, and the curated regions a held-out
places sweep found missing."""

from __future__ import annotations

import math

import pytest

from tools.places import find_place
from tools.regions import everyday_name


def _inside(bbox, lon, lat):
    w, s, e, n = bbox
    return w <= lon <= e and s <= lat <= n


def _km2(bbox):
    w, s, e, n = bbox
    return 6371.0**2 * math.radians(e - w) * abs(math.sin(math.radians(n)) - math.sin(math.radians(s)))


@pytest.mark.parametrize(
    "name, bare",
    [
        ("Halle (Saale)", "Halle"),
        ("Frankfurt am Main", "Frankfurt"),
        ("Brandenburg an der Havel", "Brandenburg"),
        ("Newcastle upon Tyne", "Newcastle"),
        ("Boulogne-sur-Mer", "Boulogne"),
        ("Évian-les-Bains", "Évian"),
        ("Rothenburg ob der Tauber", "Rothenburg"),
        ("Trezzano sul Naviglio", "Trezzano"),
        ("Halle", None),
        ("Zürich (Kreis 4) / Langstrasse", None),  # a city district, not a qualifier
        ("Madīnat an Naşr", None),  # an Arabic article, not "an der"
        ("Lake in the Hills", None),
        ("Saint-Denis", None),
    ],
)
def test_everyday_name(name, bare):
    assert everyday_name(name) == bare


@pytest.mark.parametrize(
    "query, lon, lat",
    [
        ("Halle", 11.97, 51.48),  # Halle (Saale), 240,000 people, not Halle in Belgium (35,000)
        ("Frankfurt", 8.68, 50.11),  # still Frankfurt am Main, not Frankfurt (Oder)
        ("Weil", 7.62, 47.59),  # Weil am Rhein
        ("Stoke", -2.18, 53.0),  # Stoke-on-Trent
        ("Halle, Belgium", 4.24, 50.73),  # a qualifier still picks the namesake
        ("Frankfurt, Brandenburg", 14.55, 52.34),
    ],
)
def test_bare_name_of_a_qualified_town_by_prominence(query, lon, lat):
    p = find_place(query)
    assert _inside(p.bbox, lon, lat), (query, p.name, p.country, p.bbox)
    assert _km2(p.bbox) < 3000


@pytest.mark.parametrize(
    "query, lon, lat",
    [
        ("Spagna", -3.7, 40.4),
        ("Svizzera", 8.2, 46.8),
        ("Regno Unito", -1.5, 52.5),
        ("Verenigd Koninkrijk", -1.5, 52.5),
        ("Jamaika", -77.3, 18.1),
        ("Libye", 17.0, 27.0),
        ("Lussemburgo", 6.1, 49.7),
        ("Großherzogtum Luxemburg", 6.1, 49.7),
        ("Paesi Bassi", 5.3, 52.1),
    ],
)
def test_country_names_in_the_request_languages(query, lon, lat):
    p = find_place(query)
    assert p.kind == "country" and _inside(p.bbox, lon, lat), (query, p.name, p.kind)


@pytest.mark.parametrize(
    "query, lon, lat",
    [
        ("Toledo, Spagna", -4.02, 39.86),
        ("Kingston, Jamaika", -76.79, 18.0),
        ("Tripoli, Libia", 13.19, 32.89),
        ("Porto, Portogallo", -8.61, 41.15),
    ],
)
def test_a_country_name_in_italian_or_german_qualifies(query, lon, lat):
    p = find_place(query)
    assert _inside(p.bbox, lon, lat), (query, p.name, p.country)


@pytest.mark.parametrize(
    "query, lon, lat",
    [
        ("Córdoba en Argentina", -64.18, -31.42),
        ("Perth in Schottland", -3.43, 56.40),
        ("Tripoli au Liban", 35.85, 34.44),
        ("Hamilton en Nouvelle-Zélande", 175.28, -37.79),
        ("Kingston auf Jamaika", -76.79, 18.0),
        ("Cambridge nel Massachusetts", -71.11, 42.37),
        ("León en España", -5.57, 42.6),
        ("Victoria en Colombie-Britannique", -123.37, 48.43),
        ("Perth Scotland", -3.43, 56.40),
        ("Limbourg néerlandais", 5.95, 51.1),  # an adjective after the name, as French writes it
        ("Luxembourg belge", 5.5, 49.9),
    ],
)
def test_a_qualifier_written_without_a_comma(query, lon, lat):
    p = find_place(query)
    assert _inside(p.bbox, lon, lat), (query, p.name, p.country)


@pytest.mark.parametrize(
    "query, lon, lat",
    [
        ("Victoria BC", -123.37, 48.43),
        ("Victoria, BC", -123.37, 48.43),
        ("Halifax NS", -63.58, 44.65),
        ("London, ON", -81.25, 42.98),
        ("Perth, WA", 115.86, -31.95),  # Western Australia, though WA is also Washington's code
        ("Kent, WA", -122.23, 47.38),
        ("Adelaide, SA", 138.6, -34.93),  # South Australia, though SA is also Saudi Arabia's code
        ("Newcastle, NSW", 151.78, -32.93),
        ("Launceston, TAS", 147.14, -41.43),
        ("Paris, FR", 2.35, 48.857),
    ],
)
def test_state_and_province_abbreviations_qualify(query, lon, lat):
    p = find_place(query)
    assert _inside(p.bbox, lon, lat), (query, p.name, p.country)


def test_a_name_with_in_is_still_found_as_one_name_first():
    for query, lon, lat in (("Bergen op Zoom", 4.29, 51.49), ("Frankfurt an der Oder", 14.55, 52.34),
                            ("Neustadt an der Weinstraße", 8.14, 49.35)):
        p = find_place(query)
        assert _inside(p.bbox, lon, lat), (query, p.name)
