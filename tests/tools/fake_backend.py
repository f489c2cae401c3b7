"""A tiny scripted openEO backend on 127.0.0.1 for fault tests: 5xx, hangs, garbage, resets.

    with FakeBackend({("GET", "/"): [status(503), OK]}) as fake:
        fake.url        # http://127.0.0.1:<port>/openeo/1.2
        fake.hits       # [("GET", "/"), ...] in arrival order

Each (method, path) has a list of behaviours played in order; the last one repeats. Paths
without a script get the default answers (a minimal capabilities document, one collection,
no processes; 404 JSON for the rest).
"""

from __future__ import annotations

import json
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PREFIX = "/openeo/1.2"
COLLECTION = {
    "stac_version": "1.0.0", "id": "SENTINEL2_L2A", "title": "Sentinel-2 L2A", "description": "Surface reflectance.",
    "license": "proprietary", "links": [],
    "extent": {"spatial": {"bbox": [[-180, -90, 180, 90]]}, "temporal": {"interval": [["2017-03-28T00:00:00Z", None]]}},
    "cube:dimensions": {"x": {"type": "spatial", "axis": "x", "extent": [-180, 180]},
                        "y": {"type": "spatial", "axis": "y", "extent": [-90, 90]},
                        "t": {"type": "temporal", "extent": ["2017-03-28T00:00:00Z", None]},
                        "bands": {"type": "bands", "values": ["B04", "B08"]}},
    "summaries": {"eo:bands": [{"name": "B04", "common_name": "red", "gsd": 10}, {"name": "B08", "common_name": "nir", "gsd": 10}]},
}
DEFAULTS = {
    ("GET", "/"): {"api_version": "1.2.0", "backend_version": "fake", "stac_version": "1.0.0", "id": "fake",
                   "title": "fake", "description": "fake", "links": [],
                   "endpoints": [{"path": p, "methods": m} for p, m in (("/collections", ["GET"]), ("/processes", ["GET"]),
                                                                       ("/validation", ["POST"]), ("/result", ["POST"]))]},
    ("GET", "/collections"): {"collections": [COLLECTION], "links": []},
    ("GET", "/collections/SENTINEL2_L2A"): COLLECTION,
    ("GET", "/processes"): {"processes": [], "links": []},
    ("POST", "/validation"): {"errors": []},
}


@dataclass(frozen=True)
class Behaviour:
    status: int = 200
    body: bytes | None = None  # None: the default JSON for the path
    content_type: str = "application/json"
    hang_s: float = 0.0  # sleep before answering
    reset: bool = False  # close the connection without an answer


OK = Behaviour()


def status(code: int) -> Behaviour:
    return Behaviour(status=code, body=json.dumps({"code": "ServiceUnavailable", "message": f"HTTP {code}"}).encode())


def hang(seconds: float) -> Behaviour:
    return Behaviour(hang_s=seconds)


def garbage(text: str = "<html><body>502 Proxy Error</body></html>", code: int = 200) -> Behaviour:
    return Behaviour(status=code, body=text.encode(), content_type="text/html")


RESET = Behaviour(reset=True)


class FakeBackend:
    def __init__(self, script: dict[tuple[str, str], list[Behaviour]] | None = None) -> None:
        self.script = {k: list(v) for k, v in (script or {}).items()}
        self.hits: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                path = self.path.split("?")[0]
                path = path[len(PREFIX):] if path.startswith(PREFIX) else path
                path = path.rstrip("/") or "/"
                b = fake._next(self.command, path)
                if b.hang_s:
                    time.sleep(b.hang_s)
                if b.reset:
                    self.close_connection = True
                    self.connection.close()
                    return
                body = b.body
                if body is None:
                    default = DEFAULTS.get((self.command, path))
                    body = json.dumps(default if default is not None else {"code": "NotFound", "message": f"{path} unknown"}).encode()
                    code = b.status if default is not None else 404
                else:
                    code = b.status
                try:
                    self.send_response(code)
                    self.send_header("Content-Type", b.content_type)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (its timeout): expected here
                    self.close_connection = True

            do_GET = do_POST = do_DELETE = do_PUT = do_PATCH = _serve

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address) -> None:  # noqa: ANN001
                if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):  # clients hanging up: expected
                    super().handle_error(request, client_address)

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def _next(self, method: str, path: str) -> Behaviour:
        with self._lock:
            self.hits.append((method, path))
            plays = self.script.get((method, path))
            if not plays:
                return OK
            return plays.pop(0) if len(plays) > 1 else plays[0]

    def count(self, method: str, path: str) -> int:
        return sum(1 for h in self.hits if h == (method, path))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{PREFIX}"

    def __enter__(self) -> "FakeBackend":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
