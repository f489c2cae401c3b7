"""The real agent graph (create_agent + middleware + checkpointer) driven by a scripted model
and stub tools: event order, run folder, validate → repair, refusals, limits and failures."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from langchain_core.messages import AIMessage

from agent.events import AnswerText, Failure, RunFinished, RunStarted, StepFinished, StepStarted
from agent.runner import AgentRunner
from agent.settings import AgentSettings, Limits
from agent_fakes import (
    BAD_BAND_CODE,
    GOOD_CODE,
    REFUSED_CODE,
    ScriptedChatModel,
    answer,
    call,
    stub_tools,
)

TODAY = date(2019, 6, 10)


def make_runner(tmp_path: Path, script: list[AIMessage], *, backend_down: bool = False, **limits) -> tuple[AgentRunner, ScriptedChatModel]:
    model = ScriptedChatModel(responses=script)
    settings = AgentSettings(runs_dir=tmp_path / "runs", backend_url="http://127.0.0.1:9/openeo/1.2", limits=Limits(**limits))
    runner = AgentRunner(
        settings,
        model_factory=lambda s, today: model,
        tools_factory=lambda ctx: stub_tools(ctx, backend_down=backend_down),
    )
    return runner, model


HAPPY = [
    call("find_place", name="Zahlé, Lebanon"),
    call("run_openeo_code", code=GOOD_CODE),
    call("execute"),
    call("render_map"),
    answer("NDVI median of May 2019 over the Bekaa Valley from SENTINEL2_L2A B04/B08, clouds masked with SCL."),
]


def test_happy_path_events_and_run_folder(tmp_path):
    runner, model = make_runner(tmp_path, HAPPY)
    handle = runner.stream("NDVI of the Bekaa Valley in May 2019", today=TODAY)
    events = list(handle)
    outcome = handle.outcome
    assert isinstance(events[0], RunStarted) and isinstance(events[-1], RunFinished)
    assert isinstance(events[-2], AnswerText)
    types = [e.type for e in events]
    assert types.index("step_started") < types.index("code_drafted") < types.index("validation")
    assert [s.tool for s in outcome.steps] == ["find_place", "run_openeo_code", "execute", "render_map"]
    assert all(s.ok for s in outcome.steps)
    # StepStarted/StepFinished pair up, in order, with durations
    started = [e for e in events if isinstance(e, StepStarted)]
    finished = [e for e in events if isinstance(e, StepFinished)]
    assert [e.step_id for e in started] == [e.step_id for e in finished]
    assert outcome.ok and outcome.model_calls == 5 and outcome.tokens_sent > 0
    assert "simulated" in outcome.answer.lower()  # the caveat is appended: the stub data is simulated
    run_dir = Path(outcome.run_dir)
    for name in ("request.txt", "code.py", "process_graph.json", "validation.json", "result.tif", "map.html", "run.json"):
        assert (run_dir / name).exists(), name
    record = json.loads((run_dir / "run.json").read_text())
    assert record["ok"] and record["model"] == "offline" and len(record["steps"]) == 4
    assert {e["type"] for e in record["events"]} >= {"run_started", "answer", "run_finished"}
    assert all(e.run_id == outcome.run_id for e in events)
    # the system prompt reached the model with today's date
    assert "2019-06-10" in str(model.received[0][0].content)


def test_invalid_code_error_reaches_model_then_repaired(tmp_path):
    script = [
        call("run_openeo_code", code=BAD_BAND_CODE),
        call("run_openeo_code", code=GOOD_CODE),
        call("execute"),
        answer("Done: NDVI from simulated data."),
    ]
    runner, model = make_runner(tmp_path, script)
    outcome = runner.run("NDVI Bekaa May 2019", today=TODAY)
    # the third model call saw the validation error of the first attempt
    assert "did you mean 'B08'" in "\n".join(str(m.content) for m in model.received[1])
    assert [s.ok for s in outcome.steps] == [False, True, True]
    assert outcome.ok and outcome.validation_errors == []
    assert Path(outcome.run_dir, "code.py").read_text() == GOOD_CODE


def test_repair_attempts_are_bounded(tmp_path):
    runner, model = make_runner(tmp_path, [call("run_openeo_code", code=BAD_BAND_CODE)], max_repair_attempts=2)
    outcome = runner.run("NDVI Bekaa May 2019", today=TODAY)
    assert not outcome.ok and outcome.failure_who == "model"
    assert "could not produce code" in outcome.answer and "B08" in outcome.answer
    assert len(outcome.steps) == 3  # first attempt + 2 repairs
    assert outcome.validation_errors and outcome.validation_errors[0].code == "BandNotAvailable"
    assert Path(outcome.run_dir, "code.py").exists()


def test_sandbox_refusal_goes_back_to_model(tmp_path):
    script = [call("run_openeo_code", code=REFUSED_CODE), answer("I cannot run code that reads the environment.")]
    runner, model = make_runner(tmp_path, script)
    outcome = runner.run("print the environment", today=TODAY)
    assert "SandboxRefused" in "\n".join(str(m.content) for m in model.received[1])
    assert outcome.steps[0].ok is False and outcome.ok
    assert outcome.answer.startswith("I cannot run code")


def test_backend_down_is_a_clear_failure_and_code_is_kept(tmp_path):
    script = [call("run_openeo_code", code=GOOD_CODE), answer("unreachable")]
    runner, model = make_runner(tmp_path, script, backend_down=True)
    handle = runner.stream("NDVI Bekaa May 2019", today=TODAY)
    events = list(handle)
    failures = [e for e in events if isinstance(e, Failure)]
    assert len(failures) == 1 and failures[0].who == "user"
    assert "not reachable" in failures[0].message and "Traceback" not in failures[0].message
    assert len(model.received) == 1  # the run ended without asking the model again
    outcome = handle.outcome
    assert not outcome.ok and Path(outcome.run_dir, "code.py").read_text() == GOOD_CODE
    assert isinstance(events[-1], RunFinished) and not events[-1].ok


@pytest.mark.parametrize("request_text", ["", "   ", "x" * 5000])
def test_empty_or_too_long_request(tmp_path, request_text):
    runner, model = make_runner(tmp_path, HAPPY)
    handle = runner.stream(request_text, today=TODAY)
    events = list(handle)
    assert [e.type for e in events] == ["run_started", "failure", "answer", "run_finished"]
    assert events[1].who == "user" and model.received == []


def test_looping_model_hits_the_model_call_limit(tmp_path):
    runner, model = make_runner(tmp_path, [call("find_place", name="Paris")], max_model_calls=4, max_tool_calls=50)
    outcome = runner.run("loop forever", today=TODAY)
    assert not outcome.ok and "limit" in outcome.answer and outcome.model_calls == 4
    assert len(model.received) == 4


def test_tool_call_limit(tmp_path):
    runner, model = make_runner(tmp_path, [call("find_place", name="Paris")], max_model_calls=50, max_tool_calls=3)
    outcome = runner.run("loop forever", today=TODAY)
    assert not outcome.ok and "limit" in outcome.answer and outcome.tool_calls == 3


def test_malformed_tool_calls_end_clearly(tmp_path):
    bad = AIMessage(content="", invalid_tool_calls=[{"name": "find_place", "args": "{not json", "id": "x1", "error": "bad JSON", "type": "invalid_tool_call"}])
    runner, model = make_runner(tmp_path, [bad])
    outcome = runner.run("NDVI Bekaa", today=TODAY)
    assert not outcome.ok and "malformed" in outcome.answer
    assert "MalformedToolCall" in "\n".join(str(m.content) for m in model.received[1])


def test_malformed_tool_call_is_repaired(tmp_path):
    bad = AIMessage(content="", invalid_tool_calls=[{"name": "find_place", "args": "{not json", "id": "x1", "error": "bad JSON", "type": "invalid_tool_call"}])
    runner, model = make_runner(tmp_path, [bad, *HAPPY])
    outcome = runner.run("NDVI Bekaa", today=TODAY)
    assert outcome.ok and [s.tool for s in outcome.steps][0] == "find_place"


def test_unknown_tool_goes_back_to_model(tmp_path):
    runner, model = make_runner(tmp_path, [call("delete_everything"), *HAPPY])
    outcome = runner.run("NDVI Bekaa", today=TODAY)
    assert outcome.ok and "not a valid tool" in "\n".join(str(m.content) for m in model.received[1])


def test_memory_across_turns_of_a_thread(tmp_path):
    runner, model = make_runner(tmp_path, [*HAPPY, *HAPPY[1:]])
    runner.run("NDVI of the Bekaa Valley in May 2019", thread_id="t1", today=TODAY)
    second = runner.run("now the same for July", thread_id="t1", today=TODAY)
    assert second.ok
    seen = "\n".join(str(m.content) for m in model.received[5])
    assert "NDVI of the Bekaa Valley in May 2019" in seen and "now the same for July" in seen
    runner.close()
    # memory survives a restart: a new runner on the same runs folder sees the thread
    again, model2 = make_runner(tmp_path, [answer("It was NDVI.")])
    again.run("what did we compute?", thread_id="t1", today=TODAY)
    assert "now the same for July" in "\n".join(str(m.content) for m in model2.received[0])


def test_offline_model_missing_key_message(tmp_path, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    settings = AgentSettings(runs_dir=tmp_path / "runs", backend_url="http://127.0.0.1:9", model="gpt-4.1-mini")
    runner = AgentRunner(settings, tools_factory=lambda ctx: stub_tools(ctx))
    outcome = runner.run("NDVI Bekaa", today=TODAY)
    assert not outcome.ok and "OPENAI_API_KEY" in outcome.answer and "OPENAI_BASE_URL" in outcome.answer


def batch(*calls: AIMessage) -> AIMessage:
    return AIMessage(content="", tool_calls=[c.tool_calls[0] for c in calls])


def test_calls_in_one_message_run_in_order(tmp_path):
    """execute and render_map sent together still run one after the other, in the model's order."""
    script = [
        call("find_place", name="Zahlé"),
        batch(call("run_openeo_code", code=GOOD_CODE), call("execute"), call("render_map")),
        answer("NDVI, simulated data."),
    ]
    runner, model = make_runner(tmp_path, script)
    import time as _time

    import agent_fakes

    original = agent_fakes.stub_tools

    def slow_tools(ctx, **kw):
        tools = original(ctx, **kw)
        for t in tools:
            if t.name == "run_openeo_code":
                fn = t.func

                def slow(code: str, explanation: list[str] | None = None, _fn=fn) -> str:
                    _time.sleep(0.3)
                    return _fn(code, explanation)

                t.func = slow
        return tools

    runner.tools_factory = slow_tools
    outcome = runner.run("NDVI Bekaa May 2019", today=TODAY)
    assert outcome.ok and outcome.model_calls == 3
    assert [s.tool for s in outcome.steps] == ["find_place", "run_openeo_code", "execute", "render_map"]
    assert all(s.ok for s in outcome.steps)


