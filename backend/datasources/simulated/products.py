"""Generators for the derived products of the catalog: PROBA-V, ESA WorldCereal, the 10 m land
cover map (LCFM / CLMS LCM-10) and Global Flood Monitoring (GFM).

Each reads the same simulated surface as the sensors (land cover, vegetation state, water,
registered flood events), so a WorldCereal crop mask lies on the simulated crop fields, GFM's
flood extent on the simulated floods and PROBA-V's NDVI follows the same seasons as Sentinel-2.
`generator(family, band)` returns None for families this module does not know.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from backend.catalog.models import BandSpec
from backend.datasources.simulated import optical
from backend.datasources.simulated.landcover import LandCover
from backend.datasources.simulated.scene import Scene

__all__ = ["family", "generator", "LCFM_LEGEND"]

Generator = Callable[[Scene, BandSpec], np.ndarray]

# LCM-10 legend (LCFM / CLMS global 10 m land cover)
LCFM_LEGEND = {
    LandCover.FOREST: 10, LandCover.SHRUB: 20, LandCover.GRASSLAND: 30, LandCover.CROPLAND: 40, LandCover.WETLAND: 50,
    LandCover.BARE: 80, LandCover.URBAN: 90, LandCover.WATER: 100, LandCover.SNOW: 110,
}
_PREFIXES = (("PROBAV_", "probav"), ("ESA_WORLDCEREAL", "worldcereal"), ("LCFM_", "lcfm"), ("CLMS_LCM", "lcfm"), ("GFM", "gfm"))
_PROBAV_WAVELENGTHS = {"BLUE": 0.46, "RED": 0.655, "NIR": 0.835, "SWIR": 1.6}


def family(collection_id: str) -> str | None:
    cid = collection_id.upper()
    return next((fam for prefix, fam in _PREFIXES if cid.startswith(prefix)), None)


def _reflectance(scene: Scene, name: str) -> np.ndarray:
    """A synthesis keeps each pixel's clearest observation: the surface without clouds."""
    return np.clip(scene.surface_reflectance(_PROBAV_WAVELENGTHS[name]), 0.0001, 1.6).astype(np.float32)


def _probav(band: BandSpec) -> Generator | None:
    name = band.name.upper()
    if name == "NDVI":
        def ndvi(scene: Scene, b: BandSpec) -> np.ndarray:
            red, nir = _reflectance(scene, "RED"), _reflectance(scene, "NIR")
            return (nir - red) / np.maximum(nir + red, np.float32(1e-6))
        return ndvi
    if name in _PROBAV_WAVELENGTHS:
        return lambda scene, b: _reflectance(scene, b.name.upper())
    if name in ("SZA", "SAA"):
        return lambda scene, b: optical.sun_zenith(scene) if b.name.upper() == "SZA" else optical.sun_azimuth(scene)
    if name.endswith(("VZA", "VAA")):
        return lambda scene, b: optical.view_zenith(scene) if b.name.upper().endswith("VZA") else optical.view_azimuth(scene)
    if name == "SM":  # status map: clear land 248 (bits: blue, red, NIR, SWIR good, land), clouds flagged
        return lambda scene, b: np.where(scene.clouds.alpha > 0.5, np.float32(249), np.float32(248))
    return None


def _cropland(scene: Scene) -> np.ndarray:
    return scene.surface.cover == LandCover.CROPLAND


def _worldcereal(collection_id: str, band: BandSpec) -> Generator:
    product = collection_id.upper().removeprefix("ESA_WORLDCEREAL_")
    share = {"TEMPORARYCROPS": 1.0, "ACTIVECROPLAND": 0.9, "WINTERCEREALS": 0.45, "MAIZE": 0.3, "SPRINGCEREALS": 0.2, "IRRIGATION": 0.15}.get(product, 0.5)

    def classification(scene: Scene, b: BandSpec) -> np.ndarray:
        crops = _cropland(scene)
        if share < 1.0:  # a crop type takes part of the fields, chosen per field by smooth noise
            crops &= scene.tile.fbm(300.0, 2, 7 + len(product)) < share
        return np.where(crops, np.float32(100), np.float32(0))

    if band.name.upper() == "CONFIDENCE":
        return lambda scene, b: np.clip(np.float32(60) + np.float32(35) * scene.tile.fbm(300.0, 2, 11), 0, 100)
    return classification


def _lcfm(scene: Scene, band: BandSpec) -> np.ndarray:
    table = np.full(max(LandCover) + 1, 254, dtype=np.float32)
    for cls, code in LCFM_LEGEND.items():
        table[cls] = code
    out = table[scene.surface.cover]
    lat = np.abs(scene.surface.lat)
    out = np.where((out == 50) & (lat < 25), np.float32(60), out)  # tropical wetlands: mangroves
    return np.where((out == 30) & (lat > 66), np.float32(70), out)  # tundra: moss and lichen


def _gfm(band: BandSpec) -> Generator:
    name = band.name.lower()
    if name in ("flood_extent", "ensemble_flood_extent"):
        return lambda scene, b: scene.state.flooded.astype(np.float32)
    if name in ("reference_water_mask", "ensemble_water_extent"):
        return lambda scene, b: (scene.state.water & ~scene.state.flooded).astype(np.float32)
    if name == "exclusion_mask":  # radar shadow / urban / steep terrain: no flood mapping possible
        return lambda scene, b: (scene.surface.cover == LandCover.URBAN).astype(np.float32)
    if name in ("likelihood_values", "ensemble_likelihood"):
        return lambda scene, b: np.where(scene.state.flooded, np.float32(85), np.float32(5))
    return lambda scene, b: np.zeros(scene.shape, dtype=np.float32)  # advisory flags: none


def generator(fam: str | None, collection_id: str, band: BandSpec) -> Generator | None:
    if fam == "probav":
        return _probav(band)
    if fam == "worldcereal":
        return _worldcereal(collection_id, band)
    if fam == "lcfm" and band.name.upper() == "MAP":
        return _lcfm
    if fam == "gfm":
        return _gfm(band)
    return None
