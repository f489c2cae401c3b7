"""Agent events → what the UI shows: pure mapping, no Gradio server."""

from __future__ import annotations

from agent.events import (
    AnswerText,
    CodeDrafted,
    Failure,
    MapReady,
    Progress,
    ResultReady,
    ResultStats,
    RunFinished,
    RunStarted,
    StepFinished,
    StepStarted,
    ValidationIssue,
    ValidationResult,
)
from ui.render import MAP_PLACEHOLDER, RunView, apply, badge_markdown, map_html, map_url


def run(*events, view=None):
    view = view or RunView()
    for e in events:
        view = apply(view, e)
    return view


def test_step_is_pending_then_done_with_outcome_and_duration():
    v = run(StepStarted(step_id="1", tool="find_place", input_summary="Leuven"))
    (msg,) = v.messages
    assert msg["metadata"]["status"] == "pending"
    assert "find_place" in msg["metadata"]["title"]
    assert "Leuven" in msg["content"]
    v = run(StepFinished(step_id="1", tool="find_place", ok=True, output_summary="Leuven, BE (50.88, 4.70)", duration_s=0.123), view=v)
    (msg,) = v.messages
    assert msg["metadata"] == {"title": msg["metadata"]["title"], "status": "done", "duration": 0.12}
    assert "Leuven" in msg["content"] and "50.88" in msg["content"]
    assert "failed" not in msg["metadata"]["title"]


def test_failed_step_is_marked():
    v = run(
        StepStarted(step_id="a", tool="run_openeo_code", input_summary="code"),
        StepFinished(step_id="a", tool="run_openeo_code", ok=False, output_summary="[BandNotFound] no band B99"),
    )
    assert "failed" in v.messages[0]["metadata"]["title"]
    assert "BandNotFound" in v.messages[0]["content"]


def test_apply_does_not_change_its_input():
    v0 = RunView()
    v1 = apply(v0, StepStarted(step_id="1", tool="x"))
    assert v0.messages == [] and len(v1.messages) == 1


def test_validation_messages_are_listed_with_codes():
    v = run(ValidationResult(valid=False, errors=[ValidationIssue(code="BandNotFound", message="Band 'B8' does not exist; did you mean 'B08'?")]))
    assert "rejected" in v.validation_md
    assert "`[BandNotFound]`" in v.validation_md and "B08" in v.validation_md
    v = run(ValidationResult(valid=True, process_graph_path="/x/process_graph.json"), view=v)
    assert "validated" in v.validation_md and v.process_graph_path == "/x/process_graph.json"


def test_progress_updates_one_message():
    v = run(Progress(message="Batch job queued"), Progress(message="Batch job running", fraction=0.4))
    assert len(v.messages) == 1
    assert v.messages[0]["content"] == "Batch job running (40%)"
    v = run(RunFinished(run_dir="/r", ok=True), view=v)
    assert v.messages[0]["metadata"]["status"] == "done"


def test_full_run_fills_code_result_map_answer_and_simulated_badge(tmp_path):
    run_dir = tmp_path / "runs" / "r1"
    run_dir.mkdir(parents=True)
    (run_dir / "map.html").write_text("<html></html>")
    v = run(
        RunStarted(run_id="r1", request="NDVI", thread_id="t", model="offline", backend_url="b", run_dir=str(run_dir)),
        StepStarted(step_id="1", tool="search_collections"),
        CodeDrafted(code="import openeo\n"),
        ResultReady(result_path=str(run_dir / "result.tif"), stats=ResultStats(min=0, max=1, mean=0.5, unit="NDVI", simulated=True)),
        MapReady(map_path=str(run_dir / "map.html"), simulated=True),
        AnswerText(text="NDVI averages 0.5."),
        RunFinished(run_dir=str(run_dir), ok=True),
    )
    assert v.code == "import openeo\n"
    assert v.messages[-1] == {"role": "assistant", "content": "NDVI averages 0.5."}
    assert all(m.get("metadata", {}).get("status") != "pending" for m in v.messages)
    assert not v.running and v.run_id == "r1"
    assert "Simulated data" in badge_markdown(v) and "NDVI" in badge_markdown(v)
    html = map_html(v.map_path, tmp_path / "runs", version="7", token="t0k3n")
    assert 'src="runs/t0k3n/r1/map.html?v=7"' in html
    assert "srcdoc=" in map_html(v.map_path, tmp_path / "runs")  # without a session's token: inline, never a bare URL


def test_failure_is_a_sentence_and_closes_spinners():
    v = run(
        StepStarted(step_id="1", tool="execute"),
        Failure(message="The openEO backend at http://x is not reachable.", who="user"),
    )
    assert v.messages[0]["metadata"]["status"] == "done"
    assert v.messages[-1]["content"].startswith("⚠ The openEO backend")
    v = run(Failure(message="A prompt file is missing.", who="developer"))
    assert "Configuration problem" in v.messages[-1]["content"]


def test_map_html_outside_runs_is_inline_and_missing_is_placeholder(tmp_path):
    m = tmp_path / "elsewhere" / "map.html"
    m.parent.mkdir()
    m.write_text('<div class="legend">NDVI</div>')
    html = map_html(str(m), tmp_path / "runs")
    assert "srcdoc=" in html and "&lt;div class=&quot;legend&quot;" in html
    assert map_url(str(m), tmp_path / "runs", "t0k3n") is None
    assert map_html("", tmp_path) == MAP_PLACEHOLDER
    assert map_html(str(tmp_path / "nope.html"), tmp_path) == MAP_PLACEHOLDER


def test_failure_repeated_as_answer_is_shown_once():
    v = run(Failure(message="The request is empty."), AnswerText(text="The request is empty."))
    assert [m["content"] for m in v.messages] == ["⚠ The request is empty."]
