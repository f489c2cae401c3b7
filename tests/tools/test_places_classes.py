"""find_place by class of feature, each with varied inputs: volcanoes, glaciers, deserts, wetlands and
forests, plateaus, valleys, capes and peninsulas, islands, ranges, admin districts and namesakes; a
feature word + unknown name is "not found", never a village of the core name; and the curated rows
are well formed (lon first, the box holds its centre, a sensible size)."""

from __future__ import annotations

import math

import pytest

from tools.models import ToolError
from tools.places import find_place
from tools.regions import NATURAL_TSV


def _inside(bbox, lon, lat):
    w, s, e, n = bbox
    return w <= lon <= e and s <= lat <= n


def _check(query, kinds, lon, lat):
    p = find_place(query)
    assert p.kind in kinds, (query, p.kind, p.name)
    assert _inside(p.bbox, lon, lat), (query, p.bbox)


@pytest.mark.parametrize("query, lon, lat", [
    ("Piton de la Fournaise", 55.71, -21.24),     # not the village Piton (Mauritius)
    ("Cotopaxi", -78.44, -0.68),
    ("Volcán de Fuego", -90.88, 14.47),
    ("Sakurajima", 130.66, 31.58),
    ("Vulkan Katla", -19.05, 63.63),              # a German feature word before the name
    ("Osorno Volcano", -72.50, -41.10),           # not the province or city of Osorno
    ("Campi Flegrei", 14.14, 40.83),
])
def test_volcanoes(query, lon, lat):
    _check(query, {"mountain"}, lon, lat)


@pytest.mark.parametrize("query, lon, lat", [
    ("Aletsch Glacier", 8.03, 46.45), ("Aletschgletscher", 8.03, 46.45), ("Mer de Glace", 6.93, 45.90),
    ("Perito Moreno Glacier", -73.2, -50.5), ("Jakobshavn Glacier", -49.8, 69.15), ("Glaciar Grey", -73.2, -50.95),
])
def test_glaciers(query, lon, lat):
    _check(query, {"glacier"}, lon, lat)


@pytest.mark.parametrize("query, lon, lat", [
    ("Kalahari", 22.0, -22.0), ("Namib Desert", 15.0, -24.0), ("Désert du Namib", 15.0, -24.0),
    ("Mojave Desert", -116.0, 35.0), ("Empty Quarter", 50.0, 20.0), ("Desierto de Tabernas", -2.38, 37.05),
])
def test_deserts(query, lon, lat):
    _check(query, {"desert"}, lon, lat)


@pytest.mark.parametrize("query, lon, lat", [
    ("Spreewald", 13.95, 51.88), ("Marais poitevin", -0.9, 46.33), ("Sudd", 30.8, 7.5),
    ("Okefenokee Swamp", -82.3, 30.8), ("Hohes Venn", 6.1, 50.5), ("Norfolk Broads", 1.5, 52.7),
])
def test_wetlands(query, lon, lat):
    _check(query, {"wetland"}, lon, lat)


@pytest.mark.parametrize("query, lon, lat", [
    ("Forêt de Fontainebleau", 2.65, 48.40), ("Teutoburger Wald", 8.4, 52.0), ("Sherwood Forest", -1.07, 53.2),
    ("Pfälzerwald", 7.9, 49.25), ("Bohemian Forest", 13.5, 49.0),
])
def test_forests(query, lon, lat):
    _check(query, {"forest", "mountain range"}, lon, lat)


@pytest.mark.parametrize("query, lon, lat", [
    ("Tibetan Plateau", 90.0, 33.0), ("Deccan", 77.0, 17.0), ("Altiplano", -68.0, -18.0),
    ("Plateau de Millevaches", 2.0, 45.6), ("Meseta Central", -4.0, 40.5),
])
def test_plateaus(query, lon, lat):
    _check(query, {"plateau"}, lon, lat)


@pytest.mark.parametrize("query, lon, lat", [
    ("Val d'Orcia", 11.6, 43.0), ("Ötztal", 10.93, 47.0), ("Wachau", 15.45, 48.37),
    ("Shenandoah Valley", -78.7, 38.6), ("Fergana Valley", 71.8, 40.8),
])
def test_valleys(query, lon, lat):
    _check(query, {"valley"}, lon, lat)


@pytest.mark.parametrize("query, lon, lat", [
    ("Cape of Good Hope", 18.47, -34.35), ("Cape Horn", -67.27, -55.97), ("Cabo de la Nao", 0.23, 38.73),
    ("Cap de la Hague", -1.94, 49.72), ("Kap Arkona", 13.43, 54.68), ("Nordkapp", 25.78, 71.17),
    ("Cape Canaveral", -80.57, 28.46),           # the cape, not the small town beside it
])
def test_capes(query, lon, lat):
    _check(query, {"cape"}, lon, lat)


@pytest.mark.parametrize("query, lon, lat", [
    ("Jutland", 9.3, 56.2), ("Istrien", 13.9, 45.2), ("Sinai", 33.8, 29.5), ("Cotentin", -1.5, 49.5),
])
def test_peninsulas(query, lon, lat):
    _check(query, {"peninsula"}, lon, lat)


@pytest.mark.parametrize("query, lon, lat", [
    ("Elba", 10.25, 42.78), ("Isla de La Palma", -17.85, 28.65), ("Insel Rügen", 13.4, 54.45), ("Gozo", 14.25, 36.05),
])
def test_islands(query, lon, lat):
    _check(query, {"island"}, lon, lat)


