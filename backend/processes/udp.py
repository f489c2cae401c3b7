"""User-defined processes: the per-user store behind /process_graphs, the public catalogue, and
their expansion into the graphs that use them.

- `UserProcessStore`: one JSON document per user and process id under `<jobs_dir>/process_graphs`.
- The public catalogue: UDP documents shipped in `backend/processes/catalogue/` (a cloud-free
  composite, a flood mask, a burn-severity map), found by process id under namespace
  `openeo-agent` or by any namespace URL whose last path segment names the process
  (`https://.../algorithm_catalog/.../burn_severity.json`); other URLs are fetched only when
  `allow_network` is set (backend/net.py keeps them to public hosts).
- `expand(graph, ctx)`: every node that calls a user-defined process (namespace "user", a
  catalogue namespace or URL, or no namespace when the id is no predefined process but one of the
  user's) is replaced by the process's nodes with the arguments in place of its parameters, in
  the top-level graph and in callbacks, nested UDPs too. Validation and execution both see the
  expanded graph. The user is the request's (`CURRENT_USER`, set per request and per job).
"""

from __future__ import annotations

import copy
import json
import re
import threading
from contextvars import ContextVar
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from backend.errors import OpenEOApiError, ProcessGraphInvalid, ProcessParameterMissing, ProcessUnsupported

__all__ = ["CURRENT_USER", "UserProcessStore", "catalogue", "expand", "CATALOGUE_NAMESPACE", "is_valid_id"]

CURRENT_USER: ContextVar[str] = ContextVar("openeo_user", default="anonymous")
CATALOGUE_NAMESPACE = "openeo-agent"
_ID = re.compile(r"^\w+$")
MAX_DEPTH = 10


def is_valid_id(process_id: str) -> bool:
    return bool(_ID.match(process_id or ""))


