"""Where and when the simulated Earth has data, without generating any of it.

`SimulatedCalendar` answers `covers(request)` and `acquisitions(request)` from the catalog and
the missions' revisit calendars (`revisit`): what validation needs to report an empty window
with the nearest dates. It imports only numpy; `SimulatedEarth` (source.py) adds the pixels.
"""

from __future__ import annotations

from datetime import datetime, timezone

import numpy as np

from backend.catalog.models import CollectionSpec
from backend.datasources.base import DataRequest
from backend.datasources.simulated.revisit import acquisition_dates, overlaps_extent


class SimulatedCalendar:
    name = "simulated"
    simulated = True

    def __init__(self, catalog: dict[str, CollectionSpec]) -> None:
        self.catalog = catalog

    def covers(self, request: DataRequest) -> bool:
        if request.collection.id not in self.catalog:
            return False
        west, south, east, north = request.bbox
        if not (-180.0 <= west < east <= 180.0 and -90.0 <= south < north <= 90.0):
            return False
        W, S, E, N = request.collection.spatial_extent
        if west >= E or east <= W or south >= N or north <= S:
            return False
        # Dates inside the extent are covered even between two overpasses: `load` then raises a
        # NoDataError that says to widen the window (more useful than "outside the extent").
        return overlaps_extent(request.collection, request.start, request.end)

    def acquisitions(self, request: DataRequest) -> list[datetime]:
        """The acquisition days (midnight UTC) of the revisit calendar at the bbox centre."""
        if request.collection.id not in self.catalog:
            return []
        W, S, E, N = request.collection.spatial_extent
        west, south, east, north = request.bbox
        if west >= E or east <= W or south >= N or north <= S:
            return []
        seconds = self._dates(request).astype("datetime64[s]").astype(np.int64)
        return [datetime.fromtimestamp(int(s), tz=timezone.utc) for s in seconds]

    def _dates(self, request: DataRequest) -> np.ndarray:
        west, south, east, north = request.bbox
        return acquisition_dates(request.collection, (west + east) / 2.0, (south + north) / 2.0,
                                 request.start, request.end)
