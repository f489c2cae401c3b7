"""Faults between the tools and the backend (tools/http.py): a scripted fake backend on loopback
answers 503, hangs past the timeout, resets the connection or returns garbage. Transient faults
are retried and succeed; persistent ones end as one clear sentence for the user, never a traceback;
POST /result is tried at most twice."""

from __future__ import annotations

import socket
import time
from datetime import date

import numpy as np
import pytest
from fake_backend import OK, RESET, Behaviour, FakeBackend, garbage, hang, status
from rasterio.io import MemoryFile
from rasterio.transform import from_origin

from tools import code as code_tool
from tools import execute as execute_tool
from tools.context import BackendRef, RunFolder, ToolContext
from tools.models import ToolError
from tools.sandbox.snapshot import BackendClient, clear_cache, get_snapshot

GRAPH = {
    "load": {"process_id": "load_collection", "arguments": {
        "id": "SENTINEL2_L2A", "spatial_extent": {"west": 11.30, "south": 46.47, "east": 11.31, "north": 46.48},
        "temporal_extent": ["2022-06-12", "2022-06-13"], "bands": ["B04", "B08"]}},
    "ndvi": {"process_id": "ndvi", "arguments": {"data": {"from_node": "load"}}},
    "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "ndvi"}, "format": "GTiff"}, "result": True},
}


@pytest.fixture(autouse=True)
def fresh_cache():
    clear_cache()
    yield
    clear_cache()


def tiny_geotiff() -> bytes:
    with MemoryFile() as mem:
        with mem.open(driver="GTiff", width=2, height=2, count=1, dtype="float32", crs="EPSG:4326",
                      transform=from_origin(11.30, 46.48, 0.005, 0.005)) as ds:
            ds.write(np.array([[[0.1, 0.2], [0.3, 0.4]]], dtype="float32"))
        return mem.read()


def ctx_for(url: str, tmp_path) -> ToolContext:
    return ToolContext(BackendRef(url=url), RunFolder(tmp_path / "run"))


def test_503_then_200_is_retried_and_succeeds(tmp_path):
    with FakeBackend({("GET", "/"): [status(503), status(502), OK]}) as fake:
        snap = get_snapshot(BackendRef(url=fake.url))
    assert snap.collection_ids == ["SENTINEL2_L2A"]
    assert fake.count("GET", "/") == 3


def test_persistent_503_is_one_clear_sentence():
    with FakeBackend({("GET", "/"): [status(503)]}) as fake:
        with pytest.raises(ToolError) as e:
            get_snapshot(BackendRef(url=fake.url))
    assert e.value.who == "user" and e.value.code == "BackendUnavailable"
    assert str(e.value) == (f"[BackendUnavailable] The openEO backend at {fake.url} did not answer (HTTP 503 three times). "
                            "Check that it is running, or try again in a minute.")
    assert fake.count("GET", "/") == 3


def test_a_hang_past_the_timeout_is_retried():
    with FakeBackend({("GET", "/processes"): [hang(1.5), OK]}) as fake:
        t0 = time.monotonic()
        doc = BackendClient(BackendRef(url=fake.url), timeout_s=0.3).get_json("/processes")
    assert doc == {"processes": [], "links": []} and fake.count("GET", "/processes") == 2
    assert time.monotonic() - t0 < 1.5  # the answer came from the retry, not from waiting out the hang


def test_hanging_every_time_says_it_timed_out():
    with FakeBackend({("GET", "/"): [hang(1.0)]}) as fake:
        with pytest.raises(ToolError) as e:
            BackendClient(BackendRef(url=fake.url), timeout_s=0.2).get_json("/")
    assert e.value.code == "BackendUnavailable" and "timed out three times" in e.value.message
    assert fake.count("GET", "/") == 3


def test_connection_reset_is_retried():
    with FakeBackend({("GET", "/collections"): [RESET, OK]}) as fake:
        snap = get_snapshot(BackendRef(url=fake.url))
    assert snap.collection_ids == ["SENTINEL2_L2A"] and fake.count("GET", "/collections") == 2


