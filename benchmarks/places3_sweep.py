"""Place classes the held-out requests missed, in whole requests of six languages (tests/data/planner/places3_sweep.jsonl).

Each row is a whole request (en/de/fr/nl/es/it) naming a place of one class: a feature named in its language's
word order (lago di, delta del, parc national des, monts, Nationalpark, Insel), a range named with a nearby town
as context, an area named by a town's adjective and a feature noun (Antwerpse haven, Kieler Förde, agglomération
lyonnaise, hinterland milanese, huerta murciana), an admin word with a country adjective inside (province
marocaine de, contea keniota di, departamento boliviano de), a district, county or province outside Europe, a
feature named inside the district it lies in, and a namesake or exonym read by its context. It gives a point
inside the place and a bound of the box's area (twice the size of the place's own box, as written: no further
generosity). The planner runs as in benchmarks/world_sweep.py (the union of the boxes of the hits it chose).
The rows were written before the first run and their split (dev/held, by the parity of sha1(request)) fixed
then. Tune on dev failures only:

    python benchmarks/places3_sweep.py          # prints "dev a/b, held c/d" and the rate of each class
    python benchmarks/places3_sweep.py --fails  # also lists the dev failures
    python benchmarks/places3_sweep.py --held   # also lists the held failures (only at the very end)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

from sweep_common import jsonl_rows, rates_line, run_rows  # noqa: E402
from world_sweep import check  # noqa: E402

SWEEP = Path(__file__).resolve().parents[1] / "tests" / "data" / "planner" / "places3_sweep.jsonl"


def main(argv: list[str]) -> None:
    show = ({"dev"} if "--fails" in argv else set()) | ({"held"} if "--held" in argv else set())
    results: dict[int, bool] = {}

    def checked(r: dict) -> tuple[bool, str]:
        ok, why = check(r, 1.0)
        results[id(r)] = ok
        return ok, why

    rows = jsonl_rows(SWEEP)
    rates = run_rows(rows, checked, lambda r: f"[{r['class']}] {r['request']!r}", lambda r: r["split"], show)
    by_class: dict[str, tuple[int, int]] = {}
    for r in rows:
        a, b = by_class.get(r["class"], (0, 0))
        by_class[r["class"]] = (a + results[id(r)], b + 1)
    print("classes: " + rates_line(by_class))
    print(rates_line(rates))


if __name__ == "__main__":
    main(sys.argv[1:])
