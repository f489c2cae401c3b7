"""One repair of rejected code, from the error message alone.

Handles what validation typically says and how to fix it: a band or collection name with a
suggested nearest valid name, an extent too large for synchronous processing, swapped or
reversed coordinates and dates. Anything else is not guessed at: the planner explains instead.
"""

from __future__ import annotations

import re

from agent.planner.codegen import Plan, build_code
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
