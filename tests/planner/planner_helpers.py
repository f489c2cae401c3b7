"""Test helpers: build a process graph from drafted code offline, and drive the planner through a
conversation with scripted tool results (a tiny gazetteer, VALID validation, OK execution)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

import openeo
import openeo.rest.datacube as dc
import openeo.rest.vectorcube as vc
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from openeo.rest.datacube import DataCube

from agent.planner import OfflinePlanner
from agent.planner.codegen import Plan, build_code
from agent.planner.dates import Period
from agent.planner.i18n import normalize
from agent.planner.intents import Intent, parse_intent


class _OfflineConnection:
    def authenticate_oidc(self, *args, **kwargs):  # the drafted code logs in to CDSE, as the real client does
        return self

    def load_collection(self, collection_id, **kwargs):
        cube = DataCube.load_collection(collection_id, connection=None, fetch_metadata=False, **kwargs)
        bands = kwargs.get("bands")
        if isinstance(bands, str):
            bands = [bands]
        if bands:  # the dimensions a real connection's collection metadata gives (the sandbox has them from its snapshot)
            cube = DataCube(graph=cube._pg, connection=None, metadata=_cube_metadata(collection_id, bands))
        return cube


def _cube_metadata(collection_id: str, bands: list[str]):
    """x, y, t and the loaded bands (with the catalog's aliases): without them the client's metadata-based
    steps (resample_spatial, then band("B04")) fail offline although they run against a real backend."""
    from openeo.metadata import Band, BandDimension, CubeMetadata, SpatialDimension, TemporalDimension

    aliases = _catalog_aliases().get(collection_id, {})
    return CubeMetadata(dimensions=[
        SpatialDimension(name="x", extent=[None, None]), SpatialDimension(name="y", extent=[None, None]),
        TemporalDimension(name="t", extent=[None, None]),
        BandDimension(name="bands", bands=[Band(name=b, aliases=aliases.get(b)) for b in bands])])


_ALIASES: dict[str, dict[str, list[str]]] = {}


def _catalog_aliases() -> dict[str, dict[str, list[str]]]:
    if not _ALIASES:
        import yaml

        data = yaml.safe_load((Path(__file__).resolve().parents[2] / "backend" / "catalog" / "collections.yaml").read_text(encoding="utf-8"))
        for cid, spec in data.items():
            for b in (spec or {}).get("bands") or []:
                if isinstance(b, dict) and b.get("aliases"):
                    _ALIASES.setdefault(cid, {})[b["name"]] = list(b["aliases"])
    return _ALIASES


def intent(text: str) -> Intent:
    """The intent the planner reads from a request, normalised as the planner does."""
    return parse_intent(normalize(text))


def plan_graph(text: str, bbox: tuple[float, float, float, float], periods: list[Period], place: str):
    """(plan, code, GraphFacts) of a request planned for the given area and windows: the code the planner
    drafts and the facts of the graph the real openeo client builds from it, offline."""
    from agent.evaluation.checks import GraphFacts

    plan = Plan(intent=intent(text), bbox=bbox, periods=list(periods), place=place)
    code = build_code(plan)
    return plan, code, GraphFacts.from_graph(build_graph(code))


def build_graph(code: str, folder: Path | None = None) -> dict:
    """Run drafted code with the real openeo client, offline; return the flat graph it downloads.
    `folder` is the run folder the code runs in (it reads places/<name>-parts.geojson there)."""
    import contextlib

    captured: dict = {}

    def capture(self, *args, **kwargs):
        captured["pg"] = self.flat_graph()

    saved = (openeo.connect, dc.DataCube.download, vc.VectorCube.download)
    openeo.connect = lambda *a, **k: _OfflineConnection()
    dc.DataCube.download = capture
    vc.VectorCube.download = capture
    try:
        with contextlib.chdir(folder) if folder else contextlib.nullcontext():
            exec(compile(code, "code.py", "exec"), {"__name__": "__main__"})
    finally:
        openeo.connect, dc.DataCube.download, vc.VectorCube.download = saved
    assert "pg" in captured, "the code never downloads a result"
    return captured["pg"]


def place_result(name: str, bbox: tuple[float, float, float, float], kind: str = "city") -> str:
    w, s, e, n = bbox
    return f"{name} ({kind}): bbox=[{w}, {s}, {e}, {n}]"


def converse(request: str, today: date, gazetteer: dict[str, tuple], *,
             validate: Callable[[str], str] = lambda code: "VALID\nprocess graph is valid",
             execute: str | tuple | Callable[[int], str | tuple] = "OK\nmin 0.1, max 0.8, mean 0.4 (simulated data)",
             history: list[BaseMessage] | None = None, max_steps: int = 12) -> tuple[list[BaseMessage], dict]:
    """Run the planner to its final answer. Returns the messages and {tool name: [args]}."""
    planner = OfflinePlanner(today=today).bind_tools([])
    messages: list[BaseMessage] = list(history or []) + [HumanMessage(request)]
    calls: dict[str, list[dict]] = {}
    for _ in range(max_steps):
        ai = planner.invoke(messages)
        messages.append(ai)
        if not ai.tool_calls:
            return messages, calls
        for tc in ai.tool_calls:
            calls.setdefault(tc["name"], []).append(tc["args"])
            if tc["name"] == "find_place":
                key = tc["args"]["name"].lower()
                hit = gazetteer.get(key) or gazetteer.get(key.partition(",")[0].strip())  # "Zahlé, Lebanon"
                out = place_result(tc["args"]["name"], hit[0], hit[1]) if hit else f"[PlaceNotFound] no place named '{tc['args']['name']}'"
            elif tc["name"] == "run_openeo_code":
                out = validate(tc["args"]["code"])
            elif tc["name"] == "execute":
                n = len(calls["execute"])
                out = execute(n) if callable(execute) else execute  # the n-th execution (1, 2, ...)
            else:
                out = "map.html written"
            out, artifact = out if isinstance(out, tuple) else (out, None)  # (text, typed outcome) like the real tools
            messages.append(ToolMessage(out, tool_call_id=tc["id"], artifact=artifact))
    raise AssertionError("the planner did not finish")


def final_code(calls: dict) -> str:
    return calls["run_openeo_code"][-1]["code"]


def answer_of(messages: list[BaseMessage]) -> str:
    last = messages[-1]
    assert isinstance(last, AIMessage) and not last.tool_calls
    return str(last.content)


def fake_acquisitions(args: dict):
    """A day every five days of the window, each with a cloud cover that varies from day to day."""
    from datetime import timedelta

    from tools.acquisitions import Acquisition, Acquisitions

    start, end = date.fromisoformat(args["start"]), date.fromisoformat(args["end"])
    days = [Acquisition(day=start + timedelta(days=d), cloud_cover=float((start + timedelta(days=d)).toordinal() * 37 % 100))
            for d in range(2, (end - start).days, 5)]
    return Acquisitions(collection_id=args["collection_id"], bbox=(args["west"], args["south"], args["east"], args["north"]),
                        start=start, end=end, days=days, source="the backend", simulated=True)


def converse_with_gazetteer(request: str, today: date, max_steps: int = 12,
                            folder: Path | None = None,
                            history: list[BaseMessage] | None = None) -> tuple[list[BaseMessage], dict]:
    """Like `converse`, with the real find_place (the offline index) answering the look-ups
    (`parts` too; their full GeoJSON goes to `folder`); `history` the conversation before `request`."""
    from tools.models import ToolError
    from tools.places import find_place

    planner = OfflinePlanner(today=today).bind_tools([])
    messages: list[BaseMessage] = list(history or []) + [HumanMessage(request)]
    calls: dict[str, list[dict]] = {}
    for _ in range(max_steps):
        ai = planner.invoke(messages)
        messages.append(ai)
        if not ai.tool_calls:
            return messages, calls
        for tc in ai.tool_calls:
            calls.setdefault(tc["name"], []).append(tc["args"])
            if tc["name"] == "find_place":
                try:
                    out = find_place(tc["args"]["name"], polygon=tc["args"].get("polygon", False),
                                     parts=tc["args"].get("parts", False), folder=folder).to_text()
                except ToolError as e:
                    out = str(e)
            elif tc["name"] == "run_openeo_code":
                out = "VALID\nprocess graph is valid"
            elif tc["name"] == "execute":
                out = "OK\nmin 0.1, max 0.8, mean 0.4 (simulated data)"
            elif tc["name"] == "find_acquisitions":
                found = fake_acquisitions(tc["args"])
                out = (found.to_text(), found)
            else:
                out = "map.html written"
            out, artifact = out if isinstance(out, tuple) else (out, None)  # (text, typed outcome) like the real tools
            messages.append(ToolMessage(out, tool_call_id=tc["id"], artifact=artifact))
    raise AssertionError("the planner did not finish")
