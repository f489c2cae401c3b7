"""Fixtures of the UI tests: the app served in-process on a free port, and a headless Chromium."""

from __future__ import annotations

import socket
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve_app(runner_factory=None, runs_dir: Path | None = None, **settings):
    """The app on 127.0.0.1:<free port>; yields (url, demo)."""
    from agent.settings import AgentSettings
    from app import create_app

    agent_settings = AgentSettings(runs_dir=runs_dir, **settings) if runs_dir else AgentSettings(**settings)
    demo, kwargs = create_app(runner_factory=runner_factory, settings=agent_settings)
    port = free_port()
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True, **kwargs)
    try:
        yield f"http://127.0.0.1:{port}/", demo
    finally:
        demo.close()
        demo._openeo_app.pool.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright Python package is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def offline_page(browser, artifacts_dir: Path | None = None):
    """A browser page whose every request not to 127.0.0.1 is aborted (the network is 'blocked')."""
    context = browser.new_context(viewport={"width": 1500, "height": 950}, accept_downloads=True)
    blocked: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.blocked = blocked  # type: ignore[attr-defined]
    return context, page


def _real_runner_available() -> str | None:
    """Why the real agent cannot run here, or None when it can."""
    import importlib

    for name in ("agent.runner", "backend.server", "tools.langchain_tools"):
        try:
            importlib.import_module(name)
        except ImportError as exc:
            return f"{name} is not importable yet ({exc})"
    return None


@pytest.fixture(scope="session")
def real_app(tmp_path_factory):
    """The app with the real runner: offline planner, embedded backend started by the runner,
    runs in a temporary runs/ folder. Shared by the UI tests of one session."""
    why = _real_runner_available()
    if why:
        pytest.skip(why)
    import os

    runs = tmp_path_factory.mktemp("ui-runs")
    # batch jobs of the embedded backend the runner starts: a folder of this test session only
    old_jobs = os.environ.get("OPENEO_BACKEND_JOBS_DIR")
    os.environ["OPENEO_BACKEND_JOBS_DIR"] = str(tmp_path_factory.mktemp("ui-jobs"))
    try:
        with serve_app(None, runs_dir=runs, model="offline", backend_url=None) as (url, demo):
            yield url, demo, runs
    finally:
        if old_jobs is None:
            os.environ.pop("OPENEO_BACKEND_JOBS_DIR", None)
        else:
            os.environ["OPENEO_BACKEND_JOBS_DIR"] = old_jobs
