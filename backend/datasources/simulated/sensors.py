"""Per-collection generators: which physical quantity each band of each collection holds.

`render` turns one scene into one (bands, y, x) block of stored digital numbers: it picks a
generator per band from the collection family (Sentinel-2, Landsat, Sentinel-1, DEM, SLSTR,
OLCI, Sentinel-5P, WorldCover) and the band name, then applies the band's scale, offset,
dtype and nodata. Unknown bands get plausible generic values of their dtype, never an error.
"""

from __future__ import annotations

import zlib
from typing import Callable

import numpy as np

from backend.catalog.models import BandSpec, CollectionSpec
from backend.datasources.simulated import atmosphere, optical, products, radar, thermal
from backend.datasources.simulated.landcover import LandCover
from backend.datasources.simulated.noise import mix
from backend.datasources.simulated.scene import Scene

Generator = Callable[[Scene, BandSpec], np.ndarray]

WORLDCOVER = {
    LandCover.FOREST: 10, LandCover.SHRUB: 20, LandCover.GRASSLAND: 30, LandCover.CROPLAND: 40,
    LandCover.URBAN: 50, LandCover.BARE: 60, LandCover.SNOW: 70, LandCover.WATER: 80, LandCover.WETLAND: 90,
}


def family(collection: CollectionSpec) -> str:
    cid = collection.id.upper()
    for prefix, fam in (("SENTINEL2_L1C", "s2l1c"), ("SENTINEL2", "s2l2a"), ("SENTINEL1", "s1"),
                        ("LANDSAT", "landsat"), ("COPERNICUS_", "dem"), ("SENTINEL3_SLSTR", "slstr"),
                        ("SENTINEL3_OLCI", "olci"), ("SENTINEL_5P", "s5p"), ("SENTINEL5P", "s5p"),
                        ("ESA_WORLDCOVER", "worldcover")):
        if cid.startswith(prefix):
            return fam
    if "DEM" in cid:
        return "dem"
    return "generic"


def overpass_hour(fam: str) -> float:
    return {"s5p": 13.5, "slstr": 10.0, "olci": 10.0, "landsat": 10.2, "s1": 6.0}.get(fam, 10.5)


def elevation(scene: Scene, band: BandSpec) -> np.ndarray:
    """Copernicus DEM is a surface model: canopy and buildings add height; the sea is 0."""
    s = scene.surface
    dsm = s.elevation + np.float32(14.0) * (s.cover == LandCover.FOREST) + np.float32(6.0) * (s.cover == LandCover.URBAN)
    dsm = dsm + np.float32(1.5) * (s.brightness - np.float32(1.0)) / np.float32(0.15)
    return np.where(s.elevation < 0, np.float32(0.0), dsm).astype(np.float32)


def worldcover(scene: Scene, band: BandSpec) -> np.ndarray:
    table = np.zeros(max(LandCover) + 1, dtype=np.float32)
    for cls, code in WORLDCOVER.items():
        table[cls] = code
    out = table[scene.surface.cover]
    lat = np.abs(scene.surface.lat)
    out = np.where((out == 90) & (lat < 25), np.float32(95), out)  # tropical wetlands: mangroves
    out = np.where((out == 30) & (lat > 66), np.float32(100), out)  # tundra: moss and lichen
    return out


def generic(scene: Scene, band: BandSpec) -> np.ndarray:
    """Plausible values for a band this module does not know: by wavelength, unit, classes or dtype."""
    if band.classes:
        codes = np.array(sorted(band.classes), dtype=np.float32)
        return codes[scene.surface.cover.astype(np.int64) % len(codes)]
    if band.center_wavelength_um and band.center_wavelength_um < 3.0:
        return optical.reflectance(scene, band)
    if band.unit == "K" or (band.center_wavelength_um or 0) > 3.0:
        return thermal.lst_kelvin(scene)
    if band.unit == "m":
        return elevation(scene, band)
    field = scene.tile.fbm(5.0, 3, mix(scene.seed, 99, zlib.crc32(band.name.encode())))
    if np.issubdtype(np.dtype(band.dtype), np.integer):
        info = np.iinfo(np.dtype(band.dtype))
        span = min(1000.0, float(info.max) - max(float(info.min), 0.0))
        return (max(float(info.min), 0.0) + 1 + span * 0.1 + field * span * 0.5) * band.scale + band.offset
    return field


