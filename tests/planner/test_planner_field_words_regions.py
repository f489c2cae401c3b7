"""A field word beside a bounded region is a land-cover class or the region's farmland, not one field: the
district, province or county keeps its box in a land-cover request (the eval probe found "Anteil von Wald, Acker und bebauter Fläche
im Landkreis Göttingen" cut to 5 km² around the district's seat)."""

from __future__ import annotations

import warnings
from datetime import date

import pytest

from agent.evaluation.checks import area_km2
from planner_helpers import converse_with_gazetteer, final_code


def _box(request: str) -> tuple[float, float, float, float]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _, calls = converse_with_gazetteer(request, date(2024, 5, 1))
    code = final_code(calls)
    line = next(x for x in code.splitlines() if '"west"' in x)
    vals = {k.strip(): float(v) for k, v in (p.split(":") for p in line.split("{", 1)[1].split("}")[0].replace('"', "").split(","))}
    return vals["west"], vals["south"], vals["east"], vals["north"]


@pytest.mark.parametrize("request_text", [
    "Anteil von Wald, Acker und bebauter Fläche (ESA WorldCover 2021) im Landkreis Göttingen.",
    "Wie viel Acker gibt es im Kreis Kleve laut WorldCover 2021?",
    "Share of cropland (field) and forest in the province of Utrecht, WorldCover 2021",
    "Part de forêt, de champ et de bâti dans le département de la Dordogne (WorldCover 2021)",
])
def test_a_field_word_beside_a_bounded_region_keeps_the_region(request_text):
    assert area_km2(_box(request_text)) > 300


@pytest.mark.parametrize("request_text", [
    "NDVI of my field near Emmeloord, June 2023",
    "NDVI meines Feldes bei Uelzen im Juni 2023",
    "NDVI de mon champ près de Chartres en juin 2023",
])
def test_one_field_near_a_town_is_still_a_field(request_text):
    assert area_km2(_box(request_text)) <= 6
