"""Event and surface words that choose a method (agent/planner/hazards.py), the collection of a window before a
record (agent/planner/availability.py) and a radar quantity asked during a flood; inputs other than the sweeps'."""

from __future__ import annotations

from datetime import date

import pytest

from agent.planner.availability import record_choice
from agent.planner.dates import Period
from agent.planner.hazards import find_hazard, is_event_word
from agent.planner.i18n import normalize
from agent.planner.intents import L8, S1, S2_L2A, S5P, Intent, parse_intent


@pytest.mark.parametrize("text", [
    "Mudslides after the storm of 3 March 2024 above Sierra Madre",
    "Hangrutschungen am Hochvogel nach dem Starkregen im Juni 2024",
    "Bergrutsch bei Bondo im August 2017",
    "Éboulements dans la vallée de la Vésubie après la tempête Alex d'octobre 2020",
    "Aardverschuivingen in Kerala na de moesson van 2018",
    "Corrimientos de tierra en Tenerife tras las lluvias de noviembre de 2022",
    "Smottamenti in Val di Susa dopo il temporale di luglio 2023",
])
def test_a_landslide_word_asks_for_an_ndvi_change(text):
    it = parse_intent(normalize(text))
    assert (it.task, it.index, it.change, it.hazard, it.collection) == ("index", "NDVI", True, "landslide", S2_L2A)


@pytest.mark.parametrize("text", [
    "Landslide susceptibility map of the Ligurian coast",
    "Rutschungsgefahr im Allgäu",
    "Rischio frane in Liguria",
])
def test_a_landslide_risk_is_no_event(text):
    assert parse_intent(normalize(text)).hazard is None


@pytest.mark.parametrize("text", [
    "Where did the lava go on Kīlauea in September 2023?", "Lavafeld des Holuhraun im September 2014",
    "La lave du Piton de la Fournaise en juillet 2023", "lavastroom op de Etna in mei 2024",
    "Flujo de lava del Villarrica en marzo de 2015", "Colata lavica dello Stromboli nel 2024",
])
def test_lava_is_a_swir_composite(text):
    it = parse_intent(normalize(text))
    assert (it.task, it.palette, it.hazard) == ("rgb", "swir", "lava")


def test_lava_between_two_periods_is_the_nbr_change():
    it = parse_intent(normalize("Lava flows on Mount Etna: change between January and March 2021"))
    assert (it.task, it.index, it.change, it.hazard) == ("index", "NBR", True, "lava")


@pytest.mark.parametrize("text", [
    "Open water on the Camargue ponds, May 2024", "Wasserflächen am Bodensee im April 2023",
    "Surfaces en eau du lac du Der en octobre 2022", "Waterkaart van de Oostvaardersplassen, juni 2023",
    "Lámina de agua de la Albufera en mayo de 2023", "Superficie d'acqua del lago di Como ad agosto 2022",
])
def test_a_water_surface_is_an_ndwi_mask(text):
    it = parse_intent(normalize(text))
    assert (it.task, it.index, it.hazard) == ("index", "NDWI", "water")
    assert it.threshold is not None and (it.threshold.op, it.threshold.value) == ("gt", 0.0)


@pytest.mark.parametrize("text", [
    "Volcanic ash over Iceland in April 2010", "Aschewolke über Island im Mai 2011",
    "Nuage de cendres au-dessus de l'Etna en décembre 2018", "Ceniza volcánica sobre Guatemala en junio 2018",
    "Cenere vulcanica sopra Catania a dicembre 2018",
])
def test_volcanic_ash_is_the_aerosol_index(text):
    it = parse_intent(normalize(text))
    assert (it.task, it.collection, it.product) == ("atmosphere", S5P, "AER_AI_354_388")


def test_a_gas_named_beside_ash_wins():
    assert parse_intent(normalize("SO2 and volcanic ash over Etna in May 2024")).product == "SO2"


def test_a_named_index_or_radar_wins_over_an_event_word():
    assert find_hazard(normalize("landslides")) is not None
    assert parse_intent(normalize("NBR after the landslide of 5 May 2024 near Bondo")).hazard is None
    assert parse_intent(normalize("Sentinel-1 backscatter of the lava field, June 2024")).hazard is None


@pytest.mark.parametrize("word, event", [
    ("Lavastromen", True), ("Erdrutsche", True), ("Vulkanasche-Wolke", True), ("Wasserflächen", True),
    ("Laval", False), ("Lavagna", False), ("Franeker", False), ("Palma", False),
])
def test_event_words_are_no_place_names(word, event):
    assert is_event_word(word) is event


