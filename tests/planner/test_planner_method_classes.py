"""Method classes from the blind5 failures, each with varied inputs: comparisons with the verb inside them
(Dutch/German clause order), a flood map whose index is written as a formula, Sentinel-1 statistics of
both polarisations, max-NDVI composites in six languages, best-pixel composites ranked by cloud
probability, and a moving mean on top of an RVI series."""

from __future__ import annotations

import pytest

from agent.planner.i18n import normalize
from agent.planner.methods import find_threshold, find_workflow, ranks_by_cloud
from test_planner_workflows import graph, intent


@pytest.mark.parametrize("text, op, value", [
    ("nieuw water waar het verschil groter is dan 0,3", "gt", 0.3),
    ("kaal land waar de NDVI lager is dan 0,2", "lt", 0.2),
    ("pixels waar de NDWI kleiner wordt dan -0,1", "lt", -0.1),
    ("Flächen, wo die Differenz größer ist als 0,25", "gt", 0.25),
    ("Gebiete, in denen der Index niedriger liegt als 0,15", "lt", 0.15),
    ("velden waar het verschil hoger ligt dan 0.4", "gt", 0.4),
])
def test_a_comparison_with_its_verb_inside_is_a_threshold(text, op, value):
    t = find_threshold(normalize(text))
    assert t is not None and (t.op, t.value) == (op, value)


def test_a_verb_without_comparative_is_no_threshold():
    assert find_threshold(normalize("het gebied is dan 3 keer zo groot")) is None


@pytest.mark.parametrize("text, value", [
    ("Overstromingskaart met NDWI = (B03 - B08)/(B03 + B08), vóór juni 2022, na september 2022, nieuw water waar "
     "het verschil groter is dan 0,3", 0.3),
    ("Flood map from the NDWI difference, NDWI = (B03 - B08) / (B03 + B08), before May 2021 and after July 2021, "
     "new water where the difference is greater than 0.25", 0.25),
    ("Hochwasserkarte aus der NDWI-Differenz (B03 - B08)/(B03 + B08) vor und nach dem Juli 2021, neues Wasser wo die "
     "Differenz größer als 0,2 ist", 0.2),
    ("Carte d'inondation par différence de NDWI = (B03 - B08)/(B03 + B08), avant et après octobre 2020, eau nouvelle "
     "où la différence est supérieure à 0,35", 0.35),
])
def test_a_flood_map_of_a_written_index_thresholds_its_change(text, value):
    it = intent(text)
    assert (it.task, it.index, it.change) == ("index", "NDWI", True)
    assert it.threshold is not None and (it.threshold.op, it.threshold.value) == ("gt", value)


@pytest.mark.parametrize("text", [
    "Sentinel-1 statistieken voor Texel, winter 2023/2024: per pixel mediaan, minimum en maximum van VV en VH in dB, "
    "één band per statistiek",
    "Sentinel-1 statistics of VV and VH over Lake Neusiedl in 2022: mean and standard deviation per pixel",
    "Statistiques Sentinel-1 VV et VH sur la Camargue, été 2021 : médiane et écart-type par pixel",
    "Estadísticas de Sentinel-1 (VV y VH) sobre Doñana en 2023: percentiles 10 y 90 por píxel",
])
def test_s1_statistics_keep_every_polarisation_named(text):
    it = intent(text)
    assert it.workflow == "statistics"
    _, code, f = graph(text)
    assert {b for ld in f.loads for b in ld.bands or []} >= {"VV", "VH"}
    stat = it.stats[0].label
    assert f'"VV_{stat}", "VH_{stat}"' in code


def test_s1_statistics_of_one_polarisation_stay_one_band():
    _, code, f = graph("Sentinel-1 VH statistics for Texel in 2022: mean and standard deviation per pixel")
    assert [ld.bands for ld in f.loads] == [["VH"]] and 'target=["mean"]' in code


