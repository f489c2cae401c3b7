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


def test_a_place_outside_the_one_country_named_is_looked_up_in_it(tmp_path):
    from datetime import date

    from planner_helpers import converse_with_gazetteer

    messages, calls = converse_with_gazetteer("NDVI change after the April 2016 earthquake: Ecuador, around Pedernales",
                                              date(2016, 9, 1), folder=tmp_path)
    assert "Pedernales, Ecuador" in [c.get("name") for c in calls["find_place"]]
    assert "Dominican" not in str(messages[-1].content)
    _, calls = converse_with_gazetteer("NDVI of Basel near the border with France, June 2022", date(2022, 9, 1),
                                       folder=tmp_path)
    assert "Basel, France" not in [c.get("name") for c in calls["find_place"]]  # inside the country's box: no namesake


def test_data_compounds_and_month_parts_are_no_place_names():
    from agent.planner.vocabulary import is_vocabulary

    for word in ("SO2-Fahne", "NO2-Wolke", "Augusthälfte", "Märzdekade", "Oktoberwoche"):
        assert is_vocabulary(word), word
    for word in ("Baden-Baden", "Mainz", "Maiden", "Augsburg", "Garmisch-Partenkirchen"):
        assert not is_vocabulary(word), word
