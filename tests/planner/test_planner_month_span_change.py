"""A change over a span of months compares its first month with its last ("VH change between March and
May 2025"): the span was read as one window and compared with the last 30 days."""

from __future__ import annotations

from datetime import date

import pytest

from agent.planner.dates import find_periods
from agent.planner.followups import resolve
from agent.planner.i18n import normalize
from agent.planner.model import choose_periods

TODAY = date(2026, 12, 7)


def _chosen(text: str) -> list[tuple[str, str]]:
    slots = resolve(text, normalize(text), TODAY, None, None)
    return [(p.start.isoformat(), p.end.isoformat())
            for p in choose_periods(slots, find_periods(normalize(text), TODAY), TODAY)]


MAY_AUG = [("2025-05-01", "2025-06-01"), ("2025-08-01", "2025-09-01")]


@pytest.mark.parametrize("text, expected", [
    ("VH backscatter change between March and May 2025 in the Ebro delta",
     [("2025-03-01", "2025-04-01"), ("2025-05-01", "2025-06-01")]),
    ("Soil moisture change between May and August 2025 in Apulia from Sentinel-1", MAY_AUG),
    ("NDVI-Änderung zwischen Mai und August 2025 in der Börde", MAY_AUG),
    ("changement de NDVI entre mai et août 2025 en Beauce", MAY_AUG),
    ("cambio de NDVI de mayo a agosto de 2025 en Jaén", MAY_AUG),
    ("NDVI change May-August 2025 over Leuven", MAY_AUG),
    ("NDVI change from June 2024 to March 2025 near Ghent", [("2024-06-01", "2024-07-01"), ("2025-03-01", "2025-04-01")]),
    ("NDVI change from July 2022 to July 2023 in Leuven", [("2022-07-01", "2022-08-01"), ("2023-07-01", "2023-08-01")]),
])
def test_a_change_over_a_span_of_months_compares_its_first_and_last_month(text, expected):
    assert _chosen(text) == expected


@pytest.mark.parametrize("text", [
    "Flood extent between May and August 2025 in the Ebro delta from Sentinel-1",  # a flood keeps its window
    "Mean NDVI between May and August 2025 in Apulia",  # not a change: one window
])
def test_other_month_spans_stay_one_window(text):
    chosen = _chosen(text)
    assert ("2025-05-01", "2025-09-01") in chosen or chosen[-1] == ("2025-05-01", "2025-09-01")


def test_a_vh_flood_map_says_vh_as_its_code_loads():
    # the answer said "VV backscatter drop ... bands VV" over code that loaded and compared VH
    from planner_helpers import converse_with_gazetteer

    messages, calls = converse_with_gazetteer("Flood extent in the Ebro delta from S1 VH, October 2025", TODAY)
    code = calls["run_openeo_code"][-1]["code"]
    assert '"VH"' in code and '"VV"' not in code
    answer = messages[-1].content
    assert "VH backscatter drop" in answer and "bands VH" in answer and "VV" not in answer


@pytest.mark.parametrize("request_", [
    "Flooding of rice paddies in the Ebro delta: S1 VH time series April to June 2025, weekly means as CSV",
    "Überschwemmung der Reisfelder im Ebrodelta: Sentinel-1 VH-Zeitreihe April bis Juni 2025, Wochenmittel als CSV",
    "Inondation des rizières de Camargue : série temporelle VH Sentinel-1 d'avril à juin 2025, moyennes hebdomadaires",
])
def test_a_radar_band_series_about_a_flood_is_that_bands_series(request_):
    # it was a series of a flood mask (VV drop against a month before), the band and the weekly means dropped
    from planner_helpers import converse_with_gazetteer

    messages, calls = converse_with_gazetteer(request_, TODAY)
    assert all(c["name"] not in ("Reisfelder",) for c in calls["find_place"])  # a German noun after its one article
    code = calls["run_openeo_code"][-1]["code"]
    assert '"VH"' in code and "aggregate_temporal_period" in code and 'period="week"' in code
    assert "merge_cubes" not in code and "apply_kernel" not in code


