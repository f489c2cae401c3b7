"""Acquisition dates of each mission at a place: the real constellations' repeat cycles.

Sentinel-2: 10-day cycle per satellite, 2A from 2015-06-23, 2B from 2017-03-07 offset by 5
days (2C took over 2A's slot in 2025), so 5 days with two; above ~40 degrees of latitude half of
the places also sit in the overlap of a neighbouring orbit (2-3 days, as in reality).
Sentinel-1: 12-day cycle, 1A from 2014-10-03, 1B 2016-09-26..2021-12-23 and 1C from 2025-05-21
offset by 6 days; each place is passed once ascending and once descending per cycle, 5-7 days apart. Landsat: 16 days, Landsat 9 from 2022-02-10 offset by 8 days. Sentinel-3
and Sentinel-5P daily. Static collections: one time step. The phase of the cycle is a
deterministic function of the place (a 3-degree cell of the bbox centre).
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import numpy as np
from pydantic import BaseModel

from backend.catalog.models import CollectionSpec
from backend.datasources.simulated.noise import mix


class Satellite(BaseModel):
    name: str
    start: date
    end: date | None = None
    cycle_days: int
    phase_days: int = 0  # offset within the constellation's cycle


MISSIONS: dict[str, list[Satellite]] = {
    "sentinel-2": [
        Satellite(name="S2A", start=date(2015, 6, 23), end=date(2025, 1, 21), cycle_days=10),
        Satellite(name="S2C", start=date(2025, 1, 21), cycle_days=10),
        Satellite(name="S2B", start=date(2017, 3, 7), cycle_days=10, phase_days=5),
    ],
    "sentinel-1": [
        Satellite(name="S1A", start=date(2014, 10, 3), cycle_days=12),
        Satellite(name="S1B", start=date(2016, 9, 26), end=date(2021, 12, 23), cycle_days=12, phase_days=6),
        Satellite(name="S1C", start=date(2025, 5, 21), cycle_days=12, phase_days=6),
    ],
    "landsat": [
        Satellite(name="L8", start=date(2013, 4, 11), cycle_days=16),
        Satellite(name="L9", start=date(2022, 2, 10), cycle_days=16, phase_days=8),
    ],
}
EPOCH = date(2000, 1, 1)


def mission_of(collection: CollectionSpec) -> str | None:
    cid = collection.id.upper()
    if cid.startswith("SENTINEL2"):
        return "sentinel-2"
    if cid.startswith("SENTINEL1"):
        return "sentinel-1"
    if cid.startswith("LANDSAT"):
        return "landsat"
    return None


def parse_day(text: str) -> date:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).date() if "T" in text else date.fromisoformat(text[:10])


def _ceil_day(text: str) -> date:
    """The first midnight at or after an ISO date/datetime (labels are midnights UTC): an
    inclusive start at 10:00 excludes that day's label, an exclusive end at 10:00 includes it."""
    if "T" in text:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
        if dt.tzinfo is not None:
            dt = dt.astimezone(timezone.utc)
        if (dt.hour, dt.minute, dt.second, dt.microsecond) != (0, 0, 0, 0):
            return date.fromordinal(dt.date().toordinal() + 1)
        return dt.date()
    return date.fromisoformat(text[:10])


def _window(collection: CollectionSpec, start: str, end: str) -> tuple[int, int]:
    """[first, last) day ordinals of the request clipped to the collection's temporal extent."""
    first = _ceil_day(start).toordinal()
    last = _ceil_day(end).toordinal()
    c_start, c_end = collection.temporal_extent
    first = max(first, _ceil_day(c_start).toordinal())
    if c_end:
        last = min(last, parse_day(c_end).toordinal() + 1)
    return first, last


def overlaps_extent(collection: CollectionSpec, start: str, end: str) -> bool:
    """True when [start, end) shares at least one day with the collection's temporal extent."""
    first, last = _window(collection, start, end)
    return last > first


def acquisition_dates(collection: CollectionSpec, lon: float, lat: float, start: str, end: str) -> np.ndarray:
    """Sorted datetime64[ns] acquisition labels (midnight UTC) at (lon, lat) in [start, end)."""
    first, last = _window(collection, start, end)
    if last <= first:
        return np.array([], dtype="datetime64[ns]")
    if collection.revisit_days is None:  # static: one time step at the start of the window
        days = np.array([first])
    else:
        days = _orbit_days(collection, lon, lat, first, last)
    epoch = np.datetime64("0001-01-01", "D") - np.timedelta64(1, "D")
    return (epoch + days.astype("timedelta64[D]")).astype("datetime64[ns]")


def _orbit_days(collection: CollectionSpec, lon: float, lat: float, first: int, last: int) -> np.ndarray:
    cell = mix(int(np.floor(lon / 3.0)) & 0xFFFF, int(np.floor(lat / 3.0)) & 0xFFFF, 77)
    days = np.arange(first, last)
    mission = mission_of(collection)
    if mission is None:
        period = max(1, int(round(collection.revisit_days or 1)))
        phase = cell % period
        return days[(days - EPOCH.toordinal() - phase) % period == 0]
    sats = MISSIONS[mission]
    cycle = sats[0].cycle_days
    phase = cell % cycle
    offsets = [0]
    if mission == "sentinel-1":
        # a place is seen on an ascending and a descending relative orbit in each 12-day cycle, 5 to
        # 7 days apart: with Sentinel-1A alone (2022-2025) no 8-day window is empty, as on CDSE
        offsets.append(5 + (cell >> 4) % 3)
    if mission == "sentinel-2" and abs(lat) > 40 and (cell >> 8) % 2 == 0:
        offsets.append(3)  # overlap with a neighbouring relative orbit
    keep = np.zeros(days.shape, dtype=bool)
    for sat in sats:
        active = (days >= sat.start.toordinal()) & (days < (sat.end or date(9999, 1, 1)).toordinal())
        for extra in offsets:
            on_orbit = (days - EPOCH.toordinal() - phase - sat.phase_days - extra) % cycle == 0
            keep |= active & on_orbit
    return days[keep]
