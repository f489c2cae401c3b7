"""`openeo-agent ask` and `check` through agent.cli.main, with a scripted model and stub tools."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import agent.runner
from agent.cli import main
from agent_fakes import BAD_BAND_CODE, GOOD_CODE, REFUSED_CODE, ScriptedChatModel, answer, call, stub_tools

BACKEND = "http://127.0.0.1:9/openeo/1.2"


@pytest.fixture
def scripted(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENEO_AGENT_MODEL", "OPENEO_AGENT_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(agent.runner, "default_tools", lambda ctx: stub_tools(ctx))
    seen = {}

    def use(script):
        model = ScriptedChatModel(responses=script)

        def factory(settings, today):
            seen["today"] = today
            return model

        monkeypatch.setattr(agent.runner, "make_chat_model", factory)
        return model, seen

    return use


SCRIPT = [
    call("find_place", name="Zahlé"),
    call("run_openeo_code", code=GOOD_CODE),
    call("execute"),
    call("render_map"),
    answer("NDVI of May 2019 from SENTINEL2_L2A; the data is simulated."),
]


def test_ask_json_prints_one_object_and_fills_out_dir(scripted, tmp_path, capsys):
    model, seen = scripted(SCRIPT)
    out = tmp_path / "out"
    rc = main(["ask", "NDVI Bekaa May 2019", "--backend", BACKEND, "--today", "2019-06-10", "--out", str(out), "--json"])
    assert rc == 0
    data = json.loads(capsys.readouterr().out)  # exactly one JSON object on stdout
    for key in ("answer", "code", "process_graph", "validation_errors", "result_path", "steps", "timings"):
        assert key in data
    assert data["code"] == GOOD_CODE and data["validation_errors"] == []
    assert [s["tool"] for s in data["steps"]] == ["find_place", "run_openeo_code", "execute", "render_map"]
    assert Path(data["result_path"]).parent == out
    for name in ("code.py", "process_graph.json", "map.html", "run.json"):
        assert (out / name).exists()
    assert str(seen["today"]) == "2019-06-10"


def test_ask_text_prints_progress_and_answer(scripted, capsys):
    scripted(SCRIPT)
    rc = main(["ask", "NDVI Bekaa May 2019", "--backend", BACKEND])
    text = capsys.readouterr().out
    assert rc == 0 and "→ find_place" in text and "✓ run_openeo_code" in text and "NDVI of May 2019" in text


def test_ask_failure_exit_code_and_no_traceback(scripted, capsys):
    scripted(SCRIPT)
    rc = main(["ask", "   ", "--backend", BACKEND, "--json"])
    data = json.loads(capsys.readouterr().out)
    assert rc == 1 and not data["ok"] and "empty" in data["answer"]


def test_ask_bad_today(scripted, capsys):
    scripted(SCRIPT)
    assert main(["ask", "x", "--today", "last tuesday", "--backend", BACKEND]) == 2
    assert "--today" in capsys.readouterr().err


@pytest.mark.parametrize("code, status, rc", [(GOOD_CODE, "VALID", 0), (BAD_BAND_CODE, "INVALID", 1), (REFUSED_CODE, "REFUSED", 2)])
def test_check_exit_codes(scripted, tmp_path, capsys, code, status, rc, backend_url):
    """check calls the code tool itself: the real sandbox and the embedded backend's POST /validation."""
    path = tmp_path / "code.py"
    path.write_text(code)
    assert main(["check", str(path), "--backend", backend_url, "--json"]) == rc
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == status and (data["errors"] == []) == (rc == 0)
    assert data["sandbox"]["level"] in ("bwrap", "unshare", "uid-drop", "none", "unavailable") and data["sandbox"]["summary"]
    assert main(["check", str(path), "--backend", backend_url]) == rc
    captured = capsys.readouterr()
    text = captured.out
    assert text.startswith(status)
    assert captured.err.startswith("sandbox: ")  # which isolation is in force, said plainly
    if status == "INVALID":
        assert "[BandNotAvailable]" in text


def test_check_missing_file(scripted, capsys):
    assert main(["check", "/nonexistent/code.py", "--backend", BACKEND]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_check_never_reports_an_error_without_its_reason():
    from agent.commands import from_outcome
    from tools.models import CodeRunOutcome

    result = from_outcome(CodeRunOutcome(status="ERROR"))
    assert result.status == "ERROR" and result.errors and result.errors[0].message
    assert result.to_json()["errors"][0]["code"] == "CheckFailed" and result.exit_code == 1


def test_check_on_a_url_that_is_no_openeo_backend_says_so(scripted, tmp_path, capsys):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    from fake_backend import FakeBackend, status

    path = tmp_path / "code.py"
    path.write_text(GOOD_CODE)
    with FakeBackend({("GET", "/"): [status(404)]}) as fake:  # the case: nothing openEO at that URL
        assert main(["check", str(path), "--backend", fake.url, "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "ERROR" and data["errors"], data
    assert fake.url in data["errors"][0]["message"] and "openEO API root" in data["errors"][0]["message"]
