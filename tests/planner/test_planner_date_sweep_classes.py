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


# --- numeric dates with hyphens, day first (Dutch "12-05-2022"), and impossible dates ---------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("satellietbeeld van Ameland op 07-08-2021", [("2021-08-07", "2021-08-08")]),
        ("NDWI van het Markermeer van 01-05-2023 tot 31-05-2023", [("2023-05-01", "2023-06-01")]),
        ("Sentinel-1 over Antwerpen, 3-11-2022", [("2022-11-03", "2022-11-04")]),
    ],
)
def test_day_first_hyphen_dates(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize("text", ["tile 32-10-2022 of the grid", "scene 2022-02-30 over Utrecht", "am 31.02.2023"])
def test_an_impossible_date_is_no_day_and_no_crash(text):
    assert all(end != start for start, end in spans(text))  # at most the year around it, never an exception


def test_iso_dates_are_not_read_as_day_first_hyphen_dates():
    assert spans("2022-03-01 to 2022-03-15") == [("2022-03-01", "2022-03-16")]


# --- relative spans: calendar months, French "des N derniers", "the month before/after <date>" -------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("NDVI for the last 12 months over Tallinn", [("2024-02-12", "2025-02-13")]),
        ("NO2 der letzten 2 Jahre über Wien", [("2023-02-12", "2025-02-13")]),
        ("NDVI des 6 derniers mois en Savoie", [("2024-08-12", "2025-02-13")]),
        ("humidité aux 10 derniers jours à Dijon", [("2025-02-02", "2025-02-13")]),
        ("NDVI van de laatste 3 maanden in Breda", [("2024-11-12", "2025-02-13")]),
    ],
)
def test_last_n_months_and_years_are_calendar_spans(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("NDVI in de maand voor 1 april 2024 in Zeeland", [("2024-03-01", "2024-04-01")]),
        ("der Monat vor dem 15. März 2023 im Allgäu", [("2023-02-15", "2023-03-15")]),
        ("el mes antes del 1 de julio de 2022 en Huesca", [("2022-06-01", "2022-07-01")]),
        ("the 2 months before 31 March 2023 in Kent", [("2023-01-31", "2023-03-31")]),
    ],
)
def test_the_month_before_a_date_is_a_calendar_month(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    ["de maand na 1 oktober 2022 in Friesland", "the month after 1 October 2022 near Cork", "le mois après le 1er octobre 2022"],
)
def test_the_month_after_a_date_without_a_number(text):
    # after windows start on the event's day (the convention of "the 10 days after <date>" and model.after)
    assert spans(text) == [("2022-10-01", "2022-11-01")]


# --- "June and August 2023": two windows; consecutive months and "between" stay one ------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("water extent of Lake Kariba in April and October 2019", [("2019-04-01", "2019-05-01"), ("2019-10-01", "2019-11-01")]),
        ("NDVI im Mai und Juli 2021 in der Eifel", [("2021-05-01", "2021-06-01"), ("2021-07-01", "2021-08-01")]),
        ("NDVI en mars et septembre 2020 dans le Gers", [("2020-03-01", "2020-04-01"), ("2020-09-01", "2020-10-01")]),
        ("NDVI in februari en mei 2024 op Texel", [("2024-02-01", "2024-03-01"), ("2024-05-01", "2024-06-01")]),
        ("NDVI a gennaio e aprile 2022 in Friuli", [("2022-01-01", "2022-02-01"), ("2022-04-01", "2022-05-01")]),
    ],
)
def test_two_months_joined_by_and_are_two_windows(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("NDVI of Flanders in May and June 2021", [("2021-05-01", "2021-07-01")]),
        ("NDVI between April and September 2021 in Lorraine", [("2021-04-01", "2021-10-01")]),
        ("NDVI zwischen Mai und August 2020 in Franken", [("2020-05-01", "2020-09-01")]),
    ],
)
def test_consecutive_months_and_between_stay_one_window(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("forest cover in the years 2015 and 2020 over Borneo", [("2015-01-01", "2016-01-01"), ("2020-01-01", "2021-01-01")]),
        ("Waldfläche 2017 und 2022 im Harz", [("2017-01-01", "2018-01-01"), ("2022-01-01", "2023-01-01")]),
        ("between 2015 and 2020 over Borneo", [("2015-01-01", "2021-01-01")]),
        ("in 2020 and 2021 over Borneo", [("2020-01-01", "2022-01-01")]),
    ],
)
def test_two_years_joined_by_and(text, expected):
    assert spans(text) == expected


