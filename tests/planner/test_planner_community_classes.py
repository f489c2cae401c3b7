"""Classes the community sweep (tests/data/planner/request_sweep_community.jsonl, dev rows: requests rebuilt from
real openEO community examples) showed the planner misreading, each tested with wordings, places and numbers of our
own, in several languages, not the row that showed it."""

from __future__ import annotations

from datetime import date

import pytest

from agent.planner.aoi import _direction_of
from agent.planner.coords import find_coordinates
from agent.planner.dates import Period, find_periods
from agent.planner.followups import resolve
from agent.planner.i18n import normalize
from agent.planner.methods import find_reducer, find_workflow, gap_fill
from agent.planner.model import choose_periods
from agent.planner.places import place_candidates
from agent.planner.vocabulary import is_vocabulary

from planner_helpers import intent, plan_graph

TODAY = date(2025, 3, 1)


# --- four numbers after an area word or an openEO argument are a box, west, south, east, north ----------------------
@pytest.mark.parametrize("text, box", [
    ("NDVI pour la zone 2.25, 48.80, 2.42, 48.90 en juin", (2.25, 48.80, 2.42, 48.90)),
    ("Rückstreuung für das Gebiet 11.50, 48.05, 11.70, 48.20 im Mai", (11.50, 48.05, 11.70, 48.20)),
    ("mapa de la zona -3.80, 40.35, -3.60, 40.50", (-3.80, 40.35, -3.60, 40.50)),
    ("kaart van het gebied 4.85,52.33,4.95,52.40", (4.85, 52.33, 4.95, 52.40)),
    ("cube.filter_bbox 12.40,41.85,12.55,41.95 then median", (12.40, 41.85, 12.55, 41.95)),
    ("spatial_extent = [-0.20, 51.45, -0.05, 51.55]", (-0.20, 51.45, -0.05, 51.55)),
    ("mean NO2 over the polygon 2.30,48.82,2.40,48.90", (2.30, 48.82, 2.40, 48.90)),
])
def test_area_word_before_four_numbers_is_a_box(text: str, box: tuple) -> None:
    c = find_coordinates(text)
    assert c is not None and c.kind == "bbox" and c.bbox == pytest.approx(box)


def test_area_word_with_a_size_is_no_box() -> None:
    c = find_coordinates("an area of 5 km around 51.05, 3.72")
    assert c is None or c.kind == "point"


# --- ranges written with a slash before their hemisphere letter ----------------------------------------------------------
@pytest.mark.parametrize("text, box", [
    ("VV for -8.70/-8.55 E, 41.10/41.20 N", (-8.70, 41.10, -8.55, 41.20)),
    ("NDVI 14.20/14.40 E, 50.00/50.15 N", (14.20, 50.00, 14.40, 50.15)),
    ("tra 45.40/45.55 N e 9.10/9.30 E", (9.10, 45.40, 9.30, 45.55)),
])
def test_slash_ranges_with_hemispheres_are_a_box(text: str, box: tuple) -> None:
    c = find_coordinates(text)
    assert c is not None and c.kind == "bbox" and c.bbox == pytest.approx(box)


def test_a_point_after_a_slash_stays_a_point() -> None:
    c = find_coordinates("at 48.85 N / 2.35 E")
    assert c is not None and c.kind == "point" and c.point == pytest.approx((2.35, 48.85))


# --- code identifiers (collection ids, process names) are no places --------------------------------------------------------
@pytest.mark.parametrize("word", ["SENTINEL2_L2A", "LANDSAT8_L2", "COPERNICUS_30", "ESA_WORLDCOVER_10M_2021_V2",
                                  "mask_scl_dilation", "aggregate_temporal_period", "resample_cube_spatial"])
def test_code_identifiers_are_vocabulary(word: str) -> None:
    assert is_vocabulary(word)


def test_collection_ids_are_not_place_candidates() -> None:
    assert place_candidates("load_collection LANDSAT8_L2 and SENTINEL1_GRD over Porto, then merge_cubes") == ["Porto"]


# --- a German function word inflected is no adjective: "Wien" is not "wie" + n ------------------------------------------------
@pytest.mark.parametrize("text, place", [
    ("NDVI-Karte über Wien für Juni 2023", "Wien"),
    ("Rückstreuung rund um Wien im Herbst", "Wien"),
])
def test_short_function_words_do_not_make_adjectives(text: str, place: str) -> None:
    assert place in place_candidates(text)


def test_inflected_sentence_adjectives_are_still_no_places() -> None:
    assert place_candidates("Mittlerer NDVI über Ulm") == ["Ulm"]
    assert place_candidates("Maximalen NDVI für Graz") == ["Graz"]


