"""Callbacks (child process graphs) as objects that can be invoked any number of times.

openeo-pg-parser-networkx compiles callbacks into the parent graph and shares one results cache
across the whole graph: a callback invoked a second time (once per interval in
aggregate_temporal, once per chunk in apply_neighborhood, per neighbourhood in a dask block)
returns the first invocation's results for every node below its root, and two threads invoking
it at once race on the same node state. So `ProcessRegistry.parse` replaces every
`{"process_graph": ...}` argument by an opaque marker, and the implementation receives a
`Callback`: each call parses the child graph anew (a few milliseconds) with its own cache, and
sees the parent's parameters (a user-defined process's, an outer callback's) beside its own.

A `Callback` is called the way the library calls its compiled callbacks
(`cb(x, positional_parameters={"x": 0}, named_parameters={...}, axis=..., keepdims=...)`), so
library implementations (reduce_dimension, apply) work with it unchanged. `cb.udf` tells whether
the callback is a single `run_udf` node (chunk-wise UDF execution, see `udf.py`).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any, Callable

__all__ = ["CALLBACK_MARK", "Callback", "UdfCall", "mark_callbacks", "is_marker", "NOT_WRAPPED"]

CALLBACK_MARK = "__openeo_agent_callback__"
# (process id, argument) pairs whose callback the library compiles itself (curve fitting)
NOT_WRAPPED = {("fit_curve", "function"), ("predict_curve", "function")}


@dataclass(frozen=True)
class UdfCall:
    """The arguments of a callback that consists of one `run_udf` node on the callback's data."""

    udf: str
    runtime: str
    version: str | None
    context: Any


def is_marker(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {CALLBACK_MARK}


def mark_callbacks(process_id: str | None, arguments: dict) -> dict:
    """The arguments with each callback (at any depth) replaced by an opaque marker."""

    def mark(value: Any) -> Any:
        if isinstance(value, dict):
            if isinstance(value.get("process_graph"), dict):
                return {CALLBACK_MARK: json.dumps(value["process_graph"])}
            if set(value) in ({"from_node"}, {"from_parameter"}):
                return value
            return {k: mark(v) for k, v in value.items()}
        if isinstance(value, list):
            return [mark(v) for v in value]
        return value

    return {name: value if (process_id, name) in NOT_WRAPPED else mark(value) for name, value in arguments.items()}


@functools.lru_cache(maxsize=512)
def _graph(text: str) -> dict:
    return json.loads(text)


class Callback:
    """One child process graph, bound to the registry and to its parent's parameters."""

    def __init__(self, text: str, registry: Any, outer: dict | None = None) -> None:
        self._text = text
        self._registry = registry
        self.outer = dict(outer or {})

    @property
    def graph(self) -> dict:
        return _graph(self._text)

    @property
    def udf(self) -> UdfCall | None:
        """The UDF when the callback is exactly one run_udf node on the callback's data."""
        nodes = list(self.graph.values())
        if len(nodes) != 1 or nodes[0].get("process_id") != "run_udf":
            return None
        args = nodes[0].get("arguments") or {}
        data = args.get("data")
        if not (isinstance(data, dict) and "from_parameter" in data):
            return None
        context = args.get("context", {})
        if isinstance(context, dict) and set(context) == {"from_parameter"}:
            context = self.outer.get(context["from_parameter"], {})
        return UdfCall(udf=str(args.get("udf", "")), runtime=str(args.get("runtime", "Python")),
                       version=args.get("version"), context=context)

    def __call__(self, *args: Any, named_parameters: dict | None = None, **kwargs: Any) -> Any:
        parsed = self._registry.parse(self.graph)
        invoke: Callable = parsed.to_callable(process_registry=self._registry.pg_registry, results_cache={})
        named = {**self.outer, **(named_parameters or {})}
        return invoke(*args, named_parameters=named, **kwargs)

    def call(self, **parameters: Any) -> Any:
        """Invoke with named callback parameters only (data=..., context=...)."""
        return self(named_parameters=parameters)

    def __repr__(self) -> str:
        ids = [n.get("process_id") for n in self.graph.values()]
        return f"Callback({', '.join(map(str, ids))})"
