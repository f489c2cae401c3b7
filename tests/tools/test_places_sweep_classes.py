"""find_place on the classes the held-out gazetteer sweep (tests/data/places/sweep.tsv) showed missing:
straits and fjords (with their feature words in six languages), islands, ranges, landscapes and historical
regions that were not in the data, exonyms of countries and regions, and the dev-rate floor of the sweep."""

from __future__ import annotations

import pytest

from tools.places import find_place


def _inside(bbox, lon, lat):
    w, s, e, n = bbox
    return w <= lon <= e and s <= lat <= n


def _km2(bbox):
    import math

    w, s, e, n = bbox
    return 6371.0**2 * math.radians(e - w) * abs(math.sin(math.radians(n)) - math.sin(math.radians(s)))


@pytest.mark.parametrize(
    "query, lon, lat, max_km2",
    [
        ("Détroit de Gibraltar", -5.6, 35.95, 6000),
        ("Straat van Gibraltar", -5.6, 35.95, 6000),
        ("Stretto di Messina", 15.62, 38.2, 1500),
        ("Straße von Hormus", 56.4, 26.5, 25000),
        ("İstanbul Boğazı", 29.06, 41.09, 1500),
        ("Bósforo", 29.06, 41.09, 1500),
        ("Çanakkale Boğazı", 26.68, 40.37, 5000),
        ("the Solent", -1.35, 50.78, 1500),
        ("Sognefjorden", 6.57, 61.15, 20000),
        ("Halong Bay", 107.1, 20.9, 5000),
        ("Baie d'Along", 107.1, 20.9, 5000),
    ],
)
def test_straits_fjords_and_bays(query, lon, lat, max_km2):
    p = find_place(query)
    assert p.kind in ("strait", "bay", "sea"), (query, p)
    assert _inside(p.bbox, lon, lat) and _km2(p.bbox) <= max_km2, (query, p.bbox)


@pytest.mark.parametrize(
    "query, lon, lat, max_km2",
    [
        ("Rapa Nui", -109.35, -27.12, 1000),
        ("Île de Pâques", -109.35, -27.12, 1000),
        ("Isla de Pascua", -109.35, -27.12, 1000),
        ("Fraser Island", 153.1, -25.25, 10000),
        ("La Española", -71.0, 19.0, 400000),
        ("Palawan Island", 118.7, 9.8, 150000),
        ("Cycladen", 25.45, 37.05, 80000),
        ("Fogarascher Gebirge", 24.7, 45.6, 4000),
        ("Karkonosze", 15.65, 50.73, 5000),
        ("Giant Mountains", 15.65, 50.73, 5000),
        ("Rhodopen", 24.7, 41.6, 60000),
        ("Elburz", 51.5, 36.2, 400000),
        ("Swabian Alb", 9.3, 48.45, 25000),
        ("Barrancas del Cobre", -107.7, 27.5, 30000),
        ("Eisernes Tor", 22.3, 44.65, 6000),
        ("Đerdap", 22.3, 44.65, 6000),
        ("Lake Starnberg", 11.32, 47.9, 500),
        ("Kati Thanda", 137.3, -28.4, 40000),
        ("Pampa Húmeda", -61.5, -35.0, 1500000),
        ("Tarimbecken", 83.0, 40.0, 2000000),
        ("Transilvania", 24.5, 46.5, 300000),
        ("Čechy", 14.5, 49.8, 200000),
        ("Mazury", 21.5, 53.8, 40000),
        ("Kaaphalbinsel", 18.45, -34.2, 3000),
        ("Kamtschatka", 159.0, 56.0, 1000000),
        ("Patagonie", -69.0, -45.0, 4000000),
        ("Kapadokya", 34.83, 38.64, 30000),
        ("Poebene", 10.5, 45.1, 300000),
        ("Mare Adriatico", 15.5, 43.0, 1200000),
        ("Loiretal", 0.69, 47.39, 80000),
        ("Kanaren", -15.6, 27.95, 300000),
    ],
)
def test_features_added_from_the_sweep(query, lon, lat, max_km2):
    p = find_place(query)
    assert _inside(p.bbox, lon, lat) and _km2(p.bbox) <= max_km2, (query, p)


