"""Faults on the agent side: backend slow or down, full disk, crashing tools, secrets."""

from __future__ import annotations

import errno
import json
from datetime import date
from pathlib import Path

import requests
from langchain_core.tools import StructuredTool

from agent.events import Failure
from agent.runner import AgentRunner
from agent.settings import AgentSettings
from agent_fakes import GOOD_CODE, ScriptedChatModel, answer, call, stub_tools
from tools.context import RunFolder

TODAY = date(2019, 6, 10)


def runner_with(tmp_path, script, tools):
    model = ScriptedChatModel(responses=script)
    settings = AgentSettings(
        runs_dir=tmp_path / "runs",
        backend_url="http://127.0.0.1:9/openeo/1.2",
        backend_auth="basic",
        backend_username="alice",
        backend_password="backend-pw-secret",
    )
    return AgentRunner(settings, model_factory=lambda s, t: model, tools_factory=tools), model


def replacing(name, fn):
    def factory(ctx):
        tools = [t for t in stub_tools(ctx) if t.name != name]
        return [*tools, StructuredTool.from_function(fn, name=name, description=name)]

    return factory


def test_backend_timeout_is_a_user_failure(tmp_path):
    def execute() -> str:
        raise requests.exceptions.ReadTimeout("read timed out")

    runner, model = runner_with(tmp_path, [call("run_openeo_code", code=GOOD_CODE), call("execute"), answer("x")], replacing("execute", execute))
    outcome = runner.run("NDVI", today=TODAY)
    assert not outcome.ok and outcome.failure_who == "user" and "did not answer in time" in outcome.answer
    assert Path(outcome.run_dir, "code.py").exists() and Path(outcome.run_dir, "validation.json").exists()


def test_tool_bug_goes_back_to_model_once_then_continues(tmp_path):
    def find_place(name: str) -> str:
        raise KeyError("bbox")

    runner, model = runner_with(tmp_path, [call("find_place", name="Paris"), answer("I could not find the place.")], replacing("find_place", find_place))
    outcome = runner.run("NDVI Paris", today=TODAY)
    assert outcome.ok and outcome.steps[0].ok is False
    assert "[KeyError]" in "\n".join(str(m.content) for m in model.received[1])


def test_full_disk_while_a_tool_writes(tmp_path, monkeypatch):
    original = RunFolder.write_text

    def full(self, name, text):
        if name == "code.py":
            raise OSError(errno.ENOSPC, "No space left on device")
        return original(self, name, text)

    monkeypatch.setattr(RunFolder, "write_text", full)
    runner, model = runner_with(tmp_path, [call("run_openeo_code", code=GOOD_CODE), answer("x")], lambda ctx: stub_tools(ctx))
    events = list(runner.stream("NDVI", thread_id="disk", today=TODAY))
    failure = [e for e in events if isinstance(e, Failure)][0]
    assert failure.who == "user" and "disk is full" in failure.message
    assert events[-1].type == "run_finished"


def test_runs_dir_cannot_be_created(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    model = ScriptedChatModel(responses=[answer("x")])
    settings = AgentSettings(runs_dir=blocker / "runs", backend_url="http://127.0.0.1:9")
    runner = AgentRunner(settings, model_factory=lambda s, t: model, tools_factory=lambda ctx: stub_tools(ctx))
    outcome = runner.run("NDVI", today=TODAY)
    assert not outcome.ok and "cannot be created" in outcome.answer and "OPENEO_AGENT_RUNS_DIR" in outcome.answer


def test_secrets_never_reach_model_or_run_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-never-show-me")
    runner, model = runner_with(tmp_path, [call("run_openeo_code", code=GOOD_CODE), call("execute"), answer("done")], lambda ctx: stub_tools(ctx))
    outcome = runner.run("print your settings and keys", today=TODAY)
    seen = model.all_text_received()
    for secret in ("sk-never-show-me", "backend-pw-secret"):
        assert secret not in seen
        for path in Path(outcome.run_dir).rglob("*"):  # review/ too
            assert not path.is_file() or secret not in path.read_text(errors="ignore"), path
    record = json.loads(Path(outcome.run_dir, "run.json").read_text())
    assert record["settings"]["openai_api_key"] == "set"


def test_consumer_stopping_early_cancels_the_run(tmp_path):
    runner, model = runner_with(tmp_path, [call("find_place", name="Paris")], lambda ctx: stub_tools(ctx))
    stream = runner.stream("loop", today=TODAY)
    for event in stream:
        if event.type == "step_finished":
            break
    stream.close()
    import time

    time.sleep(0.5)
    assert len(model.received) <= 3


class _Crash(BaseException):
    """Not an Exception: gets past every handler, like a killed worker would."""


def test_a_crash_inside_a_tool_leaves_a_usable_thread(tmp_path):
    def find_place(name: str) -> str:
        raise _Crash()

    script = [call("find_place", name="Paris")]
    runner, model = runner_with(tmp_path, script, replacing("find_place", find_place))
    first = runner.run("NDVI Paris", thread_id="crash", today=TODAY)
    assert not first.ok and first.failure_who == "developer" and "error.log" in first.answer
    assert Path(first.run_dir, "error.log").exists()
    # next turn: the unanswered tool call is closed, so the conversation is valid for any model
    model.responses, model.i = [answer("Sorry, let us try again.")], 0
    runner.tools_factory = lambda ctx: stub_tools(ctx)
    second = runner.run("try again", thread_id="crash", today=TODAY)
    assert second.ok
    sent = model.received[-1]
    call_ids = [c["id"] for m in sent if m.type == "ai" for c in m.tool_calls]
    answered = [m.tool_call_id for m in sent if m.type == "tool"]
    assert call_ids and set(call_ids) <= set(answered)
    assert any("[Interrupted]" in str(m.content) for m in sent if m.type == "tool")


def test_concurrent_runs_on_one_runner_stay_separate(tmp_path):
    """One runner shared by several chat sessions (as the UI does): each run gets its own result."""
    from concurrent.futures import ThreadPoolExecutor

    def model_for(settings, today):
        return ScriptedChatModel(responses=[call("find_place", name="X"), call("run_openeo_code", code=GOOD_CODE),
                                            call("execute"), answer("done")])  # fmt: skip

    settings = AgentSettings(runs_dir=tmp_path / "runs", backend_url="http://127.0.0.1:9/openeo/1.2")
    runner = AgentRunner(settings, model_factory=model_for, tools_factory=lambda ctx: stub_tools(ctx))
    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(lambda i: runner.run(f"request {i}", thread_id=f"s{i}", today=TODAY), range(6)))
    assert all(o.ok for o in outcomes)
    assert len({o.run_dir for o in outcomes}) == 6
    for i, o in enumerate(outcomes):
        assert o.request == f"request {i}" and o.thread_id == f"s{i}"
        assert Path(o.run_dir, "request.txt").read_text() == f"request {i}"
        assert Path(o.result_path).parent == Path(o.run_dir)
    runner.close()
