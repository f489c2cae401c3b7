"""find_place on natural features from Natural Earth (lakes), adjective qualifiers, cross-border parts
and feature words that rule towns out; and that the index builds from the committed files alone."""

from __future__ import annotations

import socket

import pytest

from tools.models import ToolError
from tools.place_index import PlaceIndex
from tools.places import DEMONYMS, Gazetteer, find_place
from tools.regions import LAKES_JSON, lake_entries, lake_rank


def _inside(bbox, lon, lat):
    w, s, e, n = bbox
    return w <= lon <= e and s <= lat <= n


@pytest.mark.parametrize("query, lon, lat", [
    ("Great Slave Lake", -114.0, 61.7),         # only in Natural Earth
    ("Lake Winnipeg", -97.5, 52.5),
    ("Lago de Nicaragua", -85.4, 11.6),
    ("Lake Nicaragua", -85.4, 11.6),            # its English name
    ("Lake Michigan", -87.0, 44.0),             # not the state: 'Great Lakes' is an alternate, not its own name
    ("Lake Ontario", -77.8, 43.7),              # not Ontario, California
    ("Dongting Lake", 112.3, 29.0),
    ("Lake Volta", -0.5, 7.5),
    ("Gardasee", 10.7, 45.6),                   # curated lake, found by its German name
    ("Balaton", 17.7, 46.85),                   # a big lake beats a village namesake
])
def test_lakes(query, lon, lat):
    p = find_place(query)
    assert p.kind in ("lake", "reservoir", "salt lake"), (query, p)
    assert _inside(p.bbox, lon, lat), (query, p.bbox)


def test_lake_has_outline_and_countries():
    p = find_place("Great Slave Lake", polygon=True)
    assert p.polygon and len(p.polygon[0]) >= 10
    assert p.country == "Canada"
    tanganyika = find_place("Lake Tanganyika")
    assert "Tanzania" in (tanganyika.country or "") and "Zambia" in (tanganyika.country or "")


def test_curated_lake_gains_the_outline():
    p = find_place("Lake Constance", polygon=True)
    assert p.source == "curated" and p.polygon


def test_a_bare_translation_ranks_below_the_city():
    # Lake Winnipeg's core name and Lake Victoria's bare names are alternates: the cities win
    assert find_place("Winnipeg").kind == "city"
    assert find_place("Victoria").kind in ("city", "region, state", "state")


def test_town_word_picks_the_town_over_the_lake():
    assert find_place("Kariba").kind in ("lake", "reservoir")
    town = find_place("Kariba town")
    assert town.kind in ("city", "town") and town.country == "Zimbabwe"


@pytest.mark.parametrize("query", ["Sehwan Lake", "Lake Sehwan", "Loch Larkana"])
def test_feature_word_rules_out_a_town_namesake(query):
    # Sehwan and Larkana are towns in Sindh with no lake of their name: say so, do not answer the town
    with pytest.raises(ToolError):
        find_place(query)


@pytest.mark.parametrize("query", ["Manchar Lake", "Lake Manchar"])
def test_a_curated_lake_beats_the_town_of_its_name(query):
    # Manchar is also a town in India; the lake in Sindh (curated since) is what the feature word asks for
    p = find_place(query)
    assert p.kind == "lake" and p.country == "Pakistan"


@pytest.mark.parametrize("query, cc_country, inside, outside", [
    ("Dutch Wadden Sea", "The Netherlands", (5.2, 53.2), (8.5, 54.5)),
    ("the German Wadden Sea", "Germany", (8.5, 54.0), (5.0, 53.1)),
    ("Wadden Sea, Denmark", "Denmark", (8.5, 55.3), (5.0, 53.1)),
    ("Swiss Lake Constance", "Switzerland", (9.4, 47.6), (9.7, 47.75)),
    ("Lake Constance, Austria", "Austria", (9.6, 47.52), (9.2, 47.7)),
    ("Lake Victoria, Uganda", "Uganda", (32.8, 0.0), (33.0, -2.5)),
    ("Italian Alps", "Italy", (10.5, 46.3), (10.0, 47.6)),
])
def test_country_cuts_a_cross_border_feature(query, cc_country, inside, outside):
    p = find_place(query)
    assert p.country == cc_country, (query, p)
    assert _inside(p.bbox, *inside) and not _inside(p.bbox, *outside), (query, p.bbox)


@pytest.mark.parametrize("query, name", [
    ("Bangladeshi Sundarbans", "Sundarbans"),
    ("the German Ruhr", "Ruhr"),
    ("Scottish Highlands", "Scottish Highlands"),        # a name of its own: not split
    ("the Scottish Highlands", "Scottish Highlands"),
    ("French Alps", "Alps"),
])
def test_adjective_qualifiers(query, name):
    assert find_place(query).name == name


