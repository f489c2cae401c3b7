"""Date and coordinate classes the blind6 split showed the planner misreading, each with wordings of our own in
several languages: the seasons of two years compared ("zwischen den Sommern 2018 und 2023, jeweils Juli bis August"),
a change between two years, a day to (a part of) a month ("from 19 September to the end of October"), the wet, rainy
and dry seasons of the tropics by hemisphere, projected metres written with thousands separators, and a point on one
meadow or pasture read at field scale."""

from __future__ import annotations

from datetime import date

import pytest

from agent.planner.coords import find_coordinates, ungroup
from agent.planner.dates import find_periods
from agent.planner.followups import resolve
from agent.planner.i18n import normalize
from agent.planner.model import choose_periods
from agent.planner.vocabulary import is_field_scale


def _spans(text: str, today: date, south: bool = False) -> list[tuple[str, str]]:
    return [(p.start.isoformat(), p.end.isoformat()) for p in find_periods(normalize(text), today, south=south)]


def _chosen(text: str, today: date) -> list[tuple[str, str]]:
    slots = resolve(text, normalize(text), today, None, None)
    chosen = choose_periods(slots, find_periods(normalize(text), today), today)
    return [(p.start.isoformat(), p.end.isoformat()) for p in chosen]


T = date(2024, 5, 1)


@pytest.mark.parametrize("text, expected", [
    ("NDVI difference between the summers of 2019 and 2022",
     [("2019-06-01", "2019-09-01"), ("2022-06-01", "2022-09-01")]),
    ("NDVI-Differenz zwischen den Sommern 2017 und 2021 im Spessart",
     [("2017-06-01", "2017-09-01"), ("2021-06-01", "2021-09-01")]),
    ("différence de NDVI entre les étés 2018 et 2022", [("2018-06-01", "2018-09-01"), ("2022-06-01", "2022-09-01")]),
    ("NDVI-verschil tussen de zomers van 2016 en 2020", [("2016-06-01", "2016-09-01"), ("2020-06-01", "2020-09-01")]),
    ("the winters of 2020 and 2023", [("2019-12-01", "2020-03-01"), ("2022-12-01", "2023-03-01")]),
    ("summer 2018 and 2019 compared", [("2018-06-01", "2018-09-01"), ("2019-06-01", "2019-09-01")]),
])
def test_the_seasons_of_two_years_are_one_season_in_each(text, expected):
    assert _spans(text, T) == expected


@pytest.mark.parametrize("text, expected", [
    ("NDVI-Differenz im Harz zwischen den Sommern 2018 und 2023, jeweils Juli bis August, Median",
     [("2018-07-01", "2018-09-01"), ("2023-07-01", "2023-09-01")]),
    ("NDVI change between the summers of 2019 and 2022, each time June to July",
     [("2019-06-01", "2019-08-01"), ("2022-06-01", "2022-08-01")]),
    ("différence entre les étés 2018 et 2021, à chaque fois de juillet à août",
     [("2018-07-01", "2018-09-01"), ("2021-07-01", "2021-09-01")]),
    ("verschil tussen de zomers van 2015 en 2020, telkens augustus",
     [("2015-08-01", "2015-09-01"), ("2020-08-01", "2020-09-01")]),
])
def test_months_written_with_the_seasons_replace_each_season(text, expected):
    assert _spans(text, T) == expected
    assert _chosen(text, T) == expected


@pytest.mark.parametrize("text, expected", [
    ("NDVI change in the Black Forest between 2018 and 2023", [("2018-01-01", "2019-01-01"), ("2023-01-01", "2024-01-01")]),
    ("NDVI-Differenz zwischen 2016 und 2022 im Harz", [("2016-01-01", "2017-01-01"), ("2022-01-01", "2023-01-01")]),
    ("différence de NDVI entre 2019 et 2023 en Camargue", [("2019-01-01", "2020-01-01"), ("2023-01-01", "2024-01-01")]),
    ("NDVI change from 2017 to 2021 over Utrecht", [("2017-01-01", "2018-01-01"), ("2021-01-01", "2022-01-01")]),
])
def test_a_change_between_two_years_compares_the_two_years(text, expected):
    assert _chosen(text, T) == expected


def test_a_product_between_two_years_stays_one_span():
    assert _chosen("mean NDVI composite between 2018 and 2020 over Utrecht", T) == [("2018-01-01", "2021-01-01")]


@pytest.mark.parametrize("text, today, expected", [
    ("mean SO2 from the start of the eruption on 19 September 2021 to the end of October 2021", date(2021, 11, 15),
     ("2021-09-19", "2021-11-01")),
    ("NDVI vom 3. Mai bis Ende Juni 2022", T, ("2022-05-03", "2022-07-01")),
    ("NO2 du 10 juin à fin août 2020", T, ("2020-06-10", "2020-09-01")),
    ("desde el 19 de septiembre de 2021 hasta finales de octubre", T, ("2021-09-19", "2021-11-01")),
    ("from 5 March to April 2020", T, ("2020-03-05", "2020-05-01")),
    ("from 10 December 2020 to mid-February 2021", T, ("2020-12-10", "2021-02-21")),
    ("from mid-September to 15 October 2021", T, ("2021-09-11", "2021-10-16")),
])
def test_a_day_to_a_part_of_a_month_is_one_span(text, today, expected):
    assert _spans(text, today) == [expected]


