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


@pytest.mark.parametrize("text,today,expected", [
    ("Referenz sind die 20 Tage vor dem 14.09.2024, danach bis zum 25.09.2024", "2024-09-28",
     [("2024-08-25", "2024-09-14"), ("2024-09-14", "2024-09-15"), ("2024-09-25", "2024-09-26")]),
    ("NO2, 1.–31. Januar 2023, als CSV", "2023-02-10", [("2023-01-01", "2023-02-01")]),
    ("für Rügen vom 1. bis 15. Mai 2021", "2021-06-01", [("2021-05-01", "2021-05-16")]),
    ("sur Marseille du 10 au 20 juillet 2023", "2023-07-28", [("2023-07-10", "2023-07-21")]),
    ("del 19 de septiembre al 13 de diciembre de 2021", "2022-01-10", [("2021-09-19", "2021-12-14")]),
    ("desde el 1 de julio de 2022 hasta hoy", "2022-07-25", [("2022-07-01", "2022-07-26")]),
    ("around Innsbruck since 1 March 2024", "2024-04-10", [("2024-03-01", "2024-04-11")]),
    ("Monthly NDVI for this year", "2024-05-15", [("2024-01-01", "2024-05-16")]),
    ("los últimos 60 días", "2023-06-20", [("2023-04-21", "2023-06-21")]),
    ("for the last two weeks", "2023-06-15", [("2023-06-01", "2023-06-16")]),
    ("de junio a octubre de 2022", "2022-11-15", [("2022-06-01", "2022-11-01")]),
    ("mediaan van juni tot en met augustus 2020", "2020-09-20", [("2020-06-01", "2020-09-01")]),
    ("Schneebedeckung Anfang April 2023", "2023-04-20", [("2023-04-01", "2023-04-11")]),
    ("from 2018 to 2023, monthly means", "2024-02-01", [("2018-01-01", "2024-01-01")]),
    ("pendant l'hiver 2022-2023", "2023-03-15", [("2022-12-01", "2023-03-01")]),
    ("Q1 2023", "2023-04-20", [("2023-01-01", "2023-04-01")]),
    ("primavera de 2021", "2021-06-20", [("2021-03-01", "2021-06-01")]),
    ("zomer van 2018 en de zomer van 2021", "2021-10-01", [("2018-06-01", "2018-09-01"), ("2021-06-01", "2021-09-01")]),
    ("difference between July 2022 and September 2022", "2022-10-05", [("2022-07-01", "2022-08-01"), ("2022-09-01", "2022-10-01")]),
])
def test_dates_in_five_languages(text, today, expected):
    from agent.planner.i18n import normalize

    got = [(str(p.start), str(p.end)) for p in find_periods(normalize(text), date.fromisoformat(today))]
    assert got == expected


