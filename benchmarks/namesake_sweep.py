"""Namesake sweep for the place look-up (tests/data/planner/namesake_sweep.jsonl).

Each row is a place mention whose name has namesakes ("Halle", "Perth, Scotland", "Córdoba en Argentina"),
as a user writes it inside a request, with a point inside the place a map user means (with a country, region
or qualifier the named one; without one the most prominent) and a bound of the returned box's area. The
mention is put in a one-line request in the row's language, the planner reads its place phrases and makes its
first look-up (`first_queries`), and find_place answers it as the tool does. A row passes when the box contains
the point and is no larger than the bound (a namesake elsewhere fails, and so does a country box for a town).
The split is fixed by the parity of sha1(text).

    python benchmarks/namesake_sweep.py          # prints "dev a/b, held c/d"
    python benchmarks/namesake_sweep.py --fails  # also lists the dev failures (tune only on these)
    python benchmarks/namesake_sweep.py --held   # also lists the held failures (only at the very end)
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SWEEP = ROOT / "tests" / "data" / "planner" / "namesake_sweep.jsonl"
TEMPLATES = {
    "en": "NDVI of {} in June 2023",
    "de": "NDVI für {} im Juni 2023",
    "fr": "NDVI de {} en juin 2023",
    "es": "NDVI de {} en junio de 2023",
    "it": "NDVI di {} a giugno 2023",
    "nl": "NDVI van {} in juni 2023",
}


def rows(path: Path = SWEEP) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def query_of(text: str, lang: str) -> str | None:
    """The planner's first look-up for the mention inside a request."""
    from agent.planner.followups import resolve
    from agent.planner.i18n import normalize
    from agent.planner.model import first_queries

    request = TEMPLATES.get(lang, TEMPLATES["en"]).format(text)
    slots = resolve(request, normalize(request), date(2024, 1, 1), None, None)
    qs = first_queries(slots)
    return qs[0] if qs else None


def check(row: dict) -> tuple[bool, str]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from places_sweep import box_area_km2, inside

    from tools.errors import ToolError
    from tools.places import find_place

    q = query_of(row["text"], row.get("lang", "en"))
    if not q:
        return False, "no place phrase read"
    try:
        p = find_place(q)
    except ToolError as err:
        return False, f"{q!r} not found ({err.message[:80]})"
    w, s, e, n = p.bbox
    area = box_area_km2(w, s, e, n)
    label = ", ".join(x for x in (p.name, p.region, p.country) if x)
    got = f"{q!r} -> {label} [{p.kind}] bbox=({w:.2f},{s:.2f},{e:.2f},{n:.2f}) {area:,.0f} km2"
    lon, lat = row["point"]
    if not inside(lon, lat, w, s, e, n):
        return False, "point outside: " + got
    if area > row["max_km2"]:
        return False, f"box too large (> {row['max_km2']:,}): " + got
    return True, got


def main(argv: list[str]) -> None:
    sys.path.insert(0, str(ROOT))
    show = {"dev"} if "--fails" in argv else set()
    rates: dict[str, tuple[int, int]] = {}
    held: list[str] = []
    for r in rows():
        ok, why = check(r)
        a, b = rates.get(r["split"], (0, 0))
        rates[r["split"]] = (a + ok, b + 1)
        if not ok and r["split"] in show:
            print(f"FAIL {r['split']} {r['text']!r}: {why}")
        if not ok and r["split"] == "held":
            held.append(f"FAIL held {r['text']!r}: {why}")
    if "--held" in argv:
        print("\n".join(held))
    print(", ".join(f"{k} {a}/{b} ({100 * a / b:.1f}%)" for k, (a, b) in sorted(rates.items())))


if __name__ == "__main__":
    main(sys.argv[1:])
