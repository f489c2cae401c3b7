"""find_place outside Europe: country adjectives in six languages, administrative words of other countries,
a region's seat only when named like it, a country that outvotes a loosely named region, second-level regions
by their bare names, region boxes without far islets, and the curated counties, districts and features."""

from __future__ import annotations

import math

import pytest

from tools.demonyms import forms, inflected
from tools.places import DEMONYMS, find_place
from tools.regions import without_outliers


def _inside(bbox, lon, lat):
    w, s, e, n = bbox
    return w <= lon <= e and s <= lat <= n


def _km2(bbox):
    w, s, e, n = bbox
    return 6371.0**2 * math.radians(e - w) * abs(math.sin(math.radians(n)) - math.sin(math.radians(s)))


@pytest.mark.parametrize("word, country", [
    ("paraguayo", "Paraguay"), ("paraguaya", "Paraguay"), ("brasileña", "Brazil"), ("brasileno", "Brazil"),
    ("brésilienne", "Brazil"), ("brasilianischen", "Brazil"), ("braziliaanse", "Brazil"), ("brasiliano", "Brazil"),
    ("kenianische", "Kenya"), ("keniaans", "Kenya"), ("marocaine", "Morocco"), ("marokkaanse", "Morocco"),
    ("südafrikanischen", "South Africa"), ("sud-africaine", "South Africa"), ("indonesische", "Indonesia"),
    ("boliviana", "Bolivia"), ("peruanos", "Peru"), ("canadienne", "Canada"), ("chilenos", "Chile"),
])
def test_country_adjectives_of_six_languages(word, country):
    from tools.regions import fold

    assert DEMONYMS[fold(word)] == country


def test_adjective_forms_leave_place_names_out():
    f = forms()
    assert "indiana" not in f and "georgia" not in f and "chino" not in f  # a US state and a Californian city
    assert inflected("argentino", 1) == {"argentino", "argentina", "argentinos", "argentinas"}
    assert "argentijns" in inflected("argentijnse", 5)


@pytest.mark.parametrize("query, lon, lat, max_km2", [
    ("Bundesstaat Kerala", 76.3, 10.3, 300_000),
    ("État du Pará", -52.0, -4.0, 3_000_000),
    ("estado de Pará", -52.0, -4.0, 3_000_000),
    ("staat Pará", -52.0, -4.0, 3_000_000),
    ("Pará", -52.0, -4.0, 3_000_000),  # the state, not Belém (found by its former name "Pará")
    ("contea di Kern", -118.7, 35.35, 80_000),
    ("Kern, California", -118.7, 35.35, 80_000),  # a US county by its bare name
    ("departamento de Santa Cruz", -62.0, -17.0, 900_000),
    ("région de Diffa", 12.6, 15.0, 500_000),
])
def test_administrative_words_of_other_countries(query, lon, lat, max_km2):
    p = find_place(query)
    assert _inside(p.bbox, lon, lat) and _km2(p.bbox) <= max_km2, (p.name, p.kind, p.bbox)


@pytest.mark.parametrize("query, city", [
    ("Milano", "Milan"), ("Napoli", "Naples"), ("Torino", "Turin"), ("Léopoldville", "Kinshasa"), ("Santa Cruz", "Santa Cruz de la Sierra"),
])
def test_a_seat_named_like_its_region_is_the_bare_name(query, city):
    assert find_place(query).name == city


@pytest.mark.parametrize("query, lon, lat", [
    ("Filadelfia, Chaco, Paraguay", -60.03, -22.35),  # no Chaco province in Paraguay: the country decides
    ("Filadelfia, Boquerón, Paraguay", -60.03, -22.35),
])
def test_a_country_outvotes_a_loosely_named_region(query, lon, lat):
    p = find_place(query)
    assert _inside(p.bbox, lon, lat) and _km2(p.bbox) < 1_000


@pytest.mark.parametrize("query, max_km2", [("Dadu district", 5_000)])
def test_a_district_the_data_lacks_is_the_country_around_its_seat(query, max_km2):
    p = find_place(query)
    assert p.kind.startswith("district, approximate") and 500 < _km2(p.bbox) <= max_km2


@pytest.mark.parametrize("query, lon, lat, min_km2, max_km2", [
    ("Shire of Esperance", 121.89, -33.86, 5_000, 90_000),  # 44,500 km2 known from two towns
    ("Palakkad district", 76.65, 10.78, 2_500, 10_000),  # 4,480 km2 (a box of ~5,000)
    ("Nandi County", 35.10, 0.20, 1_200, 8_000),  # a Kenyan county of 2,880 km2 known from two towns
])
def test_a_sparse_region_reaches_halfway_to_its_neighbours_places(query, lon, lat, min_km2, max_km2):
    p = find_place(query)
    assert _inside(p.bbox, lon, lat) and min_km2 < _km2(p.bbox) <= max_km2, (p.name, p.kind, p.bbox, _km2(p.bbox))


