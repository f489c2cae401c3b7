"""Two readings the session's merges changed and the planner-only check over every eval request caught:
a month range inside parentheses ("(marzo a mayo)") and one field's mean NDVI "over time" (a series)."""

from __future__ import annotations

from datetime import date

import pytest

from agent.planner.dates import find_periods
from agent.planner.i18n import normalize
from tests.planner.planner_helpers import intent


@pytest.mark.parametrize("text, start, end", [
    ("Percentil 90 del NDVI para la primavera de 2024 (marzo a mayo) en Lleida", "2024-03-01", "2024-06-01"),
    ("NDVI medio (abril a junio de 2022) en Navarra", "2022-04-01", "2022-07-01"),
    ("NDVI [marzo a mayo 2023] sobre Murcia", "2023-03-01", "2023-06-01"),
    ("mediana del NDVI (da aprile a giugno 2021) in Umbria", "2021-04-01", "2021-07-01"),
])
def test_a_month_range_in_brackets_stays_a_range(text, start, end):  # end exclusive
    periods = find_periods(normalize(text), date(2024, 6, 10))
    assert periods, text
    assert (periods[0].start.isoformat(), periods[-1].end.isoformat()) == (start, end)


@pytest.mark.parametrize("text", [
    "en mai 2023, NDVI de la Beauce",
    "NDVI della Puglia a maggio 2022",
])
def test_en_and_a_before_a_month_still_mean_in(text):
    periods = find_periods(normalize(text), date(2024, 6, 10))
    assert len(periods) == 1 and periods[0].start.month == 5


@pytest.mark.parametrize("text", [
    "Mean NDVI over time for my vineyard near Saint-Émilion, April to October 2022",
    "mean EVI over time of my field at 51.95 N, 5.66 E, 2023",
    "Mean NDVI values over time for the parcel near Emmeloord, summer 2022",
])
def test_one_fields_mean_over_time_is_a_time_series(text):
    assert intent(text).timeseries


@pytest.mark.parametrize("text", [
    "Maximum Sentinel-2 NDVI over time for the Landes forest, summer 2021",
    "NDVI from Landsat 8 over Seville, July 2021, median over time",
    "Mean NDVI over time for Flevoland, 2022",          # a province: one composite
    "NDVI for my field near Ulm, mean over time, 2022",  # the reducer itself over time: one value per pixel
])
def test_a_reducer_over_time_elsewhere_still_reduces_time(text):
    assert not intent(text).timeseries
