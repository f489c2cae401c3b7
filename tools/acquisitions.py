"""Which acquisitions exist for a collection, area and period: STAC item search, from any backend.

- A backend that serves `GET /collections/{id}/items` (the embedded one, STAC API - Features)
  is asked directly: its items are exactly the time steps a load would get.
- Otherwise a STAC API known for the backend is searched (`POST {stac}/search`): CDSE's catalogue
  (https://stac.dataspace.copernicus.eu/v1) with its own collection ids (SENTINEL2_L2A is
  `sentinel-2-l2a`), or one given in `StacSource`.

Items are folded into acquisition days (one day may hold several tiles or granules), with the
lowest cloud cover of the day when items carry `eo:cloud_cover`. `find_acquisitions` asks for the
window and, when it is empty, for the nearest days before and after; `loads_without_data`
checks every load of a graph that way (what the embedded backend's /validation does itself).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any, Callable, Protocol
from urllib.parse import urlparse

from pydantic import BaseModel, Field

__all__ = [
    "Acquisition",
    "Acquisitions",
    "StacSource",
    "ItemSearch",
    "SessionSearch",
    "stac_source_for",
    "find_acquisitions",
    "CDSE_STAC",
    "CDSE_COLLECTIONS",
]

CDSE_STAC = "https://stac.dataspace.copernicus.eu/v1"
CDSE_COLLECTIONS = {  # openEO collection id on CDSE -> its STAC collection id
    "SENTINEL2_L2A": "sentinel-2-l2a",
    "SENTINEL2_L1C": "sentinel-2-l1c",
    "SENTINEL1_GRD": "sentinel-1-grd",
}
CDSE_HOSTS = ("openeo.dataspace.copernicus.eu", "openeofed.dataspace.copernicus.eu")
PAGE_LIMIT = 200
MAX_PAGES = 10
NEAREST_DAYS = 120  # how far before and after an empty window the nearest acquisitions are looked for


class Acquisition(BaseModel):
    day: date
    items: int = 1  # tiles / granules of that day over the area
    cloud_cover: float | None = None  # lowest eo:cloud_cover of the day's items, percent


class Acquisitions(BaseModel):
    """The acquisition days of one collection over an area and a [start, end) window."""

    collection_id: str
    bbox: tuple[float, float, float, float]
    start: date
    end: date  # exclusive, like temporal_extent
    days: list[Acquisition] = Field(default_factory=list)
    source: str  # "the backend" or the STAC API searched
    simulated: bool | None = None  # the embedded backend says so per item
    complete: bool = True  # False when paging stopped before the last item
    nearest_before: Acquisition | None = None
    nearest_after: Acquisition | None = None

    @property
    def status(self) -> str:
        return "OK" if self.days else "NONE"

    @property
    def ok(self) -> bool:
        return bool(self.days)

    def to_text(self, max_days: int = 40) -> str:
        w, s, e, n = self.bbox
        head = (
            f"{self.collection_id} over west={w:g}, south={s:g}, east={e:g}, north={n:g}, "
            f"{self.start} to {self.end} (end exclusive), from {self.source}:"
        )
        if not self.days:
            near = [
                f"{a.day} ({_cloud(a)})" if a.cloud_cover is not None else str(a.day)
                for a in (self.nearest_before, self.nearest_after)
                if a is not None
            ]
            return f"{head} no acquisition." + (
                f" Nearest: {' and '.join(near)}." if near else f" None within {NEAREST_DAYS} days either."
            )
        shown = self.days[:max_days]
        listed = ", ".join(f"{a.day}" + (f" ({_cloud(a)})" if a.cloud_cover is not None else "") for a in shown)
        more = f", ... ({len(self.days) - max_days} more)" if len(self.days) > max_days else ""
        partial = (
            "" if self.complete else " (the catalogue had more items than were read: the list may miss later days)"
        )
        note = " Simulated data on this backend." if self.simulated else ""
        return (
            f"{head} {len(self.days)} acquisition day(s): {listed}{more}{partial}.{note} "
            "For one day use temporal_extent=[day, the next day]."
        )


def _cloud(a: Acquisition) -> str:
    return f"{a.cloud_cover:.0f}% cloud"


class StacSource(BaseModel):
    """Where to search: a STAC API root and the ids of the collections there."""

    url: str
    collections: dict[str, str] = Field(default_factory=dict)  # openEO id -> STAC id; missing: the same id
    kind: str = "search"  # "search": POST {url}/search; "items": GET {url}/collections/{id}/items

    def stac_id(self, collection_id: str) -> str:
        return self.collections.get(collection_id, collection_id)


class ItemSearch(Protocol):
    """The HTTP the search needs: JSON from a GET with parameters, or a POST with a body."""

    def get_json(self, url: str, params: dict[str, Any] | None = None) -> Any: ...

    def post_json(self, url: str, body: dict[str, Any]) -> Any: ...


class SessionSearch:
    """ItemSearch over a requests session (the backend client's, for its own items; a plain
    retrying one for an external STAC API). Errors raise `error(message)`."""

    def __init__(
        self,
        session: Any,
        error: Callable[[str], Exception],
        timeout_s: float = 20.0,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.session, self.error, self.timeout_s, self.headers = session, error, timeout_s, dict(headers or {})

    def _json(self, method: str, url: str, **kwargs: Any) -> Any:
        import requests

        try:
            r = self.session.request(method, url, timeout=self.timeout_s, headers=self.headers, **kwargs)
        except requests.RequestException as e:
            raise self.error(
                f"The STAC catalogue at {urlparse(url).netloc} did not answer ({type(e).__name__})."
            ) from e
        if r.status_code >= 400:
            try:
                detail = r.json().get("message") or r.json().get("description") or r.text[:200]
            except ValueError:
                detail = r.text[:200]
            raise self.error(
                f"The STAC catalogue answered HTTP {r.status_code} to {method} {urlparse(url).path}: {detail}"
            )
        try:
            body = r.json()
        except ValueError:
            raise self.error(
                f"The STAC catalogue at {urlparse(url).netloc} answered something that is not JSON."
            ) from None
        if not isinstance(body, dict):
            raise self.error("The STAC catalogue answered JSON that is not an item collection.")
        return body

    def get_json(self, url: str, params: dict[str, Any] | None = None) -> Any:
        return self._json("GET", url, params=params)

    def post_json(self, url: str, body: dict[str, Any]) -> Any:
        return self._json("POST", url, json=body)


def stac_source_for(
    api_url: str, capabilities: dict[str, Any], override: StacSource | None = None
) -> StacSource | None:
    """The backend's own items endpoint, else a configured or known STAC API, else None."""
    paths = {
        e.get("path")
        for e in capabilities.get("endpoints", [])
        if isinstance(e, dict) and "GET" in (e.get("methods") or [])
    }
    if "/collections/{collection_id}/items" in paths:
        return StacSource(url=api_url.rstrip("/"), kind="items")
    if override is not None:
        return override
    if (urlparse(api_url).hostname or "") in CDSE_HOSTS:
        return StacSource(url=CDSE_STAC, collections=dict(CDSE_COLLECTIONS))
    return None


