"""Community workflows composed from a request's parts: S1+S2 fusion, multi-sensor records, named colour
composites over a place whose name is a feature word, in six languages."""

from __future__ import annotations

import re
from datetime import date

import pytest
from planner_helpers import intent, plan_graph

from agent.planner.answers import final_answer
from agent.planner.codegen import optical_bands
from agent.planner.dates import Period, find_periods
from agent.planner.i18n import normalize

BBOX = (4.62, 50.82, 4.78, 50.92)
P = Period(start=date(2021, 5, 1), end=date(2021, 6, 1))


def graph(text, periods=(P,)):
    return plan_graph(text, BBOX, list(periods), "Leuven")


@pytest.mark.parametrize("text", [
    "combine Sentinel-1 VV/VH with Sentinel-2 NDVI for the fields around Ghent, June 2022",
    "fuse radar and optical data over the Po delta in August 2021",
    "Sentinel-1 und Sentinel-2 kombiniert: VV, VH und NDVI für Ackerflächen bei Magdeburg, Juni 2022",
    "fusion Sentinel-1 et Sentinel-2 sur la Beauce en mai 2021",
    "Combineer Sentinel-1 en Sentinel-2 voor de polders bij Lelystad, mei 2022",
    "Maak één datacube van Sentinel-1 VV/VH en Sentinel-2 B04/B08, samengevoegd met merge_cubes",
    "Combina Sentinel-1 y Sentinel-2 (VV, VH y NDVI) en la Vega de Granada, junio 2021",
    "Fondere Sentinel-1 e Sentinel-2 sulla pianura padana, luglio 2022",
    "VV, VH and NDVI from Sentinel-1 and Sentinel-2 for the farms near Kano",  # both missions named: both loaded
    "S1+S2 stack for crop mapping",
])
def test_s1_and_s2_together_load_both_and_merge(text):
    it = intent(text)
    assert (it.task, it.workflow) == ("fusion", "fusion")
    _, _, f = graph(text)
    assert {ld.collection for ld in f.loads} == {"SENTINEL1_GRD", "SENTINEL2_L2A"}
    assert "merge_cubes" in f.processes and "resample_cube_spatial" in f.processes


@pytest.mark.parametrize("text, task", [
    ("Sentinel-1 VV backscatter over Lake Geneva, May 2021", "backscatter"),  # 'lake' is no NDWI request
    ("NDVI from Sentinel-2 for the fields near Kano", "index"),
    ("flood map from Sentinel-1 and Sentinel-2 for Lugo, before April 2023, after 17-25 May 2023", "flood"),
    ("radar vegetation index RVI from Sentinel-1 combined per field", "rvi"),
])
def test_one_sensor_or_another_workflow_is_no_fusion(text, task):
    assert intent(text).task == task


def test_a_fusion_keeps_the_named_index_or_bands_and_polarisations():
    _, _, f = graph("combine Sentinel-1 VH with Sentinel-2 NDWI")
    assert {ld.collection: ld.bands for ld in f.loads} == {"SENTINEL2_L2A": ["B03", "B08", "SCL"], "SENTINEL1_GRD": ["VH"]}
    _, code, f = graph("één datacube van Sentinel-1 VV/VH en Sentinel-2 B04/B08 (mediaan), samengevoegd")
    assert {"B04", "B08"} <= set(f.loads[0].bands) and f.loads[1].bands == ["VV", "VH"]
    assert "bands: B04, B08, VV, VH" in code


@pytest.mark.parametrize("text", [
    "NDVI record 1990-2023 from Landsat 5/7/8 and Sentinel-2 for the Sahel around Niamey",
    "Landsat and Sentinel-2 harmonised NDVI over the Camargue 2016-2022",
    "NDVI-Zeitreihe aus Landsat 8 und Sentinel-2 kombiniert für den Nationalpark Hainich, 2019 bis 2021",
    "série NDVI combinant Sentinel-2 et Landsat 8 pour la Beauce, 2018-2022",
    "NDVI van Landsat 8 + Sentinel-2 voor Flevoland, 2019-2021",
    "registro de NDVI de Landsat 8 y Sentinel-2 en Doñana, 2017-2022",
    "serie NDVI da Landsat 8 e Sentinel-2 per la pianura padana, 2018-2021",
])
def test_landsat_and_sentinel_2_are_a_multisensor_record(text):
    it = intent(text)
    assert (it.task, it.workflow) == ("multisensor", "multisensor")


