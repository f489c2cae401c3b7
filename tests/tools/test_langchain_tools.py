"""The LangChain tools: names, argument names, descriptions from prompts/tools, short text outputs."""

from __future__ import annotations

import pytest

from tools.langchain_tools import build_tools
from tools.context import BackendRef, RunFolder, ToolContext
from tools.models import ToolError

CONTRACT = {
    "search_collections": ["query"], "describe_collection": ["collection_id"], "search_processes": ["query"],
    "describe_process": ["process_id"], "find_place": ["name", "polygon", "parts"],
    "find_acquisitions": ["collection_id", "west", "south", "east", "north", "start", "end"],
    "run_openeo_code": ["code", "explanation"], "execute": [], "render_map": [],
}


def test_names_arguments_and_descriptions(tmp_path):
    ctx = ToolContext(BackendRef(url="http://127.0.0.1:9/openeo/1.2"), RunFolder(tmp_path))
    tools = build_tools(ctx)
    assert {t.name: list(t.args) for t in tools} == CONTRACT
    for t in tools:
        assert 40 < len(t.description) < 800


def test_the_schemas_fit_the_token_budget(tmp_path):
    """All nine schemas go with the first calls of every request (6k tokens per request in all):
    descriptions say each thing once, arguments are documented only where the name does not say it."""
    from agent.monitor import tool_schema_chars

    ctx = ToolContext(BackendRef(url="http://127.0.0.1:9/openeo/1.2"), RunFolder(tmp_path))
    assert tool_schema_chars(build_tools(ctx)) / 4 < 1100  # 961 now, 1617 before they were tightened


def test_model_errors_are_text_user_errors_raise(tmp_path):
    ctx = ToolContext(BackendRef(url="http://127.0.0.1:9/openeo/1.2"), RunFolder(tmp_path))
    tools = {t.name: t for t in build_tools(ctx)}
    assert tools["find_place"].invoke({"name": "Qwzxyville"}).startswith("[PlaceNotFound]")
    with pytest.raises(ToolError) as e:
        tools["search_collections"].invoke({"query": "radar"})
    assert e.value.code == "BackendUnreachable" and e.value.who == "user"


def test_tools_on_backend(ctx):
    tools = {t.name: t for t in build_tools(ctx)}
    assert tools["search_collections"].invoke({"query": "elevation"}).startswith("COPERNICUS_30")
    assert "Python client" in tools["describe_process"].invoke({"process_id": "ndvi"})
    assert tools["find_place"].invoke({"name": "Leuven"}).startswith("Leuven, Belgium (city")
    assert tools["execute"].invoke({}).startswith("FAILED")
