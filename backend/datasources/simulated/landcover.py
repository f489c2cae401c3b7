"""A stable land-cover field and a coherent DEM from the same noise.

Relief comes from fractal noise keyed on lon/lat; rivers are the zero lines of a ridged field
and are carved into the relief, so water sits low and valleys have floodplains. Climate depends
on latitude (snow line, tree line, arid belts) and on a moisture field. Land cover follows:
sea and lakes and rivers (water), permanent snow above the snow line, rock and alpine meadow
above the tree line, forest on hills, cropland in flat lowland (in field parcels with a crop
type each), grassland elsewhere, towns and cities from an urbanisation field, deserts where
dry, wetlands on wet floodplains. Towns and cities are invented from noise and, where they
really are, placed from GeoNames (see cities).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

import numpy as np

from backend.datasources.simulated.cities import city_field
from backend.datasources.simulated.geodata import tile_geography
from backend.datasources.simulated.noise import hash2_cells, mix, smoothstep
from backend.datasources.simulated.sampling import Tile


class LandCover(IntEnum):
    WATER = 1
    FOREST = 2
    CROPLAND = 3
    GRASSLAND = 4
    URBAN = 5
    BARE = 6
    SNOW = 7
    SHRUB = 8
    WETLAND = 9


class Crop(IntEnum):
    WINTER_CEREAL = 0
    MAIZE = 1
    SPRING_CROP = 2
    RAPESEED = 3
    MEADOW = 4


PARCEL_DLAT = 0.0025  # ~280 m
RIVER_FIELD_PER_KM = 0.06  # a real river's distance (km) on the scale of the invented ridge field
REAL_RIVER_HALF_WIDTH_KM = 0.04  # real rivers (WDBII lines) drawn 80 m wide
PARCEL_DLON = 0.0035


@dataclass
class Surface:
    """The static surface of one tile: per-pixel arrays of the tile's shape."""

    tile: Tile
    elevation: np.ndarray  # float32, metres above sea level (negative: sea floor)
    cover: np.ndarray  # uint8 LandCover
    hand: np.ndarray  # float32 0..1, height above drainage proxy: low = floodable
    urban: np.ndarray  # float32 0..1 urbanisation intensity (smooth, city scale)
    evergreen: np.ndarray  # float32 0..1 share of evergreen canopy
    crop: np.ndarray  # uint8 Crop of the parcel (meaningful on cropland)
    crop_shift: np.ndarray  # float32 days of sowing/harvest shift of the parcel
    brightness: np.ndarray  # float32 ~0.85..1.15 texture multiplier (soil, canopy, roofs)
    green_share: np.ndarray  # float32 0..1 vegetated share inside towns (gardens, parks)
    snowline: np.ndarray  # float32 metres: permanent snow line at this latitude
    cache: dict = field(default_factory=dict, repr=False, compare=False)  # per-tile values shared by all dates

    @property
    def lon(self) -> np.ndarray:
        return self.tile.lon

    @property
    def lat(self) -> np.ndarray:
        return self.tile.lat


def snowline_m(lat: np.ndarray) -> np.ndarray:
    """Permanent snow line: ~5000 m in the tropics, ~2750 m in the Alps, ~500 m at 70 degrees."""
    return np.float32(5000.0) - np.float32(4500.0) * smoothstep(20.0, 72.0, np.abs(lat).astype(np.float32))


