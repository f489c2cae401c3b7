"""Fixtures of the tool tests: a ToolContext on the real embedded backend, and one that records events."""

from __future__ import annotations

import pytest

from tools.context import BackendRef, RunFolder, ToolContext


@pytest.fixture
def events() -> list:
    return []


@pytest.fixture
def ctx(backend_url, tmp_path, events) -> ToolContext:
    return ToolContext(BackendRef(url=backend_url, is_embedded=True), RunFolder(tmp_path / "run"), emit=events.append)
