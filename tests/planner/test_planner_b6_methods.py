"""Method classes from the blind6 failures, each with varied inputs (places, languages, numbers): terrain
steepness said without the word "slope"."""

from __future__ import annotations

import pytest
from planner_helpers import intent
from test_planner_workflows import graph


@pytest.mark.parametrize("text, op, value", [
    ("Need a mask of terrain steeper than 25 degrees for the Lake District from the Copernicus DEM", "gt", 25),
    ("Maske des Geländes steiler als 35° im Berchtesgadener Land aus dem Copernicus-DEM", "gt", 35),
    ("zones plus raides que 40° dans le massif des Écrins (MNT Copernicus 30 m)", "gt", 40),
    ("gebieden steiler dan 20 graden in Zuid-Limburg uit het Copernicus DEM", "gt", 20),
    ("zonas más empinadas que 30 grados en la Sierra de Guadarrama, DEM Copernicus", "gt", 30),
    ("aree più ripide di 45 gradi in Val d'Aosta dal DEM Copernicus", "gt", 45),
    ("where is the terrain flatter than 5° around Ely, from the Copernicus 30 m DEM", "lt", 5),
])
def test_a_comparison_of_steepness_is_a_slope_mask(text, op, value):
    it = intent(text)
    assert it.task == "slope" and it.collection == "COPERNICUS_30"
    assert it.threshold is not None and (it.threshold.op, it.threshold.value, it.threshold.unit) == (op, value, "°")
    _, _, facts = graph(text)
    assert "apply_kernel" in facts.processes and {"gt", "lt"} & facts.processes


@pytest.mark.parametrize("text", [
    "map of steep terrain in the Snowdonia from the Copernicus DEM",
    "Steilhänge im Allgäu aus dem Copernicus-Höhenmodell",
    "terrains escarpés du Vercors depuis le MNT Copernicus",
    "terreno escarpado de la Sierra de Gredos con el DEM Copernicus",
])
def test_steep_terrain_named_is_a_slope(text):
    assert intent(text).task == "slope"


@pytest.mark.parametrize("text", [
    "elevation of the Wicklow Mountains from the Copernicus DEM",
    "a steep decline of NDVI in the Beauce in June 2022",
    "NDVI higher than 0.5 in the Po valley, June 2021",
])
def test_no_steepness_word_keeps_the_product(text):
    assert intent(text).task != "slope"


@pytest.mark.parametrize("text", [
    "NO2 over Lombardy: the Sentinel-5P mean of April 2021 minus the mean of April 2019",
    "NO2 über dem Ruhrgebiet: Sentinel-5P-Mittelwert März 2020 abzüglich des Mittelwerts März 2019",
    "NO2 boven de Randstad: gemiddelde van april 2020 min het gemiddelde van april 2019 (Sentinel-5P)",
    "NO2 en Madrid: media de Sentinel-5P de abril de 2020 menos la media de abril de 2019",
    "NO2 a Milano: media Sentinel-5P di aprile 2020 meno la media di aprile 2019",
    "CO sur Lyon : moyenne Sentinel-5P de mai 2021 moins celle de la même période en 2019",
    "NDVI of the Beauce in June 2022 minus the June 2021 median",
    "subtract the 2018 median NDVI from the 2023 median over the Harz",
])
def test_one_period_minus_another_is_a_change(text):
    it = intent(text)
    assert it.change and it.reducer in ("mean", "median")


@pytest.mark.parametrize("text", [
    "NDVI (B08 minus B04) / (B08 plus B04) median of June 2019 over Leuven",
    "NIR minus red over NIR plus red for the Beauce, June 2021",
    "NO2 moyen sur Lyon en mai 2021, moins de 20 % de nuages",
    "NDVI al menos 1 año en Castilla",
    "la scène la moins nuageuse de 2021 sur la Beauce, NDVI",
    "NDVI min en max van juni 2021 in Flevoland",
])
def test_band_arithmetic_and_less_than_are_no_change(text):
    assert not intent(text).change


def test_dutch_min_het_is_no_minimum():
    assert intent("NO2 boven Utrecht: gemiddelde van mei 2020 min het gemiddelde van mei 2019").reducer == "mean"
    assert intent("NDVI min en max van juni 2021 in Flevoland").workflow == "statistics"
