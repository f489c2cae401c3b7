"""A US state's postal code after a comma qualifies the place before it, though the code alone reads as a word."""

from __future__ import annotations

from datetime import date

import pytest

from agent.planner.followups import resolve
from agent.planner.i18n import normalize
from agent.planner.model import first_queries
from agent.planner.places import place_candidates, qualifier_phrases


@pytest.mark.parametrize(
    "request_text, query",
    [
        ("NDVI of Cambridge, MA in June 2023", "Cambridge, MA"),
        ("Show the NDVI for Portland, OR in May 2022", "Portland, OR"),
        ("Flood map of Springfield, IL for April 2019", "Springfield, IL"),
        ("True colour image of Bangor, ME, summer 2021", "Bangor, ME"),
        ("Land surface temperature in Norman, OK, July 2023", "Norman, OK"),
    ],
)
def test_state_code_qualifies_the_place(request_text, query):
    slots = resolve(request_text, normalize(request_text), date(2024, 1, 1), None, None)
    assert first_queries(slots)[0] == query


def test_a_capitalised_word_that_is_no_state_code_is_left_alone():
    text = "NDVI of Paris, France in 2023"
    assert place_candidates(text) == ["Paris", "France"]
    assert "OR" not in place_candidates("NDVI of Portland, or else Salem, in 2023")  # the word, not the code
    assert qualifier_phrases("NDVI for Paris in 2023, or London") == []


@pytest.mark.parametrize(
    "request_text, query",
    [
        ("NDVI de Limbourg néerlandais en juin 2023", "Limbourg, Netherlands"),
        ("NDVI de la province de Luxembourg belge en 2023", "province de Luxembourg, Belgium"),
        ("NDVI de la Rioja española en 2023", "Rioja, Spain"),
        ("NDVI di Limburgo olandese nel 2023", "Limburgo, Netherlands"),
    ],
)
def test_a_country_adjective_after_the_name_qualifies_it(request_text, query):
    slots = resolve(request_text, normalize(request_text), date(2024, 1, 1), None, None)
    assert first_queries(slots)[0] == query


def test_a_word_after_the_name_that_is_no_country_adjective_is_ignored():
    for text in ("NDVI of Paris in 2023", "NDVI de Lyon en juin 2023", "NDVI van Utrecht centrum in 2023"):
        slots = resolve(text, normalize(text), date(2024, 1, 1), None, None)
        assert "," not in first_queries(slots)[0]
