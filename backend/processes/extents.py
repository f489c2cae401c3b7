"""The arguments of `load_collection` read without loading anything: bands (aliases and common
names), the spatial extent in degrees, the temporal extent as ISO strings.

Validation reads them for every load of a graph; it imports none of the compute stack (xarray,
Dask, the process graph parser), which `backend.processes.load` needs to build the cube.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import pyproj

from backend.catalog.models import CollectionSpec
from backend.errors import BandNotAvailable, SpatialExtentInvalid, TemporalExtentInvalid
from backend.names import band_hint

__all__ = ["resolve_band", "bbox_4326", "temporal_bounds", "_bands", "_extent_dict", "_geojson_bounds", "_iso"]


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
    pg = sys.modules.get("openeo_pg_parser_networkx.pg_schema")
    if pg is not None and isinstance(extent, pg.BoundingBox):
        return {"west": extent.west, "south": extent.south, "east": extent.east, "north": extent.north, "crs": extent.crs}
    if isinstance(extent, dict) and {"west", "south", "east", "north"} <= set(extent):
        return extent
    return None


def _geojson_bounds(geojson: dict) -> tuple[float, float, float, float]:
    import shapely.geometry

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
    pg = sys.modules.get("openeo_pg_parser_networkx.pg_schema")  # its objects exist only once it is imported
    if pg is not None and isinstance(value, pg.Year):
        return f"{value.root.year:04d}-01-01"
    if pg is not None and isinstance(value, pg.Date):
        return value.root.date().isoformat()
    if pg is not None and isinstance(value, pg.DateTime):
        return value.root.astimezone(dt.timezone.utc).replace(tzinfo=None).isoformat()
    if pg is not None and isinstance(value, pg.Time):
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
