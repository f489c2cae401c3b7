"""Discovery endpoints over real HTTP: well-known, capabilities, conformance, file formats."""

from __future__ import annotations

import openeo
import pytest
import requests


def root_of(url: str) -> str:
    return url.split("/openeo/")[0]


def test_well_known_points_to_the_1_2_api(backend_url):
    body = requests.get(root_of(backend_url) + "/.well-known/openeo", timeout=10).json()
    assert body["versions"] == [{"url": backend_url + "/", "api_version": "1.2.0", "production": False}]


def test_connect_by_root_url_discovers_the_versioned_api(backend_url):
    con = openeo.connect(root_of(backend_url))
    assert con.root_url.rstrip("/") == backend_url
    assert con.capabilities().api_version() == "1.2.0"


def test_capabilities_list_the_endpoints_clients_need(backend_url):
    caps = requests.get(backend_url + "/", timeout=10).json()
    endpoints = {e["path"]: set(e["methods"]) for e in caps["endpoints"]}
    for path, method in [("/collections", "GET"), ("/collections/{collection_id}", "GET"), ("/processes", "GET"),
                         ("/validation", "POST"), ("/result", "POST"), ("/jobs", "POST"), ("/jobs/{job_id}", "DELETE"),
                         ("/jobs/{job_id}/results", "POST"), ("/jobs/{job_id}/logs", "GET"),
                         ("/credentials/basic", "GET"), ("/me", "GET"), ("/file_formats", "GET")]:
        assert method in endpoints[path], (path, method)
    assert caps["api_version"] == "1.2.0" and caps["stac_version"] == "1.0.0"
    assert all(not p.startswith("/openeo") for p in endpoints)


def test_conformance_and_file_formats(backend_url):
    conf = requests.get(backend_url + "/conformance", timeout=10).json()
    assert "https://api.openeo.org/1.2.0" in conf["conformsTo"]
    formats = openeo.connect(backend_url).list_output_formats()
    assert {"GTiff", "netCDF", "PNG", "JSON"} <= set(formats)
    assert formats["GTiff"]["gis_data_types"] == ["raster"]


def test_unknown_endpoint_is_an_openeo_not_found_error(backend_url):
    resp = requests.get(backend_url + "/no/such/thing", timeout=10)
    assert resp.status_code == 404
    body = resp.json()
    assert body["code"] == "NotFound" and "GET /openeo/1.2/" in body["message"] and body["id"]


def test_root_redirects_to_the_api(backend_url):
    resp = requests.get(root_of(backend_url) + "/", timeout=10)
    assert resp.status_code == 200 and resp.json()["api_version"] == "1.2.0"
    assert resp.url.rstrip("/") == backend_url


@pytest.mark.slow
def test_cli_command_serves_the_backend(tmp_path, real_data_dir):
    import os
    import socket
    import subprocess
    import sys
    import time
    from pathlib import Path

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cli = Path(sys.executable).parent / "openeo-agent"
    env = {**os.environ, "OPENEO_BACKEND_JOBS_DIR": str(tmp_path)}
    proc = subprocess.Popen([str(cli), "backend", "--port", str(port), "--data", str(real_data_dir)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                con = openeo.connect(f"http://127.0.0.1:{port}")
                break
            except requests.ConnectionError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stdout.read().decode()[-2000:]
                time.sleep(0.2)
        cov = con.describe_collection("SENTINEL2_L2A")["openeo_agent:real_coverage"]
        assert len(cov) == 2
    finally:
        proc.terminate()
        proc.wait(20)
    assert subprocess.run([str(cli), "backend", "--data", str(tmp_path / "missing")], capture_output=True,
                          env=env, timeout=60).returncode != 0
