"""The harness: one line per case, the last line `N passed, M failed`, per-check rates."""

import io
import json
from pathlib import Path

from agent.evaluation.cases import EvalCase
from agent.evaluation.harness import per_check_rates, run_cases

DATA = Path(__file__).resolve().parents[1] / "data" / "eval"


class Outcome:
    def __init__(self, graph, result_path="result.tif"):
        self.process_graph = graph
        self.validation_errors = []
        self.result_path = result_path
        self.answer = "done"
        self.steps = []
        self.timings = {"total_s": 1.0}


def test_lines_and_rates(tmp_path):
    graph = json.loads((DATA / "graph_ndvi_median.json").read_text())
    good = EvalCase(id="good", request="r", expect={"collections_any": ["SENTINEL2_L2A"], "output": "raster"})
    bad = EvalCase(id="bad", request="r", expect={"collections_any": ["SENTINEL1_GRD"]})
    broken = EvalCase(id="broken", request="r", expect={})

    def run(case, folder):
        if case.id == "broken":
            raise RuntimeError("agent crashed")
        return Outcome(graph)

    out = io.StringIO()
    reports = run_cases([good, bad, broken], run, tmp_path, stream=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "PASS good"
    assert lines[1].startswith("FAIL bad: collections_any")
    assert lines[2].startswith("FAIL broken: validated")
    rates = per_check_rates(reports)
    assert rates["collections_any"] == {"passed": 1, "total": 2, "rate": 0.5}
    assert rates["executed"]["total"] == 2


def test_not_executed_fails(tmp_path):
    graph = json.loads((DATA / "graph_ndvi_median.json").read_text())
    case = EvalCase(id="c", request="r", expect={})
    reports = run_cases([case], lambda c, f: Outcome(graph, result_path=None), tmp_path, stream=io.StringIO())
    assert reports[0].failed == ["executed"]