@pytest.mark.parametrize("text", ["ein Kanal pro Monat über Linz", "im Vergleich zu den Vorjahren in Linz"])
def test_german_common_nouns_are_no_places(text: str) -> None:
    assert place_candidates(text) == ["Linz"]


# --- a reducer heading a German or Dutch compound names the composite's reducer ------------------------------------------------
@pytest.mark.parametrize("text, reducer", [
    ("NDVI-Maximalkomposit für Graz, Juli 2023", "max"),
    ("ein Minimalkomposit der Rückstreuung", "min"),
    ("Medianbild aus Sentinel-2 über Linz", "median"),
    ("maximumcomposiet van de NDVI rond Gent", "max"),
    ("mediaanwaarde van de EVI", "median"),
])
def test_reducer_compounds(text: str, reducer: str) -> None:
    assert find_reducer(normalize(text)) == reducer


def test_reducer_compounds_do_not_take_other_nouns() -> None:
    assert find_reducer(normalize("Maximaltemperatur der Stadt")) is None


# --- "south of X" in five more languages shifts the area to that side ---------------------------------------------------------
@pytest.mark.parametrize("text, name, direction", [
    ("NDVI nördlich von Dresden im Mai", "Dresden", "north"),
    ("Felder östlich von Erfurt", "Erfurt", "east"),
    ("forêts à l'ouest de Bordeaux", "Bordeaux", "west"),
    ("cultivos al sur de Sevilla", "Sevilla", "south"),
    ("campi a est di Verona", "Verona", "east"),
    ("akkers ten noorden van Zwolle", "Zwolle", "north"),
])
def test_direction_of_a_place_in_six_languages(text: str, name: str, direction: str) -> None:
    assert _direction_of(text, name) == ("shift", direction)


def test_a_place_alone_has_no_direction() -> None:
    assert _direction_of("NDVI in Dresden", "Dresden") == (None, None)


# --- consecutive seasons listed together are one window of a product -------------------------------------------------------------
def _chosen(text: str) -> list[tuple[str, str]]:
    slots = resolve(text, normalize(text), TODAY, None, None)
    return [(p.start.isoformat(), p.end.isoformat()) for p in choose_periods(slots, find_periods(normalize(text), TODAY), TODAY)]


@pytest.mark.parametrize("text, span", [
    ("median NDVI for Lyon over spring and summer 2023", ("2023-03-01", "2023-09-01")),
    ("NDVI mediano de Zaragoza en verano y otoño de 2021", ("2021-06-01", "2021-12-01")),
    ("NDVI-Median für Graz im Frühling und Sommer 2022", ("2022-03-01", "2022-09-01")),
])
def test_consecutive_seasons_join(text: str, span: tuple) -> None:
    assert _chosen(text) == [span]


# --- a change against a reference years long that holds the window: [reference, window] ------------------------------------------
def test_reference_span_holding_the_window() -> None:
    p = [Period(start=date(2016, 1, 1), end=date(2020, 1, 1), kind="years"),
         Period(start=date(2019, 7, 1), end=date(2019, 8, 1), kind="month")]
    from agent.planner.model import _reference_and_window

    ref, window = _reference_and_window(p) or (None, None)
    assert ref is not None and window is not None
    assert (ref.start, ref.end, window.start) == (date(2016, 1, 1), date(2019, 8, 1), date(2019, 7, 1))


def test_a_year_that_dates_the_window_is_no_reference() -> None:
    from agent.planner.model import _reference_and_window

    p = [Period(start=date(2023, 1, 1), end=date(2024, 1, 1), kind="year"),
         Period(start=date(2023, 4, 10), end=date(2023, 5, 20), kind="days")]
    assert _reference_and_window(p) is None


def test_a_precise_statement_of_the_same_time_is_no_reference() -> None:
    from agent.planner.model import _reference_and_window

    p = [Period(start=date(2021, 6, 1), end=date(2021, 9, 1), kind="season"),
         Period(start=date(2021, 6, 1), end=date(2021, 8, 1), kind="months")]
    assert _reference_and_window(p) is None


# --- the Global Flood Monitoring product by name ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["GFM flood extent for Porto Alegre, May 2024",
                                  "Überflutung laut Global Flood Monitoring bei Passau, Juni 2013",
                                  "étendue de l'inondation du produit GFM à Valence, novembre 2024"])
def test_gfm_product_is_its_workflow(text: str) -> None:
    assert find_workflow(normalize(text)) == "flood_product"
    it = intent(text)
    assert (it.task, it.collection) == ("flood_product", "GFM")


