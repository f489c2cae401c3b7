"""A small registry of real, well-known events that change the simulated surface.

Each event is a typed record with its area (bbox), onset, peak and recovery dates and an
effect: a flood turns low-lying land (low height-above-drainage) inside the area into turbid
water; a burn turns vegetation inside the area into a burn scar (low NIR, high SWIR). The
footprint is an ellipse inscribed in the bbox with a noisy edge, and only part of the land
inside it is affected, so before/after comparisons give meaningful maps. Dates and places are
from public reporting (see each record's `source`).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

import zlib

import numpy as np
from pydantic import BaseModel

from backend.datasources.simulated.noise import mix, value


class Event(BaseModel):
    id: str
    name: str
    kind: Literal["flood", "burn"]
    bbox: tuple[float, float, float, float]  # west, south, east, north (EPSG:4326)
    start: date  # onset: first day with an effect
    peak: date  # full extent reached and held until here
    end: date  # flood: water gone; burn: start of regrowth (the scar fades over RECOVERY_DAYS after)
    max_fraction: float = 0.35  # share of the affectable land affected at the centre at peak
    description: str = ""
    source: str = ""

    def intensity(self, day: date) -> float:
        """0 before onset, rising to 1 at peak, then receding (flood) or slowly fading (burn)."""
        d, s, p, e = day.toordinal(), self.start.toordinal(), self.peak.toordinal(), self.end.toordinal()
        if d < s:
            return 0.0
        if d < p:
            return 0.6 + 0.4 * (d - s) / max(1, p - s)
        if self.kind == "flood":
            return 1.0 if d <= p else max(0.0, 1.0 - (d - p) / max(1, e - p))
        if d <= e:
            return 1.0
        return max(0.0, 1.0 - (d - e) / RECOVERY_DAYS)

    def touches(self, bbox: tuple[float, float, float, float]) -> bool:
        w, s, e, n = bbox
        W, S, E, N = self.bbox
        return w < E and e > W and s < N and n > S

    def footprint(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """0..1 weight: 1 in the middle of the area, fading to 0 at a noisy elliptical edge."""
        W, S, E, N = self.bbox
        dx = (lon - (W + E) / 2.0) / ((E - W) / 2.0)
        dy = (lat - (S + N) / 2.0) / ((N - S) / 2.0)
        r = np.sqrt(dx * dx + dy * dy).astype(np.float32)
        wobble = value(lon, lat, 8.0 / max(1e-3, E - W), mix(zlib.crc32(self.id.encode()), 5)) - np.float32(0.5)
        return np.clip((np.float32(1.05) - r + np.float32(0.4) * wobble) / np.float32(0.35), 0.0, 1.0)


RECOVERY_DAYS = 900.0

EVENTS: list[Event] = [
    Event(id="valencia-dana-2024", name="Valencia DANA floods", kind="flood",
          bbox=(-0.55, 39.25, -0.28, 39.50), start=date(2024, 10, 29), peak=date(2024, 11, 2),
          end=date(2024, 11, 20), max_fraction=0.45,
          description="Cut-off low (DANA) of 29 October 2024: flash floods of the Poyo ravine through "
                      "Paiporta, Catarroja, Massanassa and Alfafar (l'Horta Sud) into the Albufera lagoon.",
          source="https://en.wikipedia.org/wiki/2024_Spanish_floods"),
    Event(id="boris-nysa-2024", name="Storm Boris floods, Nysa Klodzka (Poland)", kind="flood",
          bbox=(16.55, 50.25, 17.75, 50.75), start=date(2024, 9, 14), peak=date(2024, 9, 16),
          end=date(2024, 10, 1),
          description="Storm Boris, September 2024: the Nysa Klodzka and Biala Ladecka flooded Klodzko, "
                      "Glucholazy and Nysa.",
          source="https://en.wikipedia.org/wiki/Storm_Boris"),
    Event(id="boris-opava-2024", name="Storm Boris floods, Opava and Odra (Czechia)", kind="flood",
          bbox=(17.45, 49.70, 18.45, 50.10), start=date(2024, 9, 14), peak=date(2024, 9, 15),
          end=date(2024, 9, 30),
          description="Storm Boris, September 2024: the Opava and Odra rivers flooded Krnov, Opava and Ostrava.",
          source="https://en.wikipedia.org/wiki/Storm_Boris"),
    Event(id="boris-lower-austria-2024", name="Storm Boris floods, Lower Austria", kind="flood",
          bbox=(15.40, 48.05, 16.55, 48.50), start=date(2024, 9, 14), peak=date(2024, 9, 16),
          end=date(2024, 9, 30),
          description="Storm Boris, September 2024: the Kamp, Traisen, Perschling and Wien rivers flooded "
                      "Lower Austria west of Vienna (Tullnerfeld, St. Poelten).",
          source="https://en.wikipedia.org/wiki/Storm_Boris"),
    Event(id="porto-alegre-2024", name="Rio Grande do Sul floods, Porto Alegre", kind="flood",
          bbox=(-51.40, -30.15, -51.05, -29.85), start=date(2024, 5, 1), peak=date(2024, 5, 6),
          end=date(2024, 6, 10), max_fraction=0.4,
          description="May 2024: the Guaiba lake reached record levels and flooded Porto Alegre, Canoas "
                      "and Eldorado do Sul for weeks.",
          source="https://en.wikipedia.org/wiki/2024_Rio_Grande_do_Sul_floods"),
    Event(id="valparaiso-fires-2024", name="Valparaiso wildfires (Vina del Mar, Quilpue)", kind="burn",
          bbox=(-71.56, -33.12, -71.36, -33.00), start=date(2024, 2, 2), peak=date(2024, 2, 4),
          end=date(2024, 3, 1), max_fraction=0.55,
          description="2-4 February 2024: wildfires burned about 9,000 ha around Vina del Mar, Quilpue and "
                      "Villa Alemana, Chile's deadliest.",
          source="https://en.wikipedia.org/wiki/2024_Chile_wildfires"),
    Event(id="evros-fire-2023", name="Evros wildfire (Dadia, Alexandroupolis)", kind="burn",
          bbox=(25.70, 40.85, 26.35, 41.25), start=date(2023, 8, 19), peak=date(2023, 9, 2),
          end=date(2023, 10, 1), max_fraction=0.6,
          description="From 19 August 2023 the Evros fire burned over 90,000 ha including Dadia forest, "
                      "the largest wildfire recorded in the EU.",
          source="https://en.wikipedia.org/wiki/2023_Greece_wildfires"),
]


def events_near(bbox: tuple[float, float, float, float], kind: str | None = None) -> list[Event]:
    return [e for e in EVENTS if e.touches(bbox) and (kind is None or e.kind == kind)]
