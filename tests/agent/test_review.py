"""The review of a run (agent/review): steps explained from the graph, formulas read from
callbacks, the diagram, the repair history from events, the CDSE login line, the notebook and
the files written to runs/<id>/review/."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import nbformat

from agent.review import build_review, write_review
from agent.review.attempts import code_diff, repair_history
from agent.review.diagram import graph_svg
from agent.review.explain import explain_graph
from agent.review.exports import NotebookText, code_blocks, notebook_json, web_editor_process, with_login
from agent.review.expressions import read_callback
from tools.events import CodeDrafted, ResultReady, ValidationResult
from tools.models import ValidationIssue
from tools.result_kind import describe_result

DATA = Path(__file__).resolve().parents[1] / "data"


def graph_of(name: str) -> dict:
    g = json.loads((DATA / name).read_text())
    return g.get("process_graph", g)


def test_cloud_masked_ndvi_is_explained_step_by_step():
    g = graph_of("client_cloud_masked_ndvi.json")
    steps = explain_graph(g, describe_result(g))
    assert [s.number for s in steps] == list(range(1, len(g) + 1))
    by_process = {s.process_id: s.text for s in steps}
    load = by_process["load_collection"]
    assert "SENTINEL2_L2A" in load and "B04, B08 and SCL" in load and "2022-06-01 to 2022-06-30" in load
    assert "eo:cloud_cover ≤ 80" in load
    flags = next(s for s in steps if "scene classification" in s.text)
    assert "3 (cloud shadows), 8 (medium-probability clouds) or 9 (high-probability clouds)" in flags.text
    mask = by_process["mask"]
    assert f"step {flags.number} flags" in mask and "cloud shadows" in mask and "no data" in mask
    assert "(B08 − B04) / (B08 + B04)" in by_process["ndvi"]
    assert "median of all dates" in next(s.text for s in steps if "time dimension" in s.text)
    assert by_process["save_result"].startswith("Save step") and "GeoTIFF" in by_process["save_result"]
    assert "NDVI" in by_process["save_result"]


def test_flood_change_names_the_threshold_and_the_output():
    g = graph_of("graph_boris_flood.json")
    texts = [s.text for s in explain_graph(g, describe_result(g))]
    assert any("minimum of all dates" in t for t in texts) and any("mean of all dates" in t for t in texts)
    assert sum("log10(x) × 10" in t for t in texts) == 2
    merge = next(t for t in texts if t.startswith("Merge"))
    assert "step 5 − step 6" in merge
    assert any("x < -3" in t and "1 where true" in t for t in texts)
    assert "Flooded" in texts[-1] and "1 means flooded" in texts[-1]


def _callback(nodes: dict) -> dict:
    return {"process_graph": nodes}


def test_formulas_keep_the_meaning_of_their_parentheses():
    p = lambda name: {"from_parameter": name}  # noqa: E731
    n = lambda node: {"from_node": node}  # noqa: E731
    nested = _callback({
        "a": {"process_id": "subtract", "arguments": {"x": p("y"), "y": 1}},
        "b": {"process_id": "subtract", "arguments": {"x": p("x"), "y": n("a")}, "result": True},
    })  # fmt: skip
    assert read_callback(nested, params={"x": "x", "y": "y"}).text == "x − (y − 1)"
    bands = lambda i: {"process_id": "array_element", "arguments": {"data": p("data"), "index": i}}  # noqa: E731
    ors = _callback({
        "s": bands(1), "e1": {"process_id": "eq", "arguments": {"x": n("s"), "y": 3}},
        "e2": {"process_id": "eq", "arguments": {"x": n("s"), "y": 9}},
        "o": {"process_id": "or", "arguments": {"x": n("e1"), "y": n("e2")}, "result": True},
    })  # fmt: skip
    f = read_callback(ors, labels=["B04", "SCL"])
    assert f.text == "SCL = 3 or SCL = 9" and f.logical_only and f.comparisons == [("SCL", "eq", 3.0), ("SCL", "eq", 9.0)]
    unknown = _callback({"u": {"process_id": "my_udp", "arguments": {"x": p("x"), "k": 2}, "result": True}})
    assert read_callback(unknown).text == "my_udp(x=x, k=2)"  # shown by its id, never dropped


def test_diagram_has_a_box_per_node_an_arrow_per_input_and_escapes_text():
    g = graph_of("client_cloud_masked_ndvi.json")
    svg = graph_svg(g)
    refs = sum(1 for node in g.values() for v in node["arguments"].values() if isinstance(v, dict) and "from_node" in v)
    assert svg.count('class="pg-node"') == len(g) and svg.count('class="pg-edge"') == refs
    assert ">mask</text>" in svg  # the mask input is labelled on its arrow
    assert "ƒ median" in svg and "ƒ SCL = 3 or SCL = 8 or" in svg
    hostile = {"l": {"process_id": "load_collection", "arguments": {"id": "<script>alert(1)</script>"}, "result": True}}
    out = graph_svg(hostile)
    assert "<script>" not in out and "&lt;script&gt;" in out
    ast.literal_eval(repr(out))  # one string, nothing else
    assert "No process graph" in graph_svg({})


def test_repair_history_pairs_drafts_with_validation_and_marks_the_version_that_ran():
    bad, good = "import openeo\nbands = ['B8']\n", "import openeo\nbands = ['B08']\n"
    issue = ValidationIssue(code="BandNotAvailable", message="Use 'B08'.")
    events = [
        ValidationResult(valid=False, errors=[ValidationIssue(code="EmptyCode", message="No code.")]),  # no draft
        CodeDrafted(code=bad),
        ValidationResult(valid=False, errors=[issue]),
        CodeDrafted(code=good, explanation=["Load B08."]),
        ValidationResult(valid=True),
        ResultReady(result_path="r.tif"),
    ]
    h = repair_history(events)
    assert [a.status for a in h.attempts] == ["rejected", "valid"] and h.ran == 2 and h.repairs == 1
    first, second = h.attempts
    assert first.issues == [issue] and not first.ran and second.ran and second.explanation == ["Load B08."]
    assert [(d.kind, d.text) for d in second.diff if d.kind in ("added", "removed")] == [
        ("removed", "bands = ['B8']"), ("added", "bands = ['B08']")]  # fmt: skip
    assert second.added == second.removed == 1 and h.final() is second
    assert repair_history(events[:3]).ran is None  # nothing ran yet
    lines = code_diff("a\nb\nc\n", "a\nB\nc\n")
    assert [(d.kind, d.old, d.new) for d in lines] == [("hunk", None, None), ("context", 1, 1), ("removed", 2, None),
                                                        ("added", None, 2), ("context", 3, 3)]  # fmt: skip


def test_explanation_from_the_model_is_bounded():
    e = CodeDrafted(code="x", explanation=["  one \n sentence  ", 7, "", "y" * 1000] + ["z"] * 50)
    assert e.explanation[0] == "one sentence" and len(e.explanation) == 30
    assert len(e.explanation[1]) == 400 and e.explanation[1].endswith("…")


CODE = '''"""NDVI"""
import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
# On CDSE, log in before processing: connection.authenticate_oidc()

cube = connection.load_collection(
    "SENTINEL2_L2A",

    bands=["B04", "B08"],
)

# the index
ndvi = cube.ndvi()

ndvi.download("ndvi.tif")
'''


def test_login_line_is_active_in_the_script_for_cdse():
    on = with_login(CODE)
    assert "\nconnection.authenticate_oidc()\n" in on and "# On CDSE" not in on
    assert with_login(on) == on  # already logs in: unchanged
    missing = CODE.replace("# On CDSE, log in before processing: connection.authenticate_oidc()\n", "")
    added = with_login(missing)
    lines = added.splitlines()
    assert lines[lines.index('connection = openeo.connect("https://openeo.dataspace.copernicus.eu")') + 1].startswith(
        "connection.authenticate_oidc()")  # fmt: skip
    ast.parse(added)
    basic = missing.replace('connect("https://openeo.dataspace.copernicus.eu")', 'connect("x").authenticate_basic("u", "p")')
    assert with_login(basic) == basic
    assert with_login("def (:\n") == "def (:\n" and with_login("x = 1\n") == "x = 1\n"


def test_notebook_cells_hold_the_whole_script_and_the_explanation():
    blocks = code_blocks(CODE)
    assert "\n\n".join(blocks).strip() == CODE.strip()
    assert any(b.startswith("cube = connection.load_collection(") and b.endswith(")") for b in blocks)  # never split
    assert any(b.startswith("# the index") for b in blocks)  # a comment stays with its statement
    nb = nbformat.reads(notebook_json(CODE, NotebookText(title="NDVI", request="NDVI near Leuven", steps=["Load.", "Save."])),
                        as_version=4)  # fmt: skip
    nbformat.validate(nb)
    kinds = [c.cell_type for c in nb.cells]
    assert kinds[:3] == ["markdown"] * 3 and kinds[3:] == ["code"] * len(blocks)
    assert "1. Load.\n2. Save." in nb.cells[2].source and "authenticate_oidc" in nb.cells[1].source


def test_web_editor_process_is_an_openeo_process_document():
    g = graph_of("graph_boris_flood.json")
    p = web_editor_process(g, "20240101-120000-abc123", "Flooded area near Nysa", ["Load.", "Save."])
    assert p["id"] == "openeo_agent_20240101_120000_abc123" and p["id"].isidentifier()
    assert p["summary"] == "Flooded area near Nysa" and p["process_graph"] == g and "1. Load." in p["description"]


def test_review_files_are_written_from_the_run_folder(tmp_path):
    run = tmp_path / "r1"
    run.mkdir()
    g = graph_of("client_cloud_masked_ndvi.json")
    (run / "process_graph.json").write_text(json.dumps({"process_graph": g}))
    (run / "code.py").write_text(CODE)
    (run / "request.txt").write_text("NDVI near Bolzano")
    review = write_review(run, [CodeDrafted(code=CODE), ValidationResult(valid=True), ResultReady(result_path="x")])
    assert review is not None and review.explanation.source == "graph" and review.history.ran == 1
    files = {p.name for p in (run / "review").iterdir()}
    assert files == {"history.json", "history.md", "explanation.json", "explanation.md", "graph.svg",
                     "openeo_process.json", "code.py", "notebook.ipynb"}  # fmt: skip
    assert "\nconnection.authenticate_oidc()\n" in (run / "review" / "code.py").read_text()
    assert (run / "code.py").read_text() == CODE  # what ran is kept as it ran
    assert "SENTINEL2_L2A" in (run / "review" / "explanation.md").read_text()
    assert build_review(run).code == CODE  # without events: the files


def test_a_review_that_cannot_be_written_does_not_raise(tmp_path):
    run = tmp_path / "r2"
    run.mkdir()
    (run / "review").write_text("a file where the folder should be")
    assert write_review(run, [CodeDrafted(code="import openeo\n")]) is None