def test_a_record_loads_each_sensor_from_its_first_acquisition_with_its_own_red_and_nir():
    text = "NDVI record 1990-2023 from Landsat 5/7/8 and Sentinel-2 for the Sahel around Niamey"
    periods = find_periods(normalize(text), date(2024, 2, 1))
    assert (periods[0].start, periods[0].end) == (date(1990, 1, 1), date(2024, 1, 1))
    plan, code, f = graph(text, periods[:1])
    loads = {ld.collection: ld for ld in f.loads}
    assert set(loads["SENTINEL2_L2A"].bands) >= {"B04", "B08"} and loads["LANDSAT8_L2"].bands == ["B04", "B05"]
    assert loads["LANDSAT8_L2"].start == date(2013, 3, 18) and loads["SENTINEL2_L2A"].start == date(2015, 7, 4)
    assert {"merge_cubes", "aggregate_spatial"} <= f.processes
    answer = final_answer(plan, None, None, None, code)
    assert "Landsat 4/5 TM and 7 ETM+ are not served" in answer and "LANDSAT8_L2 (B04, B05) 2013-03-18" in answer


def test_a_record_of_every_acquisition_is_not_aggregated_and_keeps_another_index():
    _, _, f = graph("combined Landsat 8 + Sentinel-2 NDWI record, every acquisition, 2019-2021")
    assert "aggregate_temporal_period" not in f.processes
    assert {ld.collection: ld.bands for ld in f.loads}["LANDSAT8_L2"] == ["B03", "B05"]


@pytest.mark.parametrize("text, start, end", [
    ("ndvi 1990-2023", date(1990, 1, 1), date(2024, 1, 1)),
    ("2018 through 2020", date(2018, 1, 1), date(2021, 1, 1)),
    ("from 1985 to 2020", date(1985, 1, 1), date(2021, 1, 1)),
])
def test_year_ranges_of_records(text, start, end):
    p = find_periods(normalize(text), date(2024, 2, 1))
    assert len(p) == 1 and (p[0].start, p[0].end) == (start, end)


@pytest.mark.parametrize("text, bands", [
    ("true colour image of Lake Constance, August 2022", ["B04", "B03", "B02"]),
    ("true color image of Lake Titicaca, July 2020", ["B04", "B03", "B02"]),
    ("Echtfarbenbild vom Bodensee, Juli 2022", ["B04", "B03", "B02"]),
    ("Bild in natürlichen Farben vom Lake Tahoe", ["B04", "B03", "B02"]),
    ("image en couleurs naturelles du lac d'Annecy", ["B04", "B03", "B02"]),
    ("beeld in ware kleuren van het IJsselmeer", ["B04", "B03", "B02"]),
    ("imagen en color natural del lago de Sanabria", ["B04", "B03", "B02"]),
    ("immagine a colori naturali del lago di Garda", ["B04", "B03", "B02"]),
    ("RGB of the burned area after the fire near Athens", ["B04", "B03", "B02"]),
    ("false colour composite of Lake Victoria, January 2023", ["B08", "B04", "B03"]),
    ("Falschfarbenkomposit des Chiemsees", ["B08", "B04", "B03"]),
    ("SWIR composite of Lake Mead, June 2022", ["B12", "B8A", "B04"]),
    ("composite SWIR de l'incendie de la Teste-de-Buch", ["B12", "B8A", "B04"]),
])
def test_a_named_colour_composite_wins_over_the_places_feature_word(text, bands):
    it = intent(text)
    assert it.task == "rgb" and optical_bands(it) == bands


