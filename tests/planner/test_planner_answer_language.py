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


@pytest.mark.parametrize("text,lang", [
    # accents left out: the bare form is read as the word, unless it is another language's word
    ("Carte NDVI de Nantes, fevrier 2021", "fr"),
    ("Temperature de surface a Lille, ete 2020", "fr"),
    ("NDVI Kassel Marz 2021", "de"),
    ("Schneekarte fur Davos, Fruhjahr 2022", "de"),
    ("Donde llovio mas en Murcia en octubre?", "es"),
    ("Dove e piu verde la Toscana a maggio?", "it"),
    # place names: their link words and capitalised articles and geographic words are no sign of a language
    ("Frankfurt am Main NDVI in July 2022", "en"),
    ("Mean NDVI Castilla-La Mancha and Rio de Janeiro, 2021", "en"),
    ("NDWI Lago Maggiore, August 2022", "en"),
    ("True colour of Le Havre and Los Angeles", "en"),
    ("Carte de la pente autour de Halle an der Saale", "fr"),
    ("Kaart van de helling bij Frankfurt am Main", "nl"),
    # the request's own words next to names still count
    ("Karte der Gewässer am Chiemsee", "de"),
    ("Sneeuw op de Mont Ventoux in februari", "nl"),
    ("Nieve en el lago de Como en enero", "es"),
    # product, band and unit words never decide; data words and compounds do
    ("Hillshade Montserrat 30 m", "en"),
    ("Ombrage Montserrat 30 m", "fr"),
    ("Sombreado Montserrat 30 m", "es"),
    ("Ombreggiatura Montserrat 30 m", "it"),
    ("Schummerungskarte Montserrat 30 m", "de"),
    ("Hellingkaart Montserrat 30 m", "nl"),
    ("Landoberflächentemperatur Graz 2022", "de"),
    ("Sneeuwbedekkingskaart Chamonix 2022", "nl"),
    ("S2 L2A B04 B08 Bari 10 m", "en"),
])
def test_short_name_heavy_requests_are_read_in_their_language(text, lang):
    assert answer_language(text) == lang


def test_a_tie_keeps_the_conversation_s_language():
    """'in' alone is a word of four languages: a German or Italian conversation stays so."""
    assert answer_language("in Graz?", "de") == "de"
    assert answer_language("in Graz?", "it") == "it"


@pytest.mark.parametrize("text,lang", [
    ("Ora per Lione", "it"),
    ("anche per Torino", "it"),
    ("weiter nördlich", "de"),
    ("Et plus au sud ?", "fr"),
    ("ahora en Oporto", "es"),
    ("nu voor Gent", "nl"),
    ("same again for Graz", "en"),
])
def test_a_short_follow_up_is_read_in_its_own_language(text, lang):
    """Follow-ups are the shortest requests: words of 'now', 'same', 'again', 'further north' tell the language,
    whatever the conversation's was."""
    other = "de" if lang != "de" else "fr"
    assert answer_language(text, other) == lang