@pytest.mark.parametrize("text", [
    "Sentinel-1 VH mean around Passau for 1-10 June 2024 during the flood",
    "Mittlere VV-Rückstreuung bei Grimma während des Hochwassers im Juni 2024",
])
def test_a_radar_quantity_during_a_flood_is_that_quantity(text):
    it = parse_intent(normalize(text))
    assert (it.task, it.collection) == ("backscatter", S1)


def test_a_flood_map_stays_a_flood_map():
    assert parse_intent(normalize("Sentinel-1 VV flood map of Grimma, June 2024")).task == "flood"


def _month(y: int, m: int) -> Period:
    return Period(start=date(y, m, 1), end=date(y + (m == 12), m % 12 + 1, 1), kind="month")


def test_an_optical_window_before_sentinel_2_is_read_from_landsat():
    choice = record_choice(Intent(task="index", index="NDVI", collection=S2_L2A), [_month(2014, 8)])
    assert choice is not None and (choice.action, choice.used, choice.first) == ("swapped", L8, date(2015, 7, 4))
    # a change with one window before the record: both windows from Landsat
    both = record_choice(Intent(task="index", index="NDVI", collection=S2_L2A, change=True), [_month(2014, 8), _month(2016, 8)])
    assert both is not None and both.action == "swapped" and (both.start, both.end) == (date(2014, 8, 1), date(2014, 9, 1))


def test_windows_in_the_record_or_mostly_in_it_keep_the_collection():
    assert record_choice(Intent(task="index", collection=S2_L2A), [_month(2016, 8)]) is None
    year_2015 = Period(start=date(2015, 6, 1), end=date(2015, 10, 1), kind="months")  # most of it after July 4th
    assert record_choice(Intent(task="index", collection=S2_L2A), [year_2015]) is None


def test_radar_before_sentinel_1_asks_and_offers_landsat_when_it_covers():
    offer = record_choice(Intent(task="backscatter", collection=S1), [_month(2013, 11)])
    assert offer is not None and (offer.action, offer.used) == ("ask", L8)
    later = record_choice(Intent(task="flood", collection=S1), [_month(2011, 11)])
    assert later is not None and (later.action, later.used) == ("ask", None)
    optical_2011 = record_choice(Intent(task="index", collection=S2_L2A), [_month(2011, 11)])
    assert optical_2011 is not None and (optical_2011.action, optical_2011.used) == ("ask", None)


def test_the_answer_names_landsat_and_the_question_the_record(tmp_path):
    from planner_helpers import converse_with_gazetteer

    messages, calls = converse_with_gazetteer("NDVI of the Camargue in July 2014", date(2024, 1, 10), folder=tmp_path)
    assert "LANDSAT8_L2" in calls["run_openeo_code"][-1]["code"]
    assert "Landsat 8-9" in str(messages[-1].content) and "2015-07-04" in str(messages[-1].content)
    messages, calls = converse_with_gazetteer("Sentinel-1 Rückstreuung in Passau im Juni 2013", date(2024, 1, 10),
                                              folder=tmp_path)
    assert not calls.get("run_openeo_code") and "2014-10-03" in str(messages[-1].content)


@pytest.mark.parametrize("text, product", [
    ("Schwefeldioxidwolke über Island im Januar 2024", "SO2"), ("Stickstoffdioxidkonzentration in Köln 2023", "NO2"),
    ("zwaveldioxidepluim boven de Etna in mei 2024", "SO2"), ("Kohlenmonoxidbelastung über Sibirien im Juli 2021", "CO"),
])
def test_a_gas_at_the_start_of_a_compound_is_that_gas(text, product):
    it = parse_intent(normalize(text))
    assert (it.task, it.collection, it.product) == ("atmosphere", S5P, product)


@pytest.mark.parametrize("text", [
    "Map the Cumbre Vieja eruption, November 2021", "Vulkanausbruch auf Island im März 2021",
    "Éruption de l'Etna en février 2021", "de uitbarsting van de Etna in mei 2024",
    "la erupción del Tajogaite en octubre de 2021", "l'eruzione dell'Etna a dicembre 2018",
])
def test_an_eruption_with_no_product_is_its_lava(text):
    it = parse_intent(normalize(text))
    assert (it.task, it.palette, it.hazard) == ("rgb", "swir", "lava")


def test_a_gas_or_ash_after_an_eruption_is_sentinel_5p():
    assert parse_intent(normalize("SO2 after the eruption of Hunga Tonga, January 2022")).product == "SO2"
    assert parse_intent(normalize("Ash cloud of the Etna eruption, December 2018")).product == "AER_AI_354_388"
