"""Scripted stand-ins for tests: a chat model that replays a script and records what it was sent,
and stub tools with the contract's names that behave like the real ones without a backend (their
text and artifacts come from the real outcome models, so they cannot drift from the real tools)."""

from __future__ import annotations

import itertools
import json
from typing import Any

from langchain_core.language_models.fake_chat_models import FakeMessagesListChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.tools import StructuredTool
from pydantic import Field

from agent.events import CodeDrafted, ResultReady, ResultStats, ValidationIssue, ValidationResult
from tools.context import ToolContext
from tools.models import (
    CodeRunOutcome,
    CollectionHit,
    CollectionHits,
    CollectionSummary,
    ExecuteOutcome,
    FindPlaceInput,
    GraphSummary,
    MapOutcome,
    NoInput,
    Place,
    RunCodeInput,
    SearchCollectionsInput,
    ToolFailure,
)

_ids = itertools.count(1)


class ScriptedChatModel(FakeMessagesListChatModel):
    """Replays `responses` in order (the last one repeats) and keeps every message list it received."""

    received: list[list[BaseMessage]] = Field(default_factory=list)
    repeat_last: bool = True

    def bind_tools(self, tools: Any, **kwargs: Any) -> "ScriptedChatModel":
        return self

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):  # noqa: ANN001
        self.received.append(list(messages))
        result = super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)
        if self.repeat_last and self.i == 0:  # FakeMessagesListChatModel wraps around; stay on the last
            self.i = len(self.responses) - 1
        # a real model answers with a new message each time: fresh message and tool-call ids
        gen = result.generations[0]
        msg = gen.message
        calls = [{**c, "id": f"call_{next(_ids)}"} for c in getattr(msg, "tool_calls", [])]
        gen.message = msg.model_copy(update={"id": None, "tool_calls": calls}) if calls else msg.model_copy(update={"id": None})
        return result

    def all_text_received(self) -> str:
        return "\n".join(str(m.content) for msgs in self.received for m in msgs)


def call(tool_name: str, **args: Any) -> AIMessage:
    """An AI message that calls one tool."""
    return AIMessage(content="", tool_calls=[{"name": tool_name, "args": args, "id": f"call_{next(_ids)}", "type": "tool_call"}])


def answer(text: str) -> AIMessage:
    return AIMessage(content=text)


GOOD_CODE = '''import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()
cube = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={"west": 35.8, "south": 33.75, "east": 36.05, "north": 33.92},
    temporal_extent=["2019-05-01", "2019-06-01"],
    bands=["B04", "B08", "SCL"],
)
scl = cube.band("SCL")
clouds = (scl == 3) | (scl == 8) | (scl == 9) | (scl == 10)
ndvi = cube.ndvi(red="B04", nir="B08").mask(clouds)
ndvi.reduce_dimension(dimension="t", reducer="median").download("ndvi_bekaa_may2019.tif")
'''
BAD_BAND_CODE = GOOD_CODE.replace('"B08", "SCL"', '"B8", "SCL"').replace('nir="B08"', 'nir="B8"')
REFUSED_CODE = "import os\nprint(os.environ)\n"


def stub_tools(ctx: ToolContext, *, backend_down: bool = False) -> list[StructuredTool]:
    """Tools with the contract's names that answer like the real ones, text and typed artifact
    made by the real outcome models, with no backend."""

    def find_place(name: str, polygon: bool = False, parts: bool = False):
        if "atlantis" in name.lower():
            return ToolFailure(issue=ValidationIssue(code="PlaceNotFound", message=f"No place called '{name}'. Check the spelling or add the country."))
        return Place(name=name, lon=35.9, lat=33.85, bbox=(35.80, 33.75, 36.05, 33.92))

    def run_openeo_code(code: str, explanation: list[str] | None = None):
        a = ctx.artifacts
        a.code, a.validated = code, False
        a.code_path = str(ctx.run.write_text("code.py", code))
        ctx.emit(CodeDrafted(code=code, path=a.code_path, explanation=explanation or []))
        if "import os" in code:
            issue = ValidationIssue(code="SandboxRefused:import", message="line 1: importing 'os' is not allowed; only 'openeo' may be imported.")
            return CodeRunOutcome(status="REFUSED", issues=[issue])
        if backend_down:
            import requests

            raise requests.exceptions.ConnectionError("Connection refused")
        a.process_graph = {"load1": {"process_id": "load_collection", "arguments": {"id": "SENTINEL2_L2A"}, "result": True}}
        a.process_graph_path = str(ctx.run.write_json("process_graph.json", a.process_graph))
        summary = GraphSummary(collections=["SENTINEL2_L2A"], bands=["B04", "B08", "SCL"], processes=["load_collection"])
        if '"B8"' in code:
            err = ValidationIssue(code="BandNotAvailable", message="Band 'B8' is not in SENTINEL2_L2A; did you mean 'B08'?")
            a.validation_errors = [err]
            ctx.emit(ValidationResult(valid=False, errors=[err]))
            return CodeRunOutcome(status="INVALID", summary=summary, issues=[err])
        a.validation_errors, a.validated = [], True
        ctx.emit(ValidationResult(valid=True, process_graph_path=a.process_graph_path))
        return CodeRunOutcome(status="VALID", summary=summary)

    def execute():
        a = ctx.artifacts
        if not a.validated:
            return ExecuteOutcome(ok=False, error=ValidationIssue(code="NotValidated", message="Call run_openeo_code first."))
        path = ctx.run.write_text("result.tif", "fake raster")
        a.result_path = str(path)
        a.stats = ResultStats(kind="raster", min=-0.1, max=0.8, mean=0.42, valid_fraction=0.9, simulated=True)
        ctx.emit(ResultReady(result_path=a.result_path, stats=a.stats))
        return ExecuteOutcome(ok=True, mode="sync", result_path=a.result_path, stats=a.stats)

    def render_map():
        path = ctx.run.write_text("map.html", "<html>map</html>")
        ctx.artifacts.map_path = str(path)
        return MapOutcome(ok=True, map_path=str(path), style="ndvi")

    def search_collections(query: str):
        hit = CollectionHit(collection=CollectionSummary(id="SENTINEL2_L2A", title="Sentinel-2 Level-2A"), score=1.0)
        return CollectionHits(query=query, hits=[hit])

    def tool(fn, schema):
        def run(*args, **kwargs):
            artifact = fn(*args, **kwargs)
            return artifact.to_text(), artifact

        return StructuredTool.from_function(run, name=fn.__name__, description=fn.__name__, args_schema=schema,
                                            response_format="content_and_artifact")

    return [
        tool(find_place, FindPlaceInput), tool(run_openeo_code, RunCodeInput), tool(execute, NoInput),
        tool(render_map, NoInput), tool(search_collections, SearchCollectionsInput),
    ]


def tool_messages(model: ScriptedChatModel) -> list[str]:
    return [json.dumps(str(m.content)) for msgs in model.received for m in msgs if m.type == "tool"]
