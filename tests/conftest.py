"""Shared fixtures: the paths of ../shared and one real embedded backend over HTTP per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REAL_DATA = SHARED / "data" / "real"
SPECS = SHARED / "openeo-specs" / "assets"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the project")
    return SHARED


@pytest.fixture(scope="session")
def real_data_dir() -> Path:
    if not REAL_DATA.is_dir():
        pytest.skip("../shared/data/real is not beside the project")
    return REAL_DATA


@pytest.fixture(scope="session")
def backend_url(tmp_path_factory) -> str:
    """A real embedded backend on a free loopback port, serving ../shared/data/real plus the
    simulated Earth, for the whole test session."""
    from backend.server import start_in_thread
    from backend.settings import BackendSettings

    settings = BackendSettings(
        data_dir=str(REAL_DATA) if REAL_DATA.is_dir() else None,
        jobs_dir=str(tmp_path_factory.mktemp("jobs")),
    )
    server = start_in_thread(settings)
    yield server.url
    server.stop()
