"""Classes of place input the blind6 split showed broken: a place the request rules out ("not California"), a
qualifier in a bracket after "the one in", a part of a feature by its compass word, NUTS codes."""

from datetime import date

import pytest

from agent.planner.places import place_candidates, qualifier_phrases
from tests.planner.planner_helpers import converse_with_gazetteer, final_code


@pytest.mark.parametrize("text,kept,qualifier,ruled_out", [
    ("snow in the Sierra Nevada (the one in Spain, not California) last winter", "Sierra Nevada", "Spain", "California"),
    ("NDVI for Córdoba (die in Spanien, nicht die in Argentinien) im Mai 2024", "Córdoba", "Spanien", "Argentinien"),
    ("NDVI de Valence (celle de la Drôme, pas celle d'Espagne) en mai", "Valence", "Drôme", "Espagne"),
    ("NDVI en Mérida (la de Extremadura, no la de México) en mayo", "Mérida", "Extremadura", "México"),
    ("NDVI in Limburg (die in Nederland, niet die in België)", "Limburg", "Nederland", "België"),
    ("NDVI at Perth (the one in Scotland, not Australia)", "Perth", "Scotland", "Australia"),
])
def test_a_bracketed_qualifier_picks_the_namesake_and_a_ruled_out_place_is_no_place(text, kept, qualifier, ruled_out):
    cands = place_candidates(text)
    assert kept in cands and qualifier in qualifier_phrases(text) and ruled_out not in cands


def _extent(request: str, today: date) -> tuple[float, float, float, float]:
    _, calls = converse_with_gazetteer(request, today)
    code = final_code(calls)
    line = next(x for x in code.splitlines() if x.startswith("spatial_extent = "))
    d = eval(line.split("=", 1)[1])  # noqa: S307 - the drafted code's own dict literal
    return d["west"], d["south"], d["east"], d["north"]


@pytest.mark.parametrize("request_text,lon,lat", [
    ("snow cover in the Sierra Nevada (the one in Andalusia, not California) in January 2025, NDSI", -3.31, 37.05),
    ("NDVI median for Córdoba (die in Spanien, nicht die in Argentinien) im Mai 2024", -4.78, 37.89),
    ("NDVI map of Perth (the one in Scotland, not Australia) for June 2024", -3.43, 56.40),
])
def test_the_namesake_the_bracket_names_is_mapped(request_text, lon, lat):
    w, s, e, n = _extent(request_text, date(2025, 4, 2))
    assert w <= lon <= e and s <= lat <= n


def _km2(b: tuple[float, float, float, float]) -> float:
    from agent.planner.places import area_km2

    return area_km2(b)


@pytest.mark.parametrize("request_text,lon,lat,max_km2", [
    ("Daily Sentinel-5P NO2 averaged over NUTS-2 region BE10 (Brussels-Capital Region) for Q1 2025, as CSV.",
     4.36, 50.84, 400),
    ("Daily Sentinel-5P NO2 averaged over NUTS-2 region DE30 for 2024, as CSV.", 13.4, 52.5, 2_000),
    ("Monthly NO2 time series over NUTS-2 region NL31 for 2024 as CSV", 5.3, 52.1, 3_000),
])
def test_a_series_over_a_region_averages_the_region_not_a_padded_box(request_text, lon, lat, max_km2):
    w, s, e, n = _extent(request_text, date(2025, 4, 8))
    assert w <= lon <= e and s <= lat <= n and _km2((w, s, e, n)) <= max_km2


@pytest.mark.parametrize("request_text", [
    "Mean NO2 map over the Brussels-Capital Region for January 2024",  # a map keeps the product's usual size
    "NO2 time series over Madrid for 2023 as CSV",  # a city keeps it too
])
def test_maps_and_towns_keep_the_usual_size(request_text):
    assert _km2(_extent(request_text, date(2025, 4, 8))) > 3_000


@pytest.mark.parametrize("text,name,direction", [
    ("the western basin of Lake Erie", "Lake Erie", "west"),
    ("the east end of Long Island", "Long Island", "east"),
    ("the north shore of Lake Ontario", "Lake Ontario", "north"),
    ("NDWI im Westteil des Bodensees", "Lake Constance", "west"),
    ("im südlichen Teil des Gardasees", "Lake Garda", "south"),
    ("la partie ouest du lac Léman", "Lake Geneva", "west"),
    ("la parte occidental del embalse de Alqueva", "Alqueva", "west"),
    ("la parte orientale del lago di Garda", "Lake Garda", "east"),
    ("het noordelijk deel van het IJsselmeer", "IJsselmeer", "north"),
])
def test_a_compass_part_of_a_feature_in_six_languages(text, name, direction):
    from agent.planner.aoi import _direction_of

    assert _direction_of(text, name) == ("part", direction)


@pytest.mark.parametrize("text", ["NDVI of the Sierra Nevada", "Westkapelle beach", "Estremadura coast", "Ostseeküste"])
def test_no_compass_part_in_names(text):
    from agent.planner.aoi import _direction_of

    assert _direction_of(text, text.split()[-1]) == (None, None)


@pytest.mark.parametrize("request_text,lon,lat,max_km2", [
    # a span in brackets says the part: Toledo to Point Pelee is the western basin
    ("Western basin of Lake Erie (Toledo to Point Pelee): Sentinel-3 OLCI true colour for 1-15 August 2019",
     -83.1, 41.75, 20_000),
    # the compass word alone: the lake's western half, never the town of Erie, Pennsylvania
    ("Sentinel-3 OLCI true colour of the western basin of Lake Erie, 1-15 August 2019", -83.1, 41.75, 40_000),
    ("OLCI true colour of the eastern part of Lake Victoria, August 2019", 34.5, -1.0, 80_000),  # halved once
])
def test_a_part_of_a_lake(request_text, lon, lat, max_km2):
    w, s, e, n = _extent(request_text, date(2019, 8, 20))
    assert w <= lon <= e and s <= lat <= n and _km2((w, s, e, n)) <= max_km2


@pytest.mark.parametrize("request_text,name", [
    ("Sentinel-3 OLCI true colour of Lake Erie, August 2019", "Erie"),
    ("Sentinel-3 OLCI true colour of Lake Victoria, August 2019", "Victoria"),
])
def test_a_large_feature_found_by_its_name_is_not_retried_as_its_town(request_text, name):
    _, calls = converse_with_gazetteer(request_text, date(2019, 8, 20))
    assert name not in [c["name"] for c in calls["find_place"]]
