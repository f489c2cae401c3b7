"""Attacks on the backend's limits, over real HTTP: bodies, the values budgets, quotas, wall time,
and malformed input. Each is refused with an openEO error, never a 500, and ordinary requests of
the same kind still work.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from urllib.parse import urlsplit

import openeo
import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openeo.rest import OpenEoApiError

from backend.control import RunControl
from backend.errors import OpenEOApiError as BackendError
from backend.execution import execute
from backend.jobs import JobLimits, JobManager
from backend.server import start_in_thread
from backend.settings import BackendSettings

EXTENT = {"west": 11.30, "south": 46.47, "east": 11.31, "north": 46.48}
DAY = ["2022-06-12", "2022-06-13"]
BODY_LIMIT = 2**20


@pytest.fixture(scope="module")
def server(tmp_path_factory, real_data_dir):
    srv = start_in_thread(BackendSettings(data_dir=str(real_data_dir), jobs_dir=str(tmp_path_factory.mktemp("jobs")),
                                          max_body_bytes=BODY_LIMIT, max_jobs_per_user=3, batch_pixel_budget=5_000_000))
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def url(server) -> str:
    return server.url


def load(extent=EXTENT, days=DAY, bands=("B04", "B08"), node="load") -> dict:
    return {node: {"process_id": "load_collection", "arguments": {
        "id": "SENTINEL2_L2A", "spatial_extent": extent, "temporal_extent": list(days), "bands": list(bands)}}}


def saved(graph: dict, last: str) -> dict:
    return {**graph, "save": {"process_id": "save_result", "arguments": {"data": {"from_node": last}, "format": "GTiff"},
                              "result": True}}


# --- request bodies ---------------------------------------------------------------------------

def _raw_post(url: str, headers: bytes, frames, limit_s: float = 20.0) -> tuple[int, bytes]:
    """POST through a raw socket: (bytes of body we managed to send, the response read meanwhile)."""
    parts = urlsplit(url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=limit_s)
    sock.sendall(b"POST " + parts.path.encode() + b"/validation HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 + headers + b"\r\n")
    received = bytearray()

    def read() -> None:
        try:
            while chunk := sock.recv(65536):
                received.extend(chunk)
        except OSError:
            pass

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    sent, deadline = 0, time.monotonic() + limit_s
    sock.settimeout(2.0)
    try:
        for frame, size in frames:
            if time.monotonic() > deadline or b"\r\n\r\n" in received:
                break
            sock.sendall(frame)
            sent += size
    except OSError:  # the server closed the connection: what we wanted
        pass
    reader.join(5.0)
    sock.close()
    return sent, bytes(received)


def test_a_300_mb_chunked_body_is_refused_before_it_is_read(url):
    chunk = b" " * 65536
    frame = b"%x\r\n" % len(chunk) + chunk + b"\r\n"
    total = 300 * 2**20
    sent, response = _raw_post(url, b"Transfer-Encoding: chunked\r\n", ((frame, len(chunk)) for _ in range(total // len(chunk))))
    assert response.startswith(b"HTTP/1.1 413"), response[:200]
    assert b"PayloadTooLarge" in response and b"connection: close" in response.lower()
    # What we could push: the limit plus what the kernel's socket buffers take, far from 300 MB.
    assert sent < 32 * 2**20, f"{sent:,} bytes of a {total:,} byte body were accepted"


def test_a_declared_300_mb_body_is_refused_without_reading_any(url):
    sent, response = _raw_post(url, f"Content-Length: {300 * 2**20}\r\n".encode(), iter(()))
    assert response.startswith(b"HTTP/1.1 413") and sent == 0


def test_bodies_under_the_limit_still_work(url):
    graph = saved(load(), "load")
    padding = {"description": "x" * (BODY_LIMIT // 2)}
    resp = requests.post(url + "/validation", json={"process_graph": graph, **padding}, timeout=30)
    assert resp.status_code == 200 and resp.json()["errors"] == []


# --- the synchronous values budget ------------------------------------------------------------

def test_upsampling_cannot_bypass_the_sync_budget(url):
    con = openeo.connect(url)
    cube = con.load_collection("SENTINEL2_L2A", spatial_extent=EXTENT, temporal_extent=DAY, bands=["B04", "B08"])
    for fine in (cube.resample_spatial(resolution=0.1), cube.resample_spatial(resolution=1e-6, projection=4326)):
        with pytest.raises(OpenEoApiError) as err:
            fine.download(format="GTiff")
        assert err.value.code == "RequestTooLarge" and err.value.http_status_code == 413
    dem = con.load_collection("COPERNICUS_30", spatial_extent=EXTENT)
    onto_fine = dem.resample_cube_spatial(cube.resample_spatial(resolution=0.2))
    with pytest.raises(OpenEoApiError) as err:
        onto_fine.download(format="GTiff")
    assert err.value.code == "RequestTooLarge"
    assert len(cube.resample_spatial(resolution=20).download(format="GTiff")) > 1000  # coarser: fine


def test_an_unused_coarse_branch_does_not_make_a_big_load_cheap(url):
    big = {"west": 10.0, "south": 46.0, "east": 11.0, "north": 47.0}
    graph = saved(load(extent=big), "load")
    graph.update(load(node="other"))
    graph["unused"] = {"process_id": "resample_spatial", "arguments": {"data": {"from_node": "other"}, "resolution": 100_000}}
    resp = requests.post(url + "/result", json={"process": {"process_graph": graph}}, timeout=30)
    assert (resp.status_code, resp.json()["code"]) == (413, "RequestTooLarge")


def test_the_runtime_check_alone_stops_upsampling(url, monkeypatch):
    """With the static estimate switched off, the arrays the graph builds are still counted."""
    from backend.validation import budget

    monkeypatch.setattr(budget, "graph_cost", lambda process_graph, ctx: budget.GraphCost())
    graph = saved(load(), "load")
    graph["fine"] = {"process_id": "resample_spatial", "arguments": {"data": {"from_node": "load"}, "resolution": 0.1}}
    graph["save"]["arguments"]["data"] = {"from_node": "fine"}
    assert requests.post(url + "/validation", json={"process_graph": graph}, timeout=30).json()["errors"] == []
    started = time.monotonic()
    resp = requests.post(url + "/result", json={"process": {"process_graph": graph}}, timeout=60)
    assert (resp.status_code, resp.json()["code"]) == (413, "RequestTooLarge"), resp.text[:300]
    assert "resample_spatial" in resp.json()["message"] and time.monotonic() - started < 20


def test_execute_refuses_arrays_over_its_budget_before_computing(server):
    control = RunControl("test", values_budget=1000)
    with pytest.raises(BackendError) as err:
        execute(saved(load(), "load"), server.ctx, control)
    assert err.value.code == "RequestTooLarge" and control.loaded_values > 1000


# --- batch budget and quotas ------------------------------------------------------------------

def test_batch_jobs_have_their_own_budget(url):
    con = openeo.connect(url).authenticate_basic("batcher", "x")
    big = con.load_collection("SENTINEL2_L2A", spatial_extent={"west": 11.0, "south": 46.3, "east": 11.4, "north": 46.6},
                              temporal_extent=DAY, bands=["B04", "B08"])
    job = big.create_job()
    with pytest.raises(OpenEoApiError) as err:
        job.start()
    assert err.value.code == "RequestTooLarge" and "batch job" in err.value.message
    job.delete()


def test_stored_jobs_per_user_are_limited(url):
    con = openeo.connect(url).authenticate_basic("hoarder", "x")
    cube = con.load_collection("SENTINEL2_L2A", spatial_extent=EXTENT, temporal_extent=DAY, bands=["B04"])
    jobs = [cube.create_job(title=f"j{i}") for i in range(3)]
    with pytest.raises(OpenEoApiError) as err:
        cube.create_job(title="one too many")
    assert err.value.code == "JobQuotaExceeded" and err.value.http_status_code == 429
    other = openeo.connect(url).authenticate_basic("someone-else", "x")  # quotas are per user
    other.load_collection("SENTINEL2_L2A", spatial_extent=EXTENT, temporal_extent=DAY, bands=["B04"]).create_job().delete()
    jobs[0].delete()
    cube.create_job(title="room again").delete()
    for job in jobs[1:]:
        job.delete()


class _Result:
    def __init__(self, data: bytes) -> None:
        self.data, self.media_type, self.filename, self.simulated = data, "application/octet-stream", "out.bin", False


def test_running_jobs_are_limited_only_where_users_are_configured():
    from backend.server import job_limits

    assert job_limits(BackendSettings(users={"a": "b"}, max_running_jobs_per_user=3)).max_running == 3
    assert job_limits(BackendSettings(max_running_jobs_per_user=3)).max_running is None  # one local user: jobs queue


def test_running_jobs_and_result_disk_are_limited_per_user(tmp_path):
    release = threading.Event()

    def run(process, control):
        control.wait(20) if process.get("wait") else None
        release.wait(20) if process.get("block") else None
        return _Result(b"x" * process.get("size", 10))

    manager = JobManager(tmp_path, run_graph=run, limits=JobLimits(max_running=1, disk_quota_bytes=100))
    try:
        slow = manager.create({"process_graph": {}, "block": True}, "u")
        manager.start(slow.id, "u")
        second = manager.create({"process_graph": {}}, "u")
        with pytest.raises(BackendError) as err:
            manager.start(second.id, "u")
        assert err.value.code == "JobQuotaExceeded"
        manager.start(manager.create({"process_graph": {}}, "v").id, "v")  # another user may run
        release.set()
        _wait(manager, slow.id, "u", "finished")
        big = manager.create({"process_graph": {}, "size": 500}, "u")
        manager.start(big.id, "u")
        failed = _wait(manager, big.id, "u", "error")
        assert failed.error["code"] == "StorageQuotaExceeded" and not (tmp_path / big.id / "results").exists()
        full = manager.create({"process_graph": {}, "size": 90}, "u")
        manager.start(full.id, "u")
        _wait(manager, full.id, "u", "finished")
        with pytest.raises(BackendError) as err:
            manager.start(second.id, "u")  # 10 + 90 of 100 bytes used
        assert err.value.code == "StorageQuotaExceeded"
    finally:
        release.set()
        manager.shutdown()


def _wait(manager: JobManager, job_id: str, owner: str, status: str, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while (job := manager.get(job_id, owner)).status != status:
        assert time.monotonic() < deadline, f"job {job_id} is {job.status}, not {status}"
        time.sleep(0.05)
    return job


def test_a_job_past_its_wall_time_is_stopped(tmp_path):
    def run(process, control):
        while not control.wait(0.05):
            pass
        control.check()

    manager = JobManager(tmp_path, run_graph=run, limits=JobLimits(timeout_s=0.5))
    try:
        job = manager.create({"process_graph": {}}, "u")
        manager.start(job.id, "u")
        failed = _wait(manager, job.id, "u", "error", timeout=10)
        assert failed.error["code"] == "RequestTimeout" and "0.5 s" in failed.error["message"]
    finally:
        manager.shutdown()


@pytest.mark.slow
def test_a_sync_request_past_its_wall_time_gets_408(tmp_path):
    srv = start_in_thread(BackendSettings(jobs_dir=str(tmp_path), sync_timeout_s=1.0, sync_pixel_budget=10**12))
    try:
        heavy = saved(load(extent={"west": 11.0, "south": 46.0, "east": 11.4, "north": 46.4}, days=["2022-05-01", "2022-08-01"]),
                      "load")
        started = time.monotonic()
        resp = requests.post(srv.url + "/result", json={"process": {"process_graph": heavy}}, timeout=120)
        assert (resp.status_code, resp.json()["code"]) == (408, "RequestTimeout")
        assert time.monotonic() - started < 30
        assert len(srv.app.state.computations) == 0
    finally:
        srv.stop()


# --- malformed input --------------------------------------------------------------------------

MALFORMED = [
    b'{"process_graph": {"a": {"process_id": "add", "arguments": {"x": ' + b"9" * 4000 + b', "y": 1}, "result": true}}}',
    b'{"process": {"process_graph": {"l": {"process_id": "load_collection", "arguments": {"id": "SENTINEL2_L2A", '
    b'"spatial_extent": {"west": NaN, "south": -Infinity, "east": Infinity, "north": 1e999}, "temporal_extent": '
    b'["2022-06-12", "2022-06-13"]}, "result": true}}}}',
    b'{"process": {"process_graph": {"l": {"process_id": "load_collection", "arguments": {"id": "SENTINEL2_L2A", '
    b'"spatial_extent": {"west": 11, "south": 46, "east": 11.01, "north": 46.01}, "temporal_extent": '
    b'["2022-06-12", "99999-01-01"]}, "result": true}}}}',
    b"[" * 100_000 + b"]" * 100_000,
    b'{"a": ' * 2000 + b"1" + b"}" * 2000,
    b"\xff\xfe\x00{garbage",
    b'{"process": {"process_graph": {"l": {"process_id": "resample_spatial", "arguments": {"data": 1, "resolution": -1e308}, '
    b'"result": true}}}}',
    "{\"process\": {\"process_graph\": {\"\u00e9\u20ac\U0001F600\": {\"process_id\": \"\u00fc\", \"arguments\": {}, "
    "\"result\": true}}}}".encode(),
    b'{"process": {"process_graph": {"\\ud800": {"process_id": "\\udfff", "arguments": {"id": "\\ud83d"}, "result": true}}}}',
]


@pytest.mark.parametrize("body", MALFORMED, ids=range(len(MALFORMED)))
@pytest.mark.parametrize("path", ["/validation", "/result", "/jobs"])
def test_malformed_bodies_get_4xx(url, path, body):
    """4xx, or for well-formed JSON: 200 from /validation listing the errors, a created job whose start is refused or
    whose run records the error."""
    resp = requests.post(url + path, data=body, headers={"Content-Type": "application/json"}, timeout=60)
    assert 400 <= resp.status_code < 500 or (resp.status_code, path) in ((200, "/validation"), (201, "/jobs")), resp.text[:300]
    if resp.status_code >= 400:
        assert resp.json()["code"] and resp.json()["message"]
    if resp.status_code == 201:
        start = requests.post(resp.headers["Location"] + "/results", timeout=30)
        assert start.status_code in (202, 400, 413), start.text[:300]
        deadline = time.monotonic() + 30
        while start.status_code == 202 and requests.get(resp.headers["Location"], timeout=10).json()["status"] in ("queued", "running"):
            assert time.monotonic() < deadline
            time.sleep(0.1)
        requests.delete(resp.headers["Location"], timeout=10)


ODD_QUERIES = ["limit=0", "limit=-1", "limit=%C2%B2", "limit=1e3", "limit=" + "9" * 400, "offset=%C2%B2", "offset=" + "9" * 400,
               "level=%FF", "level=\u00fc", "level=", "partial=maybe", "limit=1&limit=2", "%00=%00"]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_query_values_get_4xx_or_are_ignored(url, query):
    con = openeo.connect(url).authenticate_basic("querier", "x")
    job = con.load_collection("SENTINEL2_L2A", spatial_extent=EXTENT, temporal_extent=DAY, bands=["B04"]).create_job()
    try:
        for path in (f"/jobs/{job.job_id}/logs", f"/jobs/{job.job_id}/results", "/jobs", "/collections", "/processes"):
            resp = requests.get(f"{url}{path}?{query}", headers={"Authorization": f"Bearer {con.auth.bearer}"}, timeout=10)
            assert resp.status_code < 500, (path, query, resp.text[:200])
    finally:
        job.delete()


raw_json = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-10**80, max_value=10**80) | st.floats() | st.text(max_size=6)
    | st.sampled_from(["2022-06-12", "P1D", "EPSG:4326", "SENTINEL2_L2A", "B04", "t", "bands", "x"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(
        st.sampled_from(["west", "south", "east", "north", "crs", "resolution", "projection", "from_node", "data", "id",
                         "spatial_extent", "temporal_extent", "bands", "process_graph", "x", "y"]) | st.text(max_size=4),
        children, max_size=4),
    max_leaves=14,
)
fuzz_nodes = st.fixed_dictionaries({
    "process_id": st.sampled_from(["load_collection", "resample_spatial", "resample_cube_spatial", "filter_bbox",
                                   "reduce_dimension", "merge_cubes", "save_result", "add"]),
    "arguments": st.dictionaries(st.sampled_from(["id", "data", "target", "spatial_extent", "temporal_extent", "bands",
                                                  "resolution", "projection", "extent", "format", "x", "y"]),
                                 raw_json | st.sampled_from([{"from_node": "a"}, {"from_node": "b"}]), max_size=5),
}, optional={"result": st.booleans()})


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(graph=st.dictionaries(st.sampled_from(["a", "b", "c"]), fuzz_nodes, min_size=1, max_size=3))
def test_fuzzed_graphs_with_nan_huge_and_odd_values_never_give_500(server, url, graph):
    """Bodies as raw JSON text (NaN, Infinity and 80-digit integers included) to /validation, and
    the same graphs through the values budgets (which /result and starting a job apply)."""
    from backend.validation.budget import budget_errors

    text = json.dumps({"process": {"process_graph": graph}}, allow_nan=True)
    resp = requests.post(url + "/validation", data=text, headers={"Content-Type": "application/json"}, timeout=30)
    assert resp.status_code < 500, resp.text[:300]
    for error in budget_errors(json.loads(text)["process"], server.ctx) + budget_errors(graph, server.ctx, budget=1, batch=True):
        assert error.code == "RequestTooLarge"


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(header=st.one_of(st.binary(max_size=40).map(lambda b: b"Basic " + b), st.binary(max_size=40).map(lambda b: b"Bearer " + b),
                        st.text(max_size=40).map(lambda t: "Bearer basic//" + t), st.text(max_size=40).map(lambda t: "Bearer oidc/" + t)))
def test_fuzzed_authorization_headers_never_give_500(url, header):
    for path in ("/credentials/basic", "/me", "/jobs"):
        try:
            resp = requests.get(url + path, headers={"Authorization": header}, timeout=10)
        except (ValueError, requests.exceptions.InvalidHeader):
            return  # not even sendable
        assert resp.status_code < 500, (path, header, resp.text[:200])