def test_adjective_qualifier_excludes_a_namesake_elsewhere():
    # Paris the capital is in France; an 'American Paris' is Paris, Texas (or another US Paris)
    assert find_place("American Paris").country == "United States"


def test_demonyms_cover_the_commonest():
    for adj in ("dutch", "german", "french", "italian", "spanish", "british", "swiss", "bangladeshi", "scottish", "welsh",
                "deutsche", "franzosische", "nederlandse", "south african", "sri lankan"):
        assert adj in DEMONYMS
    assert len(DEMONYMS) >= 60


def test_lake_file_is_compact_and_ranked():
    assert LAKES_JSON.stat().st_size < 1_000_000
    lakes = list(lake_entries())
    assert len(lakes) > 600
    assert all(e.rings and e.bbox[0] <= e.lon <= e.bbox[2] for e in lakes)
    assert lake_rank(50_000) > lake_rank(500) > lake_rank(5)
    assert lake_rank(1e9) < 90  # below a curated feature


def test_index_builds_without_network(tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise OSError("network disabled in this test")
    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    index = PlaceIndex.open(tmp_path)
    g = Gazetteer(index)
    hit = g.find("Great Slave Lake")
    assert hit and hit[0].kind == "lake"
    assert g.find("Dutch Wadden Sea")[0].country == "The Netherlands"  # type: ignore[index]


@pytest.mark.parametrize("query, kind_start, lon, lat", [
    ("Wales", "region", -3.8, 52.3),        # not the village in South Yorkshire
    ("Tuscany", "region", 11.2, 43.4),      # not the Calgary suburb
    ("Andalucía", "region", -4.5, 37.4),    # not the town in Colombia
    ("Brittany", "region", -3.0, 48.1),     # the region, not the département Morbihan that lists it as an alternate
    ("Highland", "region", -4.5, 57.5),     # the Scottish council area, not Highland, California
    ("Ontario", "region", -85.0, 50.0),     # the province, not Ontario, California
    ("Bern", "city", 7.45, 46.95),          # a capital still beats its canton
    ("Washington", "city", -77.03, 38.9),   # and its namesake state
    ("Cork", "city", -8.47, 51.9),
    ("Utrecht", "city", 5.12, 52.09),
    ("Granada", "city", -3.6, 37.18),
])
def test_regions_rank_by_area_against_towns(query, kind_start, lon, lat):
    p = find_place(query)
    assert p.kind.startswith(kind_start) and _inside(p.bbox, lon, lat), (query, p)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Milano", "Milan"),  # the province named after its city: the bare name is the city
        ("Napoli", "Naples"),
        ("Lucerne", "Luzern"),
        ("Genève", "Geneva"),  # not the lake
        ("Santa Cruz", "Santa Cruz de la Sierra"),  # not the Bolivian department of 370,000 km²
    ],
)
def test_a_region_or_lake_named_after_its_city_is_the_city_by_its_bare_name(query, expected):
    p = find_place(query)
    assert p.name == expected and p.kind == "city"


@pytest.mark.parametrize("query", ["Province of Milan", "provincia di Napoli", "canton of Lucerne", "Kanton Luzern"])
def test_a_feature_word_still_asks_for_the_region(query):
    assert find_place(query).kind.startswith("region")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Evros, Greece", "Nomos Evrou"),  # a Greek regional unit by its nominative name
        ("Nyski", "Powiat nyski"),  # a Polish powiat without its prefix
        ("Brno-venkov", "Okres Brno-Venkov"),
    ],
)
def test_second_level_regions_by_their_bare_names(query, expected):
    p = find_place(query)
    assert p.name == expected and p.kind == "region"


def test_an_outline_asked_for_and_missing_is_said():
    # a GeoNames second-level region has a box only: polygon=true said nothing at all before
    text = find_place("Regierungsbezirk Unterfranken", polygon=True).to_text()
    assert "polygon: none in the offline data" in text and "polygon=" not in text
    assert "polygon=" in find_place("province of Utrecht", polygon=True).to_text()


@pytest.mark.parametrize("query, namesake", [
    ("Limburg", "Limburg, Netherlands"),          # the other province, not only big towns
    ("Luxembourg", "Luxembourg, Belgium"),        # the Belgian province beside the country
    ("Georgia", "Georgia, United States"),        # the US state beside the country
    ("Victoria", "Victoria, Canada"),             # the Canadian city beside the Australian state
    ("Perth", "Perth, United Kingdom"),           # a Scottish town of 47k beside a city of 2.4M
    ("Córdoba", "Córdoba, Spain"),
    ("Hyderabad", "Hyderabad, Pakistan"),
    ("Granada", "Granada, Nicaragua"),
])
def test_namesakes_abroad_of_any_kind_are_listed(query, namesake):
    """The alternatives let a request's context pick the namesake it means ("Limburg, with Maastricht")."""
    p = find_place(query)
    assert any(a.startswith(namesake + " (") for a in p.alternatives), (query, p.alternatives)
    assert len(p.alternatives) <= 4


