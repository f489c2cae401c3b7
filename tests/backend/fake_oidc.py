"""A small OpenID Connect provider for tests: discovery, the client-credentials grant, userinfo.

    with FakeOidcProvider({"suite-client": ("secret", "suite-user")}) as idp:
        idp.issuer            # http://127.0.0.1:<port>
        idp.revoke_all()      # every token issued so far stops working

Real HTTP on a free loopback port, so the backend verifies tokens exactly as it would with a
real provider (GET <issuer>/.well-known/openid-configuration, then the userinfo endpoint).
"""

from __future__ import annotations

import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


class FakeOidcProvider:
    def __init__(self, clients: dict[str, tuple[str, str]]) -> None:
        """`clients`: client id -> (client secret, subject its tokens stand for)."""
        self.clients = clients
        self.tokens: dict[str, str] = {}  # access token -> subject
        self.userinfo_calls = 0
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _json(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:  # noqa: N802
                if self.path == "/.well-known/openid-configuration":
                    self._json(200, {"issuer": provider.issuer, "token_endpoint": provider.issuer + "/token",
                                     "userinfo_endpoint": provider.issuer + "/userinfo",
                                     "grant_types_supported": ["client_credentials"], "scopes_supported": ["openid"]})
                elif self.path == "/userinfo":
                    provider.userinfo_calls += 1
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    subject = provider.tokens.get(token)
                    if subject is None:
                        self._json(401, {"error": "invalid_token"})
                    else:
                        self._json(200, {"sub": subject})
                else:
                    self._json(404, {"error": "not_found"})

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                client = provider.clients.get(form.get("client_id", ""))
                if self.path != "/token" or form.get("grant_type") != "client_credentials":
                    self._json(400, {"error": "unsupported_grant_type"})
                elif client is None or client[0] != form.get("client_secret"):
                    self._json(401, {"error": "invalid_client"})
                else:
                    token = secrets.token_urlsafe(24)
                    provider.tokens[token] = client[1]
                    self._json(200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600})

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.issuer = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def revoke_all(self) -> None:
        self.tokens.clear()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeOidcProvider:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