def compute_surface(tile: Tile, seed: int = 0) -> Surface:
    lat = tile.lat.astype(np.float32)
    relief = tile.fbm(0.8, 10, mix(seed, 1))
    # Rivers: zero lines of a ridged field; valleys widen around them.
    river = tile.ridge(1.6, 6, mix(seed, 2))
    lowness = tile.fbm(40.0, 3, mix(seed, 3))
    peaks = smoothstep(0.68, 1.0, relief)  # 0 on most land: raise only the rest to the power (0 ** 1.6 = 0)
    np.power(peaks, np.float32(1.6), out=peaks, where=peaks > 0)
    base = np.float32(3800.0) * peaks + np.float32(700.0) * (relief - np.float32(0.2))
    valley = np.float32(0.3) + np.float32(0.7) * smoothstep(0.0, 0.35, river)
    river_water = river < np.float32(0.006)  # invented streams (widened on lowland below)
    geo = tile_geography(tile)
    if geo is not None and geo.water_km is not None:
        # Real rivers and lake shores carve valleys and floodplains like the invented ones
        river = np.minimum(river, geo.water_km * np.float32(RIVER_FIELD_PER_KM))
        valley = np.float32(0.3) + np.float32(0.7) * smoothstep(0.0, 0.35, river)
    elevation = np.where(base > 0, base * valley, base * np.float32(3.0))
    elevation = elevation + np.float32(25.0) * (lowness - np.float32(0.5))
    if geo is not None:
        elevation = _real_coast(tile, elevation, geo.land, seed)
    hand = np.clip(np.float32(0.6) * smoothstep(0.0, 0.25, river) + np.float32(0.4) * lowness
                   + smoothstep(300.0, 900.0, elevation), 0.0, 1.0).astype(np.float32)

    snowline = snowline_m(lat)
    treeline = snowline - np.float32(900.0)
    arid = np.float32(0.35) * np.exp(-(((np.abs(lat) - np.float32(24.0)) / np.float32(8.0)) ** 2))
    moisture = tile.fbm(1.2, 4, mix(seed, 4)) - arid
    lowland_town = np.float32(1.0) - smoothstep(400.0, 1000.0, elevation)
    urban = smoothstep(0.8, 0.95, tile.fbm(2.5, 4, mix(seed, 5))) * np.float32(0.8) * lowland_town
    town = smoothstep(0.8, 0.95, tile.fbm(30.0, 3, mix(seed, 6))) * np.float32(0.8) * lowland_town
    city = city_field(tile)  # real towns and cities, wherever the terrain is
    urban = np.maximum(np.maximum(urban, town), city).astype(np.float32)
    # Real cities stand on dry land: lift the relief under them above the sea (not into a real sea).
    lift = (city > 0.2) if geo is None or isinstance(geo.land, float) and geo.land > 0.5 else (city > 0.2) & (geo.land > 0.5)
    elevation = np.where(lift, np.maximum(elevation, np.float32(40.0) * city), elevation).astype(np.float32)
    detail = tile.fbm(900.0, 2, mix(seed, 7))
    forest = tile.fbm(12.0, 7, mix(seed, 8))
    alpine = tile.fbm(150.0, 3, mix(seed, 9))
    lakes = tile.fbm(25.0, 3, mix(seed, 10))

    cover = np.full(tile.shape, LandCover.GRASSLAND, dtype=np.uint8)
    lowland = 1.0 - smoothstep(250.0, 900.0, elevation)
    tropical = np.float32(1.0) - smoothstep(12.0, 25.0, np.abs(lat))
    forest_threshold = np.float32(0.60) - np.float32(0.22) * (1.0 - lowland) - np.float32(0.2) * tropical - np.float32(0.3) * (moisture - np.float32(0.5))
    cover[lowland > 0.45] = LandCover.CROPLAND
    cover[(lowland > 0.45) & (moisture < 0.35)] = LandCover.GRASSLAND
    cover[forest > forest_threshold] = LandCover.FOREST
    cover[moisture < 0.3] = LandCover.SHRUB
    cover[moisture < 0.2] = LandCover.BARE
    cover[(hand < 0.12) & (moisture > 0.6) & (elevation < 300)] = LandCover.WETLAND
    cover[elevation > treeline] = np.where(alpine[elevation > treeline] > 0.55, LandCover.BARE, LandCover.GRASSLAND)
    cover[elevation > snowline] = LandCover.SNOW
    cover[urban * (np.float32(0.5) + np.float32(0.8) * detail) > 0.7] = LandCover.URBAN
    invented = (river_water | (river < 0.006 * (1.0 + lowland))) if geo is None or geo.water_km is None else \
        (river_water & (geo.water_km > np.float32(REAL_RIVER_HALF_WIDTH_KM)))
    water = (elevation < 0) | invented | ((lakes < 0.1) & (elevation < treeline) & (urban < 0.3))
    if geo is not None:
        water |= geo.lake
        if geo.water_km is not None:
            water |= geo.water_km < np.float32(REAL_RIVER_HALF_WIDTH_KM)
    cover[water] = LandCover.WATER
    # Water sits low: open water is flat and below its banks.
    elevation = np.where(water & (elevation > 0), elevation - np.float32(6.0), elevation).astype(np.float32)

    crop, crop_shift, parcel_bright = _parcels(tile.lon, tile.lat, seed)
    evergreen = np.clip(tile.fbm(6.0, 3, mix(seed, 11)) + np.float32(0.5) * smoothstep(600.0, 1600.0, elevation)
                        + np.float32(0.5) * smoothstep(55.0, 62.0, np.abs(lat)) + tropical - np.float32(0.3), 0.0, 1.0)
    texture = tile.fbm(1800.0, 2, mix(seed, 12))
    brightness = np.float32(0.85) + np.float32(0.3) * texture
    brightness = np.where(cover == LandCover.CROPLAND, brightness * parcel_bright, brightness).astype(np.float32)
    green_share = np.clip(np.float32(0.55) - np.float32(0.5) * urban - np.float32(0.3) * (detail - np.float32(0.5)), 0.05, 0.6).astype(np.float32)
    return Surface(tile=tile, elevation=elevation, cover=cover, hand=hand, urban=urban,
                   evergreen=evergreen.astype(np.float32), crop=crop, crop_shift=crop_shift,
                   brightness=brightness, green_share=green_share, snowline=snowline.astype(np.float32))


