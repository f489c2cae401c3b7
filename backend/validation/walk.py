"""Walk a process graph (and its callbacks) as typed nodes, checking its structure."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from backend.errors import OpenEOApiError, ProcessGraphInvalid, ProcessGraphMissing

__all__ = ["Node", "flat_graph", "iter_nodes", "structure_errors", "child_graphs", "references", "find_cycle"]


@dataclass
class Node:
    node_id: str
    process_id: str
    arguments: dict
    graph: dict  # the flat graph this node belongs to
    parent: Node | None = None  # the node whose callback holds this graph (None at top level)
    parent_argument: str | None = None
    callback_parameters: set[str] = field(default_factory=set)

    @property
    def where(self) -> str:
        if self.parent is None:
            return f"node '{self.node_id}' ({self.process_id})"
        return f"node '{self.node_id}' ({self.process_id}) in the '{self.parent_argument}' callback of {self.parent.where}"


def flat_graph(process_graph: Any) -> dict:
    """The flat {node_id: node} mapping of a request body, a process or a bare graph."""
    if not isinstance(process_graph, dict) or not process_graph:
        raise ProcessGraphMissing("The request has no process graph. Send {\"process\": {\"process_graph\": {...}}} or the graph itself.")
    if "process" in process_graph and isinstance(process_graph["process"], dict):
        process_graph = process_graph["process"]
    graph = process_graph.get("process_graph", process_graph)
    if not isinstance(graph, dict) or not graph:
        raise ProcessGraphMissing("The process graph is empty. Add at least one node with \"result\": true.")
    return graph


def child_graphs(value: Any) -> Iterator[tuple[str | None, dict]]:
    """(None, graph) for each {"process_graph": {...}} inside an argument value."""
    if isinstance(value, dict):
        if isinstance(value.get("process_graph"), dict):
            yield None, value["process_graph"]
            return
        for v in value.values():
            yield from child_graphs(v)
    elif isinstance(value, list):
        for v in value:
            yield from child_graphs(v)


def references(value: Any, key: str) -> Iterator[str]:
    """Every {"from_node": ...} (key="from_node") or {"from_parameter": ...} inside a value, not entering callbacks."""
    if isinstance(value, dict):
        if key in value and len(value) == 1 and isinstance(value[key], str):
            yield value[key]
            return
        if "process_graph" in value:
            return
        for v in value.values():
            yield from references(v, key)
    elif isinstance(value, list):
        for v in value:
            yield from references(v, key)


def iter_nodes(graph: dict, parent: Node | None = None, parent_argument: str | None = None,
               callback_parameters: set[str] | None = None) -> Iterator[Node]:
    """Every well-formed node of the graph, depth first into callbacks (parents before children)."""
    for node_id, raw in graph.items():
        if not isinstance(raw, dict) or not isinstance(raw.get("process_id"), str):
            continue
        arguments = raw.get("arguments") if isinstance(raw.get("arguments"), dict) else {}
        node = Node(node_id, raw["process_id"], arguments, graph, parent, parent_argument, set(callback_parameters or ()))
        yield node
        for name, value in arguments.items():
            for _, child in child_graphs(value):
                yield from iter_nodes(child, node, name)


def find_cycle(graph: dict) -> list[str] | None:
    """Node ids of a from_node cycle (a -> b -> a), or None; iterative, so any depth is safe."""
    edges = {
        node_id: [ref for value in (raw.get("arguments") or {}).values() for ref in references(value, "from_node") if ref in graph]
        for node_id, raw in graph.items() if isinstance(raw, dict) and isinstance(raw.get("arguments", {}), dict)
    }
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for root in edges:
        if state.get(root):
            continue
        stack, path = [(root, iter(edges[root]))], [root]
        state[root] = 1
        while stack:
            node_id, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node_id] = 2
            elif state.get(child) == 1:
                return path[path.index(child):] + [child]
            elif not state.get(child):
                state[child] = 1
                stack.append((child, iter(edges.get(child, []))))
                path.append(child)
    return None


def structure_errors(graph: dict, where: str = "the process graph") -> list[OpenEOApiError]:
    """Nodes without process_id, result-node count, dangling from_node references."""
    errors: list[OpenEOApiError] = []
    results = []
    for node_id, raw in graph.items():
        if not isinstance(raw, dict) or not isinstance(raw.get("process_id"), str):
            errors.append(ProcessGraphInvalid(
                f"Node '{node_id}' of {where} is not a process node. Each node needs "
                "{\"process_id\": \"...\", \"arguments\": {...}}."
            ))
            continue
        if "arguments" in raw and not isinstance(raw["arguments"], dict):
            errors.append(ProcessGraphInvalid(f"The arguments of node '{node_id}' must be an object of name: value."))
        if raw.get("result") is True:
            results.append(node_id)
        for name, value in (raw.get("arguments") or {}).items() if isinstance(raw.get("arguments"), dict) else []:
            for ref in references(value, "from_node"):
                if ref not in graph:
                    errors.append(ProcessGraphInvalid(
                        f"Argument '{name}' of node '{node_id}' refers to node '{ref}', which is not in {where}. "
                        f"Refer to one of: {', '.join(sorted(graph))}."
                    ))
            for _, child in child_graphs(value):
                errors.extend(structure_errors(child, f"the '{name}' callback of node '{node_id}'"))
    cycle = find_cycle(graph) if not errors else None
    if cycle:
        errors.append(ProcessGraphInvalid(
            f"{where[0].upper()}{where[1:]} has a cycle: {' -> '.join(cycle)}. A node cannot depend on its own "
            "result; make the data flow in one direction from load_collection to save_result."
        ))
    if len(results) != 1 and not errors:
        what = "no node" if not results else f"{len(results)} nodes ({', '.join(results)})"
        errors.append(ProcessGraphInvalid(
            f"{where[0].upper()}{where[1:]} has {what} with \"result\": true. Mark exactly one node, "
            "the last one (usually save_result), as the result."
        ))
    return errors
