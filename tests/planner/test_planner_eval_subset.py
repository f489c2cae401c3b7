"""A fast subset of the development evaluation: the planner with the real offline gazetteer, the real
openeo client building each graph, and the evaluation's checks (no backend, no execution). The full
sets run by command: `openeo-agent eval tests/data/eval/dev.jsonl --out report.json`."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.evaluation.cases import load_cases
from agent.evaluation.checks import check_graph
from planner_helpers import answer_of, build_graph, converse_with_gazetteer, final_code

DEV = {c.id: c for c in load_cases(Path(__file__).resolve().parents[1] / "data" / "eval" / "dev.jsonl")}
SUBSET = [
    "dv-ndvi-elba-island-june-2022", "dv-s1-flood-lat-lon-ranges-emilia", "dv-heat-days-lst-athens-2023",
    "dv-rvi-rice-central-luzon", "dv-oil-slick-off-malta-local-mean", "dv-s1-stats-vh-std-percentiles-netherlands-box",
    "dv-s1-s2-fusion-po-valley-maize", "dv-landcover-shares-county-cork", "dv-multisensor-ndvi-field-iowa",
    "dv-ndvi-utm32-box-munich", "dv-ndvi-dekad-punjab-wheat", "dv-de-flood-ahr-2021", "dv-fr-rvi-beauce",
    "dv-nl-dnbr-veluwe-brand", "dv-es-humedad-suelo-cambio-castilla", "dv-ndre-formula-custom-bands",
]


@pytest.mark.parametrize("case_id", SUBSET)
def test_dev_case_offline(case_id):
    case = DEV[case_id]
    messages, calls = converse_with_gazetteer(case.request, case.today)
    assert "run_openeo_code" in calls, messages[-1].content
    graph = build_graph(final_code(calls))
    failed = [f"{r.name}: {r.detail}" for r in check_graph(graph, case.expect) if not r.passed]
    assert not failed, failed


def test_zonal_statistics_use_the_region_outline():
    from datetime import date

    messages, calls = converse_with_gazetteer("Share of tree cover and cropland (ESA WorldCover 2021) in the province of "
                                              "Drenthe", date(2025, 1, 10))
    assert calls["find_place"][0]["name"].endswith("Drenthe") and calls["find_place"][0]["polygon"] is True
    code = final_code(calls)
    assert code.count("[") > 20 and "aggregate_spatial(geometries=aoi" in code  # the outline, not a box


def test_ambiguous_namesake_gets_one_question_not_a_guess():
    from datetime import date

    messages, calls = converse_with_gazetteer("NDVI of Valencia for June 2023", date(2023, 7, 10))
    assert "run_openeo_code" not in calls
    text = answer_of(messages)
    assert text.startswith("Which Valencia do you mean") and "Spain" in text and "Venezuela" in text
    messages, calls = converse_with_gazetteer("NDVI de Valencia en junio de 2023", date(2023, 7, 10))
    assert "run_openeo_code" in calls  # Spanish: the Spanish city
    assert '"west": -0.' in final_code(calls)
