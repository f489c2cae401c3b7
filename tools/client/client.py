"""The one client every tool uses to talk to an openEO backend.

    client = BackendClient(BackendRef(url="openeo.dataspace.copernicus.eu", auth="oidc"))
    client.api_url                       # https://openeo.dataspace.copernicus.eu/openeo/1.2
    client.collection_ids()              # the catalog (cached; documents fetched one by one, on demand)
    client.collection("SENTINEL2_L2A")   # one STAC document, kept in a bounded cache
    client.post_json("/validation", {"process_graph": graph})
    client.connection()                  # an openeo `Connection` on the same session and login (execute)

One session carries the retry policy (`retry.py`) and one login (`auth.py`) is applied to every
request: the metadata the sandbox snapshot and the catalog search read, POST /validation, and
the openeo client's processing requests. The versioned API URL is discovered from any URL form
(`discovery.py`). openEO error answers are passed through with their code and message
(`BackendError`); no answer, 502/503/504 after the retries, or an answer that is not JSON is a
sentence for the person (`BackendUnavailable`, `BackendBadResponse`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from typing import Any, Callable

import requests
from openeo.rest.connection import Connection
from requests.auth import AuthBase

from tools.client.auth import DEVICE_POLL_S, login
from tools.client.discovery import discover
from tools.client.ref import BackendRef
from tools.client.retry import DEFAULT_POLICY, RetryPolicy, check_status, json_of, retrying_session, unreachable
from tools.errors import AuthenticationFailed, BackendBadResponse, BackendError, ToolError

log = logging.getLogger(__name__)

TIMEOUT_S = 20.0  # one metadata or validation request
METADATA_TTL_S = 600.0  # capabilities, the collection list and the processes are fetched again after this
MAX_COLLECTION_DOCS = 64  # per-collection STAC documents kept per backend (CDSE lists over a hundred)
MAX_COLLECTION_PAGES = 10
OPTIONAL_DOCS = ("/file_formats", "/udf_runtimes", "/conformance", "/service_types")


def _log_display(message: str) -> None:
    log.warning("openEO login: %s", message)


class BackendClient:
    """HTTP to one openEO backend for every tool: discovery, login, retries, errors, metadata cache."""

    def __init__(
        self,
        ref: BackendRef | str,
        *,
        policy: RetryPolicy = DEFAULT_POLICY,
        timeout_s: float = TIMEOUT_S,
        display: Callable[[str], None] | None = None,
        device_poll_s: float = DEVICE_POLL_S,
        max_collection_docs: int = MAX_COLLECTION_DOCS,
        metadata_ttl_s: float = METADATA_TTL_S,
    ) -> None:
        self.ref = ref if isinstance(ref, BackendRef) else BackendRef(url=ref)
        self.url = self.ref.public_url  # as the person gave it: for messages, run.json, the model
        self.policy = policy
        self.timeout_s = timeout_s
        self.display = display or _log_display  # where an OIDC device login shows its link and code
        self.device_poll_s = device_poll_s
        self.session = retrying_session(policy)
        self._api_url: str | None = None
        self._conn: Connection | None = None
        self._auth: AuthBase | None = None
        self._logged_in = False
        self._lock = threading.RLock()
        self._meta_lock = threading.RLock()
        self._ttl = metadata_ttl_s
        self._fetched_at: float | None = None  # monotonic time of the last fetch; None: never
        self._base: dict[str, Any] = {}  # "/" , "/collections", "/processes" and the optional documents
        self._docs: OrderedDict[str, dict] = OrderedDict()
        self._max_docs = max_collection_docs
        self._offline = False

    @classmethod
    def preloaded(cls, api_url: str, responses: dict[str, Any]) -> BackendClient:
        """A client that answers metadata from `responses` (path → JSON, as a snapshot holds them)
        and never fetches it: a saved snapshot for offline use, or a test double."""
        client = cls(BackendRef(url=api_url))
        client._api_url = api_url.rstrip("/")
        client._offline = True
        client._base = {p: v for p, v in responses.items() if not p.startswith("/collections/")}
        for path, doc in responses.items():
            if path.startswith("/collections/"):
                client._docs[path.split("/", 2)[2]] = doc
        client._max_docs = max(client._max_docs, len(client._docs))
        client._fetched_at = float("inf")
        return client

    @property
    def is_embedded(self) -> bool:
        """The embedded backend this process started (no credits are spent there)."""
        return self.ref.is_embedded

    def __repr__(self) -> str:
        return f"BackendClient({self.url!r}, auth={self.ref.auth!r})"

    # --- where and who --------------------------------------------------------------------------
    @property
    def api_url(self) -> str:
        """The versioned API URL (discovered on first use)."""
        with self._lock:
            if self._api_url is None:
                self._api_url = discover(self.ref.url, self._get_unauthenticated)
            return self._api_url

    def _get_unauthenticated(self, url: str) -> requests.Response:
        try:
            r = self.session.get(url, timeout=self.timeout_s)
        except requests.RequestException as e:
            raise unreachable(self.url, "GET", e, self.policy) from e
        return check_status(r, self.url, self.policy)

    def connection(self) -> Connection:
        """The openeo client's `Connection` to this backend, on the same session, logged in."""
        with self._lock:
            if self._conn is None:
                self._conn = self._new_connection()
            if not self._logged_in:
                self._auth = login(self._conn, self.ref, self.display, self.device_poll_s)
                self._logged_in = True
            return self._conn

    def _new_connection(self) -> Connection:
        try:
            return Connection(
                self.api_url, session=self.session, auto_validate=False, default_timeout=int(self.timeout_s) or 1
            )
        except requests.RequestException as e:
            raise unreachable(self.url, "GET", e, self.policy) from e
        except Exception as e:  # noqa: BLE001 - the openeo client's own checks (API version, capabilities)
            raise BackendBadResponse(
                self.url, "GET / (capabilities)", f"an answer the openeo client rejects ({e})"
            ) from None

    def _auth_for_requests(self) -> AuthBase | None:
        if self.ref.auth == "none":
            return None
        self.connection()
        return self._auth

    def _relogin(self) -> None:
        with self._lock:
            self._logged_in = False
            if self._conn is not None:
                self._conn.auth = None

    # --- requests ---------------------------------------------------------------------------------
    def request(self, method: str, path: str, *, json: Any = None, timeout: float | None = None) -> requests.Response:
        """`method` on `path` (relative to the API URL), logged in and retried; raises a user
        error when no usable answer came (a 4xx/5xx answer is returned for the caller to read)."""
        url = self._url_for(path)
        for attempt in (1, 2):
            auth = self._auth_for_requests()
            try:
                r = self.session.request(method, url, json=json, auth=auth, timeout=timeout or self.timeout_s)
            except requests.RequestException as e:
                raise unreachable(self.url, method, e, self.policy) from e
            if r.status_code == 401 and self.ref.auth in ("basic", "oidc") and attempt == 1:
                self._relogin()  # an expired token: log in again (refresh token / basic) once
                continue
            return check_status(r, self.url, self.policy)
        return r  # pragma: no cover - the loop returns

    def _url_for(self, path: str) -> str:
        if path.startswith(("http://", "https://")):
            if not path.startswith(self.api_url + "/") and path != self.api_url:
                raise BackendBadResponse(self.url, "a link", f"a URL outside the API ({path[:80]})")
            return path
        return self.api_url + path

    def get_json(self, path: str) -> Any:
        r = self.request("GET", path)
        if r.status_code >= 400:
            raise self.error_of(r, f"GET {path}")
        return json_of(r, self.url, f"GET {path}")

    def post_json(self, path: str, body: Any) -> Any:
        r = self.request("POST", path, json=body)
        if r.status_code >= 400:
            raise self.error_of(r, f"POST {path}")
        return json_of(r, self.url, f"POST {path}")

    def error_of(self, r: requests.Response, what: str) -> ToolError:
        """The openEO error in an answer, with its code and message; a login problem is the person's."""
        code, message = f"HTTP{r.status_code}", ""
        try:
            body = r.json()
        except ValueError:
            body = None
        if isinstance(body, dict) and isinstance(body.get("code"), str):
            code, message = body["code"], str(body.get("message") or "")
        if r.status_code in (401, 403):
            how = (
                "set the backend login (OPENEO_AGENT_BACKEND_AUTH or the Settings tab)"
                if self.ref.auth == "none"
                else "check the backend login in the settings"
            )
            return AuthenticationFailed(
                f"The openEO backend at {self.url} refused {what} ([{code}] {message or 'not allowed'}): {how}."
            )
        if r.status_code == 404 and not message:
            return BackendError("NotFound", f"{what} does not exist on the openEO backend at {self.url}.", 404)
        return BackendError(
            code, message or f"{what} failed with HTTP {r.status_code}: {' '.join(r.text[:200].split())}", r.status_code
        )

    # --- metadata, cached per backend ---------------------------------------------------------------
    def _fresh(self) -> dict[str, Any]:
        with self._meta_lock:
            if self._fetched_at is None or time.monotonic() - self._fetched_at > self._ttl:
                self._base = self._fetch_base()
                self._fetched_at = time.monotonic()
            return self._base

    def refresh(self) -> None:
        """Fetch the metadata again on next use (the per-collection documents too)."""
        with self._meta_lock:
            if not self._offline:
                self._fetched_at = None
                self._docs.clear()

    def _required(self, path: str) -> Any:
        try:
            return self.get_json(path)
        except BackendError as e:
            if e.status == 404:
                raise BackendBadResponse(self.url, f"GET {path}", "HTTP 404") from None
            raise

    def _fetch_base(self) -> dict[str, Any]:
        base: dict[str, Any] = {"/": self._required("/")}
        collections: list[dict] = []
        page: str | None = "/collections"
        for _ in range(MAX_COLLECTION_PAGES):
            if not page:
                break
            doc = self._required(page)
            collections.extend(c for c in doc.get("collections", []) if isinstance(c, dict) and "id" in c)
            page = next(
                (
                    link.get("href")
                    for link in doc.get("links", [])
                    if isinstance(link, dict) and link.get("rel") == "next"
                ),
                None,
            )
        base["/collections"] = {"collections": collections, "links": []}
        base["/processes"] = self._required("/processes")
        for optional in OPTIONAL_DOCS:
            try:
                base[optional] = self.get_json(optional)
            except BackendError:
                base[
                    optional
                ] = {}  # an optional endpoint the backend lacks: an empty answer is what the client expects
        return base

    def capabilities(self) -> dict:
        return self._fresh().get("/") or {}

    def collections(self) -> list[dict]:
        """The collection list as the backend gives it (often abbreviated documents)."""
        return list((self._fresh().get("/collections") or {}).get("collections", []))

    def collection_ids(self) -> list[str]:
        return [c["id"] for c in self.collections()]

    def collection(self, collection_id: str) -> dict | None:
        """The full STAC document of a listed collection (fetched once, kept in a bounded cache), or None."""
        with self._meta_lock:
            if collection_id in self._docs:
                self._docs.move_to_end(collection_id)
                return self._docs[collection_id]
        if collection_id not in self.collection_ids() or self._offline:
            return None
        try:
            doc = self.get_json(f"/collections/{collection_id}")
        except BackendError as e:
            if e.status == 404:
                return None
            raise
        with self._meta_lock:
            self._docs[collection_id] = doc
            while len(self._docs) > self._max_docs:
                self._docs.popitem(last=False)
        return doc

    def cached_collection_ids(self) -> list[str]:
        """The collections whose full documents are in the cache now (least recently used first)."""
        with self._meta_lock:
            return list(self._docs)

    def processes(self) -> list[dict]:
        return [
            p for p in (self._fresh().get("/processes") or {}).get("processes", []) if isinstance(p, dict) and "id" in p
        ]

    def metadata_responses(self, collection_ids: set[str] | frozenset[str] = frozenset()) -> dict[str, Any]:
        """The JSON answers the sandboxed openeo client asks for, keyed by path relative to the API
        URL: capabilities, the collection list, processes, optional documents, and the full
        documents of `collection_ids` (those that exist). No credentials are in them."""
        responses = dict(self._fresh())
        for cid in sorted(collection_ids):
            doc = self.collection(cid)
            if doc is not None:
                responses[f"/collections/{cid}"] = doc
        return responses
