"""Held-out sweep of the planner's date extractor (agent/planner/dates.py).

Rows: tests/data/planner/date_sweep.jsonl, written before reading the extractor. Each row gives
the request text, "today" and the expected windows [start, end_inclusive] in order of mention;
"split" (dev/held) is fixed by the parity of sha1(text).

Two scores per split: exact (the period list equals the expected one) and loose (same number of
windows, each found window covers the expected one and is at most 3 days longer at either end).

    python benchmarks/date_sweep.py              # rates only
    python benchmarks/date_sweep.py --dev        # + dev failures (tune on these only)
    python benchmarks/date_sweep.py --held       # + held failures (only for the final report)
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's agent package, not the one the venv has installed

from agent.planner.dates import find_periods  # noqa: E402
from agent.planner.i18n import normalize  # noqa: E402

SWEEP = ROOT / "tests" / "data" / "planner" / "date_sweep.jsonl"


def load(path: Path = SWEEP) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def found(row: dict) -> list[list[str]]:
    """The extractor's windows for a row (on normalised text, as the planner calls it), [start, end_inclusive]."""
    today = date.fromisoformat(row["today"])
    periods = find_periods(normalize(row["text"]), today)
    # the event day of "the 30 days before <date>" comes back as an extra kind="event" period with the same
    # phrase as its window: a reference point the planner counts from, not a window the user asked for
    windows = [p for p in periods if not (p.kind == "event" and any(q is not p and q.text == p.text for q in periods))]
    return [[p.start.isoformat(), (p.end - timedelta(days=1)).isoformat()] for p in windows]


def loose(got: list[list[str]], want: list[list[str]], slack: int = 3) -> bool:
    if len(got) != len(want):
        return False
    for (gs, ge), (ws, we) in zip(got, want, strict=True):
        gs_, ge_, ws_, we_ = (date.fromisoformat(x) for x in (gs, ge, ws, we))
        if not (gs_ <= ws_ and ge_ >= we_ and (ws_ - gs_).days <= slack and (ge_ - we_).days <= slack):
            return False
    return True


def score(rows: list[dict]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for row in rows:
        got = found(row)
        s = out.setdefault(row["split"], {"n": 0, "exact": 0, "loose": 0})
        s["n"] += 1
        s["exact"] += got == row["periods"]
        s["loose"] += loose(got, row["periods"])
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dev", action="store_true", help="print dev failures")
    ap.add_argument("--held", action="store_true", help="print held failures (final report only)")
    args = ap.parse_args()
    rows = load()
    show = {s for s, on in (("dev", args.dev), ("held", args.held)) if on}
    for row in rows:
        if row["split"] in show:
            got = found(row)
            if got != row["periods"]:
                mark = "~" if loose(got, row["periods"]) else "X"
                print(
                    f"{mark} [{row['split']}] {row['text']!r} today={row['today']}\n    want {row['periods']}\n    got  {got}"
                )
    s = score(rows)
    for k in ("exact", "loose"):
        print(f"{k}: " + ", ".join(f"{sp} {s[sp][k]}/{s[sp]['n']}" for sp in ("dev", "held") if sp in s))


if __name__ == "__main__":
    main()
