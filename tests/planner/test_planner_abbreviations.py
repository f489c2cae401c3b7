"""Month abbreviations and event names are no places: "CO column Dec 2019 - Jan 2020 ... during the Black
Summer" looked up Dec (Decatur), Jan and Black (Black Lake, Canada) and loaded Canada instead of Sydney."""

from __future__ import annotations

from datetime import date

import pytest
from planner_helpers import build_graph, converse_with_gazetteer

from agent.planner.places import place_candidates


@pytest.mark.parametrize("text, places", [
    ("Smoke over Sydney during the Black Summer, CO column Dec 2019 - Jan 2020", ["Sydney"]),
    ("NDVI of Lyon, Jun 2024", ["Lyon"]),
    ("NO2 over Madrid Sept-Oct 2023", ["Madrid"]),
    ("NDVI van Gent, mrt 2022", ["Gent"]),
    ("Bodenfeuchte in der Lausitz 3. Okt 2023", ["Lausitz"]),
    ("NDVI de Sevilla, ene-abr 2024", ["Sevilla"]),
    ("Chlorophyll in the Mar Menor, 15 Aug 2024", ["Mar Menor"]),  # a name that starts like a month stays
    ("Karte von Jan Mayen, Okt. 2023", ["Jan Mayen"]),
    ("Mar del Plata coast, Jan-Mar 2024", ["Mar del Plata"]),
    ("Brandschäden nach dem Black Saturday bei Melbourne", ["Melbourne"]),
])
def test_month_abbreviations_and_event_names_are_no_places(text, places):
    found = [c for c in place_candidates(text) if c not in ("Smoke", "Chlorophyll", "Brandschäden")]
    assert found == places


def test_the_plume_of_the_black_summer_is_over_sydney():
    _, calls = converse_with_gazetteer("Smoke over Sydney during the Black Summer, CO column Dec 2019 - Jan 2020",
                                       date(2026, 12, 7))
    assert [c["name"] for c in calls["find_place"]] == ["Sydney"]
    load = next(n for n in build_graph(calls["run_openeo_code"][-1]["code"]).values() if n["process_id"] == "load_collection")
    ext = load["arguments"]["spatial_extent"]
    assert ext["west"] < 151.2 < ext["east"] and ext["south"] < -33.87 < ext["north"]
    assert load["arguments"]["temporal_extent"] == ["2019-12-01", "2020-02-01"]


@pytest.mark.parametrize("text, lang_word", [
    ("Volcanic ash from Ruang volcano, Indonesia, April 2024 - SO2 from Sentinel-5P", "could not find Ruang volcano"),
    ("NDVI im Wadi Qelt, Israel, Mai 2024", "Wadi Qelt steht nicht"),
    ("NDVI de la vallée de Xyzzy au Luxembourg, mai 2024", "Je n'ai pas trouvé"),
])
def test_a_place_not_found_in_a_country_too_large_to_load_is_asked_for(text, lang_word):
    # the country's clamped centre (Sulawesi for a volcano at 125.4 E, 2.3 N) was computed in its place
    messages, calls = converse_with_gazetteer(text, date(2026, 12, 7))
    assert "run_openeo_code" not in calls
    assert lang_word in messages[-1].content and "km²" in messages[-1].content


def test_a_place_not_found_in_a_small_country_keeps_the_country():
    _, calls = converse_with_gazetteer("NO2 over the Xyzzy valley in Luxembourg, May 2024, Sentinel-5P", date(2026, 12, 7))
    assert "run_openeo_code" in calls  # Luxembourg fits one Sentinel-5P load: the country, said in the answer


@pytest.mark.parametrize("text, place, qualifier", [
    ("Cyclone Freddy flooding in Malawi's Chikwawa district, March 2023", "Chikwawa district", "Malawi"),
    ("NDVI of Kenya's Rift Valley in May", "Rift Valley", "Kenya"),
    ("Spain's Doñana park water, 2023", "Doñana", "Spain"),
    ("Greece's Evros delta fires", "Evros delta", "Greece"),
])
def test_a_possessive_country_qualifies_the_place_after_it(text, place, qualifier):
    # "Malawi's Chikwawa district" was looked up as one name, "Malawi Chikwawa district", and not found
    from agent.planner.places import qualifier_phrases

    assert place_candidates(text)[:2] == [place, qualifier] and qualifier_phrases(text) == [qualifier]


def test_a_storms_possessive_is_no_qualifier():
    assert place_candidates("Storm Daniel's floods in Thessaly") == ["Thessaly"]


@pytest.mark.parametrize("text, place", [
    ("Incendios en Viña del Mar, Chile, febrero de 2024: severidad dNBR", "Viña del Mar"),
    ("Inondations à Porto Alegre en mai 2024", "Porto Alegre"),
    ("Overstroming in Limburg juli 2021", "Limburg"),
    ("Alluvione in Emilia-Romagna, maggio 2023", "Emilia-Romagna"),
    ("Neige sur les Vosges en janvier 2024", "Vosges"),
])
def test_another_languages_topic_word_is_no_place(text, place):
    # "Incendios en Viña del Mar" was one name, looked up five ways and reported as not found
    assert place_candidates(text)[0] == place


def test_a_region_cut_to_one_load_is_said():
    messages, _ = converse_with_gazetteer("Deforestation in Rondônia between 2019 and 2024, NDVI difference", date(2026, 12, 7))
    assert "is larger than one SENTINEL2_L2A load here, so this is the" in messages[-1].content
    messages, _ = converse_with_gazetteer("NDVI of Munich in June 2025", date(2026, 12, 7))
    assert "larger than one" not in messages[-1].content


def test_euboea_by_its_names():
    from tools.places import find_place

    for name in ("Evia", "Euboea", "Eubée", "Euböa"):
        assert find_place(name).name == "Euboea"


def test_the_namesake_preferred_is_the_one_of_the_requests_language():
    # an Italian request was counted French by its function words ("a", "la", "con") and looked up Valence, France
    _, calls = converse_with_gazetteer("Area allagata a Valencia dopo la DANA, confronto con ottobre", date(2024, 11, 10))
    assert [c["name"] for c in calls["find_place"]] == ["Valencia"]
