"""Regression requests (written for an earlier planner, tuned on since; other places and wordings than the public dev set): the
planner drafts code for each, the real openeo client builds its graph offline, and the
evaluation checks must all pass. Proves the planner generalises from language."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.evaluation.cases import load_cases
from agent.evaluation.checks import check_graph
from planner_helpers import build_graph, converse, final_code

CASES = load_cases(Path(__file__).resolve().parents[1] / "data" / "eval" / "planner_regression.jsonl")

# a tiny gazetteer standing in for find_place: name -> (bbox, kind)
GAZETTEER = {
    "bordeaux": ((-0.65, 44.80, -0.53, 44.92), "city"),
    "bamako": ((-8.08, 12.57, -7.93, 12.70), "city"),
    "mali": ((-12.2, 10.1, 4.3, 25.0), "country"),
    "madrid": ((-3.80, 40.35, -3.60, 40.50), "city"),
    "spain": ((-9.3, 36.0, 3.3, 43.8), "country"),
    "athens": ((23.65, 37.93, 23.80, 38.05), "city"),
    "innsbruck": ((11.33, 47.23, 11.45, 47.29), "city"),
    "cape town": ((18.35, -34.05, 18.65, -33.85), "city"),
    "quito": ((-78.58, -0.35, -78.42, -0.08), "city"),
    "dhaka": ((90.33, 23.70, 90.47, 23.90), "city"),
    "bangladesh": ((88.0, 20.6, 92.7, 26.6), "country"),
    "baghdad": ((44.25, 33.22, 44.50, 33.42), "city"),
    "chamonix": ((6.82, 45.88, 6.93, 45.96), "city"),
    "fresno": ((-119.90, 36.68, -119.68, 36.86), "city"),
    "california": ((-124.4, 32.5, -114.1, 42.0), "state"),
    "kano": ((8.45, 11.93, 8.60, 12.06), "city"),
    "nigeria": ((2.7, 4.3, 14.7, 13.9), "country"),
    "reykjavik": ((-21.98, 64.09, -21.75, 64.16), "city"),
    "münchen": ((11.45, 48.06, 11.72, 48.25), "city"),
    "córdoba": ((-64.30, -31.50, -64.08, -31.32), "city"),
    "argentina": ((-73.6, -55.1, -53.6, -21.8), "country"),
    "utrecht": ((5.03, 52.03, 5.19, 52.14), "city"),
    "marseille": ((5.30, 43.20, 5.50, 43.38), "city"),
    "can tho": ((105.70, 9.98, 105.85, 10.10), "city"),
    "vietnam": ((102.1, 8.2, 109.5, 23.4), "country"),
    "lagos": ((3.25, 6.40, 3.55, 6.65), "city"),
}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_regression_case(case):
    messages, calls = converse(case.request, case.today, GAZETTEER)
    assert "run_openeo_code" in calls, messages[-1].content
    graph = build_graph(final_code(calls))
    failed = [r for r in check_graph(graph, case.expect) if not r.passed]
    assert not failed, [f"{r.name}: {r.detail}" for r in failed]