@pytest.mark.parametrize("query, lon, lat", [
    ("La Mancha", -3.0, 39.3),                    # the Spanish plain, not the département Manche (its Spanish name)
    ("Georgia, United States", -83.4, 32.7),      # the state: a qualifier rules the country out
    ("Limburg, Netherlands", 5.9, 51.2),
    ("Luxembourg, Belgium", 5.5, 49.9),
    ("Victoria, Australia", 144.5, -37.0),
    ("Perth, Scotland", -3.43, 56.40),
    ("Hyderabad, Sindh", 68.37, 25.39),
    ("Granada, Nicaragua", -85.95, 11.93),
    ("Córdoba, Spain", -4.78, 37.89),
    ("Valencia, Spain", -0.38, 39.47),
    ("Frankfurt (Oder)", 14.55, 52.34),
])
def test_namesakes_by_their_qualifier(query, lon, lat):
    p = find_place(query)
    assert _inside(p.bbox, lon, lat), (query, p.name, p.bbox)


def test_a_curated_feature_names_its_country():
    assert find_place("La Mancha").country == "Spain"
    assert find_place("Elba").country == "Italy"


@pytest.mark.parametrize("query, kind, lon, lat", [
    ("Nationalpark Hainich", "national park", 10.45, 51.08),                  # German word order
    ("Parc national du Mercantour", "national park", 7.2, 44.1),
    ("Parque Nacional de Monfragüe", "national park", -6.0, 39.83),
    ("Nationaal Park Dwingelderveld", "national park", 6.4, 52.8),
    ("Kaziranga", "national park", 93.3, 26.65),                              # the bare name of a park
    ("Gunung Leuser National Park", "national park", 97.5, 3.5),
    ("Los Glaciares", "national park", -73.0, -50.0),
    ("Cradle Mountain-Lake St Clair National Park", "national park", 145.95, -41.68),  # hyphen for the en dash
    ("Tongariro National Park", "national park", 175.6, -39.2),
    ("Denali", "mountain", -151.0, 63.07),
    ("Mount Kinabalu", "mountain", 116.55, 6.08),
    ("Aconcagua", "mountain", -70.01, -32.65),
    ("Großglockner", "mountain", 12.69, 47.07),
    ("Tian Shan", "mountain range", 80.0, 42.0),
    ("Western Ghats", "mountain range", 75.0, 14.0),
    ("Thüringer Wald", "mountain range", 10.8, 50.7),
    ("Bay of Bengal", "bay", 88.0, 15.0),
    ("Kieler Bucht", "bay", 10.5, 54.5),
    ("Baie de Somme", "bay", 1.6, 50.2),
    ("Firth of Forth", "bay", -3.2, 56.05),
    ("Golfe du Saint-Laurent", "gulf", -62.0, 48.5),
    ("Golfo di Taranto", "gulf", 17.2, 40.0),
    ("South China Sea", "sea", 114.0, 12.0),
    ("Niger Delta", "delta", 6.0, 5.0),
    ("Pearl River Delta", "delta", 113.5, 22.7),
    ("Delta del Paraná", "delta", -59.5, -33.8),
    ("Estuaire de la Gironde", "estuary", -0.9, 45.4),
    ("Westerschelde", "estuary", 3.8, 51.4),
])
def test_parks_peaks_seas_bays_and_deltas_on_every_continent(query, kind, lon, lat):
    p = find_place(query)
    assert p.kind == kind, (query, p.name, p.kind)
    assert _inside(p.bbox, lon, lat), (query, p.bbox)
    assert p.country or kind in ("sea", "gulf", "bay") or p.name in ("Tian Shan",), (query, p)


def test_a_peak_or_estuary_word_rules_a_town_out():
    assert find_place("Table Mountain").kind == "mountain"
    assert find_place("Thames estuary").kind == "estuary"      # not the river's whole course
    assert find_place("Puy-de-Dôme").kind.startswith("region")  # no peak entry shadows the département


@pytest.mark.parametrize("query, lon, lat", [
    ("Córdoba, Spanish", -4.78, 37.89),      # the adjective of a country as its qualifier, in six languages
    ("Córdoba, española", -4.78, 37.89),
    ("Cordoba, spanische", -4.78, 37.89),
    ("Luxembourg, belge", 5.5, 49.9),
    ("Limburg, Nederlandse", 5.9, 51.2),
    ("Limburg, belgischen", 5.4, 51.0),
    ("Georgia, US", -83.4, 32.7),
    ("Perth, UK", -3.43, 56.40),             # 'UK' is no ISO code but a name of the country
])
def test_a_country_adjective_or_code_qualifies(query, lon, lat):
    p = find_place(query)
    assert _inside(p.bbox, lon, lat), (query, p.name, p.bbox)


