"""Where a backend URL typed into the Settings tab makes this server connect, said plainly.

The server, not the browser, talks to the backend: a URL that points into the server's own
network (loopback, private, link-local such as a cloud metadata address) would let a visitor
make it fetch internal addresses. Such URLs are refused unless they are the embedded backend's
own, or an administrator allows them (`OPENEO_AGENT_UI_ALLOW_PRIVATE_BACKENDS`: `true` for
any, or a comma-separated list of hosts, `host:port`s and networks such as `10.0.0.0/8`).
Every accepted URL is shown with the addresses it resolves to.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from typing import Callable
from urllib.parse import urlsplit

from pydantic import BaseModel, Field

ALLOW_ENV = "OPENEO_AGENT_UI_ALLOW_PRIVATE_BACKENDS"


class PrivateBackends(BaseModel):
    """Which addresses inside the server's network the Settings tab may name."""

    any: bool = False
    entries: list[str] = Field(default_factory=list)  # hosts, host:port, networks (CIDR)

    @classmethod
    def from_env(cls) -> PrivateBackends:
        raw = os.environ.get(ALLOW_ENV, "").strip()
        if raw.lower() in ("1", "true", "yes", "*", "all"):
            return cls(any=True)
        return cls(entries=[e.strip() for e in raw.split(",") if e.strip()])

    def allows(self, host: str, port: int, address: str) -> bool:
        if self.any:
            return True
        for entry in self.entries:
            if entry.lower() in (host.lower(), f"{host.lower()}:{port}", address, f"{address}:{port}"):
                return True
            try:
                if ipaddress.ip_address(address) in ipaddress.ip_network(entry, strict=False):
                    return True
            except ValueError:
                continue
        return False


class UrlCheck(BaseModel):
    ok: bool
    message: str  # one sentence for the person: where the URL leads, or why it is refused
    host: str = ""
    addresses: list[str] = Field(default_factory=list)


def _inside(address: str) -> str | None:
    """What kind of internal address this is, or None for a public one."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "a loopback address of this server"
    if ip.is_link_local:
        return "a link-local address (cloud metadata services live there)"
    if ip.is_private:
        return "a private network address"
    if ip.is_multicast or ip.is_reserved or ip.is_unspecified:
        return "a reserved address"
    return None


def _resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def check_backend_url(url: str, allowed: PrivateBackends,
                      embedded_url: str | Callable[[], str | None] | None = None) -> UrlCheck:  # fmt: skip
    """Whether the server may connect to `url`, with the addresses it resolves to. `embedded_url`
    (or a function giving it, asked only for an internal address) is this server's own backend."""
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        return UrlCheck(ok=False, message="The backend URL must start with http:// or https:// and name a host.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return UrlCheck(ok=False, message=f"The port in {url} is not a number between 0 and 65535.", host=host)
    try:
        addresses = _resolve(host, port)
    except (OSError, UnicodeError):
        return UrlCheck(ok=True, host=host, message=(
            f"{host} cannot be resolved from this server (no DNS or no network?): runs will fail until it can."))  # fmt: skip
    refused = [a for a in addresses if _inside(a) and not allowed.allows(host, port, a)]
    if refused:  # the embedded backend's own address is fine (asked only now: it may start it)
        own = embedded_url() if callable(embedded_url) else embedded_url
        e = urlsplit(own) if own else None
        if e is not None and e.hostname and e.port == port and e.hostname in (host, *addresses):
            return UrlCheck(ok=True, host=host, addresses=addresses,
                            message=f"{host}:{port} is the embedded backend of this server.")  # fmt: skip
        address = refused[0]
        return UrlCheck(ok=False, host=host, addresses=addresses, message=(
            f"{url} resolves to {address}, {_inside(address)}. The server would connect there on your behalf, so "
            f"addresses inside its network are refused. An administrator can allow this one with "
            f"{ALLOW_ENV}={host}:{port}."))  # fmt: skip
    inside = [a for a in addresses if _inside(a)]
    where = ", ".join(addresses)
    note = " (inside this server's network, allowed by the administrator)" if inside else ""
    return UrlCheck(ok=True, host=host, addresses=addresses, message=f"{host} resolves to {where}{note}.")
