"""Sentinel-1 GRD backscatter: sigma0 in linear power units, with speckle.

Typical C-band values per surface (dB, VV / VH): calm water -22 / -28 (dark: floods show up),
forest -7.5 / -13, crops -13..-9 / -21..-14 as the canopy grows, grassland -11 / -18, towns
-3 / -10 (double bounce), bare soil -14 / -22, wet snow -18 / -25, burn scars -11 / -19.
Speckle is multiplicative gamma noise of a multi-looked GRD (about 4 looks), keyed on the
pixel and date; a noise floor (NESZ) of about -26 dB.
"""

from __future__ import annotations

import numpy as np

from backend.datasources.simulated.landcover import LandCover
from backend.datasources.simulated.scene import Scene

_DB = {  # class: (VV, VH)
    LandCover.WATER: (-22.0, -28.0),
    LandCover.FOREST: (-7.5, -13.0),
    LandCover.CROPLAND: (-13.0, -21.0),
    LandCover.GRASSLAND: (-11.0, -18.0),
    LandCover.URBAN: (-3.0, -10.0),
    LandCover.BARE: (-13.0, -21.0),
    LandCover.SNOW: (-12.0, -20.0),
    LandCover.SHRUB: (-10.5, -17.5),
    LandCover.WETLAND: (-15.0, -22.0),
}
NESZ = 10 ** (-26 / 10)
LOOKS = 4


def sigma0(scene: Scene, polarisation: str) -> np.ndarray:
    cross = polarisation.upper() in ("VH", "HV")
    cover = scene.surface.cover
    st = scene.state
    table = np.full(max(LandCover) + 1, -15.0, dtype=np.float32)
    for cls, (vv, vh) in _DB.items():
        table[cls] = vh if cross else vv
    db = table[cover]
    crops = cover == LandCover.CROPLAND
    db = np.where(crops, db + (np.float32(7.0) if cross else np.float32(4.0)) * st.green, db)
    wet_snow = (st.snow > 0.5) & (st.temperature_c > -1.0)
    db = np.where(wet_snow, np.float32(-25.0 if cross else -18.0), db)
    db = np.where(st.burned > 0.3, np.float32(-19.0 if cross else -11.0), db)
    db = np.where(st.flooded, np.float32(-27.0 if cross else -21.0), db)
    if polarisation.upper() == "HH":
        db = db + np.float32(1.0)
    texture = np.float32(1.5) * (scene.surface.brightness - np.float32(1.0)) / np.float32(0.15)
    db = db + np.where(cover == LandCover.WATER, np.float32(0.0), texture)
    linear = np.float32(10.0) ** (db / np.float32(10.0))
    # Gamma(LOOKS) speckle with mean 1: the mean of LOOKS unit exponentials.
    key = {"VV": 0, "VH": 1, "HH": 2, "HV": 3}.get(polarisation.upper(), 4)
    speckle = np.zeros(scene.shape, dtype=np.float32)
    for look in range(LOOKS):
        u = scene.noise(70, key, look)
        speckle -= np.log(np.maximum(u, np.float32(1e-7)))
    speckle /= np.float32(LOOKS)
    return (linear * speckle + np.float32(NESZ) * scene.noise(71, key)).astype(np.float32)
