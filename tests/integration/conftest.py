"""Fixtures of the integration tests: openeo-driver's dummy backend (a second, real openEO
implementation nobody here wrote), the embedded backend by its root URL, and a clean openeo
client token store and backend-client registry per test."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from servers import DriverBackend, driver_missing

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "agent"))  # agent_fakes


@pytest.fixture(scope="session")
def driver() -> DriverBackend:
    why = driver_missing()
    if why:
        pytest.skip(why)
    with DriverBackend() as backend:
        yield backend


@pytest.fixture
def embedded_root(backend_url) -> str:
    """The session's embedded backend as a person gives it: its root URL, no /openeo/1.2."""
    root = backend_url.removesuffix("/openeo/1.2")
    assert root != backend_url
    return root


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    """No OPENAI_/OPENEO_AGENT_ settings from outside, the openeo client's refresh tokens in
    tmp_path, and fresh backend clients."""
    from tools.client import forget_clients

    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENEO_AGENT_MODEL", "OPENEO_AGENT_CONFIG", "OPENEO_AGENT_BACKEND_URL",
                 "OPENEO_AGENT_BACKEND_AUTH", "OPENEO_AUTH_METHOD"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OPENEO_CONFIG_HOME", str(tmp_path / "openeo-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.chdir(tmp_path)
    forget_clients()
    yield
    forget_clients()
