"""Computations stop when nobody wants them any more, measured in CPU time of a real server process.

The backend runs as `serve()` in its own process (what `openeo-agent backend` runs), so psutil
sees exactly its CPU time. A heavy computation is started, the test waits until it burns CPU,
then cancels the job / deletes it / hangs up the client / sends SIGTERM, and requires the CPU use
to drop to idle (or the process to exit) within a few seconds.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest
import requests

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
STOP_WITHIN_S = 5.0
BUSY_CORES = 0.15  # CPU seconds per second that count as "computing" (CI machines are shared: low)
IDLE_CORES = 0.05
HEAVY = {"process_graph": {
    "load": {"process_id": "load_collection", "arguments": {
        "id": "SENTINEL2_L2A", "spatial_extent": {"west": 10.6, "south": 45.8, "east": 11.4, "north": 46.6},
        "temporal_extent": ["2022-04-01", "2022-09-01"], "bands": ["B02", "B03", "B04", "B08"]}},
    "median": {"process_id": "reduce_dimension", "arguments": {"data": {"from_node": "load"}, "dimension": "t", "reducer": {
        "process_graph": {"m": {"process_id": "median", "arguments": {"data": {"from_parameter": "data"}}, "result": True}}}}},
    "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "median"}, "format": "GTiff"}, "result": True},
}}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerProcess:
    def __init__(self, jobs_dir: Path) -> None:
        self.port = _free_port()
        env = {**os.environ, "OPENEO_BACKEND_JOBS_DIR": str(jobs_dir), "OPENEO_BACKEND_SYNC_PIXEL_BUDGET": str(10**13),
               "OPENEO_BACKEND_BATCH_PIXEL_BUDGET": str(10**13), "OPENEO_BACKEND_SYNC_TIMEOUT_S": "600"}
        env.pop("OPENEO_BACKEND_USERS", None)
        code = f"from backend.server import serve; serve('127.0.0.1', {self.port})"
        self.proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.ps = psutil.Process(self.proc.pid)
        self.url = f"http://127.0.0.1:{self.port}/openeo/1.2"
        deadline = time.monotonic() + 90
        while True:
            try:
                if requests.get(self.url + "/processes", timeout=30).status_code == 200:  # the registry is built
                    break
            except requests.ConnectionError:
                pass
            assert self.proc.poll() is None and time.monotonic() < deadline, "the backend process did not start"
            time.sleep(0.3)
        # GET /processes answers from the process index before the implementations are imported:
        # one tiny computation waits for the backend to be able to compute, so that the stop tests
        # time the stop of a computation, not of the start-up
        tiny = json.loads(json.dumps(HEAVY))
        tiny["process_graph"]["load"]["arguments"].update(
            spatial_extent={"west": 11.0, "south": 46.0, "east": 11.001, "north": 46.001},
            temporal_extent=["2022-06-01", "2022-06-11"])
        assert requests.post(self.url + "/result", json={"process": tiny}, timeout=300).status_code == 200
        self.wait_idle(60)

    def cpu(self) -> float:
        times = self.ps.cpu_times()
        return times.user + times.system

    def rate(self, window: float = 1.0) -> float:
        """CPU seconds per second over the next `window` seconds."""
        before = self.cpu()
        time.sleep(window)
        return (self.cpu() - before) / window

    def wait_busy(self, timeout: float = 60.0) -> float:
        deadline = time.monotonic() + timeout
        while (rate := self.rate()) < BUSY_CORES:
            assert time.monotonic() < deadline, f"the computation never got busy ({rate:.2f} cores)"
        return rate

    def wait_idle(self, timeout: float) -> float:
        """Seconds until the process is idle (a 1 s window under IDLE_CORES); fails after `timeout`."""
        started = time.monotonic()
        while (rate := self.rate()) >= IDLE_CORES:
            assert time.monotonic() - started < timeout, f"still computing after {timeout:.0f} s ({rate:.2f} cores)"
        return time.monotonic() - started

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = ServerProcess(tmp_path_factory.mktemp("jobs"))
    yield srv
    srv.stop()


def _running_job(server: ServerProcess) -> str:
    resp = requests.post(server.url + "/jobs", json={"process": HEAVY, "title": "heavy"}, timeout=30)
    job_url = resp.headers["Location"]
    assert requests.post(job_url + "/results", timeout=30).status_code == 202
    server.wait_busy()
    assert requests.get(job_url, timeout=10).json()["status"] == "running"
    return job_url


def test_a_canceled_job_stops_burning_cpu(server):
    job_url = _running_job(server)
    cpu_at_cancel = server.cpu()
    assert requests.delete(job_url + "/results", timeout=10).status_code == 204
    took = server.wait_idle(STOP_WITHIN_S + 1)
    assert requests.get(job_url, timeout=10).json()["status"] == "canceled"
    spent = server.cpu() - cpu_at_cancel
    assert took <= STOP_WITHIN_S + 1 and spent < 2 * STOP_WITHIN_S, f"{spent:.1f} CPU s after the cancel"
    assert server.rate(2.0) < IDLE_CORES  # and it stays idle
    requests.delete(job_url, timeout=10)


def test_a_deleted_job_stops_burning_cpu(server):
    job_url = _running_job(server)
    assert requests.delete(job_url, timeout=10).status_code == 204
    server.wait_idle(STOP_WITHIN_S + 1)
    assert server.rate(2.0) < IDLE_CORES
    assert requests.get(job_url, timeout=10).status_code == 404


def test_a_client_that_hangs_up_stops_its_result_computation(server):
    body = json.dumps({"process": HEAVY}).encode()
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=30)
    sock.sendall(b"POST /openeo/1.2/result HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.wait_busy()
    sock.close()
    server.wait_idle(STOP_WITHIN_S + 1)
    assert server.rate(2.0) < IDLE_CORES
    assert requests.get(server.url + "/", timeout=10).status_code == 200  # and it serves on


def test_sigterm_stops_a_server_mid_computation(tmp_path):
    srv = ServerProcess(tmp_path / "jobs")
    try:
        outcome: dict[str, object] = {}

        def sync_request() -> None:
            try:
                outcome["status"] = requests.post(srv.url + "/result", json={"process": HEAVY}, timeout=120).status_code
            except requests.RequestException as exc:
                outcome["error"] = type(exc).__name__

        client = threading.Thread(target=sync_request, daemon=True)
        client.start()
        job = requests.post(srv.url + "/jobs", json={"process": HEAVY}, timeout=30).headers["Location"]
        requests.post(job + "/results", timeout=30)
        srv.wait_busy()
        sent = time.monotonic()
        srv.proc.send_signal(signal.SIGTERM)
        srv.proc.wait(STOP_WITHIN_S * 3)
        assert time.monotonic() - sent < STOP_WITHIN_S * 3
        client.join(10)
        assert outcome.get("status") in (503, None), outcome  # told to come back, or cut off
        record = json.loads((tmp_path / "jobs" / job.rsplit("/", 1)[1] / "job.json").read_text())
        assert record["status"] == "error" and "shutting down" in record["error"]["message"]
    finally:
        srv.stop()