class UserProcessStore:
    """User-defined processes per user, persisted as JSON files."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self._lock = threading.Lock()

    def _dir(self, user: str) -> Path:
        safe = re.sub(r"[^\w.-]", "_", user) or "_"
        return self.root / safe

    def list(self, user: str) -> list[dict]:
        folder = self._dir(user)
        if not folder.is_dir():
            return []
        return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]

    def get(self, user: str, process_id: str) -> dict | None:
        path = self._dir(user) / f"{process_id}.json"
        return json.loads(path.read_text(encoding="utf-8")) if is_valid_id(process_id) and path.is_file() else None

    def put(self, user: str, process_id: str, document: dict) -> bool:
        """Store (create or replace); True when it replaced an existing one."""
        with self._lock:
            folder = self._dir(user)
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{process_id}.json"
            existed = path.is_file()
            part = path.with_suffix(".part")
            part.write_text(json.dumps({**document, "id": process_id}), encoding="utf-8")
            part.replace(path)
            return existed

    def delete(self, user: str, process_id: str) -> bool:
        with self._lock:
            path = self._dir(user) / f"{process_id}.json"
            if not is_valid_id(process_id) or not path.is_file():
                return False
            path.unlink()
            return True


def catalogue() -> dict[str, dict]:
    """The public UDP documents shipped with the backend: id -> document."""
    docs = {}
    for entry in resources.files("backend.processes").joinpath("catalogue").iterdir():
        if entry.name.endswith(".json"):
            doc = json.loads(entry.read_text(encoding="utf-8"))
            docs[doc["id"]] = doc
    return docs


def _from_namespace(process_id: str, namespace: str, ctx: Any) -> dict:
    shipped = catalogue()
    if namespace == CATALOGUE_NAMESPACE:
        if process_id in shipped:
            return shipped[process_id]
        raise ProcessUnsupported(f"Process '{process_id}' is not in the '{CATALOGUE_NAMESPACE}' catalogue (it has: {', '.join(sorted(shipped))}).")
    parsed = urlparse(namespace)
    if parsed.scheme not in ("http", "https"):
        raise ProcessUnsupported(
            f"Namespace '{namespace}' of process '{process_id}' is unknown. Use 'user' for your own processes, "
            f"'{CATALOGUE_NAMESPACE}' for the catalogue ({', '.join(sorted(shipped))}) or a process URL.")
    last = parsed.path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".json")
    for candidate in (last, process_id):
        if candidate in shipped and shipped[candidate]["id"] == process_id:
            return shipped[candidate]
    from backend.net import fetch_json

    document = fetch_json(namespace, bool(getattr(ctx.settings, "allow_network", False)))
    if isinstance(document, dict) and "processes" in document:  # a namespace listing
        document = next((p for p in document["processes"] if p.get("id") == process_id), None)
    if not isinstance(document, dict) or not isinstance(document.get("process_graph"), dict):
        raise ProcessUnsupported(f"{namespace} holds no process graph for '{process_id}'.")
    return document


def _definition(node: dict, ctx: Any) -> dict | None:
    """The UDP document a node calls, or None for a predefined process."""
    process_id, namespace = node.get("process_id"), node.get("namespace")
    if namespace in (None, "backend", "predefined"):
        if ctx.processes.spec(process_id) is not None or namespace is not None:
            return None
        store = getattr(ctx, "user_processes", None)
        return store.get(CURRENT_USER.get(), process_id) if store is not None else None
    if namespace == "user":
        store = getattr(ctx, "user_processes", None)
        document = store.get(CURRENT_USER.get(), process_id) if store is not None else None
        if document is None:
            names = [p["id"] for p in store.list(CURRENT_USER.get())] if store is not None else []
            raise ProcessUnsupported(
                f"You have no user-defined process '{process_id}'"
                + (f" (yours: {', '.join(names)})." if names else ".")
                + " Store it first with connection.save_user_defined_process(...) (PUT /process_graphs/{id}).")
        return document
    return _from_namespace(process_id, namespace, ctx)


def _callback_parameters(ctx: Any, process_id: str, argument: str) -> set[str]:
    from backend.validation.arguments import callback_parameter_names

    return callback_parameter_names(ctx.processes.spec(process_id), argument)


def _substitute(value: Any, values: dict, rename: dict, shadowed: set[str], ctx: Any, inside_callback: bool) -> Any:
    if isinstance(value, dict):
        if set(value) == {"from_parameter"}:
            name = value["from_parameter"]
            if name in values and name not in shadowed:
                replacement = values[name]
                if inside_callback and _is_node_ref(replacement):
                    raise ProcessGraphInvalid(
                        f"Parameter '{name}' of a user-defined process is used inside a callback but was given a node result; "
                        "pass such values as the callback's data instead.")
                return copy.deepcopy(replacement)
            return value
        if set(value) == {"from_node"}:
            return {"from_node": rename.get(value["from_node"], value["from_node"])} if not inside_callback else value
        if isinstance(value.get("process_graph"), dict):
            return {**value, "process_graph": value["process_graph"]}  # handled by _substitute_graph
        return {k: _substitute(v, values, rename, shadowed, ctx, inside_callback) for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(v, values, rename, shadowed, ctx, inside_callback) for v in value]
    return value


def _is_node_ref(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"from_node"}


def _substitute_graph(graph: dict, values: dict, rename: dict, shadowed: set[str], ctx: Any, inside_callback: bool) -> dict:
    out = {}
    for node_id, node in graph.items():
        arguments = {}
        for name, value in (node.get("arguments") or {}).items():
            if isinstance(value, dict) and isinstance(value.get("process_graph"), dict):
                inner = shadowed | _callback_parameters(ctx, node.get("process_id"), name)
                arguments[name] = {**value, "process_graph": _substitute_graph(value["process_graph"], values, {}, inner, ctx, True)}
            else:
                arguments[name] = _substitute(value, values, rename, shadowed, ctx, inside_callback)
        out[rename.get(node_id, node_id) if not inside_callback else node_id] = {**node, "arguments": arguments}
    return out


def _inline(node_id: str, node: dict, document: dict, ctx: Any) -> dict:
    """The nodes that replace one UDP call: its graph with prefixed ids, the result node keeping
    the call's id (so references to the call still hold)."""
    graph = document["process_graph"]
    arguments = node.get("arguments") or {}
    values = {}
    for parameter in document.get("parameters") or []:
        name = parameter["name"]
        if name in arguments:
            values[name] = arguments[name]
        elif "default" in parameter or parameter.get("optional"):
            values[name] = parameter.get("default")
        else:
            raise ProcessParameterMissing(
                f"User-defined process '{document.get('id', node.get('process_id'))}' needs the argument '{name}'"
                + (f" ({parameter['description']})" if parameter.get("description") else "") + ".")
    unknown = set(arguments) - {p["name"] for p in document.get("parameters") or []}
    if unknown:
        raise OpenEOApiError(code="ProcessParameterUnsupported", status=400, message=(
            f"User-defined process '{document.get('id')}' has no parameter(s) {', '.join(sorted(unknown))}; "
            f"it takes: {', '.join(p['name'] for p in document.get('parameters') or []) or 'none'}."))
    results = [k for k, n in graph.items() if n.get("result")]
    if len(results) != 1:
        raise ProcessGraphInvalid(f"User-defined process '{document.get('id')}' must have exactly one result node.")
    rename = {k: (node_id if k == results[0] else f"{node_id}__{k}") for k in graph}
    expanded = _substitute_graph(graph, values, rename, set(), ctx, False)
    for new_id, new_node in expanded.items():
        new_node.pop("result", None)
        if new_id == node_id and node.get("result"):
            new_node["result"] = True
    return expanded


