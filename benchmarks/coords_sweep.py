"""Run the generated coordinate-notation sweep (tests/planner/coord_sweep.py) on `find_coordinates`.

    $PY benchmarks/coords_sweep.py                 # dev rates, per-notation table
    $PY benchmarks/coords_sweep.py --held          # + held rates (before the first fix and at the end only)
    $PY benchmarks/coords_sweep.py --failures      # + dev failures (the only ones to fix from)
    $PY benchmarks/coords_sweep.py --failures --held   # + held failures: for the final report only
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "planner"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coord_sweep import N_CASES, SEED, check, generate, radius_honoured  # noqa: E402

from agent.planner.coords import find_coordinates  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=N_CASES)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--failures", action="store_true", help="print dev failures")
    ap.add_argument("--held", action="store_true", help="show the held rates (and with --failures held failures): final report only")
    ap.add_argument("--notation", default=None)
    ap.add_argument("--max", type=int, default=6, help="failures printed per notation")
    a = ap.parse_args()
    cases = generate(a.n, a.seed)
    tally: dict[str, dict[str, list[int]]] = defaultdict(lambda: {"dev": [0, 0], "held": [0, 0]})
    total = {"dev": [0, 0], "held": [0, 0]}
    shown: dict[str, int] = defaultdict(int)
    radius = {"dev": [0, 0], "held": [0, 0]}
    for c in cases:
        if a.notation and c.notation != a.notation:
            continue
        try:
            got = find_coordinates(c.text)
            ok, why = check(c, got)
            r = radius_honoured(c, got)
            if r is not None:
                radius[c.split][1] += 1
                radius[c.split][0] += r
        except Exception as exc:  # noqa: BLE001
            ok, why = False, f"raised {exc!r}"
        tally[c.notation][c.split][1] += 1
        total[c.split][1] += 1
        if ok:
            tally[c.notation][c.split][0] += 1
            total[c.split][0] += 1
        elif a.failures and (c.split == "dev" or a.held) and shown[c.notation + c.split] < a.max:
            shown[c.notation + c.split] += 1
            print(f"FAIL [{c.split} #{c.idx} {c.notation} {c.lang}] {why}\n    {c.text}")
    print(f"{'notation':24s} {'dev':>9s} {'held':>9s}" if a.held else f"{'notation':24s} {'dev':>9s}")
    for name, t in tally.items():
        d, h = t["dev"], t["held"]
        print(f"{name:24s} {d[0]:4d}/{d[1]:<4d} {h[0]:4d}/{h[1]:<4d}" if a.held else f"{name:24s} {d[0]:4d}/{d[1]:<4d}")
    (dp, dn), (hp, hn) = total["dev"], total["held"]
    line = f"dev {dp}/{dn} ({100 * dp / max(dn, 1):.1f}%)"
    print(line + (f", held {hp}/{hn} ({100 * hp / max(hn, 1):.1f}%)" if a.held else ""))
    rd, rh = radius["dev"], radius["held"]
    print(f"radius honoured (the circle's box): dev {rd[0]}/{rd[1]}" + (f", held {rh[0]}/{rh[1]}" if a.held else ""))


if __name__ == "__main__":
    main()
