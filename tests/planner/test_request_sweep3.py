"""The third sweep (tests/data/planner/request_sweep3.jsonl, run by `benchmarks/request_sweep.py --file 3`) stays at its
dev rate.

114 whole requests in six languages on the windows and methods of events: parts of a month, a bare month labelled as
the before window, "before and after" at the end of a sentence, monsoon composites with Landsat, the burn severity of
a fire month (the fire itself left out: "temporal_avoids"), windows before a collection's record (Landsat for optical
before 2015, a question for radar before October 2014), landslides, lava, volcanic ash and SO2, water-surface words.
They were written before reading the planner code, with real events, and split dev/held by the parity of
sha1(request) before the first run. Only the dev rows are asserted; the held rows are a held-out measure.
Dev was 15/55 (held 27/59) before this sweep's fixes and 52/55 (held 46/59) after them; the dev rows still failing are
place look-ups (a lake's box, a namesake across the ocean)."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEV_FLOOR = 50  # the final dev figure (52/55) minus two rows


def _sweep():
    spec = importlib.util.spec_from_file_location("request_sweep", ROOT / "benchmarks" / "request_sweep.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_third_sweep_keeps_its_dev_rate():
    sweep = _sweep()
    dev = [r for r in sweep.load_rows(sweep.SWEEP3) if r["split"] == "dev"]
    assert len(dev) == 55
    failures = [(r["id"], problems) for r in dev if (problems := sweep.check_row(r))]
    assert len(dev) - len(failures) >= DEV_FLOOR, failures


def test_the_third_split_is_the_fixed_rule_of_the_file():
    rows = _sweep().load_rows(_sweep().SWEEP3)
    assert len(rows) == 114 and len({r["id"] for r in rows}) == 114
    for row in rows:
        parity = int(hashlib.sha1(row["request"].encode("utf-8")).hexdigest(), 16) % 2
        assert row["split"] == ("dev" if parity == 0 else "held")
