"""find_place on the European classes a map user names and the offline data lacked or answered with a namesake:
German districts named otherwise than their seat (in their written forms: "Kreis X", "Landkreis X", "X-Kreis",
"X district", inflected), landscapes and comarcas, local and historical names, namesakes with and without context,
accents that make another name, and GeoNames' quarters of big cities listed as cities."""

from __future__ import annotations

import math

import pytest

from tools.places import find_place, other_accents
from tools.regions import quarters


def _inside(bbox, lon, lat):
    w, s, e, n = bbox
    return w <= lon <= e and s <= lat <= n


def _km2(bbox):
    w, s, e, n = bbox
    return 6371.0**2 * math.radians(e - w) * abs(math.sin(math.radians(n)) - math.sin(math.radians(s)))


@pytest.mark.parametrize(
    "query, lon, lat, max_km2",
    [
        ("Kreis Nordfriesland", 8.95, 54.55, 15000),
        ("Nordfriesland", 9.05, 54.48, 15000),
        ("Landkreis Vorpommern-Greifswald", 13.6, 53.8, 20000),
        ("Rhein-Sieg-Kreis", 7.3, 50.75, 6000),
        ("Rhein-Sieg district", 7.3, 50.75, 6000),
        ("Märkischen Kreis", 7.7, 51.25, 5000),
        ("Ostalbkreis", 10.1, 48.85, 5000),
        ("Kreis Harburg", 10.0, 53.3, 5000),
        ("Landkreis Leipzig", 12.6, 51.2, 6000),
        ("Uckermark", 13.9, 53.2, 12000),
        ("Breisgau-Hochschwarzwald", 8.0, 47.9, 7000),
        ("Vogelsbergkreis", 9.25, 50.6, 5000),
    ],
)
def test_german_districts_named_otherwise_than_their_seat(query, lon, lat, max_km2):
    p = find_place(query)
    assert p.kind == "district" and p.country == "Germany", p
    assert _inside(p.bbox, lon, lat) and _km2(p.bbox) <= max_km2, p.bbox


def test_a_district_named_after_its_seat_stays_the_country_around_the_seat():
    p = find_place("Landkreis Göttingen")
    assert p.kind.startswith("district, approximate") and _inside(p.bbox, 9.93, 51.53)


@pytest.mark.parametrize(
    "query, lon, lat, max_km2",
    [
        ("Wetterau", 8.8, 50.35, 5000),
        ("Deurnese Peel", 5.88, 51.40, 300),
        ("De Peel", 5.8, 51.45, 5000),
        ("Achterhoek", 6.5, 52.0, 5000),
        ("Zeeuws-Vlaanderen", 3.8, 51.3, 3000),
        ("L'Horta Sud", -0.42, 39.42, 800),
        ("Horta Sud", -0.40, 39.40, 800),
        ("La Marina Alta", 0.0, 38.8, 3000),
        ("Langhe", 8.05, 44.6, 3000),
        ("Monferrato", 8.3, 45.0, 6000),
        ("Pays d'Auge", 0.2, 49.15, 4000),
        ("the Black Country", -2.05, 52.53, 1000),
        ("Mongibello", 15.0, 37.75, 2500),
        ("Südtirol", 11.35, 46.5, 25000),
        ("Alto Adige", 11.6, 46.7, 25000),
        ("Münsterland", 7.6, 51.96, 15000),
        ("Salzkammergut", 13.65, 47.7, 5000),
        ("Berner Oberland", 7.85, 46.6, 9000),
        ("Rioja Alavesa", -2.6, 42.55, 1000),
        ("Ribatejo", -8.7, 39.25, 10000),
        ("Nördlinger Ries", 10.5, 48.85, 1500),
    ],
)
def test_landscapes_comarcas_and_local_names(query, lon, lat, max_km2):
    p = find_place(query)
    assert _inside(p.bbox, lon, lat) and _km2(p.bbox) <= max_km2, p


