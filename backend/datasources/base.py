"""The data-source interface: how `load_collection` gets pixels for a collection.

A data source answers a `DataRequest` with a lazy (Dask-backed) `xarray.DataArray` whose
dimensions are exactly ("t", "bands", "y", "x") — "t" may have length 1 for static
collections — with coordinates:

- "t": numpy datetime64 labels, sorted, inside the requested interval (end exclusive);
- "bands": the requested band names, in the requested order;
- "y", "x": pixel centres in `crs` (descending y), regular spacing.

and attrs: `crs` (an EPSG string such as "EPSG:32632"), `nodata` (value in the *returned*
dtype, or None), `simulated` (bool), `collection_id`. Values are the stored digital numbers in
the band's stored dtype (the scale factor is NOT applied: that is what CDSE does too); the
`load_collection` implementation casts to float before band math.

Sources are registered per collection id in a `DataSourceRegistry`; the first source whose
`covers()` is true serves the request (real files first, the simulated Earth last).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from pydantic import BaseModel

from backend.catalog.models import CollectionSpec

if TYPE_CHECKING:  # pragma: no cover - xarray takes a second to import; a listing backend needs none
    import xarray as xr


class DataRequest(BaseModel):
    collection: CollectionSpec
    bbox: tuple[float, float, float, float]  # west, south, east, north in EPSG:4326 degrees
    start: str  # ISO date or datetime, inclusive
    end: str  # ISO date or datetime, exclusive
    bands: list[str]  # canonical band names (aliases already resolved)
    resolution_m: float | None = None  # None: the collection's native resolution per band (finest asked)
    target_crs: str | None = None  # None: the source's natural CRS (UTM zone of the bbox centre for UTM products)
    whole_series: bool = False  # a later step holds each pixel's whole time series at once (chunk small in space)


@runtime_checkable
class DataSource(Protocol):
    name: str
    simulated: bool

    def covers(self, request: DataRequest) -> bool:
        """True when this source holds data for the request's collection, bbox and dates."""

    def load(self, request: DataRequest) -> xr.DataArray:
        """Lazily load the request (see module docstring for the array contract)."""


class NoDataError(Exception):
    """No registered source covers a request (openEO code: NoDataAvailable)."""

    code = "NoDataAvailable"


class DataSourceRegistry:
    """Ordered sources per collection id; the first that covers a request serves it."""

    def __init__(self) -> None:
        self._sources: dict[str, list[DataSource]] = {}

    def register(self, collection_id: str, source: DataSource) -> None:
        self._sources.setdefault(collection_id, []).append(source)

    def sources(self, collection_id: str) -> list[DataSource]:
        return list(self._sources.get(collection_id, []))

    def resolve(self, request: DataRequest) -> DataSource:
        for source in self._sources.get(request.collection.id, []):
            if source.covers(request):
                return source
        raise NoDataError(
            f"No data for collection '{request.collection.id}' in bbox {request.bbox} "
            f"between {request.start} and {request.end}. Choose an extent and dates inside "
            "the collection's extent (see GET /collections/{id})."
        )

    def load(self, request: DataRequest) -> xr.DataArray:
        return self.resolve(request).load(request)