def _days(features: list[dict]) -> tuple[list[Acquisition], bool | None]:
    by_day: dict[date, Acquisition] = {}
    simulated: bool | None = None
    for feature in features:
        props = feature.get("properties") or {}
        stamp = props.get("datetime") or props.get("start_datetime")
        if not isinstance(stamp, str):
            continue
        try:
            when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        except ValueError:
            continue
        day = (when.astimezone(timezone.utc) if when.tzinfo else when).date()
        cloud = props.get("eo:cloud_cover")
        cloud = float(cloud) if isinstance(cloud, (int, float)) and not isinstance(cloud, bool) else None
        if isinstance(props.get("openeo_agent:simulated"), bool):
            simulated = bool(simulated) or props["openeo_agent:simulated"]
        known = by_day.get(day)
        if known is None:
            by_day[day] = Acquisition(day=day, cloud_cover=cloud)
        else:
            known.items += 1
            if cloud is not None:
                known.cloud_cover = cloud if known.cloud_cover is None else min(known.cloud_cover, cloud)
    return sorted(by_day.values(), key=lambda a: a.day), simulated


def _next(body: dict) -> dict | None:
    return next((link for link in body.get("links", []) if isinstance(link, dict) and link.get("rel") == "next"), None)


def _features(
    http: ItemSearch,
    source: StacSource,
    collection_id: str,
    bbox: tuple[float, float, float, float],
    start: date,
    end: date,
    limit: int = PAGE_LIMIT,
) -> tuple[list[dict], bool]:
    interval = f"{start.isoformat()}T00:00:00Z/{(end - timedelta(days=1)).isoformat()}T23:59:59Z"
    features: list[dict] = []
    if source.kind == "items":
        url = f"{source.url}/collections/{source.stac_id(collection_id)}/items"
        params: dict[str, Any] | None = {"bbox": ",".join(f"{v:g}" for v in bbox), "datetime": interval, "limit": limit}
        for _ in range(MAX_PAGES):
            body = http.get_json(url, params)
            features += body.get("features", [])
            link = _next(body)
            if link is None:
                return features, True
            url, params = link["href"], None
        return features, False
    body_json: dict[str, Any] = {
        "collections": [source.stac_id(collection_id)],
        "bbox": list(bbox),
        "datetime": interval,
        "limit": limit,
    }
    for _ in range(MAX_PAGES):
        body = http.post_json(f"{source.url}/search", body_json)
        features += body.get("features", [])
        link = _next(body)
        if link is None:
            return features, True
        if link.get("method", "GET").upper() == "POST" and isinstance(link.get("body"), dict):
            body_json = {**body_json, **link["body"]} if link.get("merge") else link["body"]
        else:
            return features + _follow_get(http, link["href"]), True
    return features, False