@pytest.mark.parametrize(
    "query, lon, lat",
    [
        ("Katalonien", 1.5, 41.8),
        ("Catalogne", 1.5, 41.8),
        ("Schottland", -4.2, 56.8),
        ("Escocia", -4.2, 56.8),
        ("Vlaanderen", 4.0, 51.0),
        ("Flandern", 4.0, 51.0),
        ("Wallonien", 5.0, 50.3),
        ("Fryslân", 5.8, 53.1),
        ("Toskana", 11.1, 43.4),
        ("Kalabrien", 16.3, 39.0),
        ("Elsass", 7.5, 48.3),
        ("Burgund", 4.5, 47.1),
        ("Nordirland", -6.7, 54.6),
        ("Stiermarken", 15.2, 47.2),
    ],
)
def test_region_exonyms(query, lon, lat):
    p = find_place(query)
    assert p.kind.startswith(("region", "state")), (query, p)
    assert _inside(p.bbox, lon, lat) and _km2(p.bbox) < 300_000, (query, p.bbox)


@pytest.mark.parametrize(
    "query, lon, lat",
    [
        ("Georgien", 43.5, 42.1),
        ("Géorgie", 43.5, 42.1),
        ("Nouvelle-Zélande", 172.0, -41.0),
        ("Nieuw-Zeeland", 175.5, -38.5),
        ("Russland", 37.6, 55.7),
        ("Kanada", -75.7, 45.4),
        ("Tansania", 35.7, -6.2),
    ],
)
def test_country_exonyms(query, lon, lat):
    p = find_place(query)
    assert p.kind == "country" and _inside(p.bbox, lon, lat), (query, p)


def test_a_country_box_does_not_go_round_the_world():
    # the Chatham Islands (176.5° W) spread New Zealand's box over 355° of longitude
    for q in ("New Zealand", "Neuseeland", "Fiji"):
        w, s, e, n = find_place(q).bbox
        assert w < e and e - w < 30, (q, (w, s, e, n))


@pytest.mark.parametrize(
    "query, lon, lat",
    [
        ("Greenland", -42.0, 78.0),
        ("Grönland", -30.0, 82.0),
        ("Falklands", -60.0, -51.7),
        ("Islas Malvinas", -58.8, -51.7),
    ],
)
def test_a_country_that_is_one_island_takes_the_islands_box(query, lon, lat):
    # the country's box comes from its towns (Greenland's stopped at 71.6° N, the Falklands' at Stanley's island)
    p = find_place(query)
    assert _inside(p.bbox, lon, lat), (query, p)


@pytest.mark.parametrize(
    "query, name",
    [
        ("Atlasgebirge", "Atlas Mountains"),
        ("Atlasgebergte", "Atlas Mountains"),
        ("Uralgebirge", "Urals"),
        ("Tanasee", "Lake Tana"),
        ("Kivusee", "Lake Kivu"),
        ("Mekongdelta", "Mekong Delta"),
        ("Gobiwüste", "Gobi Desert"),
        ("Sinaihalbinsel", "Sinai Peninsula"),
        ("Rhônetal", "Rhône Valley"),
    ],
)
def test_german_and_dutch_compounds_of_name_and_feature_word(query, name):
    assert find_place(query).name == name


@pytest.mark.parametrize(
    "query, name",
    [
        ("Meerenge von Messina", "Strait of Messina"),
        ("Vallée du Rhône", "Rhône Valley"),
        ("Lago Starnberg", "Starnberger See"),
    ],
)
def test_a_feature_word_in_another_language_finds_the_english_form(query, name):
    assert find_place(query).name == name


def test_a_compound_is_tried_only_when_the_name_is_unknown():
    assert find_place("Wuppertal").kind == "city"  # the city, not a valley of "Wupper"


