"""Logging in to an openEO backend with the openeo client's own flows; what comes out is the
`requests` auth that the backend client puts on every request (metadata, /validation, /result,
batch jobs). Failures are one sentence for the person: they must act, not the model."""

from __future__ import annotations

import logging
from typing import Callable

import requests
from openeo.rest import OpenEoApiError, OpenEoClientException
from openeo.rest.auth.oidc import OidcException
from openeo.rest.connection import Connection
from requests.auth import AuthBase

from tools.client.ref import BackendRef
from tools.errors import AuthenticationFailed

log = logging.getLogger(__name__)

DEVICE_POLL_S = 300.0  # how long a device login waits for the person to confirm


def login(
    conn: Connection, ref: BackendRef, display: Callable[[str], None], max_poll_time: float = DEVICE_POLL_S
) -> AuthBase | None:
    """Authenticate `conn` as `ref` says; the auth to send with every request (None: anonymous)."""
    where = ref.public_url
    if ref.auth == "none":
        return None
    if ref.auth == "bearer":
        if not ref.token:
            raise AuthenticationFailed(
                f"A bearer token is needed for the openEO backend at {where}: set OPENEO_AGENT_BACKEND_TOKEN."
            )
        conn.authenticate_bearer_token(ref.token.get_secret_value())
    elif ref.auth == "basic":
        _basic(conn, ref, where)
    elif ref.auth == "oidc":
        _oidc(conn, ref, where, display, max_poll_time)
    return conn.auth


def _basic(conn: Connection, ref: BackendRef, where: str) -> None:
    if not ref.username:
        raise AuthenticationFailed(
            f"Basic login to the openEO backend at {where} needs a username (OPENEO_AGENT_BACKEND_USERNAME)."
        )
    password = ref.password.get_secret_value() if ref.password else ""
    try:
        conn.authenticate_basic(ref.username, password)
    except OpenEoApiError as e:
        if e.http_status_code in (401, 403):
            raise AuthenticationFailed(
                f"The openEO backend at {where} refused the username or password. "
                "Check the backend credentials in the settings."
            ) from None
        raise AuthenticationFailed(
            f"The openEO backend at {where} offers no basic login (GET /credentials/basic: "
            f"[{e.code}] {e.message}). Choose OIDC or no login."
        ) from None
    except (OpenEoClientException, KeyError, ValueError) as e:
        raise AuthenticationFailed(
            f"The openEO backend at {where} gave no access token on GET /credentials/basic ({e}). "
            "Check that it supports basic authentication."
        ) from None


def _oidc(conn: Connection, ref: BackendRef, where: str, display: Callable[[str], None], max_poll_time: float) -> None:
    """A stored refresh token first (no interaction), else the device code flow."""
    provider_id, client_id = ref.oidc_provider_id, ref.oidc_client_id
    try:
        conn.authenticate_oidc_refresh_token(provider_id=provider_id, client_id=client_id, store_refresh_token=True)
        return
    except (OidcException, OpenEoClientException, OpenEoApiError) as e:
        log.info("no usable OIDC refresh token for %s (%s): starting the device code flow", where, e)
    try:
        conn.authenticate_oidc_device(
            provider_id=provider_id,
            client_id=client_id,
            store_refresh_token=True,
            display=display,
            max_poll_time=max_poll_time,
        )
    except (OidcException, OpenEoClientException, OpenEoApiError, requests.RequestException) as e:
        raise AuthenticationFailed(
            f"The OIDC login to the openEO backend at {where} did not complete ({str(e).splitlines()[0][:200]}). "
            f"Sign in with the device code in the Settings tab, or run `openeo-auth oidc-auth {where}`, then try again."
        ) from None
