"""Follow-up requests: "same for July", "use radar instead", "zoom in on the north".

A follow-up keeps the previous request's slots (product, place, dates) and changes what the new
message names. `Slots` is the resolved request of one turn; `resolve` combines the new message
with the previous turn's slots.
"""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel

from agent.planner.dates import Period, find_periods
from agent.planner.intents import S1, Intent, parse_intent
from agent.planner.places import BBox, Coordinates, find_coordinates, place_candidates, qualifier_phrases, \
    shared_qualifiers, weak_phrases

DIRECTIONS = ("north", "south", "east", "west")


class Slots(BaseModel):
    """What one turn asks for, after follow-up resolution."""

    text: str  # normalised request text (this turn)
    intent: Intent
    periods: list[Period]
    candidates: list[str]  # place phrases to look up
    qualifiers: list[str] = []  # those of them that only say where the one before is ("Lebanon")
    shared: dict[str, str] = {}  # places of a list qualified by the qualifier after it ("Sutherland/Caithness, Scotland")
    weak: list[str] = []  # those with no sign of a place but a capital ("Drought stress ..."): looked up last
    coords: Coordinates | None = None
    inherited_bbox: BBox | None = None  # the previous turn's AOI, when this turn names no place
    inherited_place: str = ""
    zoom: str | None = None  # "north" | "south" | "east" | "west" | "centre"
    followup: bool = False


def is_followup_text(text: str) -> bool:
    return bool(re.search(r"(?<![a-z])(same|instead|now|again|also|too|zoom|what about|and for|how about|"
                          r"switch|change (?:it|the)|rather|use)(?![a-z])", text))


def zoom_direction(text: str) -> str | None:
    m = re.search(r"(?:zoom(?:\s+in)?|focus|only|just|crop)\b.{0,20}?\b(north|south|east|west|centre|center)", text)
    if m:
        return "centre" if m.group(1) == "center" else m.group(1)
    m = re.search(r"\b(north|south|east|west)(?:ern)?\s+(?:part|half|side)\b", text)
    return m.group(1) if m else None


# a series asked in a follow-up ("now as a monthly time series", "als Zeitreihe", "en série temporelle")
SERIES_WORDS = re.compile(r"(?<![a-z])(?:time[- ]?series|timeseries|series|chart|plot|graph|curve|per month|monthly|"
                          r"weekly|per week|over time)(?![a-z])")


def resolve(raw: str, text: str, today: date, previous: Slots | None, prev_bbox: BBox | None,
            prev_place: str = "") -> Slots:
    """The slots of a new message, inheriting from the previous turn what it does not say."""
    intent = parse_intent(text)
    coords = find_coordinates(raw)
    if intent.task == "moving_window" and not intent.timeseries and coords is not None and coords.kind == "point" and \
            re.search(r"(?<![a-z])(?:time[- ]?series|timeseries|chart|plot|graph)(?![a-z])", text):
        # the smoothed series of one point given by its coordinates ("7-day moving average of NDVI at 52.1 N, 5.2 E,
        # as a time series"): one value per date there, a table (a box or polygon keeps the smoothed raster stack)
        intent.timeseries = True
        intent.output_format = "CSV" if re.search(r"(?<![a-z])csv(?![a-z])", text) else "JSON"
    candidates = [] if coords else place_candidates(raw)
    periods = find_periods(text, today)
    zoom = zoom_direction(text)
    slots = Slots(text=text, intent=intent, periods=periods, candidates=candidates, coords=coords, zoom=zoom,
                  qualifiers=[] if coords else qualifier_phrases(raw), weak=[] if coords else weak_phrases(raw),
                  shared={} if coords else shared_qualifiers(raw))
    if previous is None:
        return slots
    radar_switch = bool(re.search(r"(?<![a-z])(radar|sentinel-1|sar)(?![a-z])", text))
    optical_switch = bool(re.search(r"(?<![a-z])(optical|sentinel-2)(?![a-z])", text))
    new_task = intent.task != "unknown" and not (radar_switch and intent.task == "backscatter")
    if not (is_followup_text(text) or zoom or not candidates or not new_task):
        return slots
    if candidates and new_task and periods and not zoom:
        return slots  # a complete new request
    slots.followup = True
    if not new_task or (radar_switch and intent.task == "backscatter"):
        inherited = previous.intent.model_copy()
        if radar_switch and inherited.collection != S1:
            water = inherited.task == "flood" or inherited.index in ("NDWI", "MNDWI") or "flood" in previous.text
            inherited.task = "flood" if water else "backscatter"
            inherited.collection, inherited.index, inherited.cloud_mask = S1, None, False
            inherited.reducer = "mean"
        elif optical_switch and inherited.collection == S1:
            inherited = parse_intent("ndwi" if inherited.task == "flood" else "true colour")
        if not new_task:  # "now as a monthly time series", "as CSV please": the same product, shown another way
            asked = parse_intent(text)
            if asked.timeseries and not inherited.timeseries and SERIES_WORDS.search(text):
                inherited.timeseries, inherited.period = True, asked.period or inherited.period
            if asked.output_format != "GTiff" and re.search(r"(?<![a-z])(?:csv|json|netcdf|nc|geotiff|tiff?)(?![a-z])", text):
                inherited.output_format = asked.output_format
        slots.intent = inherited
    if not periods:
        slots.periods = previous.periods
    elif previous.periods and all(p.kind in ("month", "season") and not re.search(r"\d{4}", p.text) for p in periods):
        # "same for july", "for the whole summer": the year of the previous request
        year = previous.periods[-1].start.year
        slots.periods = [p.model_copy(update={"start": p.start.replace(year=year),
                                              "end": p.end.replace(year=year + (p.end.month == 1 and p.start.month == 12))})
                         for p in periods]
    if not candidates and not coords:
        slots.coords = previous.coords
        slots.candidates = previous.candidates
        slots.qualifiers = previous.qualifiers
        slots.shared = previous.shared
        slots.weak = previous.weak
        slots.inherited_bbox = prev_bbox
        slots.inherited_place = prev_place
    return slots
