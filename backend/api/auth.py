"""Authentication routes: GET /credentials/basic, GET /credentials/oidc and GET /me."""

from __future__ import annotations

import hashlib
import re

from fastapi import APIRouter, Request

from backend.api.common import current_user, get_ctx
from backend.auth import ANONYMOUS
from backend.errors import AuthenticationRequired, OpenEOApiError

router = APIRouter()

_USER_ID = re.compile(r"[\w\-.~]+", re.ASCII)  # the API's pattern is ECMAScript, where \w is ASCII


@router.get("/credentials/basic", summary="HTTP Basic authentication")
def basic_credentials(request: Request) -> dict:
    user, token = request.app.state.tokens.issue(request.headers.get("authorization"))
    return {"access_token": token, "user_id": user_id(user)}


@router.get("/credentials/oidc", summary="OpenID Connect authentication")
def oidc_providers(request: Request) -> dict:
    """The providers whose tokens this backend accepts (OPENEO_BACKEND_OIDC_PROVIDERS). The API
    wants at least one, so without any the endpoint does not exist (and capabilities omit it)."""
    configured = get_ctx(request).settings.oidc_providers
    if not configured:
        raise OpenEOApiError("This backend offers no OpenID Connect login; log in with "
                             "connection.authenticate_basic(username, password).", code="NotFound", status=404)
    providers = []
    for p in configured:
        provider = {"id": p.id, "issuer": p.issuer, "title": p.title, "scopes": p.scopes}
        if p.default_clients:
            provider["default_clients"] = p.default_clients
        providers.append(provider)
    return {"providers": providers}


def user_id(user: str) -> str:
    """The API's user_id for a user name (names outside its pattern get a stable hash)."""
    return user if _USER_ID.fullmatch(user) else "u-" + hashlib.sha256(user.encode("utf-8", "replace")).hexdigest()[:16]


@router.get("/me", summary="Information about the authenticated user")
def me(request: Request) -> dict:
    user = current_user(request)
    if user == ANONYMOUS:
        raise AuthenticationRequired(
            "GET /me needs a login: connection.authenticate_basic(username, password) or connection.authenticate_oidc().")
    return {"user_id": user_id(user), "name": user, "links": []}