def test_gfm_graph_loads_its_flood_extent() -> None:
    _, code, facts = plan_graph("GFM flood extent for Porto Alegre in May 2024", (-51.3, -30.2, -51.0, -29.9),
                                [Period(start=date(2024, 5, 1), end=date(2024, 6, 1))], "Porto Alegre")
    assert facts.collections == {"GFM"}
    assert {"flood_extent"} <= set(facts.loads[0].bands or [])
    assert "max" in facts.processes


def test_a_flood_map_without_the_product_stays_radar() -> None:
    it = intent("flood map of Porto Alegre from Sentinel-1, May 2024")
    assert it.task == "flood" and it.collection == "SENTINEL1_GRD"


# --- gaps of a periodic series filled along time ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["monthly NDVI for Gent 2023, gap-filled", "dekadal EVI with linear interpolation over gaps",
                                  "monatliche NDVI-Werte, Lücken füllen", "NDVI mensuel, combler les lacunes",
                                  "NDVI mensual con interpolación lineal"])
def test_gap_fill_words(text: str) -> None:
    assert gap_fill(normalize(text))


def test_spatial_interpolation_is_no_gap_fill() -> None:
    assert not gap_fill(normalize("resample to 20 m with bilinear interpolation"))


def test_gap_filled_series_interpolates_after_the_periods() -> None:
    text = "Gap-filled monthly NDVI time series for my parcel, 2023"
    it = intent(text)
    assert it.period == "month" and it.gap_fill
    _, code, facts = plan_graph(text, (4.40, 51.20, 4.41, 51.21), [Period(start=date(2023, 1, 1), end=date(2024, 1, 1))], "parcel")
    assert "array_interpolate_linear" in facts.processes and "aggregate_spatial" in facts.processes
    assert code.index("aggregate_temporal_period") < code.index("array_interpolate_linear")


def test_ten_daily_is_a_dekad() -> None:
    assert intent("10-daily NDVI composites for Gent, 2022").period == "dekad"


def test_no_gap_fill_without_periods() -> None:
    assert not intent("NDVI of Gent in July 2023 with linear interpolation").gap_fill


# --- dates as openEO code writes them ---------------------------------------------------------------------------------------------
def _spans(text: str) -> list[tuple[str, str]]:
    return [(p.start.isoformat(), p.end.isoformat()) for p in find_periods(normalize(text), TODAY)]


@pytest.mark.parametrize("text, span", [
    ('NDVI for Lyon, temporal_extent=["2022-04-01", "2022-06-30"]', ("2022-04-01", "2022-07-01")),
    ("temporal_extent ('2019-08-10', '2019-08-20') over Kraków", ("2019-08-10", "2019-08-21")),
    ("NDVI für Graz, 2021-09", ("2021-09-01", "2021-10-01")),
    ("VV from 2020-11 to 2021-02 for Oslo", ("2020-11-01", "2021-03-01")),
    ("NDVI de Porto em 09/2022", ("2022-09-01", "2022-10-01")),
])
def test_code_style_dates(text: str, span: tuple) -> None:
    assert _spans(text) == [span]


def test_full_iso_dates_and_weeks_unchanged() -> None:
    assert _spans("NDVI on 2023-07-14 for Lyon") == [("2023-07-14", "2023-07-15")]
    assert _spans("NDVI in 2022-W23 for Lyon") == [("2022-06-06", "2022-06-13")]


@pytest.mark.parametrize("text, period", [
    ("NDVI for Lyon in 2022, aggregate_temporal_period week", "week"),
    ('EVI von Graz 2023 mit aggregate_temporal_period(period="dekad", reducer="max")', "dekad"),
    ("NO2 de Milan en 2022, aggregate_temporal_period('month', reducer='mean')", "month"),
])
def test_aggregate_temporal_period_by_name(text: str, period: str) -> None:
    assert intent(text).period == period


# --- a change between two months of one span compares the first with the last ---------------------------------------------------
@pytest.mark.parametrize("text, first, last", [
    ("soil moisture change between March and May 2023 near Foggia", ("2023-03-01", "2023-04-01"), ("2023-05-01", "2023-06-01")),
    ("NDVI-Änderung zwischen Juni und August 2022 bei Graz", ("2022-06-01", "2022-07-01"), ("2022-08-01", "2022-09-01")),
    ("différence de NDVI de juin à septembre 2021 à Lille", ("2021-06-01", "2021-07-01"), ("2021-09-01", "2021-10-01")),
])
def test_change_between_months(text: str, first: tuple, last: tuple) -> None:
    assert _chosen(text) == [first, last]


def test_change_between_the_same_month_of_two_years_unchanged() -> None:
    assert _chosen("NDVI change from July 2022 to July 2023 in Lille") == [("2022-07-01", "2022-08-01"), ("2023-07-01", "2023-08-01")]


