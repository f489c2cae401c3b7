"""The app over its API (gradio_client) with a scripted runner: fast checks of the wiring."""

from __future__ import annotations

import pytest
from ui_app import serve_app
from ui_checks import text_of
from ui_fakes import FakeRunner

pytestmark = pytest.mark.ui


def test_chat_streams_to_a_map_and_sessions_keep_their_own_thread(tmp_path):
    from gradio_client import Client

    runners = []

    def factory(settings):
        runners.append(FakeRunner(settings.runs_dir))
        return runners[-1]

    with serve_app(factory, runs_dir=tmp_path / "runs") as (url, _):
        c1, c2 = Client(url, verbose=False), Client(url, verbose=False)
        out = c1.predict("NDVI around Leuven in June 2023", api_name="/chat")
        msg, chat, code, validation, graph, map_html, badge, chart, files, *_ = out
        assert chat[0]["role"] == "user" and "Leuven" in text_of(chat[0])
        assert any("find_place" in ((m.get("metadata") or {}).get("title") or "") for m in chat)
        assert "Here is the result" in text_of(chat[-1])
        assert "import openeo" in code and "validated" in validation
        assert graph["save1"]["result"] is True
        assert 'src="runs/' in map_html and "map.html" in map_html
        assert "Simulated data" in badge
        names = [str(x["path"] if isinstance(x, dict) else x).rsplit("/", 1)[-1] for x in files]
        assert names[:5] == ["result.tif", "code.py", "notebook.ipynb", "openeo_process.json", "process_graph.json"]
        assert names[5].endswith(".zip")
        c2.predict("Elevation of the Matterhorn area", api_name="/chat")
        c1.predict("and now in July", api_name="/chat")
        (runner,) = runners  # one runner shared by sessions with the same settings
        threads = [t for _, t in runner.calls]
        assert threads[0] == threads[2] != threads[1]
        # the served map is the run's map.html
        import httpx

        src = map_html.split('src="', 1)[1].split('"', 1)[0]
        r = httpx.get(url + src)
        assert r.status_code == 200 and "fake map for NDVI" in r.text


def test_runner_failure_is_a_sentence(tmp_path):
    from gradio_client import Client

    with serve_app(lambda s: FakeRunner(s.runs_dir, fail=True), runs_dir=tmp_path / "runs") as (url, _):
        out = Client(url, verbose=False).predict("NDVI", api_name="/chat")
        text = text_of(out[1][-1])
        assert text.startswith("⚠ The openEO backend is not reachable") and "Traceback" not in text


def test_runner_that_cannot_start_is_a_sentence(tmp_path):
    from gradio_client import Client

    from agent.errors import BackendUnavailable

    def factory(settings):
        raise BackendUnavailable("The openEO backend at http://10.0.0.1 is not reachable.")

    with serve_app(factory, runs_dir=tmp_path / "runs") as (url, _):
        out = Client(url, verbose=False).predict("NDVI", api_name="/chat")
        text = text_of(out[1][-1])
        assert "not reachable" in text and "Settings" in text and "Traceback" not in text


def test_history_opens_only_run_folders(tmp_path):
    from gradio_client import Client

    runs = tmp_path / "runs"
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "code.py").write_text("SECRET = 1\n")
    with serve_app(lambda s: FakeRunner(s.runs_dir), runs_dir=runs) as (url, _):
        client = Client(url, verbose=False)
        for path in (str(tmp_path / "secret"), str(runs / ".." / "secret"), "/etc"):
            chat, code, *_ = client.predict(path, api_name="/open_run")
            assert "SECRET" not in code and chat == []


def test_time_series_chart_is_shown(tmp_path):
    from gradio_client import Client

    with serve_app(lambda s: FakeRunner(s.runs_dir, timeseries=True), runs_dir=tmp_path / "runs") as (url, _):
        out = Client(url, verbose=False).predict("Daily NO2 over Madrid in January 2024 as a time series", api_name="/chat")
        chart = out[7]  # an update: the image becomes visible with the chart
        assert chart["visible"] is True and str(chart["value"]).endswith("chart.png")


def test_runs_folder_serves_only_map_files(tmp_path):
    import httpx

    from ui.ownership import RunSigner, mark

    runs = tmp_path / "runs"
    mark(runs / "r1", "owner-a")
    (runs / "r1" / "map.html").write_text("<html>map</html>")
    (runs / "r1" / "result.tif").write_bytes(b"II*")
    (runs / "threads.sqlite").write_bytes(b"SQLite format 3")
    (tmp_path / "outside.html").write_text("secret")
    with serve_app(lambda s: FakeRunner(s.runs_dir), runs_dir=runs) as (url, _):
        t = RunSigner(runs).token("r1", "owner-a")
        assert httpx.get(url + f"runs/{t}/r1/map.html").text == "<html>map</html>"
        for path in ("runs/r1/map.html", "runs/threads.sqlite", f"runs/{t}/r1/result.tif", f"runs/{t}/r1/.owner",
                     "runs/.ui-key", "runs/../outside.html", f"runs/{t}/r1/../../outside.html", f"runs/{t}/../outside.html"):
            r = httpx.get(url + path)
            assert r.status_code == 404 or "secret" not in r.text, path
            assert b"SQLite" not in r.content and b"owner-a" not in r.content
