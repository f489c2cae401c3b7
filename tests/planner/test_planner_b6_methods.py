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


_SMOOTHED_OVER_FIELD = [
    ("NDVI time series for my field at 52.1 N 5.1 E, April to June 2023, averaged over the field and smoothed with a "
     "3-observation moving average", 3),
    ("NDVI-Zeitreihe für mein Feld bei 48.4 N 10.0 E, Mai bis Juli 2022, gemittelt über das Feld, geglättet mit einem "
     "gleitenden Mittel über 5 Aufnahmen", 5),
    ("série temporelle du NDVI pour ma parcelle à 45.1 N 4.8 E, mai à juillet 2022, moyenne sur la parcelle, lissée par "
     "une moyenne glissante sur 3 observations", 3),
    ("serie temporal de NDVI de mi parcela en 37.2 N 3.6 O, abril a junio 2023, promediada sobre la parcela y suavizada "
     "con una media móvil de 7 observaciones", 7),
    ("serie temporale NDVI del mio campo a 44.8 N 11.6 E, aprile-giugno 2023, mediata sul campo e levigata con una media "
     "mobile su 3 osservazioni", 3),
    ("NDVI-tijdreeks van mijn perceel bij 52.5 N 5.7 O, mei tot juli 2023, gemiddeld over het perceel en afgevlakt met "
     "een lopend gemiddelde over 5 waarnemingen", 5),
]


@pytest.mark.parametrize("text, n", _SMOOTHED_OVER_FIELD)
def test_a_moving_average_averaged_over_the_field_is_a_series(text, n):
    it = intent(text)
    assert it.workflow == "moving_window" and it.kernel_size == n
    assert it.timeseries and it.spatial_reducer == "mean" and it.output_format == "JSON"
    _, code, facts = graph(text)
    assert {"apply_dimension", "aggregate_spatial"} <= facts.processes
    assert f"rolling(t={n}" in code and ".json" in code


@pytest.mark.parametrize("text", [
    "NDVI smoothed with a 3-observation moving average over the Beauce, May to July 2022",
    "NDVI-tijdreeks van de Flevopolder, mei tot juli 2023, afgevlakt met een lopend gemiddelde over 5 waarnemingen",
    "gleitender Mittelwert über 3 Aufnahmen des NDVI im Havelland, Juni 2022",
])
def test_a_moving_average_without_an_area_statistic_keeps_every_pixel(text):
    it = intent(text)
    assert it.workflow == "moving_window" and not it.timeseries and it.output_format == "netCDF"


@pytest.mark.parametrize("text", [
    "NDVI gemiddeld over het veld", "NDVI gemittelt über den ganzen Schlag", "NDVI moyenné sur le champ",
    "NDVI promediado sobre el campo", "NDVI mediato sull'intera area", "NDVI averaged over the plot",
])
def test_a_mean_over_the_area_in_six_languages(text):
    from agent.planner.i18n import normalize
    from agent.planner.methods import find_spatial_reducer

    assert find_spatial_reducer(normalize(text)) == "mean"


@pytest.mark.parametrize("text", [
    "Sentinel-1 VV and VH backscatter in dB at 46.5 N, 7.9 E (a pasture we monitor for soil moisture), April to June "
    "2024, as JSON",
    "Sentinel-1 VV-Rückstreuung in dB bei 48.1 N, 11.6 E (eine Wiese, deren Bodenfeuchte ich beobachte), Mai 2023, als JSON",
    "rétrodiffusion VV et VH de Sentinel-1 à 45.2 N, 5.7 E (une prairie suivie pour l'humidité du sol), juin 2022",
    "Sentinel-1 VH backscatter for the Veluwe (we study soil moisture there), October 2021",
])
def test_soil_moisture_in_brackets_beside_backscatter_is_backscatter(text):
    it = intent(text)
    assert it.workflow != "soil_moisture" and it.task == "backscatter"


@pytest.mark.parametrize("text", [
    "soil moisture change detection from Sentinel-1 VV over the Beauce, 2023",
    "Bodenfeuchte aus Sentinel-1 VV-Rückstreuung (Change Detection) für das Marchfeld, Sommer 2022",
    "Sentinel-1 soil moisture index (VV backscatter scaled between dry and wet) for the Po valley, 2021",
])
def test_soil_moisture_asked_for_stays_the_workflow(text):
    assert intent(text).workflow == "soil_moisture"


@pytest.mark.parametrize("text", [
    "Sentinel-1 VV backscatter at 52.1 N, 5.2 E from May to August 2023 as JSON",
    "NDVI for the fields near Ghent, June 2022, as json please",
    "Sentinel-5P NO2 über Köln im März 2024 als JSON",
])
def test_a_json_file_is_a_table_of_values(text):
    it = intent(text)
    assert it.timeseries and it.output_format == "JSON"


def test_a_geojson_area_is_no_table():
    assert not intent("NDVI median for the area in my GeoJSON file, June 2022").timeseries


@pytest.mark.parametrize("text, field", [
    ("backscatter time series of a meadow at 47.1 N, 9.5 E", True),
    ("NDVI of my pasture near Ennis, 2023", True),
    ("NDVI meiner Wiese bei Passau im Mai 2024", True),
    ("NDVI de ma pâture près de Rennes", True),
    ("NDVI van de weide bij Gouda", True),
    ("NDVI de la pradera cerca de Santander", True),
    ("NDVI del pascolo vicino ad Asiago", True),
    ("NDVI of the meadows of the Sologne", False),
    ("NDVI der Wiesen im Allgäu", False),
])
def test_a_meadow_is_one_field(text, field):
    from agent.planner.vocabulary import is_field_scale

    assert is_field_scale(text) is field
