"""What the sweep tests share: the runner of benchmarks/request_sweep.py, a file's dev failures and the fixed split
rule (dev/held by the parity of sha1(request), set before a sweep's first run)."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def request_sweep() -> ModuleType:
    spec = importlib.util.spec_from_file_location("request_sweep", ROOT / "benchmarks" / "request_sweep.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def split_of(request: str) -> str:
    return "dev" if int(hashlib.sha1(request.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "held"


def dev_rows_and_failures(path: Path) -> tuple[list[dict], list[tuple[str, list[str]]]]:
    """The dev rows of a sweep file and those that fail, with their problems."""
    sweep = request_sweep()
    dev = [r for r in sweep.load_rows(path) if r["split"] == "dev"]
    return dev, [(r["id"], problems) for r in dev if (problems := sweep.check_row(r))]


def assert_split(rows: list[dict], count: int) -> None:
    """`count` rows with unique ids, each in the split its request's hash gives."""
    assert len(rows) == count and len({r["id"] for r in rows}) == count
    for row in rows:
        assert row["split"] == split_of(row["request"]), row["id"]
