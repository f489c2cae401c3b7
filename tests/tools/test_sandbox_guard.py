"""The child's layers as units: the audit hook trusts no mutable global, the formula evaluator
runs no Python, module proxies hide the gadgets, and the syntax tree lets ordinary code through."""

from __future__ import annotations

import dis
from pathlib import Path

import pytest

from backend.jail.inside import audit
from tools.sandbox.jailed import formula, guard
from tools.sandbox.policy import check_code

pytestmark = pytest.mark.security


def _global_lookups(fn) -> set[str]:
    return {i.argval for i in dis.get_instructions(fn) if i.opname in ("LOAD_GLOBAL", "LOAD_NAME", "STORE_GLOBAL")}


def test_audit_hook_looks_up_no_global_or_builtin_name(tmp_path):
    hook = audit.make_hook(("/usr/lib/",), str(tmp_path))
    for fn in (hook, *hook.parts):
        assert _global_lookups(fn) == set(), fn.__name__


def test_audit_hook_ignores_rebound_tables_and_helpers(tmp_path, monkeypatch):
    hook = audit.make_hook(("/usr/lib/",), str(tmp_path))
    monkeypatch.setattr(audit, "BLOCKED_EVENT_PREFIXES", ())
    monkeypatch.setattr(audit, "BLOCKED_IMPORTS", frozenset())
    monkeypatch.setattr(audit, "GuardViolation", KeyError)
    monkeypatch.setattr("os.path.realpath", lambda p, **k: "/usr/lib/harmless")
    with pytest.raises(PermissionError):
        hook("os.system", (b"id",))
    with pytest.raises(PermissionError):
        hook("import", ("ctypes", None, None, None, None))
    with pytest.raises(PermissionError):
        hook("open", ("/etc/shadow", "r", 0))


def test_audit_hook_allows_the_scratch_and_the_interpreter(tmp_path):
    hook = audit.make_hook(("/usr/lib/",), str(tmp_path))
    hook("open", (str(tmp_path / "a.json"), "w", 0))
    hook("os.mkdir", (str(tmp_path / "out"), 0o777, -1))
    hook("open", ("/usr/lib/os-release", "r", 0))
    with pytest.raises(PermissionError):
        hook("open", ("/usr/lib/x", "w", 0))
    link = tmp_path / "link"
    link.symlink_to("/etc/passwd")
    with pytest.raises(PermissionError):  # a symlink in the scratch folder leads nowhere else
        hook("open", (str(link), "r", 0))
    with pytest.raises(PermissionError):
        hook("open", (str(tmp_path / ".." / ".." / "etc" / "passwd"), "r", 0))


@pytest.mark.parametrize("text", [
    "__import__('os')", "N.__class__", "open('x')", "exec('import os') or 1", "(lambda: 1)()", "[N for N in R]",
    "N if R else 0", "'a' * 3", "sqrt(x=N)", "np.load('x')", "unknown_band + 1",
])
def test_formula_evaluator_refuses_anything_but_arithmetic(text):
    with pytest.raises(formula.FormulaError):
        formula.evaluate(text, {"N": 0.5, "R": 0.2}, {"sqrt": lambda v: v ** 0.5})


def test_formula_evaluator_computes_arithmetic():
    f = {"sqrt": lambda v: v ** 0.5, "clip": lambda v, a, b: min(max(v, a), b)}
    assert formula.evaluate("(N - R) / (N + R)", {"N": 0.5, "R": 0.25}, f) == pytest.approx(1 / 3)
    assert formula.evaluate("-2.0 * N ** 2 + sqrt(R)", {"N": 1.0, "R": 4.0}, f) == 0.0
    assert formula.evaluate("exec('import numpy as np') or np.sqrt(N) * np.pi", {"N": 4.0}, f) == pytest.approx(6.2831853)


def test_module_proxies_hide_gadgets_and_are_read_only():
    np = guard.safe_import("numpy")
    with pytest.raises(AttributeError, match="unpickle"):
        np.load
    with pytest.raises(AttributeError, match="read-only"):
        np.pi = 3
    assert np.linalg.norm([3, 4]) == 5.0  # submodules of allowed packages stay usable
    typing = guard.safe_import("typing")
    with pytest.raises(AttributeError, match="annotation"):
        typing.get_type_hints
    processes = guard.safe_import("openeo.processes", fromlist=("*",))
    assert "ndvi" in processes.__all__ and not any(n.startswith("_") for n in processes.__all__)
    with pytest.raises(ImportError, match="not available in the sandbox"):
        guard.safe_import("openeo.udf", fromlist=("XarrayDataCube",))
    with pytest.raises(ImportError, match="not available in the sandbox"):
        guard.safe_import("numpy", fromlist=("load",))
    with pytest.raises(ImportError, match="not allowed"):
        guard.safe_import("os")


def test_syntax_tree_lets_ordinary_scripts_through():
    code = (Path(__file__).parent / "data_ordinary_script.py").read_text()
    assert check_code(code) == []


@pytest.mark.parametrize("code,reason", [
    ("import openeo.udf.run_code", "unrestricted builtins"),
    ("from openeo.local import LocalConnection", "executes process graphs on local files"),
    ("import os", "files, processes and the network are not needed"),
])
def test_refusals_say_why_in_one_sentence(code, reason):
    (refusal,) = check_code(code)
    assert reason in refusal.message and refusal.line == 1
