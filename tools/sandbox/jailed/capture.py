"""Layer 3: the openeo client talks to a snapshot of the backend, and running a graph captures it.

The client's requests go to `SnapshotAdapter`, never to the network. Metadata (capabilities,
collections, processes, formats) comes from the parent's snapshot. What would run something
is captured and answered the way a real backend answers, so notebook-style code runs to its
end: `POST /result` (download, execute), `POST /jobs` and the job endpoints (start, status,
describe, logs, results and assets, list_jobs, connection.job(id)), and
`PUT /process_graphs/{id}` (save_user_defined_process, with GET /process_graphs back).
Downloads write no file: they return the paths the real client would have written.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import openeo
import openeo.rest.connection
import openeo.rest.job
import requests
import requests.adapters

MAX_GRAPHS = 50
JOB_PREFIX = "sandbox-job-"
_EXTENSIONS = {"gtiff": ".tif", "geotiff": ".tif", "netcdf": ".nc", "json": ".json", "csv": ".csv",
               "parquet": ".parquet", "geojson": ".geojson", "png": ".png", "jpeg": ".jpg", "zarr": ".zarr"}
_MEDIA = {".tif": "image/tiff; application=geotiff", ".nc": "application/x-netcdf", ".json": "application/json",
          ".csv": "text/csv", ".parquet": "application/parquet", ".geojson": "application/geo+json",
          ".png": "image/png", ".jpg": "image/jpeg", ".zarr": "application/zip+zarr"}


class TooManyGraphs(RuntimeError):
    pass


def _process(body: dict | None) -> dict:
    body = body or {}
    return body.get("process", body) if isinstance(body.get("process", body), dict) else {}


def _graph(body: dict | None) -> dict:
    process = _process(body)
    graph = process.get("process_graph", process)
    return graph if isinstance(graph, dict) else {}


def output_format(graph: dict) -> str | None:
    for node in graph.values():
        if isinstance(node, dict) and node.get("process_id") == "save_result":
            fmt = (node.get("arguments") or {}).get("format")
            return str(fmt) if isinstance(fmt, str) else None
    return None


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class Captured:
    """Everything the run tried to send: graphs in order, jobs, user-defined processes."""

    def __init__(self) -> None:
        self.graphs: list[dict] = []
        self.jobs: dict[str, dict] = {}
        self.udps: dict[str, dict] = {}

    def add_graph(self, via: str, graph: dict, job_id: str | None = None, title: str | None = None) -> dict:
        if len(self.graphs) >= MAX_GRAPHS:
            raise TooManyGraphs(f"The code sent more than {MAX_GRAPHS} process graphs; build fewer graphs (no loop over downloads).")
        entry = {"via": via, "process_graph": graph, "outputfile": None, "format": output_format(graph),
                 "job_id": job_id, "title": title}
        self.graphs.append(entry)
        return entry

    def job_entry(self, job_id: str) -> dict | None:
        return next((g for g in self.graphs if g.get("job_id") == job_id), None)


class SnapshotAdapter(requests.adapters.BaseAdapter):
    def __init__(self, root_url: str, responses: dict, captured: Captured) -> None:
        super().__init__()
        self.root_url = root_url.rstrip("/")
        self.responses = responses
        self.captured = captured

    def send(self, request, **kwargs):
        url = request.url.split("?")[0].rstrip("/")
        if not (url == self.root_url or url.startswith(self.root_url + "/")):
            raise requests.ConnectionError(f"Network access is disabled in the sandbox ({request.method} {url}).")
        path = url[len(self.root_url):] or "/"
        method = request.method.upper()
        try:
            body = json.loads(request.body) if request.body else None
        except ValueError:
            body = None
        if method == "GET" and path == "/":
            return self._response(request, 200, self._capabilities())
        if method == "GET" and path in self.responses:
            return self._response(request, 200, self.responses[path])
        if method == "GET" and path.startswith("/collections/"):
            cid = path.split("/")[2]
            return self._error(request, 404, "CollectionNotFound", f"Collection '{cid}' does not exist.")
        if method == "POST" and path == "/result":
            self.captured.add_graph("download", _graph(body))
            return self._response(request, 200, {})
        if method == "POST" and path == "/validation":
            return self._response(request, 200, {"errors": []})
        if method == "GET" and path == "/me":
            return self._response(request, 200, {"user_id": "sandbox", "name": "sandbox"})
        if path == "/jobs" or path.startswith("/jobs/"):
            return self._jobs(request, method, path, body)
        if path == "/process_graphs" or path.startswith("/process_graphs/"):
            return self._process_graphs(request, method, path, body)
        if method == "GET" and path == "/files":
            return self._response(request, 200, {"files": [], "links": []})
        return self._error(request, 404, "NotFound", f"{method} {path} is not available in the sandbox.")

    def _capabilities(self) -> dict:
        caps = dict(self.responses.get("/", {}))
        endpoints = list(caps.get("endpoints", []))
        if not any(e.get("path") == "/process_graphs" for e in endpoints if isinstance(e, dict)):
            # captured here and stored on the backend by the parent, which says so if it cannot
            endpoints += [{"path": "/process_graphs", "methods": ["GET"]},
                          {"path": "/process_graphs/{process_graph_id}", "methods": ["GET", "PUT", "DELETE"]}]
        caps["endpoints"] = endpoints
        return caps

    # jobs --------------------------------------------------------------------------------------
    def _jobs(self, request, method: str, path: str, body: dict | None):
        parts = path.strip("/").split("/")
        if parts == ["jobs"]:
            if method == "POST":
                job_id = f"{JOB_PREFIX}{len(self.captured.jobs) + 1}"
                process = _process(body)
                title = (body or {}).get("title")
                self.captured.add_graph("create_job", _graph(body), job_id=job_id, title=title)
                self.captured.jobs[job_id] = {
                    "id": job_id, "title": title, "description": (body or {}).get("description"),
                    "process": {"process_graph": process.get("process_graph", {})}, "status": "created",
                    "progress": 0, "created": _now(), "updated": _now(), "plan": (body or {}).get("plan"),
                    "budget": (body or {}).get("budget"), "costs": 0,
                }
                return self._response(request, 201, {}, {"OpenEO-Identifier": job_id, "Location": f"{self.root_url}/jobs/{job_id}"})
            jobs = [{k: v for k, v in j.items() if k != "process"} for j in self.captured.jobs.values()]
            return self._response(request, 200, {"jobs": jobs, "links": []})
        job = self.captured.jobs.get(parts[1])
        if job is None:
            return self._error(request, 404, "JobNotFound", f"The batch job '{parts[1]}' does not exist (this run created: "
                               f"{', '.join(self.captured.jobs) or 'none'}).")
        rest = parts[2:]
        if not rest:
            if method == "DELETE":
                self.captured.jobs.pop(job["id"])
                return self._response(request, 204, {})
            if method == "PATCH":
                job.update({k: v for k, v in (body or {}).items() if k in ("title", "description", "plan", "budget")})
                return self._response(request, 204, {})
            return self._response(request, 200, job)
        if rest == ["results"]:
            if method == "POST":  # start: nothing runs, the graph was captured
                job.update(status="finished", progress=100, updated=_now())
                return self._response(request, 202, {})
            if method == "DELETE":
                job.update(status="canceled", updated=_now())
                return self._response(request, 204, {})
            return self._response(request, 200, self._results(job))
        if rest == ["logs"]:
            logs = [{"id": "1", "level": "info", "time": job["updated"],
                     "message": "Captured by the openEO Agent sandbox: the process graph was not run here."}]
            return self._response(request, 200, {"logs": logs, "links": []})
        if rest == ["estimate"]:
            return self._response(request, 200, {"costs": 0, "duration": "PT0S"})
        return self._error(request, 404, "NotFound", f"{method} {path} is not available in the sandbox.")

    def _results(self, job: dict) -> dict:
        ext = _EXTENSIONS.get((output_format(job["process"]["process_graph"]) or "gtiff").lower(), ".tif")
        name = f"openEO{ext}"
        asset = {"href": f"{self.root_url}/jobs/{job['id']}/results/{name}", "type": _MEDIA.get(ext, "application/octet-stream"),
                 "roles": ["data"], "title": name}
        return {"stac_version": "1.0.0", "type": "Collection", "id": job["id"], "title": job.get("title"),
                "description": "Captured by the sandbox", "license": "proprietary", "extent": None,
                "assets": {name: asset}, "links": []}

    # user-defined processes --------------------------------------------------------------------
    def _process_graphs(self, request, method: str, path: str, body: dict | None):
        parts = path.strip("/").split("/")
        if len(parts) == 1:
            return self._response(request, 200, {"processes": list(self.captured.udps.values()), "links": []})
        udp_id = parts[1]
        if method == "PUT":
            process = dict(body or {})
            process["id"] = udp_id
            self.captured.udps[udp_id] = process
            return self._response(request, 200, {})
        if method == "DELETE" and udp_id in self.captured.udps:
            self.captured.udps.pop(udp_id)
            return self._response(request, 204, {})
        if udp_id in self.captured.udps:
            return self._response(request, 200, self.captured.udps[udp_id])
        return self._error(request, 404, "ProcessGraphNotFound", f"The user-defined process '{udp_id}' does not exist.")

    # --------------------------------------------------------------------------------------------
    def _error(self, request, status: int, code: str, message: str):
        return self._response(request, status, {"id": "sandbox", "code": code, "message": message, "links": []})

    @staticmethod
    def _response(request, status: int, payload, headers: dict | None = None):
        r = requests.Response()
        r.status_code = status
        r._content = b"" if status == 204 else json.dumps(payload).encode()
        r.headers["Content-Type"] = "application/json"
        for k, v in (headers or {}).items():
            r.headers[k] = v
        r.url = request.url
        r.request = request
        r.encoding = "utf-8"
        return r

    def close(self) -> None:
        pass


class SnapshotSession(requests.Session):
    def __init__(self, adapter: SnapshotAdapter) -> None:
        super().__init__()
        self.adapters.clear()
        super().mount("http://", adapter)
        super().mount("https://", adapter)

    def mount(self, prefix, adapter):
        """Ignored: the client mounts retrying adapters; every request still goes to the snapshot."""


def install_client_patches(snapshot: dict, captured: Captured) -> None:
    adapter = SnapshotAdapter(snapshot["root_url"], snapshot["responses"], captured)
    Connection = openeo.rest.connection.Connection
    original_init = Connection.__init__

    def sandbox_init(self, url=None, *args, **kwargs):
        kwargs["session"] = SnapshotSession(adapter)
        kwargs["auto_validate"] = False
        kwargs.pop("retry", None)
        original_init(self, snapshot["root_url"], *args, **kwargs)

    def sandbox_connect(url=None, *args, **kwargs):
        return Connection(snapshot["root_url"])

    def no_auth(self, *args, **kwargs):
        return self

    original_download = Connection.download

    def sandbox_download(self, graph, outputfile=None, **kwargs):
        original_download(self, graph, None, **kwargs)  # POST /result reaches the adapter: captured
        if captured.graphs and outputfile is not None:
            captured.graphs[-1]["outputfile"] = str(outputfile)
        return None if outputfile is not None else b""

    Connection.__init__ = sandbox_init
    Connection.download = sandbox_download
    for name in dir(Connection):
        if name.startswith("authenticate_"):
            setattr(Connection, name, no_auth)
    openeo.connect = sandbox_connect
    openeo.rest.connection.connect = sandbox_connect

    def asset_download(self, target=None, **kwargs) -> Path:
        """The path the real client would write, without writing it (nothing was computed)."""
        target = Path(target) if target is not None else Path(self.key)
        if target.is_dir() or (str(target).endswith(("/", "\\"))):
            target = target / self._make_filename()
        entry = captured.job_entry(self.job.job_id)
        if entry is not None and entry["outputfile"] is None:
            entry["outputfile"] = str(target)
        return target

    def download_files(self, target=None, include_stac_metadata=True, **kwargs):
        folder = Path(target) if target is not None else Path(".")
        paths = [a.download(folder / a._make_filename()) for a in self.get_assets()]
        return paths + ([folder / "job-results.json"] if include_stac_metadata else [])

    openeo.rest.job.ResultAsset.download = asset_download
    openeo.rest.job.JobResults.download_files = download_files
