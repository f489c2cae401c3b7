"""`load_collection`: the catalog's collections as lazy float cubes from the data sources.

The spatial extent (bounding box in any CRS, or GeoJSON), the temporal extent and the bands
are pushed into the `DataRequest`, so a source reads only what is asked. Values stay digital
numbers as on CDSE (no scale factor), but as float32 with the nodata value turned into NaN, so
that band math neither overflows nor averages fill values.
"""

from __future__ import annotations

import datetime as dt
import functools
from contextvars import ContextVar
from typing import Any, Callable

import numpy as np
import pyproj
import shapely.geometry
import xarray as xr
from openeo_pg_parser_networkx.pg_schema import BoundingBox, Date, DateTime, Time, Year

from backend.catalog.models import CollectionSpec
from backend.datasources.base import DataRequest, NoDataError
from backend.names import band_hint, collection_hint
from backend.errors import (
    BandNotAvailable,
    CollectionNotFound,
    NoDataAvailable,
    SpatialExtentInvalid,
    TemporalExtentInvalid,
)

__all__ = ["make_load_collection", "LOADED", "resolve_band", "bbox_4326", "temporal_bounds"]

# Arrays loaded during the current execution (execute() sets a fresh list): their attrs tell
# whether the result is simulated.
LOADED: ContextVar[list[xr.DataArray] | None] = ContextVar("openeo_loaded", default=None)


def resolve_band(collection: CollectionSpec, name: str) -> str | None:
    """Canonical band name for a name, an alias ("B8") or a common name ("nir"), else None."""
    band = collection.band(name)
    if band is not None:
        return band.name
    lowered = name.lower()
    for b in collection.bands:
        if b.name.lower() == lowered or lowered in (a.lower() for a in b.aliases):
            return b.name
    matches = [b.name for b in collection.bands if b.common_name and b.common_name.lower() == lowered]
    return matches[0] if matches else None


def _extent_dict(extent: Any) -> dict | None:
    if isinstance(extent, BoundingBox):
        return {"west": extent.west, "south": extent.south, "east": extent.east, "north": extent.north, "crs": extent.crs}
    if isinstance(extent, dict) and {"west", "south", "east", "north"} <= set(extent):
        return extent
    return None


def _geojson_bounds(geojson: dict) -> tuple[float, float, float, float]:
    kind = geojson.get("type")
    if kind == "FeatureCollection":
        shapes = [shapely.geometry.shape(f["geometry"]) for f in geojson.get("features", [])]
    elif kind == "Feature":
        shapes = [shapely.geometry.shape(geojson["geometry"])]
    else:
        shapes = [shapely.geometry.shape(geojson)]
    if not shapes:
        raise SpatialExtentInvalid("The GeoJSON spatial extent has no geometries. Give a Polygon or a bounding box.")
    west, south, east, north = shapely.geometry.GeometryCollection(shapes).bounds
    return west, south, east, north


def bbox_4326(extent: Any, collection: CollectionSpec) -> tuple[float, float, float, float]:
    """The spatial extent (bbox in any CRS, GeoJSON, or None for the whole collection) in degrees."""
    if extent is None:
        return collection.spatial_extent
    box = _extent_dict(extent)
    if box is None:
        if isinstance(extent, dict) and "type" in extent:
            return _geojson_bounds(extent)
        raise SpatialExtentInvalid(
            f"Cannot read the spatial extent {extent!r}. Give "
            '{"west": .., "south": .., "east": .., "north": .., "crs": 4326} or a GeoJSON Polygon.'
        )
    crs = box.get("crs") or 4326
    try:
        source = pyproj.CRS.from_user_input(crs)
    except pyproj.exceptions.CRSError as exc:
        raise SpatialExtentInvalid(f"Unknown CRS {crs!r} in the spatial extent. Use an EPSG code such as 4326.") from exc
    west, south, east, north = (float(box[k]) for k in ("west", "south", "east", "north"))
    if source.equals(pyproj.CRS.from_epsg(4326)):
        return west, south, east, north
    transformer = pyproj.Transformer.from_crs(source, 4326, always_xy=True)
    return tuple(transformer.transform_bounds(west, south, east, north))  # type: ignore[return-value]


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Year):
        return f"{value.root.year:04d}-01-01"
    if isinstance(value, Date):
        return value.root.date().isoformat()
    if isinstance(value, DateTime):
        return value.root.astimezone(dt.timezone.utc).replace(tzinfo=None).isoformat()
    if isinstance(value, Time):
        raise TemporalExtentInvalid("A temporal extent needs dates, not only times of day: use ['2022-06-01', '2022-07-01'].")
    if isinstance(value, str):
        return value.removesuffix("Z")
    raise TemporalExtentInvalid(f"Cannot read {value!r} as a date. Use ISO dates such as '2022-06-01'.")


def temporal_bounds(extent: Any, collection: CollectionSpec) -> tuple[str, str]:
    """(start inclusive, end exclusive) as ISO strings; open ends fall back to the collection's extent."""
    items = list(extent) if extent is not None else [None, None]
    if len(items) != 2:
        raise TemporalExtentInvalid("temporal_extent must be [start, end], e.g. ['2022-06-01', '2022-07-01'].")
    start, end = _iso(items[0]), _iso(items[1])
    if start is None:
        start = collection.temporal_extent[0].removesuffix("Z")
    if end is None:
        end = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)).date().isoformat()
    return start, end


def _bands(collection: CollectionSpec, bands: list[str] | None) -> list[str]:
    if not bands:
        return collection.band_names
    resolved = []
    for name in bands:
        canonical = resolve_band(collection, name)
        if canonical is None:
            raise BandNotAvailable(
                f"Band '{name}' is not in collection '{collection.id}'.{band_hint(name, collection.band_names)} "
                f"Use one of: {', '.join(collection.band_names)}."
            )
        resolved.append(canonical)
    return resolved


def to_float_cube(data: xr.DataArray, collection: CollectionSpec) -> xr.DataArray:
    """float32 digital numbers, nodata -> NaN, CRS written, common names beside band names."""
    attrs = dict(data.attrs)
    nodata = attrs.get("nodata")
    cube = data if np.issubdtype(data.dtype, np.floating) and data.dtype == np.float32 else data.astype("float32")
    if nodata is not None and not (isinstance(nodata, float) and np.isnan(nodata)):
        cube = cube.where(data != nodata)
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