def _follow_get(http: ItemSearch, href: str) -> list[dict]:
    features: list[dict] = []
    url = href
    for _ in range(MAX_PAGES):
        body = http.get_json(url, None)
        features += body.get("features", [])
        link = _next(body)
        if link is None:
            break
        url = link["href"]
    return features


def find_acquisitions(
    http: ItemSearch,
    source: StacSource,
    collection_id: str,
    bbox: tuple[float, float, float, float],
    start: date,
    end: date,
    nearest: bool = True,
) -> Acquisitions:
    """The acquisition days in [start, end); for an empty window also the nearest day on each side."""
    features, complete = _features(http, source, collection_id, bbox, start, end)
    days, simulated = _days(features)
    where = "the backend" if source.kind == "items" else source.url
    result = Acquisitions(
        collection_id=collection_id,
        bbox=bbox,
        start=start,
        end=end,
        days=days,
        source=where,
        simulated=simulated,
        complete=complete,
    )
    if not days and nearest:
        before, _ = _features(http, source, collection_id, bbox, start - timedelta(days=NEAREST_DAYS), start)
        after, _ = _features(http, source, collection_id, bbox, end, end + timedelta(days=NEAREST_DAYS))
        earlier, _ = _days(before)
        later, _ = _days(after)
        result.nearest_before = earlier[-1] if earlier else None
        result.nearest_after = later[0] if later else None
    return result


def parse_day(text: str, what: str, on_error: Callable[[str], Exception]) -> date:
    try:
        return date.fromisoformat(str(text).strip()[:10])
    except ValueError:
        raise on_error(f"{what} {text!r} is not a date. Use 'YYYY-MM-DD'.") from None


# --- the tool ---------------------------------------------------------------------------------------


def _tool_error(message: str) -> Exception:
    from tools.models import ToolError

    return ToolError("AcquisitionsUnavailable", message)


class ClientSearch:
    """ItemSearch over the run's backend client (its login, retries and error handling), for the
    backend's own GET /collections/{id}/items and the next links it answers with."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def get_json(self, url: str, params: dict[str, Any] | None = None) -> Any:
        from urllib.parse import urlencode

        from tools.errors import ToolError

        path = url[len(self.client.api_url) :] if url.startswith(self.client.api_url) and not params else url
        if params:
            path = (
                (url[len(self.client.api_url) :] if url.startswith(self.client.api_url) else url)
                + "?"
                + urlencode(params)
            )
        try:
            return self.client.get_json(path)
        except ToolError as e:
            if e.who != "model":
                raise
            raise _tool_error(f"The backend did not list acquisitions: {e.message}") from e

    def post_json(self, url: str, body: dict[str, Any]) -> Any:  # pragma: no cover - items are listed with GET
        raise _tool_error("The backend's items are listed with GET.")


def searcher_for(ctx: Any, options: Any = None) -> tuple[StacSource | None, ItemSearch]:
    """Where this run's backend lists acquisitions, and the HTTP to ask it (its login for its own items)."""
    from tools.client.retry import retrying_session

    options = options or getattr(ctx, "options", None)
    override = (
        StacSource(url=options.stac_url.rstrip("/"), collections=dict(options.stac_collections))
        if options is not None and getattr(options, "stac_url", None)
        else None
    )
    source = stac_source_for(ctx.backend.api_url, ctx.backend.capabilities(), override)
    if source is not None and source.kind == "items":
        return source, ClientSearch(ctx.backend)
    return source, SessionSearch(retrying_session(), _tool_error)


