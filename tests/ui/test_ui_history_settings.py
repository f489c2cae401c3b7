"""History from runs/, downloads of a run, session settings and the device-login messages."""

from __future__ import annotations

import json
import zipfile

from pydantic import SecretStr

from agent.events import AnswerText, MapReady, RunFinished, StepFinished, StepStarted
from agent.settings import AgentSettings
from ui.auth import OidcLogin, device_login, parse_device_message
from ui.downloads import download_files
from ui.history import list_runs, open_run
from ui.ownership import mark
from ui.settings import CDSE_URL, SessionSettings, to_agent_settings


def make_run(root, name, request, events=None, owner="me"):
    run = root / name
    mark(run, owner)
    (run / "request.txt").write_text(request)
    (run / "code.py").write_text("import openeo\n")
    (run / "process_graph.json").write_text(json.dumps({"a": {"process_id": "load_collection", "arguments": {}, "result": True}}))
    (run / "validation.json").write_text(json.dumps({"valid": False, "errors": [{"code": "X", "message": "bad"}]}))
    (run / "result.tif").write_bytes(b"II*\x00")
    (run / "map.html").write_text("<html></html>")
    if events is not None:
        (run / "run.json").write_text(json.dumps({"events": [e.model_dump(mode="json") for e in events]}))
    return run


def test_history_lists_newest_first_and_reopens_with_steps(tmp_path):
    import os

    a = make_run(tmp_path, "a", "NDVI around Leuven")
    b = make_run(
        tmp_path,
        "b",
        "Elevation of the Matterhorn area",
        events=[
            StepStarted(step_id="1", tool="find_place", input_summary="Matterhorn"),
            StepFinished(step_id="1", tool="find_place", ok=True, output_summary="Matterhorn, CH"),
            MapReady(map_path="/moved/elsewhere/map.html", simulated=True),
            AnswerText(text="Elevation shown."),
            RunFinished(run_dir="/moved/elsewhere", ok=True),
        ],
    )
    make_run(tmp_path, "c", "Someone else's NDVI", owner="someone-else")
    (tmp_path / "d").mkdir()  # a run of the command line: no owner
    os.utime(a, (1, 1))
    runs = list_runs(tmp_path, "me")
    assert [r.run_id for r in runs] == ["b", "a"]  # only this session's runs
    assert "Matterhorn" in runs[0].label
    assert [r.run_id for r in list_runs(tmp_path, "someone-else")] == ["c"]

    v = open_run(b)
    assert v.messages[0] == {"role": "user", "content": "Elevation of the Matterhorn area"}
    assert any("find_place" in (m.get("metadata") or {}).get("title", "") for m in v.messages)
    assert v.messages[-1]["content"] == "Elevation shown."
    assert v.map_path == str(b / "map.html")  # the files win over paths recorded elsewhere
    assert v.run_dir == str(b) and v.simulated

    v = open_run(a)
    assert v.code == "import openeo\n" and v.result_path.endswith("result.tif")
    assert "`[X]` bad" in v.validation_md
    assert "Reopened" in v.messages[-1]["content"]


def test_history_of_missing_folder_is_empty(tmp_path):
    assert list_runs(tmp_path / "nope", "me") == []


def test_downloads_offer_result_code_graph_and_zip(tmp_path):
    run = make_run(tmp_path, "r", "x")
    v = open_run(run)
    files = download_files(v)
    names = [f.rsplit("/", 1)[-1] for f in files]
    assert names == ["result.tif", "code.py", "notebook.ipynb", "openeo_process.json", "process_graph.json", "r.zip"]
    with zipfile.ZipFile(files[-1]) as z:
        assert "r/code.py" in z.namelist() and "r/map.html" in z.namelist() and "r/review/notebook.ipynb" in z.namelist()
        assert not [n for n in z.namelist() if "/." in n]  # no owner mark


def test_settings_never_echo_secrets_and_map_to_agent_settings():
    s = SessionSettings(backend="cdse", auth="basic", username="ann", password=SecretStr("pw-123"),
                        model="llama3.1", base_url="http://localhost:11434/v1", api_key=SecretStr("sk-secret"))
    assert s.check() is None
    text = s.summary_markdown() + repr(s) + s.key()
    assert "pw-123" not in text and "sk-secret" not in text
    assert "API key:** set" in s.summary_markdown()
    a = to_agent_settings(s, base=AgentSettings(runs_dir="x"))
    assert a.backend_url == CDSE_URL and a.backend_auth == "basic" and a.backend_username == "ann"
    assert a.backend_password.get_secret_value() == "pw-123"
    assert a.openai_api_key.get_secret_value() == "sk-secret" and a.model == "llama3.1"
    assert str(a.runs_dir) == "x"
    assert SessionSettings().key() != s.key()


def test_embedded_default_keeps_environment_backend():
    a = to_agent_settings(SessionSettings(), base=AgentSettings(backend_url=None))
    assert a.backend_url is None


def test_settings_checks_are_sentences():
    assert "URL" in SessionSettings(backend="url").check()
    assert "http" in SessionSettings(backend="url", backend_url="ftp://x").check()
    assert "username" in SessionSettings(auth="basic").check()


def test_device_message_parsed_into_link_and_code():
    info = parse_device_message("To authenticate: visit https://identity.dataspace.copernicus.eu/device and enter the user code 'WXYZ-ABCD'.")
    assert info.url == "https://identity.dataspace.copernicus.eu/device"
    assert info.code == "WXYZ-ABCD"
    assert "WXYZ-ABCD" in info.markdown() and "](https://identity" in info.markdown()


def test_device_login_shows_link_then_outcome():
    def fake_login(url, display, max_poll):
        display(f"Visit {url}/device and enter user code 'AB12-CD34'")
        return OidcLogin(backend_url=url, bearer=SecretStr("oidc/x/tok"))

    steps = list(device_login("https://auth.example", login=fake_login))
    lines = [s.markdown for s in steps]
    assert any("AB12-CD34" in line for line in lines)
    assert lines[-1].startswith("✓") and steps[-1].login.bearer.get_secret_value() == "oidc/x/tok"
    assert "tok" not in "".join(lines)

    def failing(url, display, max_poll):
        raise TimeoutError("Timeout exceeded while polling")

    steps = list(device_login("https://auth.example", login=failing))
    lines = [s.markdown for s in steps]
    assert steps[-1].login is None and lines[-1].startswith("✗") and "Timeout" in lines[-1] and "Traceback" not in lines[-1]