@pytest.mark.parametrize("query, lon, lat", [
    # islands named like a town or city elsewhere: the island word or the region around it picks the island
    ("Santiago, Cape Verde", -23.62, 15.08), ("Santiago island", -23.62, 15.08), ("isla de Santiago", -23.62, 15.08),
    ("isola di Salina", 14.84, 38.56), ("Salina, Eolie", 14.84, 38.56), ("Île d'Orléans, Québec", -70.98, 46.93),
    ("île d'Orléans", -70.98, 46.93), ("Flores, Azores", -31.2, 39.45), ("Pemba Island", 39.7, -5.2),
    ("Zealand", 12.0, 55.5), ("Isle of Mull", -6.0, 56.45), ("Chiloé Island", -73.9, -42.6),
])
def test_islands_named_like_towns_elsewhere(query, lon, lat):
    _check(query, {"island"}, lon, lat)


@pytest.mark.parametrize("query, country", [
    # without the island word the bare name stays the prominent city ("Santiago" is Chile's capital)
    ("Santiago", "Chile"), ("Orléans", None), ("Pemba", "Mozambique"), ("New Zealand", None),
])
def test_a_bare_name_stays_the_city_beside_an_island_of_that_name(query, country):
    p = find_place(query)
    assert p.kind != "island", (query, p)
    assert country is None or p.country == country, (query, p.country)


@pytest.mark.parametrize("query", ["isola di Torino", "Isla de Toledo", "Île de Lyon", "Insel Stuttgart"])
def test_an_island_word_with_an_unknown_name_is_not_a_town(query):
    # a city of the core name exists, an island of it does not: not found, never the city
    with pytest.raises(ToolError):
        find_place(query)


@pytest.mark.parametrize("query, lon, lat", [
    ("Harz", 10.8, 51.75), ("Black Forest", 8.2, 48.3), ("Chaîne des Puys", 2.95, 45.78), ("Pyrenees", 0.5, 42.7),
])
def test_ranges(query, lon, lat):
    _check(query, {"mountain range"}, lon, lat)


@pytest.mark.parametrize("query, lon, lat", [
    ("Cook County", -87.75, 41.85), ("Département du Nord", 3.1, 50.5), ("Provincia di Cuneo", 7.55, 44.4),
    ("Brooklyn", -73.95, 40.65), ("Gemeente De Bilt", 5.18, 52.11),
])
def test_districts(query, lon, lat):
    p = find_place(query)
    assert _inside(p.bbox, lon, lat), (query, p.bbox, p.kind)


@pytest.mark.parametrize("query", ["Piton de la Xyzzy", "Glacier de Nowhereville", "Cerro de la Silla", "Desierto de Foobar"])
def test_a_feature_word_with_an_unknown_name_is_not_a_village(query):
    with pytest.raises(ToolError):
        find_place(query)


@pytest.mark.parametrize("query, kind", [
    ("Cape Town", "city"), ("Fontainebleau", "city"), ("Skagen", "city"), ("Villarrica", "city"),
])
def test_a_town_keeps_its_name_beside_a_feature(query, kind):
    # the town named like a feature stays the town ("Forêt de Fontainebleau", "Grenen" are the features)
    assert find_place(query).kind == kind


def test_curated_rows_are_well_formed():
    seen = 0
    for line in NATURAL_TSV.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        names, kind, cc, *box = line.split("\t")
        assert names and kind and (cc == "-" or len(cc) == 2), line
        w, s, e, n = (float(v) for v in box)
        assert -180 <= w < e <= 180 and -90 <= s < n <= 90, line  # lon first, west < east, south < north
        area = (e - w) * (n - s) * 111.3 ** 2 * math.cos(math.radians((s + n) / 2))
        assert 1 <= area <= 2e7, (line, area)  # from a headland to the Andes
        seen += 1
    assert seen >= 1000


@pytest.mark.parametrize("query, lon, lat", [
    # Spanish comarcas, with or without the word and the province around them
    ("comarca de El Bierzo", -6.6, 42.55), ("El Bierzo, León", -6.6, 42.55), ("La Garrotxa", 2.5, 42.18),
    ("Priorat", 0.8, 41.2), ("comarca de la Alpujarra", -3.2, 36.93), ("Tierra de Campos", -4.9, 42.0),
])
def test_comarcas(query, lon, lat):
    _check(query, {"region"}, lon, lat)


@pytest.mark.parametrize("query, lon, lat", [
    ("Serra da Estrela Natural Park", -7.61, 40.32),           # the range it protects
    ("Parque Natural da Serra da Estrela", -7.61, 40.32),      # the Portuguese word order, "da" after the word
    ("Sierra Nevada Natural Park, Spain", -3.31, 37.05),
    ("Parc naturel régional du Vercors", 5.45, 44.95),
    ("Naturpark Altmühltal", 11.2, 48.95),
    ("Oostvaardersplassen Nature Reserve", 5.33, 52.45),
    ("Naturschutzgebiet Lüneburger Heide", 9.95, 53.17),       # 'Heide' is a feature word and part of the name
    ("Okavango Delta Game Reserve", 22.9, -19.3),
])
def test_protected_areas_are_the_landscape_they_are_named_after(query, lon, lat):
    p = find_place(query)
    assert p.kind != "city", (query, p.name)
    assert _inside(p.bbox, lon, lat), (query, p.bbox)


@pytest.mark.parametrize("query", ["Parque Natural de Xyzzy", "Naturpark Qwertzberg", "Riserva naturale di Zzyzx"])
def test_a_protected_area_word_with_an_unknown_name_is_not_found(query):
    with pytest.raises(ToolError):
        find_place(query)
