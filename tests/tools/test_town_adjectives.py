"""An area named by a town's adjective and a noun (tools/town_adjectives.py, Gazetteer.town_of_adjective)."""

from __future__ import annotations

import pytest

from tools import town_adjectives
from tools.places import find_place


@pytest.mark.parametrize(
    ("phrase", "adjective", "germanic"),
    [
        ("Haarlemse binnenstad", "haarlemse", True),
        ("Dortmunder Hafen", "dortmunder", True),
        ("l'agglomération nantaise", "nantaise", False),
        ("il porto livornese", "livornese", False),
        ("el área metropolitana sevillana", "sevillana", False),
    ],
)
def test_split_reads_adjective_and_noun(phrase: str, adjective: str, germanic: bool) -> None:
    area = town_adjectives.split(phrase)
    assert area is not None and area.adjective == adjective and area.germanic is germanic


def test_split_leaves_other_phrases() -> None:
    assert town_adjectives.split("zona urbana") is None
    assert town_adjectives.split("Lago Maggiore") is None


def test_stems_drop_the_suffix_and_restore_the_name() -> None:
    assert "dresden" in town_adjectives.stems(town_adjectives.TownArea(adjective="dresdner", noun="umland", germanic=True))
    assert "renn" in town_adjectives.stems(town_adjectives.TownArea(adjective="rennaise", noun="region", germanic=False))


@pytest.mark.parametrize(
    ("phrase", "lon", "lat"),
    [
        ("Haarlemse binnenstad", 4.64, 52.38),
        ("Dortmunder Hafen", 7.44, 51.53),
        ("agglomération nantaise", -1.55, 47.22),
        ("porto livornese", 10.31, 43.55),
        ("área metropolitana sevillana", -5.98, 37.39),
        ("Dresdner Umland", 13.74, 51.05),
    ],
)
def test_find_place_reads_the_town_of_the_adjective(phrase: str, lon: float, lat: float) -> None:
    p = find_place(phrase)
    w, s, e, n = p.bbox
    assert p.kind.startswith("city") and w <= lon <= e and s <= lat <= n and (e - w) * (n - s) < 0.5, p


def test_surroundings_are_wider_than_the_town() -> None:
    town = find_place("Dresden").bbox
    around = find_place("Dresdner Umland").bbox
    assert around[0] < town[0] and around[2] > town[2]


def test_a_noun_glued_to_the_place_by_its_connector_is_left_out() -> None:
    p = find_place("Innenstadt von Bremen")
    assert p.name == "Bremen" and p.kind.startswith("city")


def test_a_short_form_is_the_city_it_is_the_start_of() -> None:
    # "Stratford" is Stratford-upon-Avon (30k), not the larger namesake called just Stratford (Connecticut, 51k)
    assert find_place("Stratford").country == "United Kingdom"


def test_a_bare_name_of_small_towns_is_the_great_city_whose_longer_name_starts_with_it() -> None:
    from tools.places import Gazetteer
    from tools.regions import Entry

    def city(name: str, cc: str, pop: int) -> Entry:
        return Entry(name=name, keys=[], kind="city", cc=cc, population=pop, lon=0.0, lat=0.0, bbox=(0, 0, 1, 1), rank=60, source="test")

    class Index:
        rows = {"villamar": [city("Villamar", "CO", 8_000)], "villamar de la sierra": [city("Villamar de la Sierra", "ES", 180_000)],
                "villamar town": [city("Villamar Town", "PH", 400_000)]}

        def keys_starting(self, prefix: str, limit: int = 5000) -> list[str]:
            return [k for k in self.rows if k.startswith(prefix)]

        def lookup(self, key: str) -> list[Entry]:
            return self.rows.get(key, [])

    g = Gazetteer(index=Index())  # type: ignore[arg-type]
    best = g.longer_named_city("villamar", city("Villamar", "CO", 8_000))
    assert best is not None and best.name == "Villamar de la Sierra"  # "town" joins no name


def test_a_town_adjective_read_as_a_qualifier_first_is_still_the_town() -> None:
    # "valenciana" names a region too: "huerta, valenciana" finds no huerta there, so the adjective's town is read
    p = find_place("huerta valenciana, Spain")
    assert p.name == "Valencia" and p.country == "Spain"
    assert any("Spain" in a for a in find_place("huerta valenciana").alternatives + [find_place("huerta valenciana").country])


def test_a_country_is_not_the_feature_a_feature_word_asks_for() -> None:
    from tools.errors import ToolError

    try:
        p = find_place("golfo de Belice")
    except ToolError:
        return
    assert p.kind != "country"


def test_a_feature_named_with_an_exonym_of_its_town() -> None:
    # "Bucht von Neapel": the core is the German name of Naples; the feature carries the town's own name
    assert find_place("Bucht von Neapel").kind in ("gulf", "bay")
    assert find_place("Golfo de Nápoles").kind in ("gulf", "bay")


def test_a_unit_word_over_a_seat_town_alone_is_the_country_around_it() -> None:
    # "la province marocaine de Tiznit" is asked as "province Tiznit": the province, roughly, not the town's box
    p = find_place("province Tiznit, marocaine")
    assert p.kind.startswith("district, approximate") or p.kind.startswith("region"), p
