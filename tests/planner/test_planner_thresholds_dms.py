"""Thresholds with their comparison and unit in six languages, reaching the graph of every product
(DEM slope, backscatter, LST); degrees-minutes-seconds boxes used exactly as given; a single day
loaded as a short window around it."""

from __future__ import annotations

from datetime import date

import pytest

from agent.planner.coords import find_coordinates
from agent.planner.i18n import normalize
from agent.planner.intents import parse_intent
from agent.planner.methods import find_threshold
from planner_helpers import build_graph, converse, final_code


@pytest.mark.parametrize("text,op,value,unit", [
    ("slope steeper than 30°", "gt", 30.0, "°"),
    ("slope > 15 degrees", "gt", 15.0, "°"),
    ("Hangneigung über 20 Grad", "gt", 20.0, "°"),  # Grad is an angle here, not Celsius
    ("pente supérieure à 25°", "gt", 25.0, "°"),
    ("helling groter dan 10 graden", "gt", 10.0, "°"),
    ("pendiente mayor de 30 grados", "gt", 30.0, "°"),
    ("pendenza superiore a 30 gradi", "gt", 30.0, "°"),
    ("slopes gentler than 5°", "lt", 5.0, "°"),
    ("NDVI below 0.2", "lt", 0.2, ""),
    ("NDVI inferiore a 0,3", "lt", 0.3, ""),
    ("NDVI minore di 0,3", "lt", 0.3, ""),
    ("VV under -18 dB", "lt", -18.0, "dB"),
    ("LST above 35 °C", "gt", 35.0, "°C"),
    ("temperatura sopra i 40 gradi celsius", "gt", 40.0, "°C"),
    ("NDVI al menos 0,5", "gte", 0.5, ""),
    ("elevation above 1500 m", "gt", 1500.0, "m"),
])
def test_threshold_forms(text, op, value, unit):
    t = find_threshold(normalize(text))
    assert t is not None, text
    assert (t.op, t.value, t.unit) == (op, value, unit)


@pytest.mark.parametrize("text", ["NDVI of Punjab with less than 20 % cloud cover",
                                  "Sentinel-2 NDVI, scenes unter 30 % Wolken", "NDVI at under 20 m resolution"])
def test_cloud_cover_and_resolution_are_no_thresholds(text):
    assert find_threshold(normalize(text)) is None


@pytest.mark.parametrize("text,task,op,value", [
    ("Hangneigung über 20 Grad im Nationalpark Berchtesgaden", "slope", "gt", 20.0),
    ("slope map with slopes of at least 100 % near Zermatt", "slope", "gte", 45.0),  # 100 % is 45°
    ("Sentinel-1 VV backscatter of Chioggia, mask where VV under -18 dB", "backscatter", "lt", -18.0),
    ("mean land surface temperature in Madrid, mask where LST above 35 °C", "lst", "gt", 308.15),
])
def test_products_keep_their_threshold(text, task, op, value):
    it = parse_intent(normalize(text))
    assert it.task == task
    assert it.threshold is not None and (it.threshold.op, it.threshold.value) == (op, value)


GAZ = {"mount kilimanjaro": ((37.2, -3.2, 37.6, -2.9), "mountain"), "kilimanjaro": ((37.2, -3.2, 37.6, -2.9), "mountain"),
       "capo corso": ((9.3, 42.9, 9.5, 43.1), "cape"), "trieste": ((13.7, 45.6, 13.9, 45.7), "city"),
       "gulf of trieste": ((13.2, 45.5, 13.8, 45.8), "bay")}


def _processes(graph: dict) -> set[str]:
    found: set[str] = set()

    def walk(g: dict) -> None:
        for node in g.values():
            found.add(node["process_id"])
            for arg in node.get("arguments", {}).values():
                if isinstance(arg, dict) and "process_graph" in arg:
                    walk(arg["process_graph"])

    walk(graph)
    return found


def test_a_slope_threshold_reaches_the_graph():
    _, calls = converse("Slope in degrees for Mount Kilimanjaro from the Copernicus 30 m DEM, plus a mask of "
                        "everything steeper than 30°.", date(2025, 2, 3), GAZ)
    code = final_code(calls)
    assert "mask = slope > 30" in code
    assert {"apply_kernel", "gt"} <= _processes(build_graph(code))


def _extent(code: str) -> list[str]:
    graph = build_graph(code)
    return next(n["arguments"]["temporal_extent"] for n in graph.values() if n["process_id"] == "load_collection")


def test_a_single_day_is_a_short_window_around_it():
    _, calls = converse("Possible oil slicks in the Gulf of Trieste on 12 August 2021: Sentinel-1 VV in dB, flag "
                        "pixels more than 3 dB darker than the local mean of a 15x15 window.", date(2021, 9, 1), GAZ)
    start, end = _extent(final_code(calls))
    assert start < "2021-08-12" and end > "2021-08-13" and start >= "2021-08-05" and end <= "2021-08-20"


def test_a_window_beside_an_event_day_is_the_one_analysed():
    _, calls = converse("Rileva le chiazze di idrocarburi al largo di Capo Corso dopo la collisione del 7 ottobre "
                        "2018: Sentinel-1 VV in dB, soglia locale (media mobile 21×21 pixel meno 3 dB), dall'8 al 15 "
                        "ottobre 2018.", date(2018, 10, 18), GAZ)
    code = final_code(calls)
    assert _extent(code) == ["2018-10-08", "2018-10-16"]
    assert "apply_kernel" in _processes(build_graph(code))


@pytest.mark.parametrize("text,expected", [
    ("Max-NDVI composite for 47°30′N–47°40′N, 19°00′E–19°15′E (Budapest)", (19.0, 47.5, 19.25, 47.666667)),
    ("45°30'N 7°15'E to 45°45'N 7°40'E", (7.25, 45.5, 7.666667, 45.75)),
    ("zwischen 45°30' und 45°45' N und 7°15' bis 7°40' E", (7.25, 45.5, 7.666667, 45.75)),
    ("33°52'S 151°12'E to 33°48'S 151°18'E", (151.2, -33.866667, 151.3, -33.8)),
])
def test_dms_boxes_are_exact(text, expected):
    c = find_coordinates(text)
    assert c is not None and c.kind == "bbox"
    assert c.bbox == expected


def test_a_dms_point_stays_a_point():
    c = find_coordinates("47°15'30\"N, 11°23'40\"E")
    assert c is not None and c.kind == "point" and c.point == (11.394444, 47.258333)
