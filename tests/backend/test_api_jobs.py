"""Batch jobs over real HTTP: lifecycle, results, logs, failures, persistence across restarts."""

from __future__ import annotations

import json
import threading
import time

import dask
import numpy as np
import openeo
import pytest
import rasterio
import requests
from openeo.rest import OpenEoApiError

from backend.jobs import JobManager
from backend.server import start_in_thread
from backend.settings import BackendSettings

EXTENT = {"west": 11.30, "south": 46.47, "east": 11.32, "north": 46.49}
DAY = ["2022-06-12", "2022-06-13"]


def cube_of(con, collection="SENTINEL2_L2A"):
    return con.load_collection(collection, spatial_extent=EXTENT, temporal_extent=DAY, bands=["B04", "B08"])


def wait_for(job, states=("finished", "error"), timeout=60.0) -> str:
    deadline = time.monotonic() + timeout
    while (status := job.status()) not in states:
        assert time.monotonic() < deadline, f"job still {status}"
        time.sleep(0.1)
    return status


def test_batch_job_lifecycle_with_the_openeo_client(backend_url, tmp_path):
    con = openeo.connect(backend_url)
    job = cube_of(con).create_job(title="ndvi test", description="lifecycle")
    meta = job.describe()
    assert meta["status"] == "created" and meta["title"] == "ndvi test"
    assert meta["process"]["process_graph"]
    assert job.job_id in [j["id"] for j in con.list_jobs()]
    job.start()
    assert wait_for(job) == "finished"
    assert job.describe()["progress"] == 100
    files = job.get_results().download_files(tmp_path)
    tif = next(p for p in files if p.suffix == ".tif")
    sync = tmp_path / "sync.tif"
    cube_of(con).download(sync)
    with rasterio.open(tif) as a, rasterio.open(sync) as b:
        np.testing.assert_array_equal(a.read(), b.read())
        assert a.transform == b.transform
    messages = [entry["message"] for entry in job.logs()]
    assert messages[0] == "Job created." and messages[-1].startswith("Job finished")
    job.delete()
    with pytest.raises(OpenEoApiError) as err:
        job.describe()
    assert err.value.code == "JobNotFound" and err.value.http_status_code == 404


def test_execute_batch_downloads_the_result(backend_url, tmp_path):
    con = openeo.connect(backend_url)
    out = tmp_path / "batch.tif"
    job = cube_of(con).execute_batch(out, max_poll_interval=0.2)
    assert job.status() == "finished" and out.stat().st_size > 1000


def test_failed_job_records_its_error_and_logs(backend_url):
    con = openeo.connect(backend_url)
    cube = con.datacube_from_process("load_collection", id="NOT_A_COLLECTION", spatial_extent=EXTENT,
                                     temporal_extent=DAY, bands=["B04"])
    job = cube.create_job()
    job.start()
    assert wait_for(job) == "error"
    errors = job.logs(level="error")
    assert errors and errors[-1]["code"] == "CollectionNotFound" and "NOT_A_COLLECTION" in errors[-1]["message"]
    with pytest.raises(OpenEoApiError) as err:
        job.get_results().get_metadata()
    assert err.value.code == "JobNotFinished" and "CollectionNotFound" not in err.value.code
    job.delete()


def test_create_job_answers_201_with_location(backend_url):
    graph = cube_of(openeo.connect(backend_url)).flat_graph()
    resp = requests.post(backend_url + "/jobs", json={"process": {"process_graph": graph}}, timeout=10)
    assert resp.status_code == 201
    job_id = resp.headers["OpenEO-Identifier"]
    assert resp.headers["Location"] == f"{backend_url}/jobs/{job_id}"
    assert requests.patch(f"{backend_url}/jobs/{job_id}", json={"title": "renamed"}, timeout=10).status_code == 204
    assert requests.get(f"{backend_url}/jobs/{job_id}", timeout=10).json()["title"] == "renamed"
    assert requests.get(f"{backend_url}/jobs/{job_id}/results", timeout=10).json()["code"] == "JobNotFinished"
    assert requests.delete(f"{backend_url}/jobs/{job_id}", timeout=10).status_code == 204
    assert requests.get(f"{backend_url}/jobs/../../etc", timeout=10).status_code == 404


