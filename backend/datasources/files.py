"""Real files as a data source: GeoTIFF/COG, netCDF, Zarr and local STAC items, read lazily.

`FileSource.from_folder(folder, catalog)` indexes the folder (see `file_index`), then answers a
`DataRequest` with a Dask-backed array on a target grid: the bbox in the request's CRS (default:
the file's own CRS), at the requested resolution (default: the file's), snapped to the file's
pixel grid when CRS and resolution match so that pixels are copied, not resampled. Otherwise
blocks are warped with nearest-neighbour resampling (digital numbers and classes stay exact).
Nothing is read until the array is computed; nothing touches the network.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

import dask.array as da
from dask.base import tokenize
import numpy as np
import rasterio
import rasterio.warp
import xarray as xr
from affine import Affine
from pydantic import BaseModel
from rasterio.crs import CRS
from rasterio.enums import Resampling
from rasterio.vrt import WarpedVRT
from rasterio.windows import Window

from backend.catalog.models import CollectionSpec
from backend.datasources.base import DataRequest
from backend.datasources.file_index import BandRef, FileEntry, index_folder

log = logging.getLogger(__name__)

BLOCK = 1024  # pixels per side of one Dask chunk
METRES_PER_DEGREE = 111_320.0


class Grid(BaseModel):
    crs: str
    transform: tuple[float, float, float, float, float, float]
    width: int
    height: int

    @property
    def affine(self) -> Affine:
        return Affine(*self.transform)


def parse_instant(text: str) -> datetime:
    """An ISO date or datetime as an aware UTC datetime (a bare date is midnight)."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _intersects(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _resolution(request: DataRequest, entry: FileEntry, crs: CRS) -> float:
    entry_crs = CRS.from_string(entry.crs)
    native = abs(entry.transform[0])
    if request.resolution_m:
        return request.resolution_m if crs.is_projected else request.resolution_m / METRES_PER_DEGREE
    if crs == entry_crs:
        return native
    if entry_crs.is_projected and not crs.is_projected:
        return native / METRES_PER_DEGREE
    if crs.is_projected and not entry_crs.is_projected:
        return native * METRES_PER_DEGREE
    return native


def target_grid(request: DataRequest, entry: FileEntry) -> Grid:
    """The output grid: bbox in the target CRS, snapped to the file's pixels when it can be."""
    crs = CRS.from_user_input(request.target_crs) if request.target_crs else CRS.from_string(entry.crs)
    res = _resolution(request, entry, crs)
    minx, miny, maxx, maxy = rasterio.warp.transform_bounds("EPSG:4326", crs, *request.bbox, densify_pts=21)
    same_grid = crs == CRS.from_string(entry.crs) and math.isclose(res, abs(entry.transform[0]), rel_tol=1e-9)
    x0, y0 = (entry.transform[2], entry.transform[5]) if same_grid else (0.0, 0.0)
    left = x0 + math.floor((minx - x0) / res + 1e-9) * res
    right = x0 + math.ceil((maxx - x0) / res - 1e-9) * res
    top = y0 - math.floor((y0 - maxy) / res + 1e-9) * res
    bottom = y0 - math.ceil((y0 - miny) / res - 1e-9) * res
    width = max(1, round((right - left) / res))
    height = max(1, round((top - bottom) / res))
    return Grid(crs=crs.to_string(), transform=(res, 0.0, left, 0.0, -res, top), width=width, height=height)


def _read_rasterio(ref: BandRef, grid_crs: str, transform: Affine, shape: tuple[int, int], dtype: str,
                   src_nodata: float | None, nodata: float) -> np.ndarray:
    with rasterio.open(ref.path) as src:
        aligned = src.crs == CRS.from_string(grid_crs) and np.allclose(
            [src.transform.a, src.transform.e], [transform.a, transform.e])
        if aligned:
            col, row = ~src.transform @ (transform.c, transform.f)
            if abs(col - round(col)) < 1e-6 and abs(row - round(row)) < 1e-6:
                window = Window(round(col), round(row), shape[1], shape[0])
                return src.read(ref.index, window=window, boundless=True, fill_value=nodata).astype(dtype, copy=False)
        with WarpedVRT(src, crs=grid_crs, transform=transform, width=shape[1], height=shape[0],
                       resampling=Resampling.nearest, src_nodata=src_nodata, nodata=nodata) as vrt:
            return vrt.read(ref.index).astype(dtype, copy=False)