@pytest.mark.parametrize("text, south, expected", [
    ("max NDVI over the 2022/23 wet season in Kruger", True, [("2022-11-01", "2023-04-01")]),
    ("NDVI in der Regenzeit 2021 in Sambia", True, [("2020-11-01", "2021-04-01")]),
    ("NDVI de la saison des pluies de 2020 au Niger", False, [("2020-06-01", "2020-10-01")]),
    ("NDVI during the 2019 monsoon in Bangladesh", False, [("2019-06-01", "2019-10-01")]),
    ("NDVI in the dry season 2022 in Botswana", True, [("2022-05-01", "2022-10-01")]),
    ("NDVI en la época de lluvias 2021-22 en Mozambique", True, [("2021-11-01", "2022-04-01")]),
    ("NDVI last rainy season", True, [("2023-11-01", "2024-04-01")]),
])
def test_tropical_seasons_follow_the_hemisphere(text, south, expected):
    assert _spans(text, T, south=south) == expected


def test_explicit_months_win_over_a_tropical_season():
    text = "composite covering the 2022/23 wet season, November 2022 through March 2023"
    assert _spans(text, date(2023, 4, 18), south=True) == [("2022-11-01", "2023-04-01")]
    assert _spans("the 2021/22 rainy season (December 2021 to February 2022)", T, south=True) == [
        ("2021-12-01", "2022-03-01")]


@pytest.mark.parametrize("text, lon, lat", [
    ("Gebiet in Web-Mercator EPSG:3857: x 1 490 000 bis 1 520 000, y 6 880 000 bis 6 905 000", 13.5, 52.5),
    ("EPSG:2056 E 2'600'000 to 2'620'000, N 1'190'000 to 1'210'000", 7.55, 46.95),
    ("UTM 32N x 560 000 – 580 000, y 5 920 000 – 5 940 000", 10.05, 53.5),
    ("Lambert-93 x 650 000 à 670 000, y 6 860 000 à 6 880 000", 2.45, 48.93),
    ("EPSG:3857 x 1.490.000 to 1.520.000, y 6.880.000 to 6.905.000", 13.5, 52.5),
])
def test_projected_metres_with_thousands_separators(text, lon, lat):
    c = find_coordinates(text)
    assert c is not None and c.kind == "bbox"
    w, s, e, n = c.bbox
    assert w <= lon <= e and s <= lat <= n
    assert (e - w) < 0.5 and (n - s) < 0.5


def test_ungrouping_leaves_decimals_years_and_loose_digits():
    assert ungroup("L = 0,5 and 1,5 * x in 2020 2021, 1 2 3, 12.5 km") == "L = 0,5 and 1,5 * x in 2020 2021, 1 2 3, 12.5 km"
    assert ungroup("x 1 490 000 bis 1 520 000") == "x 1490000 bis 1520000"


@pytest.mark.parametrize("text, field", [
    ("Sentinel-1 backscatter at 47.81 N, 13.05 E (a meadow I'm monitoring)", True),
    ("NDVI für meine Wiese bei 48.1 N, 11.5 E", True),
    ("NDVI of the pasture at -33.9, 18.4", True),
    ("biomassa del pascolo a 45.1 N, 7.6 E", True),
    ("NDVI around Prato, Tuscany", False),
    ("NDVI of the meadows of the Alps", False),
    ("NDVI over the wet pastures of the Camargue", False),
])
def test_one_meadow_or_pasture_is_field_scale(text, field):
    assert is_field_scale(text) is field


@pytest.mark.parametrize("text, said", [
    ("NDVI composite for the 2022/23 wet season in Kruger National Park", "south of the equator"),
    ("Médiane NDVI de la saison des pluies 2021 au Burkina Faso", "au nord de l'équateur"),
])
def test_the_plan_says_the_months_of_a_tropical_season(text, said):
    from planner_helpers import answer_of, converse_with_gazetteer

    messages, _ = converse_with_gazetteer(text, T)
    assert said in answer_of(messages)


def test_no_season_note_for_months_or_temperate_seasons():
    from planner_helpers import answer_of, converse_with_gazetteer

    for text in ("NDVI composite for Kruger National Park, November 2022 to March 2023",
                 "NDVI median for summer 2023 in Utrecht"):
        messages, _ = converse_with_gazetteer(text, T)
        assert "equator" not in answer_of(messages)


@pytest.mark.parametrize("text, expected", [
    ("NDVI-Differenz zwischen 2018 und 2023, jeweils Juli bis August",
     [("2018-07-01", "2018-09-01"), ("2023-07-01", "2023-09-01")]),
    ("NDVI change between 2019 and 2022, each in June", [("2019-06-01", "2019-07-01"), ("2022-06-01", "2022-07-01")]),
    ("NDVI difference 2018 vs 2023, July-August of each year",
     [("2018-07-01", "2018-09-01"), ("2023-07-01", "2023-09-01")]),
    ("différence de NDVI entre 2017 et 2021, à chaque fois en août",
     [("2017-08-01", "2017-09-01"), ("2021-08-01", "2021-09-01")]),
    ("NDVI-verschil tussen 2016 en 2020, telkens in juli", [("2016-07-01", "2016-08-01"), ("2020-07-01", "2020-08-01")]),
    ("NDVI difference in July 2018 and 2023", [("2018-07-01", "2018-08-01"), ("2023-07-01", "2023-08-01")]),
])
def test_months_said_for_each_of_two_years_are_those_months_in_each(text, expected):
    assert _spans(text, T) == expected
    assert _chosen(text, T) == expected


def test_months_with_a_span_of_years_and_no_each_stay_as_they_were():
    assert _spans("NDVI mean between 2018 and 2020, every July", T) == [("2018-01-01", "2021-01-01"),
                                                                       ("2020-07-01", "2020-08-01")]
