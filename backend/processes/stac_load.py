"""`load_stac`: a lazy cube from a STAC catalogue, collection, item collection or item.

Local documents must lie under the backend's data directory (a path relative to it, an
absolute path inside it, or a file:// URL); remote ones are read only when
`allow_network` is set and the host is public (backend/net.py). Items are filtered by the
spatial extent (bounding-box intersection) and the temporal extent ([start, end)); raster
assets (GeoTIFF/COG) become bands, named by their asset key or, for multi-band assets, by their
`eo:bands` names. Items of the same date are merged; every item is read on the grid of the
first (reprojected when needed). Values become float32 with no-data as NaN, as load_collection's.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse

import numpy as np
import pyproj
import rioxarray
import xarray as xr

from backend.errors import BandNotAvailable, NoDataAvailable, OpenEOApiError
from backend.processes.extents import _extent_dict, _geojson_bounds, _iso
from backend.processes.load import LOADED

__all__ = ["make_load_stac"]

_RASTER_TYPES = ("image/tiff", "image/vnd.stac.geotiff", "application/x-geotiff")


class StacUnreadable(OpenEOApiError):
    code, status = "StacUnreadable", 400


def _read_document(location: str, ctx: Any) -> Any:
    parsed = urlparse(location)
    if parsed.scheme in ("http", "https"):
        from backend.net import fetch_json

        return fetch_json(location, bool(getattr(ctx.settings, "allow_network", False)))
    path = Path(parsed.path if parsed.scheme == "file" else location)
    root = getattr(ctx.settings, "data_dir", None)
    if root is None:
        raise StacUnreadable("load_stac reads local STAC documents only from the data directory, and this backend has none "
                             "(start it with --data DIR or OPENEO_BACKEND_DATA_DIR).")
    root_path = Path(root).resolve()
    full = (path if path.is_absolute() else root_path / path).resolve()
    if full != root_path and root_path not in full.parents:
        raise StacUnreadable(f"{location} is outside the data directory; load_stac reads only files under it.")
    if not full.is_file():
        raise StacUnreadable(f"{location} does not exist in the data directory.")
    try:
        return json.loads(full.read_text(encoding="utf-8")), str(full)
    except (OSError, json.JSONDecodeError) as exc:
        raise StacUnreadable(f"{location} is not a readable STAC JSON document ({exc}).") from None


def _load(location: str, ctx: Any) -> tuple[dict, str]:
    read = _read_document(location, ctx)
    return read if isinstance(read, tuple) else (read, location)


def _href(base: str, href: str) -> str:
    if urlparse(href).scheme or os.path.isabs(href):
        return href
    if urlparse(base).scheme in ("http", "https"):
        return urljoin(base, href)
    return str((Path(base).parent / href).resolve())


def _items(document: dict, where: str, ctx: Any, depth: int = 0) -> list[tuple[dict, str]]:
    """(item, its location) of a document, following child/item links (bounded depth)."""
    if depth > 8:
        raise StacUnreadable("The STAC catalogue nests more than 8 levels deep.")
    kind = document.get("type")
    if kind == "Feature":
        return [(document, where)]
    if kind == "FeatureCollection":
        return [(f, where) for f in document.get("features", [])]
    out = []
    for link in document.get("links", []):
        if link.get("rel") in ("item", "child"):
            child, child_where = _load(_href(where, link["href"]), ctx)
            out += _items(child, child_where, ctx, depth + 1)
    return out


def _datetime(item: dict) -> np.datetime64 | None:
    props = item.get("properties") or {}
    value = props.get("datetime") or props.get("start_datetime")
    if not value:
        return None
    return np.datetime64(dt.datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(dt.timezone.utc).replace(tzinfo=None), "ns")


def _bbox(extent: Any) -> tuple[float, float, float, float] | None:
    if extent is None:
        return None
    box = _extent_dict(extent)
    if box is None:
        return _geojson_bounds(extent)
    crs = box.get("crs") or 4326
    west, south, east, north = (float(box[k]) for k in ("west", "south", "east", "north"))
    if pyproj.CRS.from_user_input(crs).equals(pyproj.CRS.from_epsg(4326)):
        return west, south, east, north
    return tuple(pyproj.Transformer.from_crs(crs, 4326, always_xy=True).transform_bounds(west, south, east, north))


def _band_assets(item: dict, where: str) -> dict[str, tuple[str, int]]:
    """band name -> (raster path, band index in it)."""
    bands: dict[str, tuple[str, int]] = {}
    for key, asset in (item.get("assets") or {}).items():
        kind, href = asset.get("type", ""), asset.get("href", "")
        if not (kind.startswith(_RASTER_TYPES) or href.lower().endswith((".tif", ".tiff"))):
            continue
        path = _href(where, href)
        names = [b.get("name") for b in asset.get("eo:bands") or asset.get("bands") or [] if b.get("name")]
        if len(names) > 1:
            bands.update({name: (path, i + 1) for i, name in enumerate(names)})
        else:
            bands[key] = (path, 1)
            if names and names[0] not in bands:
                bands[names[0]] = (path, 1)
    return bands


def _in_root(path: str, ctx: Any) -> None:
    if urlparse(path).scheme in ("http", "https"):
        from backend.net import check_public_url

        check_public_url(path, bool(getattr(ctx.settings, "allow_network", False)))
        return
    root = Path(ctx.settings.data_dir).resolve()
    if root not in Path(path).resolve().parents:
        raise StacUnreadable(f"Asset {path} is outside the data directory; load_stac reads only files under it.")


def make_load_stac(ctx: Any):
    def load_stac(url: str, spatial_extent: Any = None, temporal_extent: Any = None, bands: list | None = None,
                  properties: dict | None = None) -> xr.DataArray:
        document, where = _load(url, ctx)
        items = _items(document, where, ctx)
        bbox = _bbox(spatial_extent)
        start, end = (None, None)
        if temporal_extent is not None:
            start, end = (np.datetime64(_iso(v), "ns") if v is not None else None for v in list(temporal_extent))
        chosen = []
        for item, item_where in items:
            when = _datetime(item)
            box = item.get("bbox")
            if bbox and box and (box[0] >= bbox[2] or box[2] <= bbox[0] or box[1] >= bbox[3] or box[3] <= bbox[1]):
                continue
            if when is not None and ((start is not None and when < start) or (end is not None and when >= end)):
                continue
            chosen.append((when, item, item_where))
        if not chosen:
            raise NoDataAvailable(f"No STAC item of {url} intersects the requested extent and dates ({len(items)} items in total).")
        chosen.sort(key=lambda c: (c[0] is None, c[0] if c[0] is not None else np.datetime64(0, "ns")))
        available = _band_assets(chosen[0][1], chosen[0][2])
        names = list(bands) if bands else list(available)
        missing = [b for b in names if b not in available]
        if missing:
            raise BandNotAvailable(f"load_stac: band(s) {missing} are not assets of the items; available: {', '.join(available)}.")
        template = None
        steps: dict[Any, list[xr.DataArray]] = {}
        for when, item, item_where in chosen:
            assets = _band_assets(item, item_where)
            layers = []
            for name in names:
                if name not in assets:
                    raise BandNotAvailable(f"load_stac: item {item.get('id')} has no asset for band '{name}'.")
                path, index = assets[name]
                _in_root(path, ctx)
                raster = rioxarray.open_rasterio(path, chunks={"x": 1024, "y": 1024}, masked=True).sel(band=index, drop=True)
                if template is None:
                    if bbox:
                        raster = raster.rio.clip_box(*bbox, crs="EPSG:4326")
                    template = raster
                elif raster.rio.crs != template.rio.crs or raster.shape != template.shape or not np.allclose(raster.x, template.x):
                    raster = raster.rio.reproject_match(template)
                layers.append(raster.astype("float32").drop_vars("spatial_ref", errors="ignore"))
            steps.setdefault(when, []).append(xr.concat(layers, dim="bands").assign_coords(bands=names))
        dates = list(steps)
        merged = [s[0] if len(s) == 1 else xr.concat(s, dim="item").max("item", skipna=True) for s in steps.values()]
        labels = [d if d is not None else np.datetime64("NaT") for d in dates]
        cube = xr.concat(merged, dim="t").assign_coords(t=np.array(labels, dtype="datetime64[ns]")).transpose("t", "bands", "y", "x")
        crs = template.rio.crs.to_string()
        cube.attrs = {"crs": crs, "nodata": float("nan"), "simulated": False, "collection_id": url}
        cube = cube.rio.write_crs(crs)
        loaded = LOADED.get()
        if loaded is not None:
            loaded.append(cube)
        return cube

    return load_stac