def _read_xarray(ref: BandRef, src_crs: str, grid_crs: str, transform: Affine, shape: tuple[int, int], dtype: str,
                 src_nodata: float | None, nodata: float) -> np.ndarray:
    import rioxarray  # noqa: F401

    from backend.datasources.xarray_io import open_dataset

    var = open_dataset(ref.path)[ref.variable]
    if ref.time_index is not None:
        var = var.isel({next(d for d in ("t", "time") if d in var.dims): ref.time_index})
    right, bottom = transform @ (shape[1], shape[0])
    minx, miny, maxx, maxy = rasterio.warp.transform_bounds(grid_crs, src_crs, transform.c, bottom, right, transform.f)
    xres, yres = (abs(float(v)) for v in var.rio.resolution())
    xs, ys = var[var.rio.x_dim].values, var[var.rio.y_dim].values
    x_lo, x_hi = minx - 2 * xres, maxx + 2 * xres
    y_lo, y_hi = miny - 2 * yres, maxy + 2 * yres
    sub = var.sel({
        var.rio.x_dim: slice(x_lo, x_hi) if xs[0] <= xs[-1] else slice(x_hi, x_lo),
        var.rio.y_dim: slice(y_hi, y_lo) if ys[0] >= ys[-1] else slice(y_lo, y_hi),
    })
    out = np.full(shape, nodata, dtype=dtype)
    if sub.size == 0:
        return out
    rasterio.warp.reproject(
        np.asarray(sub.values), out, src_transform=sub.rio.transform(recalc=True), src_crs=src_crs,
        dst_transform=transform, dst_crs=grid_crs, resampling=Resampling.nearest,
        src_nodata=src_nodata, dst_nodata=nodata)
    return out


def _chunk_sizes(total: int) -> tuple[int, ...]:
    return tuple(min(BLOCK, total - start) for start in range(0, total, BLOCK))


def _band_array(ref: BandRef, entry: FileEntry, grid: Grid, dtype: str, nodata: float) -> da.Array:
    """One band of one entry on the target grid, as Dask blocks read on demand.

    A blockwise layer: building it costs the same for a tile or a continent; only the blocks
    that a computation needs are ever read.
    """

    def read(block_info=None) -> np.ndarray:
        (r0, r1), (c0, c1) = block_info[None]["array-location"]
        transform = grid.affine @ Affine.translation(c0, r0)
        shape = (r1 - r0, c1 - c0)
        if ref.kind == "rasterio":
            return _read_rasterio(ref, grid.crs, transform, shape, dtype, entry.nodata, nodata)
        return _read_xarray(ref, entry.crs, grid.crs, transform, shape, dtype, entry.nodata, nodata)

    name = "read-" + tokenize(ref.model_dump(), entry.crs, grid.model_dump(), dtype, nodata)
    chunks = (_chunk_sizes(grid.height), _chunk_sizes(grid.width))
    return da.map_blocks(read, chunks=chunks, dtype=dtype, name=name, meta=np.empty((0, 0), dtype=dtype))


def _covered_share(bbox: tuple[float, ...], footprints: list[tuple[float, ...]]) -> float:
    """Share of `bbox` inside the union of `footprints` (all in degrees), on a 50 x 50 sample grid."""
    xs = np.linspace(bbox[0], bbox[2], 50)
    ys = np.linspace(bbox[1], bbox[3], 50)
    gx, gy = np.meshgrid(xs, ys)
    inside = np.zeros(gx.shape, dtype=bool)
    for w, s, e, n in footprints:
        inside |= (gx >= w) & (gx <= e) & (gy >= s) & (gy <= n)
    return float(inside.mean())


def _mosaic(arrays: list[da.Array], nodata: float) -> da.Array:
    """First valid pixel wins (several files of the same date)."""
    out = arrays[0]
    for nxt in arrays[1:]:
        invalid = da.isnan(out) if np.isnan(nodata) else out == nodata
        out = da.where(invalid, nxt, out)
    return out


