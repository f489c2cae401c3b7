"""find_place on the curated rows the whole-request sweep showed missing: a lake of Central America, a Swiss
valley and a Belgian landscape that shares its name with a German town (tests/data/planner/request_sweep.jsonl)."""

from __future__ import annotations

import pytest

from tools.places import find_place


def _inside(bbox, lon, lat):
    w, s, e, n = bbox
    return w <= lon <= e and s <= lat <= n


@pytest.mark.parametrize("query, lon, lat", [
    ("Lake Atitlán", -91.2, 14.7),
    ("lago de Atitlán, Guatemala", -91.2, 14.7),
    ("Lago Atitlan", -91.2, 14.7),
    ("Emmental", 7.75, 46.95),
    ("Emmental, Kanton Bern", 7.75, 46.95),
    ("Kempen, Belgium", 5.0, 51.2),
    ("Campine", 5.0, 51.2),
])
def test_the_curated_feature_is_found(query, lon, lat):
    hit = find_place(query)
    assert _inside(hit.bbox, lon, lat)
    w, s, e, n = hit.bbox
    assert (e - w) < 1.5 and (n - s) < 0.6  # a tight box around the feature, not a country


@pytest.mark.parametrize("query", ["Kempen, Germany", "Kempen, Nordrhein-Westfalen"])
def test_the_german_town_kempen_stays_the_town_with_its_country(query):
    hit = find_place(query)
    assert _inside(hit.bbox, 6.42, 51.36)
