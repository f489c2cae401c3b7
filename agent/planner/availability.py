"""A window before the collection's record: a collection that has data then, or a question.

`record_choice(intent, periods)` compares the windows a plan loads with the record of its collection
(`products.RECORDS`, from backend/catalog/collections.yaml). When most of a window lies before Sentinel-2 starts
(2015), an optical product (an index, a colour or band composite) is read from Landsat 8-9 (LANDSAT8_L2, since
2013) instead, every window of a change from the same sensor, and the answer says so. Radar before Sentinel-1
(October 2014) has no radar collection to fall back on: the planner asks, offering Landsat 8's water index when
Landsat covers the window. Before every collection's record it asks for later dates.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel

from agent.planner.dates import Period
from agent.planner.intents import L8, S1, S2_L1C, S2_L2A, Intent
from agent.planner.products import RECORDS

OPTICAL_TASKS = ("index", "rgb", "composite")
RADAR_TASKS = ("flood", "backscatter", "ratio", "rvi", "soil_moisture", "oil_slick")


class RecordChoice(BaseModel):
    """What a plan does about a window before its collection's record."""

    action: Literal["swapped", "ask"]
    named: str  # the collection the request asked for (or the planner chose)
    first: date  # the first day of its record
    start: date  # the window that lies before it
    end: date  # exclusive
    used: str | None = None  # the collection used instead ("swapped") or offered ("ask"); None: none has data then
    used_first: date | None = None


def _before_record(p: Period, first: date) -> bool:
    """Most of the window lies before the record's first day."""
    inside = max(0, (p.end - max(p.start, first)).days)
    return inside * 2 < max(p.days, 1)


def _covers(collection: str, periods: list[Period]) -> bool:
    first, last = RECORDS[collection]
    return all(not _before_record(p, first) and (last is None or p.start <= last) for p in periods)


def record_choice(it: Intent, periods: list[Period]) -> RecordChoice | None:
    """A swap or a question when a window lies before the collection's record; None when the record covers it
    (or the product is static, or combines sensors on its own: multi-sensor series, fusion)."""
    if it.collection not in (S2_L2A, S2_L1C, S1) or not periods:
        return None
    first, _ = RECORDS[it.collection]
    outside = next((p for p in periods if _before_record(p, first)), None)
    if outside is None:
        return None
    common = {"named": it.collection, "first": first, "start": outside.start, "end": outside.end}
    landsat = _covers(L8, periods)
    l8_first = RECORDS[L8][0] if landsat else None
    if it.collection in (S2_L2A, S2_L1C) and it.task in OPTICAL_TASKS:
        if landsat:
            return RecordChoice(action="swapped", used=L8, used_first=l8_first, **common)
        return RecordChoice(action="ask", **common)
    if it.collection == S1 and it.task in RADAR_TASKS:
        return RecordChoice(action="ask", used=L8 if landsat else None, used_first=l8_first, **common)
    return None


def on_landsat(it: Intent) -> Intent:
    """The optical intent read from Landsat 8-9 (its bands mapped by codegen; no SCL cloud mask there)."""
    return it.model_copy(update={"collection": L8, "cloud_mask": False})
