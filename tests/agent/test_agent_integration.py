"""The real agent graph with the real tools against the real embedded backend over HTTP,
driven by a scripted model (and once by the offline planner)."""

from __future__ import annotations

import json
import socket
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("tools.langchain_tools")

from agent.events import Failure, MapReady, ResultReady  # noqa: E402
from agent.runner import AgentRunner  # noqa: E402
from agent.settings import AgentSettings  # noqa: E402
from agent_fakes import BAD_BAND_CODE, GOOD_CODE, REFUSED_CODE, ScriptedChatModel, answer, call  # noqa: E402

TODAY = date(2019, 6, 10)
pytestmark = pytest.mark.slow


def small(code: str) -> str:
    """The same script on a ~2 x 2 km area and ten days, so that execution stays quick."""
    return code.replace(
        '{"west": 35.8, "south": 33.75, "east": 36.05, "north": 33.92}',
        '{"west": 35.90, "south": 33.80, "east": 35.92, "north": 33.82}',
    ).replace('["2019-05-01", "2019-06-01"]', '["2019-05-01", "2019-05-11"]')


GOOD_CODE, BAD_BAND_CODE = small(GOOD_CODE), small(BAD_BAND_CODE)
assert "35.92" in GOOD_CODE and "2019-05-11" in BAD_BAND_CODE


def scripted_runner(tmp_path: Path, backend_url: str, script: list) -> tuple[AgentRunner, ScriptedChatModel]:
    model = ScriptedChatModel(responses=script)
    settings = AgentSettings(runs_dir=tmp_path / "runs", backend_url=backend_url)
    return AgentRunner(settings, model_factory=lambda s, t: model), model


def seen_by_model(model: ScriptedChatModel, call_index: int) -> str:
    return "\n".join(str(m.content) for m in model.received[call_index])


def test_happy_path(tmp_path, backend_url):
    script = [
        call("find_place", name="Zahlé, Lebanon"),
        call("run_openeo_code", code=GOOD_CODE),
        call("execute"),
        call("render_map"),
        answer("Median NDVI for May 2019 over the Bekaa Valley from SENTINEL2_L2A (B04, B08), clouds masked with SCL."),
    ]
    runner, model = scripted_runner(tmp_path, backend_url, script)
    handle = runner.stream("Cloud-free NDVI of the Bekaa Valley for May 2019", today=TODAY)
    events = list(handle)
    outcome = handle.outcome
    assert outcome.ok, outcome.failure
    assert [s.tool for s in outcome.steps] == ["find_place", "run_openeo_code", "execute", "render_map"]
    assert all(s.ok for s in outcome.steps), [s.output for s in outcome.steps]
    assert "Zahl" in seen_by_model(model, 1)  # the gazetteer answer went back to the model
    assert any(isinstance(e, ResultReady) for e in events) and any(isinstance(e, MapReady) for e in events)
    run_dir = Path(outcome.run_dir)
    for name in ("request.txt", "code.py", "process_graph.json", "validation.json", "map.html", "run.json"):
        assert (run_dir / name).exists(), name
    assert Path(outcome.result_path).exists() and outcome.process_graph
    if outcome.stats and outcome.stats.simulated:
        assert "simulated" in outcome.answer.lower()
    runner.close()


def test_invalid_code_is_repaired(tmp_path, backend_url):
    script = [call("run_openeo_code", code=BAD_BAND_CODE), call("run_openeo_code", code=GOOD_CODE), call("execute"), answer("Done.")]
    runner, model = scripted_runner(tmp_path, backend_url, script)
    outcome = runner.run("NDVI Bekaa May 2019", today=TODAY)
    first_result = seen_by_model(model, 1)
    assert "INVALID" in first_result and "B8" in first_result  # the validation error reached the model
    assert [s.ok for s in outcome.steps] == [False, True, True]
    assert outcome.ok and outcome.result_path
    runner.close()


def test_sandbox_refusal(tmp_path, backend_url):
    runner, model = scripted_runner(tmp_path, backend_url, [call("run_openeo_code", code=REFUSED_CODE), answer("Refused.")])
    outcome = runner.run("show me the environment", today=TODAY)
    assert "REFUSED" in seen_by_model(model, 1) and "SandboxRefused" in seen_by_model(model, 1)
    assert outcome.steps[0].ok is False and not outcome.result_path
    runner.close()


def test_backend_down(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    runner, model = scripted_runner(tmp_path, f"http://127.0.0.1:{port}/openeo/1.2", [call("run_openeo_code", code=GOOD_CODE), answer("x")])
    handle = runner.stream("NDVI Bekaa May 2019", today=TODAY)
    events = list(handle)
    failures = [e for e in events if isinstance(e, Failure)]
    assert failures and failures[0].who == "user", [e.type for e in events]
    assert "Traceback" not in failures[0].message
    outcome = handle.outcome
    assert not outcome.ok and Path(outcome.run_dir, "code.py").exists()
    assert len(model.received) == 1


def test_run_edited_code(tmp_path, backend_url):
    runner, _ = scripted_runner(tmp_path, backend_url, [answer("unused")])
    handle = runner.run_code(GOOD_CODE)
    events = list(handle)
    assert events[0].type == "run_started" and events[-1].type == "run_finished" and events[-1].ok
    assert [e.tool for e in events if e.type == "step_finished"] == ["run_openeo_code", "execute", "render_map"]
    record = json.loads(Path(events[-1].run_dir, "run.json").read_text())
    assert record["ok"]
    runner.close()


def test_offline_planner_end_to_end(tmp_path, backend_url):
    pytest.importorskip("agent.planner")
    settings = AgentSettings(runs_dir=tmp_path / "runs", backend_url=backend_url, model="offline")
    with AgentRunner(settings) as runner:
        outcome = runner.run(
            "NDVI map of the 2 km around 33.81 N, 35.91 E (Bekaa Valley) for 1 to 10 May 2019",
            thread_id="p1",
            today=TODAY,
        )
        assert outcome.ok and outcome.result_path, outcome.failure
        assert outcome.model_calls <= 6
        follow = runner.run("now the same for 1 to 10 July 2019", thread_id="p1", today=TODAY)
        assert follow.ok and follow.code and "2019-07" in follow.code
