"""Sweep of the language the offline planner answers in (agent/planner/i18n.answer_language).

Each row of tests/data/planner/language_sweep.jsonl is a request (mostly short, dominated by place names, product and
band names, numbers and units, often typed without accents) labelled with the language it is written in (en, de, fr,
nl, es or it). A row passes when `answer_language(request)` (no earlier turn: the default is English) is that
language. The rows were written before the first run; their split (dev/held, by the parity of sha1(request)) was
fixed then too. Tune on dev failures only:

    python benchmarks/language_sweep.py           # prints "dev a/b, held c/d" and the dev failures
    python benchmarks/language_sweep.py --held    # also lists the held failures (only at the very end)
    python benchmarks/language_sweep.py --lang fr # only rows of this language
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SWEEP = ROOT / "tests" / "data" / "planner" / "language_sweep.jsonl"


def load_rows(path: Path = SWEEP) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def detected(request: str) -> str:
    sys.path.insert(0, str(ROOT))  # this checkout first, not the installed one
    from agent.planner.i18n import answer_language

    return answer_language(request)


def run(rows: list[dict]) -> dict[str, list[tuple[dict, str]]]:
    out: dict[str, list[tuple[dict, str]]] = {"dev": [], "held": []}
    for row in rows:
        out[row["split"]].append((row, detected(row["request"])))
    return out


def rates(res: dict[str, list[tuple[dict, str]]]) -> dict[str, tuple[int, int]]:
    return {s: (sum(got == row["lang"] for row, got in res[s]), len(res[s])) for s in res}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--held", action="store_true", help="also list held failures (only at the very end)")
    ap.add_argument("--lang", default="", help="only rows of this language")
    args = ap.parse_args()
    rows = [r for r in load_rows() if r["lang"].startswith(args.lang)]
    res = run(rows)
    for split in ("dev", "held") if args.held else ("dev",):
        for row, got in res[split]:
            if got != row["lang"]:
                print(f"[{split}] {row['lang']} read as {got}: {row['request']}")
    rate = rates(res)
    by_lang = {lang: sum(got == row["lang"] for row, got in res["dev"] if row["lang"] == lang) for lang in
               ("en", "de", "fr", "nl", "es", "it")}
    print("dev by language: " + ", ".join(f"{k} {v}/{sum(r['lang'] == k for r, _ in res['dev'])}"
                                           for k, v in by_lang.items()))
    print(f"dev {rate['dev'][0]}/{rate['dev'][1]}, held {rate['held'][0]}/{rate['held'][1]}")


if __name__ == "__main__":
    main()
