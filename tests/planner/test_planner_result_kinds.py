"""What the planner's graphs compute, as tools/result_kind.py reads them: the kind and unit the
map and the answer will show (a flood mask is a mask in words, not dB; a hillshade is shade, not m)."""

from __future__ import annotations

from datetime import date

import pytest
from planner_helpers import build_graph, converse_with_gazetteer, final_code

from backend.catalog import load_catalog
from backend.catalog.stac import collection_document
from tools.result_kind import CollectionMeta, describe_result

META = {cid: CollectionMeta.from_stac(collection_document(spec, "http://x")) for cid, spec in load_catalog().items()}


@pytest.mark.parametrize("request_text, kind, unit, words", [
    ("flood map near Valencia, Spain after 29 October 2024", "mask", None, "flooded"),
    ("hillshade around Innsbruck", "hillshade", None, None),
    ("slope in degrees around Zermatt", "slope", "degrees", None),
    ("elevation of Zermatt", "elevation", "m", None),
    ("NDVI change near Leuven between June 2022 and June 2023", "index_change", "index", None),
    ("water bodies from WorldCover near Rotterdam", "mask", None, "permanent water bodies"),
    ("land surface temperature in Madrid July 2023", "temperature", "K", None),
    ("VH/VV ratio near Leuven June 2023", "db", "dB", None),
    ("true colour image of Leuven June 2023", "rgb", "reflectance", None),
    ("number of days with LST above 35 C in Madrid July 2023", "count", "count", None),
    ("EVI of Leuven June 2023", "index", "index", None),
])
def test_planner_graphs_say_what_they_are(request_text, kind, unit, words):
    _, calls = converse_with_gazetteer(request_text, date(2024, 12, 1))
    d = describe_result(build_graph(final_code(calls)), META)
    assert (d.kind, d.unit, d.words) == (kind, unit, words), d.label
