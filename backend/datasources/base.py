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

A source may also say which acquisitions it holds without loading anything
(`acquisitions(request)`, see `AcquisitionSource`): validation uses it to report empty time
windows with the nearest dates, and `GET /collections/{id}/items` lists them as STAC items.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
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


@runtime_checkable
class AcquisitionSource(Protocol):
    """A source that can list its acquisitions for a request without reading pixels."""

    def acquisitions(self, request: DataRequest) -> list[datetime]:
        """Sorted, distinct acquisition instants (aware UTC) `load(request)` would deliver as
        time labels; an empty list when the window holds none."""


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

    def serving(self, request: DataRequest) -> DataSource | None:
        """The source that would serve the request, or None."""
        return next((s for s in self._sources.get(request.collection.id, []) if s.covers(request)), None)

    def resolve(self, request: DataRequest) -> DataSource:
        source = self.serving(request)
        if source is not None:
            return source
        raise NoDataError(
            f"No data for collection '{request.collection.id}' in bbox {request.bbox} "
            f"between {request.start} and {request.end}. Choose an extent and dates inside "
            "the collection's extent (see GET /collections/{id})."
        )

    def load(self, request: DataRequest) -> xr.DataArray:
        return self.resolve(request).load(request)

    def acquisitions(self, request: DataRequest) -> list[datetime] | None:
        """The time labels a load of `request` would get (from the source that would serve it):
        [] when no source covers the request or the serving one holds no acquisition in the
        window, None when the serving source cannot tell without loading."""
        source = self.serving(request)
        if source is None:
            return []
        return source.acquisitions(request) if isinstance(source, AcquisitionSource) else None

    def nearest_acquisitions(self, request: DataRequest, search_days: int = 366, n: int = 2) -> tuple[list[datetime], list[datetime]]:
        """Up to `n` acquisitions before the request's start and `n` at or after its end, from
        any source, within `search_days` of the window (for "no data: nearest dates are ...")."""
        start, end = _instant(request.start), _instant(request.end)
        earlier = request.model_copy(update={"start": _iso(start - timedelta(days=search_days)), "end": _iso(start)})
        later = request.model_copy(update={"start": _iso(end), "end": _iso(end + timedelta(days=search_days))})
        before: set[datetime] = set()
        after: set[datetime] = set()
        for source in self._sources.get(request.collection.id, []):
            if not isinstance(source, AcquisitionSource):
                continue
            before.update(source.acquisitions(earlier))
            after.update(source.acquisitions(later))
        return sorted(before)[-n:], sorted(after)[:n]


def _instant(text: str) -> datetime:
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _iso(value: datetime) -> str:
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
