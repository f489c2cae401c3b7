"""The graphs a script sends and the files they become: one `GraphPlan` per distinct graph.

A script may download one result (`cube.download("ndvi_leuven.tif")`), several (a loop of
`execute_batch(f"tile_{i}.tif")` over tiles), or none by name (`cube.execute()`). Each distinct
captured graph is kept, in order, with the file name the script gave it (its base name, made
safe for the run folder) and its format (save_result's, else the name's extension); execute()
runs each and writes each result under that name, so no result overwrites another.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from tools.models import CapturedGraph, GraphPlan

__all__ = ["plans_of", "FORMAT_EXTENSIONS", "media_type_of"]

FORMAT_EXTENSIONS = {
    "gtiff": "tif",
    "geotiff": "tif",
    "cog": "tif",
    "netcdf": "nc",
    "json": "json",
    "csv": "csv",
    "png": "png",
    "parquet": "parquet",
    "geojson": "geojson",
}
EXTENSION_FORMATS = {
    "tif": "GTiff",
    "tiff": "GTiff",
    "nc": "netCDF",
    "json": "JSON",
    "csv": "CSV",
    "png": "PNG",
    "geojson": "JSON",
}
MEDIA_TYPES = {
    "tif": "image/tiff",
    "nc": "application/x-netcdf",
    "json": "application/json",
    "csv": "text/csv",
    "png": "image/png",
}
# Files the run folder keeps for itself: a result never takes their name.
RESERVED = {
    "code.py",
    "process_graph.json",
    "validation.json",
    "sandbox.json",
    "stats.json",
    "run.json",
    "map.html",
    "request.txt",
    "decision.json",
    "result_description.json",
    "chart.png",
    "zonal_statistics.csv",
    "events.jsonl",
}
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def media_type_of(name: str) -> str:
    return MEDIA_TYPES.get(PurePath(name).suffix.lower().lstrip("."), "application/octet-stream")


def _format_of(graph: dict) -> str | None:
    for node in graph.values():
        if isinstance(node, dict) and node.get("process_id") == "save_result" and node.get("result"):
            fmt = (node.get("arguments") or {}).get("format")
            return str(fmt) if fmt else None
    return None


def _name(captured: CapturedGraph, fmt: str | None) -> str:
    ext = FORMAT_EXTENSIONS.get((fmt or "").casefold())
    given = PurePath(str(captured.outputfile)).name if captured.outputfile else ""
    stem = _SAFE.sub("_", PurePath(given).stem).strip("._") if given else ""
    given_ext = PurePath(given).suffix.lower().lstrip(".")
    if not stem:
        stem = "result"
    if given_ext and (
        ext is None
        or EXTENSION_FORMATS.get(given_ext, "").casefold() == (fmt or "").casefold()
        or (ext == "tif" and given_ext in ("tif", "tiff"))
    ):
        return f"{stem}.{given_ext}"
    return f"{stem}.{ext or given_ext or 'tif'}"


def plans_of(captured: list[CapturedGraph]) -> list[GraphPlan]:
    """The distinct graphs in the order the script sent them, each with its own output file name."""
    plans: list[GraphPlan] = []
    taken: set[str] = set(RESERVED)
    for graph in captured:
        if any(p.process_graph == graph.process_graph for p in plans):
            continue
        fmt = _format_of(graph.process_graph) or graph.format
        if fmt is None and graph.outputfile:
            fmt = EXTENSION_FORMATS.get(PurePath(graph.outputfile).suffix.lower().lstrip("."))
        name = _name(graph, fmt)
        stem, dot, ext = name.rpartition(".")
        candidate, n = name, 2
        while candidate.lower() in taken:
            candidate = f"{stem}_{n}.{ext}" if dot else f"{name}_{n}"
            n += 1
        taken.add(candidate.lower())
        plans.append(
            GraphPlan(
                process_graph=graph.process_graph,
                output_name=candidate,
                format=fmt,
                via=graph.via,
                outputfile=graph.outputfile,
            )
        )
    return plans
