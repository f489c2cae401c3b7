"""Index a folder of real data files: which file holds which collection, date and bands.

A data folder may declare its mapping in `collections.yaml`:

    SENTINEL2_L2A:
      - path: S2_L2A_sample.tif          # relative to the folder; globs allowed
        date: "2022-06-12"               # for single-date GeoTIFFs (else taken from the file name)
        bands: [B04, B03, B02, B08, SCL] # file band order (else the GeoTIFF band descriptions)
    SENTINEL1_GRD: "S1_*.tif"            # shorthand: a glob, everything else inferred

Without a `collections.yaml`, every GeoTIFF/COG (*.tif, *.tiff), netCDF (*.nc), Zarr store
(*.zarr) and STAC item (*.json with "type": "Feature") is mapped by its file name
(`S2_L2A*` -> SENTINEL2_L2A, ...) or, for STAC items, by their `collection` field; the date
of a single-date file comes from its name or from an openEO process graph published beside it
(`<stem>*.json` whose `load_collection` asks for one day). Only local
files are read: remote hrefs are skipped, nothing is downloaded.
"""

from __future__ import annotations

import glob
import json
import logging
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

import numpy as np
import rasterio
import rasterio.warp
import yaml
from pydantic import BaseModel

from backend.catalog.models import CollectionSpec

log = logging.getLogger(__name__)

# File-name prefixes (upper-cased, separators removed) -> collection id; first match wins.
NAME_RULES: list[tuple[str, str]] = [
    (r"^S2.*L2A", "SENTINEL2_L2A"),
    (r"^S2.*L1C", "SENTINEL2_L1C"),
    (r"^S1.*GRD|^S1", "SENTINEL1_GRD"),
    (r"^S5P|^SENTINEL5P", "SENTINEL_5P_L2"),
    (r"LST", "SENTINEL3_SLSTR_L2_LST"),
    (r"OLCI", "SENTINEL3_OLCI_L1B"),
    (r"^COP.*DEM|^DEM|COPERNICUS30", "COPERNICUS_30"),
    (r"WORLDCOVER.*2020", "ESA_WORLDCOVER_10M_2020_V1"),
    (r"WORLDCOVER", "ESA_WORLDCOVER_10M_2021_V2"),
    (r"^LANDSAT|^LC0[89]", "LANDSAT8_L2"),
]
RASTER_SUFFIXES = {".tif", ".tiff", ".nc", ".zarr"}


class BandRef(BaseModel):
    """Where one band of one date lives."""

    path: str
    kind: Literal["rasterio", "xarray"]
    index: int = 1  # rasterio band index (1-based)
    variable: str | None = None  # xarray data variable
    time_index: int | None = None  # position on the file's time axis, if it has one


class FileEntry(BaseModel):
    """One date of one collection in one file (or one STAC item): bands on a common grid."""

    collection_id: str
    date: datetime | None  # None: undated (static collections only)
    bands: dict[str, BandRef]  # canonical band name -> location
    crs: str
    transform: tuple[float, float, float, float, float, float]  # affine a, b, c, d, e, f
    width: int
    height: int
    bounds_4326: tuple[float, float, float, float]
    dtype: str
    nodata: float | None


def collection_for_name(name: str, catalog: dict[str, CollectionSpec]) -> str | None:
    """The collection id a file name suggests, or None."""
    stem = Path(name).name.upper()
    for cid in sorted(catalog, key=len, reverse=True):
        if stem.startswith(cid):
            return cid
    squashed = re.sub(r"[^A-Z0-9]", "", stem)
    for pattern, cid in NAME_RULES:
        if cid in catalog and (re.search(pattern, stem) or re.search(pattern, squashed)):
            return cid
    return None


def date_from_name(name: str) -> datetime | None:
    """A date in a file name: 2022-06-12, 20220612 or 2022-06 (first of the month)."""
    stem = Path(name).stem
    for pattern, fmt in ((r"(\d{4}-\d{2}-\d{2})", "%Y-%m-%d"), (r"(?<!\d)(\d{8})(?!\d)", "%Y%m%d"),
                         (r"(?<!\d)(\d{4}-\d{2})(?![\d-])", "%Y-%m")):
        match = re.search(pattern, stem)
        if match:
            try:
                return datetime.strptime(match.group(1), fmt).replace(tzinfo=timezone.utc)
            except ValueError:
                continue
    return None


