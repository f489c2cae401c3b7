"""Leftover date and method classes of issue 16, each with varied inputs in six languages: open ends ("since
2022", "bis heute"), halves of a year, ratios and percent changes of two periods' means, windows after a dated
event (the event's day is the first day of "after"), "until"/"as of" ends and day ranges with weekday names."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

import leftdates_phrasings as L
from agent.planner.dates import find_periods
from agent.planner.i18n import normalize
from test_planner_generalize import _change_periods


def spans(text: str, today: date) -> list[tuple[str, str]]:
    """[start, end inclusive] of every window found (as benchmarks/date_sweep.py: without the event day that
    "the N days before <date>" adds as its reference point)."""
    periods = find_periods(normalize(text), today)
    windows = [p for p in periods if not (p.kind == "event" and any(q is not p and q.text == p.text for q in periods))]
    return [(p.start.isoformat(), (p.end - timedelta(days=1)).isoformat()) for p in windows]


# --- 4. after a dated event: from the event's day on, N long -------------------------------------------------
@pytest.mark.parametrize("text, start, end", L.AFTER)
def test_the_window_after_an_event_starts_on_its_day(text, start, end):
    assert spans(text, date(2025, 6, 15)) == [(start, end)]


@pytest.mark.parametrize("text, expected", [
    ("Sentinel-1 flood map of Porto Alegre in the 12 days after 1 May 2024", [("2024-04-03", "2024-05-01"), ("2024-05-01", "2024-05-13")]),
    ("Hochwasserkarte für Passau, die 2 Wochen nach dem 3. Juni 2024", [("2024-05-06", "2024-06-03"), ("2024-06-03", "2024-06-17")]),
    ("carte des inondations à Vaison-la-Romaine les 5 jours après le 22 septembre 1992",
     [("1992-08-25", "1992-09-22"), ("1992-09-22", "1992-09-27")]),
])
def test_a_flood_map_keeps_the_after_window_as_written(text, expected):
    # not stretched to the 12 days of an unnamed after window; the reference is the 4 weeks before the event's day
    assert _change_periods(text, date(2025, 1, 15)) == expected


@pytest.mark.parametrize("text, expected", [
    ("flood map: three weeks before the storm of 29 October 2024 against the week after",
     [("2024-10-08", "2024-10-29"), ("2024-10-29", "2024-11-05")]),
    ("Inundación: tres semanas antes de la tormenta del 29 de octubre de 2024 frente a la semana después",
     [("2024-10-08", "2024-10-29"), ("2024-10-29", "2024-11-05")]),
    ("Überflutung: die 10 Tage vor dem Hochwasser vom 14. Juli 2021 und die 10 Tage danach",
     [("2021-07-04", "2021-07-14"), ("2021-07-14", "2021-07-24")]),
])
def test_the_week_after_a_named_event_at_the_end_of_a_clause(text, expected):
    assert _change_periods(text, date(2025, 1, 15)) == expected


@pytest.mark.parametrize("text, before, after", [
    ("the 7 days before 2023-05-16 and the 7 days after, Emilia-Romagna", ("2023-05-09", "2023-05-15"), ("2023-05-16", "2023-05-22")),
    ("30 dagen voor en 30 dagen na 14 juli 2021 in Limburg", ("2021-06-14", "2021-07-13"), ("2021-07-14", "2021-08-12")),
    ("de 14 dagen voor en de 14 dagen na 3 juni 2023 bij Terneuzen", ("2023-05-20", "2023-06-02"), ("2023-06-03", "2023-06-16")),
    ("NDVI 3 weeks before and 3 weeks after the fire of 23 August 2023 in Evros", ("2023-08-02", "2023-08-22"), ("2023-08-23", "2023-09-12")),
])
def test_before_and_after_windows_meet_at_the_event_day(text, before, after):
    assert spans(text, date(2024, 3, 10)) == [before, after]


@pytest.mark.parametrize("text", [
    "die 10 Tage vor dem Hochwasser vom 14. Juli 2021 und die 10 Tage danach",
    "de 10 dagen voor de overstroming van 14 juli 2021 en de 10 dagen daarna",
    "les 10 jours avant la crue du 14 juillet 2021 et les 10 jours suivants",
    "los 10 días antes de la inundación del 14 de julio de 2021 y los 10 días siguientes",
    "i 10 giorni prima dell'alluvione del 14 luglio 2021 e i 10 giorni successivi",
])
def test_the_days_after_written_after_the_count(text):
    assert spans(text, date(2024, 3, 10)) == [("2021-07-04", "2021-07-13"), ("2021-07-14", "2021-07-23")]


# --- 1. open ends: "since 2022", "bis heute", year to date ---------------------------------------------------
@pytest.mark.parametrize("text, start, end", L.SINCE)
def test_since_a_date_runs_to_today(text, start, end):
    assert spans(text, date.fromisoformat(L.TODAY)) == [(start, end)]


@pytest.mark.parametrize("text, start", [
    ("Sentinel-1 VV über dem Spreewald ab 2020", "2020-01-01"),
    ("NDWI van het Markermeer vanaf 2021", "2021-01-01"),
    ("NDVI à partir de 2019 sur la Beauce", "2019-01-01"),
    ("NDVI a partire dal 2018 in Puglia", "2018-01-01"),
    ("snow cover in the Tatras since winter 2022", "2021-12-01"),
    ("NDVI en Navarra desde el verano de 2023", "2023-06-01"),
    ("NDVI dans les Vosges depuis l'été dernier", "2024-06-01"),
    ("NDVI in Kent since the year 2016", "2016-01-01"),
    ("NDVI in Tirol seit 2021 bis heute", "2021-01-01"),
    ("NDVI in Umbria dal 2020 fino ad oggi", "2020-01-01"),
    ("NDVI in Murcia en lo que va del año", "2024-01-01"),
    ("NDVI in Drenthe dit jaar tot nu toe", "2024-01-01"),
    ("NDVI in Kent this year so far", "2024-01-01"),
    ("NDVI in Kent, year-to-date", "2024-01-01"),
    ("NDVI dans le Jura depuis début d'année", "2024-01-01"),
])
def test_more_open_ends_run_to_today(text, start):
    assert spans(text, date(2024, 9, 15)) == [(start, "2024-09-15")]


@pytest.mark.parametrize("text, expected", [
    ("NDVI dal 2016 al 2018 in Sicilia", [("2016-01-01", "2018-12-31")]),
    ("NDVI ab 2016 bis 2018 in Sachsen", [("2016-01-01", "2018-12-31")]),
    ("NDVI vanaf 2016 tot 2018 in Zeeland", [("2016-01-01", "2018-12-31")]),
    ("NDVI since 2016-2018 baseline", [("2016-01-01", "2018-12-31")]),
    ("Rückstreuung über dem Oderbruch vom 3. bis 17. Juni 2023", [("2023-06-03", "2023-06-17")]),
    ("NDVI ab Mai 2023 in Sachsen", [("2023-05-01", "2024-09-15")]),
])
def test_an_open_start_with_an_end_stays_a_range(text, expected):
    assert spans(text, date(2024, 9, 15)) == expected


def test_last_summer_in_the_south_is_the_southern_summer():
    ps = find_periods(normalize("NDVI in Canterbury since last summer"), date(2024, 9, 15), south=True)
    assert [(p.start.isoformat(), p.end.isoformat()) for p in ps] == [("2023-12-01", "2024-09-16")]


# --- 2. halves of a year --------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, start, end", L.HALVES)
def test_halves_of_a_year(text, start, end):
    if start == "HALF1":  # without a year: the latest first half begun by today, as quarters without a year
        start, end = "2024-01-01", "2024-06-30"
    assert spans(text, date.fromisoformat(L.TODAY)) == [(start, end)]


@pytest.mark.parametrize("text, today, expected", [
    ("Sentinel-1 VV in Brandenburg im zweiten Halbjahr", date(2024, 3, 10), ("2023-07-01", "2023-12-31")),
    ("NDWI dans la Dombes au second semestre", date(2024, 9, 15), ("2024-07-01", "2024-12-31")),
    ("NDVI in Andalucía en la segunda mitad del año", date(2024, 3, 10), ("2023-07-01", "2023-12-31")),
    ("NDVI in Friesland in de tweede helft van het jaar", date(2024, 9, 15), ("2024-07-01", "2024-12-31")),
    ("NDVI in Toscana nel secondo semestre", date(2025, 1, 5), ("2024-07-01", "2024-12-31")),
    ("NDVI in Toscana nel primo semestre", date(2025, 1, 5), ("2025-01-01", "2025-06-30")),
    ("NDVI in Kent in the second half of the year", date(2024, 9, 15), ("2024-07-01", "2024-12-31")),
    ("NDVI in Zeeland 2e halfjaar 2021", date(2024, 9, 15), ("2021-07-01", "2021-12-31")),
    ("NDVI in Bayern im 1. Halbjahr 2019", date(2024, 9, 15), ("2019-01-01", "2019-06-30")),
    ("NDVI en Aragón en el 2º semestre de 2020", date(2024, 9, 15), ("2020-07-01", "2020-12-31")),
    ("NDVI in Umbria nella seconda metà dell'anno 2022", date(2024, 9, 15), ("2022-07-01", "2022-12-31")),
    ("NDVI in Hessen im 2. Halbjahr", date(2024, 9, 15), ("2024-07-01", "2024-12-31")),
    ("NDVI en Provence au 1er semestre", date(2024, 9, 15), ("2024-01-01", "2024-06-30")),
])
def test_more_halves_of_a_year(text, today, expected):
    assert spans(text, today) == [expected]


def test_a_half_without_a_year_takes_the_year_written():
    assert spans("In 2021, NDVI in Sachsen im ersten Halbjahr", date(2024, 9, 15)) == [("2021-01-01", "2021-06-30")]


@pytest.mark.parametrize("text, expected", [
    ("die erste Junihälfte 2022", ("2022-06-01", "2022-06-15")),
    ("la primera mitad de mayo de 2022", ("2022-05-01", "2022-05-15")),
    ("the first half of june 2023", ("2023-06-01", "2023-06-15")),
])
def test_halves_of_a_month_stay_halves_of_the_month(text, expected):
    assert spans(text, date(2024, 9, 15)) == [expected]


# --- 5. ends: until / through / up to / as of; day ranges with weekday names ----------------------------------
@pytest.mark.parametrize("text, start, end", L.ENDS)
def test_ends_and_weekday_ranges(text, start, end):
    assert spans(text, date.fromisoformat(L.TODAY)) == [(start, end)]


@pytest.mark.parametrize("text, expected", [
    ("NDVI in Berlin from January 2024 until 15 May 2024", ("2024-01-01", "2024-05-15")),
    ("NDVI in Kent from 1 March up to and including 15 May 2024", ("2024-03-01", "2024-05-15")),
    ("NDVI in Kent from 3 June till 7 June 2024", ("2024-06-03", "2024-06-07")),
    ("NDVI zwischen Montag, dem 3. Juni und Freitag, dem 7. Juni 2024", ("2024-06-03", "2024-06-07")),
    ("NDVI zwischen dem 3. Juni und dem 7. Juni 2024", ("2024-06-03", "2024-06-07")),
    ("NDVI entre le 3 juin et le 7 juin 2024", ("2024-06-03", "2024-06-07")),
    ("NDVI tussen 3 juni en 7 juni 2024", ("2024-06-03", "2024-06-07")),
    ("NDVI entre el 3 de junio y el 7 de junio de 2024", ("2024-06-03", "2024-06-07")),
    ("NDVI tra il 3 giugno e il 7 giugno 2024", ("2024-06-03", "2024-06-07")),
    ("NDVI between Tuesday 30 April and Thursday 2 May 2024", ("2024-04-30", "2024-05-02")),
    ("NDVI entre el martes 30 de abril y el jueves 2 de mayo de 2024", ("2024-04-30", "2024-05-02")),
    ("Sentinel-2 image of Bern on Monday, June 3, 2024", ("2024-06-03", "2024-06-03")),
    ("Sentinel-2 Bild von Bern am Samstag, 8. Juni 2024", ("2024-06-08", "2024-06-08")),
])
def test_more_spans_with_their_ends_written(text, expected):
    assert spans(text, date(2024, 9, 15)) == [expected]


@pytest.mark.parametrize("text", [
    "NDVI in Berlin until 15 May 2024",
    "NDVI in Berlin as of 15 May 2024",
    "NDVI in Berlin bis zum 15. Mai 2024",
    "NDVI in Berlin, Stand 15. Mai 2024",
    "NDVI à Lyon jusqu'au 15 mai 2024",
    "NDVI à Lyon à la date du 15 mai 2024",
    "NDVI in Gent tot 15 mei 2024",
    "NDVI in Gent per 15 mei 2024",
    "NDVI en Sevilla hasta el 15 de mayo de 2024",
    "NDVI en Sevilla a fecha de 15 de mayo de 2024",
    "NDVI a Torino fino al 15 maggio 2024",
    "NDVI a Torino alla data del 15 maggio 2024",
])
def test_an_end_without_a_start_is_the_default_window_ending_that_day(text):
    # as with no date at all (the last 30 days up to today), with the day written in place of today
    assert spans(text, date(2024, 9, 15)) == [("2024-04-15", "2024-05-15")]


@pytest.mark.parametrize("text", ["since Monday", "NDVI in Berlin since last Friday"])
def test_a_weekday_without_a_date_is_still_read(text):
    assert spans(text, date(2024, 9, 15))  # a weekday relative to today, not dropped


# --- 3. ratio and percent change of two periods' means ---------------------------------------------------------
def _drafted(text: str) -> str:
    from planner_helpers import build_graph, converse_with_gazetteer, final_code

    _, calls = converse_with_gazetteer(text, date(2024, 9, 15))
    code = final_code(calls)
    build_graph(code)  # the real openeo client builds its graph offline
    return code


@pytest.mark.parametrize("text", L.RATIO)
def test_a_ratio_of_two_periods_means_divides_the_later_by_the_earlier_as_named(text):
    from planner_helpers import intent

    it = intent(text)
    assert (it.change, it.period_ratio, it.percent_change) == (True, True, False)
    code = _drafted(text)
    assert 'temporal_extent=["2022-07-01", "2022-08-01"]' in code and 'temporal_extent=["2023-07-01", "2023-08-01"]' in code
    assert "change = after / before" in code  # July 2023 named first: 2023 over 2022
    assert "after - before" not in code


@pytest.mark.parametrize("text, line", [
    ("ratio of mean NDVI in July 2022 to July 2023 for Berlin", "change = before / after"),
    ("Verhältnis des mittleren NDVI im Mai 2019 zum Mai 2024 in Leipzig", "change = before / after"),
    ("ratio of mean LST in Madrid in July 2023 to July 2022", "change = after / before"),
    ("rapport du NO2 moyen sur Milan entre avril 2020 et avril 2019", "change = after / before"),
])
def test_a_ratio_keeps_the_order_the_periods_were_named_in(text, line):
    assert line in _drafted(text)


@pytest.mark.parametrize("text", [
    "NDVI ratio B08/B04 for Berlin in July 2023",
    "ratio of B08 to B04 over Lyon in June 2022",
    "Sentinel-1 VH/VV ratio over the Camargue in 2021 and 2022",
])
def test_a_band_ratio_is_no_ratio_of_periods(text):
    from planner_helpers import intent

    assert not intent(text).period_ratio


@pytest.mark.parametrize("text", L.PCT)
def test_a_percent_change_between_two_periods(text):
    code = _drafted(text)
    assert "change = (after - before) / before * 100" in code
    assert 'temporal_extent=["2022-07-01", "2022-08-01"]' in code and 'temporal_extent=["2023-07-01", "2023-08-01"]' in code


@pytest.mark.parametrize("text", [
    "NDVI change from July 2022 to July 2023 in Berlin",
    "NDVI-Differenz von Juli 2022 bis Juli 2023 in Köln",
    "différence de NDVI de juillet 2022 à juillet 2023 à Lyon",
])
def test_the_same_month_of_two_years_is_compared_not_spanned(text):
    assert _change_periods(text, date(2024, 9, 15)) == [("2022-07-01", "2022-08-01"), ("2023-07-01", "2023-08-01")]


@pytest.mark.parametrize("text, expected", [
    ("el NDVI medio de mayo de 2022 en Soria", ("2022-05-01", "2022-05-31")),
    ("l'NDVI medio di maggio 2022 a Parma", ("2022-05-01", "2022-05-31")),
    ("el NDVI a medio de mayo de 2022 en Soria", ("2022-05-11", "2022-05-20")),
    ("a mediados de mayo de 2022", ("2022-05-11", "2022-05-20")),
])
def test_medio_after_an_index_is_the_mean_not_mid_month(text, expected):
    assert spans(text, date(2024, 9, 15)) == [expected]


def test_a_change_since_a_year_compares_that_year_with_the_last_30_days():
    for text in ("NDVI change since 2019 in Bavaria", "NDVI-Veränderung seit 2019 in Bayern",
                 "cambio del NDVI desde 2019 en Navarra"):
        assert _change_periods(text, date(2024, 9, 15)) == [("2019-01-01", "2020-01-01"), ("2024-08-16", "2024-09-16")]


# --- 6. more relative spans -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text, start, end", L.RELATIVE)
def test_relative_spans(text, start, end):
    assert spans(text, date.fromisoformat(L.TODAY)) == [(start, end)]


@pytest.mark.parametrize("text, start", [
    ("NDVI in den letzten zwei Wochen", "2024-09-01"),
    ("NDVI des deux dernières semaines", "2024-09-01"),
    ("NDVI in de afgelopen twee weken", "2024-09-01"),
    ("NDVI nelle ultime due settimane", "2024-09-01"),
    ("NDVI der letzten drei Wochen", "2024-08-25"),
    ("NDVI delle ultime tre settimane", "2024-08-25"),
    ("NDVI de la dernière quinzaine", "2024-08-31"),
    ("NDVI en la última quincena", "2024-08-31"),
    ("NDVI in the last 48 hours", "2024-09-13"),
    ("NDVI over the past decade", "2014-09-15"),
    ("NDVI im letzten Jahrzehnt", "2014-09-15"),
    ("NDVI en la última década", "2014-09-15"),
])
def test_counted_spans_in_words_reach_back_from_today(text, start):
    assert spans(text, date(2024, 9, 15)) == [(start, "2024-09-15")]


@pytest.mark.parametrize("text", [
    "NDVI over the last two summers", "NDVI in den letzten zwei Sommern", "NDVI des deux derniers étés",
    "NDVI in de afgelopen twee zomers", "NDVI en los dos últimos veranos", "NDVI negli ultimi due estati",
])
def test_the_last_n_summers_are_each_summer(text):
    assert spans(text, date(2024, 9, 15)) == [("2023-06-01", "2023-08-31"), ("2024-06-01", "2024-08-31")]


def test_the_last_three_winters_run_across_the_new_year():
    assert spans("NDVI over the last three winters", date(2024, 9, 15)) == [
        ("2021-12-01", "2022-02-28"), ("2022-12-01", "2023-02-28"), ("2023-12-01", "2024-02-29")]


@pytest.mark.parametrize("text, today, expected", [
    ("NDVI in the last quarter", date(2024, 9, 15), ("2024-04-01", "2024-06-30")),
    ("NDVI im letzten Quartal", date(2024, 2, 1), ("2023-10-01", "2023-12-31")),
    ("NDVI au trimestre dernier", date(2024, 5, 20), ("2024-01-01", "2024-03-31")),
    ("NDVI en el último trimestre", date(2024, 9, 15), ("2024-04-01", "2024-06-30")),
    ("NDVI in het vorige kwartaal", date(2024, 9, 15), ("2024-04-01", "2024-06-30")),
    ("NDVI this quarter", date(2024, 9, 15), ("2024-07-01", "2024-09-15")),
    ("NDVI im letzten Quartal 2022", date(2024, 9, 15), ("2022-10-01", "2022-12-31")),  # with a year: the fourth
])
def test_the_last_quarter_without_a_year(text, today, expected):
    assert spans(text, today) == [expected]


@pytest.mark.parametrize("text", [
    "VH in dB: mean of the three weeks before 2 November 2023 against the three weeks after.",
    "mittlere Rückstreuung der drei Wochen vor dem 2. November 2023 und der drei Wochen danach",
    "la moyenne des trois semaines avant le 2 novembre 2023 et celle des trois semaines après.",
    "de 3 weken voor 2 november 2023 en de 3 weken daarna",
])
def test_the_window_after_the_day_a_before_window_counts_back_from(text):
    # the day "the 3 weeks before 2 november" counts back from is the first day of "the 3 weeks after"; it is no
    # one-day window of its own (the probe of every eval request found the after window cut to that day)
    periods = find_periods(normalize(text), date(2023, 12, 10))
    assert [(p.start.isoformat(), p.end.isoformat(), p.role) for p in periods if p.kind != "days"] == [
        ("2023-10-12", "2023-11-02", "before"), ("2023-11-02", "2023-11-23", "after")]
