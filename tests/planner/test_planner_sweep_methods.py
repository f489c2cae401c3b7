"""Method classes from the dev rows of the method sweep (tests/data/planner/method_sweep.jsonl), each with varied
inputs in several languages: a reducer "over time" is no time series, a time series' statistic over the area."""

from __future__ import annotations

from datetime import date

import pytest
from planner_helpers import intent, plan_graph

from agent.planner.dates import Period

BBOX = (4.65, 50.84, 4.75, 50.90)
P = Period(start=date(2022, 5, 1), end=date(2022, 9, 1))


def graph(text, periods=(P,)):
    return plan_graph(text, BBOX, list(periods), "Leuven")


@pytest.mark.parametrize("text, reducer", [
    ("NDVI from Landsat 8 over Seville, July 2021, median over time", "median"),
    ("Maximum Sentinel-2 NDVI over time for the Landes forest, summer 2021", "max"),
    ("the mean of the NDWI over time for Lake Garda, August 2022", "mean"),
    ("minimum EVI over time in Murcia, 2022", "min"),
])
def test_a_reducer_over_time_is_a_composite_not_a_time_series(text, reducer):
    it = intent(text)
    assert not it.timeseries and it.reducer == reducer
    _, _, facts = graph(text)
    assert "aggregate_spatial" not in facts.processes and reducer in facts.processes


@pytest.mark.parametrize("text", ["NDVI over time for the fields near Leuven, 2022", "how NDVI evolved over time in Ghent"])
def test_an_index_over_time_is_still_a_time_series(text):
    assert intent(text).timeseries


@pytest.mark.parametrize("text, reducer", [
    ("Mediana espacial del NDVI sobre Madrid para cada fecha, marzo–mayo de 2023, en CSV", "median"),
    ("Massimo spaziale dell'NDVI su Torino per ogni data, serie temporale JSON", "max"),
    ("räumliches Minimum des NDVI über Leipzig, Zeitreihe als CSV", "min"),
    ("the maximum NDVI over the whole area for each date as a time series, Ghent 2022", "max"),
    ("ruimtelijk gemiddelde van de NDVI per datum als tijdreeks in CSV", "mean"),
    ("time series of the spatial median of VV backscatter over Rotterdam, CSV", "median"),
])
def test_a_time_series_reduces_the_area_with_the_statistic_named_for_it(text, reducer):
    it = intent(text)
    assert it.timeseries and it.spatial_reducer == reducer
    _, code, facts = graph(text)
    assert f'aggregate_spatial(geometries=aoi, reducer="{reducer}")' in code


def test_a_monthly_series_with_a_spatial_median_averages_each_month():
    text = "monthly NDVI time series with the spatial median per month over Leuven, CSV"
    _, code, _ = graph(text)
    assert 'aggregate_temporal_period(period="month", reducer="mean")' in code
    assert 'aggregate_spatial(geometries=aoi, reducer="median")' in code


def test_a_plain_time_series_still_averages_the_area():
    _, code, _ = graph("NDVI time series for the fields near Leuven, May to August 2022, CSV")
    assert 'aggregate_spatial(geometries=aoi, reducer="mean")' in code


@pytest.mark.parametrize("text, expression", [
    ("NIR minus red over NIR plus red for Rome, July 2021", "(b08 - b04) / (b08 + b04)"),
    ("nahes Infrarot minus Rot geteilt durch nahes Infrarot plus Rot, Wien", "(b08 - b04) / (b08 + b04)"),
    ("proche infrarouge moins rouge divisé par proche infrarouge plus rouge sur Lyon", "(b08 - b04) / (b08 + b04)"),
    ("nabij-infrarood min rood gedeeld door nabij-infrarood plus rood", "(b08 - b04) / (b08 + b04)"),
    ("infrarrojo cercano menos rojo dividido por infrarrojo cercano más rojo", "(b08 - b04) / (b08 + b04)"),
    ("infrarosso vicino meno rosso diviso infrarosso vicino più rosso", "(b08 - b04) / (b08 + b04)"),
    ("green minus SWIR divided by green plus SWIR over the Po delta", "(b03 - b11) / (b03 + b11)"),
    ("B11 gedeeld door B08 voor Rotterdam", "b11 / b08"),
    ("near-infrared divided by red for the fields of Flevoland", "b08 / b04"),
])
def test_a_formula_spoken_in_words_is_read_as_band_arithmetic(text, expression):
    from agent.planner.i18n import normalize
    from agent.planner.methods import find_formula

    f = find_formula(normalize(text))
    assert f is not None and f.expression == expression


@pytest.mark.parametrize("text", ["NDVI over Rome in July 2022", "the red and green bands over Ghent",
                                  "a true colour image of the red roofs over Siena", "blue sky over red roofs"])
def test_colour_words_without_arithmetic_are_no_formula(text):
    from agent.planner.i18n import normalize
    from agent.planner.methods import find_formula

    assert find_formula(normalize(text)) is None


@pytest.mark.parametrize("text, reducer", [
    ("NIR minus red over NIR plus red, averaged over July 2021, Rome", "mean"),
    ("Rot minus Grün geteilt durch Rot plus Grün, Maximum über die Zeit, Leipzig", "max"),
    ("proche infrarouge moins rouge divisé par proche infrarouge plus rouge, Lyon", "median"),
])
def test_a_spoken_index_is_computed_and_reduced_as_named(text, reducer):
    it = intent(text)
    assert it.task == "index"
    _, _, facts = graph(text)
    assert {"subtract", "add", "divide", reducer} <= facts.processes


@pytest.mark.parametrize("text", [
    "Bare Soil Index (BSI) for Murcia in March 2022 from Sentinel-2, mean over time",
    "BSI für die Äcker bei Magdeburg, April 2023",
    "Índice de suelo desnudo en Almería, mayo de 2022",
    "indice di suolo nudo per la Puglia, agosto 2021",
    "bare-soil index of the fields near Leuven, median of May 2022",
])
def test_the_bare_soil_index_uses_swir_red_nir_and_blue(text):
    it = intent(text)
    assert it.task == "index" and it.index == "BSI"
    _, code, facts = graph(text)
    assert set(facts.loads[0].bands) >= {"B02", "B04", "B08", "B11"}
    assert "((swir + red) - (nir + blue)) / ((swir + red) + (nir + blue))" in code


def test_the_bare_soil_index_from_landsat_maps_its_bands():
    _, _, facts = graph("BSI from Landsat 8 over Seville, July 2021")
    assert facts.collections == {"LANDSAT8_L2"} and set(facts.loads[0].bands) == {"B02", "B04", "B05", "B06"}
