"""Optical products: Sentinel-2 L2A/L1C, Landsat 8-9 L2 and Sentinel-3 OLCI radiances.

Each function returns physical values (reflectance, radiance, percent, degrees, class codes)
for one band of one scene, as float32, or NaN where the product has no value; `sensors`
converts them to the band's stored digital numbers.
"""

from __future__ import annotations

import numpy as np

from backend.catalog.models import BandSpec
from backend.datasources.simulated import clouds as cl
from backend.datasources.simulated import spectra
from backend.datasources.simulated.noise import mix
from backend.datasources.simulated.scene import Scene


def reflectance(scene: Scene, band: BandSpec, toa: bool = False) -> np.ndarray:
    wl = band.center_wavelength_um or 0.665
    return np.clip(scene.observed_reflectance(wl, toa=toa), 0.0001, 1.6)


def surface_scl_class(scene: Scene) -> np.ndarray:
    st = scene.state
    out = np.where(scene.ndvi > 0.4, np.uint8(cl.SCL_VEGETATION), np.uint8(cl.SCL_NOT_VEGETATED))
    np.copyto(out, cl.SCL_WATER, where=st.water)
    np.copyto(out, cl.SCL_SNOW, where=st.snow > 0.35)
    return out


def scl(scene: Scene) -> np.ndarray:
    return cl.scl(surface_scl_class(scene), scene.clouds).astype(np.float32)


def cloud_probability(scene: Scene) -> np.ndarray:
    return cl.cloud_probability(scene.clouds)


def snow_probability(scene: Scene) -> np.ndarray:
    return np.clip(scene.state.snow * 100.0 * (1.0 - scene.clouds.alpha), 0, 100).astype(np.float32)


def aerosol_optical_thickness(scene: Scene) -> np.ndarray:
    haze = scene.tile.fbm(1.5, 3, mix(scene.seed, 60, scene.day.toordinal()))
    return (np.float32(0.05) + np.float32(0.3) * haze ** 2 + np.float32(0.08) * scene.surface.urban).astype(np.float32)


def water_vapour_cm(scene: Scene) -> np.ndarray:
    t = scene.state.temperature_c
    return np.clip(np.float32(1.2) + np.float32(0.09) * t, 0.2, 5.0).astype(np.float32)


def sun_zenith(scene: Scene) -> np.ndarray:
    return scene.sun_angles()[0]


def sun_azimuth(scene: Scene) -> np.ndarray:
    return scene.sun_angles()[1]


def view_zenith(scene: Scene) -> np.ndarray:
    """Across-track viewing angle: 0 at nadir, up to ~11 degrees at the swath edge (2.5-degree cells)."""
    pos = (scene.surface.lon / 2.5) % 1.0
    return (np.abs(pos - 0.5) * 22.0).astype(np.float32)


def view_azimuth(scene: Scene) -> np.ndarray:
    pos = (scene.surface.lon / 2.5) % 1.0
    return np.where(pos < 0.5, np.float32(285.0), np.float32(105.0)).astype(np.float32)


# Landsat Collection 2 QA_PIXEL bits
_QA_DILATED, _QA_CIRRUS, _QA_CLOUD, _QA_SHADOW, _QA_SNOW, _QA_CLEAR, _QA_WATER = 1, 2, 3, 4, 5, 6, 7


def landsat_qa_pixel(scene: Scene) -> np.ndarray:
    c, st = scene.clouds, scene.state
    cloud = c.alpha > 0.12
    shadow = (c.shadow > 0.3) & ~cloud
    cirrus = c.cirrus > 0.06
    snow = (st.snow > 0.5) & ~cloud
    water = st.water & ~cloud
    qa = np.zeros(scene.shape, dtype=np.uint32)
    qa |= (cloud.astype(np.uint32) << _QA_CLOUD) | (shadow.astype(np.uint32) << _QA_SHADOW)
    qa |= (cirrus.astype(np.uint32) << _QA_CIRRUS) | (snow.astype(np.uint32) << _QA_SNOW)
    qa |= (water.astype(np.uint32) << _QA_WATER)
    qa |= ((c.alpha > 0.05) & ~cloud).astype(np.uint32) << _QA_DILATED
    qa |= (~(cloud | shadow | cirrus)).astype(np.uint32) << _QA_CLEAR
    # confidence pairs: cloud (bits 8-9), shadow (10-11), snow (12-13), cirrus (14-15): low=1, high=3
    qa |= np.where(cloud, 3, 1).astype(np.uint32) << 8
    qa |= np.where(shadow, 3, 1).astype(np.uint32) << 10
    qa |= np.where(snow, 3, 1).astype(np.uint32) << 12
    qa |= np.where(cirrus, 3, 1).astype(np.uint32) << 14
    return qa.astype(np.float32)


def radiance(scene: Scene, band: BandSpec) -> np.ndarray:
    """Top-of-atmosphere radiance, mW m-2 sr-1 nm-1 (OLCI Level-1B)."""
    wl = band.center_wavelength_um or 0.665
    rho = scene.observed_reflectance(wl, toa=True)
    cos_sza = np.cos(np.radians(sun_zenith(scene)))
    return (rho * spectra.solar_irradiance(wl) * np.maximum(cos_sza, 0.05) / np.float32(np.pi)).astype(np.float32)
