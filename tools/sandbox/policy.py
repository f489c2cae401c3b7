"""Layer 1: the syntax-tree allow-list, checked in the parent before any code runs.

With the operating-system jail as the boundary, this layer lets through what real openEO
scripts do (pathlib for output paths, numpy and scipy for kernels, collections, itertools,
functools, re, typing, dataclasses, `from openeo.processes import *`, f-strings, print, helper
functions, classes, loops) and refuses only what no script needs and what would take the
other Python layers apart: imports outside the allow-list (and the modules holding gadgets,
with the reason), names and attributes with leading underscores (dunder chains, private client
internals; `__name__` and `__file__` excepted), builtins that run code or reach introspection
(exec, eval, open, getattr, globals, ...), `.format()` on strings that are not plain literals
or whose fields reach attributes, metaclasses, and attributes that lead to the client's HTTP
session or to frames. Each refusal names the rule and the line and says why in one sentence.
"""

from __future__ import annotations

import ast
import string

from tools.models import SandboxRefused
from tools.sandbox.jailed.guard import ALLOWED_MODULES, refusal

ALLOWED_DUNDERS = frozenset({"__name__", "__file__"})
"""Dunder names scripts read (`if __name__ == "__main__":`, `Path(__file__).parent`)."""

FORBIDDEN_BUILTINS = frozenset(
    {
        "exec", "eval", "compile", "open", "input", "breakpoint", "help", "__import__",
        "getattr", "setattr", "delattr", "hasattr", "globals", "locals", "vars", "dir",
        "memoryview", "object", "type", "super", "exit", "quit", "copyright", "credits", "license",
    }
)

FORBIDDEN_ATTRIBUTES = frozenset(
    {
        # the client's HTTP plumbing: the sandbox answers it, but code has no business there
        "session", "adapters", "mount", "request", "post", "put", "patch",
        # frames, code objects, generators: the ways to the interpreter's internals
        "f_globals", "f_locals", "f_builtins", "f_back", "f_code", "tb_frame", "tb_next",
        "gi_frame", "gi_code", "cr_frame", "cr_code", "ag_frame", "ag_code", "co_code",
        "mro", "format_map", "load_module", "exec_module", "system", "popen", "environ",
        # modules that the client's own modules import: never reached through `openeo.x.y`
        "requests", "urllib3", "urllib", "http", "os", "sys", "socket", "subprocess", "builtins",
        "shutil", "importlib", "ctypes", "pathlib", "io", "tempfile", "pickle", "inspect",
    }
)