@pytest.mark.parametrize("text, index", [
    ("water extent of Lake Chad in 2022", "NDWI"),
    ("NDWI of Lake Garda", "NDWI"),
    ("vegetation around Lake Naivasha", "NDVI"),
    ("burn severity (dNBR) after the fire, with a true colour preview", "NBR"),
])
def test_without_a_named_composite_the_feature_word_or_named_index_stands(text, index):
    it = intent(text)
    assert (it.task, it.index) == ("index", index)


@pytest.mark.parametrize("text, workflow", [
    ("Rilevamento di chiazze di petrolio al largo di Genova con Sentinel-1", "oil_slick"),
    ("Rileva le chiazze di idrocarburi al largo di Capo Corso", "oil_slick"),
    ("marée noire au large de la Bretagne, Sentinel-1", "oil_slick"),
    ("vertido de petróleo frente a Tarragona", "oil_slick"),
    ("Ölverschmutzung vor Rügen", "oil_slick"),
    ("Variazione dell'umidità del suolo da Sentinel-1 per il Tavoliere", "soil_moisture"),
    ("Numero di giorni con temperatura superficiale sopra i 35 °C a Roma", "count_days"),
    ("Tage mit LST über 30 °C in Berlin", "count_days"),
    ("dagen met oppervlaktetemperatuur boven 30 °C", "count_days"),
    ("días con temperatura de superficie por encima de 40 °C", "count_days"),
    ("Bester-Pixel-Komposit nach höchstem NDVI", "best_pixel"),
    ("Beste-pixel composiet (hoogste NDVI) voor Flevoland", "best_pixel"),
    ("Composito del miglior pixel (NDVI massimo) per la pianura padana", "best_pixel"),
    ("Quota di ogni classe di copertura del suolo (WorldCover) nella provincia di Cremona", "zonal_landcover"),
    ("Percentuale di bosco (WorldCover) in Trentino", "zonal_landcover"),
    ("répartition de l'occupation du sol (WorldCover) dans le Gers", "zonal_landcover"),
])
def test_workflow_words_in_six_languages(text, workflow):
    assert intent(text).workflow == workflow


def test_dutch_hillshade():
    assert intent("Reliëfschaduw van de Veluwe").task == "hillshade"


@pytest.mark.parametrize("text, classes", [
    ("Share of each land cover class (WorldCover) in the province of Utrecht", list(range(10, 101, 10))[:9] + [95, 100]),
    ("Anteil der Landbedeckungsklassen (WorldCover) im Landkreis Ebersberg", list(range(10, 101, 10))[:9] + [95, 100]),
    ("Aandeel bos en grasland (ESA WorldCover 2021) in Drenthe", [10, 30]),
    ("share of crops and trees (WorldCover) in Kent", [10, 40]),
])
def test_land_cover_shares_name_their_classes_or_all_of_them(text, classes):
    assert sorted(intent(text).landcover_classes) == sorted(classes)


@pytest.mark.parametrize("text", ["ESA WorldCover map of Venice", "WorldCover land cover around Boston"])
def test_a_place_name_holding_a_class_word_names_no_class(text):
    assert intent(text).landcover_class is None  # 'ice' in Venice, 'bos' in Boston


@pytest.mark.parametrize("text", [
    "Slope in degrees for Mount Kilimanjaro, plus a mask of everything steeper than 30°",
    "Hangneigung am Brocken: Flächen steiler als 30 Grad",
    "pentes plus raides que 30° dans le massif",
    "pendenze superiori a 30 gradi sull'Etna",
])
def test_a_slope_threshold_is_a_mask_in_degrees(text):
    it = intent(text)
    assert it.task == "slope" and (it.threshold.op, it.threshold.value, it.threshold.unit) == ("gt", 30.0, "°")
    _, code, f = graph(text)
    assert "gt" in f.processes and re.search(r"\w+ = slope > 30\b", code)


@pytest.mark.parametrize("text, period", [
    ("Wekelijkse NO2-gemiddelden van Sentinel-5P boven Rotterdam", "week"),
    ("moyenne hebdomadaire du NO2", "week"),
    ("Jahresmittel NO2 aus Sentinel-5P für das Ruhrgebiet 2019 bis 2022", "year"),
    ("Media annuale di O3 da Sentinel-5P sulla Lombardia, 2018-2020", "year"),
])
def test_weekly_and_yearly_aggregation(text, period):
    assert intent(text).period == period