class FileSource:
    """A `DataSource` over the files of one data folder."""

    simulated = False

    def __init__(self, entries: list[FileEntry], catalog: dict[str, CollectionSpec], name: str = "files",
                 min_coverage: float = 0.0) -> None:
        """`min_coverage`: the share of the request's bbox the files must cover to serve it
        (0: any overlap, the rest is nodata; set it above 0 when another source can take over)."""
        self.entries = entries
        self.catalog = catalog
        self.name = name
        self.min_coverage = min_coverage

    @classmethod
    def from_folder(cls, folder: str | Path, catalog: dict[str, CollectionSpec], min_coverage: float = 0.0) -> FileSource:
        entries = index_folder(folder, catalog)
        log.info("data folder %s: %d file entries for %s", folder, len(entries),
                 sorted({e.collection_id for e in entries}))
        return cls(entries, catalog, name=f"files:{folder}", min_coverage=min_coverage)

    def collection_ids(self) -> set[str]:
        return {e.collection_id for e in self.entries}

    def _matching(self, request: DataRequest) -> list[FileEntry]:
        start, end = parse_instant(request.start), parse_instant(request.end)
        bands = set(request.bands)
        return [
            e for e in self.entries
            if e.collection_id == request.collection.id
            and (e.date is None or start <= e.date < end)
            and _intersects(e.bounds_4326, request.bbox)
            and bands <= set(e.bands)
        ]

    def covers(self, request: DataRequest) -> bool:
        entries = self._matching(request)
        if not entries or self.min_coverage <= 0:
            return bool(entries)
        return _covered_share(request.bbox, [e.bounds_4326 for e in entries]) >= self.min_coverage

    def acquisitions(self, request: DataRequest) -> list[datetime]:
        """The dates of the files that would serve the request (undated files: the collection's start)."""
        entries = self._matching(request)
        if not entries or (self.min_coverage > 0 and
                           _covered_share(request.bbox, [e.bounds_4326 for e in entries]) < self.min_coverage):
            return []
        start = parse_instant(request.collection.temporal_extent[0])
        return sorted({(e.date or start).astimezone(timezone.utc) for e in entries})

    def load(self, request: DataRequest) -> xr.DataArray:
        entries = sorted(self._matching(request), key=lambda e: (e.date or datetime.min.replace(tzinfo=timezone.utc)))
        if not entries:
            from backend.datasources.base import NoDataError

            raise NoDataError(f"No file in {self.name} covers {request.collection.id} for this bbox, dates and bands.")
        spec = request.collection
        bands = list(request.bands) or [b for b in spec.band_names if b in entries[0].bands]
        grid = target_grid(request, entries[0])
        dtype = np.result_type(*[np.dtype(e.dtype) for e in entries]).name
        declared = entries[0].nodata
        if declared is not None and not (np.issubdtype(np.dtype(dtype), np.integer) and math.isnan(declared)):
            nodata = float(declared)
        else:
            nodata = math.nan if np.issubdtype(np.dtype(dtype), np.floating) else 0.0

        by_date: dict[datetime | None, list[FileEntry]] = defaultdict(list)
        for entry in entries:
            by_date[entry.date].append(entry)
        steps, labels = [], []
        for when, group in by_date.items():
            per_band = [_mosaic([_band_array(e.bands[b], e, grid, dtype, nodata) for e in group], nodata) for b in bands]
            steps.append(da.stack(per_band))
            when = when or parse_instant(spec.temporal_extent[0])
            labels.append(np.datetime64(when.astimezone(timezone.utc).replace(tzinfo=None), "ns"))

        res_x, res_y = grid.transform[0], grid.transform[4]
        x = grid.transform[2] + (np.arange(grid.width) + 0.5) * res_x
        y = grid.transform[5] + (np.arange(grid.height) + 0.5) * res_y
        return xr.DataArray(
            da.stack(steps),
            dims=("t", "bands", "y", "x"),
            coords={"t": np.array(labels), "bands": bands, "y": y, "x": x},
            attrs={"crs": grid.crs, "nodata": nodata, "simulated": False, "collection_id": spec.id},
            name=spec.id,
        )
