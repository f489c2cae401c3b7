"""One acquisition instead of a composite: "the latest Sentinel-2 image of Valencia", "die wolkenfreieste
Aufnahme von Köln im Juni", "l'image la moins nuageuse de Lyon".

The intent says which (`Intent.scene`: latest or clearest, `intents.scene_asked`); the planner asks
`find_acquisitions` for the window's days (with their cloud cover where the catalogue has it), and
the plan's window becomes that one day. Without days, or without the typed answer, the window's
composite stays and the answer says why.
"""

from __future__ import annotations

from datetime import timedelta

from agent.planner.dates import Period
from agent.planner.phrases import Phrases
from tools.acquisitions import Acquisition, Acquisitions


def chosen_day(found: Acquisitions, how: str) -> Acquisition | None:
    """The latest day, or the least cloudy one (the later of equals; days without a cloud cover last)."""
    if not found.days:
        return found.nearest_before if how == "latest" else None
    if how == "clearest":
        return min(found.days, key=lambda a: (a.cloud_cover is None, a.cloud_cover or 0.0, -a.day.toordinal()))
    return max(found.days, key=lambda a: a.day)


def scene_window(found: Acquisitions | None, how: str, window: Period, collection: str, p: Phrases
                 ) -> tuple[Period, str]:
    """The one-day window to load and the sentence that says which day and why (or why not)."""
    last = window.end - timedelta(days=1)
    if found is None:
        return window, ""
    day = chosen_day(found, how)
    if day is None:
        return window, p.scene_none.format(collection=collection, start=window.start, end=last)
    one = Period(start=day.day, end=day.day + timedelta(days=1), text=str(day.day), kind="day", role="any")
    count = len(found.days)
    if how == "clearest" and day.cloud_cover is not None:
        note = p.scene_clearest.format(day=day.day, cloud=f"{day.cloud_cover:.0f}", count=count, start=window.start,
                                       end=last)
    elif how == "clearest":
        note = p.scene_no_cloud.format(day=day.day, count=count, start=window.start, end=last)
    else:
        note = p.scene_latest.format(day=day.day, count=count, start=window.start, end=last)
    return one, note
