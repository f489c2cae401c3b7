"""Keywords typed without their accents (agent/planner/i18n.normalize) read as the accented ones: users type
"fevrier", "ete", "Marz", "otono", "Uberschwemmung"."""

from __future__ import annotations

from datetime import date

import pytest

from agent.planner.dates import find_periods
from agent.planner.i18n import normalize


@pytest.mark.parametrize("text,start,end", [
    ("NDVI Kassel Marz 2021", date(2021, 3, 1), date(2021, 4, 1)),
    ("Carte NDVI de Nimes, ete 2020", date(2020, 6, 1), date(2020, 9, 1)),
    ("NDVI Graz Fruhling 2022", date(2022, 3, 1), date(2022, 6, 1)),
    ("NDVI de Burgos, otono de 2021", date(2021, 9, 1), date(2021, 12, 1)),
    ("Neige a Chamonix en decembre 2019", date(2019, 12, 1), date(2020, 1, 1)),
])
def test_a_month_or_season_without_its_accent_is_read(text, start, end):
    periods = find_periods(normalize(text), date(2024, 11, 1))
    assert [(p.start, p.end) for p in periods] == [(start, end)], text


@pytest.mark.parametrize("text,words", [
    ("Uberschwemmungskarte Passau 2013", "flood map"),
    ("Oberflachentemperatur Wien", "land surface temperature"),
    ("Modelo digital de elevacion de Huesca", "elevation model"),
    ("Foret de Fontainebleau sans nuages", "forest"),
])
def test_a_data_word_without_its_accents_is_read(text, words):
    assert words in normalize(text)


def test_a_bare_form_that_is_another_word_is_left_alone():
    assert "elevation" not in normalize("hohe Temperaturen in Wien")  # "hohe" is "high", not "Höhe"
