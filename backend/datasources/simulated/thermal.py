"""Land surface temperature (kelvin): SLSTR LST and the Landsat surface temperature band.

LST = daily mean air temperature (latitude, season, altitude) + the daytime warming of the air
and a surface offset, both growing with the sun and with dryness (bare soil, dry shrub and towns
heat most, green forests least, water stays cool: a Mediterranean July afternoon reaches 45-55 C,
as MODIS and SLSTR show over Andalusia) + an urban heat island + a per-date weather anomaly.
Under clouds the product has no value (NaN).
"""

from __future__ import annotations

import numpy as np

from backend.datasources.simulated.landcover import LandCover
from backend.datasources.simulated.noise import mix
from backend.datasources.simulated.scene import Scene

_DAY_OFFSET_K = {  # at full sun
    LandCover.WATER: -3.0, LandCover.FOREST: 1.0, LandCover.CROPLAND: 4.0, LandCover.GRASSLAND: 5.0,
    LandCover.URBAN: 9.0, LandCover.BARE: 12.0, LandCover.SNOW: -4.0, LandCover.SHRUB: 9.0,
    LandCover.WETLAND: 0.0,
}


def lst_kelvin(scene: Scene, mask_clouds: bool = True) -> np.ndarray:
    st = scene.state
    table = np.zeros(max(LandCover) + 1, dtype=np.float32)
    for cls, k in _DAY_OFFSET_K.items():
        table[cls] = k
    offset = table[scene.surface.cover]
    land = scene.surface.cover != LandCover.WATER
    # Green vegetation transpires and stays cooler; burn scars, dry crops and bare soil heat up.
    dryness = np.clip(np.float32(1.0) - st.green, 0.0, 1.0) * land
    offset = offset * (np.float32(1.0) + dryness) - np.float32(4.0) * (st.green - np.float32(0.5)) * land
    offset = np.where(st.flooded, np.float32(-3.0), offset) + np.float32(8.0) * st.burned
    zenith = scene.sun_angles()[0]
    sun = np.clip(np.cos(np.radians(zenith)), 0.0, 1.0)
    weather = (scene.tile.fbm(1.0, 3, mix(scene.seed, 80, scene.day.toordinal())) - np.float32(0.5)) * np.float32(8.0)
    daytime_air = (np.float32(4.0) + np.float32(4.0) * dryness) * sun  # above the daily mean
    temp_c = st.temperature_c + daytime_air + offset * sun + np.float32(3.0) * scene.surface.urban + weather
    temp_c = np.where(st.snow > 0.5, np.minimum(temp_c, np.float32(0.0)), temp_c)
    kelvin = (temp_c + np.float32(273.15)).astype(np.float32)
    if mask_clouds:
        kelvin = np.where(scene.clouds.alpha > 0.12, np.float32(np.nan), kelvin)
    return kelvin


def lst_uncertainty(scene: Scene) -> np.ndarray:
    base = np.float32(1.0) + np.float32(1.5) * scene.clouds.alpha + np.float32(0.5) * scene.noise(81)
    return np.where(scene.clouds.alpha > 0.12, np.float32(np.nan), base).astype(np.float32)
