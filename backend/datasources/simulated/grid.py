"""The output grid of a simulated request: CRS, snapped origin, resolution and size.

UTM products (native_crs "UTM") are delivered in the UTM zone of the bbox centre at the
requested (or finest native) resolution in metres (EPSG:4326 for bboxes wider than two zones or
beyond UTM's latitudes); everything else in EPSG:4326 with the resolution converted to whole
tenths of an arc-second (30 m -> 1", as Copernicus DEM; 10 m -> 0.3", as WorldCover). Origins are snapped to multiples of the resolution,
so two requests that overlap share pixel centres exactly and therefore agree pixel for pixel.
Grids larger than `MAX_SIDE` pixels on a side are coarsened (by whole factors) and say so.
"""

from __future__ import annotations

import math

import numpy as np
from pydantic import BaseModel
from pyproj import CRS, Transformer

from backend.datasources.base import DataRequest

MAX_SIDE = 4096
ARCSEC = 1.0 / 3600.0
METRES_PER_DEGREE = 111_320.0


class OutputGrid(BaseModel):
    crs: str  # "EPSG:32632"
    x0: float  # left edge (CRS units)
    y0: float  # top edge (CRS units)
    res: float  # pixel size (CRS units), square pixels
    width: int
    height: int
    resolution_m: float  # nominal ground resolution in metres
    coarsened: bool = False  # True when the requested resolution was coarsened to fit MAX_SIDE

    @property
    def is_geographic(self) -> bool:
        return CRS.from_user_input(self.crs).is_geographic

    def x_coords(self) -> np.ndarray:
        return self.x0 + (np.arange(self.width) + 0.5) * self.res

    def y_coords(self) -> np.ndarray:
        return self.y0 - (np.arange(self.height) + 0.5) * self.res

    def lonlat(self, row0: int, row1: int, col0: int, col1: int) -> tuple[np.ndarray, np.ndarray]:
        """Longitude/latitude (float64 degrees) of the pixel centres of a window of the grid."""
        xs = self.x0 + (np.arange(col0, col1) + 0.5) * self.res
        ys = self.y0 - (np.arange(row0, row1) + 0.5) * self.res
        xx, yy = np.meshgrid(xs, ys)
        if self.crs == "EPSG:4326":
            return xx, yy
        transformer = _transformer(self.crs, "EPSG:4326")
        lon, lat = transformer.transform(xx, yy)
        return np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)


def _transformer(src: str, dst: str) -> Transformer:
    return Transformer.from_crs(src, dst, always_xy=True)


def utm_crs(lon: float, lat: float) -> str:
    zone = min(60, max(1, int(math.floor((lon + 180.0) / 6.0)) + 1))
    return f"EPSG:{32600 + zone if lat >= 0 else 32700 + zone}"


def _fits_one_utm_zone(west: float, south: float, east: float, north: float) -> bool:
    return east - west <= 12.0 and -80.0 <= south and north <= 84.0


def _normalise_crs(crs: str | int) -> str:
    epsg = CRS.from_user_input(crs).to_epsg()
    return f"EPSG:{epsg}" if epsg else CRS.from_user_input(crs).to_string()


def make_grid(request: DataRequest) -> OutputGrid:
    west, south, east, north = request.bbox
    if request.resolution_m:
        res_m = float(request.resolution_m)
    else:
        natives = [b.resolution_m for b in request.collection.bands if b.name in request.bands]
        res_m = min(natives) if natives else min(b.resolution_m for b in request.collection.bands)
    if request.target_crs:
        crs = _normalise_crs(request.target_crs)
    elif request.collection.native_crs.upper() == "UTM" and _fits_one_utm_zone(west, south, east, north):
        crs = utm_crs((west + east) / 2.0, (south + north) / 2.0)
    elif request.collection.native_crs.upper() == "UTM":
        crs = "EPSG:4326"  # continental requests: one UTM zone would distort them beyond use
    else:
        crs = _normalise_crs(request.collection.native_crs)
    geographic = CRS.from_user_input(crs).is_geographic
    if geographic:
        res = max(1, round(res_m / (METRES_PER_DEGREE * ARCSEC / 10))) * ARCSEC / 10
        minx, miny, maxx, maxy = west, south, east, north
        if crs != "EPSG:4326":
            minx, miny, maxx, maxy = _transformer("EPSG:4326", crs).transform_bounds(west, south, east, north)
    else:
        res = res_m
        minx, miny, maxx, maxy = _transformer("EPSG:4326", crs).transform_bounds(west, south, east, north, densify_pts=21)
    return _snap(crs, minx, miny, maxx, maxy, res, res_m)


def _snap(crs: str, minx: float, miny: float, maxx: float, maxy: float, res: float, res_m: float) -> OutputGrid:
    factor = 1
    while True:
        r = res * factor
        # Round before flooring so that 1e-12 float noise cannot shift a whole pixel.
        x0 = math.floor(round(minx / r, 6)) * r
        y1 = math.ceil(round(maxy / r, 6)) * r
        width = max(1, math.ceil(round((maxx - x0) / r, 6)))
        height = max(1, math.ceil(round((y1 - miny) / r, 6)))
        if max(width, height) <= MAX_SIDE:
            return OutputGrid(crs=crs, x0=x0, y0=y1, res=r, width=width, height=height,
                              resolution_m=res_m * factor, coarsened=factor > 1)
        factor *= 2
