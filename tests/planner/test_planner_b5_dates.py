"""Date classes the blind5 split showed the planner misreading, each with wordings of our own in several
languages: "the same period in 2019" after a dated window, two consecutive months joined by "and" as one window
of a product, a day written with a degree sign ("dal 1° al 14 maggio"), and a written index compared between
two windows ("dNBR with NBR = (B8A - B12)/(B8A + B12), before = ..., after = ...")."""

from __future__ import annotations

from datetime import date

import pytest

from agent.evaluation.checks import GraphFacts
from agent.planner.codegen import Plan, build_code
from agent.planner.dates import Period, find_periods
from agent.planner.followups import resolve
from agent.planner.i18n import normalize
from agent.planner.intents import parse_intent
from agent.planner.model import choose_periods
from planner_helpers import build_graph


def _spans(text: str, today: date) -> list[tuple[str, str]]:
    return [(p.start.isoformat(), p.end.isoformat()) for p in find_periods(normalize(text), today)]


def _chosen(text: str, today: date) -> list[tuple[str, str]]:
    slots = resolve(text, normalize(text), today, None, None)
    chosen = choose_periods(slots, find_periods(normalize(text), today), today)
    return [(p.start.isoformat(), p.end.isoformat()) for p in chosen]


# --- the same period in another year -----------------------------------------------------------------------

@pytest.mark.parametrize("text, today, copy", [
    ("NO2 du 17 mars au 30 avril 2020 et la même période de 2019", date(2020, 6, 1), ("2019-03-17", "2019-05-01")),
    ("NO2-Mittel im April 2020 und den gleichen Zeitraum 2019 vergleichen", date(2020, 6, 1), ("2019-04-01", "2019-05-01")),
    ("NDVI dal 1 al 15 luglio 2022 e lo stesso periodo dell'anno 2018", date(2022, 9, 1), ("2018-07-01", "2018-07-16")),
    ("NO2 promedio de marzo a mayo de 2021 frente al mismo periodo de 2019", date(2021, 7, 1), ("2019-03-01", "2019-06-01")),
    ("Mean NO2 for 17 March - 30 April 2020 against the same period last year", date(2020, 6, 1),
     ("2019-03-17", "2019-05-01")),
    ("NDVI juin 2021 comparé à la même période de l'année précédente", date(2021, 8, 1), ("2020-06-01", "2020-07-01")),
    ("NO2 in mei 2020 versus dezelfde periode in 2019", date(2020, 7, 1), ("2019-05-01", "2019-06-01")),
])
def test_the_same_period_in_another_year_is_the_window_moved_to_it(text, today, copy):
    assert copy in _spans(text, today)


@pytest.mark.parametrize("text, today, expected", [
    ("Différence de NO2 sur Paris entre le confinement (17 mars – 30 avril 2020) et la même période en 2019 : "
     "moyenne de chaque période, puis 2020 moins 2019", date(2020, 5, 20),
     [("2019-03-17", "2019-05-01"), ("2020-03-17", "2020-05-01")]),
    ("Change in mean NO2 over Milan between April 2020 and the same period in 2019", date(2020, 6, 1),
     [("2019-04-01", "2019-05-01"), ("2020-04-01", "2020-05-01")]),
    ("Veränderung des NO2 über Madrid: 15. März bis 15. April 2020 gegenüber dem gleichen Zeitraum 2019",
     date(2020, 6, 1), [("2019-03-15", "2019-04-16"), ("2020-03-15", "2020-04-16")]),
    ("Variazione di NO2 su Torino tra marzo 2020 e lo stesso periodo del 2019, 2020 meno 2019", date(2020, 6, 1),
     [("2019-03-01", "2019-04-01"), ("2020-03-01", "2020-04-01")]),
])
def test_a_change_against_the_same_period_compares_the_two_windows(text, today, expected):
    assert _chosen(text, today) == expected


