"""The places3 sweep (tests/data/planner/places3_sweep.jsonl, benchmarks/places3_sweep.py) stays at its dev rate.

Each row is a whole request in one of six languages naming a place of a class the held-out requests missed (feature
names in their language's word order, ranges named with a town, areas named by a town's adjective, admin words with
a country adjective, districts outside Europe, features inside districts, namesakes by context). Only the dev rows
are asserted; the held rows are never tuned to. Dev was 44/72 before the fixes of this sweep and 70/72 after them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEV_FLOOR = 68  # the final dev figure (70/72) minus two rows


def _module(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_places3_sweep_keeps_its_dev_rate():
    common, world = _module("sweep_common"), _module("world_sweep")
    dev = [r for r in common.jsonl_rows(ROOT / "tests" / "data" / "planner" / "places3_sweep.jsonl") if r["split"] == "dev"]
    assert len(dev) == 72
    failures = [(r["request"], why) for r in dev if not (res := world.check(r, 1.0))[0] for why in [res[1]]]
    assert len(dev) - len(failures) >= DEV_FLOOR, failures


def test_the_split_is_the_fixed_rule_of_the_file():
    common = _module("sweep_common")
    rows = common.jsonl_rows(ROOT / "tests" / "data" / "planner" / "places3_sweep.jsonl")
    assert len(rows) == 154 and len({r["request"] for r in rows}) == 154
    assert all(r["split"] == common.split_of(r["request"]) for r in rows)