_BY_NAME: dict[str, Generator] = {
    "SCL": lambda s, b: optical.scl(s),
    "CLD": lambda s, b: optical.cloud_probability(s),
    "CLP": lambda s, b: optical.cloud_probability(s) * 2.55,
    "CLM": lambda s, b: (optical.cloud_probability(s) > 12).astype(np.float32),
    "SNW": lambda s, b: optical.snow_probability(s),
    "AOT": lambda s, b: optical.aerosol_optical_thickness(s),
    "WVP": lambda s, b: optical.water_vapour_cm(s),
    "DATAMASK": lambda s, b: np.ones(s.shape, dtype=np.float32),
    "SUNZENITHANGLES": lambda s, b: optical.sun_zenith(s),
    "SUNAZIMUTHANGLES": lambda s, b: optical.sun_azimuth(s),
    "VIEWZENITHMEAN": lambda s, b: optical.view_zenith(s),
    "VIEWAZIMUTHMEAN": lambda s, b: optical.view_azimuth(s),
    "VIEWZENITHANGLES": lambda s, b: optical.view_zenith(s),
    "VIEWAZIMUTHANGLES": lambda s, b: optical.view_azimuth(s),
}


def generator(fam: str, band: BandSpec) -> Generator:
    name = band.name.upper()
    if name in _BY_NAME:
        return _BY_NAME[name]
    if fam in ("s2l2a", "s2l1c", "landsat") and band.center_wavelength_um and band.center_wavelength_um < 3.0:
        toa = fam == "s2l1c"
        return lambda s, b: optical.reflectance(s, b, toa=toa)
    if fam == "landsat" and name in ("BQA", "QA_PIXEL"):
        return lambda s, b: optical.landsat_qa_pixel(s)
    if fam == "landsat" and name == "QA_RADSAT":
        return lambda s, b: np.zeros(s.shape, dtype=np.float32)
    if fam == "landsat" and name == "SR_QA_AEROSOL":
        return lambda s, b: np.full(s.shape, 2.0, dtype=np.float32)  # valid retrieval, low aerosol
    if fam == "landsat" and name == "ST_QA":
        return lambda s, b: np.float32(1.2) + np.float32(2.0) * s.clouds.alpha
    if fam == "landsat" and name == "ST_EMIS":
        return lambda s, b: np.where(s.state.water, np.float32(0.99), np.float32(0.97) - np.float32(0.02) * (1 - s.state.green))
    if fam == "landsat" and name == "ST_ATRAN":
        return lambda s, b: np.full(s.shape, 0.85, dtype=np.float32)
    if fam == "s1" and name in ("VV", "VH", "HH", "HV"):
        return lambda s, b: radar.sigma0(s, b.name)
    if fam in ("slstr", "landsat") and (name == "LST" or band.unit == "K") and not name.endswith("UNCERTAINTY"):
        return lambda s, b: thermal.lst_kelvin(s)
    if fam == "slstr" and name == "LST_UNCERTAINTY":
        return lambda s, b: thermal.lst_uncertainty(s)
    if fam == "slstr" and name in ("EXCEPTION", "CONFIDENCE_IN"):
        return lambda s, b: np.zeros(s.shape, dtype=np.float32)
    if fam == "olci" and band.center_wavelength_um:
        return lambda s, b: optical.radiance(s, b)
    if fam == "s5p":
        return atmosphere.column
    if fam == "dem" and (band.unit == "m" or name in ("DEM", "HEIGHT", "ELEVATION")):
        return elevation
    if fam == "worldcover" and name == "MAP":
        return worldcover
    return generic


def output_dtype(bands: list[BandSpec]) -> np.dtype:
    return np.result_type(*[np.dtype(b.dtype) for b in bands]) if bands else np.dtype("float32")


def to_stored(phys: np.ndarray, band: BandSpec, dtype: np.dtype) -> np.ndarray:
    """Physical values -> stored digital numbers in `dtype`; NaN -> the band's nodata."""
    dn = (phys - np.float32(band.offset)) / np.float32(band.scale) if (band.scale != 1.0 or band.offset != 0.0) else phys
    missing = ~np.isfinite(dn)
    any_missing = bool(missing.any())
    if np.issubdtype(dtype, np.integer):
        info = np.iinfo(dtype)
        lo, hi = float(info.min), float(info.max)
        if band.nodata is not None and band.nodata == lo:
            lo += 1  # valid pixels never take the nodata value
        rounded = np.rint(np.where(missing, lo, dn) if any_missing else dn)
        out = np.clip(rounded, lo, hi, out=rounded).astype(dtype)
        if any_missing:
            out[missing] = band.nodata if band.nodata is not None else info.min
        return out
    out = dn.astype(dtype)
    if any_missing and band.nodata is not None:
        out[missing] = band.nodata
    return out


def render(scene: Scene, collection: CollectionSpec, bands: list[BandSpec]) -> np.ndarray:
    """One (bands, y, x) block of stored values for a scene."""
    fam = family(collection)
    dtype = output_dtype(bands)
    out = np.empty((len(bands), *scene.shape), dtype=dtype)
    product = products.family(collection.id)  # derived products (PROBA-V, WorldCereal, LCM-10, GFM)
    for i, band in enumerate(bands):
        make = (products.generator(product, collection.id, band) if product else None) or generator(fam, band)
        phys = np.asarray(make(scene, band), dtype=np.float32)
        out[i] = to_stored(np.broadcast_to(phys, scene.shape), band, np.dtype(band.dtype))
    return out
