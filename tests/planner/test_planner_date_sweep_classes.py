"""Date classes fixed from the dev rows of the date sweep (tests/data/planner/date_sweep.jsonl): each with inputs
other than the sweep rows (other places, languages, numbers). Ends are exclusive."""

from datetime import date

import pytest

from agent.planner.dates import find_periods
from agent.planner.i18n import normalize

TODAY = date(2025, 2, 12)


def spans(text, today=TODAY):
    return [(p.start.isoformat(), p.end.isoformat()) for p in find_periods(normalize(text), today)
            if not (p.kind == "event" and "before" in p.text)]


@pytest.mark.parametrize("text, expected", [
    ("NDVI della Maremma la scorsa estate", [("2024-06-01", "2024-09-01")]),
    ("siccità in Salento l'estate scorsa", [("2024-06-01", "2024-09-01")]),
    ("la scorsa estate, temperatura al suolo a Catania", [("2024-06-01", "2024-09-01")]),
])
def test_italian_last_summer_is_a_season(text, expected):
    assert spans(text) == expected


def test_estate_alone_stays_land():
    assert spans("real estate prices near Lake Como") == []
