"""A STAC API on a free loopback port, as CDSE's catalogue answers item searches.

POST /search filters its items by collection, bbox and closed datetime interval, pages them
`limit` at a time with a `next` link whose POST body carries a token (STAC API - Item Search),
and records each search body so tests can check what was asked.
"""

from __future__ import annotations

import json
import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def item(collection: str, when: str, bbox=(4.0, 50.0, 6.0, 52.0), cloud: float | None = None, tile: str = "T31UFS") -> dict:
    props = {"datetime": when}
    if cloud is not None:
        props["eo:cloud_cover"] = cloud
    w, s, e, n = bbox
    return {"type": "Feature", "stac_version": "1.1.0", "id": f"{collection}_{when}_{tile}", "collection": collection,
            "bbox": list(bbox), "geometry": {"type": "Polygon", "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]},
            "properties": props, "assets": {}, "links": []}


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


class FakeStac:
    def __init__(self, items: list[dict]) -> None:
        self.items = items
        self.searches: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _send(self, code: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/geo+json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                if self.path.rstrip("/") != "/v1/search":
                    return self._send(404, {"code": "NotFound", "description": self.path})
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                fake.searches.append(body)
                return self._send(200, fake.search(body, f"http://127.0.0.1:{fake.port}/v1/search"))

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/v1"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def search(self, body: dict, href: str) -> dict:
        start, end = (_instant(t) for t in body["datetime"].split("/"))
        w, s, e, n = body.get("bbox", [-180, -90, 180, 90])
        hits = [i for i in self.items
                if i["collection"] in body.get("collections", [i["collection"]])
                and start <= _instant(i["properties"]["datetime"]) <= end
                and i["bbox"][0] < e and w < i["bbox"][2] and i["bbox"][1] < n and s < i["bbox"][3]]
        hits.sort(key=lambda i: i["properties"]["datetime"])
        offset, limit = int(body.get("token", 0)), int(body.get("limit", 10))
        page = hits[offset:offset + limit]
        links = []
        if offset + limit < len(hits):
            links.append({"rel": "next", "href": href, "method": "POST", "body": {**body, "token": offset + limit}})
        return {"type": "FeatureCollection", "features": page, "numberMatched": len(hits), "numberReturned": len(page),
                "links": links}

    def __enter__(self) -> FakeStac:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
