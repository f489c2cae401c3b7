"""The language the planner answers in, read from the request (agent/planner/model.py answer_language)."""

import pytest

from agent.planner.i18n import answer_language


@pytest.mark.parametrize("text,lang", [
    ("NDVI de Lyon en juin 2023", "fr"),  # "de" and "en" are Spanish words too: the month says French
    ("NDVI de Sevilla en junio de 2023", "es"),
    ("Show NDVI Rio de Janeiro June 2023", "en"),  # the "de" of a name is no Spanish
    ("NDVI van Utrecht in juni 2023", "nl"),
    ("Hangneigung im Elbsandsteingebirge aus dem Copernicus DEM (30 m)", "de"),
    ("Composite médian sans nuages de la Corse en septembre 2022", "fr"),
    ("Aandeel bos en grasland (ESA WorldCover 2021) in de provincie Drenthe.", "nl"),
    ("NDVI della Val d'Orcia (Toscana) da aprile a giugno 2022", "it"),
    ("flood map near Porto Alegre, April 2024 versus 1-15 May 2024", "en"),
    ("NDVI Leuven 2023", "en"),
    ("NDVI?", "en"),
    ("Quel temps fera-t-il demain à Paris ?", "fr"),
    ("Che tempo farà domani a Roma?", "it"),
    ("Wat voor weer wordt het morgen in Utrecht?", "nl"),
    ("What will the weather be tomorrow in Paris?", "en"),
])
def test_the_answer_language_is_read_from_the_request(text, lang):
    assert answer_language(text) == lang


def test_the_answer_language_agrees_with_the_request_language_where_that_is_sure():
    """Long requests, where the function words alone decide: both readings agree."""
    from agent.planner.i18n import request_language

    for text in ["Berechne den mittleren NDVI für die Felder um Leuven im Juni 2023 mit Wolkenmaske",
                 "Calcule la médiane du NDVI pour les champs autour de Louvain avec un masque de nuages",
                 "Bereken de mediaan van de NDVI voor het gebied rond Leuven tijdens de zomer",
                 "Calcula la mediana del NDVI para los campos alrededor de Lovaina con la máscara de nubes",
                 "Calcola la mediana dell'NDVI per i campi intorno a Lovanio nella stagione estiva"]:
        assert answer_language(text) == request_language(text), text


def test_a_request_without_a_word_of_any_language_keeps_the_conversation_s():
    for text in ["NDVI?", "2022?", "NDWI, B03/B08", "Leuven"]:
        assert answer_language(text) == "en" and answer_language(text, "de") == "de", text
    assert answer_language("Und für Juli?", "fr") == "de"
