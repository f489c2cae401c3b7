"""The planner's place reading outside Europe: admin and feature words written in lower case before or after a
name, a qualifier's own country adjective, German genitives, compass words that end a name, French contracted
articles, and a unit named with its word kept whole."""

from __future__ import annotations

from datetime import date

import pytest

from agent.planner.followups import resolve
from agent.planner.i18n import normalize
from agent.planner.model import contracted_article, first_queries, with_adjective_after
from agent.planner.places import names_unit, place_candidates


def _first(request: str) -> list[str]:
    return first_queries(resolve(request, normalize(request), date(2024, 1, 1), None, None))


@pytest.mark.parametrize("request_, phrase", [
    ("NDVI in Larkana district, Sindh, in May 2023", "Larkana district"),
    ("NDVI for the Okavango delta in 2022", "Okavango delta"),
    ("NDVI de la région de Tillabéri en 2022", "région de Tillabéri"),
    ("NDVI del departamento de Potosí en 2021", "departamento de Potosí"),
    ("NDVI nella contea di Maricopa nel 2022", "contea di Maricopa"),
    ("NDVI del glaciar Upsala en 2023", "glaciar Upsala"),
    ("NDVI im Bundesstaat Goiás 2023", "Bundesstaat Goiás"),
    ("NDVI de l'État du Mato Grosso en 2023", "État du Mato Grosso"),
])
def test_admin_and_feature_words_stay_with_the_name(request_, phrase):
    assert phrase in place_candidates(request_)


def test_a_trailing_unit_word_keeps_the_qualifier_after_it():
    assert _first("NDVI in Larkana district, Sindh, in May 2023")[0] == "Larkana district, Sindh"


@pytest.mark.parametrize("request_, query", [
    ("NDVI alrededor de Loma Plata, Chaco paraguayo, en 2023", "Loma Plata, Chaco, Paraguay"),
    ("NDVI autour de Cuiabá, Mato Grosso brésilien, en 2023", "Cuiabá, Mato Grosso, Brazil"),
])
def test_a_qualifiers_country_adjective_qualifies_it(request_, query):
    assert _first(request_)[0] == query


@pytest.mark.parametrize("request_, phrase", [
    ("NDVI: Pegel des Sees Titicaca im Mai 2023", "Sees Titicaca"),
    ("NDVI: Aschewolke des Vulkans Merapi im Mai 2023", "Vulkans Merapi"),
])
def test_a_german_genitive_feature_is_the_place(request_, phrase):
    assert place_candidates(request_)[0] == phrase


@pytest.mark.parametrize("request_, phrase", [
    ("NDVI en Afrique du Sud en 2023", "Afrique du Sud"),
    ("NDVI en Corea del Sur en 2023", "Corea del Sur"),
    ("NDVI in Rio Grande do Sul im Mai 2023", "Rio Grande do Sul"),
])
def test_a_compass_word_after_a_connector_ends_the_name(request_, phrase):
    assert phrase in place_candidates(request_)


def test_french_contracted_article_and_written_adjective():
    assert contracted_article("Cap", "Incendies près du Cap en 2021") == "Le Cap"
    assert contracted_article("Caire", "NO2 au Caire") == "Le Caire"
    assert contracted_article("Cap", "Incendies au Cap-Vert") is None
    assert contracted_article("Lyon", "NDVI de Lyon") is None
    assert with_adjective_after("Chaco", "deforestación en el Chaco paraguayo") == "Chaco paraguayo"
    assert with_adjective_after("Chaco", "deforestación en el Chaco seco") is None


@pytest.mark.parametrize("phrase, unit", [
    ("région de Diffa", True), ("Marsabit County", True), ("Bundesstaat Kerala", True), ("Kutch district", True),
    ("Diffa", False), ("Lake Turkana", False), ("Okavango delta", False),
])
def test_names_unit(phrase, unit):
    assert names_unit(phrase) is unit


@pytest.mark.parametrize("request_, query", [
    ("NDVI de l'État brésilien de Goiás en 2023", "État Goiás, brésilien"),  # the unit word is kept
    ("NDVI de la contea statunitense di Marin", "contea Marin"),
])
def test_a_kind_word_alone_is_no_place(request_, query):
    assert _first(request_)[0].startswith(query)


@pytest.mark.parametrize("request_, phrases", [
    ("NDVI for the Afar region of Ethiopia in 2023", ["Afar region", "Ethiopia"]),
    ("NDVI for Larkana district of Sindh in 2023", ["Larkana district", "Sindh"]),
])
def test_a_trailing_unit_word_is_not_the_lead_of_the_next_name(request_, phrases):
    from agent.planner.places import shared_qualifiers

    assert place_candidates(request_) == phrases
    assert "Ethiopia" not in shared_qualifiers(request_)  # "Afar" is a place of its own, not Ethiopia's adjective


@pytest.mark.parametrize("request_, phrase", [
    ("NDVI in de delta van de Mekong in 2023", "delta van de Mekong"),
    ("NDVI nel delta dell'Okavango nel 2023", "delta dell'Okavango"),
    ("NDVI nella regione del Tigray nel 2021", "regione del Tigray"),
])
def test_two_word_and_elided_connectors_after_a_feature_word(request_, phrase):
    from agent.planner.places import shared_qualifiers

    assert place_candidates(request_)[0] == phrase
    assert phrase not in shared_qualifiers(request_)  # "nella" is no country adjective
