"""Sentinel-5P TROPOMI trace gases, in the product's units (mol/m2; CH4 in ppb).

Columns vary with season, latitude and a per-date weather field; NO2 has hot spots over towns
and cities (more in winter, less on Sundays), CO and the aerosol index rise over active fires.
Retrievals of NO2, HCHO and SO2 are missing (NaN) under thick clouds, as after QA filtering.
"""

from __future__ import annotations

import zlib

import numpy as np

from backend.catalog.models import BandSpec
from backend.datasources.simulated.noise import mix
from backend.datasources.simulated.phenology import season_day
from backend.datasources.simulated.scene import Scene

_QA_FILTERED = {"NO2", "HCHO", "SO2"}


def column(scene: Scene, band: BandSpec) -> np.ndarray:
    name = band.name.upper()
    lat = scene.surface.lat.astype(np.float32)
    st = scene.state
    winter = np.float32(0.5) - np.float32(0.5) * np.cos(np.float32(2 * np.pi) * (season_day(scene.day, lat) - np.float32(15.0)) / np.float32(365.0))
    winter = np.float32(1.0) - winter  # 1 in mid-January (north), 0 in mid-July
    weather = scene.tile.fbm(0.8, 3, mix(scene.seed, 90, scene.day.toordinal(), zlib.crc32(name.encode())))
    fire = np.float32(1.0) * (st.burned > 0) * np.float32(scene_fire_active(scene))
    noise = scene.noise(91, zlib.crc32(name.encode())) - np.float32(0.5)
    cf = scene.clouds.alpha
    if name == "NO2":
        sunday = np.float32(0.7 if scene.day.weekday() == 6 else 1.0)
        urban = scene.surface.urban ** np.float32(1.3)
        val = np.float32(1.5e-5) + np.float32(1.6e-4) * urban * (np.float32(0.7) + np.float32(0.6) * winter) * sunday
        val = val * (np.float32(0.6) + np.float32(0.8) * weather) + np.float32(8e-6) * noise
    elif name == "CO":
        val = np.float32(0.03) + np.float32(0.006) * winter + np.float32(0.004) * scene.surface.urban + np.float32(0.03) * fire
        val = val * (np.float32(0.9) + np.float32(0.2) * weather) + np.float32(0.002) * noise
    elif name == "CH4":
        years = np.float32(scene.day.year - 2018 + scene.day.timetuple().tm_yday / 365.0)
        val = np.float32(1855.0) + np.float32(10.0) * years + np.float32(15.0) * (1 - winter) * (lat > 0) + np.float32(10.0) * noise
    elif name == "O3":
        val = np.float32(0.125) + np.float32(0.00045) * np.abs(lat) * (np.float32(0.5) + winter) + np.float32(0.01) * (weather - np.float32(0.5))
    elif name == "SO2":
        val = np.float32(4e-5) * (weather - np.float32(0.5)) + np.float32(1.5e-4) * noise
    elif name == "HCHO":
        val = np.float32(6e-5) + np.float32(1.2e-4) * (1 - winter) * st.green + np.float32(3e-5) * noise
    elif name.startswith("AER_AI"):
        val = np.float32(-0.8) + np.float32(1.2) * weather + np.float32(3.0) * fire + np.float32(0.3) * noise
    elif name == "CLOUD_FRACTION":
        return np.clip(cf, 0.0, 1.0).astype(np.float32)
    elif name in ("CLOUD_TOP_PRESSURE", "CLOUD_BASE_PRESSURE"):
        top = name == "CLOUD_TOP_PRESSURE"
        val = np.float32(55000.0 if top else 80000.0) + np.float32(20000.0) * (weather - np.float32(0.5))
        return np.where(cf > 0.05, val, np.float32(np.nan)).astype(np.float32)
    elif name in ("CLOUD_TOP_HEIGHT", "CLOUD_BASE_HEIGHT"):
        top = name == "CLOUD_TOP_HEIGHT"
        val = np.float32(5000.0 if top else 1500.0) + np.float32(3000.0) * (weather - np.float32(0.5))
        return np.where(cf > 0.05, val, np.float32(np.nan)).astype(np.float32)
    elif name == "CLOUD_OPTICAL_THICKNESS":
        return (np.float32(40.0) * cf).astype(np.float32)
    else:
        val = np.float32(1e-4) * weather
    if name in _QA_FILTERED:
        val = np.where(cf > 0.5, np.float32(np.nan), val)
    return val.astype(np.float32)


def scene_fire_active(scene: Scene) -> bool:
    return any(e.kind == "burn" and e.start <= scene.day <= e.end for e in scene.events)

