"""The request's user for the processes it runs (user-defined processes are per user): an ASGI
middleware that sets `backend.processes.udp.CURRENT_USER` around every request.

A plain ASGI middleware, not Starlette's BaseHTTPMiddleware: that one runs the route in a task
of its own with a wrapped `receive`, so a route no longer hears that its client disconnected
(POST /result would compute on for nobody).
"""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool

from backend.auth import ANONYMOUS
from backend.errors import OpenEOApiError
from backend.processes.udp import CURRENT_USER

__all__ = ["UserContext"]


class UserContext:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = dict(scope.get("headers") or []).get(b"authorization")
        tokens = scope["app"].state.tokens
        try:  # off the event loop: an OIDC token is checked with its provider (then cached)
            user = await run_in_threadpool(tokens.user, header.decode("latin-1") if header else None)
        except OpenEOApiError:
            user = ANONYMOUS  # the route itself reports the bad token
        token = CURRENT_USER.set(user)
        try:
            await self.app(scope, receive, send)
        finally:
            CURRENT_USER.reset(token)
