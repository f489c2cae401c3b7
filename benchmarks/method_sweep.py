"""Held-out sweep of the planner's method reading: does a request's method reach the openEO graph?

Each row of tests/data/planner/method_sweep.jsonl is a whole request (six languages) with its area and
windows; the planner reads its intent, drafts the code for that area and those windows, and the real
openeo client builds the graph offline. A row passes when the graph loads one of the expected
collections with all expected bands, holds the expected processes and the code writes the expected
format. The rows were written before reading the method code; their split (dev/held, by the parity of
sha1(text)) was fixed before the first run. Tune on dev failures only:

    python benchmarks/method_sweep.py              # prints "dev a/b, held c/d" and the dev failures
    python benchmarks/method_sweep.py --held       # also lists the held failures (only at the very end)
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SWEEP = ROOT / "tests" / "data" / "planner" / "method_sweep.jsonl"
FORMATS = {"gtiff": ("gtiff", ".tif"), "netcdf": ("netcdf", ".nc"), "csv": ("csv",), "json": ("json",)}


def load_rows(path: Path = SWEEP) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _catalog_bands() -> dict[str, set[str]]:
    import yaml

    data = yaml.safe_load((ROOT / "backend" / "catalog" / "collections.yaml").read_text(encoding="utf-8"))
    out: dict[str, set[str]] = {}
    for cid, spec in data.items():
        bands = spec.get("bands") if isinstance(spec, dict) else None
        out[cid] = (
            set(bands) if isinstance(bands, dict) else {b if isinstance(b, str) else b.get("name") for b in bands or []}
        )
    return out


def check_row(row: dict, catalog: dict[str, set[str]] | None = None) -> list[str]:
    """The problems of one row ([] when it passes)."""
    sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "planner")]  # this checkout first, not the installed one
    from planner_helpers import plan_graph

    from agent.planner.dates import Period

    catalog = catalog if catalog is not None else _catalog_bands()
    periods = [
        Period(start=date.fromisoformat(s), end=date.fromisoformat(e), role=role) for s, e, role in row["periods"]
    ]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _, code, facts = plan_graph(row["text"], tuple(row["bbox"]), periods, row["place"])
    except Exception as e:  # noqa: BLE001 - a sweep reports every failure, it does not stop
        return [f"error: {type(e).__name__}: {e}"]
    exp, problems = row["expect"], []
    if exp.get("collections_any") and not facts.collections & set(exp["collections_any"]):
        problems.append(f"collections {sorted(facts.collections)} not any of {exp['collections_any']}")
    bands: set[str] = set()
    for load in facts.loads:
        bands |= set(load.bands) if load.bands else catalog.get(load.collection, set())
    if missing := set(exp.get("bands_all", [])) - bands:
        problems.append(f"bands missing {sorted(missing)} (has {sorted(bands)})")
    if missing := set(exp.get("processes_all", [])) - facts.processes:
        problems.append(f"processes missing {sorted(missing)}")
    if exp.get("processes_any_of") and not any(set(alt) <= facts.processes for alt in exp["processes_any_of"]):
        problems.append(f"processes none of {exp['processes_any_of']}")
    if fmt := exp.get("format"):
        if not any(a in code.lower() for a in FORMATS[fmt.lower()]):
            problems.append(f"format {fmt} not in code")
    if problems:
        problems.append(f"(processes: {sorted(facts.processes)})")
    return problems


def run(rows: list[dict]) -> dict[str, list[tuple[dict, list[str]]]]:
    catalog = _catalog_bands()
    out: dict[str, list[tuple[dict, list[str]]]] = {"dev": [], "held": []}
    for row in rows:
        out[row["split"]].append((row, check_row(row, catalog)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--held", action="store_true", help="also list held failures (only at the very end)")
    ap.add_argument("--group", help="only rows of this group")
    args = ap.parse_args()
    rows = [r for r in load_rows() if not args.group or r["group"] == args.group]
    res = run(rows)
    for split in ("dev", "held") if args.held else ("dev",):
        for row, problems in res[split]:
            if problems:
                print(f"[{split}] {row['group']}: {row['text']}\n    " + "\n    ".join(problems))
    rate = {s: (sum(not p for _, p in res[s]), len(res[s])) for s in res}
    print(f"dev {rate['dev'][0]}/{rate['dev'][1]}, held {rate['held'][0]}/{rate['held'][1]}")


if __name__ == "__main__":
    main()