def _expand_flat(graph: dict, ctx: Any, depth: int) -> dict:
    if depth > MAX_DEPTH:
        raise ProcessGraphInvalid(f"User-defined processes are nested more than {MAX_DEPTH} levels deep (a process that calls itself?).")
    out: dict = {}
    changed = False
    for node_id, node in graph.items():
        if not isinstance(node, dict):
            out[node_id] = node
            continue
        node = {**node, "arguments": {name: _expand_value(v, ctx, depth) for name, v in (node.get("arguments") or {}).items()}}
        document = _definition(node, ctx)
        if document is None:
            out[node_id] = node
            continue
        out.update(_inline(node_id, node, document, ctx))
        changed = True
    return _expand_flat(out, ctx, depth + 1) if changed else out


def _expand_value(value: Any, ctx: Any, depth: int) -> Any:
    if isinstance(value, dict):
        if isinstance(value.get("process_graph"), dict):
            return {**value, "process_graph": _expand_flat(value["process_graph"], ctx, depth)}
        return {k: _expand_value(v, ctx, depth) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand_value(v, ctx, depth) for v in value]
    return value


def expand(process_graph: dict, ctx: Any) -> dict:
    """The flat graph with every user-defined process call replaced by its nodes."""
    flat = process_graph.get("process_graph", process_graph)
    if not isinstance(flat, dict) or not all(isinstance(n, dict) for n in flat.values()):
        return flat
    if not any(_uses_udp(n, ctx) for n in _all_nodes(flat)):
        return flat
    return _expand_flat(flat, ctx, 0)


def _all_nodes(flat: dict):
    for node in flat.values():
        if not isinstance(node, dict):
            continue
        yield node
        for value in (node.get("arguments") or {}).values():
            yield from _nested_nodes(value)


def _nested_nodes(value: Any):
    if isinstance(value, dict):
        if isinstance(value.get("process_graph"), dict):
            yield from _all_nodes(value["process_graph"])
        else:
            for v in value.values():
                yield from _nested_nodes(v)
    elif isinstance(value, list):
        for v in value:
            yield from _nested_nodes(v)


def _uses_udp(node: dict, ctx: Any) -> bool:
    namespace = node.get("namespace")
    if namespace not in (None, "backend", "predefined"):
        return True
    return ctx.processes.spec(node.get("process_id")) is None and getattr(ctx, "user_processes", None) is not None
