"""Seasons: climate (air temperature, seasonal snow) and greenness cycles per land-cover class.

Everything is hemisphere-aware (the southern hemisphere is shifted by half a year) and weakens
towards the tropics. Greenness is the green vegetation cover fraction (0..1) of a pixel;
`dry` is senescent or harvested plant material (straw, stubble, dry grass).
"""

from __future__ import annotations

from datetime import date

import numpy as np

from backend.datasources.simulated.landcover import Crop
from backend.datasources.simulated.noise import smoothstep


def season_day(day: date, lat: np.ndarray) -> np.ndarray:
    """Day of year counted as in the northern hemisphere (southern: shifted by half a year)."""
    doy = np.float32(day.timetuple().tm_yday)
    return np.where(lat < 0, (doy + np.float32(182.5)) % np.float32(365.0), doy).astype(np.float32)


def seasonality(lat: np.ndarray) -> np.ndarray:
    """0 at the equator (no seasons), 1 from 25 degrees of latitude."""
    return smoothstep(5.0, 25.0, np.abs(lat).astype(np.float32))


def temperature_terms(lat: np.ndarray, elevation: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Static parts of the daily mean near-surface air temperature (deg C): (annual mean with a
    6.5 K/km lapse rate, seasonal amplitude); the temperature is mean + amplitude * seasonal_cycle."""
    alat = np.abs(lat).astype(np.float32)
    mean = np.float32(27.0) - np.float32(0.48) * np.maximum(alat - np.float32(15.0), 0.0)
    amplitude = np.float32(1.5) + np.float32(0.18) * np.maximum(alat - np.float32(10.0), 0.0)
    return (mean - np.float32(0.0065) * np.maximum(elevation, 0.0)).astype(np.float32), amplitude.astype(np.float32)


def seasonal_cycle(d: np.ndarray | np.float32) -> np.ndarray | np.float32:
    """-1..1 on season day `d` (see season_day): warmest around day 200."""
    return np.cos(np.float32(2 * np.pi) * (d - np.float32(200.0)) / np.float32(365.0)).astype(np.float32)


def _rise(d: np.ndarray, at: float | np.ndarray, width: float) -> np.ndarray:
    """Logistic step from 0 to 1 centred on day `at`."""
    return (1.0 / (1.0 + np.exp(np.clip((at - d) / np.float32(width), -60.0, 60.0)))).astype(np.float32)


def _between(d: np.ndarray, start: float | np.ndarray, stop: float | np.ndarray, width: float) -> np.ndarray:
    return _rise(d, start, width) * (np.float32(1.0) - _rise(d, stop, width))


def forest(d: np.ndarray, evergreen: np.ndarray, lat_shift: np.ndarray, seasons: np.ndarray) -> np.ndarray:
    leaf_on = _between(d, np.float32(115.0) + lat_shift, np.float32(295.0) - lat_shift, 8.0)
    deciduous = np.float32(0.3) + np.float32(0.62) * (seasons * leaf_on + (1.0 - seasons))
    return evergreen * np.float32(0.86) + (1.0 - evergreen) * deciduous


def grassland(d: np.ndarray, dry_summer: np.ndarray, lat_shift: np.ndarray, seasons: np.ndarray) -> np.ndarray:
    spring = _between(d, np.float32(95.0) + lat_shift, np.float32(300.0) - lat_shift, 15.0)
    summer_drought = dry_summer * _between(d, 170.0, 260.0, 10.0)
    g = np.float32(0.35) + np.float32(0.45) * spring - np.float32(0.4) * summer_drought
    return seasons * g + (1.0 - seasons) * np.float32(0.7)


def _crop_curves(kind: Crop, d: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(green, dry) of one crop type on days `d` (already shifted by parcel and latitude)."""
    if kind == Crop.WINTER_CEREAL:  # emerged over winter, peak in May, ripe late June, harvest mid July
        green = np.float32(0.2) * (_rise(d, 300.0, 6.0) + 1.0 - _rise(d, 60.0, 6.0)) + np.float32(0.72) * _between(d, 75.0, 168.0, 7.0)
        return green, np.float32(0.75) * _between(d, 160.0, 200.0, 3.0)
    if kind == Crop.MAIZE:  # sown in May, closed canopy July-August, harvested early October
        return np.float32(0.9) * _between(d, 170.0, 250.0, 9.0), np.float32(0.7) * _between(d, 245.0, 278.0, 3.0)
    if kind == Crop.SPRING_CROP:  # beet, potato: sown in April, green May-September
        return np.float32(0.85) * _between(d, 140.0, 255.0, 8.0), np.float32(0.3) * _between(d, 250.0, 268.0, 3.0)
    if kind == Crop.RAPESEED:  # green through winter, peak in April, harvested early July
        green = np.float32(0.35) * (_rise(d, 270.0, 6.0) + 1.0 - _rise(d, 60.0, 6.0)) + np.float32(0.85) * _between(d, 60.0, 160.0, 7.0)
        return green, np.float32(0.7) * _between(d, 155.0, 188.0, 3.0)
    # meadow: mown twice in summer
    cuts = (np.float32(1.0) - np.float32(0.45) * _between(d, 150.0, 165.0, 2.0)) * (np.float32(1.0) - np.float32(0.4) * _between(d, 205.0, 222.0, 2.0))
    return (np.float32(0.35) + np.float32(0.55) * _between(d, 90.0, 300.0, 12.0)) * cuts, np.float32(0.1) * (1.0 - cuts)


def cropland(kind: Crop, d: np.ndarray | np.float32, shift: np.ndarray, seasons: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(green, dry) cover of field parcels of one crop type: sowing, green-up, senescence, harvest, bare soil."""
    days = d - shift
    # (days % 365) without the slow float remainder: shifts are far below a year, and for days in
    # (-365, 730) this gives the same floats.
    days = np.where(days < 0, days + np.float32(365.0), np.where(days >= np.float32(365.0), days - np.float32(365.0), days))
    green, dry = _crop_curves(kind, days)
    return seasons * green + (1.0 - seasons) * np.float32(0.6), seasons * dry