@pytest.mark.parametrize("text, before_end, after_", [
    ("Glacial lake outburst in Sikkim (South Lhonak lake) October 2023, before/after NDWI", "2023-10-01",
     ("2023-10-01", "2023-11-01")),
    ("Vorher/Nachher-Vergleich NDVI im Ahrtal, Juli 2021", "2021-07-01", ("2021-07-01", "2021-08-01")),
    ("NDVI before and after the landslide, May 2022, near Bergen", "2022-05-01", ("2022-05-01", "2022-06-01")),
])
def test_a_month_long_ago_said_with_before_after_is_split_around_not_compared_with_now(text, before_end, after_):
    # it was that month against the last 30 days (2026)
    chosen = _chosen(text)
    assert chosen[0][1] == before_end and chosen[-1] == after_


def test_a_window_against_the_mean_of_the_previous_years_is_a_change():
    # "against" alone did not make it a change: one August composite, the reference dropped
    from planner_helpers import build_graph, converse_with_gazetteer

    _, calls = converse_with_gazetteer("NDVI of Ghent in July 2025 against the July mean of the three previous years", TODAY)
    graph = build_graph(calls["run_openeo_code"][-1]["code"])
    extents = sorted(n["arguments"]["temporal_extent"] for n in graph.values() if n["process_id"] == "load_collection")
    assert extents == [["2022-07-01", "2024-08-01"], ["2025-07-01", "2025-08-01"]]
    assert any(n["process_id"] == "aggregate_temporal" for n in graph.values())


@pytest.mark.parametrize("text, expected", [
    ("Is Lake Mead shrinking? water extent 2016 vs 2024, August", [("2016-08-01", "2016-09-01"), ("2024-08-01", "2024-09-01")]),
    ("NDVI Juli 2018 gegen 2023 im Harz", [("2018-07-01", "2018-08-01"), ("2023-07-01", "2023-08-01")]),
    ("NDWI du lac de Serre-Ponçon, août 2017 contre 2022", [("2017-08-01", "2017-09-01"), ("2022-08-01", "2022-09-01")]),
    ("NDVI summer 2018 vs 2023 in the Harz", [("2018-06-01", "2018-09-01"), ("2023-06-01", "2023-09-01")]),
    ("NDVI change 2018 vs 2023 in the Harz", [("2018-01-01", "2019-01-01"), ("2023-01-01", "2024-01-01")]),  # two years
])
def test_a_bare_year_compared_with_a_part_of_another_is_the_same_dates_in_it(text, expected):
    # "August 2016 vs 2024" compared August 2016 with the whole of 2024
    assert _chosen(text) == expected


@pytest.mark.parametrize("text", [
    "Alluvione in Romagna, maggio 2023: mappa delle aree allagate a Lugo con Sentinel-1 (VV), la media di aprile contro "
    "le acquisizioni dal 17 al 25 maggio",
    "Crue de la Vilaine : zones inondées à Redon, Sentinel-1 VV, moyenne de décembre contre les passages du 10 au 20 janvier 2025",
    "Überflutete Flächen an der Oder bei Frankfurt (Oder), Sentinel-1 VV, Mittelwert August gegen 15.-25. September 2024",
    "Zonas inundadas en Alzira, Sentinel-1 VV, media de octubre frente a las pasadas del 30 de octubre al 5 de noviembre de 2024",
])
def test_the_flooded_areas_asked_for_are_a_flood_map_even_with_a_radar_mean_named(text):
    # a radar quantity and its statistic (VV ... la media) during a flood read as that quantity: no threshold
    from agent.planner.intents import parse_intent

    assert parse_intent(normalize(text)).task == "flood"


@pytest.mark.parametrize("text, today, expected", [
    ("How many days in July 2024 was LST above 40 °C in Córdoba? The record was on 10 July.", date(2024, 8, 5),
     [("2024-07-01", "2024-08-01")]),  # a count of days is over the month, the record day its context
    ("Weekly NDVI time series over Ghent from 1 May to 30 June 2024 (the heavy rain of 2 June), CSV", date(2024, 7, 5),
     [("2024-05-01", "2024-07-01")]),
    ("Mean NO2 over Madrid in late March 2024, from 18 to 31 March", date(2024, 4, 5), [("2024-03-18", "2024-04-01")]),
    ("NDVI of August 2021 in Leuven, the image of 11 August", date(2021, 9, 10), [("2021-08-11", "2021-08-12")]),
])
def test_a_window_over_its_days_and_written_days_over_words(text, today, expected):
    slots = resolve(text, normalize(text), today, None, None)
    chosen = choose_periods(slots, find_periods(normalize(text), today), today)
    assert [(p.start.isoformat(), p.end.isoformat()) for p in chosen] == expected
