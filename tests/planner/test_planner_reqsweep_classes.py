"""Classes the whole-request sweep (tests/data/planner/request_sweep.jsonl, dev rows) showed the planner
misreading, each with wordings of our own in several languages and other numbers than the row that showed it."""

from __future__ import annotations

from datetime import date

import pytest

from agent.planner.dates import find_periods
from agent.planner.followups import resolve
from agent.planner.i18n import normalize
from agent.planner.model import choose_periods

TODAY = date(2024, 5, 20)


def _spans(text: str, today: date = TODAY) -> list[tuple[str, str]]:
    return [(p.start.isoformat(), p.end.isoformat()) for p in find_periods(normalize(text), today)]


def _chosen(text: str, today: date = TODAY) -> list[tuple[str, str]]:
    slots = resolve(text, normalize(text), today, None, None)
    chosen = choose_periods(slots, find_periods(normalize(text), today), today)
    return [(p.start.isoformat(), p.end.isoformat()) for p in chosen]


# --- "the last N weeks/months" with N written as a word, in the six languages --------------------------------------
@pytest.mark.parametrize("text, start", [
    ("VH-Zeitreihe für die letzten zwei Monate", "2024-03-20"),
    ("NDVI der vergangenen sechs Wochen", "2024-04-08"),
    ("série VH sur les trois derniers mois", "2024-02-20"),
    ("la médiane des quatre dernières semaines", "2024-04-22"),
    ("la vegetazione nelle ultime tre settimane", "2024-04-29"),
    ("NDVI degli ultimi sei mesi", "2023-11-20"),
    ("en las últimas cuatro semanas", "2024-04-22"),
    ("los últimos dos meses", "2024-03-20"),
    ("in de laatste twee maanden", "2024-03-20"),
    ("de afgelopen acht weken", "2024-03-25"),
    ("over the past three months", "2024-02-20"),
])
def test_the_last_n_units_with_the_number_as_a_word(text, start):
    assert _spans(text) == [(start, "2024-05-21")]


@pytest.mark.parametrize("text", ["die letzten zwei Sentinel-2 Szenen", "les trois dernières images"])
def test_a_number_word_without_a_time_unit_is_no_window(text):
    assert _spans(text) == []


# --- a year that labels a season given as an explicit range across the year's boundary ----------------------------
@pytest.mark.parametrize("text, span", [
    ("Mean NDVI of my field for the 2022 wheat season, October 2021 to June 2022", ("2021-10-01", "2022-07-01")),
    ("NDVI médian de la campagne 2023 (octobre 2022 – juin 2023) autour de Beauvais", ("2022-10-01", "2023-07-01")),
    ("NDVI-Zeitreihe der Saison 2023/24: November 2023 bis März 2024, Feld bei Celle", ("2023-11-01", "2024-04-01")),
    ("serie NDVI de la campaña 2021, de noviembre de 2020 a mayo de 2021, cerca de Jerez", ("2020-11-01", "2021-06-01")),
])
def test_a_year_naming_a_season_across_its_boundary_is_a_label(text, span):
    assert _chosen(text) == [span]


@pytest.mark.parametrize("text, span", [
    ("NDVI median for 2022, Sentinel-2, around Ghent", ("2022-01-01", "2023-01-01")),
    ("NDVI 2023 with the growing season April to September 2023 in focus", ("2023-04-01", "2023-10-01")),
])
def test_a_year_alone_or_around_a_range_inside_it_is_kept_as_before(text, span):
    assert _chosen(text) == [span]


# --- a moving average at one point, asked as a time series: a table of that point's smoothed values ---------------
@pytest.mark.parametrize("text, series", [
    ("7-day moving average of NDVI at -1.2921, 36.8219 (lat/lon) across March–May 2024, as a time series", True),
    ("Zeitreihe des gleitenden Mittels (5 Aufnahmen) von NDVI am Punkt 51,20 N, 6,80 O, Mai–August 2023", True),
    ("série temporelle du NDVI lissé (moyenne mobile) au point 45,1 N, 5,7 E pour 2023", True),
    ("serie temporale NDVI con media mobile a 7 giorni nel punto 44,49 N, 11,34 E, 2023", True),
    ("NDVI smoothed with a 3-date moving mean for the box 5.0-5.1 E, 52.0-52.1 N, as a time series", False),
    ("7-day moving average of NDVI at 52.1 N, 5.2 E in 2023, netCDF", False),
])
def test_a_moving_average_at_a_point_as_a_time_series_is_a_table(text, series):
    slots = resolve(text, normalize(text), TODAY, None, None)
    assert slots.intent.task == "moving_window"
    assert slots.intent.timeseries is series


