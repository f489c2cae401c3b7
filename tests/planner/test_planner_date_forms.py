"""Dates written the way experts write them, in six languages: parts of a month (dekads, halves,
early/mid/late), ISO weeks, numeric day ranges, open starts ("desde", "dal", "ab"), winters across a
year boundary and year ranges. End dates are exclusive."""

from datetime import date

import pytest

from agent.planner.dates import find_periods
from agent.planner.i18n import normalize
from agent.planner.intents import parse_intent

TODAY = date(2025, 6, 15)


def spans(text, today=TODAY):
    return [(p.start.isoformat(), p.end.isoformat()) for p in find_periods(normalize(text), today)]


@pytest.mark.parametrize("text, expected", [
    # dekads: ordinal words or numbers, before or after the part word, in six languages
    ("first dekad of July 2021", ("2021-07-01", "2021-07-11")),
    ("2. Dekade im Mai 2022", ("2022-05-11", "2022-05-21")),
    ("die erste Dekade des Juli 2021", ("2021-07-01", "2021-07-11")),
    ("dekad 3 of March 2022", ("2022-03-21", "2022-04-01")),
    ("dekad 2, June 2022", ("2022-06-11", "2022-06-21")),
    ("la 2e décade de juillet 2021", ("2021-07-11", "2021-07-21")),
    ("la dernière décade d'août 2021", ("2021-08-21", "2021-09-01")),
    ("derde decade van augustus 2020", ("2020-08-21", "2020-09-01")),
    ("primera decena de marzo de 2022", ("2022-03-01", "2022-03-11")),
    ("tercera decena de febrero de 2024", ("2024-02-21", "2024-03-01")),  # a leap February
    ("prima decade di luglio 2021", ("2021-07-01", "2021-07-11")),
    ("für die 2. und 3. Dekade Dezember 2018", ("2018-12-11", "2019-01-01")),
    ("the first and second dekads of May 2022", ("2022-05-01", "2022-05-21")),
    # halves of a month
    ("erste Junihälfte 2022", ("2022-06-01", "2022-06-16")),
    ("zweite Hälfte Mai 2022", ("2022-05-16", "2022-06-01")),
    ("la deuxième quinzaine de mai 2022", ("2022-05-16", "2022-06-01")),
    ("la primera quincena de mayo de 2022", ("2022-05-01", "2022-05-16")),
    ("la seconda metà di maggio 2022", ("2022-05-16", "2022-06-01")),
    ("de eerste helft van mei 2022", ("2022-05-01", "2022-05-16")),
    # early / mid / late
    ("mid-June 2022", ("2022-06-11", "2022-06-21")),
    ("halverwege juni 2022", ("2022-06-11", "2022-06-21")),
    ("late in May 2022", ("2022-05-21", "2022-06-01")),
    ("fin de mai 2022", ("2022-05-21", "2022-06-01")),
    ("début d'août 2022", ("2022-08-01", "2022-08-11")),
    ("a finales de mayo de 2022", ("2022-05-21", "2022-06-01")),
    # ISO weeks
    ("KW 23 2022", ("2022-06-06", "2022-06-13")),
    ("semaine 23 de 2022", ("2022-06-06", "2022-06-13")),
    ("settimana 23 del 2022", ("2022-06-06", "2022-06-13")),
    ("2022-W23", ("2022-06-06", "2022-06-13")),
    ("weeks 23-25 of 2022", ("2022-06-06", "2022-06-27")),
    ("KW 30", ("2024-07-22", "2024-07-29")),  # week 30 of 2025 is still ahead: the last one past
    # numeric and ordinal day ranges
    ("3.-17.6.2022", ("2022-06-03", "2022-06-18")),
    ("3-17/06/2022", ("2022-06-03", "2022-06-18")),
    ("03.06.-17.06.2022", ("2022-06-03", "2022-06-18")),
    ("from the 3rd to the 17th of June 2022", ("2022-06-03", "2022-06-18")),
    ("3.–17. Juni 2022", ("2022-06-03", "2022-06-18")),
    # open starts run to today; with an end they are a range
    ("desde el 3 de mayo", ("2025-05-03", "2025-06-16")),
    ("dal 3 maggio", ("2025-05-03", "2025-06-16")),
    ("ab dem 3. Mai", ("2025-05-03", "2025-06-16")),
    ("vanaf 3 mei 2025", ("2025-05-03", "2025-06-16")),
    ("desde el 1 hasta el 15 de mayo de 2022", ("2022-05-01", "2022-05-16")),
    ("quest'anno", ("2025-01-01", "2025-06-16")),
    ("seit Jahresbeginn", ("2025-01-01", "2025-06-16")),
    # winters across the year boundary, year ranges
    ("the 2020/21 winter", ("2020-12-01", "2021-03-01")),
    ("invierno 2020/21", ("2020-12-01", "2021-03-01")),
    ("2018 through 2020", ("2018-01-01", "2021-01-01")),
])
def test_date_forms(text, expected):
    assert spans(text) == [expected]


def test_a_decade_of_years_is_no_month():
    # the ten years up to today, never December ("dec")
    assert spans("NDVI trend over the last decade") == [("2015-06-15", "2025-06-16")]


@pytest.mark.parametrize("text", ["NDVI for the first dekad of July 2021 over Punjab",
                                  "NDVI der 2. Dekade im Mai 2022", "flood map, the 10 days before 14 March 2024",
                                  "de 10 dagen voor de brand"])
def test_a_dekad_window_asks_for_no_dekad_steps(text):
    assert parse_intent(normalize(text)).period is None


@pytest.mark.parametrize("text", ["Dekadal NDVI composites around Ludhiana", "NDVI in 10-day composites",
                                  "NDVI every 10 days in 2022"])
def test_dekad_steps_are_still_read(text):
    assert parse_intent(normalize(text)).period == "dekad"
