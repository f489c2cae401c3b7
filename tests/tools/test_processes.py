"""search_processes / describe_process over the backend's GET /processes."""

from __future__ import annotations

import pytest

from tools.models import ToolError
from tools.processes import client_method, describe_process, process_text, search_processes


@pytest.mark.parametrize(
    "query,expected",
    [("ndvi", "ndvi"), ("vegetation index", "ndvi"), ("monthly mean", "mean"),
     ("cloud mask", "mask"), ("time series", "aggregate_spatial"), ("median composite", "reduce_dimension")],
)
def test_search_finds_process(ctx, query, expected):
    assert expected in [p.id for p in search_processes(query, ctx).hits]


def test_describe_process_shows_client_call(ctx):
    text = process_text(describe_process("reduce_dimension", ctx))
    assert "reducer (required)" in text and "cube.median_time()" in text


def test_unknown_process_suggests(ctx):
    with pytest.raises(ToolError) as e:
        describe_process("reduce_dimensions", ctx)
    assert e.value.code == "ProcessUnsupported" and "reduce_dimension" in e.value.message


def test_client_method_from_datacube():
    assert client_method("ndvi").startswith("cube.ndvi(")
    assert client_method("apply_kernel") == "cube.apply_kernel(...)"
    assert client_method("arccos") is None