def test_connection_refused_names_the_url_and_the_tries():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again when the block ends: nothing listens there
    url = f"http://127.0.0.1:{port}/openeo/1.2"
    with pytest.raises(ToolError) as e:
        get_snapshot(BackendRef(url=url))
    assert e.value.code == "BackendUnreachable" and e.value.who == "user"
    assert f"at {url} did not answer (connection refused, tried three times)" in e.value.message


def test_garbage_instead_of_json_is_a_clear_message():
    with FakeBackend({("GET", "/collections"): [garbage()]}) as fake:
        with pytest.raises(ToolError) as e:
            get_snapshot(BackendRef(url=fake.url))
    assert e.value.code == "BackendBadResponse" and e.value.who == "user"
    assert "answered GET /collections with text/html" in e.value.message and "openEO API root" in e.value.message
    assert fake.count("GET", "/collections") == 1  # a 200 is not transient: no retry


def test_validation_garbage_is_never_read_as_valid(tmp_path):
    with FakeBackend({("POST", "/validation"): [garbage("OK")]}) as fake:
        with pytest.raises(ToolError) as e:
            code_tool.validate_graph(ctx_for(fake.url, tmp_path), GRAPH)
    assert e.value.code == "BackendBadResponse" and "POST /validation" in e.value.message


def test_validation_503_once_then_answer(tmp_path):
    with FakeBackend({("POST", "/validation"): [status(503), OK]}) as fake:
        issues = code_tool.validate_graph(ctx_for(fake.url, tmp_path), GRAPH)
    assert issues == [] and fake.count("POST", "/validation") == 2


def _validated(ctx: ToolContext) -> ToolContext:
    ctx.artifacts.process_graph, ctx.artifacts.validated = GRAPH, True
    return ctx


def test_result_503_then_tiff_executes(tmp_path):
    tiff = Behaviour(body=tiny_geotiff(), content_type="image/tiff")
    with FakeBackend({("POST", "/result"): [status(503), tiff]}) as fake:
        outcome = execute_tool.execute(_validated(ctx_for(fake.url, tmp_path)))
    assert outcome.ok and outcome.to_text().startswith("OK")
    assert fake.count("POST", "/result") == 2
    assert outcome.stats.max == pytest.approx(0.4)


def test_result_is_never_posted_more_than_twice(tmp_path):
    with FakeBackend({("POST", "/result"): [status(503)]}) as fake:
        with pytest.raises(ToolError) as e:
            execute_tool.execute(_validated(ctx_for(fake.url, tmp_path)))
    assert fake.count("POST", "/result") == 2
    assert e.value.code == "BackendUnavailable" and "HTTP 503" in e.value.message and "try again in a minute" in e.value.message


def test_result_reset_mid_request_is_retried_once_only(tmp_path):
    with FakeBackend({("POST", "/result"): [RESET]}) as fake:
        with pytest.raises(ToolError) as e:
            execute_tool.execute(_validated(ctx_for(fake.url, tmp_path)))
    assert fake.count("POST", "/result") == 2
    assert e.value.who == "user" and "tried twice" in e.value.message


def test_agent_run_on_a_down_backend_ends_with_the_sentence_not_a_traceback(tmp_path):
    """The real tools inside the real AgentRunner: the user reads the sentence, the run folder stays."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "agent"))
    from agent_fakes import ScriptedChatModel, answer, call

    from agent.runner import AgentRunner
    from agent.settings import AgentSettings
    from tools.langchain_tools import build_tools

    with FakeBackend({("GET", "/"): [status(503)]}) as fake:
        model = ScriptedChatModel(responses=[call("search_collections", query="vegetation"), answer("x")])
        settings = AgentSettings(runs_dir=tmp_path / "runs", backend_url=fake.url)
        runner = AgentRunner(settings, model_factory=lambda s, t: model, tools_factory=lambda ctx: build_tools(ctx))
        events = list(runner.stream("NDVI near Bolzano", thread_id="down", today=date(2022, 6, 20)))
        runner.close()
    failure = [e for e in events if e.type == "failure"]
    assert failure and failure[0].who == "user"
    assert "did not answer (HTTP 503 three times)" in failure[0].message
    text = " ".join(e.model_dump_json() for e in events)
    assert "Traceback" not in text and 'File "' not in text
    assert events[-1].type == "run_finished"