def _real_coast(tile: Tile, elevation: np.ndarray, land: np.ndarray, seed: int) -> np.ndarray:
    """Land and sea where the real ones are (GLOBE 1 km mask): the invented relief is kept on land
    (invented sea becomes low plain), lowered towards the coast, and the real sea gets a sea floor.
    A little noise roughens the coast between the 1 km cells."""
    if isinstance(land, float):  # all land or all sea around the tile
        if land >= 0.5:
            out = elevation.astype(np.float32, copy=True)
            low = out <= 0  # invented sea on real land: a low plain
            if low.any():
                out[low] = np.float32(1.0) - np.float32(0.02) * out[low]
            return np.maximum(out, np.float32(0.5), out=out)
        return np.minimum(np.where(elevation < 0, elevation, np.float32(-2.0)), np.float32(-62.0)).astype(np.float32)
    if not ((land > 0.02) & (land < 0.98)).any():  # no coast in the tile: one comparison suffices
        is_land = land >= 0.5
    else:
        is_land = land + np.float32(0.3) * (tile.fbm(300.0, 3, mix(seed, 40)) - np.float32(0.5)) > np.float32(0.5)
    coastal = np.float32(0.25) + np.float32(0.75) * smoothstep(0.5, 1.0, land)
    on_land = np.where(elevation > 0, elevation, np.float32(1.0) - np.float32(0.02) * elevation) * coastal
    sea = np.minimum(np.where(elevation < 0, elevation, np.float32(-2.0)), np.float32(-2.0) - np.float32(60.0) * (np.float32(1.0) - land))
    return np.where(is_land, np.maximum(on_land, np.float32(0.5)), sea).astype(np.float32)


def _parcels(lon: np.ndarray, lat: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Field parcels in a brick pattern: a crop type, a date shift and a brightness per parcel."""
    row = np.floor(lat / PARCEL_DLAT).astype(np.int64)
    jitter = hash2_cells(row, row * 0 + 7, mix(seed, 20))
    col = np.floor(lon / PARCEL_DLON + jitter).astype(np.int64)
    u = hash2_cells(col, row, mix(seed, 21))
    crop = np.select([u < 0.35, u < 0.6, u < 0.75, u < 0.85], [Crop.WINTER_CEREAL, Crop.MAIZE, Crop.SPRING_CROP, Crop.RAPESEED],
                     Crop.MEADOW).astype(np.uint8)
    shift = (hash2_cells(col, row, mix(seed, 22)) - np.float32(0.5)) * np.float32(24.0)
    bright = np.float32(0.9) + np.float32(0.2) * hash2_cells(col, row, mix(seed, 23))
    return crop, shift, bright
