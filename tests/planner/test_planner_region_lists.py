"""Regions listed under one unit word ("the cantons of Geneva and Vaud", "départements du Gard et de
l'Hérault"): each looked up as the region, not the town of its name; their union, or one row each when
statistics per region are asked (agent/planner/parts.py `shared_unit_list`)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from agent.planner.parts import shared_unit_list
from planner_helpers import build_graph, converse_with_gazetteer

TODAY = date(2025, 5, 19)


@pytest.mark.parametrize("request_, expected", [
    ("percentage of each class for the cantons of Geneva and Vaud, Switzerland, one row per canton",
     ("canton", ["Geneva", "Vaud"])),                                   # the country after the list is no canton
    ("NDVI for the Geneva and Vaud cantons in June", ("canton", ["Geneva", "Vaud"])),
    ("NDVI for Utrecht and Gelderland provinces", ("province", ["Utrecht", "Gelderland"])),
    ("NDVI for the provinces of Utrecht and Gelderland, June 2023", ("province", ["Utrecht", "Gelderland"])),
    ("NDVI des départements du Gard et de l'Hérault en juin", ("departement", ["Gard", "Hérault"])),  # accents kept
    ("NDVI des départements des Landes et de la Gironde", ("departement", ["Landes", "Gironde"])),
    ("NDVI für die Landkreise Goslar und Harz im Juni", ("landkreis", ["Goslar", "Harz"])),
    ("NDVI der Kantone Genf und Waadt", ("kanton", ["Genf", "Waadt"])),
    ("NDVI voor de provincies Utrecht en Gelderland", ("provincie", ["Utrecht", "Gelderland"])),
    ("NDVI de las provincias de Sevilla, Cádiz y Huelva", ("provincia", ["Sevilla", "Cádiz", "Huelva"])),
    ("NDVI per le province di Milano e Bergamo", ("provincia", ["Milano", "Bergamo"])),
    ("NDVI for the counties of Cork, Kerry, and Limerick, Ireland", ("county", ["Cork", "Kerry", "Limerick"])),
    ("NDVI in the states of New South Wales and Victoria", ("state", ["New South Wales", "Victoria"])),
    ("NDVI for the islands of Tenerife and La Palma", ("island", ["Tenerife", "La Palma"])),  # 'La' is its name
    ("NDVI des îles de Ré et d'Oléron", ("ile", ["Ré", "Oléron"])),
    ("NDVI der Inseln Sylt und Föhr", ("insel", ["Sylt", "Föhr"])),
    ("NDVI for the cantons in Switzerland", None),                     # no list
    ("NDVI for the Canary Islands", None),
    ("NDVI for Paris and Lyon in June", None),                         # no unit word
    ("NDVI per canton in Vaud", None),                                 # one region, its parts
])
def test_regions_listed_under_one_unit_word(request_, expected):
    assert shared_unit_list(request_) == expected


def test_one_row_per_canton_listed_by_a_shared_unit_word(tmp_path: Path):
    messages, calls = converse_with_gazetteer(
        "Land-cover shares per canton from ESA WorldCover 2021: percentage of each class for the cantons of Geneva "
        "and Vaud, Switzerland, one row per canton.", TODAY, folder=tmp_path)
    assert [c["name"] for c in calls["find_place"][:2]] == ["Geneva (canton)", "Vaud (canton)"]
    graph = build_graph(calls["run_openeo_code"][-1]["code"], tmp_path)
    node = next(n for n in graph.values() if n["process_id"] == "aggregate_spatial")
    assert [f["properties"]["name"] for f in node["arguments"]["geometries"]["features"]] == ["Geneva", "Vaud"]
    ext = next(n for n in graph.values() if n["process_id"] == "load_collection")["arguments"]["spatial_extent"]
    assert ext["west"] <= 6.0 and ext["east"] >= 7.2 and ext["north"] >= 46.9  # the canton of Geneva, not the town


@pytest.mark.parametrize("request_, inside", [
    ("NDVI median for the Geneva and Vaud cantons, June 2023", [(6.63, 46.52), (5.99, 46.2)]),
    ("NDVI médian des départements du Gard et de l'Hérault, juin 2023", [(4.36, 43.84), (3.0, 43.5)]),
    ("NDVI median for the provinces of Utrecht and Gelderland, June 2023", [(5.12, 52.09), (6.6, 52.1)]),
    ("NDVI median for the islands of Tenerife and La Palma, June 2023", [(-16.6, 28.3), (-17.85, 28.65)]),
    ("NDVI médian des îles de Ré et d'Oléron, juin 2023", [(-1.4, 46.2), (-1.3, 45.93)]),
])
def test_regions_listed_together_are_covered_whole(request_, inside, tmp_path: Path):
    messages, calls = converse_with_gazetteer(request_, TODAY, folder=tmp_path)
    code = calls["run_openeo_code"][-1]["code"]
    ext = {k: float(re.search(rf'"{k}": (-?[\d.]+)', code).group(1)) for k in ("west", "south", "east", "north")}
    for lon, lat in inside:
        assert ext["west"] <= lon <= ext["east"] and ext["south"] <= lat <= ext["north"], (request_, ext)
