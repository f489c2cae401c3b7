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

import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

from sweep_common import ROOT, judge, jsonl_rows, product_unread, rates_line, request_place, run_rows  # noqa: E402

SWEEP = ROOT / "tests" / "data" / "planner" / "world_sweep.jsonl"
GENEROSITY = 2.0


def rows(path: Path = SWEEP) -> list[dict]:
    return jsonl_rows(path)


def check(row: dict, generosity: float = GENEROSITY) -> tuple[bool, str]:
    """The row's request as the planner reads it (prefixed "NDVI: " when it cannot tell the product, so that it
    looks the place up at all), judged against the row's point and bound times the generosity."""
    request = row["request"]
    if product_unread(request):
        request = "NDVI: " + request
    return judge(request_place(request), row["point"], row["max_km2"] * generosity)


def main(argv: list[str], path: Path = SWEEP) -> None:
    show = ({"dev"} if "--fails" in argv else set()) | ({"held"} if "--held" in argv else set())
    generosity = 1.0 if "--strict" in argv else GENEROSITY
    unread = {"dev": 0, "held": 0}
    all_rows = rows(path)
    for r in all_rows:
        unread[r["split"]] += product_unread(r["request"])
    rates = run_rows(all_rows, lambda r: check(r, generosity), lambda r: repr(r["request"]), lambda r: r["split"], show)
    print(rates_line(rates) + f" (product unread: dev {unread['dev']}, held {unread['held']})")


if __name__ == "__main__":
    main(sys.argv[1:])
