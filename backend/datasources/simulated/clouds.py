"""Clouds, cirrus and cloud shadows per acquisition, and the matching Sen2Cor SCL classes.

Cloudiness is a per-date regional field (many clear days, some overcast ones, fewer clouds in
the arid belts); within it, cumulus-like fields of optical thickness at ~km scale. Shadows are
the same cloud field sampled towards the sun (south-east in the northern hemisphere in the
morning overpass, north-east in the southern), so each cloud casts a displaced shadow. All
fields are keyed on the acquisition date and absolute lon/lat.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from backend.datasources.simulated.noise import hash2, mix, smoothstep
from backend.datasources.simulated.sampling import Tile

# Quantiles of tile.fbm values: fbm <= value for the given share of pixels.
_FBM_Q = ([0.0, 0.05, 0.25, 0.5, 0.75, 0.95, 1.0], [0.0, 0.18, 0.36, 0.51, 0.65, 0.82, 1.0])
SHADOW_KM = 2.0

# SCL classes (Sen2Cor)
SCL_DARK, SCL_SHADOW, SCL_VEGETATION, SCL_NOT_VEGETATED, SCL_WATER = 2, 3, 4, 5, 6
SCL_UNCLASSIFIED, SCL_CLOUD_MEDIUM, SCL_CLOUD_HIGH, SCL_CIRRUS, SCL_SNOW = 7, 8, 9, 10, 11


@dataclass
class CloudLayer:
    alpha: np.ndarray  # float32 0..1 opacity of (water/ice) clouds
    shadow: np.ndarray  # float32 0..1 shadow strength on the ground (0 under clouds)
    cirrus: np.ndarray  # float32 0..~0.3 thin cirrus opacity
    cover: float  # regional cloud cover share at the tile centre, 0..1
    cloudy: bool = True  # False: alpha and shadow are exactly 0 (clear sky), callers may skip them
    cirrus_day: bool = True  # False: cirrus is exactly 0


def cloud_layer(tile: Tile, day: date, seed: int = 0, scale: float = 1.0) -> CloudLayer:
    """Clouds over a tile on a date; `scale` < 1 thins them (e.g. 0 for a cloud-free product).

    The fields are smooth at the scale of their finest noise octave, so they are shaped on that
    node lattice (typically every second pixel at 10 m) and interpolated to pixels once."""
    key = mix(seed, 40, day.toordinal())
    regional, r_step = tile.fbm_nodes(0.6, 2, mix(key, 1))
    lat = tile.nodes(r_step)[1].astype(np.float32)
    arid = np.float32(0.3) * np.exp(-(((np.abs(lat) - np.float32(24.0)) / np.float32(8.0)) ** 2))
    cover = np.clip((regional - np.float32(0.28) - arid) * np.float32(2.0), 0.0, 1.0) ** np.float32(1.3) * np.float32(scale)
    zeros = np.zeros(tile.shape, dtype=np.float32)
    if cover.max() > 0:  # with no regional cover the threshold is 1 and the fields below are exactly 0
        threshold = np.interp(1.0 - cover, *_FBM_Q).astype(np.float32)
        field, step = tile.fbm_nodes(45.0, 5, mix(key, 2))
        shift = SHADOW_KM / 111.32
        shifted, _ = tile.fbm_nodes(45.0, 5, mix(key, 2), poleward_shift=shift)
        if step < r_step:
            threshold = tile.upsample(threshold, r_step, step)
        elif step > r_step:  # coarse pixels: the cloud field has no octave finer than the regional one
            field, shifted, step = tile.upsample(field, step, r_step), tile.upsample(shifted, step, r_step), r_step
        alpha = smoothstep(0.0, 0.1, field - threshold)
        shadow = smoothstep(0.0, 0.1, shifted - threshold) * (np.float32(1.0) - alpha)
        if step != 1:
            alpha, shadow = tile.upsample(alpha, step, 1), tile.upsample(shadow, step, 1)
    else:
        alpha, shadow = zeros, zeros
    cirrus_day = float(hash2(np.array([day.toordinal()]), np.array([seed]), 41)[0]) < 0.2
    if cirrus_day and scale > 0:
        thin, c_step = tile.fbm_nodes(6.0, 3, mix(key, 3))
        cirrus = smoothstep(0.55, 0.8, thin) * np.float32(0.25 * scale)
        if c_step != 1:
            cirrus = tile.upsample(cirrus, c_step, 1)
    else:
        cirrus = zeros
    return CloudLayer(alpha=alpha, shadow=shadow, cirrus=cirrus, cover=float(np.mean(cover)),
                      cloudy=alpha is not zeros, cirrus_day=cirrus is not zeros)


def scl(surface_class: np.ndarray, clouds: CloudLayer) -> np.ndarray:
    """SCL of the scene: the surface class (4, 5, 6, 11) overlaid by shadows, cirrus and clouds."""
    out = surface_class.astype(np.uint8)  # (a copy)
    a = clouds.alpha
    if clouds.cloudy:
        np.copyto(out, SCL_SHADOW, where=clouds.shadow > 0.3)
        np.copyto(out, SCL_UNCLASSIFIED, where=(a > 0.05) & (a <= 0.12))
    if clouds.cirrus_day:
        np.copyto(out, SCL_CIRRUS, where=clouds.cirrus > 0.06)
    if clouds.cloudy:
        np.copyto(out, SCL_CLOUD_MEDIUM, where=a > 0.12)
        np.copyto(out, SCL_CLOUD_HIGH, where=a > 0.55)
    return out


def cloud_probability(clouds: CloudLayer) -> np.ndarray:
    """Sen2Cor-like cloud probability in percent."""
    return np.clip(np.maximum(clouds.alpha, clouds.cirrus * 2.0) * 100.0, 0, 100).astype(np.float32)
