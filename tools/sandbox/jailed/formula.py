"""Spectral index formulas without `eval`: an arithmetic evaluator over band names and constants.

`openeo.extra.spectral_indices` evaluates each Awesome Spectral Indices formula with Python's
`eval` and the real builtins; `load_indices()` returns its cached dict, so code that plants a
formula there runs anything. `patch_spectral_indices()` replaces the library's callback with one
that walks the formula's syntax tree and accepts only numbers, names of bands and constants,
+ - * / ** and unary minus, and the few functions the bundled formulas use (sqrt, arctan,
arccos, clip, pi), built as openEO processes. The bundled formulas' own `exec('import numpy as
np') or ...` prefix is understood as the no-op it is; any other call is refused.
"""

from __future__ import annotations

import ast
import math
import operator
from typing import Any, Callable

_BINARY: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}
_UNARY: dict[type, Callable[[Any], Any]] = {ast.USub: operator.neg, ast.UAdd: operator.pos}
_HARMLESS_EXEC = {"import numpy as np", "from openeo.processes import clip"}
MAX_FORMULA_CHARS = 2000


class FormulaError(ValueError):
    """A formula that is not plain arithmetic over bands and constants."""


def _functions() -> dict[str, Callable[..., Any]]:
    from openeo.processes import arccos, arctan, clip, sqrt

    return {"sqrt": sqrt, "arctan": arctan, "arccos": arccos, "clip": clip}


def evaluate(formula: str, variables: dict[str, Any], functions: dict[str, Callable[..., Any]] | None = None) -> Any:
    """The value of `formula` with `variables` (band builders, constants); no Python is run."""
    if not isinstance(formula, str) or len(formula) > MAX_FORMULA_CHARS:
        raise FormulaError("A spectral index formula must be a string of at most 2000 characters.")
    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError as e:
        raise FormulaError(f"The formula {formula!r} is not valid arithmetic ({e.msg}).") from None
    funcs = _functions() if functions is None else functions
    return _Evaluator(variables, funcs, formula).visit(tree.body)


class _Evaluator:
    def __init__(self, variables: dict[str, Any], functions: dict[str, Callable[..., Any]], formula: str) -> None:
        self.variables, self.functions, self.formula = variables, functions, formula

    def refuse(self, what: str) -> FormulaError:
        return FormulaError(f"The spectral index formula {self.formula[:80]!r} uses {what}; only numbers, "
                            "band names, constants, + - * / ** and sqrt/arctan/arccos/clip are allowed.")

    def visit(self, node: ast.AST) -> Any:
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            return node.value
        if isinstance(node, ast.Name):
            if node.id in self.variables:
                return self.variables[node.id]
            raise FormulaError(f"The formula {self.formula[:80]!r} uses '{node.id}', which is neither a band of the "
                               f"cube nor a constant (known: {', '.join(sorted(self.variables)) or 'none'}).")
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            return _BINARY[type(node.op)](self.visit(node.left), self.visit(node.right))
        if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
            return _UNARY[type(node.op)](self.visit(node.operand))
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
            *prefix, last = node.values
            for value in prefix:  # `exec('import numpy as np') or <formula>`
                if not self._harmless_exec(value):
                    raise self.refuse("'or'")
            return self.visit(last)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "np" and node.attr == "pi":
            return math.pi
        if isinstance(node, ast.Call) and not node.keywords:
            name = self._function_name(node.func)
            if name in self.functions:
                return self.functions[name](*[self.visit(a) for a in node.args])
            raise self.refuse(f"a call of {ast.unparse(node.func)[:40]}")
        raise self.refuse(type(node).__name__)

    @staticmethod
    def _function_name(func: ast.AST) -> str | None:
        if isinstance(func, ast.Name):
            return func.id
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "np":
            return func.attr
        return None

    @staticmethod
    def _harmless_exec(node: ast.AST) -> bool:
        return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "exec"
                and len(node.args) == 1 and not node.keywords and isinstance(node.args[0], ast.Constant)
                and node.args[0].value in _HARMLESS_EXEC)


def safe_callback(x, index_dict: dict, index_specs: dict, append: bool, band_names: list, band_to_var: dict):
    """The library's `_callback` with the formula evaluator instead of `eval`."""
    from openeo.extra.spectral_indices.spectral_indices import load_constants
    from openeo.processes import array_create, array_modify

    variables = {**load_constants(), **{band_to_var[b]: x.array_element(i) for i, b in enumerate(band_names) if b in band_to_var}}
    values = []
    for index, params in index_dict["indices"].items():
        value = evaluate(index_specs[index]["formula"], variables)
        if params["input_range"] is not None:
            value = value.linear_scale_range(*params["input_range"], *params["output_range"])
        values.append(value)
    result = x
    if index_dict["collection"]["input_range"] is not None:
        result = result.linear_scale_range(*index_dict["collection"]["input_range"], *index_dict["collection"]["output_range"])
    if append:
        return array_modify(data=result, values=values, index=len(band_names))
    return array_create(data=values)


def patch_spectral_indices() -> None:
    """Route `compute_indices` & co. through `safe_callback` (they look `_callback` up at call time)."""
    import openeo.extra.spectral_indices.spectral_indices as si

    si._callback = safe_callback