class _Checker(ast.NodeVisitor):
    def __init__(self) -> None:
        self.refusals: list[SandboxRefused] = []

    def _refuse(self, node: ast.AST, rule: str, message: str) -> None:
        self.refusals.append(SandboxRefused(rule=rule, line=getattr(node, "lineno", None), message=message))

    # imports -------------------------------------------------------------------------------
    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._check_module(node, alias.name)
        self.generic_visit(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            self._refuse(node, "import", "Relative imports are not allowed. Import from 'openeo' instead.")
        else:
            self._check_module(node, node.module or "")
        for alias in node.names:
            if alias.name.startswith("_"):
                self._refuse(node, "underscore", f"'{alias.name}' is private. Use the public openeo API.")
        self.generic_visit(node)

    def _check_module(self, node: ast.AST, name: str) -> None:
        top = name.split(".")[0]
        if top not in ALLOWED_MODULES:
            allowed = ", ".join(sorted(ALLOWED_MODULES - {"__future__"}))
            self._refuse(
                node, "import",
                f"Importing '{name}' is not allowed in the sandbox (allowed: {allowed}). "
                "Build the process graph with the openeo client; files, processes and the network are not needed.",
            )
        elif refusal(name):
            self._refuse(node, "import", str(refusal(name)))
        elif name != "__future__" and any(part.startswith("_") for part in name.split(".")):
            self._refuse(node, "underscore", f"Module '{name}' is private. Use the public openeo API.")

    # names and attributes ------------------------------------------------------------------
    def visit_Name(self, node: ast.Name) -> None:
        if node.id in ALLOWED_DUNDERS and isinstance(node.ctx, ast.Load):
            pass  # `if __name__ == "__main__":` and `Path(__file__)` are common in scripts and harmless
        elif node.id.startswith("__"):
            self._refuse(node, "dunder", f"'{node.id}' is not allowed. Plain openeo code never needs dunder names.")
        elif node.id in FORBIDDEN_BUILTINS:
            self._refuse(
                node, "builtin",
                f"'{node.id}' is not allowed in the sandbox (no code execution, files or introspection). "
                "Remove it; a process graph needs none of these.",
            )
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        self.generic_visit(node)  # inner parts first, so a chain is reported where it starts
        if node.attr.startswith("_"):
            self._refuse(
                node, "dunder" if node.attr.startswith("__") else "underscore",
                f"Attribute '.{node.attr}' is not allowed (private or interpreter internals). Use the public openeo API.",
            )
        elif node.attr in FORBIDDEN_ATTRIBUTES:
            self._refuse(
                node, "attribute",
                f"Attribute '.{node.attr}' is not allowed in the sandbox. Use DataCube methods and "
                "cube.download(...) / cube.execute_batch(...) to run the graph.",
            )
        elif node.attr in ("format",):
            self._check_format_call(node)

    def _check_format_call(self, node: ast.Attribute) -> None:
        if not (isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
            self._refuse(node, "format-string", "'.format' is only allowed on a string literal. Use an f-string instead.")
            return
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(node.value.value) if f]
        except ValueError as e:
            self._refuse(node, "format-string", f"Malformed format string ({e}).")
            return
        for f in fields:
            if "." in f or "[" in f:
                self._refuse(
                    node, "format-string",
                    f"Format field '{{{f}}}' reaches into attributes or items. Use an f-string with plain values.",
                )

    # definitions ---------------------------------------------------------------------------
    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._check_def_name(node, node.name)
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._check_def_name(node, node.name)
        if node.keywords:
            self._refuse(node, "class", "Class keywords (metaclass=...) are not allowed. Use a plain class or a dataclass.")
        self.generic_visit(node)

    def visit_arg(self, node: ast.arg) -> None:
        self._check_def_name(node, node.arg)
        self.generic_visit(node)

    def visit_keyword(self, node: ast.keyword) -> None:
        if node.arg and node.arg.startswith("__"):
            self._refuse(node, "dunder", f"Keyword '{node.arg}' is not allowed.")
        self.generic_visit(node)

    def _check_def_name(self, node: ast.AST, name: str) -> None:
        if name.startswith("__"):
            self._refuse(node, "dunder", f"Name '{name}' is not allowed.")

    def visit_Global(self, node: ast.Global) -> None:
        self._refuse(node, "statement", "'global' is not allowed. Pass values as function arguments.")

    def visit_Nonlocal(self, node: ast.Nonlocal) -> None:
        self._refuse(node, "statement", "'nonlocal' is not allowed. Return values from functions instead.")

    def visit_AsyncWith(self, node: ast.AST) -> None:
        self._refuse(node, "statement", "async code is not needed to build a process graph.")

    visit_Await = visit_AsyncFor = visit_AsyncWith

    def visit_MatchClass(self, node: ast.AST) -> None:  # match patterns can read attributes by name
        self._refuse(node, "statement", "Class patterns in 'match' are not allowed.")


MAX_CODE_CHARS = 50_000


def check_code(code: str) -> list[SandboxRefused]:
    """Refusals for `code`, empty when it may run. A syntax error is reported as a refusal too."""
    if len(code) > MAX_CODE_CHARS:
        return [SandboxRefused(rule="size", message=f"The code is {len(code)} characters; keep it under {MAX_CODE_CHARS}.")]
    try:
        tree = ast.parse(code, filename="code.py")
        checker = _Checker()
        checker.visit(tree)
    except SyntaxError as e:
        return [SandboxRefused(rule="syntax", line=e.lineno, message=f"SyntaxError: {e.msg}. Fix the Python syntax.")]
    except (RecursionError, MemoryError):
        return [SandboxRefused(rule="complexity", message="The code is nested too deeply to check. Write plain, flat statements.")]
    return checker.refusals


def string_constants(code: str) -> set[str]:
    """All string literals of `code` (used to prefetch metadata of the collections it names)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    return {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
