"""The users' sweep (tests/data/planner/request_sweep_users.jsonl, run by `benchmarks/request_sweep.py --file`) stays at
its dev rate.

210 whole requests as five kinds of users type them (a rescue worker in a hurry, a farmer about a field, a journalist,
a researcher with boxes and methods written out, a city planner), in six languages, half outside Europe, with
relative, event and season dates; ten of them lack any place and must be asked back. They were written before reading
the planner code and split dev/held by the parity of sha1(request) before the first run. Only the dev rows are
asserted; the held rows are a held-out measure (run `--held` only to report).
Dev was 77/105 (held 83/105) before this sweep's fixes and 93/105 (held 92/105) after them; most dev rows still failing
are place look-ups and product words other sessions work on."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEV_FLOOR = 91  # the final dev figure (93/105) minus two rows


def _sweep():
    spec = importlib.util.spec_from_file_location("request_sweep", ROOT / "benchmarks" / "request_sweep.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_users_sweep_keeps_its_dev_rate():
    sweep = _sweep()
    dev = [r for r in sweep.load_rows(sweep.USERS) if r["split"] == "dev"]
    assert len(dev) == 105
    failures = [(r["id"], problems) for r in dev if (problems := sweep.check_row(r))]
    assert len(dev) - len(failures) >= DEV_FLOOR, failures


def test_the_users_split_is_the_fixed_rule_of_the_file():
    rows = _sweep().load_rows(_sweep().USERS)
    assert len(rows) == 210 and len({r["id"] for r in rows}) == 210
    for row in rows:
        parity = int(hashlib.sha1(row["request"].encode("utf-8")).hexdigest(), 16) % 2
        assert row["split"] == ("dev" if parity == 0 else "held")
        assert row["asks"] is True if "asks" in row else row["expect"]
