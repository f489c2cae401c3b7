"""One acquisition over one tile: the lazily computed pieces every sensor generator shares."""

from __future__ import annotations

from datetime import date

import numpy as np

from backend.datasources.simulated import spectra
from backend.datasources.simulated.clouds import CloudLayer, cloud_layer
from backend.datasources.simulated.events import Event
from backend.datasources.simulated.landcover import Surface
from backend.datasources.simulated.noise import mix
from backend.datasources.simulated.sampling import Tile, pixel_noise
from backend.datasources.simulated.state import SurfaceState, surface_state


class Scene:
    def __init__(self, surface: Surface, day: date, events: list[Event], seed: int = 0,
                 overpass_hour: float = 10.5, cloud_scale: float = 1.0) -> None:
        self.surface = surface
        self.day = day
        self.events = events
        self.seed = seed
        self.overpass_hour = overpass_hour  # local solar time of the overpass
        self.cloud_scale = cloud_scale
        self._refl: dict[float, np.ndarray] = {}
        self._state: SurfaceState | None = None
        self._clouds: CloudLayer | None = None
        self._ndvi: np.ndarray | None = None
        self._bright: np.ndarray | None = None
        self._shade: tuple[np.ndarray, np.ndarray] | None = None

    @property
    def tile(self) -> Tile:
        return self.surface.tile

    @property
    def shape(self) -> tuple[int, int]:
        return self.tile.shape

    # Plain caching, not functools.cached_property: on Python 3.11 that holds one lock shared by
    # every Scene, which serialises the Dask threads rendering different tiles and dates.
    @property
    def state(self) -> SurfaceState:
        if self._state is None:
            self._state = surface_state(self.surface, self.day, self.events, self.seed)
        return self._state

    @property
    def clouds(self) -> CloudLayer:
        if self._clouds is None:
            self._clouds = cloud_layer(self.tile, self.day, self.seed, self.cloud_scale)
        return self._clouds

    def noise(self, *keys: int) -> np.ndarray:
        """Per-pixel white noise in [0, 1) for this date and the given keys."""
        return pixel_noise(self.tile, mix(self.seed, 50, self.day.toordinal(), *keys))

    def surface_reflectance(self, wavelength_um: float) -> np.ndarray:
        """Cloud-free surface reflectance with texture (cached per wavelength)."""
        if wavelength_um not in self._refl:
            if self._bright is None:
                self._bright = np.where(self.state.water, np.float32(1.0), self.surface.brightness)
            refl = self.state.reflectance(wavelength_um)
            refl *= self._bright
            self._refl[wavelength_um] = refl
        return self._refl[wavelength_um]

    def observed_reflectance(self, wavelength_um: float, toa: bool = False, key: int = 0) -> np.ndarray:
        """Reflectance seen from orbit: surface, shadows, clouds, cirrus; `toa` adds the atmosphere."""
        c = self.clouds
        obs = self.surface_reflectance(wavelength_um)  # cached: not modified below
        if c.cloudy:  # (on clear days these terms are exactly x * 1 + 0)
            if self._shade is None:
                self._shade = (np.float32(1.0) - np.float32(0.75) * c.shadow, np.float32(1.0) - c.alpha)
            shade, clear = self._shade
            obs = obs * shade
            obs *= clear
            obs += c.alpha * spectra.signature("cloud", wavelength_um)
        if c.cirrus_day:
            obs = obs + c.cirrus * spectra.signature("cirrus", wavelength_um)
        if toa:
            obs = obs * np.float32(0.93) + spectra.rayleigh(wavelength_um) * (np.float32(1.0) - c.alpha)
        grain = self.noise(key, int(wavelength_um * 1000))
        grain -= np.float32(0.5)
        grain *= np.float32(0.04)
        grain += np.float32(1.0)
        return obs * grain

    @property
    def ndvi(self) -> np.ndarray:
        if self._ndvi is None:
            red = self.surface_reflectance(0.665)
            nir = self.surface_reflectance(0.842)
            self._ndvi = (nir - red) / np.maximum(nir + red, np.float32(1e-6))
        return self._ndvi

    def sun_angles(self) -> tuple[np.ndarray, np.ndarray]:
        """Solar zenith and azimuth (degrees) at the overpass, per pixel."""
        lat = np.radians(self.surface.lat)
        doy = self.day.timetuple().tm_yday
        decl = np.radians(23.44) * np.sin(2 * np.pi * (284 + doy) / 365.0)
        hour = np.radians(15.0 * (self.overpass_hour - 12.0))
        cos_z = np.sin(lat) * np.sin(decl) + np.cos(lat) * np.cos(decl) * np.cos(hour)
        zenith = np.degrees(np.arccos(np.clip(cos_z, -1.0, 1.0)))
        sin_z = np.sqrt(np.maximum(1.0 - cos_z ** 2, 1e-9))
        cos_az = (np.sin(decl) - np.sin(lat) * cos_z) / (np.cos(lat) * sin_z)
        azimuth = np.degrees(np.arccos(np.clip(cos_az, -1.0, 1.0)))
        azimuth = np.where(hour > 0, 360.0 - azimuth, azimuth)
        return zenith.astype(np.float32), azimuth.astype(np.float32)
