"""One client per backend and login, shared by the runs that use it, so a big catalog (CDSE lists
over a hundred collections) is fetched once and not per request. Bounded: the least recently
used clients are dropped."""

from __future__ import annotations

import threading
from collections import OrderedDict

from tools.client.client import BackendClient
from tools.client.ref import BackendRef

MAX_CLIENTS = 16

_CLIENTS: OrderedDict[str, BackendClient] = OrderedDict()
_LOCK = threading.Lock()


def client_for(ref: BackendRef | str) -> BackendClient:
    """The shared client of `ref` (created on first use)."""
    ref = ref if isinstance(ref, BackendRef) else BackendRef(url=ref)
    key = ref.key()
    with _LOCK:
        client = _CLIENTS.get(key)
        if client is None:
            client = _CLIENTS[key] = BackendClient(ref)
        _CLIENTS.move_to_end(key)
        while len(_CLIENTS) > MAX_CLIENTS:
            _CLIENTS.popitem(last=False)
        return client


def register(client: BackendClient) -> BackendClient:
    """Make `client` the shared one for its backend and login (a preloaded snapshot, a test double)."""
    with _LOCK:
        _CLIENTS[client.ref.key()] = client
        _CLIENTS.move_to_end(client.ref.key())
    return client


def forget_clients() -> None:
    """Drop every shared client (and with them the cached metadata)."""
    with _LOCK:
        _CLIENTS.clear()