@pytest.mark.parametrize("text", [
    "Max-NDVI-composiet voor Utrecht, zomer 2022: kies per pixel de opname met de hoogste NDVI en geef B02, B03 en B04",
    "Max-NDVI-Komposit für Köln, Sommer 2022, Bänder B02, B03, B04",
    "Für Köln, Sommer 2022: pro Pixel die Aufnahme mit dem höchsten NDVI, Bänder B02, B03, B04",
    "Composite NDVI maximum sur Lyon en juillet 2021, bandes B04 B03 B02",
    "Sur Lyon en juillet 2021 : pour chaque pixel l'observation avec le NDVI le plus élevé, bandes B04 B03 B02",
    "Compuesto de máximo NDVI de Sevilla en mayo 2022: bandas B02 B03 B04",
    "Sevilla, mayo 2022: para cada píxel la escena con el NDVI más alto, bandas B02 B03 B04",
    "Bologna, giugno 2022: per ogni pixel l'acquisizione con l'NDVI più alto, bande B02 B03 B04",
])
def test_max_ndvi_composites_in_six_languages_are_best_pixel(text):
    it = intent(text)
    assert (it.task, it.workflow, it.rank_by_cloud) == ("best_pixel", "best_pixel", False)
    _, _, f = graph(text)
    assert {b for ld in f.loads for b in ld.bands or []} >= {"B02", "B03", "B04", "B08"}
    assert {"max", "mask"} <= set(f.processes)


@pytest.mark.parametrize("text", [
    "Best-pixel composite of Malta for summer 2024: for each pixel keep the observation with the lowest cloud "
    "probability (CLD band) and output B04, B03, B02",
    "Best-Pixel-Komposit für Graz, Sommer 2023: pro Pixel die Aufnahme mit der geringsten Wolkenwahrscheinlichkeit, "
    "Bänder B02 B03 B04",
    "Beste-pixel-composiet van Zeeland, zomer 2022: per pixel de opname met de laagste wolkenkans, B02 B03 B04",
    "Composite meilleur pixel de la Corse, été 2023 : pour chaque pixel l'image avec la probabilité de nuages la plus "
    "faible, bandes B04 B03 B02",
    "Per pixel the least cloudy acquisition of Crete in August 2021 (best pixel by CLD), bands B02, B03, B04, B08",
])
def test_best_pixel_by_cloud_probability_ranks_by_cld(text):
    it = intent(text)
    assert (it.task, it.rank_by_cloud) == ("best_pixel", True)
    _, _, f = graph(text)
    loaded = {b for ld in f.loads for b in ld.bands or []}
    assert "CLD" in loaded and {"B02", "B03", "B04"} <= loaded
    assert {"min", "mask"} <= set(f.processes)


@pytest.mark.parametrize("text", [
    "NDVI time series for Ghent 2022 with the lowest cloud cover",
    "Best-pixel composite of Gozo for summer 2020: per pixel, take the date with the highest NDVI",
])
def test_cloud_words_elsewhere_do_not_rank_by_cloud(text):
    assert not (find_workflow(normalize(text)) == "best_pixel" and intent(text).rank_by_cloud)
    assert not ranks_by_cloud(normalize(text))


@pytest.mark.parametrize("text, n", [
    ("Serie temporal del RVI de Sentinel-1 para mi lote en POLYGON((-59.32 -34.71, -59.30 -34.71, -59.30 -34.69, "
     "-59.32 -34.69, -59.32 -34.71)), desde noviembre de 2023: promedio por fecha, suavizado con una media móvil de "
     "3 fechas, en CSV", 3),
    ("RVI time series of Sentinel-1 over my field near Kano, 2023, smoothed with a 5-observation moving average, CSV", 5),
    ("Zeitreihe des RVI (4*VH/(VV+VH)) für mein Feld bei Magdeburg 2022, geglättet mit gleitendem Mittel über "
     "3 Aufnahmen", 3),
    ("Série temporelle du RVI Sentinel-1 sur ma parcelle en Beauce en 2021, moyenne glissante sur 3 dates", 3),
    ("Tijdreeks van de radar-vegetatie-index RVI voor mijn perceel in Flevoland 2022, lopend gemiddelde van 3 opnamen", 3),
])
def test_a_moving_mean_on_an_rvi_series_smooths_it(text, n):
    it = intent(text)
    assert (it.workflow, it.smooth, it.kernel_size) == ("rvi", True, n)
    _, code, f = graph(text)
    assert "apply_dimension" in f.processes and f"rolling(t={n}" in code


def test_an_rvi_series_without_a_window_is_not_smoothed():
    it = intent("RVI time series of Sentinel-1 over my field near Kano in 2023, CSV")
    assert it.workflow == "rvi" and not it.smooth
    _, _, f = graph("RVI time series of Sentinel-1 over my field near Kano in 2023, CSV")
    assert "apply_dimension" not in f.processes
