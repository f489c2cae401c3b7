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


@pytest.mark.parametrize(
    "query, lon, lat, max_km2",
    [
        ("Luberon", 5.39, 43.82, 5000),
        ("Cotswolds", -1.85, 51.85, 10000),
        ("Luzon", 121.0, 15.5, 500000),  # the Philippine island, not the Spanish village
        ("the Arno", 11.25, 43.77, 10000),  # the river through Florence, not the Marshall Islands atoll
        ("Salento", 18.2, 40.2, 8000),  # Apulia's peninsula, not the Colombian town
        ("Provence", 5.5, 43.7, 60000),
        ("Champagne", 4.03, 49.05, 80000),
        ("Rioja", -2.45, 42.47, 12000),
        ("Médoc", -0.9, 45.2, 8000),
        ("Pfalz", 8.1, 49.3, 15000),
        ("Pilbara", 118.6, -21.5, 500000),
        ("the Kimberley", 125.5, -16.5, 600000),
        ("Mindanao", 125.0, 7.5, 300000),
        ("Sulawesi", 120.5, -2.0, 700000),
        ("Honshu", 138.0, 36.0, 1000000),
        ("Orkney", -3.0, 59.0, 8000),  # the islands, not the South African town
        ("Hebrides", -6.5, 57.5, 60000),
        ("Faroes", -6.9, 62.0, 12000),
        ("Dodecanese", 27.9, 36.4, 60000),
        ("Balearics", 2.9, 39.6, 60000),
        ("Siberia", 100.0, 60.0, 30000000),  # not the Mexican village
        ("Mesopotamia", 44.4, 33.3, 1000000),
        ("Galilee", 35.4, 32.8, 10000),
    ],
)
def test_curated_regions_islands_and_landscapes(query, lon, lat, max_km2):
    p = find_place(query)
    assert _inside(p.bbox, lon, lat) and _km2(p.bbox) <= max_km2, (query, p.name, p.country, p.bbox)


def test_a_qualifier_still_reaches_the_namesake_town_of_a_curated_region():
    for query, lon, lat in (("Salento, Colombia", -75.57, 4.64), ("Orkney, South Africa", 26.67, -26.98),
                            ("Kimberley", 24.77, -28.74)):  # the South African city keeps its bare name
        p = find_place(query)
        assert _inside(p.bbox, lon, lat), (query, p.name, p.country)


@pytest.mark.parametrize(
    "query, lon, lat",
    [
        ("Valencia", -0.376, 39.47),  # the seat of the province of Valencia, not Venezuela's larger Valencia
        ("Salamanca", -5.66, 40.97),  # the seat of the province of Salamanca, not the Mexican city
        ("Granada", -3.60, 37.18),
        ("Toledo", -83.55, 41.66),  # a Brazilian municipality named after its town is no such region
        ("Córdoba", -64.18, -31.42),  # both are seats of their provinces: the larger one
        ("Valencia, Venezuela", -68.0, 10.16),
    ],
)
def test_the_seat_of_a_region_of_its_name_is_the_namesake_a_map_user_knows(query, lon, lat):
    p = find_place(query)
    assert _inside(p.bbox, lon, lat), (query, p.name, p.country)


@pytest.mark.parametrize(
    "query, lon, lat",
    [
        ("Kent", 0.9, 51.2),  # the English county of 1.8 million, not Kent, Washington
        ("Essex", 0.6, 51.8),
        ("Cornwall", -4.9, 50.4),
        ("Norfolk", -76.29, 36.85),  # Norfolk, Virginia (240,000) still outranks a county of 900,000
        ("Lima", -77.04, -12.05),  # a great city beats its populous region
        ("Brandenburg", 13.06, 52.40),  # the Land, not the town Brandenburg an der Havel
    ],
)
def test_a_populous_region_outranks_a_smaller_namesake_city_abroad(query, lon, lat):
    p = find_place(query)
    assert _inside(p.bbox, lon, lat), (query, p.name, p.country)


def test_admin1_rank_by_area_or_people():
    from tools.regions import admin1_rank

    assert admin1_rank(3700, 1_800_000) > admin1_rank(3700, 0)  # Kent: its people rank it above its area
    assert admin1_rank(3700, 0) == admin1_rank(3700, 1000)  # a few people never lower it
    assert admin1_rank(50_000, 50_000_000) <= 84.5  # never above a US state or a curated feature


@pytest.mark.parametrize(
    "query, seat_lon, seat_lat, inside_lon, inside_lat",
    [
        ("Landkreis Görlitz", 14.99, 51.15, 14.85, 51.25),
        ("Kreis Kleve", 6.14, 51.79, 6.3, 51.7),
        ("LK Rosenheim", 12.12, 47.86, 12.3, 47.75),
        ("Landkreis Garmisch-Partenkirchen", 11.1, 47.49, 11.0, 47.6),
        ("arrondissement de Lille", 3.06, 50.63, 2.9, 50.7),
    ],
)
def test_a_district_the_data_lacks_is_the_land_around_its_seat(query, seat_lon, seat_lat, inside_lon, inside_lat):
    p = find_place(query)
    assert p.kind.startswith("district, approximate")
    assert _inside(p.bbox, seat_lon, seat_lat) and _inside(p.bbox, inside_lon, inside_lat)
    assert 1000 < _km2(p.bbox) < 2500


def test_the_town_itself_and_districts_the_data_has_keep_their_boxes():
    assert find_place("Rosenheim").kind == "city"
    assert find_place("Provincia di Cuneo").kind.startswith("region")
    assert find_place("Bezirk Schwaz").kind.startswith("region")
    assert find_place("County Cork").kind.startswith("region")


@pytest.mark.parametrize(
    "query, lon, lat, max_km2",
    [
        ("Campiña de Sevilla", -5.3, 37.4, 8000),
        ("comarca del Aljarafe", -6.15, 37.35, 2000),
        ("el Aljarafe", -6.15, 37.35, 2000),
        ("Campo de Cartagena", -1.0, 37.75, 4000),
        ("comarca del Penedès", 1.7, 41.35, 4000),
        ("comarca de la Vera", -5.6, 40.1, 3000),
    ],
)
def test_spanish_comarcas_with_and_without_the_word(query, lon, lat, max_km2):
    p = find_place(query)
    assert _inside(p.bbox, lon, lat) and _km2(p.bbox) <= max_km2, (query, p.name, p.bbox)


@pytest.mark.parametrize("query", ["gemeente Westland", "Gemeente Ede", "gemeente De Bilt"])
def test_dutch_municipalities_by_their_name_with_or_without_gemeente(query):
    p = find_place(query)
    assert p.kind.startswith("region") and p.name.startswith("Gemeente"), (query, p.name, p.kind)