# --- parts of months as the ends of a span, and "since <part of a month>" ---------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("NDVI from mid-April to late May 2022 in Picardy", [("2022-04-11", "2022-06-01")]),
        ("NDVI von Mitte Juni bis Ende August 2021 im Ries", [("2021-06-11", "2021-09-01")]),
        ("NDVI du début avril à la fin mai 2021 en Beauce", [("2021-04-01", "2021-06-01")]),
        ("NDVI van begin april tot eind mei 2022 in de Betuwe", [("2022-04-01", "2022-06-01")]),
        ("NDVI desde principios de abril hasta finales de mayo de 2022", [("2022-04-01", "2022-06-01")]),
        ("NDVI da inizio aprile a fine maggio 2022 in Emilia", [("2022-04-01", "2022-06-01")]),
        ("snow from mid-November 2022 to early February 2023 in the Tatras", [("2022-11-11", "2023-02-11")]),
        ("NDVI from early March to June 2022 in Kent", [("2022-03-01", "2022-07-01")]),
    ],
)
def test_a_span_between_parts_of_months(text, expected):
    assert spans(text) == expected


def test_two_parts_of_months_joined_by_and_are_two_windows():
    assert spans("NDVI in early June and late August 2022 over Bavaria") == [
        ("2022-06-01", "2022-06-11"), ("2022-08-21", "2022-09-01")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("NDVI since mid-October 2024 in Galway", [("2024-10-11", "2025-02-13")]),
        ("Bodenfeuchte seit Anfang Dezember 2024 in der Uckermark", [("2024-12-01", "2025-02-13")]),
        ("NDVI depuis fin novembre 2024 en Vendée", [("2024-11-21", "2025-02-13")]),
    ],
)
def test_since_a_part_of_a_month_runs_to_today(text, expected):
    assert spans(text) == expected


# --- "the same period" written before the dated window -----------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("compared with the same period in 2018, NDVI in May 2022 over Apulia",
         [("2018-05-01", "2018-06-01"), ("2022-05-01", "2022-06-01")]),
        ("im Vergleich zum gleichen Zeitraum 2020: NDVI vom 1. bis 20. Juni 2023 in Franken",
         [("2020-06-01", "2020-06-21"), ("2023-06-01", "2023-06-21")]),
        ("par rapport à la même période de l'année précédente, NDVI de septembre 2023 en Vendée",
         [("2022-09-01", "2022-10-01"), ("2023-09-01", "2023-10-01")]),
        ("vergeleken met dezelfde periode vorig jaar: NDVI van 1 t/m 15 april 2024 in Drenthe",
         [("2023-04-01", "2023-04-16"), ("2024-04-01", "2024-04-16")]),
        ("rispetto allo stesso periodo del 2017, NDVI ad agosto 2021 in Irpinia",
         [("2017-08-01", "2017-09-01"), ("2021-08-01", "2021-09-01")]),
    ],
)
def test_the_same_period_before_its_window(text, expected):
    assert spans(text) == expected


def test_the_same_period_after_its_window_still_moves_the_window_before_it():
    assert spans("NDVI 1–15 March 2023 in Apulia, then the same period in 2020 and in July 2023") == [
        ("2023-03-01", "2023-03-16"), ("2020-03-01", "2020-03-16"), ("2023-07-01", "2023-08-01")]


