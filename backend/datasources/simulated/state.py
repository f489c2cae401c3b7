"""The surface on one date: cover fractions of spectral endmembers, after seasons and events.

`surface_state` combines the static surface (land cover, DEM, parcels) with phenology, seasonal
snow and the event registry into fractions of the endmembers that `spectra` knows (green
vegetation, conifer canopy, dry vegetation, soil, rock, urban materials, clear and turbid water,
snow, char), plus the flags sensors need (water, flooded, burned, snow).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

import numpy as np

from backend.datasources.simulated import phenology, spectra
from backend.datasources.simulated.events import Event
from backend.datasources.simulated.landcover import Crop, LandCover, Surface
from backend.datasources.simulated.noise import mix, smoothstep

ENDMEMBERS = ("veg", "conifer", "dry", "soil", "rock", "urban", "water", "turbid", "snow", "char")
# Land floods where its height-above-drainage proxy is below event weight * this scale: in a
# valley (proxy median ~0.3) a weight of 0.45 floods about half of the land, on a plateau none.
FLOOD_HAND_SCALE = 0.9


class SurfaceState:
    """The surface on one date (see module docstring), computed in class-sorted pixel order.

    Pixels are kept sorted by land-cover class (and crop type), so each class's phenology runs on
    contiguous slices without gathers; the endmember fractions of a class are a few arrays (or
    constants) on its slice. Any linear function of the fractions, a reflectance at one
    wavelength or the green / water / snow cover, is mixed on the slices, passed through the
    date's blends (snow, char, flood water) and put back into image order once.
    """

    def __init__(self, surface: Surface, static: _Static, parts: dict[int, dict[str, np.ndarray | np.float32]],
                 blends: list[tuple[str, np.ndarray]], flooded: np.ndarray | None, burned: np.ndarray | None,
                 temperature_c: np.ndarray) -> None:
        self._surface = surface
        self._static = static
        self._parts = parts
        self._blends = blends
        self._flooded = flooded
        self._burned = burned
        self.temperature_c = temperature_c  # float32 daily mean air temperature
        self._cache: dict[str, np.ndarray] = {}

    @property
    def shape(self) -> tuple[int, int]:
        return self._surface.cover.shape

    def mix(self, weights: dict[str, float]) -> np.ndarray:
        """sum(weight * fraction) over the endmembers, per pixel (float32, image order)."""
        st = self._static
        if not any(weights.get(name, 0.0) for parts in self._parts.values() for name in parts) and \
                not any(weights.get(name, 0.0) for name, _ in self._blends):
            return np.zeros(self.shape, dtype=np.float32)  # e.g. snow cover in summer
        out = np.zeros(st.perm.size, dtype=np.float32)
        for cls, parts in self._parts.items():
            acc = None
            for name, frac in parts.items():
                w = weights.get(name, 0.0)
                if w:
                    term = frac * np.float32(w)
                    acc = term if acc is None else acc + term
            if acc is not None:
                out[st.slices[cls]] = acc
        for name, amount in self._blends:
            out *= np.float32(1.0) - amount
            w = weights.get(name, 0.0)
            if w:
                out += amount * np.float32(w)
        return np.take(out, st.inv).reshape(self.shape)

    def reflectance(self, wavelength_um: float) -> np.ndarray:
        """Linear mixture of the endmember signatures at one wavelength."""
        return self.mix({name: float(spectra.signature(name, wavelength_um)) for name in ENDMEMBERS})

    def _cached(self, key: str, weights: dict[str, float]) -> np.ndarray:
        if key not in self._cache:
            self._cache[key] = self.mix(weights)
        return self._cache[key]

    @property
    def green(self) -> np.ndarray:
        """float32 green vegetation cover (veg + conifer)."""
        return self._cached("green", {"veg": 1.0, "conifer": 1.0})

    @property
    def water(self) -> np.ndarray:
        """bool: open water (including flood water)."""
        if "water" not in self._cache:
            self._cache["water"] = self.mix({"water": 1.0, "turbid": 1.0}) > 0.5
        return self._cache["water"]

    @property
    def snow(self) -> np.ndarray:
        """float32 snow cover 0..1."""
        return self._cached("snow", {"snow": 1.0})

    @property
    def flooded(self) -> np.ndarray:
        """bool: flood water from an event."""
        return self._flooded if self._flooded is not None else np.zeros(self.shape, dtype=bool)

    @property
    def burned(self) -> np.ndarray:
        """float32 0..1 burn severity."""
        return self._burned if self._burned is not None else np.zeros(self.shape, dtype=np.float32)


@dataclass
class _Static:
    """What every date of a tile shares: the class-sorted pixel order and static drivers in it."""

    perm: np.ndarray  # flat image index of each sorted position
    inv: np.ndarray  # sorted position of each flat image index
    slices: dict[int, slice]  # class -> its run of sorted positions
    crop_slices: dict[int, slice]  # Crop -> its run inside the cropland run
    south: np.ndarray | None  # bool (sorted order) where some pixels are in the southern hemisphere, else None
    southern: bool  # all pixels in the southern hemisphere
    seasons: np.ndarray  # float32, sorted order
    lat_shift: np.ndarray
    dry_summer: np.ndarray
    evergreen: np.ndarray
    crop_shift: np.ndarray  # parcel shift + lat_shift
    green_share: np.ndarray
    temp_mean: np.ndarray  # float32 image order: mean temperature minus the lapse rate
    temp_amplitude: np.ndarray
    temp_bounds: tuple[float, float, float, float]  # min/max of temp_mean, min/max of temp_amplitude
    has_snow_class: bool


def _static(surface: Surface) -> _Static:
    cached = surface.cache.get("state")
    if cached is not None:
        return cached
    with surface.cache.setdefault("state-lock", threading.Lock()):  # dates of a tile render in parallel
        if "state" not in surface.cache:
            surface.cache["state"] = _compute_static(surface)
        return surface.cache["state"]


def _compute_static(surface: Surface) -> _Static:
    lat = surface.lat.astype(np.float32)
    cover = surface.cover.reshape(-1)
    key = (cover * np.uint8(8) + np.where(cover == LandCover.CROPLAND, surface.crop.reshape(-1), np.uint8(0))).astype(np.uint8)
    perm = np.argsort(key, kind="stable").astype(np.int32)  # uint8 keys: a linear-time radix sort
    inv = np.empty_like(perm)
    inv[perm] = np.arange(perm.size, dtype=np.int32)
    sorted_key = key[perm]
    bounds = np.flatnonzero(np.diff(sorted_key)) + 1
    starts = np.concatenate([[0], bounds])
    stops = np.concatenate([bounds, [perm.size]])
    slices: dict[int, slice] = {}
    crop_slices: dict[int, slice] = {}
    for a, b in zip(starts, stops):
        cls, crop = divmod(int(sorted_key[a]), 8)
        prev = slices.get(cls)
        slices[cls] = slice(prev.start if prev else int(a), int(b))
        if cls == LandCover.CROPLAND:
            crop_slices[crop] = slice(int(a), int(b))

    def srt(a: np.ndarray) -> np.ndarray:
        return np.ascontiguousarray(a.reshape(-1)[perm])

    lat_s = srt(lat)
    seasons = phenology.seasonality(lat_s)
    lat_shift = np.clip((np.abs(lat_s) - np.float32(47.0)) * np.float32(2.5), -40.0, 40.0)
    lat_shift = lat_shift + np.float32(0.02) * np.maximum(srt(surface.elevation), 0.0)  # later at altitude
    dry_summer = smoothstep(32.0, 38.0, np.abs(lat_s)) * (np.float32(1.0) - smoothstep(42.0, 46.0, np.abs(lat_s)))
    south = lat_s < 0
    southern = bool(south.all())
    temp_mean, temp_amplitude = phenology.temperature_terms(lat, surface.elevation)
    static = _Static(
        perm=perm, inv=inv, slices=slices, crop_slices=crop_slices,
        south=south if (south.any() and not southern) else None, southern=southern,
        seasons=seasons, lat_shift=lat_shift.astype(np.float32), dry_summer=dry_summer,
        evergreen=srt(surface.evergreen), crop_shift=srt(surface.crop_shift) + lat_shift.astype(np.float32),
        green_share=srt(surface.green_share), temp_mean=temp_mean, temp_amplitude=temp_amplitude,
        temp_bounds=(float(temp_mean.min()), float(temp_mean.max()), float(temp_amplitude.min()), float(temp_amplitude.max())),
        has_snow_class=bool(LandCover.SNOW in slices))
    return static


def surface_state(surface: Surface, day: date, events: list[Event], seed: int = 0) -> SurfaceState:
    st = _static(surface)
    cover = surface.cover
    doy = np.float32(day.timetuple().tm_yday)
    doy_south = (doy + np.float32(182.5)) % np.float32(365.0)
    if st.south is not None:
        d: np.ndarray | np.float32 = np.where(st.south, doy_south, doy).astype(np.float32)
    else:
        d = doy_south if st.southern else doy

    def cut(a: np.ndarray | np.float32, sl: slice) -> np.ndarray | np.float32:
        return a[sl] if isinstance(a, np.ndarray) and a.ndim else a

    def grass(sl: slice) -> np.ndarray:
        return phenology.grassland(cut(d, sl), st.dry_summer[sl], st.lat_shift[sl], st.seasons[sl])

    parts: dict[int, dict[str, np.ndarray | np.float32]] = {}
    one = np.float32(1.0)
    for cls, sl in st.slices.items():
        if cls == LandCover.FOREST:
            evergreen = st.evergreen[sl]
            g = phenology.forest(cut(d, sl), evergreen, st.lat_shift[sl], st.seasons[sl])
            parts[cls] = {"veg": g * (one - evergreen), "conifer": g * evergreen,
                          "dry": np.float32(0.6) * (one - g), "soil": np.float32(0.4) * (one - g)}
        elif cls == LandCover.GRASSLAND:
            g = grass(sl)
            parts[cls] = {"veg": g, "dry": np.float32(0.7) * (one - g), "soil": np.float32(0.3) * (one - g)}
        elif cls == LandCover.CROPLAND:
            g = np.empty(sl.stop - sl.start, dtype=np.float32)
            dry = np.empty_like(g)
            for kind, sub in st.crop_slices.items():
                local = slice(sub.start - sl.start, sub.stop - sl.start)
                g[local], dry[local] = phenology.cropland(Crop(kind), cut(d, sub), st.crop_shift[sub], st.seasons[sub])
            parts[cls] = {"veg": g, "dry": dry, "soil": np.clip(one - g - dry, 0.0, 1.0)}
        elif cls == LandCover.SHRUB:
            g = grass(sl)
            parts[cls] = {"veg": np.float32(0.45) * g, "dry": np.float32(0.25), "soil": np.float32(0.75) - np.float32(0.45) * g}
        elif cls == LandCover.BARE:
            parts[cls] = {"veg": np.float32(0.03), "soil": np.float32(0.55), "rock": np.float32(0.42)}
        elif cls == LandCover.URBAN:
            g = st.green_share[sl] * grass(sl)
            parts[cls] = {"veg": g, "urban": one - g}
        elif cls == LandCover.WETLAND:
            g = grass(sl)
            parts[cls] = {"veg": np.float32(0.2) + np.float32(0.5) * g, "water": np.float32(0.8) - np.float32(0.5) * g}
        elif cls == LandCover.WATER:
            parts[cls] = {"water": one}
        elif cls == LandCover.SNOW:
            parts[cls] = {"snow": np.float32(0.9), "rock": np.float32(0.1)}

    def srt(a: np.ndarray) -> np.ndarray:
        return np.take(a.reshape(-1), st.perm)

    blends: list[tuple[str, np.ndarray]] = []
    # Seasonal snow where it is cold enough, patchy with a per-date weather field.
    if st.south is None:
        seasonal = phenology.seasonal_cycle(doy_south if st.southern else doy)
    else:
        seasonal = phenology.seasonal_cycle(phenology.season_day(day, surface.lat.astype(np.float32)))
    temperature = st.temp_mean + st.temp_amplitude * seasonal
    t_min, _, a_min, a_max = st.temp_bounds
    s_min = float(np.min(seasonal))
    coldest = t_min + s_min * (a_max if s_min < 0 else a_min)
    # snow = smoothstep(0, -4, temperature + 5 * weather) with weather in [-0.5, 0.5]: none above 2.5 C.
    if coldest < 2.6 or st.has_snow_class:
        weather = surface.tile.fbm(3.0, 3, mix(seed, 30, day.toordinal())) - np.float32(0.5)
        snow = smoothstep(0.0, -4.0, temperature + np.float32(5.0) * weather)
        snow = np.where(cover == LandCover.WATER, np.float32(0.0), snow)
        snow = np.where(cover == LandCover.FOREST, snow * np.float32(0.6), snow)  # canopy hides snow
        snow = np.maximum(snow, (cover == LandCover.SNOW) * np.float32(0.9))
        if snow.any():
            blends.append(("snow", srt(snow.astype(np.float32))))

    flooded = None
    burned = None
    for event in events:
        level = event.intensity(day)
        if level <= 0.0:
            continue
        weight = event.footprint(surface.lon, surface.lat) * np.float32(level * event.max_fraction)
        if event.kind == "flood":
            threshold = weight * np.float32(FLOOD_HAND_SCALE)
            hit = (surface.hand < threshold) & (cover != LandCover.WATER) & (cover != LandCover.SNOW)
            flooded = hit if flooded is None else flooded | hit
        else:
            vegetated = np.isin(cover, [LandCover.FOREST, LandCover.GRASSLAND, LandCover.SHRUB, LandCover.CROPLAND])
            patch = surface.tile.fbm(60.0, 3, mix(seed, 31))
            severity = (smoothstep(0.0, 0.15, weight - np.float32(0.6) * patch) * vegetated).astype(np.float32)
            burned = severity if burned is None else np.maximum(burned, severity)
    if burned is not None and burned.any():
        blends.append(("char", srt(burned * np.float32(0.85))))
    if flooded is not None and flooded.any():
        blends.append(("turbid", srt(flooded.astype(np.float32))))
    return SurfaceState(surface, st, parts, blends, flooded, burned, temperature.astype(np.float32))
