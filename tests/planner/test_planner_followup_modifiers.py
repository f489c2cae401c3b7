"""Follow-ups that show the same product another way ("now as a monthly time series for the whole summer",
"as CSV please"): the first was looked up as a place called "whole summer", the second kept the raster."""

from __future__ import annotations

from datetime import date

from planner_helpers import build_graph, converse_with_gazetteer

TODAY = date(2026, 12, 7)


def _turns(*requests: str):
    history: list = []
    out = []
    for r in requests:
        messages, calls = converse_with_gazetteer(r, TODAY, history=history)
        history = messages
        out.append((messages, calls))
    return out


def test_a_follow_up_asks_the_same_product_as_a_series_over_the_season_of_that_year():
    (_, _), (_, calls) = _turns("NDVI of Leuven in June 2023", "now as a monthly time series for the whole summer")
    assert all(c["name"] != "whole summer" for c in calls.get("find_place", []))
    graph = build_graph(calls["run_openeo_code"][-1]["code"])
    load = next(n for n in graph.values() if n["process_id"] == "load_collection")
    assert load["arguments"]["temporal_extent"] == ["2023-06-01", "2023-09-01"]
    assert {"aggregate_temporal_period", "aggregate_spatial"} <= {n["process_id"] for n in graph.values()}


def test_a_follow_up_asks_the_same_series_as_csv():
    *_, (_, calls) = _turns("NDVI time series of Ghent, summer 2024", "as CSV please")
    assert '.download("' in calls["run_openeo_code"][-1]["code"] and ".csv" in calls["run_openeo_code"][-1]["code"]