@pytest.mark.parametrize("query, kind, lon, lat", [
    ("La Palma (island)", "island", -17.85, 28.65),    # the article is part of the name, not Palma de Mallorca
    ("la isla de La Palma", "island", -17.85, 28.65),
    ("the island of Elba", "island", 10.25, 42.78),     # here the article is not
    ("Ré (ile)", "island", -1.4, 46.2),                 # a short island name without its 'Île de'
    ("Oléron (ile)", "island", -1.3, 45.93),
])
def test_feature_words_with_articles_and_short_island_names(query, kind, lon, lat):
    p = find_place(query)
    assert p.kind == kind and _inside(p.bbox, lon, lat), (query, p.name, p.bbox)


@pytest.mark.parametrize("name,country", [
    ("Czech Republic", "Czechia"), ("Tschechien", "Czechia"), ("East Timor", "Timor Leste"),
    ("Swaziland", "Eswatini"), ("Burma", "Myanmar"), ("Cape Verde", "Cabo Verde"), ("Kapverden", "Cabo Verde"),
    ("DR Congo", "Democratic Republic of the Congo"), ("Türkiye", "Turkey"),
])
def test_countries_by_their_former_and_foreign_names(name, country):
    """'Burma' was a town in Jordan; 'Czech Republic', 'Swaziland', 'Kapverden', 'Türkiye' were not found."""
    place = find_place(name)
    assert (place.name, place.kind) == (country, "country"), place.to_text()


def test_an_island_state_is_its_island_when_its_box_spans_far_outlying_islands():
    """'off the south-east coast of Mauritius' was mapped at 60 E, 15.7 S: the centre of a country box that
    reaches Rodrigues and Agaléga. Malta, whose box only adds Gozo, stays the country."""
    mauritius = find_place("Mauritius")
    assert mauritius.kind == "island" and mauritius.bbox[0] > 57.0 and mauritius.bbox[2] < 58.0
    assert find_place("Malta").kind == "country" and find_place("Cyprus").kind == "country"


@pytest.mark.parametrize(("query", "kind_start", "lon", "lat"), [
    ("Brandenburg", "region", 13.9, 51.94),  # the Land, not Brandenburg an der Havel (70,000) in it
    ("Brandenburg, Germany", "region", 13.9, 51.94),
    ("Brandenburg an der Havel", "city", 12.55, 52.41),  # the town by its own name
    ("Stadt Brandenburg", "city", 12.55, 52.41),
    ("Santa Cruz", "city", -63.18, -17.78),  # a great city called more than its department is still the seat
    ("Salzburg", "city", 13.04, 47.8),  # a seat called just the region's name stays the city
    ("Utrecht", "city", 5.12, 52.09),
    ("Groningen", "city", 6.57, 53.22),
    ("Namur", "city", 4.87, 50.47),
    ("Bern", "city", 7.45, 46.95),
    ("Limburg", "region", 5.4, 51.0),
    ("Luxembourg", "country", 6.1, 49.8),
])
def test_a_region_beats_a_town_known_by_a_longer_name(query, kind_start, lon, lat):
    p = find_place(query)
    assert p.kind.startswith(kind_start) and _inside(p.bbox, lon, lat), (query, p)


@pytest.mark.parametrize(("query", "cc", "lon", "lat"), [
    ("Sierra Bermeja", "Spain", -5.2, 36.52),
    ("Sierra Bermeja, Málaga", "Spain", -5.2, 36.52),
    ("Serranía de Ronda", "Spain", -5.15, 36.7),
    ("Sierra de las Nieves", "Spain", -4.99, 36.68),
    ("Sierra de Gata", "Spain", -6.6, 40.25),
    ("Montes de Toledo", "Spain", -4.5, 39.5),
    ("Moncayo", "Spain", -1.83, 41.78),  # not Monkayo in the Philippines
    ("Sierra Tejeda", "Spain", -4.0, 36.9),
    ("Serra de Monchique", "Portugal", -8.58, 37.32),
    ("Serra do Caldeirão", "Portugal", -7.95, 37.25),
    ("Serra da Arrábida", "Portugal", -8.98, 38.49),
    ("Monte Amiata", "Italy", 11.62, 42.89),
    ("Gennargentu", "Italy", 9.33, 40.02),
    ("Monti Lattari", "Italy", 14.5, 40.65),
    ("Monti Peloritani", "Italy", 15.4, 38.1),
    ("Colli Euganei", "Italy", 11.7, 45.3),
])
def test_curated_ranges_of_iberia_and_italy(query, cc, lon, lat):
    p = find_place(query)
    assert p.kind.startswith("mountain") and p.country == cc and _inside(p.bbox, lon, lat), (query, p)
