"""An open start written with a day ("from 1st April 2024", "dal 1° aprile", "vanaf 1e april", "desde el 1ro de marzo",
"à partir du 1er avril", "dal primo aprile") runs to today; a picture's day and a range's start stay as they were."""

from __future__ import annotations

from datetime import date

import pytest

from agent.planner.dates import find_periods
from agent.planner.i18n import normalize

TODAY = date(2024, 7, 10)


def _spans(text: str) -> list[tuple[date, date]]:
    return [(p.start, p.end) for p in find_periods(normalize(text), TODAY)]


@pytest.mark.parametrize(
    "text, start",
    [
        ("NDVI from 1st April 2024 at my field", date(2024, 4, 1)),
        ("from April 1, 2024, weekly means", date(2024, 4, 1)),
        ("from the 3rd of May 2024", date(2024, 5, 3)),
        ("starting 12 May 2024", date(2024, 5, 12)),
        ("Serie NDVI dal 1° aprile 2024", date(2024, 4, 1)),
        ("dal primo maggio 2024", date(2024, 5, 1)),
        ("a partire dal 15 giugno 2024", date(2024, 6, 15)),
        ("vanaf 1e april 2024", date(2024, 4, 1)),
        ("sinds 2 mei 2024", date(2024, 5, 2)),
        ("desde el 1ro de marzo de 2024", date(2024, 3, 1)),
        ("desde el 1.º de abril de 2024", date(2024, 4, 1)),
        ("a partir del 1 de julio de 2024", date(2024, 7, 1)),
        ("à partir du 1er avril 2024", date(2024, 4, 1)),
        ("depuis le 1er mars 2024", date(2024, 3, 1)),
        ("seit dem 1. April 2024", date(2024, 4, 1)),
        ("ab dem 3. Juni 2024", date(2024, 6, 3)),
        ("à compter du 1er avril 2024", date(2024, 4, 1)),
        ("dès le 2 mai 2024", date(2024, 5, 2)),
        ("desde el día 1 de abril de 2024", date(2024, 4, 1)),
        ("a contar del 3 de junio de 2024", date(2024, 6, 3)),
        ("vanaf de 1e april 2024", date(2024, 4, 1)),
        ("from the 1st April 2024 to date", date(2024, 4, 1)),
        ("vanaf 1 april 2024 tot nu", date(2024, 4, 1)),
        ("from 1 April 2024 onwards", date(2024, 4, 1)),
    ],
)
def test_an_open_start_with_a_day_runs_to_today(text, start):
    assert _spans(text) == [(start, date(2024, 7, 11))]


@pytest.mark.parametrize(
    "text, span",
    [
        ("the image from 3 May 2024", (date(2024, 5, 3), date(2024, 5, 4))),
        ("the Sentinel-2 scene from 12 June 2024", (date(2024, 6, 12), date(2024, 6, 13))),
        ("immagine del 1° maggio 2023", (date(2023, 5, 1), date(2023, 5, 2))),
        ("from 3 May 2024 to 10 June 2024", (date(2024, 5, 3), date(2024, 6, 11))),
        ("from 3 May to 10 June 2024", (date(2024, 5, 3), date(2024, 6, 11))),
        ("from 1 March 2024 up to 15 May 2024", (date(2024, 3, 1), date(2024, 5, 16))),
        ("from 1 April 2024 - 3 May 2024", (date(2024, 4, 1), date(2024, 5, 4))),
        ("le 1er mai 2024", (date(2024, 5, 1), date(2024, 5, 2))),
    ],
)
def test_a_pictures_day_and_a_ranges_start_are_kept(text, span):
    assert _spans(text) == [span]


@pytest.mark.parametrize(
    "text, span",
    [
        ("los 20 días posteriores al 10 de agosto de 2023", (date(2023, 8, 10), date(2023, 8, 30))),
        ("i 10 giorni successivi al 3 maggio 2024", (date(2024, 5, 3), date(2024, 5, 13))),
    ],
)
def test_the_days_after_a_day_written_with_al(text, span):
    assert _spans(text)[-1] == span
