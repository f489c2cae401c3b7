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
