"""One acquisition instead of a composite (agent/planner/scenes.py): the latest or the least cloudy
day of the window, found with find_acquisitions, then loaded alone."""

from __future__ import annotations

from datetime import date

import pytest
from planner_helpers import build_graph, converse_with_gazetteer

from agent.planner.dates import Period
from agent.planner.i18n import normalize
from agent.planner.intents import parse_intent
from agent.planner.phrases import phrases
from agent.planner.scenes import chosen_day, scene_window
from tools.acquisitions import Acquisition, Acquisitions

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize("text, scene", [
    ("Least cloudy Sentinel-2 image of Reykjavik in July 2025", "clearest"),
    ("the clearest day in July 2025 over Reykjavik", "clearest"),
    ("Die wolkenfreieste Aufnahme von Köln im Juni 2025", "clearest"),
    ("l'image la moins nuageuse de Lyon en juin 2025", "clearest"),
    ("de minst bewolkte opname van Gent in juni", "clearest"),
    ("la imagen menos nubosa de Sevilla en junio", "clearest"),
    ("l'immagine meno nuvolosa di Torino a giugno", "clearest"),
    ("Latest Sentinel-2 image of Valencia", "latest"),
    ("Die neueste Sentinel-2-Aufnahme von Köln", "latest"),
    ("la dernière image de Lyon", "latest"),
    ("het meest recente beeld van Gent", "latest"),
    ("la última imagen de Sevilla", "latest"),
    ("l'ultima immagine di Torino", "latest"),
    ("newest radar pass over Rotterdam", "latest"),
    ("NDVI over the last days of June in Leuven", ""),  # days of a month, not an image
    ("true colour image of Paris last month", ""),
    ("NDVI change after the last image before the fire", ""),  # a change: two windows
    ("flood map from the latest Sentinel-1 pass over Nysa", ""),  # a flood map compares two periods
])
def test_one_acquisition_is_read_in_six_languages(text, scene):
    assert parse_intent(normalize(text)).scene == scene


def _found(days: list[tuple[int, float | None]]) -> Acquisitions:
    return Acquisitions(collection_id="SENTINEL2_L2A", bbox=(0, 0, 1, 1), start=date(2025, 7, 1), end=date(2025, 8, 1),
                        days=[Acquisition(day=date(2025, 7, d), cloud_cover=c) for d, c in days], source="the backend")


def test_the_clearest_day_is_the_least_cloudy_the_later_of_equals():
    assert chosen_day(_found([(2, 40.0), (7, 3.0), (12, 3.0), (17, 80.0)]), "clearest").day == date(2025, 7, 12)
    assert chosen_day(_found([(2, None), (7, 50.0)]), "clearest").day == date(2025, 7, 7)  # a known cover first
    assert chosen_day(_found([(2, 40.0), (7, 90.0)]), "latest").day == date(2025, 7, 7)
    assert chosen_day(_found([]), "clearest") is None


def test_the_answer_says_which_day_and_why():
    window = Period(start=date(2025, 7, 1), end=date(2025, 8, 1), kind="month")
    p = phrases("en")
    one, note = scene_window(_found([(2, 40.0), (7, 3.0)]), "clearest", window, "SENTINEL2_L2A", p)
    assert (one.start, one.end) == (date(2025, 7, 7), date(2025, 7, 8)) and "3% cloud cover" in note
    one, note = scene_window(_found([(2, None), (7, None)]), "clearest", window, "SENTINEL2_L2A", p)
    assert one.start == date(2025, 7, 7) and "no cloud cover" in note and "latest" in note
    one, note = scene_window(_found([]), "clearest", window, "SENTINEL2_L2A", p)
    assert one == window and "no acquisition" in note


def test_the_planner_asks_for_the_days_then_loads_the_clearest_one():
    messages, calls = converse_with_gazetteer("Die wolkenfreieste Aufnahme von Köln im Juni 2025", TODAY)
    args = calls["find_acquisitions"][0]
    assert (args["collection_id"], args["start"], args["end"]) == ("SENTINEL2_L2A", "2025-06-01", "2025-07-01")
    graph = build_graph(calls["run_openeo_code"][-1]["code"])
    load = next(n for n in graph.values() if n["process_id"] == "load_collection")
    start, end = load["arguments"]["temporal_extent"]
    assert date.fromisoformat(end).toordinal() - date.fromisoformat(start).toordinal() == 1
    assert messages[-1].content.startswith("Eine Aufnahme, die wolkenärmste von") and start in messages[-1].content