def find_acquisitions_tool(
    collection_id: str, bbox: tuple[float, float, float, float], start: str, end: str, ctx: Any, options: Any = None
) -> Acquisitions:
    """The find_acquisitions tool: checked input, the backend's or a STAC API's answer."""
    import difflib

    from tools.models import ToolError

    cid = (collection_id or "").strip()
    ids = ctx.backend.collection_ids()
    if cid not in ids:
        near = difflib.get_close_matches(cid.upper(), ids, n=3, cutoff=0.5)
        raise ToolError(
            "CollectionNotFound",
            f"The backend has no collection '{cid}'."
            + (f" Did you mean {', '.join(near)}?" if near else " search_collections finds one."),
        )
    w, s, e, n = bbox
    if not (-180 <= w < e <= 180 and -90 <= s < n <= 90):
        raise ToolError(
            "SpatialExtentInvalid",
            f"west={w}, south={s}, east={e}, north={n} is not a bounding box in degrees "
            "(west < east, south < north); use the bbox from find_place.",
        )
    first = parse_day(start, "start", lambda m: ToolError("TemporalExtentInvalid", m))
    last = parse_day(end, "end", lambda m: ToolError("TemporalExtentInvalid", m))
    if last <= first:
        raise ToolError(
            "TemporalExtentInvalid",
            f"end {last} must be after start {first} (the end is exclusive: "
            f"for the one day {first} give end {first + timedelta(days=1)}).",
        )
    if (last - first).days > 3 * 366:
        raise ToolError("TemporalExtentInvalid", "Ask for at most three years at a time.")
    source, http = searcher_for(ctx, options)
    if source is None:
        raise ToolError(
            "AcquisitionsUnavailable",
            f"This backend ({ctx.backend.url}) offers no acquisition search and no "
            "STAC catalogue is configured for it (ToolOptions.stac_url). Draft the code: validation reports an "
            "empty window.",
        )
    if source.kind == "search" and source.collections and cid not in source.collections:
        raise ToolError(
            "AcquisitionsUnavailable",
            f"The STAC catalogue at {source.url} is not known to hold '{cid}' "
            f"(known here: {', '.join(sorted(source.collections))}). Draft the code with a window of a few days.",
        )
    return find_acquisitions(http, source, cid, (w, s, e, n), first, last)


def loads_without_data(ctx: Any, loads: list[Any], capabilities: dict[str, Any]) -> list[Any]:
    """NoDataAvailable issues for the loads whose window holds no acquisition, checked by STAC search,
    on backends whose /validation does not check that itself (the embedded one says it does)."""
    from tools.models import ToolError, ValidationIssue

    if "availability" in (capabilities.get("openeo_agent:validation") or []):
        return []
    try:
        source, http = searcher_for(ctx)
    except ToolError:
        return []
    if source is None:
        return []
    issues = []
    for load in loads:
        if load.crs or not load.bbox or not load.temporal or not all(load.temporal):
            continue  # projected extents and open windows: left to the backend
        if source.kind == "search" and source.collections and load.collection not in source.collections:
            continue
        try:
            start, end = (date.fromisoformat(str(t)[:10]) for t in load.temporal)
            found = find_acquisitions(http, source, load.collection, load.bbox, start, end)
        except (ToolError, ValueError):
            continue  # the catalogue is down or the window odd: the backend decides
        if found.days:
            continue
        near = [a for a in (found.nearest_before, found.nearest_after) if a is not None]
        text = (
            f"load_collection '{load.node_id}' ({load.collection}) has no acquisition from {start} to {end} "
            f"(end exclusive) in {found.source}."
        )
        if near:
            best = min(near, key=lambda a: min(abs((a.day - start).days), abs((a.day - end).days)))
            text += (
                f" Nearest: {' and '.join(str(a.day) for a in near)}. For that day use temporal_extent="
                f'["{best.day}", "{best.day + timedelta(days=1)}"], or widen the window to include it.'
            )
        else:
            text += f" None within {NEAREST_DAYS} days either: choose another period or collection."
        issues.append(ValidationIssue(code="NoDataAvailable", message=text))
    return issues