def test_jobs_and_results_survive_a_server_restart(tmp_path, real_data_dir):
    settings = BackendSettings(data_dir=str(real_data_dir), jobs_dir=str(tmp_path / "jobs"), simulated=False)
    server = start_in_thread(settings)
    try:
        con = openeo.connect(server.url).authenticate_basic("dora", "pw")
        done = cube_of(con).create_job(title="done")
        done.start()
        assert wait_for(done) == "finished"
        waiting = cube_of(con).create_job(title="not started")
    finally:
        server.stop()
    # A job that was running when the server died:
    record = tmp_path / "jobs" / waiting.job_id / "job.json"
    data = json.loads(record.read_text())
    (tmp_path / "jobs" / "j-interrupted").mkdir()
    (tmp_path / "jobs" / "j-interrupted" / "job.json").write_text(json.dumps({**data, "id": "j-interrupted", "status": "running"}))

    server = start_in_thread(settings)
    try:
        con = openeo.connect(server.url).authenticate_basic("dora", "pw")
        assert {j["id"]: j["status"] for j in con.list_jobs()} == {
            done.job_id: "finished", waiting.job_id: "created", "j-interrupted": "error"}
        files = con.job(done.job_id).get_results().download_files(tmp_path / "out")
        assert any(p.suffix == ".tif" and p.stat().st_size > 1000 for p in files)
        assert "restarted" in con.job("j-interrupted").logs(level="error")[-1]["message"]
        again = con.job(waiting.job_id)
        again.start()
        assert wait_for(again) == "finished"
    finally:
        server.stop()


def test_progress_is_reported_while_dask_computes(tmp_path):
    release = threading.Event()

    def slow_graph(process, control):
        parts = [dask.delayed(lambda i: i)(i) for i in range(40)]
        total = dask.delayed(lambda xs: (release.wait(20), sum(xs))[1])(parts)
        value = total.compute(scheduler="threads")
        return type("R", (), {"data": str(value).encode(), "media_type": "application/json",
                              "filename": "out.json", "simulated": True})()

    manager = JobManager(tmp_path, run_graph=slow_graph)
    job = manager.create({"process_graph": {}}, owner="me")
    manager.start(job.id, "me")
    deadline = time.monotonic() + 20
    while (current := manager.get(job.id, "me")).progress < 50 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert current.status == "running" and 50 <= current.progress < 100
    release.set()
    while manager.get(job.id, "me").status == "running" and time.monotonic() < deadline:
        time.sleep(0.02)
    finished = manager.get(job.id, "me")
    assert finished.status == "finished" and finished.progress == 100 and finished.simulated is True
    assert (tmp_path / job.id / "results" / "out.json").read_text() == str(sum(range(40)))
    manager.shutdown()


def test_cancel_discards_a_running_job(tmp_path):
    release = threading.Event()

    def blocking(process, control):
        release.wait(20)
        return type("R", (), {"data": b"x", "media_type": "text/plain", "filename": "x.txt", "simulated": False})()

    manager = JobManager(tmp_path, run_graph=blocking)
    job = manager.create({"process_graph": {}}, owner="me")
    manager.start(job.id, "me")
    deadline = time.monotonic() + 10
    while manager.get(job.id, "me").status != "running" and time.monotonic() < deadline:
        time.sleep(0.02)
    manager.cancel(job.id, "me")
    release.set()
    time.sleep(0.3)
    assert manager.get(job.id, "me").status == "canceled"
    assert "canceled" in manager.logs(job.id, "me", level="warning")[-1]["message"]
    manager.shutdown()


def test_restart_leaves_jobs_of_another_live_server_alone(tmp_path):
    import os
    import subprocess
    import sys

    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
        for job_id, pid in (("j-alive", other.pid), ("j-dead", int(dead.stdout)), ("j-mine", os.getpid())):
            (tmp_path / job_id).mkdir()
            (tmp_path / job_id / "job.json").write_text(json.dumps(
                {"id": job_id, "owner": "me", "process": {"process_graph": {}}, "status": "running", "worker_pid": pid}))
        manager = JobManager(tmp_path, run_graph=lambda process, control: None)
        assert manager.get("j-alive", "me").status == "running"
        assert manager.get("j-dead", "me").status == "error"
        assert manager.get("j-mine", "me").status == "error"  # a previous life of this very process
        manager.shutdown()
    finally:
        other.terminate()
        other.wait(10)
