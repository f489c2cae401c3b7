"""The backend's metadata, fetched over HTTP by the parent and cached per backend URL.

The sandboxed child never touches the network: it answers the openeo client's few metadata
requests (capabilities, collections, processes, file formats) from this snapshot. The catalog
and process search tools read the same snapshot, so one backend costs one set of requests.
Credentials are used here, in the parent, and never copied into the snapshot.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import requests
from pydantic import BaseModel, Field

from tools.context import BackendRef
from tools.http import backend_session, check_status, json_of, unreachable
from tools.models import ToolError

TTL_S = 600.0
TIMEOUT_S = 20.0
MAX_COLLECTION_PAGES = 10


class MetadataSnapshot(BaseModel):
    """JSON answers of the backend keyed by path relative to its root URL ("/", "/collections", ...)."""

    root_url: str
    responses: dict[str, Any] = Field(default_factory=dict)
    fetched_at: float = Field(default_factory=time.time)

    @property
    def collection_ids(self) -> list[str]:
        return [c["id"] for c in self.responses.get("/collections", {}).get("collections", []) if "id" in c]

    def collection(self, collection_id: str) -> dict | None:
        return self.responses.get(f"/collections/{collection_id}")

    def for_child(self, collection_ids: set[str]) -> dict:
        """The subset the sandbox needs: no per-collection documents it will not ask for."""
        keep = {p: v for p, v in self.responses.items() if not p.startswith("/collections/")}
        for cid in collection_ids:
            doc = self.collection(cid)
            if doc is not None:
                keep[f"/collections/{cid}"] = doc
        return {"root_url": self.root_url, "responses": keep}


class BackendClient:
    """GET/POST JSON on one backend, with its credentials, raising typed tool errors.

    Transient failures are retried by the session (tools/http.py); what survives the retries
    (no connection, 502/503/504, an answer that is not JSON) is raised as a user ToolError."""

    def __init__(self, backend: BackendRef, timeout_s: float = TIMEOUT_S) -> None:
        self.backend = backend
        self.root = backend.url.rstrip("/")
        self.timeout_s = timeout_s
        self.session = backend_session()
        self._token: str | None = None

    def _headers(self) -> dict[str, str]:
        if self.backend.auth == "basic" and self.backend.username:
            if self._token is None:
                url = self.root + "/credentials/basic"
                try:
                    r = self.session.get(url, auth=(self.backend.username, self.backend.password or ""), timeout=self.timeout_s)
                except requests.RequestException as e:
                    raise unreachable(self.root, "GET", e) from e
                if check_status(r, self.root).status_code in (401, 403):
                    raise ToolError("AuthenticationFailed", f"The openEO backend at {self.root} refused the username or "
                                    "password. Check the backend credentials in the settings.", who="user")
                if r.status_code >= 400:
                    raise ToolError(_error_code(r), f"GET /credentials/basic failed with HTTP {r.status_code}: {_error_message(r)}", who="user")
                token = json_of(r, self.root, "GET /credentials/basic")
                if not isinstance(token, dict) or not token.get("access_token"):
                    raise ToolError("BackendBadResponse", f"The openEO backend at {self.root} gave no access token on "
                                    "GET /credentials/basic. Check that it supports basic authentication.", who="user")
                self._token = str(token["access_token"])
            return {"Authorization": f"Bearer basic//{self._token}"}
        return {}

    def request(self, method: str, path: str, json_body: Any = None) -> requests.Response:
        url = path if path.startswith("http") else self.root + path
        headers = self._headers()
        try:
            r = self.session.request(method, url, json=json_body, headers=headers, timeout=self.timeout_s)
        except requests.RequestException as e:
            raise unreachable(self.root, method, e) from e
        return check_status(r, self.root)

    def get_json(self, path: str) -> Any:
        r = self.request("GET", path)
        if r.status_code == 404:
            raise ToolError("NotFound", f"{path} does not exist on the backend.")
        if r.status_code >= 400:
            raise ToolError(_error_code(r), f"GET {path} failed with HTTP {r.status_code}: {_error_message(r)}")
        return json_of(r, self.root, f"GET {path}")


def _error_code(r: requests.Response) -> str:
    try:
        return str(r.json().get("code") or f"HTTP{r.status_code}")
    except ValueError:
        return f"HTTP{r.status_code}"


def _error_message(r: requests.Response) -> str:
    try:
        return str(r.json().get("message", r.text[:200]))
    except ValueError:
        return r.text[:200]


_CACHE: dict[str, MetadataSnapshot] = {}
_LOCK = threading.Lock()


def get_snapshot(backend: BackendRef, collection_ids: set[str] | None = None, refresh: bool = False) -> MetadataSnapshot:
    """The cached snapshot of `backend`, fetched when missing or stale; with the documents of
    `collection_ids` (those that exist) fetched too."""
    key = backend.url.rstrip("/")
    with _LOCK:
        snap = _CACHE.get(key)
        if refresh or snap is None or time.time() - snap.fetched_at > TTL_S:
            snap = _fetch_base(BackendClient(backend))
            _CACHE[key] = snap
        missing = [c for c in (collection_ids or set()) if c in snap.collection_ids and snap.collection(c) is None]
        if missing:
            client = BackendClient(backend)
            for cid in missing:
                snap.responses[f"/collections/{cid}"] = client.get_json(f"/collections/{cid}")
        return snap


def _fetch_base(client: BackendClient) -> MetadataSnapshot:
    responses: dict[str, Any] = {"/": client.get_json("/")}
    collections: list[dict] = []
    page: str | None = "/collections"
    for _ in range(MAX_COLLECTION_PAGES):
        if not page:
            break
        doc = client.get_json(page)
        collections.extend(doc.get("collections", []))
        page = next((link["href"] for link in doc.get("links", []) if link.get("rel") == "next"), None)
    responses["/collections"] = {"collections": collections, "links": []}
    responses["/processes"] = client.get_json("/processes")
    for optional in ("/file_formats", "/udf_runtimes", "/conformance", "/service_types"):
        try:
            responses[optional] = client.get_json(optional)
        except ToolError as e:
            if e.who == "user":  # down or garbage: not a missing optional endpoint
                raise
            responses[optional] = {}  # optional endpoints: an empty answer is what the client expects
    return MetadataSnapshot(root_url=client.root, responses=responses)


def remember(snapshot: MetadataSnapshot) -> None:
    """Put a snapshot in the cache (a saved snapshot for offline use, or a test double)."""
    with _LOCK:
        _CACHE[snapshot.root_url.rstrip("/")] = snapshot


def clear_cache() -> None:
    with _LOCK:
        _CACHE.clear()
