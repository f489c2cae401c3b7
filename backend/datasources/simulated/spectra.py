"""Spectral signatures (reflectance 0..1) of the surface endmembers, clouds and the atmosphere.

Signatures are tabulated at Sentinel-2 centre wavelengths and interpolated for any band
(Landsat, OLCI, unknown bands with a wavelength). They are tuned so that indices behave as in
real scenes: green vegetation NDVI 0.8-0.9 (field and forest medians 0.6-0.9), water NDWI > 0
and NDVI < 0, soil and built-up NDVI 0.1-0.25, snow NDSI > 0.7, burn scars NBR < 0 (low NIR,
high SWIR), clouds bright and flat, cirrus visible at 1375 nm.
"""

from __future__ import annotations

import numpy as np

WAVELENGTHS_UM = np.array([0.443, 0.490, 0.560, 0.665, 0.705, 0.740, 0.783, 0.842, 0.865, 0.945, 1.375, 1.610, 2.190])

SIGNATURES: dict[str, list[float]] = {
    #          443    490    560    665    705    740    783    842    865    945    1375   1610   2190
    "veg":    [0.018, 0.025, 0.055, 0.025, 0.110, 0.300, 0.390, 0.410, 0.420, 0.400, 0.004, 0.210, 0.095],
    "conifer": [0.013, 0.019, 0.040, 0.018, 0.075, 0.210, 0.280, 0.300, 0.305, 0.290, 0.003, 0.140, 0.060],
    "dry":    [0.065, 0.085, 0.115, 0.160, 0.190, 0.215, 0.235, 0.250, 0.260, 0.270, 0.005, 0.380, 0.280],
    "soil":   [0.080, 0.100, 0.125, 0.150, 0.165, 0.180, 0.190, 0.200, 0.210, 0.220, 0.005, 0.330, 0.280],
    "rock":   [0.100, 0.115, 0.135, 0.155, 0.165, 0.175, 0.185, 0.195, 0.205, 0.215, 0.005, 0.260, 0.220],
    "urban":  [0.085, 0.100, 0.115, 0.125, 0.135, 0.145, 0.155, 0.165, 0.170, 0.175, 0.005, 0.220, 0.200],
    "water":  [0.075, 0.075, 0.080, 0.055, 0.040, 0.030, 0.026, 0.025, 0.022, 0.015, 0.001, 0.005, 0.003],
    "turbid": [0.080, 0.100, 0.125, 0.115, 0.090, 0.070, 0.058, 0.050, 0.045, 0.030, 0.001, 0.012, 0.006],
    "snow":   [0.900, 0.920, 0.900, 0.870, 0.850, 0.830, 0.810, 0.780, 0.760, 0.700, 0.020, 0.120, 0.060],
    "char":   [0.040, 0.045, 0.050, 0.060, 0.070, 0.080, 0.090, 0.100, 0.105, 0.110, 0.004, 0.200, 0.180],
    "cloud":  [0.560, 0.570, 0.580, 0.590, 0.590, 0.590, 0.590, 0.580, 0.580, 0.540, 0.300, 0.450, 0.300],
    "cirrus": [0.300, 0.300, 0.300, 0.300, 0.300, 0.300, 0.300, 0.300, 0.300, 0.280, 0.400, 0.250, 0.180],
}

# Exo-atmospheric solar irradiance, mW m-2 nm-1 (approximate Thuillier 2003), for radiances.
_E0_WL = np.array([0.400, 0.443, 0.490, 0.560, 0.620, 0.665, 0.709, 0.754, 0.779, 0.865, 0.940, 1.020, 1.610, 2.190])
_E0 = np.array([1720, 1880, 1950, 1830, 1700, 1530, 1410, 1270, 1175, 955, 815, 720, 245, 85], dtype=float)


def signature(name: str, wavelength_um: float) -> np.float32:
    return np.float32(np.interp(wavelength_um, WAVELENGTHS_UM, SIGNATURES[name]))


def rayleigh(wavelength_um: float) -> np.float32:
    """Top-of-atmosphere path reflectance added to surface reflectance (Level-1C)."""
    return np.float32(0.1 * (0.443 / wavelength_um) ** 4)


def solar_irradiance(wavelength_um: float) -> np.float32:
    return np.float32(np.interp(wavelength_um, _E0_WL, _E0))
