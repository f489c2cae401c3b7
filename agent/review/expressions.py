"""A callback's process graph as one readable formula: `(B08 − B04) / (B08 + B04)`, `SCL = 3 or SCL = 8`.

Used by the step explanation and the graph diagram, so both show a reducer the way a person
would write it. Band labels come from the cube the callback runs over (`array_element` by
index or label); anything not understood is shown by its process id, never dropped.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

MAX_CHARS = 160

BINARY = {"add": "+", "subtract": "−", "multiply": "×", "divide": "/", "power": "^", "mod": "mod",
          "gt": ">", "gte": "≥", "lt": "<", "lte": "≤", "eq": "=", "neq": "≠",
          "and": "and", "or": "or", "xor": "xor"}  # fmt: skip
FUNCTIONS = {"absolute": "abs", "sqrt": "√", "ln": "ln", "exp": "exp", "floor": "floor", "ceil": "ceil",
             "round": "round", "int": "int", "sgn": "sign", "is_nan": "is_nan", "is_nodata": "is_nodata",
             "is_valid": "is_valid", "cos": "cos", "sin": "sin", "tan": "tan", "arctan": "arctan"}  # fmt: skip
PRECEDENCE = {"or": 1, "xor": 1, "and": 2, "not": 3, "gt": 4, "gte": 4, "lt": 4, "lte": 4, "eq": 4, "neq": 4,
              "add": 5, "subtract": 5, "multiply": 6, "divide": 6, "mod": 6, "power": 7}  # fmt: skip
ASSOCIATIVE = {"or", "and", "add", "multiply"}
REDUCERS = {"mean", "median", "min", "max", "sum", "count", "sd", "variance", "first", "last", "product",
            "quantiles", "mode", "any", "all", "extrema"}  # fmt: skip


class Formula(BaseModel):
    """A callback read back: its text, the band labels it uses, and the comparisons in it."""

    text: str
    bands: list[str] = Field(default_factory=list)
    comparisons: list[tuple[str, str, float]] = Field(default_factory=list)  # (band, op, number), e.g. ("SCL", "eq", 3)
    logical_only: bool = False  # only comparisons joined by and/or/not: a mask condition
    normalized_difference: tuple[str, str] | None = None  # (a, b) when the formula is (a − b) / (a + b)
    reducer: str | None = None  # the callback is one reducer over the data (median, mean, ...)
    processes: list[str] = Field(default_factory=list)
    root: str = ""  # the process id of the callback's result node
    nodes: int = 0  # how many nodes the callback has (folded in the diagram)


def number(v: float | int) -> str:
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return f"{v:g}" if isinstance(v, float) else str(v)


class _Reader:
    def __init__(self, graph: dict, labels: list[str], param_names: dict[str, str]) -> None:
        self.graph = graph
        self.labels = labels
        self.param_names = param_names
        self.f = Formula(text="")
        self.depth = 0

    def value(self, v: Any) -> str:
        if isinstance(v, dict):
            if "from_node" in v:
                return self.node(str(v["from_node"]))
            if "from_parameter" in v:
                name = str(v["from_parameter"])
                return self.param_names.get(name, name)
            if "process_graph" in v:
                return "a callback"
            return "{…}"
        if isinstance(v, bool):
            return str(v).lower()
        if isinstance(v, (int, float)):
            return number(v)
        if isinstance(v, str):
            return f'"{v}"'
        if isinstance(v, list):
            return "[" + ", ".join(self.value(x) for x in v[:6]) + (", …" if len(v) > 6 else "") + "]"
        return "null" if v is None else str(v)

    def node(self, node_id: str) -> str:
        node = self.graph.get(node_id)
        if not isinstance(node, dict) or self.depth > 40:
            return "…"
        self.depth += 1
        try:
            return self._node(node)
        finally:
            self.depth -= 1

    def _node(self, node: dict) -> str:
        pid = str(node.get("process_id", "?"))
        args = node.get("arguments") or {}
        if pid not in self.f.processes:
            self.f.processes.append(pid)
        if pid == "array_element":
            return self._band(args)
        if pid in BINARY and "x" in args and "y" in args:
            x, y = self._operand(args["x"], pid, left=True), self._operand(args["y"], pid, left=False)
            if pid in ("gt", "gte", "lt", "lte", "eq", "neq"):
                self._comparison(args, pid)
            return f"{x} {BINARY[pid]} {y}"
        if pid == "normalized_difference":
            x, y = self._operand(args.get("x"), "subtract", True), self._operand(args.get("y"), "subtract", False)
            return f"({x} − {y}) / ({x} + {y})"
        if pid == "not":
            return f"not {self._operand(args.get('x'), 'not', False)}"
        if pid == "log":
            base = args.get("base")
            return f"log{number(base) if isinstance(base, (int, float)) else ''}({self.value(args.get('x'))})"
        if pid in FUNCTIONS:
            return f"{FUNCTIONS[pid]}({self.value(args.get('x'))})"
        if pid == "clip":
            return f"clip({self.value(args.get('x'))}, {self.value(args.get('min'))}, {self.value(args.get('max'))})"
        if pid == "linear_scale_range":
            a = ", ".join(self.value(args.get(k)) for k in ("inputMin", "inputMax", "outputMin", "outputMax"))
            return f"scale({self.value(args.get('x'))}: {a})"
        if pid == "if":
            reject = f" else {self.value(args['reject'])}" if "reject" in args else " else no data"
            return f"{self.value(args.get('accept'))} if {self.value(args.get('value'))}{reject}"
        if pid in REDUCERS:
            return f"{pid}({self.value(args.get('data'))})"
        inner = ", ".join(f"{k}={self.value(v)}" for k, v in args.items())
        return f"{pid}({inner})"

    def _operand(self, v: Any, parent: str, left: bool) -> str:
        """An operand, in parentheses only where precedence needs them."""
        text = self.value(v)
        if isinstance(v, dict) and "from_node" in v:
            child = str((self.graph.get(str(v["from_node"])) or {}).get("process_id"))
            if child in PRECEDENCE:
                mine, theirs = PRECEDENCE[child], PRECEDENCE.get(parent, 0)
                if mine < theirs or (mine == theirs and not (child == parent and parent in ASSOCIATIVE) and not left):
                    return f"({text})"
        return text

    def _band(self, args: dict) -> str:
        data = self.value(args.get("data"))
        if "label" in args and isinstance(args["label"], str):
            name = args["label"]
        elif isinstance(args.get("index"), int) and 0 <= args["index"] < len(self.labels):
            name = self.labels[args["index"]]
        elif isinstance(args.get("index"), int):
            return f"{data}[{args['index']}]"
        else:
            return f"{data}[?]"
        if name not in self.f.bands:
            self.f.bands.append(name)
        return name

    def _comparison(self, args: dict, op: str) -> None:
        x, y = args.get("x"), args.get("y")
        band = self._band_of(x)
        if band and isinstance(y, (int, float)) and not isinstance(y, bool):
            self.f.comparisons.append((band, op, float(y)))

    def _band_of(self, v: Any) -> str | None:
        if isinstance(v, dict) and "from_node" in v:
            node = self.graph.get(str(v["from_node"])) or {}
            if node.get("process_id") == "array_element":
                a = node.get("arguments") or {}
                if isinstance(a.get("label"), str):
                    return a["label"]
                if isinstance(a.get("index"), int) and 0 <= a["index"] < len(self.labels):
                    return self.labels[a["index"]]
        return None


def read_callback(
    callback: Any, labels: list[str] | None = None, params: dict[str, str] | None = None
) -> Formula | None:
    """The formula of a callback argument (`{"process_graph": {...}}`), or None when it is not one."""
    if not (isinstance(callback, dict) and isinstance(callback.get("process_graph"), dict)):
        return None
    graph = callback["process_graph"]
    result = next((k for k, n in graph.items() if isinstance(n, dict) and n.get("result")), None)
    if result is None and graph:
        result = list(graph)[-1]
    if result is None:
        return None
    reader = _Reader(graph, list(labels or []), params or {"data": "the values", "x": "x"})
    text = reader.node(result)
    f = reader.f
    f.text = text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1] + "…"
    logical = {"gt", "gte", "lt", "lte", "eq", "neq", "and", "or", "xor", "not", "array_element"}
    f.logical_only = bool(f.comparisons) and set(f.processes) <= logical
    f.normalized_difference = _normalized_difference(graph, graph[result], reader)
    node = graph[result]
    f.root, f.nodes = str(node.get("process_id", "")), len(graph)
    if node.get("process_id") in REDUCERS and len(graph) == 1:
        data = (node.get("arguments") or {}).get("data")
        if isinstance(data, dict) and "from_parameter" in data:
            f.reducer = str(node["process_id"])
    return f


def _normalized_difference(graph: dict, node: dict, reader: _Reader) -> tuple[str, str] | None:
    args = node.get("arguments") or {}
    if node.get("process_id") == "normalized_difference":
        a, b = reader._band_of(args.get("x")), reader._band_of(args.get("y"))
        return (a, b) if a and b else None
    if node.get("process_id") != "divide":
        return None
    top, bottom = (graph.get(str((args.get(k) or {}).get("from_node", ""))) or {} for k in ("x", "y"))
    if top.get("process_id") != "subtract" or bottom.get("process_id") != "add":
        return None
    ta, tb = (reader._band_of((top.get("arguments") or {}).get(k)) for k in ("x", "y"))
    ba, bb = (reader._band_of((bottom.get("arguments") or {}).get(k)) for k in ("x", "y"))
    if ta and tb and {ta, tb} == {ba, bb}:
        return ta, tb
    return None