def date_from_process_graph(path: Path) -> datetime | None:
    """The date of a file produced by openEO, read from its published process graph.

    openEO results are often shared with the graph that made them (`<stem>*.json` beside the
    file). When its `load_collection` asks for a single day, that day is the file's date.
    """
    for candidate in sorted(path.parent.glob(f"{path.stem}*.json")):
        try:
            graph = json.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        nodes = (graph.get("process_graph") or graph) if isinstance(graph, dict) else {}
        for node in nodes.values() if isinstance(nodes, dict) else []:
            if not isinstance(node, dict) or node.get("process_id") != "load_collection":
                continue
            extent = (node.get("arguments") or {}).get("temporal_extent") or []
            if len(extent) == 2 and all(isinstance(v, str) for v in extent):
                start, end = _parse_date(extent[0]), _parse_date(extent[1])
                if start and end and (end - start).days <= 1:
                    return start
    return None


def _parse_date(value: Any) -> datetime | None:
    if value is None:
        return None
    text = str(value).replace("Z", "+00:00")
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _canonical(names: list[str | None], spec: CollectionSpec) -> list[str | None]:
    out: list[str | None] = []
    for name in names:
        band = spec.band(name) if name else None
        out.append(band.name if band else None)
    return out


def _bounds_4326(crs: Any, bounds: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    return tuple(rasterio.warp.transform_bounds(crs, "EPSG:4326", *bounds, densify_pts=21))  # type: ignore[return-value]


def _geotiff_entries(path: Path, spec: CollectionSpec, date: datetime | None, bands: list[str] | None) -> list[FileEntry]:
    with rasterio.open(path) as src:
        if src.crs is None:
            log.warning("%s: no CRS; skipped (write one with gdal_edit.py -a_srs)", path)
            return []
        names = bands or [src.descriptions[i] or src.tags(i + 1).get("DESCRIPTION") for i in range(src.count)]
        canonical = _canonical(list(names), spec)
        refs = {name: BandRef(path=str(path), kind="rasterio", index=i + 1) for i, name in enumerate(canonical) if name}
        if not refs and src.count == 1 and len(spec.bands) == 1:  # a DEM or land cover map: one band, one meaning
            refs = {spec.bands[0].name: BandRef(path=str(path), kind="rasterio", index=1)}
        if not refs:
            log.warning("%s: no band of %s recognised in %s; declare 'bands' in collections.yaml", path, spec.id, names)
            return []
        nodata = src.nodata if src.nodata is not None else spec.bands[0].nodata
        return [FileEntry(
            collection_id=spec.id, date=date, bands=refs, crs=src.crs.to_string(), transform=tuple(src.transform)[:6],
            width=src.width, height=src.height, bounds_4326=_bounds_4326(src.crs, tuple(src.bounds)),
            dtype=np.result_type(*src.dtypes).name, nodata=nodata,
        )]


def _xarray_entries(path: Path, spec: CollectionSpec, date: datetime | None, bands: list[str] | None) -> list[FileEntry]:
    import rioxarray  # noqa: F401  (registers the .rio accessor)

    from backend.datasources.xarray_io import open_dataset

    ds = open_dataset(str(path))
    wanted = bands or [str(v) for v in ds.data_vars]
    variables = {c: v for v, c in zip(wanted, _canonical(wanted, spec)) if c and v in ds.data_vars}
    if not variables:
        log.warning("%s: no variable named like a band of %s (%s)", path, spec.id, list(ds.data_vars))
        return []
    first = ds[next(iter(variables.values()))]
    if first.rio.crs is None:
        log.warning("%s: no CRS (grid_mapping) found; skipped", path)
        return []
    tdim = next((d for d in ("t", "time") if d in first.dims), None)
    times: list[datetime | None] = [date]
    if tdim is not None:
        times = [datetime.fromtimestamp(np.datetime64(t, "s").astype(int), tz=timezone.utc) for t in ds[tdim].values]
    crs = first.rio.crs
    bounds = tuple(first.rio.bounds())
    entries = []
    for i, when in enumerate(times):
        refs = {c: BandRef(path=str(path), kind="xarray", variable=v, time_index=i if tdim else None)
                for c, v in variables.items()}
        fill = first.attrs.get("_FillValue", first.encoding.get("_FillValue"))
        entries.append(FileEntry(
            collection_id=spec.id, date=when, bands=refs, crs=crs.to_string(),
            transform=tuple(first.rio.transform())[:6], width=first.rio.width, height=first.rio.height,
            bounds_4326=_bounds_4326(crs, bounds), dtype=np.result_type(*[ds[v].dtype for v in variables.values()]).name,
            nodata=None if fill is None else float(fill),
        ))
    return entries


def _stac_entries(path: Path, catalog: dict[str, CollectionSpec], collection_id: str | None) -> list[FileEntry]:
    item = json.loads(path.read_text(encoding="utf-8"))
    if item.get("type") != "Feature" or "assets" not in item:
        return []
    cid = collection_id or item.get("collection")
    if cid not in catalog:
        cid = collection_for_name(str(item.get("collection") or path.name), catalog)
    if cid is None:
        return []
    spec = catalog[cid]
    date = _parse_date(item.get("properties", {}).get("datetime"))
    pieces: list[FileEntry] = []
    for key, asset in item["assets"].items():
        href = str(asset.get("href", ""))
        if "://" in href and not href.startswith("file://"):
            continue  # remote: never downloaded
        local = (path.parent / href.removeprefix("file://")).resolve()
        name = (asset.get("eo:bands") or [{}])[0].get("name") or key
        band = spec.band(name)
        if band is None or not local.is_file():
            continue
        pieces += _geotiff_entries(local, spec, date, [band.name])
    if not pieces:
        return []
    merged = pieces[0].model_copy(update={"bands": {b: r for p in pieces for b, r in p.bands.items()}})
    return [merged]


def _file_entries(path: Path, catalog: dict[str, CollectionSpec], collection_id: str | None,
                  date: datetime | None, bands: list[str] | None) -> list[FileEntry]:
    """The entries of one file; an unreadable file is logged and skipped, never fatal."""
    try:
        return _entries_of(path, catalog, collection_id, date, bands)
    except (OSError, ValueError, KeyError, rasterio.errors.RasterioError) as exc:
        log.warning("%s: not readable as a data file (%s: %s); skipped", path, type(exc).__name__, exc)
        return []


def _entries_of(path: Path, catalog: dict[str, CollectionSpec], collection_id: str | None,
                date: datetime | None, bands: list[str] | None) -> list[FileEntry]:
    if path.suffix.lower() == ".json":
        return _stac_entries(path, catalog, collection_id)
    cid = collection_id or collection_for_name(path.name, catalog)
    if cid is None or cid not in catalog:
        log.info("%s: no collection matches the file name; map it in collections.yaml", path)
        return []
    spec = catalog[cid]
    date = date or date_from_name(path.name) or date_from_process_graph(path)
    if path.suffix.lower() in (".tif", ".tiff"):
        entries = _geotiff_entries(path, spec, date, bands)
    else:
        entries = _xarray_entries(path, spec, date, bands)
    if spec.revisit_days is not None and any(e.date is None for e in entries):
        log.warning("%s: no date for %s (put 'date' in collections.yaml or in the file name); skipped", path, cid)
        return [e for e in entries if e.date is not None]
    return entries


def _declared(folder: Path, catalog: dict[str, CollectionSpec]) -> list[FileEntry]:
    declared = yaml.safe_load((folder / "collections.yaml").read_text(encoding="utf-8")) or {}
    entries: list[FileEntry] = []
    for cid, items in declared.items():
        if cid not in catalog:
            log.warning("collections.yaml: unknown collection %s (known: %s)", cid, ", ".join(sorted(catalog)))
            continue
        for item in items if isinstance(items, list) else [items]:
            item = {"path": item} if isinstance(item, str) else dict(item)
            for match in sorted(glob.glob(str(folder / item["path"]))):
                entries += _file_entries(Path(match), catalog, cid, _parse_date(item.get("date")), item.get("bands"))
    return entries


def index_folder(folder: str | Path, catalog: dict[str, CollectionSpec]) -> list[FileEntry]:
    """All file entries of a data folder (declared by collections.yaml, else inferred)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"Data folder {folder} does not exist; pass an existing folder to --data.")
    if (folder / "collections.yaml").is_file():
        return _declared(folder, catalog)
    entries: list[FileEntry] = []
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() in RASTER_SUFFIXES or (path.suffix.lower() == ".json" and path.is_file()):
            if any(p.suffix.lower() == ".zarr" for p in path.parents):
                continue  # inside a Zarr store
            entries += _file_entries(path, catalog, None, None, None)
    return entries
