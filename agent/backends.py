"""The runner's backend factory: the openEO backend the settings name, as a `BackendClient`.

    opened = open_backend(settings)   # OPENEO_AGENT_BACKEND_URL, or the embedded backend started here
    opened.client                     # what every tool of every run talks through
    opened.close()                    # stops the embedded backend it started (a remote one: nothing)

Tests and the evaluation hand the runner another factory (e.g. a client on a backend that is
already running), as they hand it a model factory and a tools factory.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Callable

from agent.errors import ConfigurationError
from agent.settings import AgentSettings
from tools.client import BackendClient, BackendRef, client_for
from tools.errors import BackendUnavailable


@dataclass
class OpenedBackend:
    client: BackendClient
    close: Callable[[], None] = field(default=lambda: None)


BackendFactory = Callable[[AgentSettings], OpenedBackend]


def _to_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)  # the OIDC device login's link and code: never on stdout (ask --json)


def backend_ref(settings: AgentSettings) -> BackendRef:
    """The configured remote backend and its login (settings.backend_url must be set)."""
    s = settings
    assert s.backend_url
    return BackendRef(
        url=s.backend_url, auth=s.backend_auth, username=s.backend_username, password=s.backend_password,
        token=s.backend_token, oidc_provider_id=s.backend_oidc_provider_id, oidc_client_id=s.backend_oidc_client_id,
    )  # fmt: skip


def open_backend(settings: AgentSettings, *, computes: bool = True) -> OpenedBackend:
    """The default factory: the URL in the settings, else the embedded backend on a free local port.

    `computes=False` (`openeo-agent check`: validation only) starts the embedded backend without
    importing its process implementations (Dask, xarray, openeo-processes-dask ...): it lists
    and validates from its cached process index, and imports them only if a computation comes."""
    if settings.backend_url:
        client = client_for(backend_ref(settings))
        client.display = _to_stderr
        return OpenedBackend(client)
    try:
        from backend.server import ready, start_in_thread
        from backend.settings import BackendSettings
    except ImportError as exc:
        raise ConfigurationError("The embedded backend is not installed; set --backend to an openEO URL.") from exc
    try:
        backend_settings = (
            BackendSettings(data_dir=settings.backend_data_dir) if settings.backend_data_dir else BackendSettings()
        )
        server = start_in_thread(backend_settings, warm_up=computes)
        # The server builds its process registry in a warm-up thread, importing openeo-processes-dask,
        # shapely, geopandas ... Wait for it here: a request (or this thread) importing the same
        # modules at the same time can meet a partially initialized module (a cold-start crash).
        if computes:
            ready(server.ctx)
        elif not getattr(server.ctx.processes, "indexed", True):
            server.ctx.processes.full()  # no cached index yet (a first start): build it here, not in a request
    except Exception as exc:  # noqa: BLE001 - the user can point --backend elsewhere
        raise BackendUnavailable(
            f"The embedded openEO backend could not start ({type(exc).__name__}: {exc}). "
            "Use --backend URL / OPENEO_AGENT_BACKEND_URL to use another backend."
        ) from exc
    # its root URL, as a person would give it: the client discovers /openeo/1.2 through /.well-known/openeo
    return OpenedBackend(BackendClient(BackendRef(url=server.root_url, is_embedded=True)), close=server.stop)