@pytest.mark.parametrize(
    "query, lon, lat",
    [
        ("Oberpfalz", 12.1, 49.4),
        ("Regierungsbezirk Oberpfalz", 12.1, 49.4),
        ("Niederbayern", 12.7, 48.6),
        ("Oberfranken", 11.4, 50.0),
        ("Unterfranken", 9.9, 49.9),
        ("Haute-Bavière", 11.5, 48.0),
        ("Schwaben", 10.6, 48.3),
    ],
)
def test_bavarian_regierungsbezirke_by_their_german_names(query, lon, lat):
    p = find_place(query)
    assert p.kind.startswith("region") and _inside(p.bbox, lon, lat) and _km2(p.bbox) < 40_000, (query, p)


@pytest.mark.parametrize(
    "query, lon, lat",
    [
        ("Magellanstraße", -70.7, -53.2),
        ("Estrecho de Magallanes", -70.7, -53.2),
        ("Détroit de Béring", -169.0, 65.8),
        ("Storebælt", 10.95, 55.4),
        ("Canale di Sicilia", 11.8, 37.1),
        ("Bouches de Bonifacio", 9.2, 41.35),
        ("Straße von Malakka", 100.5, 3.5),
        ("Cook Strait", 174.5, -41.2),
        ("Oslofjorden", 10.6, 59.4),
        ("Hardangerfjord", 6.3, 60.2),
    ],
)
def test_more_straits_and_fjords(query, lon, lat):
    p = find_place(query)
    assert p.kind in ("strait", "bay") and _inside(p.bbox, lon, lat), (query, p)


@pytest.mark.parametrize(
    "query, lon, lat",
    [
        ("Schlesien", 17.0, 51.1),
        ("Pommern", 16.0, 54.0),
        ("Walachei", 26.1, 44.4),
        ("Thrakien", 26.5, 41.7),
        ("Kleinasien", 33.0, 39.0),
        ("Franken", 11.08, 49.45),
        ("Westfalen", 7.63, 51.96),
        ("Rhénanie", 6.96, 50.94),
        ("Ostfriesland", 7.2, 53.4),
        ("Lausitz", 14.3, 51.6),
        ("Lothringen", 6.18, 48.69),
        ("Schonen", 13.2, 55.7),
        ("Gascogne", 0.0, 43.7),
        ("Savoyen", 6.4, 45.7),
    ],
)
def test_historical_regions_and_their_exonyms(query, lon, lat):
    p = find_place(query)
    assert p.kind.startswith("region") and _inside(p.bbox, lon, lat) and _km2(p.bbox) < 1_500_000, (query, p)


def test_a_department_is_not_taken_by_its_historical_region():
    assert find_place("Savoie").name == "Savoie"  # the département; the historical Savoy is "Savoy", "Savoyen"


# The sweep's dev rows only: its held rows (split fixed by md5 parity of the query, see the file's header) stay
# held out, for this session's final figure and for the next session's; never tune find_place to them.
SWEEP_DEV_FLOOR = 0.965  # dev was 557/566 (98.4%) at the end of the session that wrote the sweep; a small margin


def test_the_sweep_dev_rate_stays_up():
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "places_sweep.py"
    spec = importlib.util.spec_from_file_location("places_sweep", path)
    assert spec and spec.loader
    sweep = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("places_sweep", sweep)  # its dataclass looks its module up
    spec.loader.exec_module(sweep)
    dev = [r for r in sweep.rows() if r.split == "dev"]
    failed = [r.query for r in dev if not sweep.check(r)[0]]
    assert len(dev) > 500
    assert 1 - len(failed) / len(dev) >= SWEEP_DEV_FLOOR, failed


@pytest.mark.parametrize("query", ["Volga", "Wolga", "Rio Grande"])
def test_a_great_river_outranks_a_town_or_a_group_of_regions_of_its_name(query):
    assert find_place(query).kind == "river"


@pytest.mark.parametrize(
    "query, kind",
    [
        ("Rio Grande, Brazil", "city"),
        ("Paraná", "region, state"),
        ("Niger", "country"),
        ("Colorado", "state"),
        ("Toscana", "region, region"),
    ],
)
def test_a_great_river_leaves_states_countries_and_qualified_towns_alone(query, kind):
    assert find_place(query).kind == kind