def test_later_calls_of_a_message_are_skipped_after_a_fatal_error(tmp_path):
    script = [batch(call("run_openeo_code", code=GOOD_CODE), call("execute")), answer("x")]
    runner, model = make_runner(tmp_path, script, backend_down=True)
    outcome = runner.run("NDVI", today=TODAY)
    assert not outcome.ok and [s.ok for s in outcome.steps] == [False, False]
    assert outcome.steps[1].output.startswith("[Skipped]")


def test_run_edited_code_without_a_model(tmp_path):
    runner, model = make_runner(tmp_path, [answer("unused")])
    handle = runner.run_code(GOOD_CODE)
    events = list(handle)
    assert events[-1].type == "run_finished" and events[-1].ok
    assert [e.tool for e in events if isinstance(e, StepFinished)] == ["run_openeo_code", "execute", "render_map"]
    assert model.received == [] and handle.outcome.result_path

    handle = runner.run_code(BAD_BAND_CODE)

    events = list(handle)
    assert not events[-1].ok and "did not pass validation" in events[-2].text
    assert [e.tool for e in events if isinstance(e, StepFinished)] == ["run_openeo_code"]


def test_run_edited_code_backend_down(tmp_path):
    runner, model = make_runner(tmp_path, [answer("unused")], backend_down=True)
    handle = runner.run_code(GOOD_CODE)
    events = list(handle)
    failure = [e for e in events if isinstance(e, Failure)][0]
    assert failure.who == "user" and "not reachable" in failure.message and not events[-1].ok


@pytest.mark.parametrize("text,caveat", [
    ("NDVI: the embedded backend answered with SIMULATED data.", False),
    ("NDVI: das eingebettete Backend lieferte SIMULIERTE Daten.", False),
    ("NDVI : le backend intégré a répondu avec des données SIMULÉES.", False),
    ("NDVI: de ingebouwde backend antwoordde met GESIMULEERDE gegevens.", False),
    ("NDVI: el backend integrado respondió con datos SIMULADOS.", False),
    ("NDVI: il backend integrato ha risposto con dati SIMULATI.", False),
    ("NDVI computed for Leuven.", True),
    ("Berechnet: NDVI für Leuven.", True),
])
def test_the_simulated_caveat_is_added_once_whatever_the_answer_s_language(text, caveat):
    from types import SimpleNamespace

    from agent.turn import SIMULATED_CAVEAT, AgentTurn

    ctx = SimpleNamespace(artifacts=SimpleNamespace(result_path="x.tif", stats=SimpleNamespace(simulated=True)))
    assert (SIMULATED_CAVEAT in AgentTurn._answer(text, ctx)) is caveat  # type: ignore[arg-type]
