"""Which namesake a request means: the country its other places (or its language) agree on."""

from __future__ import annotations

import pytest

from agent.planner.namesakes import agreed_country, alternative_country, country_of, namesake_queries
from agent.planner.places import PlaceHit


def hit(name: str, kind: str = "city", alternatives: tuple[str, ...] = ()) -> PlaceHit:
    return PlaceHit(name=name, kind=kind, bbox=(0.0, 0.0, 0.1, 0.1), alternatives=list(alternatives))


CORDOBA = hit("Córdoba, Argentina", alternatives=("Córdoba, Spain (pop. 325k)", "Córdoba, Mexico (pop. 204k)"))
VALENCIA = hit("Valencia, Venezuela", alternatives=("Valencia, Spain (pop. 824k)", "Valencia, United States (pop. 148k)"))
GEORGIA = hit("Georgia", "country", alternatives=("Georgia, United States (state)",))
LIMBURG = hit("Limburg, Flemish, Belgium", "region, province",
              alternatives=("Limburg, Netherlands (region)", "Limburg an der Lahn, Germany (pop. 33k)"))
LUXEMBOURG = hit("Luxembourg", "country", alternatives=("Luxembourg, Belgium (region)",))
VICTORIA = hit("Victoria, Hong Kong", alternatives=("Victoria, Australia (region)", "Victoria, Canada (pop. 289k)"))
PERTH = hit("Perth, Australia", alternatives=("Perth, United Kingdom (pop. 47k)",))
HYDERABAD = hit("Hyderabad, Telangana, India", alternatives=("Hyderabad, Pakistan (pop. 1921k)",))
GRANADA = hit("Granada, Andalusia, Spain", alternatives=("Granada, Nicaragua (pop. 89k)",))
SANTIAGO = hit("Santiago, Chile", alternatives=("Santiago de Compostela, Spain (pop. 99k)",))


def test_country_of_labels_and_alternatives():
    assert country_of(CORDOBA) == "Argentina"
    assert country_of(GEORGIA) == "Georgia"  # a country is its own
    assert country_of(hit("Wadden Sea", "sea")) is None  # a cross-border feature names no country
    assert alternative_country("Limburg, Netherlands (region)") == "Netherlands"
    assert alternative_country("Paris 06 Luxembourg, France (pop. 40k)") == "France"
    assert alternative_country("Sutherland") is None


@pytest.mark.parametrize("hits, expected", [
    ([CORDOBA, hit("Sevilla, Andalusia, Spain")], ["Córdoba, Spain"]),              # the other place is in Spain
    ([CORDOBA, hit("Rosario, Santa Fe, Argentina")], []),                          # both in Argentina already
    ([VALENCIA, CORDOBA], ["Valencia, Spain", "Córdoba, Spain"]),                  # both can lie in Spain only
    ([GEORGIA, hit("Florida, United States", "state")], ["Georgia, United States"]),  # the US state, not the country
    ([GEORGIA, hit("Tbilisi, Georgia")], []),
    ([LIMBURG, hit("Maastricht, The Netherlands"), hit("Venlo, The Netherlands")], ["Limburg, Netherlands"]),
    ([LIMBURG, hit("Maastricht, Netherlands"), hit("Venlo, Netherlands")], ["Limburg, Netherlands"]),
    ([LIMBURG, hit("Hasselt, Flemish, Belgium")], []),
    ([LUXEMBOURG, hit("Arlon, Walloon, Belgium")], ["Luxembourg, Belgium"]),       # the Belgian province
    ([VICTORIA, hit("Melbourne, Australia"), hit("Geelong, Australia")], ["Victoria, Australia"]),
    ([PERTH, hit("Dundee, United Kingdom")], ["Perth, United Kingdom"]),
    ([PERTH, hit("Fremantle, Australia")], []),
    ([HYDERABAD, hit("Karachi, Pakistan")], ["Hyderabad, Pakistan"]),
    ([GRANADA, hit("Managua, Nicaragua")], ["Granada, Nicaragua"]),
    ([GRANADA, hit("Málaga, Andalusia, Spain")], []),
    ([SANTIAGO, hit("Valparaíso, Chile")], []),
    ([hit("Paris, France"), hit("London, United Kingdom")], []),                 # no namesakes: nothing to requery
])
def test_namesake_of_the_country_the_other_places_agree_on(hits, expected):
    assert namesake_queries(hits, {}) == expected


def test_the_phrase_looked_up_is_kept():
    manche = hit("Manche, Normandie, France", "region", alternatives=("La Mancha, Spain (plain)",))
    assert namesake_queries([manche, hit("Ciudad Real, Spain")], {manche.name: "La Mancha"}) == ["La Mancha, Spain"]


def test_the_language_decides_only_a_tie():
    spain = ("Spain",)
    assert namesake_queries([CORDOBA], {}, spain) == ["Córdoba, Spain"]  # "Mapa NDVI de Córdoba"
    assert namesake_queries([CORDOBA], {}) == []  # English: the prominent one, or a question
    # other places outweigh the language: "Córdoba y Rosario" in Spanish is Argentina
    assert namesake_queries([CORDOBA, hit("Rosario, Santa Fe, Argentina")], {}, spain) == []
    assert agreed_country([GEORGIA]) is None  # one place and no language: nothing agreed


