

def test_qualifiers_and_first_queries():
    from datetime import date

    from agent.planner.followups import resolve
    from agent.planner.model import first_queries
    from agent.planner.places import qualifier_phrases

    text = "Flood map for Porto Alegre and Canoas (Rio Grande do Sul, Brazil), May 2024"
    assert qualifier_phrases(text) == ["Rio Grande do Sul", "Brazil"]
    assert qualifier_phrases("NDVI around Tilburg, Breda and Eindhoven") == []  # a list, not qualifiers
    slots = resolve("NDVI of Zahlé, Lebanon in May 2019", normalize("NDVI of Zahlé, Lebanon in May 2019"),
                    date(2019, 6, 1), None, None)
    assert first_queries(slots) == ["Zahlé, Lebanon"]
