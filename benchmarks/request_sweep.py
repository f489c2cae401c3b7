"""Held-out sweep of WHOLE requests through the offline planner: does the composed answer hold up?

Each row of tests/data/planner/request_sweep.jsonl is an evaluation case (id, request, today, expect) in
one of six languages, mixing place, dates, sensor, method and output as users do. The planner reads the
request (with the real offline find_place answering its look-ups), drafts the code, the real openeo
client builds the graph offline, and agent/evaluation/checks.check_graph judges it. A row passes when
every check passes; an answer without code (a question) fails. The rows were written before reading the
planner code; their split (dev/held, by the parity of sha1(request)) was fixed before the first run.
Tune on dev failures only:

    python benchmarks/request_sweep.py              # prints "dev a/b, held c/d" and the dev failures
    python benchmarks/request_sweep.py --held       # also lists the held failures (only at the very end)
    python benchmarks/request_sweep.py --id rs-en-  # only rows whose id starts with this
    python benchmarks/request_sweep.py --file 2     # only the second sweep (request_sweep2.jsonl)
    python benchmarks/request_sweep.py --file 3     # only the third sweep (request_sweep3.jsonl)
    python benchmarks/request_sweep.py --file users # only the users' sweep (request_sweep_users.jsonl)
    python benchmarks/request_sweep.py --file community  # requests rebuilt from real openEO community material

The community sweep (request_sweep_community.jsonl) holds requests written from real openEO community
material (openeo-community-examples notebooks, the CDSE notebook samples and documentation, the Python
client docs, GitHub issues): each row keeps its example's area, dates, bands, method and output, names it
in "source", and is phrased as its author would have typed it to an assistant, in six languages.

The second file (request_sweep2.jsonl: from-dates, named products, other languages' quantity words, the
community examples' methods) follows the same split rule. Its rows may carry a "reply" ({"all": [...],
"any": [...]}, case-insensitive substrings of the planner's messages): a request naming a product the
embedded backend does not have passes only when the answer says so and offers the nearest existing one;
code is then optional, but code that is drafted must meet "expect".

The third file (request_sweep3.jsonl: parts of a month, a bare month as the before window, "before and after"
at the end, monsoon composites, burn severity of a fire month, windows before a collection starts, landslides,
lava, volcanic ash and SO2, water-surface words; six languages) follows the same split rule. Its fire rows
carry "temporal_avoids": the fire month itself, which neither the before nor the after window may overlap.

A row with "asks": true (and no expectations) is a request missing essential information (no place at all): it passes
when the planner asks back instead of drafting code.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import warnings
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SWEEP = ROOT / "tests" / "data" / "planner" / "request_sweep.jsonl"
SWEEP2 = ROOT / "tests" / "data" / "planner" / "request_sweep2.jsonl"
SWEEP3 = ROOT / "tests" / "data" / "planner" / "request_sweep3.jsonl"  # windows and methods of events
USERS = (
    ROOT / "tests" / "data" / "planner" / "request_sweep_users.jsonl"
)  # whole requests as five kinds of users type them
COMMUNITY = (
    ROOT / "tests" / "data" / "planner" / "request_sweep_community.jsonl"
)  # requests rebuilt from real openEO examples


def load_rows(path: Path = SWEEP) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def check_row(row: dict) -> list[str]:
    """The problems of one row ([] when it passes)."""
    sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "planner")]  # this checkout first, not the installed one
    from planner_helpers import build_graph, converse_with_gazetteer

    from agent.evaluation.cases import Expect
    from agent.evaluation.checks import check_graph

    try:
        with warnings.catch_warnings(), tempfile.TemporaryDirectory() as folder:
            warnings.simplefilter("ignore")
            messages, calls = converse_with_gazetteer(
                row["request"], date.fromisoformat(row["today"]), folder=Path(folder)
            )
            if row.get("asks"):
                if calls.get("run_openeo_code"):
                    return [
                        f"drafted code instead of asking back (find_place {[c.get('name') for c in calls.get('find_place', [])]})"
                    ]
                return [] if str(messages[-1].content).strip() else ["no question asked"]
            said = reply_problems(row, messages)
            if not calls.get("run_openeo_code"):
                return said if "reply" in row else [f"no code: {str(messages[-1].content)[:300]!r}"]
            code = calls["run_openeo_code"][-1]["code"]
            pg = build_graph(code, folder=Path(folder))
    except Exception as e:  # noqa: BLE001 - a sweep reports every failure, it does not stop
        return [f"error: {type(e).__name__}: {e}"]
    failed = said + [
        f"{c.name}: {c.detail}" for c in check_graph(pg, Expect.model_validate(row["expect"])) if not c.passed
    ]
    if failed:
        places = [c.get("name") for c in calls.get("find_place", [])]
        failed.append(f"(find_place {places})")
    return failed


def reply_problems(row: dict, messages: list) -> list[str]:
    """The row's "reply" expectations the planner's messages miss ([] when none or all are met)."""
    want = row.get("reply")
    if not want:
        return []
    from langchain_core.messages import AIMessage

    text = "\n".join(str(m.content) for m in messages if isinstance(m, AIMessage)).lower()
    missing = [w for w in want.get("all", []) if w.lower() not in text]
    if want.get("any") and not any(w.lower() in text for w in want["any"]):
        missing.append(f"one of {want['any']}")
    return [f"reply: missing {missing} in {text[-300:]!r}"] if missing else []


def run(rows: list[dict]) -> dict[str, list[tuple[dict, list[str]]]]:
    out: dict[str, list[tuple[dict, list[str]]]] = {"dev": [], "held": []}
    for row in rows:
        out[row["split"]].append((row, check_row(row)))
    return out


def rates(res: dict[str, list[tuple[dict, list[str]]]]) -> dict[str, tuple[int, int]]:
    return {s: (sum(not p for _, p in res[s]), len(res[s])) for s in res}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--held", action="store_true", help="also list held failures (only at the very end)")
    ap.add_argument("--id", default="", help="only rows whose id starts with this")
    ap.add_argument(
        "--file", choices=("1", "2", "3", "users", "community", "both", "all"), default="both", help="which sweep file"
    )
    args = ap.parse_args()
    files = {
        "1": [SWEEP],
        "2": [SWEEP2],
        "3": [SWEEP3],
        "users": [USERS],
        "community": [COMMUNITY],
        "both": [SWEEP, SWEEP2],
        "all": [SWEEP, SWEEP2, SWEEP3, USERS, COMMUNITY],
    }[args.file]
    for path in files:
        rows = [r for r in load_rows(path) if r["id"].startswith(args.id)]
        res = run(rows)
        for split in ("dev", "held") if args.held else ("dev",):
            for row, problems in res[split]:
                if problems:
                    print(f"[{split}] {row['id']}: {row['request']}\n    " + "\n    ".join(problems))
        rate = rates(res)
        print(f"{path.name}: dev {rate['dev'][0]}/{rate['dev'][1]}, held {rate['held'][0]}/{rate['held'][1]}")


if __name__ == "__main__":
    main()
