"""Country names in the answer's language (agent/planner/country_words.py): the gazetteer's English country of a
place's label is worded in the request's language, and every such name is one find_place finds, so that a reply
naming it resolves."""

from __future__ import annotations

import re
from datetime import date

import pytest

from agent.planner.country_words import COUNTRY_NAMES, country_in, label_in
from planner_helpers import answer_of, converse_with_gazetteer


@pytest.mark.parametrize("label,lang,worded", [
    ("Köln, Germany", "fr", "Köln, Allemagne"),
    ("Venlo, The Netherlands", "nl", "Venlo, Nederland"),
    ("Leuven, Flanders, Belgium", "it", "Leuven, Flanders, Belgio"),
    ("Cáceres, Brazil (pop. 96k)", "es", "Cáceres, Brasil (pop. 96k)"),
    ("Spain", "de", "Spanien"),
    ("Sevilla, Spain", "en", "Sevilla, Spain"),
    ("Tbilisi, Georgia", "fr", "Tbilisi, Georgia"),  # not in the table (the US state has that name too): kept
    ("Reykjavík, Iceland", "xx", "Reykjavík, Iceland"),
])
def test_the_country_of_a_label_is_worded_in_the_language(label, lang, worded):
    assert label_in(label, lang) == worded


def test_every_country_name_is_found_as_that_country():
    from tools.places import find_place

    for english, names in COUNTRY_NAMES.items():
        country = find_place(english).name
        for lang, name in names.items():
            assert find_place(name).name == country, (english, lang, name)


@pytest.mark.parametrize("request_text,lang", [
    ("Carte des inondations Sentinel-1 près de Köln, janvier 2021", "fr"),
    ("Mapa NDVI de Bolonia, junio 2023", "es"),
    ("Overstromingskaart Sentinel-1 bij Düsseldorf, juli 2021", "nl"),
    ("Mappa NDVI di Lione, giugno 2023", "it"),
])
def test_an_answer_names_the_place_s_country_in_the_request_s_language(request_text, lang):
    messages, calls = converse_with_gazetteer(request_text, date(2024, 11, 1))
    answer = answer_of(messages)
    english = [c for c in COUNTRY_NAMES if re.search(rf"\b{c}\b", answer) and country_in(c, lang) != c]
    assert "run_openeo_code" in calls and not english, (english, answer)


def test_a_reply_with_the_country_of_the_namesake_question_is_understood():
    """'De quel Cáceres parlez-vous : Cáceres, Espagne ou Cáceres, Brésil ?' -> 'Cáceres, Brésil' is Brazil's."""
    first, _ = converse_with_gazetteer("NDVI médian sur Cáceres, juin 2023, GeoTIFF", date(2023, 8, 1))
    question = answer_of(first)
    assert "Cáceres, Espagne" in question and "Cáceres, Brésil" in question, question
    messages, calls = converse_with_gazetteer("Cáceres, Brésil", date(2023, 8, 1), history=first)
    code = calls["run_openeo_code"][-1]["code"]
    west = float(re.search(r'"west": (-?[\d.]+)', code).group(1))
    assert -59 < west < -56, code  # Cáceres, Mato Grosso (about 57.7 W, 16.1 S), not Cáceres in Spain (6.4 W)


@pytest.mark.parametrize("request_text,country", [
    ("Gemiddelde NDVI per provincie in Nederland, juni 2023", "Nederland"),
    ("NDVI moyen par province aux Pays-Bas, juin 2023", "Pays-Bas"),
    ("NDVI medio por provincia en los Países Bajos, junio 2023", "Países Bajos"),
    ("Mittlerer NDVI je Provinz in den Niederlanden, Juni 2023", "Niederlande"),  # the dative is found too
])
def test_the_note_of_a_region_without_parts_names_it_in_the_request_s_language(request_text, country):
    messages, _ = converse_with_gazetteer(request_text, date(2023, 8, 1))
    answer = answer_of(messages)
    assert country in answer and "Netherlands" not in answer, answer


@pytest.mark.parametrize("request_text,named,english", [
    ("Mappa NO2 Sentinel-5P su Milano, gennaio 2024", "Milano, Italia", "Milan"),
    ("Echtfarbenbild von Den Haag vom 3. März 2024", "Den Haag, Niederlande", "The Hague"),
    ("NDVI van Keulen in juni 2023", "Keulen, Duitsland", "Cologne"),
    ("Mapa NDVI de Nápoles, junio 2023", "Nápoles, Italia", "Naples"),
    ("Carte NDVI de Gênes, juin 2023", "Gênes, Italie", "Genoa"),
])
def test_a_town_keeps_the_name_the_request_called_it_by(request_text, named, english):
    messages, _ = converse_with_gazetteer(request_text, date(2024, 11, 1))
    answer = answer_of(messages)
    assert named in answer and not re.search(rf"\b{english}\b", answer), answer


def test_the_gazetteer_s_name_stays_in_english_for_a_feature_and_for_a_spelling():
    """'Zugspitze' found the range Wetterstein (the answer says what was used); 'Cordoba' is Córdoba written
    without its accent; an English answer keeps the gazetteer's names."""
    for request_text, named in [("Sneeuw op de Zugspitze in december 2022", "Wetterstein, Duitsland"),
                                ("NDVI de Cordoba en junio 2023", "Córdoba, España"),
                                ("NDVI Milano June 2023", "Milan, Italy")]:
        messages, _ = converse_with_gazetteer(request_text, date(2024, 11, 1))
        assert named in answer_of(messages), answer_of(messages)