def test_a_yearly_value_of_one_year_is_one_reduction():
    _, _, f = graph("annual mean NO2 from Sentinel-5P", (Period(start=date(2020, 1, 1), end=date(2021, 1, 1)),))
    assert "aggregate_temporal_period" not in f.processes
    _, _, f = graph("annual mean NO2 from Sentinel-5P", (Period(start=date(2019, 1, 1), end=date(2023, 1, 1)),))
    assert "aggregate_temporal_period" in f.processes


@pytest.mark.parametrize("text, collection", [
    ("NO2 April 2020 versus April 2019 over Milan, Sentinel-5P", "SENTINEL_5P_L2"),
    ("land surface temperature difference between July 2018 and July 2022 in Paris", "SENTINEL3_SLSTR_L2_LST"),
    ("Sentinel-1 VV backscatter change between June 2021 and June 2022", "SENTINEL1_GRD"),
])
def test_a_one_band_product_compared_between_two_periods_loads_both(text, collection):
    before, after = Period(start=date(2019, 4, 1), end=date(2019, 5, 1)), Period(start=date(2020, 4, 1), end=date(2020, 5, 1))
    _, _, f = graph(text, (before, after))
    assert [ld.collection for ld in f.loads] == [collection, collection]
    assert sorted((ld.start, ld.end) for ld in f.loads) == [(before.start, before.end), (after.start, after.end)]
    assert "subtract" in f.processes


def test_a_threshold_on_the_index_of_a_change_marks_where_it_became_true():
    before, after = Period(start=date(2022, 6, 1), end=date(2022, 7, 1)), Period(start=date(2022, 8, 25), end=date(2022, 9, 11))
    text = "NDWI-difference flood map around Dadu, June 2022 versus 25 August - 10 September 2022, water where NDWI > 0 after but not before"
    assert intent(text).threshold_on_index
    _, code, f = graph(text, (before, after))
    assert "change = (after > 0) & ~(before > 0)" in code and {"and", "not"} <= f.processes
    diff = intent("NDWI difference greater than 0.2 between June and August")
    assert diff.change and not diff.threshold_on_index  # a threshold on the difference
    assert not intent("dNBR > 0.27 after the fire").threshold_on_index


@pytest.mark.parametrize("text, today, expected", [
    ("Rileva le chiazze di idrocarburi al largo di Capo Corso dopo la collisione del 7 ottobre 2018: Sentinel-1 VV, "
     "dall'8 al 15 ottobre 2018", date(2018, 10, 18), [("2018-10-08", "2018-10-16")]),
    ("oil slick after the Wakashio grounding on 25 July 2020: Sentinel-1 from 6 to 12 August 2020", date(2020, 9, 1),
     [("2020-08-06", "2020-08-13")]),
    ("true colour image of 18 June 2022 of the fields harvested in May 2022", date(2022, 7, 1), [("2022-06-18", "2022-06-19")]),
])
def test_a_day_of_the_event_before_the_window_is_context_not_the_window(text, today, expected):
    from agent.planner.followups import resolve
    from agent.planner.model import choose_periods

    slots = resolve(text, normalize(text), today, None, None)
    chosen = choose_periods(slots, find_periods(normalize(text), today), today)
    assert [(p.start.isoformat(), p.end.isoformat()) for p in chosen] == expected


@pytest.mark.parametrize("text, task", [
    ("true colour image of the flooded fields near Valencia, 30 October 2024", "rgb"),
    ("image en couleurs naturelles de l'inondation à Nîmes", "rgb"),
    ("flood map of Passau in false colour, June 2013", "flood"),
    ("false colour composite to map the flood extent near Lugo", "flood"),
    ("flooded fields after the storm", "flood"),
])
def test_a_named_colour_composite_of_a_flood_is_an_image_unless_a_flood_map_is_asked(text, task):
    assert intent(text).task == task