@pytest.mark.parametrize(
    "query, lon, lat, country",
    [
        ("Victoria", 144.5, -37.0, "Australia"),  # the state, not Hong Kong's central district
        ("Victoria, BC", -123.37, 48.43, "Canada"),
        ("Victoria, Seychelles", 55.45, -4.62, "Seychelles"),
        ("Trinidad", -61.25, 10.45, "Trinidad and Tobago"),  # the island, not the Bolivian town
        ("Trinidad, Cuba", -79.98, 21.8, "Cuba"),
        ("Bâle", 7.59, 47.56, "Switzerland"),  # Basel in French, not Burkina Faso's Balé
        ("Balé", -3.0, 11.6, "Burkina Faso"),
        ("Valence", 4.89, 44.93, "France"),  # the town's own name, not the province of Valencia's French one
        ("Valencia", -0.38, 39.47, "Spain"),
    ],
)
def test_namesakes_the_prominent_one_or_the_context(query, lon, lat, country):
    p = find_place(query)
    assert _inside(p.bbox, lon, lat) and country in (p.country or p.name), p


def test_lake_victoria_is_the_lake():
    p = find_place("Lake Victoria")
    assert p.kind == "lake" and _inside(p.bbox, 33.0, -1.0)


@pytest.mark.parametrize(
    "query, name, other",
    [("Bâle", "Balé", True), ("Léon", "León", True), ("Cordoba", "Córdoba", False), ("Córdoba", "Córdoba", False),
     ("Malmö", "Malmo", False), ("Bâle", "Basel", False)],
)
def test_accents_on_other_letters_make_another_name(query, name, other):
    assert other_accents(query, name) is other


def _city(gid, name, pop, lat, lon, cc="XX"):
    return {"geonameid": gid, "name": name, "population": pop, "latitude": lat, "longitude": lon, "countrycode": cc}


def test_a_city_at_the_heart_of_a_much_bigger_one_is_its_quarter():
    cities = [
        _city(1, "Metropolis", 5_000_000, 10.0, 10.0),
        _city(2, "Centre", 900_000, 10.02, 10.01),  # inside: a quarter
        _city(3, "Suburb", 300_000, 10.5, 10.5),  # 70 km off: a town of its own
        _city(4, "Rival", 4_000_000, 10.03, 10.0),  # not three times smaller: a city
        _city(5, "Abroad", 200_000, 10.01, 10.01, cc="YY"),  # another country
    ]
    assert quarters(cities) == {"2"}


@pytest.mark.parametrize(
    "query, lon, lat",
    [
        ("LK Cham", 12.66, 49.22),  # not Damascus (Cham in Arabic)
        ("Landkreis Hof", 11.92, 50.31),  # not Norway's Hof
        ("Kreis Soest", 8.1, 51.57),  # not the Dutch Soest
        ("Landkreis Kassel", 9.3, 51.35),  # the district around the city, not only the city's box
        ("Landkreis Mühldorf a. Inn", 12.52, 48.25),
        ("Landkreis Dillingen a.d. Donau", 10.49, 48.58),
        ("Landkreis St. Wendel", 7.17, 49.47),
        ("Kreis Segeberg", 10.3, 53.93),  # its seat is Bad Segeberg
        ("Landkreis Ahrweiler", 7.1, 50.54),  # its seat is Bad Neuenahr-Ahrweiler
    ],
)
def test_a_german_district_word_means_a_kreis_in_germany(query, lon, lat):
    p = find_place(query)
    assert p.country == "Germany" and p.kind.startswith("district") and _inside(p.bbox, lon, lat), p


@pytest.mark.parametrize(
    "query, name",
    [("Frankfurt a.M.", "Frankfurt am Main"), ("Neumarkt i.d.OPf.", "Neumarkt in der Oberpfalz"),
     ("Dillingen a.d. Donau", "Dillingen an der Donau")],
)
def test_german_abbreviations_of_am_and_an_der_are_written_out(query, name):
    assert find_place(query).name == name
