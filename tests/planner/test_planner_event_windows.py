"""Windows of events: the first or last days of a month, a bare month labelled as the before window, the
monsoon's compounds and plurals, a fire's period straddled (inputs other than the sweeps' rows)."""

from __future__ import annotations

from datetime import date

import pytest

from agent.planner.dates import Period, find_periods, straddle
from agent.planner.i18n import normalize

TODAY = date(2025, 3, 1)


def _windows(text: str) -> list[tuple[str, str]]:
    return [(str(p.start), str(p.end)) for p in find_periods(normalize(text), TODAY)]


@pytest.mark.parametrize("text, window", [
    ("the first 5 days of March 2023", ("2023-03-01", "2023-03-06")),
    ("the last seven days of February 2024", ("2024-02-23", "2024-03-01")),  # a leap year's February
    ("die ersten fünf Tage im Oktober 2021", ("2021-10-01", "2021-10-06")),
    ("die letzten zehn Tage im September 2021", ("2021-09-21", "2021-10-01")),
    ("les cinq derniers jours de mars 2022", ("2022-03-27", "2022-04-01")),
    ("les 15 premiers jours de novembre 2022", ("2022-11-01", "2022-11-16")),
    ("de laatste vijf dagen van oktober 2020", ("2020-10-27", "2020-11-01")),
    ("los últimos cinco días de enero de 2021", ("2021-01-27", "2021-02-01")),
    ("los cinco primeros días de enero de 2021", ("2021-01-01", "2021-01-06")),
    ("gli ultimi sette giorni di maggio 2019", ("2019-05-25", "2019-06-01")),
    ("i primi 12 giorni di aprile 2019", ("2019-04-01", "2019-04-13")),
    ("the last two weeks of November 2022", ("2022-11-17", "2022-12-01")),
    ("la première semaine de mars 2021", ("2021-03-01", "2021-03-08")),
    ("l'ultima settimana di ottobre 2020", ("2020-10-25", "2020-11-01")),
    ("die letzte Oktoberwoche 2020", ("2020-10-25", "2020-11-01")),
    ("the third week of January 2022", ("2022-01-15", "2022-01-22")),
    ("die zweite Märzwoche 2021", ("2021-03-08", "2021-03-15")),
    ("la deuxième semaine d'avril 2021", ("2021-04-08", "2021-04-15")),
    ("de derde week van mei 2021", ("2021-05-15", "2021-05-22")),
    ("la cuarta semana de junio de 2021", ("2021-06-22", "2021-06-29")),
    ("la seconda settimana di luglio 2021", ("2021-07-08", "2021-07-15")),
])
def test_the_first_or_last_days_of_a_month(text, window):
    assert _windows(text) == [window]


def test_the_last_days_without_a_month_stay_relative():
    assert _windows("the last 10 days") == [("2025-02-19", "2025-03-02")]


@pytest.mark.parametrize("text, before, after_", [
    ("NDWI-Differenz am Chiemsee, vorher März, nachher Juni 2023", ("2023-03-01", "2023-04-01"), ("2023-06-01", "2023-07-01")),
    ("NDVI change in the Vega: before: May, after: August 2021", ("2021-05-01", "2021-06-01"), ("2021-08-01", "2021-09-01")),
    ("Écart de NDVI en Beauce, avant : mai, après : août 2021", ("2021-05-01", "2021-06-01"), ("2021-08-01", "2021-09-01")),
])
def test_a_bare_month_labelled_before_takes_the_year_and_the_role(text, before, after_):
    periods = find_periods(normalize(text), TODAY)
    assert [(str(p.start), str(p.end), p.role) for p in periods] == [(*before, "before"), (*after_, "after")]


@pytest.mark.parametrize("text", [
    "Median über die Monsunzeit 2018 bei Pune", "la stagione dei monsoni 2018 a Mumbai",
    "la saison de la mousson 2018 à Dhaka", "la temporada del monzón de 2018 en Chittagong",
    "het moessonseizoen van 2018 in Nepal",
])
def test_the_monsoon_as_a_season_word_in_five_languages(text):
    assert _windows(text) == [("2018-06-01", "2018-10-01")]


def test_a_fire_month_is_straddled_by_the_months_around_it():
    month = Period(start=date(2019, 12, 1), end=date(2020, 1, 1), kind="month")
    before, after_ = straddle(month, TODAY)
    assert (before.start, before.end, before.role) == (date(2019, 11, 1), date(2019, 12, 1), "before")
    assert (after_.start, after_.end, after_.role) == (date(2020, 1, 1), date(2020, 2, 1), "after")
    days = Period(start=date(2024, 8, 10), end=date(2024, 8, 20), kind="days")
    before, after_ = straddle(days, date(2024, 8, 25))  # the after window stops at today
    assert (before.start, before.end) == (date(2024, 7, 13), date(2024, 8, 10))  # four weeks at least
    assert (after_.start, after_.end) == (date(2024, 8, 20), date(2024, 8, 26))


@pytest.mark.parametrize("text", [
    "NDWI composite of the 2017 flood season near Sylhet", "Hochwassersaison 2017 bei Sylhet",
    "la saison des crues 2017 à Sylhet", "la temporada de inundaciones de 2017 en Sylhet",
])
def test_a_flood_season_is_the_rainy_season_and_no_flood_map(text):
    from agent.planner.intents import parse_intent

    assert _windows(text) == [("2017-06-01", "2017-10-01")]
    assert parse_intent(normalize(text)).task != "flood"


@pytest.mark.parametrize("text, window", [
    ("la fin du mois de mai 2021", ("2021-05-21", "2021-06-01")),
    ("début du mois d'avril 2021", ("2021-04-01", "2021-04-11")),
    ("finales del mes de marzo de 2021", ("2021-03-21", "2021-04-01")),
    ("a metà del mese di ottobre 2021", ("2021-10-11", "2021-10-21")),
    ("Mitte des Monats Juni 2021", ("2021-06-11", "2021-06-21")),
    ("eind van de maand april 2021", ("2021-04-21", "2021-05-01")),
    ("agli inizi di marzo 2021", ("2021-03-01", "2021-03-11")),
    ("a primeros de octubre de 2021", ("2021-10-01", "2021-10-11")),
])
def test_a_part_of_the_month_said_with_the_word_month(text, window):
    assert _windows(text) == [window]