# --- a town called like a method word is no method: "rond Lisse" is no smoothing ------------------------------------
@pytest.mark.parametrize("text, task", [
    ("NDVI rond Lisse (Zuid-Holland), mediaan per pixel, maart tot mei 2023", "index"),
    ("NDVI median around Lisse, Netherlands, April 2023", "index"),
    ("série NDVI lissée (moyenne mobile sur 3 dates) autour de Lyon, 2023", "moving_window"),
    ("NDVI lissé sur 5 acquisitions près de Dijon en 2022", "moving_window"),
    ("un lissage temporel du NDVI près de Rennes, 2023", "moving_window"),
])
def test_a_town_named_like_a_method_word_is_no_method(text, task):
    assert resolve(text, normalize(text), TODAY, None, None).intent.task == task


# --- the town the area is "around"/"near" is the place, whichever town was looked up first -------------------------
def _hit(name: str, bbox: tuple[float, float, float, float], kind: str = "city"):
    from agent.planner.places import PlaceHit

    return PlaceHit(name=name, kind=kind, bbox=bbox)


QUEBEC = _hit("Québec, Canada", (-71.35, 46.72, -71.08, 46.90))
CHIBOUGAMAU = _hit("Chibougamau, Canada", (-74.41, 49.89, -74.32, 49.94))
PORTO = _hit("Porto, Portugal", (-8.69, 41.13, -8.55, 41.19))
BRAGA = _hit("Braga, Portugal", (-8.47, 41.51, -8.38, 41.58))
ALICE = _hit("Alice Springs, Australia", (133.83, -23.75, 133.92, -23.66))
DARWIN = _hit("Darwin, Australia", (130.81, -12.48, 130.92, -12.36))


@pytest.mark.parametrize("text, hits, chosen", [
    ("CO Sentinel-5P au-dessus du nord du Québec autour de Chibougamau, juin 2023", [QUEBEC, CHIBOUGAMAU], CHIBOUGAMAU),
    ("NDVI of the outback near Alice Springs (Darwin office request), July 2023", [DARWIN, ALICE], ALICE),
    ("NDVI der Felder bei Darwin (Anfrage aus Alice Springs), Mai 2023", [ALICE, DARWIN], DARWIN),
    ("NDVI cerca de Braga (oficina de Darwin), mayo de 2023", [DARWIN, BRAGA], BRAGA),
])
def test_the_town_the_area_is_around_is_the_place(text, hits, chosen):
    from agent.planner.aoi import choose_hits

    assert choose_hits(hits, text) == [chosen]


def test_towns_named_without_around_keep_the_first_and_its_neighbours():
    from agent.planner.aoi import choose_hits

    assert choose_hits([QUEBEC, CHIBOUGAMAU], "CO over Québec and Chibougamau, June 2023") == [QUEBEC]
    assert choose_hits([PORTO, BRAGA], "NDVI between Porto and Braga") == [PORTO, BRAGA]
    # two towns both "around": no single anchor, the first as before
    assert choose_hits([PORTO, BRAGA], "NDVI around Porto and around Braga") == [PORTO, BRAGA]


# --- a lake named first, then the town near it: the lake is the area, the town only says which ----------------------
MARKERMEER = _hit("Markermeer, The Netherlands", (5.00, 52.35, 5.55, 52.70), "lake")
LELYSTAD = _hit("Lelystad, The Netherlands", (5.40, 52.46, 5.55, 52.55))
BOURGET = _hit("Lac du Bourget, France", (5.80, 45.63, 5.93, 45.80), "lake")
AIX = _hit("Aix-les-Bains, France", (5.88, 45.67, 5.95, 45.72))
VICTORIA = _hit("Lake Victoria, Africa", (31.5, -3.0, 34.9, 0.5), "lake")
KISUMU = _hit("Kisumu, Kenya", (34.70, -0.15, 34.82, -0.05))


@pytest.mark.parametrize("text, hits, chosen", [
    ("NDWI (B03/B08) voor het Markermeer bij Lelystad, mediaan augustus 2022", [MARKERMEER, LELYSTAD], [MARKERMEER]),
    ("NDWI of the Markermeer near Lelystad, August 2022", [LELYSTAD, MARKERMEER], [MARKERMEER]),
    ("turbidité du lac du Bourget près d'Aix-les-Bains, juillet 2023", [BOURGET, AIX], [BOURGET]),
    # the town named first, or a lake too large for one area: the town, as before
    ("NDVI around Lelystad on the Markermeer, May 2023", [LELYSTAD, MARKERMEER], [LELYSTAD]),
    ("chlorophyll in Lake Victoria near Kisumu, March 2024", [VICTORIA, KISUMU], [KISUMU]),
])
def test_a_lake_named_before_the_town_near_it_is_the_area(text, hits, chosen):
    from agent.planner.aoi import choose_hits

    assert choose_hits(hits, text) == chosen


