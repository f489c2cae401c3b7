"""Authentication routes: GET /credentials/basic (token for basic auth) and GET /me."""

from __future__ import annotations

from fastapi import APIRouter, Request

from backend.api.common import current_user
from backend.auth import ANONYMOUS
from backend.errors import AuthenticationRequired

router = APIRouter()


@router.get("/credentials/basic", summary="HTTP Basic authentication")
def basic_credentials(request: Request) -> dict:
    user, token = request.app.state.tokens.issue(request.headers.get("authorization"))
    return {"access_token": token, "user_id": user}


@router.get("/me", summary="Information about the authenticated user")
def me(request: Request) -> dict:
    user = current_user(request)
    if user == ANONYMOUS:
        raise AuthenticationRequired("GET /me needs a login: connection.authenticate_basic(username, password).")
    return {"user_id": user, "name": user, "links": []}
