"""Feature names with two-word connectors are one place phrase ("Piton de la Fournaise" is not "Piton"
and "Fournaise"); a small town found for a feature without its word is not the feature; land-cover
shares asked in compound words (German, Dutch) are the zonal land-cover workflow."""

from __future__ import annotations

import pytest

from agent.planner.i18n import normalize
from agent.planner.methods import find_workflow
from agent.planner.places import PlaceHit, place_candidates, small_town_for_feature


@pytest.mark.parametrize("text, phrase", [
    ("SO2 au-dessus de La Réunion pendant l'éruption du Piton de la Fournaise, juillet 2023", "Piton de la Fournaise"),
    ("NDVI over the Sierra de la Demanda in 2023", "Sierra de la Demanda"),
    ("Mapa de la Sierra de las Nieves en 2022", "Sierra de las Nieves"),
    ("Temperature on the Cabo de la Nao in August", "Cabo de la Nao"),
    ("NDVI for the Bosque de los Arrayanes", "Bosque de los Arrayanes"),
    ("Hillshade of the Massif de la Chartreuse", "Massif de la Chartreuse"),
    ("NDVI del Parco dei Monti della Laga", "Parco dei Monti della Laga"),
])
def test_two_word_connectors_keep_one_name(text, phrase):
    cands = place_candidates(text)
    assert phrase in cands, cands
    assert not any(c != phrase and c in phrase for c in cands), cands  # no shorter part of it on its own


@pytest.mark.parametrize("text, places", [
    ("Carte de la Camargue en 2023", ["Camargue"]),
    ("NDVI entre Lyon et la Loire", ["Lyon", "Loire"]),
    ("Inondations de la Garonne à Toulouse", ["Garonne", "Toulouse"]),
])
def test_a_leading_de_la_is_no_name(text, places):
    assert place_candidates(text) == places


@pytest.mark.parametrize("phrase, kind, small", [
    ("Kinzig Valley", "town", True),
    ("Piton Forest", "city, pop. 6k", True),
    ("Manchar Lake", "city, pop. 9k", True),
    ("Kathmandu Valley", "city, pop. 1.4M", False),   # the valley around a big city: the city is a fair area
    ("Nord Province", "town", False),                 # an admin word, not a natural feature
])
def test_a_small_town_is_not_the_feature(phrase, kind, small):
    hit = PlaceHit(name="X, Somewhere", bbox=(0.0, 0.0, 0.1, 0.1), kind=kind)
    assert small_town_for_feature(phrase, hit) is small


@pytest.mark.parametrize("text", [
    "Wie verteilen sich die Landbedeckungsklassen von ESA WorldCover im Landkreis Harz? Ich brauche die Flächenanteile je Klasse.",
    "Waldanteil und Ackeranteil der Landbedeckung im Kreis Steinfurt",
    "Wat is het oppervlakteaandeel per klasse van de bodembedekking in Drenthe?",
    "Porcentaje de cada clase de uso del suelo en la comarca del Bierzo",
    "Part de chaque classe de couverture du sol dans le Finistère",
])
def test_land_cover_shares_in_compounds(text):
    assert find_workflow(normalize(text)) == "zonal_landcover"


def test_no_share_word_no_zonal():
    assert find_workflow(normalize("Landbedeckungskarte von ESA WorldCover für Hamburg")) != "zonal_landcover"


@pytest.mark.parametrize("text, phrase", [
    ("Carte NDVI du Parc naturel régional du Vercors en juillet 2022", "Parc naturel régional du Vercors"),
    ("Carte NDVI du parc naturel régional du Vercors en juillet 2022", "parc naturel régional du Vercors"),
    ("Mapa NDVI del parque natural de Doñana, mayo 2023", "parque natural de Doñana"),
    ("NDVI im Naturschutzgebiet Lüneburger Heide, Juni 2023", "Naturschutzgebiet Lüneburger Heide"),
    ("NDVI in the nature reserve of Oostvaardersplassen in May", "nature reserve of Oostvaardersplassen"),
])
def test_a_protected_area_word_before_a_name_is_part_of_the_phrase(text, phrase):
    cands = place_candidates(text)
    assert cands[0] == phrase, cands
    assert not any(c != phrase and c in phrase for c in cands), cands  # not "Parc" on its own


@pytest.mark.parametrize("text, places", [
    ("Use the SCL and CLD bands over Gozo in June 2024", ["Gozo"]),
    ("Best pixel of Malta: keep the observation with the lowest cloud probability (CLD band)", ["Malta"]),
    ("Snow map of Tirol from SNW, TCI and AOT in March 2023", ["Tirol"]),
    ("HCHO and B8A over Lagos in 2022", ["Lagos"]),
])
def test_band_names_are_no_places(text, places):
    cands = place_candidates(text)
    assert cands[:len(places)] == places, cands  # a weak sentence-initial word ("Best") may follow, never first
    assert not {"SCL", "CLD", "SNW", "TCI", "AOT", "HCHO", "B8A"} & set(cands), cands
