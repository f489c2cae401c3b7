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