@pytest.mark.parametrize("query, lon, lat, max_km2", [
    ("Marsabit County", 37.5, 2.7, 200_000),  # the Chalbi desert, beyond the box of the county's towns
    ("Turkana County", 35.6, 3.2, 200_000),
    ("Kutch district", 70.0, 23.5, 150_000),
    ("Kachchh", 69.0, 24.0, 150_000),
    ("Morowali Regency", 122.0, -2.8, 30_000),
    ("Manchar Lake", 67.67, 26.42, 1_000),
    ("Parque Nacional Los Alerces", -71.8, -42.8, 10_000),
    ("Chaco paraguayo", -60.5, -22.0, 500_000),
    ("Niger inner delta", -4.2, 14.9, 100_000),
    ("Danakil", 40.3, 14.2, 100_000),
    ("Humedales de los Esteros del Iberá", -57.2, -28.4, 40_000),
    ("Vulkans Popocatépetl", -98.62, 19.02, 1_000),
    ("Neusüdwales", 147.0, -32.5, 2_000_000),
    ("Westaustralien", 121.0, -26.0, 5_000_000),
    ("Abitibi", -78.0, 48.5, 300_000),
])
def test_curated_places_outside_europe(query, lon, lat, max_km2):
    p = find_place(query)
    assert _inside(p.bbox, lon, lat) and _km2(p.bbox) <= max_km2, (p.name, p.kind, p.bbox)


@pytest.mark.parametrize("query, lon, lat, max_km2", [
    ("Western Cape", 19.0, -33.5, 500_000),  # not out to the Prince Edward Islands, 1,800 km away
    ("Tongatapu", -175.2, -21.15, 2_000),
    ("Alaska", -150.0, 70.0, 6_000_000),  # the North Slope: the state's outline, not its towns
    ("Nevada", -116.0, 41.5, 500_000),
])
def test_region_boxes_are_their_land(query, lon, lat, max_km2):
    p = find_place(query)
    assert _inside(p.bbox, lon, lat) and _km2(p.bbox) <= max_km2, (p.name, p.kind, p.bbox)


def test_without_outliers_keeps_near_and_large_rings():
    main = [[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0]]
    near = [[2.5, 0.0], [2.6, 0.0], [2.6, 0.1], [2.5, 0.1]]
    far = [[20.0, 0.0], [20.1, 0.0], [20.1, 0.1], [20.0, 0.1]]
    big_far = [[30.0, 0.0], [31.0, 0.0], [31.0, 1.0], [30.0, 1.0]]
    assert without_outliers([main, near, far]) == [main, near]
    assert without_outliers([main, big_far]) == [main, big_far]
    assert without_outliers([main]) == [main]


@pytest.mark.parametrize("query, country", [("Kenias", "KE"), ("Chinas", "CN"), ("Indiens", "IN")])
def test_german_genitives_of_countries(query, country):
    from tools.places import gazetteer

    found = gazetteer().find(query)
    assert found is not None and found[0].kind == "country" and found[0].cc == country


def test_a_genitive_country_before_a_name_qualifies_it():
    p = find_place("Brasiliens Bundesstaat Bahia")
    assert p.country == "Brazil" and p.kind.startswith("region")
    assert find_place("Paris").country == "France"  # a name ending in s is no genitive when it is a name itself


@pytest.mark.parametrize("query, lon, lat", [
    ("Souss-Massa", -9.0, 30.0), ("Marrakech-Safi", -8.0, 31.6), ("région de l'Oriental", -2.0, 34.5),
    ("Nusa Tenggara", 121.0, -8.7), ("Nord-du-Québec", -75.0, 55.0),
])
def test_regions_the_data_had_under_older_names_or_small_boxes(query, lon, lat):
    assert _inside(find_place(query).bbox, lon, lat)


@pytest.mark.parametrize("query, kind", [
    ("Sansibar", "island"), ("Zanzíbar", "island"), ("Île Maurice", "island"), ("isola della Riunione", "country"),
    ("delta dell'Okavango", "delta"), ("delta van de Mekong", "delta"),
])
def test_island_and_feature_names_in_other_languages(query, kind):
    assert find_place(query).kind.startswith(kind)


@pytest.mark.parametrize("query, name_part", [
    ("Edertalsperre", "Eder"), ("Talsperre Eder", "Eder"), ("stuwmeer Kariba", "Kariba"), ("Karibastuwmeer", "Kariba"),
    ("Itaipustausee", "Itaipu"),
])
def test_reservoir_words_of_six_languages(query, name_part):
    p = find_place(query)
    assert p.kind in ("reservoir", "lake") and name_part in p.name, p
