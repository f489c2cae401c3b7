"""The second whole-request sweep (tests/data/planner/request_sweep2.jsonl, `benchmarks/request_sweep.py --file 2`)
stays at its dev rate.

Its 129 rows (six languages) were written before reading the planner code for them: open starts written with a day
("dal 1° aprile", "vanaf 1e april", "desde el 1ro"), products named by name (PROBA-V, WorldCereal, Copernicus DEM,
WorldCover 2020/2021, Landsat 8/9, Sentinel-3 LST, Sentinel-5P gases, Sentinel-1 polarisations), products the backend
lacks (a row with "reply" passes only when the answer says so and names the nearest collection), other languages'
quantity words, band words, and the community examples' methods. Split into dev and held by the parity of
sha1(request), fixed before the first run; only dev rows are asserted (held rows are reported, never tuned to).
Dev was 43/65 and held 41/64 before the sweep's fixes; dev 64/65 and held 54/64 after them."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEV_FLOOR = 62  # the final dev figure (64/65) minus two rows


def _sweep():
    spec = importlib.util.spec_from_file_location("request_sweep", ROOT / "benchmarks" / "request_sweep.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_second_request_sweep_keeps_its_dev_rate():
    sweep = _sweep()
    dev = [r for r in sweep.load_rows(sweep.SWEEP2) if r["split"] == "dev"]
    assert len(dev) == 65
    failures = [(r["id"], problems) for r in dev if (problems := sweep.check_row(r))]
    assert len(dev) - len(failures) >= DEV_FLOOR, failures


def test_the_split_is_the_fixed_rule_of_the_file():
    sweep = _sweep()
    rows = sweep.load_rows(sweep.SWEEP2)
    assert len(rows) == 129 and len({r["id"] for r in rows}) == 129
    first = {r["request"] for r in sweep.load_rows()}
    for row in rows:
        parity = int(hashlib.sha1(row["request"].encode("utf-8")).hexdigest(), 16) % 2
        assert row["split"] == ("dev" if parity == 0 else "held")
        assert row["request"] not in first  # no request of the first sweep again
    assert {r["lang"] for r in rows} == {"en", "de", "fr", "es", "it", "nl"}