# --- a megacity's box grows slower than the square root of its people ---------------------------------------------------------
def test_city_boxes_keep_their_size_below_a_few_million() -> None:
    from tools.regions import city_half_size_km

    assert city_half_size_km(1_000_000) == pytest.approx(2.0 + 3.5 * 10 ** 0.5)
    assert city_half_size_km(3_000_000) == pytest.approx(2.0 + 3.5 * 30 ** 0.5)


@pytest.mark.parametrize("population, most_km", [(9_000_000, 30.0), (12_700_000, 32.0), (20_000_000, 36.0)])
def test_megacity_boxes_grow_slower(population: int, most_km: float) -> None:
    from tools.regions import city_half_size_km

    half = city_half_size_km(population)
    assert city_half_size_km(3_000_000) < half <= most_km


# --- a ring of [lon, lat] pairs pasted from GeoJSON or openEO code is a polygon ----------------------------------------------------
@pytest.mark.parametrize("text, box", [
    ("NDVI for [[-3.70, 40.40], [-3.60, 40.40], [-3.65, 40.48], [-3.70, 40.40]] in May", (-3.70, 40.40, -3.60, 40.48)),
    ("geometries = [[12.45, 41.88], [12.52, 41.88], [12.52, 41.93], [12.45, 41.93]]", (12.45, 41.88, 12.52, 41.93)),
])
def test_bracketed_ring_is_a_polygon(text: str, box: tuple) -> None:
    c = find_coordinates(text)
    assert c is not None and c.kind == "polygon" and c.bbox == pytest.approx(box)


def test_a_bbox_list_stays_a_box() -> None:
    c = find_coordinates("bbox=[4.8, 52.3, 5.0, 52.4]")
    assert c is not None and c.kind == "bbox"


# --- an anomaly, or a period "gegenüber/par rapport à/rispetto a" a reference, is a change ----------------------------------------
@pytest.mark.parametrize("text", [
    "NDVI-Anomalie Mai 2023 gegenüber dem Mittel 2018 bis 2022 für Erfurt",
    "anomalie du NDVI de mai 2023 par rapport à 2018-2022 à Dijon",
    "anomalia di NDVI a maggio 2023 rispetto al 2018-2022 per Parma",
    "anomalía de NDVI en mayo de 2023 respecto a 2018-2022 en Burgos",
    "NDVI-anomalie mei 2023 ten opzichte van 2018-2022 voor Zwolle",
])
def test_anomaly_is_a_change(text: str) -> None:
    assert intent(text).change


def test_a_plain_composite_is_no_change() -> None:
    assert not intent("NDVI-Median für Erfurt im Mai 2023").change


# --- a window against the same dates of the years before it ----------------------------------------------------------------------
@pytest.mark.parametrize("text, n", [
    ("NDVI in May 2023 against the two previous years", 2),
    ("NDVI-Anomalie Juni 2021 gegenüber den vier Vorjahren", 4),
    ("NDVI de juin 2021 par rapport aux trois années précédentes", 3),
    ("NDVI de junio de 2021 respecto a los 5 años anteriores", 5),
    ("NDVI di giugno 2021 rispetto ai tre anni precedenti", 3),
    ("NDVI juni 2021 ten opzichte van de twee voorgaande jaren", 2),
])
def test_previous_years(text: str, n: int) -> None:
    from agent.planner.dates import date_text, previous_years

    assert previous_years(date_text(normalize(text))) == n


def test_window_against_previous_years_windows_and_code() -> None:
    text = "NDVI anomaly of Erfurt in June 2021 against the June mean of the two previous years"
    assert _chosen(text) == [("2019-06-01", "2020-07-01"), ("2021-06-01", "2021-07-01")]
    slots = resolve(text, normalize(text), TODAY, None, None)
    periods = choose_periods(slots, find_periods(normalize(text), TODAY), TODAY)
    assert periods[0].each_year == 2
    _, code, facts = plan_graph(text, (10.95, 50.92, 11.10, 51.02), periods, "Erfurt")
    assert '["2019-06-01", "2019-07-01"], ["2020-06-01", "2020-07-01"]' in code
    assert {"aggregate_temporal", "subtract"} <= facts.processes


def test_a_single_year_back_is_no_span_of_years() -> None:
    from agent.planner.dates import date_text, previous_years

    assert previous_years(date_text(normalize("NDVI of Erfurt now compared with 5 years before"))) is None


def test_quarters_and_halves_are_no_year_months() -> None:
    assert _spans("NDVI for Lyon in Q3/2023") == [("2023-07-01", "2023-10-01")]
