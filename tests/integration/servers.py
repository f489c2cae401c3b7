"""Servers for the integration tests, all on 127.0.0.1 and free ports: openeo-driver's dummy
backend in its own process, a recording reverse proxy in front of the embedded backend (to
hide its root, or to add an OIDC login), and a fake OpenID Connect provider."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import requests

ROOT = Path(__file__).resolve().parents[2]
DRIVER_PYTHON = Path(os.environ.get("OPENEO_DRIVER_PYTHON", ROOT / ".venv-driver" / "bin" / "python"))
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "host"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def driver_missing() -> str | None:
    """Why openeo-driver cannot run here, or None."""
    if not DRIVER_PYTHON.exists():
        return f"openeo-driver's virtualenv is missing ({DRIVER_PYTHON}); .ci/run creates it (see the README)"
    probe = subprocess.run([str(DRIVER_PYTHON), "-c", "import openeo_driver.dummy.local_app"], capture_output=True, text=True)
    if probe.returncode != 0:
        return f"openeo-driver does not import in {DRIVER_PYTHON}: {probe.stderr.strip().splitlines()[-1:]}"
    return None


class DriverBackend:
    """openeo-driver's dummy backend as a subprocess; `root_url` is what a person would type."""

    def __init__(self) -> None:
        self.port = free_port()
        self.root_url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> DriverBackend:
        script = Path(__file__).with_name("driver_app.py")
        self.proc = subprocess.Popen([str(DRIVER_PYTHON), str(script), str(self.port)], stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True)  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(self.root_url + "/.well-known/openeo", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            if self.proc.poll() is not None:
                raise RuntimeError("openeo-driver's dummy backend exited at start")
            time.sleep(0.2)
        raise RuntimeError("openeo-driver's dummy backend did not start within 60 s")

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


Route = Callable[[str, dict, bytes], tuple[int, dict]]  # (path, headers, body) -> (status, JSON)


class Proxy:
    """A reverse proxy to `target` (scheme://host:port) that records every request (method, path,
    Authorization header). `only` limits what it forwards (others: 404); `routes` answers some
    (method, path) itself; `strip_auth` drops the Authorization header on the way."""

    def __init__(self, target: str, *, only: str | None = None, routes: dict[tuple[str, str], Route] | None = None,
                 strip_auth: bool = False) -> None:  # fmt: skip
        self.target = target.rstrip("/")
        self.only, self.routes, self.strip_auth = only, routes or {}, strip_auth
        self.seen: list[tuple[str, str, str | None]] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _serve(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                path = self.path.split("?")[0]
                proxy.seen.append((self.command, path, self.headers.get("Authorization")))
                route = proxy.routes.get((self.command, path))
                if route is not None:
                    status, doc = route(path, dict(self.headers), body)
                    return self._send(status, {"Content-Type": "application/json"}, json.dumps(doc).encode())
                if proxy.only and not path.startswith(proxy.only):
                    doc = {"code": "NotFound", "message": f"{path} is not served here"}
                    return self._send(404, {"Content-Type": "application/json"}, json.dumps(doc).encode())
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                if proxy.strip_auth:
                    headers.pop("Authorization", None)
                headers["Host"] = self.headers.get("Host", "")
                r = requests.request(self.command, proxy.target + self.path, headers=headers, data=body, timeout=300,
                                     allow_redirects=False)  # fmt: skip
                out = {k: v for k, v in r.headers.items() if k.lower() not in HOP_BY_HOP}
                self._send(r.status_code, out, r.content)

            def _send(self, status: int, headers: dict, body: bytes) -> None:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> Proxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


class FakeOIDCProvider:
    """An OpenID Connect provider with the device code flow (PKCE) and refresh tokens, which
    approves every device login at once. It hands out access-1, access-2, ... and refresh-1, ..."""

    def __init__(self) -> None:
        self.device_logins = 0
        self.refreshes = 0
        self.issued_refresh: set[str] = set()
        self._n = 0
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _json(self, status: int, doc: dict) -> None:
                body = json.dumps(doc).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                if urlsplit(self.path).path == "/.well-known/openid-configuration":
                    return self._json(200, {
                        "issuer": provider.url, "token_endpoint": provider.url + "/token",
                        "device_authorization_endpoint": provider.url + "/device",
                        "scopes_supported": ["openid"], "grant_types_supported": [
                            "urn:ietf:params:oauth:grant-type:device_code", "refresh_token"],
                    })  # fmt: skip
                self._json(404, {"error": "not_found"})

            def do_POST(self) -> None:
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()).items()}
                path = urlsplit(self.path).path
                if path == "/device":
                    provider.device_logins += 1
                    return self._json(200, {"device_code": "device-1", "user_code": "ABCD-EFGH", "interval": 0,
                                            "verification_uri": provider.url + "/verify", "expires_in": 600})  # fmt: skip
                if path == "/token":
                    grant = form.get("grant_type")
                    if grant == "refresh_token":
                        if form.get("refresh_token") not in provider.issued_refresh:
                            return self._json(400, {"error": "invalid_grant"})
                        provider.refreshes += 1
                    elif grant != "urn:ietf:params:oauth:grant-type:device_code" or not form.get("code_verifier"):
                        return self._json(400, {"error": "unsupported_grant_type"})
                    return self._json(200, provider.tokens())
                self._json(404, {"error": "not_found"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def tokens(self) -> dict:
        self._n += 1
        refresh = f"refresh-{self._n}"
        self.issued_refresh.add(refresh)
        return {"access_token": f"access-{self._n}", "refresh_token": refresh, "token_type": "Bearer", "expires_in": 3600}

    def credentials_oidc(self, path: str, headers: dict, body: bytes) -> tuple[int, dict]:
        """The openEO backend's GET /credentials/oidc, naming this provider."""
        return 200, {"providers": [{
            "id": "fake", "issuer": self.url, "title": "Fake provider", "scopes": ["openid"],
            "default_clients": [{"id": "openeo-agent-test", "grant_types": [
                "urn:ietf:params:oauth:grant-type:device_code+pkce", "refresh_token"]}],
        }]}  # fmt: skip

    def __enter__(self) -> FakeOIDCProvider:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
