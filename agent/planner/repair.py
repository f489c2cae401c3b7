"""One repair of rejected code, from the error message alone.

Handles what validation typically says and how to fix it: a band or collection name with a
suggested nearest valid name, an extent too large for synchronous processing, swapped or
reversed coordinates and dates. Anything else is not guessed at: the planner explains instead.
"""

from __future__ import annotations

import math
import re
from datetime import timedelta

from agent.planner.codegen import Plan, build_code
from agent.planner.dates import Period
from agent.planner.intents import NATIVE_M
from agent.planner.phrases import phrases
from agent.planner.places import clamp_area, area_km2

SUGGESTION = re.compile(
    r"['\"`](?P<bad>[A-Za-z0-9_.:-]+)['\"`][^'\"`\n]{0,120}?(?:did you mean|nearest valid(?: name)?(?: is)?|"
    r"use|try|instead)\s*:?\s*['\"`](?P<good>[A-Za-z0-9_.:-]+)['\"`]", re.I)


def repair(code: str, error: str, plan: Plan) -> str | None:
    """A corrected version of `code`, or None when the error is not one we can fix blindly."""
    low = error.lower()
    avoid = set(plan.avoid)
    for pid in ("merge_cubes", "aggregate_temporal_period", "rename_labels", "aggregate_temporal"):
        if re.search(rf"'{pid}'[^\n]*(not available|unsupported|not supported)", error, re.I) or \
                re.search(rf"ProcessUnsupported\][^\n]*'{pid}'", error):
            avoid.add("merge_cubes" if pid in ("rename_labels", "aggregate_temporal") else pid)
    if re.search(r"resample_spatial'? has no argument 'align'", error):
        avoid.add("align")
    if avoid != set(plan.avoid):
        fixed = build_code(plan.model_copy(update={"avoid": avoid}))
        m = SUGGESTION.search(error)
        if m and f'"{m.group("bad")}"' in fixed:
            fixed = fixed.replace(f'"{m.group("bad")}"', f'"{m.group("good")}"')
        return fixed
    m = SUGGESTION.search(error)
    if m and f'"{m.group("bad")}"' in code:
        return code.replace(f'"{m.group("bad")}"', f'"{m.group("good")}"')
    if any(k in low for k in ("too large", "toolarge", "too many pixels", "pixel budget", "exceeds")):
        smaller = plan.model_copy(update={"bbox": clamp_area(plan.bbox, max(area_km2(plan.bbox) / 4, 1.0))})
        return build_code(smaller)
    if "swapped" in low or ("latitude" in low and "longitude" in low):
        w, s, e, n = plan.bbox
        return build_code(plan.model_copy(update={"bbox": (s, w, n, e)}))
    return None


REVISIT_DAYS = {"SENTINEL2_L2A": 5, "SENTINEL2_L1C": 5, "SENTINEL1_GRD": 6, "LANDSAT8_L2": 8}
EMPTY_WINDOW = re.compile(r"no acquisition between (\d{4}-\d{2}-\d{2}) and (\d{4}-\d{2}-\d{2})")
SMALLER = re.compile(r"about\s+(\d+(?:\.\d+)?)x\s+smaller", re.I)
# a run stopped by its values budget: "'load_collection' produces 1,337,710,724 values (...), more than the
# 1,000,000,000 allowed here" (the batch job's words, inside an ExecutionFailed)
OVER_BUDGET = re.compile(r"([\d,]{4,})\s+values\b.*?more than the\s+([\d,]{4,})\s+allowed", re.I | re.S)


def too_large(error: str) -> bool:
    low = error.lower()
    return "requesttoolarge" in low or "too large" in low or "larger than its budget" in low or bool(OVER_BUDGET.search(error))


def _shrink_factor(error: str) -> float:
    """How many times too large, in values: the backend's estimate, else the numbers it gave, else 4."""
    m = SMALLER.search(error)
    if m:
        return float(m.group(1))
    b = OVER_BUDGET.search(error)
    if b:
        produced, allowed = (float(v.replace(",", "")) for v in b.groups())
        if allowed > 0:
            return produced / allowed
    return 4.0


def execution_repair(plan: Plan, error: str, lang: str = "en") -> tuple[Plan, str] | None:
    """A plan that avoids what made the backend refuse to execute, with a sentence for the answer (in `lang`).

    Too large: read at a coarser resolution (the factor the backend asked for, in area); no data
    in a short window: widen each short period by the mission's revisit on both sides, so the
    nearest overpasses are in it. Anything else is not guessed at."""
    collection = plan.intent.collection
    low = error.lower()
    if too_large(error):
        native = plan.read_resolution_m or NATIVE_M.get(collection or "")
        if native is None:
            return None
        factor = max(_shrink_factor(error), 1.0) * 1.3  # a margin: estimates are rough
        res = float(math.ceil(native * math.sqrt(factor) / 10.0) * 10)
        res = max(res, native * 2)
        return (plan.model_copy(update={"read_resolution_m": res}),
                phrases(lang).adjusted_coarser.format(native=f"{native:g}", res=f"{res:g}"))
    if "nodataavailable" in low or "no data" in low or "no simulated acquisition" in low:
        revisit = REVISIT_DAYS.get(collection or "")
        short = [p for p in plan.periods if p.days <= 2 * (revisit or 0)]
        # only the windows the error names as empty: a reference window that had data stays as asked
        named = {(a, b) for a, b in EMPTY_WINDOW.findall(error)}
        empty = [p for p in short if (p.start.isoformat(), p.end.isoformat()) in named]
        short = empty or short
        if not revisit or not short:
            return None
        pad = timedelta(days=revisit)
        pair = len(plan.periods) >= 2

        def widened(i: int, p: Period) -> Period:
            # before/after windows of a change grow away from each other: the reference back in time, the event's
            # window forward, so that neither takes the other's overpasses
            before, after_ = pair and i == 0, pair and i == len(plan.periods) - 1
            return p.model_copy(update={"start": p.start if after_ else p.start - pad, "end": p.end if before else p.end + pad})

        periods = [widened(i, p) if p in short else p for i, p in enumerate(plan.periods)]
        words = phrases(lang)
        dates = ", ".join(words.on_day.format(day=p.start) if p.days == 1 else
                          words.day_range.format(start=p.start, end=p.end - timedelta(days=1)) for p in short)
        return (plan.model_copy(update={"periods": periods}), words.adjusted_widened.format(dates=dates, revisit=revisit))
    return None
