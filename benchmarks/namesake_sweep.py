"""Namesake sweep for the place look-up (tests/data/planner/namesake_sweep.jsonl).

Each row is a place mention whose name has namesakes ("Halle", "Perth, Scotland", "Córdoba en Argentina"),
as a user writes it inside a request, with a point inside the place a map user means (with a country, region
or qualifier the named one; without one the most prominent) and a bound of the returned box's area. The
mention is put in a one-line request in the row's language and the offline planner runs with the real find_place
answering its look-ups (its re-queries for a town outside the region named with it, or for the namesake in the
country the request's language points to, included) up to the code it drafts; the place is the union of the
boxes of the hits it chose (`choose_hits`), before the AOI's padding and clamping. `--lookup` measures the first
look-up alone instead (`first_queries` answered by find_place). A row passes when the box contains the point and
is no larger than the bound (a namesake elsewhere fails, and so does a country box for a town). The split is
fixed by the parity of sha1(text) (of the request, for a row that gives one).

tests/data/planner/europe_sweep.jsonl has rows of the same form for European places (districts named otherwise
than their seat, landscapes, comarcas, exonyms in six languages, namesakes with context); a row there may give a
whole `request` in which `text` is the place mention, instead of the one-line template.

    python benchmarks/namesake_sweep.py          # prints "dev a/b, held c/d"
    python benchmarks/namesake_sweep.py --fails  # also lists the dev failures (tune only on these)
    python benchmarks/namesake_sweep.py --held   # also lists the held failures (only at the very end)
    python benchmarks/namesake_sweep.py --lookup # the first look-up only
    python benchmarks/namesake_sweep.py --europe # the European sweep (europe_sweep.jsonl) instead
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

from sweep_common import ROOT, TODAY, Box, judge, jsonl_rows, rates_line, request_place, run_rows  # noqa: E402

SWEEP = ROOT / "tests" / "data" / "planner" / "namesake_sweep.jsonl"
EUROPE = ROOT / "tests" / "data" / "planner" / "europe_sweep.jsonl"
# the European sweep's bounds were written as estimates of each feature's own area, not of its box (as the places
# sweep's): a box passes up to this many times the bound there, as in benchmarks/places_sweep.py
EUROPE_GENEROSITY = 2.0
TEMPLATES = {
    "en": "NDVI of {} in June 2023",
    "de": "NDVI für {} im Juni 2023",
    "fr": "NDVI de {} en juin 2023",
    "es": "NDVI de {} en junio de 2023",
    "it": "NDVI di {} a giugno 2023",
    "nl": "NDVI van {} in juni 2023",
}


def rows(path: Path = SWEEP) -> list[dict]:
    return jsonl_rows(path)


def request_of(text: str, lang: str, request: str | None = None) -> str:
    """The request a row's mention is read in: its own, or the language's one-line template around it."""
    return request or TEMPLATES.get(lang, TEMPLATES["en"]).format(text)


def query_of(text: str, lang: str, request: str | None = None) -> str | None:
    """The planner's first look-up for the mention inside a request."""
    from agent.planner.followups import resolve
    from agent.planner.i18n import normalize
    from agent.planner.model import first_queries

    request = request_of(text, lang, request)
    slots = resolve(request, normalize(request), TODAY, None, None)
    qs = first_queries(slots)
    return qs[0] if qs else None


def planner_place(text: str, lang: str, request: str | None = None) -> tuple[Box, str] | str:
    """The box of the places the planner chose for the mention inside a request (and their names and the
    look-ups it made), or why it chose none."""
    return request_place(request_of(text, lang, request))


def lookup_place(text: str, lang: str, request: str | None = None) -> tuple[Box, str] | str:
    from tools.errors import ToolError
    from tools.places import find_place

    q = query_of(text, lang, request)
    if not q:
        return "no place phrase read"
    try:
        p = find_place(q)
    except ToolError as err:
        return f"{q!r} not found ({err.message[:80]})"
    label = ", ".join(x for x in (p.name, p.region, p.country) if x)
    return p.bbox, f"{q!r} -> {label} [{p.kind}]"


def check(row: dict, lookup: bool = False, generosity: float = 1.0) -> tuple[bool, str]:
    found = (lookup_place if lookup else planner_place)(row["text"], row.get("lang", "en"), row.get("request"))
    return judge(found, row["point"], row["max_km2"] * generosity)


def main(argv: list[str]) -> None:
    europe = "--europe" in argv
    lookup = "--lookup" in argv
    generosity = EUROPE_GENEROSITY if europe else 1.0
    show = ({"dev"} if "--fails" in argv else set()) | ({"held"} if "--held" in argv else set())
    rates = run_rows(
        rows(EUROPE if europe else SWEEP),
        lambda r: check(r, lookup=lookup, generosity=generosity),
        lambda r: repr(r.get("request") or r["text"]),
        lambda r: r["split"],
        show=show,
    )
    print(rates_line(rates))


if __name__ == "__main__":
    main(sys.argv[1:])
