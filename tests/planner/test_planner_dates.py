"""Dates: every phrase kind against a fixed `today`, end dates exclusive."""

from datetime import date

import pytest

from agent.planner.dates import find_periods
from agent.planner.i18n import normalize

TODAY = date(2025, 6, 15)  # a Sunday


def spans(text, today=TODAY, south=False):
    return [(p.start.isoformat(), p.end.isoformat()) for p in find_periods(normalize(text), today, south)]


@pytest.mark.parametrize("text, expected", [
    ("in March 2021", [("2021-03-01", "2021-04-01")]),
    ("for juillet 2019", [("2019-07-01", "2019-08-01")]),
    ("im März 2020", [("2020-03-01", "2020-04-01")]),
    ("en enero de 2023", [("2023-01-01", "2023-02-01")]),
    ("from 5–29 February 2024", [("2024-02-05", "2024-03-01")]),
    ("between 28 June and 3 July 2019", [("2019-06-28", "2019-07-04")]),
    ("on 12 March 2022", [("2022-03-12", "2022-03-13")]),
    ("on March 12, 2022", [("2022-03-12", "2022-03-13")]),
    ("2024-05-01 to 2024-05-15", [("2024-05-01", "2024-05-16")]),
    ("February–March 2019", [("2019-02-01", "2019-04-01")]),
    ("from November 2018 to February 2019", [("2018-11-01", "2019-03-01")]),
    ("August to October 2019", [("2019-08-01", "2019-11-01")]),
    ("early March 2025", [("2025-03-01", "2025-03-11")]),
    ("late-June 2019", [("2019-06-21", "2019-07-01")]),
    ("the first half of July 2018", [("2018-07-01", "2018-07-16")]),
    ("summer 2019", [("2019-06-01", "2019-09-01")]),
    ("winter 2019", [("2018-12-01", "2019-03-01")]),
    ("in 2017", [("2017-01-01", "2018-01-01")]),
    ("last month", [("2025-05-01", "2025-06-01")]),
    ("the last 30 days", [("2025-05-16", "2025-06-16")]),
    ("past 2 weeks", [("2025-06-01", "2025-06-16")]),
    ("last summer", [("2024-06-01", "2024-09-01")]),
    ("last year", [("2024-01-01", "2025-01-01")]),
    ("last Tuesday", [("2025-06-10", "2025-06-11")]),
    ("3 days ago", [("2025-06-12", "2025-06-13")]),
    ("same for July", [("2024-07-01", "2024-08-01")]),  # the most recent July before today
])
def test_phrases(text, expected):
    assert spans(text) == expected


def test_season_follows_the_hemisphere():
    assert spans("summer 2019", south=True) == [("2018-12-01", "2019-03-01")]


def test_yearless_months_take_the_nearest_year():
    got = spans("the 2018 dry season (June–August) and the 2019 dry season (June–August)")
    assert got == [("2018-06-01", "2018-09-01"), ("2019-06-01", "2019-09-01")]


def test_explicit_months_win_over_the_season_word():
    assert spans("the 2019 growing season (May–September)") == [("2019-05-01", "2019-10-01")]


def test_roles_before_and_after():
    ps = find_periods(normalize("pre-fire January 2024 versus post-fire 5–29 February 2024"), TODAY)
    assert [(p.role, p.start.isoformat()) for p in ps] == [("before", "2024-01-01"), ("after", "2024-02-05")]


def test_may_the_verb_is_not_a_month():
    assert spans("may I have an NDVI map") == []


def test_no_dates():
    assert spans("slope map of Zermatt") == []