@pytest.mark.parametrize("text, value", [
    ("¿Cuántos días superó la temperatura de superficie los 42 °C en Sevilla en julio de 2022?", 315.15),
    ("Quanti giorni la temperatura superficiale ha superato i 35 °C a Firenze?", 308.15),
])
def test_a_verb_of_exceeding_far_from_its_temperature(text, value):
    it = intent(text)
    assert (it.task, it.workflow, it.threshold.op, it.threshold.value) == ("lst", "count_days", "gt", value)


@pytest.mark.parametrize("text, azimuth, altitude", [
    ("Schummerung des Harzes mit Sonnenazimut 300° und Sonnenhöhe 40°", 300.0, 40.0),
    ("ombrage du relief, azimut 270, hauteur du soleil 35", 270.0, 35.0),
    ("sombreado con azimut 315 y altura solar 45", 315.0, 45.0),
])
def test_hillshade_sun_in_other_languages(text, azimuth, altitude):
    it = intent(text)
    assert (it.task, it.azimuth, it.altitude) == ("hillshade", azimuth, altitude)


@pytest.mark.parametrize("text, task, bands, formula", [
    ("Can I see a colour-infrared (B08/B04/B03) Sentinel-2 image of Lahaina? We want to show where the vegetation "
     "burned.", "rgb", ["B08", "B04", "B03"], False),
    ("SWIR composite (B12/B8A/B04) of the burn scar", "rgb", ["B12", "B8A", "B04"], False),
    ("Sentinel-2 B04/B08 median composite", "composite", ["B04", "B08"], False),
    ("the ratio b8 / b4, please", "index", None, True),
    ("B8/B4 Verhältnis für die Felder", "index", None, True),
])
def test_bands_listed_with_slashes_are_no_ratio_unless_one_is_asked(text, task, bands, formula):
    it = intent(text)
    assert it.task == task and (it.formula is not None) is formula
    if bands:
        assert optical_bands(it) == bands


@pytest.mark.parametrize("word", ["Combina", "Composición", "Kombiniere", "Unisci", "Combineer"])
def test_verbs_and_nouns_of_combining_are_no_places(word):
    from agent.planner.vocabulary import is_vocabulary

    assert is_vocabulary(word)


@pytest.mark.parametrize("text", [
    "Median Landsat 8/9 surface temperature (band B10) over Las Vegas for last summer, please.",
    "Oberflächentemperatur aus Landsat über Sevilla im Juli 2022",
    "température de surface Landsat B10 sur Marseille, août 2023",
])
def test_landsat_named_for_temperature_is_landsat_not_slstr(text):
    """The named sensor was silently replaced by Sentinel-3 SLSTR at 1 km."""
    it = intent(text)
    assert (it.task, it.collection) == ("lst", "LANDSAT8_L2")
    _, code, f = graph(text)
    assert '"LANDSAT8_L2"' in code and '["B10"]' in code and "0.00341802 + 149.0" in code
    assert intent("land surface temperature over Seville, July 2022").collection == "SENTINEL3_SLSTR_L2_LST"


@pytest.mark.parametrize("text,band", [
    ("TROPOMI methane (CH4) over the Permian Basin, bbox [-104.5, 31.0, -101.0, 33.5] (W, S, E, N): the mean and "
     "the standard deviation per pixel for July–September 2023, as two bands.", "CH4"),
    ("Mittelwert und Standardabweichung von NO2 aus Sentinel-5P über dem Ruhrgebiet, Januar 2023, je ein Band", "NO2"),
    ("Median and 90th percentile of Landsat B10 surface temperature over Phoenix, summer 2023", "B10"),
])
def test_statistics_of_a_gas_or_landsat_temperature_load_their_own_band(text, band):
    """Per-pixel statistics of CH4 loaded B04/B08 from Sentinel-5P (the statistics workflow knew only
    indices, LST and radar), and validation failed."""
    _, code, f = graph(text)
    assert f'bands=["{band}"]' in code and "B04" not in code, code
    assert f'.band("{band}")' in code
