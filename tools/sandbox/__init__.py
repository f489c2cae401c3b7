"""The sandbox for generated code: syntax-tree allow-list, the operating-system jail
(backend/jail), and restricted builtins, module proxies, an audit hook and a metadata
snapshot inside the child. See runner.py."""

from tools.sandbox.policy import check_code
from tools.sandbox.runner import prestart, run_in_sandbox, sandbox_isolation

__all__ = ["check_code", "prestart", "run_in_sandbox", "sandbox_isolation"]
