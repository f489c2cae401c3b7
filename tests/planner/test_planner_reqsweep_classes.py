"""Classes the whole-request sweep (tests/data/planner/request_sweep.jsonl, dev rows) showed the planner
misreading, each with wordings of our own in several languages and other numbers than the row that showed it."""

from __future__ import annotations

from datetime import date

import pytest

from agent.planner.dates import find_periods
from agent.planner.i18n import normalize

TODAY = date(2024, 5, 20)


def _spans(text: str, today: date = TODAY) -> list[tuple[str, str]]:
    return [(p.start.isoformat(), p.end.isoformat()) for p in find_periods(normalize(text), today)]


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

