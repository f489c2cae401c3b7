"""`python app.py` with no configuration serves within seconds, on the port GRADIO_SERVER_PORT says."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx
import pytest
from ui_app import ROOT, free_port

pytestmark = pytest.mark.ui


def test_python_app_py_serves_within_seconds(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENEO_AGENT_", "OPENAI_", "GRADIO_"))}
    env.update(GRADIO_SERVER_PORT=str(port), OPENEO_BACKEND_JOBS_DIR=str(tmp_path / "jobs"))
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "app.py")], cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    t0 = time.perf_counter()
    try:
        while True:
            assert proc.poll() is None, proc.stdout.read().decode(errors="replace")[-2000:]
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
                if r.status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.perf_counter() - t0 < 30, "app.py did not serve within 30 s"
            time.sleep(0.2)
        elapsed = time.perf_counter() - t0
        assert "openEO Agent" in r.text
        assert (tmp_path / "runs").is_dir(), "runs/ is created in the working directory"
        print(f"app.py served after {elapsed:.1f} s")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