def test_the_same_period_needs_a_window_before_it():
    # nothing dated before the phrase: the year is read as itself
    assert _spans("NO2 for the same period in 2019", date(2020, 6, 1)) == [("2019-01-01", "2020-01-01")]


# --- two consecutive months joined by "and" -------------------------------------------------------------------

@pytest.mark.parametrize("text, today, expected", [
    ("Anzahl der Tage mit LST über 35 °C letzten Sommer im Juli und August", date(2025, 3, 10),
     [("2024-07-01", "2024-09-01")]),
    ("Mean NDVI of Leuven in June and July 2023", date(2023, 9, 1), [("2023-06-01", "2023-08-01")]),
    ("Moyenne du NO2 sur Lyon en juillet et août 2022", date(2022, 10, 1), [("2022-07-01", "2022-09-01")]),
    ("NDVI medio della Sardegna a maggio e giugno 2021", date(2021, 9, 1), [("2021-05-01", "2021-07-01")]),
    ("Number of days with LST above 30 °C in december and january", date(2024, 3, 1), [("2023-12-01", "2024-02-01")]),
])
def test_consecutive_months_joined_by_and_are_one_window(text, today, expected):
    assert _chosen(text, today) == expected


def test_months_that_do_not_follow_each_other_stay_apart():
    assert _chosen("Mean NDVI of Leuven in June and August", date(2023, 9, 1)) == [("2023-06-01", "2023-07-01")]


# --- a day written with a degree sign -------------------------------------------------------------------------

@pytest.mark.parametrize("text, today, span", [
    ("riferimento dal 1° al 14 maggio 2023", date(2023, 6, 1), ("2023-05-01", "2023-05-15")),
    ("immagine del 1° maggio 2023", date(2023, 6, 1), ("2023-05-01", "2023-05-02")),
    ("del 1° de junio al 10 de junio de 2022", date(2022, 7, 1), ("2022-06-01", "2022-06-11")),
    ("du 1° au 15 mai 2021", date(2021, 7, 1), ("2021-05-01", "2021-05-16")),
])
def test_a_degree_sign_after_a_day_is_its_ordinal(text, today, span):
    assert span in _spans(text, today)


def test_a_degree_sign_of_a_temperature_or_a_latitude_is_no_day():
    assert _spans("LST above 35 °C and 45°N in july 2022", date(2022, 9, 1)) == [("2022-07-01", "2022-08-01")]


# --- a written index compared between two windows -------------------------------------------------------------

BBOX = (-0.55, 44.46, -0.27, 44.66)
BEFORE = Period(start=date(2022, 6, 20), end=date(2022, 7, 1), role="before")
AFTER = Period(start=date(2022, 8, 1), end=date(2022, 8, 11), role="after")


@pytest.mark.parametrize("text, sign", [
    ("Sévérité de l'incendie : dNBR avec NBR = (B8A − B12)/(B8A + B12), avant et après, Sentinel-2 L2A", "before - after"),
    ("Burn severity as dNBR, NBR = (B08 - B12) / (B08 + B12), pre-fire and post-fire composites", "before - after"),
    ("dNBR con NBR = (B8A - B12)/(B8A + B12) antes y después del incendio", "before - after"),
    ("Veränderung des Index (B8A - B11)/(B8A + B11) vor und nach der Dürre", "after - before"),
    ("Change of (B03 - B11) / (B03 + B11) between the two periods", "after - before"),
])
def test_a_written_index_of_a_change_is_computed_in_both_windows(text, sign):
    intent = parse_intent(normalize(text))
    assert intent.change  # a formula of a known index ("(B08 - B12) / (B08 + B12)") is that index's workflow
    code = build_code(Plan(intent=intent, bbox=BBOX, periods=[BEFORE, AFTER], place="Landiras"))
    facts = GraphFacts.from_graph(build_graph(code))
    spans = sorted((str(ld.start), str(ld.end)) for ld in facts.loads)
    assert spans == [("2022-06-20", "2022-07-01"), ("2022-08-01", "2022-08-11")]
    assert f"change = {sign}" in code and "subtract" in facts.processes
