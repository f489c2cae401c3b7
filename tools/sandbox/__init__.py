"""The sandbox for generated code: syntax-tree allow-list, a separate limited process with no
network and a scrubbed environment, and OS isolation where available. See runner.py."""

from tools.sandbox.policy import check_code
from tools.sandbox.runner import run_in_sandbox

__all__ = ["check_code", "run_in_sandbox"]
