"""The numbers a decision needs, read from a raster result: `decision_numbers(path, description, aoi)`.

- for a mask: its area in km² (each pixel's true area on the WGS84 ellipsoid: per row for a
  lon/lat grid, from the projection's areal scale for a projected one; not by counting degrees),
  its share of the mapped area, and the towns and villages (GeoNames, 500+ people) inside it or
  touching it, with their population, nearest to the centre of the area first;
- for burn severity (dNBR): the area in each USGS severity class (Key & Benson 2006);
- for a change map: the area whose change crossed a threshold (`change_area` for any threshold,
  by default the conventional ones for the quantity);
- the limits that go with them (simulated data, resolution, what a mask can miss).

`DecisionNumbers.to_text()` is the model-facing summary that execute and render_map append to
their text, so any model (and the offline planner, which reads tool text) can state the numbers.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import BaseModel, Field

from tools.basemap import towns_in, town_radius_km
from tools.result_kind import ResultDescription

# USGS FIREMON dNBR severity classes (Key & Benson 2006), dNBR unscaled (x 1000 in the paper).
DNBR_CLASSES: list[tuple[str, float, float]] = [
    ("enhanced regrowth (high)", -math.inf, -0.251), ("enhanced regrowth (low)", -0.251, -0.101),
    ("unburned", -0.101, 0.099), ("low severity", 0.099, 0.269), ("moderate-low severity", 0.269, 0.439),
    ("moderate-high severity", 0.439, 0.659), ("high severity", 0.659, math.inf),
]
# the classes' codes, in the same order: what an answer in another language names them by (agent/planner/phrases.py)
DNBR_CODES = ["regrowth_high", "regrowth_low", "unburned", "low", "moderate_low", "moderate_high", "high"]
CHANGE_THRESHOLDS = {"index": [-0.2, 0.2], "dB": [-3.0, 3.0]}
MAX_TOWNS_TEXT = 8


def percent(share: float) -> str:
    """A share as a percentage that never rounds a touch down to 0%."""
    return "<1%" if 0 < share < 0.005 else f"{100 * share:.0f}%"


class TownHit(BaseModel):
    name: str
    country: str = ""
    population: int
    distance_km: float  # from the centre of the area of interest
    share: float  # share of the town's built-up disk inside the mask
    inside: bool  # the town centre itself is in the mask


class ClassArea(BaseModel):
    label: str
    code: str | None = None  # DNBR_CODES for the dNBR severity classes
    lower: float | None = None
    upper: float | None = None
    area_km2: float
    share: float  # of the mapped (valid) area


class ThresholdArea(BaseModel):
    threshold: float
    direction: str  # "below" | "above"
    area_km2: float
    share: float


LimitCode = Literal["simulated", "pixels", "radar_water", "dnbr_calibration", "threshold", "towns_points"]


class DecisionLimit(BaseModel):
    """One limit of the numbers, as data: `code` and the number it names (the pixel size, the threshold)."""

    code: LimitCode
    value: float | None = None

    def to_text(self) -> str:
        if self.code == "simulated":
            return "SIMULATED data, not an observation of the event"
        if self.code == "pixels":
            return f"{self.value or 0:.0f} m pixels miss narrower features"
        if self.code == "radar_water":
            return ("radar misses water under trees and between buildings and can take wet soil or speckle for water; "
                    "permanent water is included")
        if self.code == "dnbr_calibration":
            return "USGS dNBR thresholds were calibrated on North American forests; clouds and smoke in either period bias them"
        if self.code == "threshold":
            return (f"the mask depends on the chosen threshold ({self.value:g})" if self.value is not None
                    else "the mask depends on the chosen threshold")
        return "towns are GeoNames points with a radius from their population, not building footprints"


class DecisionNumbers(BaseModel):
    kind: str
    words: str | None = None  # what a mask's 1s are
    quantity: str | None = None
    area_km2: float | None = None  # the mask's area
    mapped_km2: float = 0.0  # area of the valid pixels
    aoi_km2: float | None = None  # area of the requested bbox
    share: float | None = None  # area_km2 / mapped_km2
    towns: list[TownHit] = Field(default_factory=list)
    severity: list[ClassArea] = Field(default_factory=list)
    crossed: list[ThresholdArea] = Field(default_factory=list)
    pixel_m: float | None = None
    simulated: bool = False
    limits: list[str] = Field(default_factory=list)  # limit_codes in English words (the model-facing text)
    limit_codes: list[DecisionLimit] = Field(default_factory=list)

    def to_text(self) -> str:
        lines = ["Decision numbers:"]
        if self.area_km2 is not None:
            what = self.words or "mask"
            lines.append(f"{what.capitalize()} area: {self.area_km2:,.1f} km², {100 * (self.share or 0):.1f}% of the mapped "
                         f"{self.mapped_km2:,.0f} km² (equal-area).")
        if self.towns:
            parts = [f"{t.name} ({t.population:,} people, {t.distance_km:.1f} km from the centre, {percent(t.share)} "
                     f"{self.words or 'in the mask'})" for t in self.towns[:MAX_TOWNS_TEXT]]
            more = f" and {len(self.towns) - MAX_TOWNS_TEXT} more" if len(self.towns) > MAX_TOWNS_TEXT else ""
            lines.append(f"Towns and villages in or touching the {self.words or 'mask'} area, nearest first: " + "; ".join(parts) + more + ".")
        elif self.area_km2 is not None:
            lines.append(f"No town or village (GeoNames, 500+ inhabitants) lies in or touches the {self.words or 'mask'} area.")
        if self.severity:
            lines.append("Burn severity (USGS dNBR classes): " + "; ".join(
                f"{c.label} {c.area_km2:,.2f} km² ({100 * c.share:.1f}%)" for c in self.severity if c.area_km2 > 0) + ".")
        if self.crossed:
            lines.append("Change beyond thresholds: " + "; ".join(
                f"{c.direction} {c.threshold:+g}: {c.area_km2:,.2f} km² ({100 * c.share:.1f}%)" for c in self.crossed) + ".")
        if self.limits:
            lines.append("Limits of these numbers: " + "; ".join(self.limits) + ".")
        return "\n".join(lines)


# -------------------------------------------------------------------------------------------
# Pixel areas on the ellipsoid
# -------------------------------------------------------------------------------------------


def pixel_areas_km2(crs, transform, height: int, width: int) -> np.ndarray:
    """km² of every pixel (float64, height x width), on the WGS84 ellipsoid."""
    from pyproj import CRS, Geod, Proj, Transformer

    crs = CRS.from_user_input(crs or "EPSG:4326")
    if crs.is_geographic:
        geod = Geod(ellps="WGS84")
        dx = abs(transform.a)
        rows = np.empty(height, dtype=np.float64)
        for r in range(height):
            top = transform.f + transform.e * r
            bottom = top + transform.e
            area, _ = geod.polygon_area_perimeter([0, dx, dx, 0], [bottom, bottom, top, top])
            rows[r] = abs(area) / 1e6
        return np.repeat(rows[:, None], width, axis=1)
    # projected: nominal pixel area divided by the projection's areal scale, sampled on a coarse grid
    n = 17
    rr = np.linspace(0, height, n)
    cc = np.linspace(0, width, n)
    xx = transform.c + transform.a * cc[None, :] + transform.b * rr[:, None]
    yy = transform.f + transform.d * cc[None, :] + transform.e * rr[:, None]
    lon, lat = Transformer.from_crs(crs, "EPSG:4326", always_xy=True).transform(xx, yy)
    scale = np.asarray(Proj(crs).get_factors(lon, lat).areal_scale, dtype=np.float64).reshape(n, n)
    from scipy.ndimage import map_coordinates

    ri = (np.arange(height) + 0.5) / height * (n - 1)
    ci = (np.arange(width) + 0.5) / width * (n - 1)
    grid_r, grid_c = np.meshgrid(ri, ci, indexing="ij")
    s = map_coordinates(scale, [grid_r.ravel(), grid_c.ravel()], order=1).reshape(height, width)
    return abs(transform.a * transform.e) / 1e6 / s


def bbox_area_km2(bbox: tuple[float, float, float, float]) -> float:
    from pyproj import Geod

    w, s, e, n = bbox
    area, _ = Geod(ellps="WGS84").polygon_area_perimeter([w, e, e, w], [s, s, n, n])
    return abs(area) / 1e6


# -------------------------------------------------------------------------------------------
# The numbers
# -------------------------------------------------------------------------------------------


def _read(path: Path):
    import rasterio

    with rasterio.open(path) as src:
        band = src.read(1, masked=True).astype("float64").filled(np.nan)
        return band, src.crs, src.transform, src.bounds, src.res


def decision_numbers(path: Path, desc: ResultDescription, aoi: tuple[float, float, float, float] | None,
                     simulated: bool = False) -> DecisionNumbers | None:
    """The numbers for a single-band raster result of kind mask / index change / change; None for other kinds."""
    if desc.kind not in ("mask", "index_change", "change") or Path(path).suffix.lower() not in (".tif", ".tiff"):
        return None
    band, crs, transform, bounds, res = _read(Path(path))
    areas = pixel_areas_km2(crs, transform, *band.shape)
    valid = np.isfinite(band)
    mapped = float(areas[valid].sum())
    pixel_m = _pixel_m(crs, res, bounds)
    out = DecisionNumbers(kind=desc.kind, words=desc.words, quantity=desc.quantity, mapped_km2=mapped,
                          aoi_km2=bbox_area_km2(aoi) if aoi else None, pixel_m=pixel_m, simulated=simulated)
    if desc.kind == "mask":
        hit = valid & (band > 0.5)
        out.area_km2 = float(areas[hit].sum())
        out.share = out.area_km2 / mapped if mapped else None
        out.towns = _towns(hit, crs, transform, bounds, aoi)
    elif desc.kind == "index_change" and (desc.quantity or "").startswith("dNBR"):
        out.severity = _classes(band, areas, valid, mapped)
    if desc.kind in ("index_change", "change"):
        unit = "dB" if desc.unit == "dB" else "index"
        out.crossed = [change_area(band, areas, valid, mapped, t) for t in CHANGE_THRESHOLDS.get(unit, [])]
    out.limit_codes = _limits(desc, pixel_m, simulated)
    out.limits = [lim.to_text() for lim in out.limit_codes]
    return out


def change_area(band: np.ndarray, areas: np.ndarray, valid: np.ndarray, mapped: float, threshold: float,
                direction: str | None = None) -> ThresholdArea:
    """Area whose value is below a negative threshold (or above a positive one, or as `direction` says)."""
    direction = direction or ("below" if threshold < 0 else "above")
    sel = valid & ((band < threshold) if direction == "below" else (band > threshold))
    a = float(areas[sel].sum())
    return ThresholdArea(threshold=threshold, direction=direction, area_km2=a, share=a / mapped if mapped else 0.0)


def _classes(band: np.ndarray, areas: np.ndarray, valid: np.ndarray, mapped: float) -> list[ClassArea]:
    out = []
    for (label, lo, hi), code in zip(DNBR_CLASSES, DNBR_CODES):
        sel = valid & (band >= lo) & (band < hi)
        a = float(areas[sel].sum())
        out.append(ClassArea(label=label, code=code, lower=None if math.isinf(lo) else lo, upper=None if math.isinf(hi) else hi,
                             area_km2=a, share=a / mapped if mapped else 0.0))
    return out


def _pixel_m(crs, res, bounds) -> float:
    from pyproj import CRS

    c = CRS.from_user_input(crs or "EPSG:4326")
    if c.is_geographic:
        lat = (bounds.bottom + bounds.top) / 2
        return abs(res[0]) * 111_320 * math.cos(math.radians(lat))
    return abs(res[0])


def _towns(hit: np.ndarray, crs, transform, bounds, aoi) -> list[TownHit]:
    from pyproj import Transformer
    from rasterio.warp import transform_bounds

    if not hit.any():
        return []
    w, s, e, n = transform_bounds(crs or "EPSG:4326", "EPSG:4326", *bounds)
    towns = towns_in((w, s, e, n))
    if not towns:
        return []
    to_crs = Transformer.from_crs("EPSG:4326", crs or "EPSG:4326", always_xy=True)
    xs, ys = to_crs.transform([t.lon for t in towns], [t.lat for t in towns])
    inv = ~transform
    cx, cy = ((aoi[0] + aoi[2]) / 2, (aoi[1] + aoi[3]) / 2) if aoi else ((w + e) / 2, (s + n) / 2)
    px_km = abs(transform.a) * (111.32 * math.cos(math.radians(cy)) if (crs is None or crs.is_geographic) else 0.001)
    py_km = abs(transform.e) * (111.32 if (crs is None or crs.is_geographic) else 0.001)
    rows, cols = hit.shape
    out = []
    for t, x, y in zip(towns, xs, ys):
        c, r = inv * (x, y)
        r_km = town_radius_km(t.population)
        hr, hc = max(1, int(math.ceil(r_km / py_km))), max(1, int(math.ceil(r_km / px_km)))
        r0, r1, c0, c1 = int(r) - hr, int(r) + hr + 1, int(c) - hc, int(c) + hc + 1
        if r1 <= 0 or c1 <= 0 or r0 >= rows or c0 >= cols:
            continue
        win = hit[max(0, r0):min(rows, r1), max(0, c0):min(cols, c1)]
        yy, xx = np.mgrid[max(0, r0):min(rows, r1), max(0, c0):min(cols, c1)]
        disk = ((yy + 0.5 - r) * py_km) ** 2 + ((xx + 0.5 - c) * px_km) ** 2 <= r_km ** 2
        if not disk.any() or not (win & disk).any():
            continue
        inside = 0 <= int(r) < rows and 0 <= int(c) < cols and bool(hit[int(r), int(c)])
        dist = math.hypot((t.lon - cx) * 111.32 * math.cos(math.radians(cy)), (t.lat - cy) * 111.32)
        out.append(TownHit(name=t.name, country=t.country, population=t.population, distance_km=round(dist, 2),
                           share=float((win & disk).sum() / disk.sum()), inside=inside))
    return sorted(out, key=lambda h: h.distance_km)


def _limits(desc: ResultDescription, pixel_m: float | None, simulated: bool) -> list[DecisionLimit]:
    out = []
    if simulated:
        out.append(DecisionLimit(code="simulated"))
    if pixel_m:
        out.append(DecisionLimit(code="pixels", value=pixel_m))
    if desc.kind == "mask" and (desc.words or "").startswith("flooded"):
        out.append(DecisionLimit(code="radar_water"))
    elif desc.kind == "mask" and (desc.words or "").startswith("burnt") or (desc.quantity or "").startswith("dNBR"):
        out.append(DecisionLimit(code="dnbr_calibration"))
    elif desc.kind == "mask":
        out.append(DecisionLimit(code="threshold", value=desc.threshold))
    if desc.kind == "mask":
        out.append(DecisionLimit(code="towns_points"))
    return out
