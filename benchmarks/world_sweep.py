"""Places outside Europe inside whole requests (tests/data/planner/world_sweep.jsonl).

Each row is a whole request in one of six languages about a place in Africa, Asia, the Americas or Oceania
(admin areas users name: counties, states, districts, regencies; deltas, volcanoes, lakes, parks, islands;
historical and local names; names in the request's language), a point inside the place a map user means and
a bound of the returned box's area. The offline planner runs with the real find_place answering its look-ups
up to the code it drafts; the place is the union of the boxes of the hits it chose (as in
benchmarks/namesake_sweep.py). The rows were written before the first run; their split (dev/held, by the
parity of sha1(request)) was fixed then. The sweep measures the place reading: a request whose product the
planner cannot tell (it then looks nothing up) is measured again as "NDVI: <request>", and counted apart as
"product unread". As in benchmarks/places_sweep.py, the bounds were written as estimates of each place's own box,
not generous bounds (Kruger's box is ~44,000 km2 against 40,000 written): a box passes up to GENEROSITY times the
bound (a country or a state for a town, or a namesake elsewhere, still fails); --strict uses the bounds as written.
Tune on dev failures only:

    python benchmarks/world_sweep.py          # prints "dev a/b, held c/d"
    python benchmarks/world_sweep.py --fails  # also lists the dev failures
    python benchmarks/world_sweep.py --held   # also lists the held failures (only at the very end)
    python benchmarks/world_sweep.py --strict # bounds as written
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SWEEP = ROOT / "tests" / "data" / "planner" / "world_sweep.jsonl"
GENEROSITY = 2.0


def rows(path: Path = SWEEP) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def product_unread(request: str) -> bool:
    """The planner cannot tell the product of the request (so it looks no place up)."""
    from datetime import date

    from agent.planner.followups import resolve
    from agent.planner.i18n import normalize

    return resolve(request, normalize(request), date(2024, 1, 1), None, None).intent.task == "unknown"


def check(row: dict, generosity: float = GENEROSITY) -> tuple[bool, str]:
    sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
    from namesake_sweep import request_place
    from places_sweep import box_area_km2, inside

    request = row["request"]
    if product_unread(request):
        request = "NDVI: " + request
    found = request_place(request)
    if isinstance(found, str):
        return False, found
    (w, s, e, n), label = found
    area = box_area_km2(w, s, e, n)
    got = f"{label} bbox=({w:.2f},{s:.2f},{e:.2f},{n:.2f}) {area:,.0f} km2"
    lon, lat = row["point"]
    if not inside(lon, lat, w, s, e, n):
        return False, "point outside: " + got
    if area > row["max_km2"] * generosity:
        return False, f"box too large (> {row['max_km2'] * generosity:,.0f}): " + got
    return True, got


def main(argv: list[str]) -> None:
    sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]  # this checkout first, not the installed one
    show = {"dev"} if "--fails" in argv else set()
    if "--held" in argv:
        show.add("held")
    rates: dict[str, tuple[int, int]] = {}
    unread = {"dev": 0, "held": 0}
    for r in rows():
        unread[r["split"]] += product_unread(r["request"])
        ok, why = check(r, 1.0 if "--strict" in argv else GENEROSITY)
        a, b = rates.get(r["split"], (0, 0))
        rates[r["split"]] = (a + ok, b + 1)
        if not ok and r["split"] in show:
            print(f"FAIL {r['split']} {r['request']!r}: {why}")
    print(", ".join(f"{k} {a}/{b} ({100 * a / b:.1f}%)" for k, (a, b) in sorted(rates.items()))
          + f" (product unread: dev {unread['dev']}, held {unread['held']})")


if __name__ == "__main__":
    main(sys.argv[1:])
