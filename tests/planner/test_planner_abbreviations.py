"""Month abbreviations and event names are no places: "CO column Dec 2019 - Jan 2020 ... during the Black
Summer" looked up Dec (Decatur), Jan and Black (Black Lake, Canada) and loaded Canada instead of Sydney."""

from __future__ import annotations

from datetime import date

import pytest
from planner_helpers import build_graph, converse_with_gazetteer

from agent.planner.places import place_candidates


@pytest.mark.parametrize("text, places", [
    ("Smoke over Sydney during the Black Summer, CO column Dec 2019 - Jan 2020", ["Sydney"]),
    ("NDVI of Lyon, Jun 2024", ["Lyon"]),
    ("NO2 over Madrid Sept-Oct 2023", ["Madrid"]),
    ("NDVI van Gent, mrt 2022", ["Gent"]),
    ("Bodenfeuchte in der Lausitz 3. Okt 2023", ["Lausitz"]),
    ("NDVI de Sevilla, ene-abr 2024", ["Sevilla"]),
    ("Chlorophyll in the Mar Menor, 15 Aug 2024", ["Mar Menor"]),  # a name that starts like a month stays
    ("Karte von Jan Mayen, Okt. 2023", ["Jan Mayen"]),
    ("Mar del Plata coast, Jan-Mar 2024", ["Mar del Plata"]),
    ("Brandschäden nach dem Black Saturday bei Melbourne", ["Melbourne"]),
])
def test_month_abbreviations_and_event_names_are_no_places(text, places):
    found = [c for c in place_candidates(text) if c not in ("Smoke", "Chlorophyll", "Brandschäden")]
    assert found == places


def test_the_plume_of_the_black_summer_is_over_sydney():
    _, calls = converse_with_gazetteer("Smoke over Sydney during the Black Summer, CO column Dec 2019 - Jan 2020",
                                       date(2026, 12, 7))
    assert [c["name"] for c in calls["find_place"]] == ["Sydney"]
    load = next(n for n in build_graph(calls["run_openeo_code"][-1]["code"]).values() if n["process_id"] == "load_collection")
    ext = load["arguments"]["spatial_extent"]
    assert ext["west"] < 151.2 < ext["east"] and ext["south"] < -33.87 < ext["north"]
    assert load["arguments"]["temporal_extent"] == ["2019-12-01", "2020-02-01"]
