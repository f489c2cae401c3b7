"""What the place sweeps share: box geometry, reading rows, running the offline planner on a whole request with
the real find_place answering its look-ups, judging a box against a row's point and bound, and the rates.

benchmarks/places_sweep.py (find_place alone), benchmarks/namesake_sweep.py (a mention in a one-line request,
or a whole request), benchmarks/world_sweep.py and benchmarks/places3_sweep.py (whole requests) use it.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
R_KM = 6371.0088
TODAY = date(2024, 1, 1)

Box = tuple[float, float, float, float]
Row = TypeVar("Row")


def box_area_km2(w: float, s: float, e: float, n: float) -> float:
    dlon = (e - w) % 360.0 if e != w else 0.0
    return R_KM**2 * math.radians(dlon) * abs(math.sin(math.radians(n)) - math.sin(math.radians(s)))


def inside(lon: float, lat: float, w: float, s: float, e: float, n: float) -> bool:
    if not s <= lat <= n:
        return False
    return w <= lon <= e if w <= e else (lon >= w or lon <= e)


def jsonl_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def split_of(text: str) -> str:
    """The split a sweep row gets, fixed before its first run: dev for an even sha1 of its request, else held."""
    return "dev" if int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "held"


def product_unread(request: str) -> bool:
    """The planner cannot tell the product of the request (so it looks no place up)."""
    from agent.planner.followups import resolve
    from agent.planner.i18n import normalize

    return resolve(request, normalize(request), TODAY, None, None).intent.task == "unknown"


def request_place(request: str) -> tuple[Box, str] | str:
    """The box of the places the planner chose for a whole request (and their names and the look-ups it
    made), or why it chose none: the union of the boxes of the hits it chose (`choose_hits`), before the AOI's
    padding and clamping."""
    from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

    from agent.planner import OfflinePlanner
    from agent.planner.aoi import choose_hits
    from agent.planner.model import split_turns
    from tools.errors import ToolError
    from tools.places import find_place

    planner = OfflinePlanner(today=TODAY)
    messages: list[BaseMessage] = [HumanMessage(request)]
    asked: list[str] = []
    for _ in range(8):
        ai = planner.next_message(messages)
        calls = [tc for tc in ai.tool_calls if tc["name"] == "find_place"]
        if not calls:
            break
        messages.append(AIMessage(content="", tool_calls=calls))
        for tc in calls:
            asked.append(tc["args"]["name"])
            try:
                out = find_place(tc["args"]["name"]).to_text()
            except ToolError as err:
                out = str(err)
            messages.append(ToolMessage(out, tool_call_id=tc["id"]))
    tp = planner.read_turn(split_turns(messages)[-1], TODAY, None)
    chosen = choose_hits(tp.hits, request) if tp and tp.hits else []  # as the planner does, with the request
    if not chosen:
        return f"no place chosen (asked {asked})"
    w, s, e, n = (
        min(h.bbox[0] for h in chosen),
        min(h.bbox[1] for h in chosen),
        max(h.bbox[2] for h in chosen),
        max(h.bbox[3] for h in chosen),
    )
    return (w, s, e, n), f"{asked} -> {' + '.join(f'{h.name} [{h.kind}]' for h in chosen)}"


def judge(found: tuple[Box, str] | str, point: Iterable[float], max_km2: float) -> tuple[bool, str]:
    """A box passes when it contains the point and is no larger than the bound (a namesake elsewhere fails, and
    so does a country box for a town); the reason says what was found."""
    if isinstance(found, str):
        return False, found
    (w, s, e, n), label = found
    area = box_area_km2(w, s, e, n)
    got = f"{label} bbox=({w:.2f},{s:.2f},{e:.2f},{n:.2f}) {area:,.0f} km2"
    lon, lat = point
    if not inside(lon, lat, w, s, e, n):
        return False, "point outside: " + got
    if area > max_km2:
        return False, f"box too large (> {max_km2:,.0f}): " + got
    return True, got


def run_rows(
    rows: Iterable[Row],
    check: Callable[[Row], tuple[bool, str]],
    label: Callable[[Row], str],
    split: Callable[[Row], str],
    show: Iterable[str] = (),
    out: Callable[[str], None] = print,
) -> dict[str, tuple[int, int]]:
    """Check each row and count passes per split, printing the failures of the splits in `show`."""
    shown = set(show)
    rates: dict[str, tuple[int, int]] = {}
    for r in rows:
        ok, why = check(r)
        k = split(r)
        a, b = rates.get(k, (0, 0))
        rates[k] = (a + ok, b + 1)
        if not ok and k in shown:
            out(f"FAIL {k} {label(r)}: {why}")
    return rates


def rates_line(rates: dict[str, tuple[int, int]]) -> str:
    return ", ".join(f"{k} {a}/{b} ({100 * a / b:.1f}%)" for k, (a, b) in sorted(rates.items()))