@pytest.mark.parametrize("text, expected", [
    # seasons and month ranges in five languages
    ("Sommer 2021", [("2021-06-01", "2021-09-01")]),
    ("l'été 2022", [("2022-06-01", "2022-09-01")]),
    ("el verano de 2022", [("2022-06-01", "2022-09-01")]),
    ("zomer 2019", [("2019-06-01", "2019-09-01")]),
    ("estate 2022", [("2022-06-01", "2022-09-01")]),
    ("de juin à août 2023", [("2023-06-01", "2023-09-01")]),
    ("von Mai bis September 2022", [("2022-05-01", "2022-10-01")]),
    ("entre marzo y mayo de 2023", [("2023-03-01", "2023-06-01")]),
    ("zwischen März und Mai 2023", [("2023-03-01", "2023-06-01")]),
    ("van juni tot augustus 2021", [("2021-06-01", "2021-09-01")]),
    ("maart t/m oktober 2023", [("2023-03-01", "2023-11-01")]),
    ("da giugno ad agosto 2022", [("2022-06-01", "2022-09-01")]),
    ("dal giugno all'agosto 2022", [("2022-06-01", "2022-09-01")]),
    ("desde enero hasta marzo de 2024", [("2024-01-01", "2024-04-01")]),
    ("luglio 2022", [("2022-07-01", "2022-08-01")]),
    ("winter 2022/23", [("2022-12-01", "2023-03-01")]),
    ("hiver 2023-2024", [("2023-12-01", "2024-03-01")]),
    ("vorigen Sommer", [("2024-06-01", "2024-09-01")]),
    ("l'hiver dernier", [("2024-12-01", "2025-03-01")]),
    # month lists: consecutive months are one window, others stay separate
    ("für Juni, Juli und August 2022", [("2022-06-01", "2022-09-01")]),
    ("juin, juillet et août 2021", [("2021-06-01", "2021-09-01")]),
    ("January, April and July 2020", [("2020-01-01", "2020-02-01"), ("2020-04-01", "2020-05-01"), ("2020-07-01", "2020-08-01")]),
    # quarters, halves, dekads
    ("Q3 2023", [("2023-07-01", "2023-10-01")]),
    ("3rd quarter of 2022", [("2022-07-01", "2022-10-01")]),
    ("drittes Quartal 2022", [("2022-07-01", "2022-10-01")]),
    ("troisième trimestre 2022", [("2022-07-01", "2022-10-01")]),
    ("first half of 2021", [("2021-01-01", "2021-07-01")]),
    ("H2 2022", [("2022-07-01", "2023-01-01")]),
    ("erstes Halbjahr 2020", [("2020-01-01", "2020-07-01")]),
    ("primer semestre de 2019", [("2019-01-01", "2019-07-01")]),
    ("the first dekad of June 2023", [("2023-06-01", "2023-06-11")]),
    ("troisième décade de juin 2023", [("2023-06-21", "2023-07-01")]),
    # open windows up to today
    ("from January 2024 until now", [("2024-01-01", "2025-06-16")]),
    ("seit März 2025", [("2025-03-01", "2025-06-16")]),
    # "estate" is English land, not the Italian summer, without a year
    ("the tea estates around Kericho in May 2024", [("2024-05-01", "2024-06-01")]),
])
def test_five_language_windows(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize("text, expected", [
    # "last <period>" composed from each language's relative word, before or after the period word
    ("NDVI-composiet van Texel voor afgelopen zomer", [("2024-06-01", "2024-09-01")]),
    ("NDVI im vergangenen Sommer", [("2024-06-01", "2024-09-01")]),
    ("la NDVI de l'été passé", [("2024-06-01", "2024-09-01")]),
    ("el otoño pasado", [("2024-09-01", "2024-12-01")]),
    ("la primavera scorsa", [("2025-03-01", "2025-06-01")]),
    ("afgelopen jaar", [("2024-01-01", "2025-01-01")]),
    ("vergangenes Jahr", [("2024-01-01", "2025-01-01")]),
    ("il mese scorso", [("2025-05-01", "2025-06-01")]),
    ("vorige maand", [("2025-05-01", "2025-06-01")]),
])
def test_last_period_in_five_languages(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("10 km square centred on 19.55°S, 23.20°E in the Okavango Delta, March 2023", [("2023-03-01", "2023-04-01")]),
    ("lat 20.15 lon 5.5, Mai 2021", [("2021-05-01", "2021-06-01")]),
    ("a 19.99 km buffer, June 2020", [("2020-06-01", "2020-07-01")]),
    ("vom 3. bis 17. Juni 2022", [("2022-06-03", "2022-06-18")]),
])
def test_a_decimal_number_is_never_read_as_a_year(text, expected):
    """'19.55°S' became '1955°S' (the rewrite of German ordinal days dropped the point before any digit)
    and the Okavango request loaded 1955."""
    from agent.planner.dates import find_periods
    from agent.planner.i18n import normalize

    got = [(str(p.start), str(p.end)) for p in find_periods(normalize(text), date(2023, 4, 4))]
    assert got == expected
