"""The Settings tab's backend over the API (gradio_client): another openEO backend given by its
root URL, as people write it; the session's next request runs there, discovery included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ui_checks import run_id_of, text_of

from ui import glyphs

pytestmark = [pytest.mark.ui, pytest.mark.slow]


def test_backend_setting_with_a_root_url(real_app, backend_url):
    from gradio_client import Client

    url, _, runs = real_app
    root = backend_url.removesuffix("/openeo/1.2")
    client = Client(url, verbose=False)
    status, *_ = client.predict("Another openEO backend (URL)", root, "None", "", "", "", "", "", api_name="/save_settings")
    assert status.startswith(glyphs.OK) and root in status
    assert "127.0.0.1" in status and "allowed by the administrator" in status  # where the server connects, said
    _, chat, code, validation, graph, map_html, *_ = client.predict("Elevation around Innsbruck", api_name="/chat")
    assert "validated" in validation and 'src="runs/' in map_html, text_of(chat[-1])
    run_dir = runs / run_id_of(map_html)
    record = json.loads(Path(run_dir, "run.json").read_text())
    assert record["backend"] == root and record["settings"]["backend_url"] == root
    assert record["ok"] and "Traceback" not in text_of(chat[-1])
