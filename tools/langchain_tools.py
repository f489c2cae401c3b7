"""Thin LangChain tools over the typed tool functions.

Names and argument names are a contract (the agent core, the offline planner and the UI rely on
them): search_collections(query), describe_collection(collection_id), search_processes(query),
describe_process(process_id), find_place(name), run_openeo_code(code), execute(), render_map().
Descriptions are prompts/tools/<name>.md. Each tool returns short text; errors the model can act
on come back as `[code] message`; errors for the user (backend down) are raised as ToolError
with who="user" for the agent core to end the run with a clear sentence.
"""

from __future__ import annotations

import threading
from importlib import resources
from typing import Callable

from langchain_core.tools import BaseTool, StructuredTool
from pydantic import BaseModel

from tools import catalog, maps, places, processes, sandbox
from tools import code as code_tool
from tools import execute as execute_tool
from tools.context import ToolContext
from tools.models import (
    DescribeCollectionInput,
    DescribeProcessInput,
    FindPlaceInput,
    NoInput,
    RunCodeInput,
    SearchCollectionsInput,
    SearchProcessesInput,
    ToolError,
    ToolOptions,
)

MAX_OUTPUT_CHARS = 1500


def tool_description(name: str) -> str:
    node = resources.files("prompts") / "tools" / f"{name}.md"
    if not node.is_file():
        raise ToolError("PromptMissing", f"prompts/tools/{name}.md is missing from the installation.", who="developer")
    return node.read_text(encoding="utf-8").strip()


def _guard(fn: Callable[..., str]) -> Callable[..., str]:
    """Model-level ToolErrors become `[code] message` text; user/developer errors propagate."""

    def run(**kwargs) -> str:
        try:
            text = fn(**kwargs)
        except ToolError as e:
            if e.who != "model":
                raise
            text = str(e)
        return text if len(text) <= MAX_OUTPUT_CHARS else text[: MAX_OUTPUT_CHARS - 1] + "…"

    run.__name__ = fn.__name__
    return run


def build_tools(ctx: ToolContext, options: ToolOptions | None = None) -> list[BaseTool]:
    options = options or ctx.options or ToolOptions()
    threading.Thread(target=places.gazetteer, name="gazetteer-warmup", daemon=True).start()
    sandbox.prestart()  # the warm jailed worker, ready before the first run_openeo_code

    def search_collections(query: str) -> str:
        return catalog.search_collections(query, ctx).to_text()

    def describe_collection(collection_id: str) -> str:
        return catalog.collection_text(catalog.describe_collection(collection_id, ctx))

    def search_processes(query: str) -> str:
        return processes.search_processes(query, ctx).to_text()

    def describe_process(process_id: str) -> str:
        return processes.process_text(processes.describe_process(process_id, ctx))

    def find_place(name: str, polygon: bool = False) -> str:
        return places.find_place(name, online=options.online_geocoder, nominatim_url=options.nominatim_url,
                                 polygon=polygon).to_text()

    def run_openeo_code(code: str) -> str:
        return code_tool.run_openeo_code(code, ctx).to_text()

    def execute() -> str:
        return execute_tool.execute(ctx).to_text()

    def render_map() -> str:
        return maps.render_map(ctx, options).to_text()

    specs: list[tuple[str, Callable[..., str], type[BaseModel]]] = [
        ("search_collections", search_collections, SearchCollectionsInput),
        ("describe_collection", describe_collection, DescribeCollectionInput),
        ("search_processes", search_processes, SearchProcessesInput),
        ("describe_process", describe_process, DescribeProcessInput),
        ("find_place", find_place, FindPlaceInput),
        ("run_openeo_code", run_openeo_code, RunCodeInput),
        ("execute", execute, NoInput),
        ("render_map", render_map, NoInput),
    ]
    return [
        StructuredTool.from_function(func=_guard(fn), name=name, description=tool_description(name), args_schema=schema)
        for name, fn, schema in specs
    ]
