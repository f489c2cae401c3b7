"""Classes of place input the blind5 split showed broken: projected boxes labelled E/N, a feature inside a much
larger feature or region named with it, compounds capitalised at a sentence start, mountain groups and parks."""

import pytest

from agent.planner.aoi import choose_hits
from agent.planner.coords import find_coordinates
from agent.planner.places import PlaceHit, area_km2, place_candidates
from tools.places import find_place


@pytest.mark.parametrize("text,km2", [
    ("RVI over Punjab: UTM 43N (EPSG:32643) E 555000–575000, N 3415000–3435000, 2023", 400),
    ("NDWI für den Bodensee: ETRS89 / UTM 32N (EPSG:25832) E 520000–560000, N 5255000–5285000", 1200),
    ("Easting 600000 to 620000 m, Northing 5750000 to 5770000 m in EPSG:32631", 400),
    ("Rechtswert 680000–700000, Hochwert 5330000–5350000 (UTM 32N)", 400),
    ("N 5330000–5350000, E 680000–700000, UTM zone 32N, summer 2024", 400),
])
def test_projected_boxes_with_axis_labels_keep_their_size(text, km2):
    c = find_coordinates(text)
    assert c is not None and c.kind == "bbox" and c.crs is not None
    assert km2 * 0.95 < area_km2(c.bbox) < km2 * 1.1


def test_a_span_of_years_is_no_northing():
    assert find_coordinates("UTM 32N, N 2020–2023 and E 2021–2022") is None


def _hit(name: str, kind: str, bbox: tuple[float, float, float, float]) -> PlaceHit:
    return PlaceHit(name=name, kind=kind, bbox=bbox)


GORGE = _hit("Samaria Gorge", "gorge", (23.93, 35.22, 24.0, 35.32))
CRETE = _hit("Crete", "island", (23.5, 34.8, 26.32, 35.7))
RAVENNA = _hit("Ravenna", "region, province", (11.526, 44.117, 12.386, 44.63))
EMILIA = _hit("Emilia-Romagna", "region, region", (9.201, 43.743, 12.754, 45.135))
BRAIES = _hit("Lago di Braies", "lake", (12.07, 46.69, 12.09, 46.70))
DOLOMITES = _hit("Dolomites", "mountain range", (11.3, 46.2, 12.6, 46.8))
RUEGEN = _hit("Rügen", "island", (13.1, 54.2, 13.7, 54.7))
HIDDENSEE = _hit("Hiddensee", "island", (13.07, 54.45, 13.14, 54.6))


@pytest.mark.parametrize("hits,text,names", [
    ([GORGE, CRETE], "Hillshade for the Samaria Gorge in western Crete", ["Samaria Gorge"]),
    ([RAVENNA, EMILIA], "aree allagate in provincia di Ravenna dopo l'alluvione dell'Emilia-Romagna", ["Ravenna"]),
    ([BRAIES, DOLOMITES], "NDWI of Lago di Braies in the Dolomites", ["Lago di Braies"]),
    ([CRETE, GORGE], "the Samaria Gorge (Crete)", ["Samaria Gorge"]),
    ([RUEGEN, HIDDENSEE], "NDVI for Rügen and Hiddensee", ["Rügen", "Hiddensee"]),
])
def test_a_much_larger_place_named_with_a_feature_only_says_which(hits, text, names):
    assert [h.name for h in choose_hits(hits, text)] == names


@pytest.mark.parametrize("text,place", [
    ("Ware-kleurenbeeld (B04, B03, B02) van de Oosterschelde: wolkenvrij mediaancomposiet.", "Oosterschelde"),
    ("Valse-kleurenbeeld van de Veluwe, zomer 2023.", "Veluwe"),
    ("Falschfarben-komposit vom Chiemsee im Juli.", "Chiemsee"),
    ("Vrai-couleur du lac Léman en mai.", "lac Léman"),
])
def test_a_compound_capitalised_at_a_sentence_start_is_no_place(text, place):
    assert place_candidates(text) == [place]


@pytest.mark.parametrize("text,place", [
    ("NDVI for Aix-en-Provence in May", "Aix-en-Provence"),
    ("NDVI in Baden-Württemberg", "Baden-Württemberg"),
    ("Stratford-upon-Avon NDVI", "Stratford-upon-Avon"),
])
def test_hyphenated_names_stay_places(text, place):
    assert place_candidates(text) == [place]


@pytest.mark.parametrize("name,lon,lat", [
    ("Nationaal Park De Meinweg", 6.13, 51.16),
    ("De Maasduinen", 6.12, 51.6),
    ("Nationalpark Niedersächsisches Wattenmeer", 7.5, 53.6),
    ("Parc national de la Vallée de la Semois", 5.1, 49.8),
    ("Dolomiti di Brenta", 10.876, 46.155),
    ("Monti Sibillini", 13.2, 42.9),
    ("Massif du Morvan", 4.0, 47.1),
    ("Sierra de Grazalema", -5.4, 36.75),
    ("Rothaargebirge", 8.3, 51.1),
])
def test_parks_and_mountain_groups_in_local_languages(name, lon, lat):
    w, s, e, n = find_place(name).bbox
    assert w <= lon <= e and s <= lat <= n


@pytest.mark.parametrize("name,max_km2", [("Malta", 1500), ("Cyprus", 30000), ("Luxembourg", 5000)])
def test_a_country_box_holds_no_open_sea(name, max_km2):
    assert area_km2(find_place(name).bbox) < max_km2
