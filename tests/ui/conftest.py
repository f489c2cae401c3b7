"""Fixtures of the UI tests: artifacts folder, a headless Chromium, the app with the real agent."""

from __future__ import annotations

from pathlib import Path

import pytest

# The helpers live in tests/ui/ui_app.py, imported inside the fixtures: by then pytest has put
# tests/ui on sys.path for the test modules (a conftest is imported before that).


@pytest.fixture(scope="session")
def artifacts() -> Path:
    from ui_app import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser():
    from ui_app import CHROMIUM, CHROMIUM_ARGS

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


@pytest.fixture(scope="session")
def real_app(tmp_path_factory):
    """The app with the real runner: offline planner, embedded backend started by the runner,
    runs in a temporary runs/ folder. Shared by the UI tests of one session."""
    import os

    from ui_app import serve_app

    from ui.network import PrivateBackends

    runs = tmp_path_factory.mktemp("ui-runs")
    # batch jobs of the embedded backend the runner starts: a folder of this test session only
    old_jobs = os.environ.get("OPENEO_BACKEND_JOBS_DIR")
    os.environ["OPENEO_BACKEND_JOBS_DIR"] = str(tmp_path_factory.mktemp("ui-jobs"))
    try:
        # the tests' second backend listens on loopback: allowed explicitly, as an administrator would
        with serve_app(None, runs_dir=runs, model="offline", backend_url=None,
                       private_backends=PrivateBackends(entries=["127.0.0.0/8"])) as (url, demo):
            yield url, demo, runs
    finally:
        if old_jobs is None:
            os.environ.pop("OPENEO_BACKEND_JOBS_DIR", None)
        else:
            os.environ["OPENEO_BACKEND_JOBS_DIR"] = old_jobs
