"""From the URL a person gives to the versioned openEO API URL, as the openeo client finds it.

Any form works: the root (`https://openeo.dataspace.copernicus.eu`), a bare host
(`openeo.dataspace.copernicus.eu`, https assumed, as `openeo.connect` does), a versioned API URL
(`https://host/openeo/1.2`), with or without a trailing slash. `GET <url>/.well-known/openeo`
lists the API versions a backend offers; the highest supported production version wins (the
highest supported one when none is marked production). A backend without that document (or
one that only answers its versioned paths) is taken at the URL given.
"""

from __future__ import annotations

from typing import Any, Callable
from urllib.parse import urljoin

import requests

SUPPORTED_MAJOR = 1  # openEO API 1.x: what the openeo client and these tools speak


def normalize_url(url: str) -> str:
    """`url` with a scheme (https when none is given) and without a trailing slash."""
    url = (url or "").strip()
    if "://" not in url:
        url = "https://" + url
    return url.rstrip("/")


def _version_key(version: str) -> tuple[int, ...] | None:
    try:
        return tuple(int(p) for p in version.split("-")[0].split("."))
    except ValueError:
        return None


def choose_version(document: Any, base_url: str) -> str | None:
    """The API URL of the best version in a `/.well-known/openeo` document, or None."""
    versions = document.get("versions") if isinstance(document, dict) else None
    if not isinstance(versions, list):
        return None
    candidates = []
    for v in versions:
        if not isinstance(v, dict) or not isinstance(v.get("url"), str) or not isinstance(v.get("api_version"), str):
            continue
        key = _version_key(v["api_version"])
        if key and key[0] == SUPPORTED_MAJOR:
            candidates.append((key, v))
    if not candidates:
        return None
    production = [c for c in candidates if c[1].get("production", True) is not False]
    _, best = max(production or candidates, key=lambda c: c[0])
    return urljoin(base_url + "/", best["url"]).rstrip("/")


def discover(url: str, get: Callable[[str], requests.Response]) -> str:
    """The versioned API URL for `url`; `get(full_url)` makes one request (with the client's
    retries and error words: a backend that does not answer raises there)."""
    base = normalize_url(url)
    r = get(base + "/.well-known/openeo")
    if r.status_code != 200:
        return base
    try:
        document = r.json()
    except ValueError:
        return base
    return choose_version(document, base) or base
