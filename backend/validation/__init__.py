"""Static validation of process graphs: fast, no data read, every error says how to fix it.

`validate(process_graph, ctx, sync=False)` returns a list of `OpenEOApiError`s (empty = valid):
structure, unknown processes, missing/unknown/ill-typed arguments (from the process specs,
callbacks included), unknown collections, band names, extents, dates, dimension names, load
windows without any acquisition (every one, naming the nearest dates: `availability`) and, for
synchronous requests, the pixel budget (`BackendSettings.validation_availability` switches the
availability check off). A graph that passes all of these is then run on a tiny synthetic sample
by `backend.sample_run` (POST /validation and /result do both, see `backend.api.sync`), which
finds what only execution shows (errors inside callbacks), naming the node.
"""

from __future__ import annotations

from typing import Any

from backend.errors import OpenEOApiError
from backend.processes.udp import expand
from backend.validation.availability import availability_errors, load_windows
from backend.validation.arguments import argument_errors, callback_parameter_names, format_errors, process_errors
from backend.validation.budget import budget_errors, estimate_pixels
from backend.validation.collections import collection_errors, filter_errors
from backend.validation.cubes import dimension_errors, infer_cubes, label_errors
from backend.validation.walk import Node, flat_graph, iter_nodes, structure_errors

__all__ = ["validate", "estimate_pixels"]


def validate(process_graph: dict, ctx: Any, sync: bool = False) -> list[OpenEOApiError]:
    """All problems of a graph, most fundamental first; `sync=True` adds the pixel budget check."""
    try:
        graph = expand(flat_graph(process_graph), ctx)
    except OpenEOApiError as exc:
        return [exc]
    errors = structure_errors(graph)
    if errors:
        return errors
    registry = ctx.processes
    cubes = infer_cubes(graph, ctx.catalog)
    top: list[Node] = []
    flawed: set[str] = set()  # top-level nodes with an error of their own
    for node in iter_nodes(graph):
        if node.parent is None:
            top.append(node)
        before = len(errors)
        unknown = process_errors(node, registry)
        if unknown:
            errors += unknown
            continue
        if node.parent is not None:
            node.callback_parameters = callback_parameter_names(registry.spec(node.parent.process_id), node.parent_argument)
        errors += argument_errors(node, registry.spec(node.process_id))
        errors += format_errors(node)
        if node.parent is not None:
            continue
        if node.process_id == "load_collection":
            errors += collection_errors(node, ctx.catalog)
        else:
            data = cubes.get(_data_ref(node.arguments.get("data")))
            errors += filter_errors(node, data)
            errors += dimension_errors(node, cubes)
            errors += label_errors(node, cubes)
        if len(errors) > before:
            flawed.add(node.node_id)
    settings = ctx.settings
    if sync and not errors:  # too large for /result comes first: a batch job is the fix, whatever else is wrong
        errors += budget_errors({"process_graph": graph}, ctx)
    if getattr(settings, "validation_availability", True):
        windows = load_windows(top, ctx, skip=flawed)
        errors += availability_errors(windows, ctx)
    return _unique(errors)


def _data_ref(value: Any) -> str | None:
    return value["from_node"] if isinstance(value, dict) and set(value) == {"from_node"} else None


def _unique(errors: list[OpenEOApiError]) -> list[OpenEOApiError]:
    seen, out = set(), []
    for error in errors:
        key = (error.code, error.message)
        if key not in seen:
            seen.add(key)
            out.append(error)
    return out
