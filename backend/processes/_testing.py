"""A small, self-contained backend context for tests and benchmarks of processes/validation.

`minimal_context(tif)` serves one real GeoTIFF (bands named by their descriptions) as
SENTINEL2_L2A, with a catalog entry that mirrors CDSE's band names, aliases and common names.
Independent of the full catalog and data sources so these tests run on their own.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pyproj
import rioxarray
import xarray as xr

from backend.catalog.models import BandSpec, CollectionSpec
from backend.datasources.base import DataRequest, DataSourceRegistry
from backend.settings import BackendSettings

__all__ = ["sentinel2_spec", "GeoTiffSource", "minimal_context"]

_S2_BANDS = [
    ("B01", "coastal", 60), ("B02", "blue", 10), ("B03", "green", 10), ("B04", "red", 10),
    ("B05", "rededge", 20), ("B06", "rededge", 20), ("B07", "rededge", 20), ("B08", "nir", 10),
    ("B8A", "nir08", 20), ("B09", "nir09", 60), ("B11", "swir16", 20), ("B12", "swir22", 20),
]


def sentinel2_spec() -> CollectionSpec:
    bands = [
        BandSpec(name=n, common_name=c, resolution_m=r, scale=0.0001, nodata=0, unit="reflectance",
                 aliases=[n.replace("0", "", 1)] if n.startswith("B0") else [])
        for n, c, r in _S2_BANDS
    ]
    bands.append(BandSpec(name="SCL", dtype="uint8", resolution_m=20, nodata=0, classes={4: "vegetation", 9: "cloud high"}))
    return CollectionSpec(
        id="SENTINEL2_L2A", title="Sentinel-2 L2A", description="Sentinel-2 surface reflectance",
        bands=bands, temporal_extent=("2015-07-04T00:00:00Z", None), revisit_days=5, native_crs="UTM",
        dimension_names=("x", "y", "t", "bands"),
    )


class GeoTiffSource:
    """One GeoTIFF as a single time step of a collection; bbox and bands read lazily."""

    simulated = False

    def __init__(self, path: Path, date: str, collection_id: str = "SENTINEL2_L2A") -> None:
        self.name = f"file:{Path(path).name}"
        self.path = Path(path)
        self.date = np.datetime64(date, "ns")
        self.collection_id = collection_id
        raster = rioxarray.open_rasterio(self.path, chunks={"x": 512, "y": 512})
        self._raster = raster
        self._crs = raster.rio.crs.to_string()
        import rasterio

        with rasterio.open(self.path) as ds:
            self._band_names = [d or ds.tags(i).get("DESCRIPTION") or f"band_{i}" for i, d in enumerate(ds.descriptions, start=1)]
        to4326 = pyproj.Transformer.from_crs(self._crs, 4326, always_xy=True)
        self.bounds_4326 = to4326.transform_bounds(*raster.rio.bounds())
        self.requests: list[DataRequest] = []  # what was asked, for tests of filter pushdown

    def covers(self, request: DataRequest) -> bool:
        w, s, e, n = request.bbox
        W, S, E, N = self.bounds_4326
        inside_time = np.datetime64(request.start) <= self.date < np.datetime64(request.end)
        return inside_time and w < E and e > W and s < N and n > S and all(b in self._band_names for b in request.bands)

    def acquisitions(self, request: DataRequest) -> list:
        import pandas as pd

        return [pd.Timestamp(self.date).tz_localize("UTC").to_pydatetime()] if self.covers(request) else []

    def load(self, request: DataRequest) -> xr.DataArray:
        self.requests.append(request)
        raster = self._raster.rio.clip_box(*request.bbox, crs="EPSG:4326")
        index = [self._band_names.index(b) for b in request.bands]
        data = raster.isel(band=index).assign_coords(band=request.bands).rename(band="bands")
        data = data.drop_vars("spatial_ref", errors="ignore").expand_dims(t=[self.date]).transpose("t", "bands", "y", "x")
        data.attrs = {"crs": self._crs, "nodata": 0, "simulated": False, "collection_id": request.collection.id}
        return data


def minimal_context(tif: Path, date: str = "2022-06-12", settings: BackendSettings | None = None) -> SimpleNamespace:
    """A context with SENTINEL2_L2A served from `tif` (and the process registry built on it)."""
    from backend.processes.registry import build_registry

    spec = sentinel2_spec()
    sources = DataSourceRegistry()
    sources.register(spec.id, GeoTiffSource(tif, date))
    ctx = SimpleNamespace(settings=settings or BackendSettings(), catalog={spec.id: spec}, sources=sources)
    ctx.processes = build_registry(ctx)
    return ctx


