"""Fetching public URLs for processes (remote UDP namespaces, load_stac), only when allowed.

The embedded backend is offline by default: `BackendSettings.allow_network` must be true, the
URL must be http(s), and every address its host resolves to must be public (never loopback,
private, link-local, multicast or reserved: a process graph must not make the server probe its
own network). Redirects are not followed (a public URL could redirect to a private one).
"""

from __future__ import annotations

import ipaddress
import json
import socket
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlparse

from backend.errors import OpenEOApiError

__all__ = ["fetch_json", "NetworkRefused", "check_public_url"]

MAX_BYTES = 20 * 1024 * 1024
TIMEOUT_S = 20.0


class NetworkRefused(OpenEOApiError):
    code, status = "NetworkRefused", 400


def check_public_url(url: str, allow_network: bool) -> None:
    """Raise NetworkRefused unless the URL may be fetched (see module docstring)."""
    if not allow_network:
        raise NetworkRefused(
            f"{url} is not available: this backend does not fetch URLs (set OPENEO_BACKEND_ALLOW_NETWORK=true "
            "to allow public http(s) URLs), and it is not in the local catalogue.")
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise NetworkRefused(f"Only http(s) URLs can be fetched, not {url!r}.")
    try:
        infos = socket.getaddrinfo(parsed.hostname, parsed.port or (443 if parsed.scheme == "https" else 80))
    except socket.gaierror as exc:
        raise NetworkRefused(f"The host of {url} cannot be resolved ({exc}).") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global or address.is_multicast:
            raise NetworkRefused(f"{url} resolves to the non-public address {address}; only public hosts are fetched.")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def fetch_json(url: str, allow_network: bool) -> Any:
    """The JSON document at a public URL (raises NetworkRefused / OpenEOApiError with a clear message)."""
    check_public_url(url, allow_network)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers={"Accept": "application/json"}), timeout=TIMEOUT_S) as response:
            body = response.read(MAX_BYTES + 1)
    except (urllib.error.URLError, OSError) as exc:
        raise OpenEOApiError(f"Fetching {url} failed: {exc}.", code="FetchFailed", status=400) from None
    if len(body) > MAX_BYTES:
        raise OpenEOApiError(f"{url} is larger than {MAX_BYTES // 2**20} MB.", code="FetchFailed", status=400)
    try:
        return json.loads(body)
    except json.JSONDecodeError as exc:
        raise OpenEOApiError(f"{url} is not JSON ({exc}).", code="FetchFailed", status=400) from None
