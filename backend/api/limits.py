"""Request bodies limited while they stream in: an ASGI middleware in front of every route.

A declared `Content-Length` over the limit is refused before one byte of the body is read; a
chunked (or lying) body is counted as it arrives and refused the moment it passes the limit.
Either way the answer is the openEO error `PayloadTooLarge` (413) with `Connection: close`, so
the server stops reading from that connection instead of draining the rest of the upload.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from backend.errors import PayloadTooLarge

__all__ = ["BodyLimit", "too_large"]


def too_large(limit: int) -> PayloadTooLarge:
    size = f"{limit // 2**20} MB" if limit >= 2**20 else f"{limit:,} bytes"
    return PayloadTooLarge(
        f"The request body is larger than {size}. Send geometries as a URL (load_url) or simplify them; "
        "process graphs themselves are small.")


class BodyLimit:
    """ASGI middleware: at most `max_bytes` of request body per request."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.strip().isdigit() or int(declared) > self.max_bytes):
            await _refuse(send, self.max_bytes)
            return
        received = 0
        exceeded = False

        async def limited_receive() -> dict:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    exceeded = True
                    raise too_large(self.max_bytes)
            return message

        async def closing_send(message: dict) -> None:
            if exceeded and message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), (b"connection", b"close")]}
            await send(message)

        await self.app(scope, limited_receive, closing_send)


async def _refuse(send: Any, limit: int) -> None:
    error = too_large(limit)
    body = json.dumps(error.to_dict(uuid.uuid4().hex)).encode()
    await send({"type": "http.response.start", "status": error.status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
