"""Helpers shared by the UI tests: reading chat messages and process graphs from API outputs."""

from __future__ import annotations

import json
from pathlib import Path


def text_of(message: dict) -> str:
    """A chat message's text, whether content is a string or Gradio 6's list of parts."""
    c = message.get("content")
    if isinstance(c, list):
        return "".join(p.get("text", "") for p in c if isinstance(p, dict))
    return str(c)


def titles(chat: list[dict]) -> list[str]:
    return [(m.get("metadata") or {}).get("title") or "" for m in chat if (m.get("metadata") or {}).get("title")]


def file_path(x) -> str:
    return str(x["path"] if isinstance(x, dict) else x)


def spatial_extent(graph: dict) -> dict | None:
    """The spatial_extent of the graph's load_collection (top level)."""
    graph = graph.get("process_graph", graph)
    for node in graph.values():
        if node.get("process_id") == "load_collection":
            return node["arguments"].get("spatial_extent")
    return None


def contains(extent: dict, lon: float, lat: float) -> bool:
    return extent["west"] <= lon <= extent["east"] and extent["south"] <= lat <= extent["north"]


def read_graph(path: str | Path) -> dict:
    return json.loads(Path(path).read_text())


def run_id_of(map_html: str) -> str:
    """The run id in a map iframe's URL (runs/<token>/<id>/map.html)."""
    return map_html.split('src="runs/', 1)[1].split("/", 2)[1]


def map_src(map_html: str) -> str:
    return map_html.split('src="', 1)[1].split('"', 1)[0]