# --- quarters: without a year the latest one begun by today; "the last quarter of <year>" is Q4 -------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("NDVI im dritten Quartal in Sachsen", [("2024-07-01", "2024-10-01")]),  # Q3 2025 has not begun
        ("NO2 au premier trimestre à Lille", [("2025-01-01", "2025-04-01")]),  # Q1 2025 has begun
        ("Q2 NDVI over Leinster", [("2024-04-01", "2024-07-01")]),
        ("NO2 in Q4 over Turin, 2022", [("2022-10-01", "2023-01-01")]),  # the year written in the request
    ],
)
def test_a_quarter_without_a_year(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("NO2 in the last quarter of 2020 over Lyon", [("2020-10-01", "2021-01-01")]),
        ("NO2 im letzten Quartal 2019 über Essen", [("2019-10-01", "2020-01-01")]),
        ("NO2 au dernier trimestre 2022 à Lille", [("2022-10-01", "2023-01-01")]),
        ("NO2 in het laatste kwartaal van 2021 in Gent", [("2021-10-01", "2022-01-01")]),
    ],
)
def test_the_last_quarter_of_a_year_is_q4(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("NBR pre-fire 2022-06-01..2022-06-20, post-fire 2022-07-10..2022-07-31", [("2022-06-01", "2022-06-21"), ("2022-07-10", "2022-08-01")]),
        ("S1 backscatter 2021-11-01..2021-11-30 over Cork", [("2021-11-01", "2021-12-01")]),
    ],
)
def test_iso_ranges_with_two_dots(text, expected):
    assert spans(text) == expected



# --- a month word inside a hyphenated name is no month ------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    ["NDVI around Mars-la-Tour", "NO2 along the August-Bebel-Straße in Halle", "moyenne glissante à Saint-Mars-la-Jaille",
     "NDVI near Saint-Juin-de-Marnes"],
)
def test_a_month_inside_a_hyphenated_name_is_no_month(text):
    assert spans(text) == []


def test_hyphenated_month_ranges_and_parts_still_read():
    assert spans("NDVI June-August 2022 and mid-March 2023") == [("2022-06-01", "2022-09-01"), ("2023-03-11", "2023-03-21")]


# --- French/Spanish "en <month>" and Italian "a/ad <month>" are "in", not "and"/"to" ---------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("NDVI du Luberon en mai", [("2024-05-01", "2024-06-01")]),  # the latest May before today
        ("humidité du sol en Brie en octobre", [("2024-10-01", "2024-11-01")]),
        ("NDVI de la Rioja en mayo de 2021", [("2021-05-01", "2021-06-01")]),
        ("NDVI del Chianti a maggio 2021", [("2021-05-01", "2021-06-01")]),
        ("incendi in Gallura ad agosto", [("2024-08-01", "2024-09-01")]),
        ("sécheresse en mai 2022 et en juillet dans le Berry", [("2022-05-01", "2022-06-01"), ("2022-07-01", "2022-08-01")]),
    ],
)
def test_en_and_a_before_a_month_are_in(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("NDVI van juni en september 2022 in Drenthe", [("2022-06-01", "2022-07-01"), ("2022-09-01", "2022-10-01")]),
        ("NDVI tussen 3 en 18 mei 2023 in Twente", [("2023-05-03", "2023-05-19")]),
        ("siccità in Molise da maggio a agosto 2022", [("2022-05-01", "2022-09-01")]),
        ("NDVI de mayo a julio de 2020 en Soria", [("2020-05-01", "2020-08-01")]),
    ],
)
def test_after_a_month_or_a_day_en_and_a_still_join_a_range(text, expected):
    assert spans(text) == expected


# --- Dutch "voor": "before" next to a date, count or event, else "for" -----------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("de 20 dagen voor 3 september 2023 in de Peel", [("2023-08-14", "2023-09-03")]),
        ("bodemvocht voor de 10 dagen voor 1 oktober 2022 in Twente", [("2022-09-21", "2022-10-01")]),
        ("NDVI voor Groningen in mei 2021", [("2021-05-01", "2021-06-01")]),
    ],
)
def test_dutch_voor(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize("text", ["NDVI voor Groningen in mei 2021", "gemiddelde NDVI voor de Veluwe in mei 2021"])
def test_dutch_voor_before_a_place_gives_no_before_role(text):
    assert [p.role for p in find_periods(normalize(text), TODAY)] == ["any"]


def test_dutch_voor_before_an_event_is_before():
    periods = find_periods(normalize("de twee weken voor de overstroming van 14 juli 2021 langs de Geul"), TODAY)
    assert [(p.start.isoformat(), p.end.isoformat(), p.role) for p in periods][0] == ("2021-06-30", "2021-07-14", "before")
