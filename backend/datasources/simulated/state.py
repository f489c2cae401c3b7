"""The surface on one date: cover fractions of spectral endmembers, after seasons and events.

`surface_state` combines the static surface (land cover, DEM, parcels) with phenology, seasonal
snow and the event registry into fractions of the endmembers that `spectra` knows (green
vegetation, conifer canopy, dry vegetation, soil, rock, urban materials, clear and turbid water,
snow, char), plus the flags sensors need (water, flooded, burned, snow).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from backend.datasources.simulated import phenology
from backend.datasources.simulated.events import Event
from backend.datasources.simulated.landcover import LandCover, Surface
from backend.datasources.simulated.noise import mix, smoothstep

ENDMEMBERS = ("veg", "conifer", "dry", "soil", "rock", "urban", "water", "turbid", "snow", "char")
# Land floods where its height-above-drainage proxy is below event weight * this scale: in a
# valley (proxy median ~0.3) a weight of 0.45 floods about half of the land, on a plateau none.
FLOOD_HAND_SCALE = 0.9


@dataclass
class SurfaceState:
    fractions: dict[str, np.ndarray]  # endmember -> float32 cover fraction (sum 1; absent ones left out)
    green: np.ndarray  # float32 green vegetation cover (veg + conifer)
    water: np.ndarray  # bool: open water (including flood water)
    flooded: np.ndarray  # bool: flood water from an event
    burned: np.ndarray  # float32 0..1 burn severity
    snow: np.ndarray  # float32 snow cover 0..1
    temperature_c: np.ndarray  # float32 daily mean air temperature


def surface_state(surface: Surface, day: date, events: list[Event], seed: int = 0) -> SurfaceState:
    lat = surface.lat.astype(np.float32)
    cover = surface.cover
    shape = cover.shape
    d = phenology.season_day(day, lat)
    seasons = phenology.seasonality(lat)
    lat_shift = np.clip((np.abs(lat) - np.float32(47.0)) * np.float32(2.5), -40.0, 40.0)
    lat_shift = lat_shift + np.float32(0.02) * np.maximum(surface.elevation, 0.0)  # later at altitude
    dry_summer = smoothstep(32.0, 38.0, np.abs(lat)) * (np.float32(1.0) - smoothstep(42.0, 46.0, np.abs(lat)))

    f = {name: np.zeros(shape, dtype=np.float32) for name in ENDMEMBERS}
    flat = {name: arr.reshape(-1) for name, arr in f.items()}
    d, seasons, lat_shift, dry_summer = (a.reshape(-1) for a in (d, seasons, lat_shift, dry_summer))
    cover_flat = cover.reshape(-1)

    def pixels(cls: LandCover) -> np.ndarray:
        return np.flatnonzero(cover_flat == cls)

    def put(i: np.ndarray, **parts: np.ndarray | float) -> None:
        for name, val in parts.items():
            flat[name][i] = val

    def grass(i: np.ndarray) -> np.ndarray:
        return phenology.grassland(d[i], dry_summer[i], lat_shift[i], seasons[i])

    i = pixels(LandCover.FOREST)
    evergreen = surface.evergreen.reshape(-1)[i]
    g = phenology.forest(d[i], evergreen, lat_shift[i], seasons[i])
    put(i, veg=g * (1.0 - evergreen), conifer=g * evergreen, dry=np.float32(0.6) * (1.0 - g), soil=np.float32(0.4) * (1.0 - g))
    i = pixels(LandCover.GRASSLAND)
    g = grass(i)
    put(i, veg=g, dry=np.float32(0.7) * (1.0 - g), soil=np.float32(0.3) * (1.0 - g))
    i = pixels(LandCover.CROPLAND)
    g, dry = phenology.cropland(d[i], surface.crop.reshape(-1)[i], surface.crop_shift.reshape(-1)[i] + lat_shift[i], seasons[i])
    put(i, veg=g, dry=dry, soil=np.clip(1.0 - g - dry, 0.0, 1.0))
    i = pixels(LandCover.SHRUB)
    g = grass(i)
    put(i, veg=np.float32(0.45) * g, dry=np.float32(0.25), soil=np.float32(0.75) - np.float32(0.45) * g)
    put(pixels(LandCover.BARE), veg=np.float32(0.03), soil=np.float32(0.55), rock=np.float32(0.42))
    i = pixels(LandCover.URBAN)
    g = surface.green_share.reshape(-1)[i] * grass(i)
    put(i, veg=g, urban=1.0 - g)
    i = pixels(LandCover.WETLAND)
    g = grass(i)
    put(i, veg=np.float32(0.2) + np.float32(0.5) * g, water=np.float32(0.8) - np.float32(0.5) * g)
    put(pixels(LandCover.WATER), water=np.float32(1.0))
    put(pixels(LandCover.SNOW), snow=np.float32(0.9), rock=np.float32(0.1))

    # Seasonal snow where it is cold enough, patchy with a per-date weather field.
    temperature = phenology.air_temperature_c(lat, surface.elevation, day)
    weather = surface.tile.fbm(3.0, 3, mix(seed, 30, day.toordinal())) - np.float32(0.5)
    snow = smoothstep(0.0, -4.0, temperature + np.float32(5.0) * weather)
    snow = np.where(cover == LandCover.WATER, np.float32(0.0), snow)
    snow = np.where(cover == LandCover.FOREST, snow * np.float32(0.6), snow)  # canopy hides snow
    snow = np.maximum(snow, (cover == LandCover.SNOW) * np.float32(0.9))
    _blend(f, "snow", snow)

    flooded = np.zeros(shape, dtype=bool)
    burned = np.zeros(shape, dtype=np.float32)
    for event in events:
        level = event.intensity(day)
        if level <= 0.0:
            continue
        weight = event.footprint(surface.lon, surface.lat) * np.float32(level * event.max_fraction)
        if event.kind == "flood":
            threshold = weight * np.float32(FLOOD_HAND_SCALE)
            hit = (surface.hand < threshold) & (cover != LandCover.WATER) & (cover != LandCover.SNOW)
            flooded |= hit
        else:
            vegetated = np.isin(cover, [LandCover.FOREST, LandCover.GRASSLAND, LandCover.SHRUB, LandCover.CROPLAND])
            patch = surface.tile.fbm(60.0, 3, mix(seed, 31))
            severity = smoothstep(0.0, 0.15, weight - np.float32(0.6) * patch) * vegetated
            burned = np.maximum(burned, severity.astype(np.float32))
    if burned.any():
        _blend(f, "char", burned * np.float32(0.85))
    if flooded.any():
        _blend(f, "turbid", flooded.astype(np.float32))

    green = f["veg"] + f["conifer"]
    water = (f["water"] + f["turbid"]) > 0.5
    snow = f["snow"]
    f = {name: frac for name, frac in f.items() if frac.any()}  # spectra mix only what is there
    return SurfaceState(fractions=f, green=green, water=water, flooded=flooded, burned=burned,
                        snow=snow, temperature_c=temperature)


def _blend(f: dict[str, np.ndarray], name: str, amount: np.ndarray) -> None:
    """Cover `amount` of every pixel with endmember `name`, scaling the others down."""
    keep = np.float32(1.0) - amount
    for other in f:
        if other != name:
            f[other] *= keep
    f[name] += amount * (np.float32(1.0) - f[name])
