"""Place phrases tried in another form when the gazetteer lacks them as written (inputs other than the sweeps')."""

from __future__ import annotations

from agent.planner.model import joined_as_qualifier, without_genitive_s


def test_a_german_genitive_s_is_dropped_after_des():
    assert without_genitive_s("Chiemsees", "NDWI des Chiemsees im Juli 2022") == "Chiemsee"
    assert without_genitive_s("Starnberger Sees", "Ufer des Starnberger Sees") is None  # two words: not this rule
    assert without_genitive_s("Paris", "NDVI von Paris im Mai") is None  # no genitive article before it
    assert without_genitive_s("Harzes", "Wälder eines Harzes") == "Harze"  # the rule, not a dictionary


def test_dutch_op_puts_a_place_on_its_island():
    assert joined_as_qualifier("Duinen op Texel") == "Duinen, Texel"
    assert joined_as_qualifier("Bergen op Zoom") == "Bergen, Zoom"  # only a fallback: the whole name is tried first
