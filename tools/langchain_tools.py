"""Thin LangChain tools over the typed tool functions.

Names and argument names are a contract (the agent core, the offline planner and the UI rely on
them): search_collections(query), describe_collection(collection_id), search_processes(query),
describe_process(process_id), find_place(name[, polygon, parts]), find_acquisitions(collection_id, west, south, east, north,
start, end), run_openeo_code(code[, explanation]), execute(), render_map().
Descriptions are prompts/tools/<name>.md.

Each tool answers with `response_format="content_and_artifact"`: the short text the model reads
(errors it can act on as `[code] message`) and, beside it, the typed outcome the text was made
from (`ToolMessage.artifact`: `CodeRunOutcome`, `ExecuteOutcome`, ... or `ToolFailure`), which the
agent core reads instead of the text. Errors for the person (the backend is down) are raised as
a ToolError with who="user", for the agent core to end the run with that sentence.
"""

from __future__ import annotations

import threading
from importlib import resources
from typing import Any, Callable

from langchain_core.tools import BaseTool, StructuredTool
from pydantic import BaseModel

from tools import acquisitions, catalog, maps, places, processes, sandbox
from tools import code as code_tool
from tools import execute as execute_tool
from tools.context import ToolContext
from tools.errors import ToolError
from tools.models import (
    DescribeCollectionInput,
    DescribeProcessInput,
    FindAcquisitionsInput,
    FindPlaceInput,
    NoInput,
    RunCodeInput,
    SearchCollectionsInput,
    SearchProcessesInput,
    ToolArtifact,
    ToolFailure,
    ToolOptions,
    ValidationIssue,
)

MAX_OUTPUT_CHARS = 1500
# find_place's outline (polygon=true) is GeoJSON the model copies into its code: cut, it is useless (its parts
# never are: they go to a file the script reads, tools/place_files.py)
MAX_OUTPUT_CHARS_BY_TOOL = {"find_place": 8000}


def tool_description(name: str) -> str:
    node = resources.files("prompts") / "tools" / f"{name}.md"
    if not node.is_file():
        raise ToolError("PromptMissing", f"prompts/tools/{name}.md is missing from the installation.", who="developer")
    return node.read_text(encoding="utf-8").strip()


def _with_artifact(
    fn: Callable[..., ToolArtifact], limit: int = MAX_OUTPUT_CHARS
) -> Callable[..., tuple[str, ToolArtifact]]:
    """The text for the model and the typed outcome beside it; a ToolError for the model becomes
    a `ToolFailure` (its text `[code] message`), one for the person or the developer propagates."""

    def run(**kwargs: Any) -> tuple[str, ToolArtifact]:
        artifact: ToolArtifact
        try:
            artifact = fn(**kwargs)
        except ToolError as e:
            if e.who != "model":
                raise
            artifact = ToolFailure(issue=ValidationIssue(code=e.code, message=e.message))
        text = artifact.to_text()
        return (text if len(text) <= limit else text[: limit - 1] + "…"), artifact

    run.__name__ = fn.__name__
    return run


def build_tools(ctx: ToolContext, options: ToolOptions | None = None) -> list[BaseTool]:
    options = options or ctx.options or ToolOptions()
    threading.Thread(target=places.gazetteer, name="gazetteer-warmup", daemon=True).start()
    sandbox.prestart()  # the warm jailed worker, ready before the first run_openeo_code

    def search_collections(query: str) -> ToolArtifact:
        return catalog.search_collections(query, ctx)

    def describe_collection(collection_id: str) -> ToolArtifact:
        return catalog.describe_collection(collection_id, ctx)

    def search_processes(query: str) -> ToolArtifact:
        return processes.search_processes(query, ctx)

    def describe_process(process_id: str) -> ToolArtifact:
        return processes.describe_process(process_id, ctx)

    def find_place(name: str, polygon: bool = False, parts: bool = False) -> ToolArtifact:
        return places.find_place(
            name,
            online=options.online_geocoder,
            nominatim_url=options.nominatim_url,
            polygon=polygon,
            parts=parts,
            folder=ctx.run.path,
        )

    def find_acquisitions(
        collection_id: str, west: float, south: float, east: float, north: float, start: str, end: str
    ) -> ToolArtifact:
        return acquisitions.find_acquisitions_tool(collection_id, (west, south, east, north), start, end, ctx, options)

    def run_openeo_code(code: str, explanation: list[str] | None = None) -> ToolArtifact:
        return code_tool.run_openeo_code(code, ctx, explanation=explanation)

    def execute() -> ToolArtifact:
        return execute_tool.execute(ctx)

    def render_map() -> ToolArtifact:
        return maps.render_map(ctx, options)

    specs: list[tuple[str, Callable[..., ToolArtifact], type[BaseModel]]] = [
        ("search_collections", search_collections, SearchCollectionsInput),
        ("describe_collection", describe_collection, DescribeCollectionInput),
        ("search_processes", search_processes, SearchProcessesInput),
        ("describe_process", describe_process, DescribeProcessInput),
        ("find_place", find_place, FindPlaceInput),
        ("find_acquisitions", find_acquisitions, FindAcquisitionsInput),
        ("run_openeo_code", run_openeo_code, RunCodeInput),
        ("execute", execute, NoInput),
        ("render_map", render_map, NoInput),
    ]
    return [
        StructuredTool.from_function(
            func=_with_artifact(fn, MAX_OUTPUT_CHARS_BY_TOOL.get(name, MAX_OUTPUT_CHARS)),
            name=name,
            description=tool_description(name),
            args_schema=schema,
            response_format="content_and_artifact",
        )
        for name, fn, schema in specs
    ]
