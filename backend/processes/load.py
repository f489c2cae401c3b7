"""`load_collection`: the catalog's collections as lazy float cubes from the data sources.

The spatial extent (bounding box in any CRS, or GeoJSON), the temporal extent and the bands
are pushed into the `DataRequest`, so a source reads only what is asked. Values stay digital
numbers as on CDSE (no scale factor), but as float32 with the nodata value turned into NaN, so
that band math neither overflows nor averages fill values.
"""

from __future__ import annotations

import functools
from contextvars import ContextVar
from typing import Any, Callable

import dask.array as da
import numpy as np
import pyproj
import xarray as xr

from backend.catalog.models import CollectionSpec
from backend.datasources.base import DataRequest, NoDataError
from backend.errors import (
    CollectionNotFound,
    NoDataAvailable,
)
from backend.names import collection_hint
from backend.processes.extents import (
    _bands,
    bbox_4326,
    resolve_band,
    temporal_bounds,
)

__all__ = ["make_load_collection", "LOADED", "resolve_band", "bbox_4326", "temporal_bounds"]

# Arrays loaded during the current execution (execute() sets a fresh list): their attrs tell
# whether the result is simulated.
LOADED: ContextVar[list[xr.DataArray] | None] = ContextVar("openeo_loaded", default=None)


def _as_float32(values: np.ndarray, nodata: float | int | None) -> np.ndarray:
    """One block as float32, the nodata value NaN: one conversion and one masked fill (xarray's
    astype, `!=` and `where` make three passes and two float copies)."""
    out = values.astype(np.float32)  # a new array: the input block may be shared read-only
    if nodata is not None:
        np.copyto(out, np.float32(np.nan), where=values == nodata)
    return out


def to_float_cube(data: xr.DataArray, collection: CollectionSpec) -> xr.DataArray:
    """float32 digital numbers, nodata -> NaN, CRS written, common names beside band names."""
    attrs = dict(data.attrs)
    nodata = attrs.get("nodata")
    if nodata is not None and isinstance(nodata, float) and np.isnan(nodata):
        nodata = None  # NaN is no-data already
    if data.dtype == np.float32 and nodata is None:
        cube = data
    elif isinstance(data.data, da.Array):
        cube = data.copy(deep=False, data=data.data.map_blocks(_as_float32, nodata, dtype=np.float32))
    else:
        cube = data.copy(deep=False, data=_as_float32(np.asarray(data.values), nodata))
    attrs["nodata"] = float("nan")
    cube.attrs = attrs
    common = [(collection.band(b).common_name if collection.band(b) else None) or b for b in cube["bands"].values]
    cube = cube.assign_coords(common_name=("bands", common))
    if attrs.get("crs") and "spatial_ref" not in cube.coords:
        cube = cube.assign_coords(spatial_ref=_grid_mapping(str(attrs["crs"])))
    return cube


@functools.lru_cache(maxsize=32)
def _grid_mapping(crs: str) -> xr.Variable:
    """The CF grid-mapping coordinate rioxarray and odc-geo read the CRS from (built once per CRS)."""
    cf = pyproj.CRS.from_user_input(crs).to_cf()
    return xr.Variable((), 0, attrs={**cf, "spatial_ref": cf.get("crs_wkt", "")})


def make_load_collection(ctx: Any) -> Callable[..., xr.DataArray]:
    """`load_collection` bound to a backend context (catalog and data sources)."""

    def load_collection(
        id: str,
        spatial_extent: Any = None,
        temporal_extent: Any = None,
        bands: list[str] | None = None,
        properties: dict | None = None,
        _read: dict | None = None,
    ) -> xr.DataArray:
        """`_read` (set by backend.processes.pushdown, never by users): resolution_m / target_crs / whole_series."""
        collection = ctx.catalog.get(id)
        if collection is None:
            raise CollectionNotFound(
                f"Collection '{id}' does not exist.{collection_hint(id, ctx.catalog)} Use one of: {', '.join(sorted(ctx.catalog))}.")
        start, end = temporal_bounds(temporal_extent, collection)
        request = DataRequest(
            collection=collection,
            bbox=bbox_4326(spatial_extent, collection),
            start=start,
            end=end,
            bands=_bands(collection, bands),
            **{k: v for k, v in (_read or {}).items() if k in ("resolution_m", "target_crs", "whole_series")},
        )
        try:
            data = ctx.sources.load(request)
        except NoDataError as exc:
            raise NoDataAvailable(str(exc)) from exc
        cube = to_float_cube(data, collection)
        loaded = LOADED.get()
        if loaded is not None:
            loaded.append(cube)
        return cube

    return load_collection
