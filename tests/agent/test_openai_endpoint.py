"""The real ChatOpenAI class inside the real agent graph, against a tiny OpenAI-compatible
server on 127.0.0.1: tool calls, a final answer, keys kept out of run folders, and faults
(timeouts, garbage, 5xx) that end in a clear Failure with the conversation kept."""

from __future__ import annotations

import json
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from agent.events import Failure
from agent.runner import AgentRunner
from agent.settings import AgentSettings, Limits
from agent_fakes import GOOD_CODE, stub_tools

SECRET = "sk-test-very-secret-key-123"
TODAY = date(2019, 6, 10)


def completion(message: dict, finish: str = "stop") -> dict:
    return {
        "id": f"chatcmpl-{time.time_ns()}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": "mock-model",
        "choices": [{"index": 0, "message": {"role": "assistant", **message}, "finish_reason": finish}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


def tool_call(name: str, args: dict, n: int) -> dict:
    return completion(
        {"content": None, "tool_calls": [{"id": f"call_{n}", "type": "function", "function": {"name": name, "arguments": json.dumps(args)}}]},
        "tool_calls",
    )


class MockOpenAI:
    """Answers POST /v1/chat/completions from a script; each item is a dict (JSON body),
    ("sleep", seconds), ("status", code) or ("raw", text)."""

    def __init__(self, script: list) -> None:
        self.script = list(script)
        self.requests: list[dict] = []
        self.headers: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_POST(self):  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append(body)
                outer.headers.append({k.lower(): v for k, v in self.headers.items()})
                item = outer.script.pop(0) if len(outer.script) > 1 else outer.script[0]
                if isinstance(item, tuple) and item[0] == "sleep":
                    time.sleep(item[1])
                    item = completion({"content": "late"})
                if isinstance(item, tuple) and item[0] == "status":
                    self.send_response(item[1])
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(b'{"error": {"message": "boom", "type": "server_error"}}')
                    return
                raw = item[1].encode() if isinstance(item, tuple) else json.dumps(item).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def mock_openai():
    servers = []

    def make(script):
        servers.append(MockOpenAI(script))
        return servers[-1]

    yield make
    for s in servers:
        s.close()


def runner_for(tmp_path: Path, url: str, **limits) -> AgentRunner:
    settings = AgentSettings(
        runs_dir=tmp_path / "runs",
        model="mock-model",
        openai_base_url=url,
        openai_api_key=SECRET,
        backend_url="http://127.0.0.1:9/openeo/1.2",
        limits=Limits(**{"request_timeout_s": 5, "model_max_retries": 0, **limits}),
    )
    return AgentRunner(settings, tools_factory=lambda ctx: stub_tools(ctx))


HAPPY = [
    tool_call("find_place", {"name": "Zahlé"}, 1),
    tool_call("run_openeo_code", {"code": GOOD_CODE}, 2),
    tool_call("execute", {}, 3),
    completion({"content": "NDVI median for May 2019 from SENTINEL2_L2A; the data is simulated."}),
]


def test_chatopenai_drives_the_agent(tmp_path, mock_openai):
    server = mock_openai(HAPPY)
    runner = runner_for(tmp_path, server.url)
    outcome = runner.run("NDVI Bekaa May 2019", today=TODAY)
    assert outcome.ok, outcome.failure
    assert [s.tool for s in outcome.steps] == ["find_place", "run_openeo_code", "execute"]
    assert outcome.answer.startswith("NDVI median") and outcome.model_calls == 4
    first = server.requests[0]
    assert first["model"] == "mock-model"
    assert {t["function"]["name"] for t in first["tools"]} >= {"find_place", "run_openeo_code", "execute"}
    assert first["messages"][0]["role"] == "system" and "2019-06-10" in first["messages"][0]["content"]
    # later calls send less: no few-shot example once code is drafted, only finishing tools once VALID
    assert "Example of the expected style" in first["messages"][0]["content"]
    assert "Example of the expected style" not in server.requests[2]["messages"][0]["content"]
    assert {t["function"]["name"] for t in server.requests[2]["tools"]} == {"run_openeo_code", "execute", "render_map"}
    assert len(server.requests[1]["tools"]) == 5
    # the tool results went back as tool messages
    assert any(m["role"] == "tool" and "VALID" in m["content"] for m in server.requests[3]["messages"])
    # the key reached the endpoint, and nothing else
    assert server.headers[0]["authorization"] == f"Bearer {SECRET}"
    for request in server.requests:
        assert SECRET not in json.dumps(request)
    for path in Path(outcome.run_dir).rglob("*"):  # review/ too
        assert not path.is_file() or SECRET not in path.read_text(errors="ignore"), path.name
    runner.close()


def test_invalid_json_arguments_are_repaired(tmp_path, mock_openai):
    broken = completion(
        {"content": None, "tool_calls": [{"id": "call_x", "type": "function", "function": {"name": "find_place", "arguments": "{name: Zahl"}}]},
        "tool_calls",
    )
    server = mock_openai([broken, *HAPPY])
    outcome = runner_for(tmp_path, server.url).run("NDVI Bekaa May 2019", today=TODAY)
    assert outcome.ok, outcome.failure
    assert "MalformedToolCall" in json.dumps(server.requests[1]["messages"])


@pytest.mark.parametrize(
    "fault, words",
    [
        (("sleep", 3.0), "did not answer in time"),
        (("raw", "<html>this is not an API</html>"), "not a valid chat completion"),
        (("status", 500), "server error"),
    ],
)
def test_endpoint_faults_end_clearly_and_keep_the_conversation(tmp_path, mock_openai, fault, words):
    server = mock_openai([fault])
    runner = runner_for(tmp_path, server.url, request_timeout_s=1.0)
    handle = runner.stream("NDVI Bekaa May 2019", thread_id="t-fault", today=TODAY)
    events = list(handle)
    failures = [e for e in events if isinstance(e, Failure)]
    assert len(failures) == 1 and words in failures[0].message and failures[0].who == "user"
    assert "Traceback" not in failures[0].message
    run_dir = Path(handle.outcome.run_dir)
    assert (run_dir / "request.txt").exists() and json.loads((run_dir / "run.json").read_text())["ok"] is False
    # the endpoint recovers: the same thread continues and still holds the first request
    server.script = [completion({"content": "Recovered."})]
    outcome = runner.run("try again", thread_id="t-fault", today=TODAY)
    assert outcome.ok and outcome.answer == "Recovered."
    contents = [m.get("content") for m in server.requests[-1]["messages"]]
    assert "NDVI Bekaa May 2019" in contents and "try again" in contents
    runner.close()


def test_unreachable_endpoint(tmp_path):
    runner = runner_for(tmp_path, "http://127.0.0.1:9/v1")
    outcome = runner.run("NDVI Bekaa May 2019", today=TODAY)
    assert not outcome.ok and "cannot be reached" in outcome.answer