def test_alternative_of_a_country_is_not_requeried_into_itself():
    assert namesake_queries([GEORGIA, hit("Batumi, Georgia")], {}) == []


def _lookups(request: str) -> list[str]:
    """The planner's find_place queries for `request`, answered by the real offline gazetteer, up to its draft."""
    from datetime import date

    from langchain_core.messages import HumanMessage, ToolMessage

    from agent.planner import OfflinePlanner
    from tools.models import ToolError
    from tools.places import find_place

    planner = OfflinePlanner(today=date(2024, 6, 1)).bind_tools([])
    messages: list = [HumanMessage(request)]
    asked: list[str] = []
    for _ in range(8):
        ai = planner.invoke(messages)
        messages.append(ai)
        if not ai.tool_calls or ai.tool_calls[0]["name"] != "find_place":
            return asked
        for tc in ai.tool_calls:
            asked.append(tc["args"]["name"])
            try:
                out = find_place(tc["args"]["name"]).to_text()
            except ToolError as e:
                out = f"[PlaceNotFound] {e}"
            messages.append(ToolMessage(content=out, tool_call_id=tc["id"]))
    return asked


@pytest.mark.parametrize("request_, query", [
    ("NDVI median for Córdoba and Sevilla in June 2023", "Córdoba, Spain"),
    ("NDVI-kaart van Limburg met Maastricht en Venlo, juni 2023", "Limburg, Netherlands"),
    # bare "Victoria" is the Australian state: with Canadian towns the planner asks for the Canadian city
    ("NDVI map of Victoria with Vancouver and Nanaimo, June 2023", "Victoria, Canada"),
    ("Sentinel-2 NDVI for Hyderabad near Karachi, June 2023", "Hyderabad, Pakistan"),
    ("NDVI map of Granada and Managua, June 2023", "Granada, Nicaragua"),
    ("NDVI median over Georgia and Florida, June 2023", "Georgia, United States"),
])
def test_planner_looks_up_the_namesake_of_the_requests_country(request_, query):
    assert query in _lookups(request_) or query.replace("Netherlands", "The Netherlands") in _lookups(request_)


def test_la_mancha_with_ciudad_real_is_in_spain():
    asked = _lookups("Cambio de humedad del suelo en La Mancha con Sentinel-1 VV (dB): diferencia entre la media de "
                     "julio de 2023 y la media de marzo de 2023 en el entorno de Ciudad Real.")
    assert asked[:2] == ["La Mancha", "Ciudad Real"] and "Ciudad Real, Manche" not in asked


@pytest.mark.parametrize("request_, phrase, adjective", [
    ("NDVI for the Spanish city of Córdoba, June 2023", "Córdoba", "Spanish"),
    ("NDVI in the US state of Georgia, June 2023", "state Georgia", "US"),  # the unit word is kept
    ("NDVI for the Australian state of Victoria", "state Victoria", "Australian"),
    ("NDVI für die spanische Stadt Córdoba im Juni 2023", "Córdoba", "spanische"),
    ("NDVI de la ville espagnole de Cordoue en juin 2023", "Cordoue", "espagnole"),
    ("NDVI de la ciudad española de Córdoba en junio de 2023", "Córdoba", "española"),
    ("NDVI pour la province belge du Luxembourg en juin 2023", "province Luxembourg", "belge"),
    ("NDVI voor de Nederlandse provincie Limburg in juni 2023", "provincie Limburg", "Nederlandse"),
    ("NDVI in der belgischen Provinz Limburg im Juni 2023", "Provinz Limburg", "belgischen"),
    ("NDVI for the capital city of Georgia, June", "Georgia", None),   # 'capital' says no country
    ("NDVI for the town of Perth in Scotland", "Perth", None),
])
def test_a_country_adjective_before_a_kind_of_place_qualifies_it(request_, phrase, adjective):
    from agent.planner.places import place_candidates, qualifier_phrases, shared_qualifiers

    assert phrase in place_candidates(request_)
    assert shared_qualifiers(request_).get(phrase) == adjective
    if adjective and adjective[:1].isupper() and adjective != "US":
        assert adjective not in place_candidates(request_) or adjective in qualifier_phrases(request_)


@pytest.mark.parametrize("request_, first", [
    ("NDVI for the Spanish city of Córdoba, June 2023", "Córdoba, Spanish"),
    ("NDVI pour la province belge du Luxembourg en juin 2023", "province Luxembourg, belge"),
    ("NDVI in the US state of Georgia, June 2023", "state Georgia, US"),
])
def test_the_adjective_is_asked_with_the_place(request_, first):
    assert _lookups(request_)[0] == first


def test_a_bare_look_up_does_not_replace_the_qualified_one():
    """'Georgia, US' found the state (a large place): the bare 'Georgia' asked next for something more
    specific finds the country, which is not the place meant."""
    from datetime import date

    from planner_helpers import converse_with_gazetteer

    _, calls = converse_with_gazetteer("NDVI in the US state of Georgia, June 2023", date(2024, 6, 1))
    code = calls["run_openeo_code"][-1]["code"]
    assert '"west": -8' in code and '"north": 3' in code  # in Georgia, USA (lon -85..-80, lat 30..35)