# --- a town followed by a country (or US state) code is that town qualified by the code --------------------------
@pytest.mark.parametrize("text, rewritten", [
    ("GNDVI (B08,B03), poltava UA, 2023-05-01/2023-05-31, max, tif", "Poltava, UA"),
    ("ndvi, Ghent BE, june 2023", "Ghent, BE"),
    ("NDVI for Flagstaff AZ in July 2023", "Flagstaff, AZ"),
    ("slope around Boulder CO", "Boulder, CO"),
    ("lst in madrid ES, july 2022", "Madrid, ES"),
    ("hillshade around grand canyon village AZ, azimuth 315", "Grand Canyon Village, AZ"),
    ("NDVI bei Graz AT, Juni 2023", "Graz, AT"),
])
def test_a_code_after_a_town_qualifies_it(text, rewritten):
    from agent.planner.places import with_code_qualifier

    assert rewritten in with_code_qualifier(text)


@pytest.mark.parametrize("text", [
    "NO2 over Milan, NO clouds please", "NDVI for my field, NO interpolation", "NDVI IT, tif", "NDVI IN 2023 for Pune",
    "Sentinel-1 VV, VH in dB, GRD", "NDVI for Zahlé, Lebanon, May 2019",
])
def test_capital_words_that_are_no_code_qualifier_stay(text):
    from agent.planner.places import with_code_qualifier

    assert with_code_qualifier(text) == text


# --- an index with WorldCover classes masked out: the index's composite, masked by the land-cover map ---------------
@pytest.mark.parametrize("text, index, classes", [
    ("NDVI median for June 2023 around Konstanz, with water pixels (WorldCover class 80) masked out", "NDVI", [80]),
    ("NDWI-Median Juli 2023 bei Schwerin, Wasserflächen ausmaskiert (WorldCover Klasse 80)", "NDWI", [80]),
    ("NDVI médian de mai 2023 autour d'Arles, sans les zones bâties (classe 50 de WorldCover)", "NDVI", [50]),
    ("NDMI mediana de agosto de 2022 cerca de Huelva, excluyendo las clases 80 y 90 de WorldCover", "NDMI", [80, 90]),
])
def test_an_index_with_landcover_classes_masked_out(text, index, classes):
    it = resolve(text, normalize(text), TODAY, None, None).intent
    assert (it.task, it.index, it.landcover_mask) == ("index", index, classes)


@pytest.mark.parametrize("text", [
    "Give me a tree-cover mask (class 10) from ESA WorldCover 2021 for the Białowieża Forest",
    "Built-up mask (WorldCover class 50) for Lagos, Nigeria, 2021",
])
def test_a_landcover_mask_alone_is_still_the_landcover_map(text):
    it = resolve(text, normalize(text), TODAY, None, None).intent
    assert it.task == "landcover" and not it.landcover_mask


def test_the_masked_index_code_loads_both_collections_and_masks_the_composite():
    from datetime import date as d

    from planner_helpers import plan_graph

    from agent.evaluation.checks import GraphFacts
    from agent.planner.dates import Period

    text = "NDVI median for June 2023 around Konstanz, with water pixels (WorldCover class 80) masked out"
    _, code, facts = plan_graph(text, (9.0, 47.6, 9.3, 47.8), [Period(start=d(2023, 6, 1), end=d(2023, 7, 1))], "Konstanz")
    assert isinstance(facts, GraphFacts)
    assert facts.collections == {"SENTINEL2_L2A", "ESA_WORLDCOVER_10M_2021_V2"}
    assert {"mask", "median", "eq", "resample_cube_spatial"} <= facts.processes
    assert "classes == 80" in code


def test_the_masked_index_answer_names_both_collections():
    from planner_helpers import answer_of, converse_with_gazetteer

    messages, _ = converse_with_gazetteer(
        "NDVI median for June 2023 around Konstanz, Germany, with water pixels (WorldCover class 80) masked out",
        date(2023, 8, 1))
    answer = answer_of(messages)
    assert "SENTINEL2_L2A" in answer and "ESA_WORLDCOVER_10M_2021_V2" in answer
