"""The app over its API (gradio_client) with the real agent: offline planner, embedded backend."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from ui_checks import contains, file_path, map_src, read_graph, run_id_of, spatial_extent, text_of, titles

pytestmark = [pytest.mark.ui, pytest.mark.slow]

INNSBRUCK = (11.40, 47.27)
REQUEST = "Elevation around Innsbruck"


def test_request_to_map_then_edited_code_then_history(real_app):
    from gradio_client import Client

    from ui_app import serve_app

    url, _, runs = real_app
    client = Client(url, verbose=False)
    _, chat, code, validation, graph, map_html, badge, chart, files, explanation, repairs, diagram = client.predict(
        REQUEST, api_name="/chat"
    )
    assert text_of(chat[0]) == REQUEST
    assert titles(chat), "the agent's steps are shown as collapsible messages"
    assert "import openeo" in code and "load_collection" in code
    assert "validated" in validation
    assert contains(spatial_extent(graph), *INNSBRUCK)
    assert 'src="runs/' in map_html
    page = httpx.get(url + map_src(map_html), timeout=10)
    assert page.status_code == 200 and "leaflet" in page.text.lower()
    assert "Simulated data" in badge
    names = [Path(file_path(f)).name for f in files]
    assert {"code.py", "notebook.ipynb", "openeo_process.json", "process_graph.json"} <= set(names)
    assert any(n.endswith(".zip") for n in names)
    assert "COPERNICUS_30" in explanation and 'class="pg-node"' in diagram and "this version ran" in repairs

    edited = code + "\n# edited in the UI test\n"
    chat2, code2, validation2, graph2, map2, *_ = client.predict(edited, api_name="/run_code")
    assert "# edited in the UI test" in code2
    assert "validated" in validation2 and map2 != map_html
    assert text_of(chat2[len(chat)]).startswith("▶ Run the edited code")
    newest = max((p for p in runs.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
    assert "# edited in the UI test" in (newest / "code.py").read_text()

    # The session reopens its first run from the history, by id.
    first_run = run_id_of(map_html)
    chat3, code3, _, graph3, map3, *_ = client.predict(first_run, api_name="/open_run")
    assert text_of(chat3[0]) == REQUEST
    assert code3 == code and graph3 == read_graph(runs / first_run / "process_graph.json")
    assert f"/{first_run}/map.html" in map3
    # After a restart an API client is a new session: the run is not its to open (a browser keeps
    # its history across restarts: tests/ui/test_ui_browser_fake.py).
    with serve_app(None, runs_dir=runs, model="offline") as (url2, _):
        chat4, code4, *_ = Client(url2, verbose=False).predict(first_run, api_name="/open_run")
        assert chat4 == [] and code4 == ""


def test_follow_up_in_the_same_session_keeps_the_conversation(real_app):
    from gradio_client import Client

    url, _, _ = real_app
    client = Client(url, verbose=False)
    first = client.predict("Elevation around Innsbruck", api_name="/chat")
    _, chat, _, validation, graph, map_html, *_ = client.predict("Now the same around Bern", api_name="/chat")
    users = [text_of(m) for m in chat if m["role"] == "user"]
    assert users == ["Elevation around Innsbruck", "Now the same around Bern"]
    assert "validated" in validation
    assert contains(spatial_extent(graph), 7.45, 46.95), "the follow-up was read in the conversation's context"
    assert map_html != first[5]
