"""Several places in one request: a span between two, or a comparison of several.

- `span_ends(text, candidates)`: the two ends of an area written as a span ("the area between Dadu and
  Manchar Lake", "Ruhrgebiet (Duisburg bis Dortmund)", "from Bordeaux to Arcachon", "entre Lyon et
  Grenoble", "tussen Utrecht en Amersfoort", "zwischen Köln und Bonn"): the AOI covers both ends.
- `compared_places(text, candidates)`: the places a request compares ("compare NO2 over Milan and
  Madrid", "Milan vs Madrid"): one row per place, never one of them silently.
- `span_box(boxes)`: the union of the ends' boxes with a small margin.

Both read only the words between the place phrases, so any pair of names works in six languages.
"""

from __future__ import annotations

import math
import re

from agent.planner.i18n import unify
from agent.planner.places import BBox, pad_km, union

_AND = r"(?:and|und|et|en|e|ed|y|&|-|–|/)"
_BETWEEN = r"(?:between|zwischen|entre|tussen|tra|fra)"
_FROM = r"(?:from|von|ab|de|d'|du|depuis|van|vanaf|da|dal|dalla|desde|del)"
_TO = r"(?:to|till|until|bis|bis nach|nach|à|a|au|aux|jusqu'à|jusqu'au|tot|tot aan|naar|hasta|al|fino a|ad)"
_ART = r"(?:(?:the|der|die|das|dem|den|la|le|les|el|los|las|het|de|il|lo)\s+|l'|l\u2019)?"

# "compare", "comparison", "vs" in six languages; the places it joins are the ones compared
COMPARE = re.compile(r"(?<![a-zà-ÿ])(?:compare|compared|comparing|comparison|vs\.?|versus|against|"
                     r"vergleich\w*|gegenüber|compar\w*|vergelijk\w*|confront\w*|tegenover|frente a|contre)(?![a-zà-ÿ])",
                     re.I)
_LIST = r"(?:\s*,\s*|\s+(?:and|und|et|en|e|ed|y|&|or|oder|ou|of|o|vs\.?|versus|against|gegen|contre|tegen|frente a|" \
        r"with|mit|avec|met|con)\s+|\s*,\s*(?:and|und|et|en|e|y)\s+|" \
        r"\s+(?:compared?|vergleichen|comparé|comparée|comparado|comparada|vergeleken|confrontat[oa])" \
        r"(?:\s+(?:with|to|mit|avec|à|met|con|a|al))?\s+)"


def _find(text: str, name: str, start: int = 0) -> int:
    m = re.search(r"(?<![\w])" + re.escape(name) + r"(?![\w])", text[start:])
    return start + m.start() if m else -1


def _ordered(text: str, candidates: list[str]) -> list[tuple[int, str]]:
    found = []
    for c in candidates:
        i = _find(text, c)
        if i >= 0:
            found.append((i, c))
    return sorted(found)


def span_ends(text: str, candidates: list[str]) -> tuple[str, str] | None:
    """The two place phrases the request spans an area between, in the request's order."""
    t = unify(text)
    found = _ordered(t, candidates)
    for (i, a), (j, b) in zip(found, found[1:]):
        gap = t[i + len(a):j]
        before = t[max(0, i - 30):i]
        between = re.fullmatch(rf"\s+{_AND}\s+{_ART}", gap, re.I) or re.fullmatch(r"\s*[-–/]\s*", gap)
        if between and re.search(rf"(?<![\w]){_BETWEEN}\s+{_ART}$", before, re.I):
            return a, b
        to = re.fullmatch(rf"\s+{_TO}\s+{_ART}|\s*[-–]\s*", gap, re.I)
        if to and (re.search(rf"(?<![\w]){_FROM}\s+{_ART}$", before, re.I) or re.search(r"\(\s*$", before)):
            # "from Bordeaux to Arcachon", "(Duisburg bis Dortmund)", "(Duisburg–Dortmund)"
            if re.fullmatch(r"\s*[-–]\s*", gap) and not re.search(r"\(\s*$", before):
                continue  # "Baden-Baden", "Emilia-Romagna": a hyphen joins one name outside brackets
            return a, b
    return None


def compared_places(text: str, candidates: list[str]) -> list[str]:
    """The places a request compares with each other (two or more), in its order; [] for none."""
    t = unify(text)
    if not COMPARE.search(t):
        return []
    found = _ordered(t, candidates)
    best: list[str] = []
    run: list[str] = []
    prev_end = -1
    for i, c in found:
        if run and re.fullmatch(_LIST + _ART, t[prev_end:i], re.I):
            run.append(c)
        else:
            run = [c]
        prev_end = i + len(c)
        if len(run) > len(best):
            best = list(run)
    return best if len(best) >= 2 else []


MARGIN_SHARE = 0.05  # of the span's diagonal, on every side
MARGIN_MIN_KM = 2.0


def span_box(boxes: list[BBox]) -> BBox:
    """The union of the ends' boxes, with a small margin (5% of its diagonal, at least 2 km)."""
    box = union(boxes)
    w, s, e, n = box
    diag = math.hypot((e - w) * 111.32 * math.cos(math.radians((s + n) / 2)), (n - s) * 110.57)
    return pad_km(box, max(MARGIN_MIN_KM, MARGIN_SHARE * diag))


def km_between(a: BBox, b: BBox) -> float:
    ax, ay, bx, by = (a[0] + a[2]) / 2, (a[1] + a[3]) / 2, (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
    return math.hypot((bx - ax) * 111.32 * math.cos(math.radians((ay + by) / 2)), (by - ay) * 110.57)
