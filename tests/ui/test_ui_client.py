"""The app over its API (gradio_client) with the real agent: offline planner, embedded backend."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from ui_checks import contains, file_path, read_graph, spatial_extent, text_of, titles

pytestmark = [pytest.mark.ui, pytest.mark.slow]

INNSBRUCK = (11.40, 47.27)
REQUEST = "Elevation around Innsbruck"


def test_request_to_map_then_edited_code_then_history_after_restart(real_app):
    from gradio_client import Client

    from ui_app import serve_app

    url, _, runs = real_app
    client = Client(url, verbose=False)
    _, chat, code, validation, graph, map_html, badge, chart, files = client.predict(
        REQUEST, api_name="/chat"
    )
    assert text_of(chat[0]) == REQUEST
    assert titles(chat), "the agent's steps are shown as collapsible messages"
    assert "import openeo" in code and "load_collection" in code
    assert "validated" in validation
    assert contains(spatial_extent(graph), *INNSBRUCK)
    assert 'src="runs/' in map_html
    page = httpx.get(url + map_html.split('src="', 1)[1].split('"', 1)[0], timeout=10)
    assert page.status_code == 200 and "leaflet" in page.text.lower()
    assert "Simulated data" in badge
    names = [Path(file_path(f)).name for f in files]
    assert "code.py" in names and "process_graph.json" in names and any(n.endswith(".zip") for n in names)

    edited = code + "\n# edited in the UI test\n"
    chat2, code2, validation2, graph2, map2, *_ = client.predict(edited, api_name="/run_code")
    assert "# edited in the UI test" in code2
    assert "validated" in validation2 and map2 != map_html
    assert text_of(chat2[len(chat)]).startswith("▶ Run the edited code")
    newest = max((p for p in runs.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
    assert "# edited in the UI test" in (newest / "code.py").read_text()

    # A restart: a new app on the same runs/ folder lists the run and reopens it.
    first_run = Path(map_html.split('src="runs/', 1)[1].split("/", 1)[0])
    with serve_app(None, runs_dir=runs, model="offline") as (url2, _):
        c2 = Client(url2, verbose=False)
        chat3, code3, _, graph3, map3, *_ = c2.predict(str(runs / first_run), api_name="/open_run")
        assert text_of(chat3[0]) == REQUEST
        assert code3 == code and graph3 == read_graph(runs / first_run / "process_graph.json")
        assert f"runs/{first_run}/map.html" in map3


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
