"""A batch job whose result cannot be written (a full disk): status error, a log entry that says
what to do, no partial file left, and the server keeps serving. Disk-full is real ENOSPC from
/dev/full, injected at the one place job results touch the disk (backend.jobs.write_file)."""

from __future__ import annotations

import errno
import time

import openeo
import pytest
import requests
from openeo.rest import OpenEoApiError

from backend import jobs as jobs_module
from backend.server import start_in_thread
from backend.settings import BackendSettings

EXTENT = {"west": 11.30, "south": 46.47, "east": 11.31, "north": 46.48}
DAY = ["2022-06-12", "2022-06-13"]


@pytest.fixture(scope="module")
def server(tmp_path_factory, real_data_dir):
    srv = start_in_thread(BackendSettings(data_dir=str(real_data_dir), jobs_dir=str(tmp_path_factory.mktemp("jobs"))))
    yield srv
    srv.stop()


def full_disk_write(path, data: bytes) -> None:
    """Write half the bytes, then hit a full device: the kernel's own ENOSPC."""
    with open(path, "wb") as fh:
        fh.write(data[: len(data) // 2])
    with open("/dev/full", "wb") as dev:
        dev.write(data)
        dev.flush()


def wait_for(job, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = job.status()
        if status in ("finished", "error", "canceled"):
            return status
        time.sleep(0.2)
    raise AssertionError(f"job {job.job_id} still {status} after {timeout} s")


def ndvi_job(con):
    cube = con.load_collection("SENTINEL2_L2A", spatial_extent=EXTENT, temporal_extent=DAY, bands=["B04", "B08"])
    return cube.ndvi(red="B04", nir="B08").save_result("GTiff").create_job(title="disk full")


def test_full_disk_fails_the_job_clearly_and_the_server_keeps_serving(server, monkeypatch):
    con = openeo.connect(server.url)
    monkeypatch.setattr(jobs_module, "write_file", full_disk_write)
    job = ndvi_job(con)
    job.start()
    assert wait_for(job) == "error"

    errors = job.logs(level="error")
    assert errors and errors[-1]["code"] == "StorageFailure"
    message = errors[-1]["message"]
    assert "the disk is full" in message and "OPENEO_BACKEND_JOBS_DIR" in message and "start the job again" in message
    results = server.ctx.jobs.root / job.job_id / "results"
    assert list(results.iterdir()) == []  # the partial .part file was removed, its space given back
    with pytest.raises(OpenEoApiError) as err:
        job.get_results().get_metadata()
    assert err.value.code == "JobNotFinished" and "the disk is full" in err.value.message

    # the server keeps serving: validation, synchronous processing, and — with room again — the same job
    r = requests.post(server.url + "/validation", json={"process_graph": job.describe()["process"]["process_graph"]}, timeout=30)
    assert r.status_code == 200 and r.json() == {"errors": []}
    monkeypatch.undo()
    job.start()
    assert wait_for(job) == "finished"
    assert job.logs()[-1]["message"].startswith("Job finished")
    assert [p.name for p in results.iterdir()] and not any(p.suffix == ".part" for p in results.iterdir())


def test_unwritable_job_record_still_reports_error(server, monkeypatch):
    """Even the job record cannot be saved once the computation runs: GET /jobs/{id} still says error."""
    con = openeo.connect(server.url)
    job = ndvi_job(con)
    manager = server.ctx.jobs
    original_save = manager._save

    def save(record):
        if record.status in ("error", "finished") or record.progress > 1.0:  # the disk fills up while it computes
            raise OSError(errno.ENOSPC, "No space left on device")
        original_save(record)

    monkeypatch.setattr(manager, "_save", save)
    monkeypatch.setattr(jobs_module, "write_file", full_disk_write)
    job.start()
    assert wait_for(job) == "error"
    assert job.describe()["status"] == "error"  # from memory: the record on disk still says running
    with pytest.raises(OpenEoApiError) as err:
        job.get_results().get_metadata()
    assert "the disk is full" in err.value.message and "OPENEO_BACKEND_JOBS_DIR" in err.value.message
    monkeypatch.undo()
    assert requests.get(server.url + "/collections", timeout=10).status_code == 200  # still answering
