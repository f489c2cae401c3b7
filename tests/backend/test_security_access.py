"""Attacks on who may do what, over real HTTP, with users configured (OPENEO_BACKEND_USERS).

Each test plays an attacker against a real embedded backend on a free port and checks that the
attempt is refused with the right openEO error, next to the ordinary use that must keep working
(the openeo client's batch flow downloads through signed URLs).
"""

from __future__ import annotations

import base64
import time
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import numpy as np
import openeo
import pytest
import rasterio
import requests
from openeo.rest import OpenEoApiError

from backend.api.signed import SignedLinks
from backend.auth import TokenService
from backend.server import start_in_thread
from backend.settings import BackendSettings, OidcProvider
from backend.signing import Signer
from fake_oidc import FakeOidcProvider

EXTENT = {"west": 11.30, "south": 46.47, "east": 11.31, "north": 46.48}
DAY = ["2022-06-12", "2022-06-13"]
USERS = {"alice": "wonderland", "bob": "builder", "zoë": "pässwörd"}


def basic(user: str, password: str, encoding: str = "utf-8") -> dict:
    raw = f"{user}:{password}".encode(encoding)
    return {"Authorization": "Basic " + base64.b64encode(raw).decode()}


@pytest.fixture(scope="module")
def idp():
    with FakeOidcProvider({"cli": ("s3cret", "oidc-carol")}) as provider:
        yield provider


@pytest.fixture(scope="module")
def settings(tmp_path_factory, real_data_dir, idp) -> BackendSettings:
    return BackendSettings(
        data_dir=str(real_data_dir), jobs_dir=str(tmp_path_factory.mktemp("jobs")), simulated=False, users=USERS,
        oidc_providers=[OidcProvider(id="fake", issuer=idp.issuer, title="Fake IdP")],
        cors_origins=["https://editor.openeo.org"])


@pytest.fixture(scope="module")
def server(settings):
    srv = start_in_thread(settings)
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def url(server) -> str:
    return server.url


def login(url: str, user: str) -> openeo.Connection:
    return openeo.connect(url).authenticate_basic(user, USERS[user])


def cube_of(con: openeo.Connection):
    return con.load_collection("SENTINEL2_L2A", spatial_extent=EXTENT, temporal_extent=DAY, bands=["B04", "B08"])


@pytest.fixture(scope="module")
def finished_job(url):
    """A finished batch job of alice: (job id, the results document alice sees)."""
    alice = login(url, "alice")
    job = cube_of(alice).create_job(title="alice's secret")
    job.start()
    deadline = time.monotonic() + 60
    while job.status() not in ("finished", "error"):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert job.status() == "finished"
    return job.job_id, job.get_results().get_metadata()


def bearer(con: openeo.Connection) -> dict:
    return {"Authorization": f"Bearer {con.auth.bearer}"}


# --- logging in ------------------------------------------------------------------------------

def test_only_configured_users_log_in(url):
    assert requests.get(url + "/credentials/basic", headers=basic("alice", "wonderland"), timeout=10).status_code == 200
    for user, password in (("alice", "wrong"), ("alice", ""), ("mallory", "\0"), ("mallory", ""), ("mallory", "wonderland"),
                           ("alice", "wonderland\0"), ("ALICE", "wonderland")):
        resp = requests.get(url + "/credentials/basic", headers=basic(user, password), timeout=10)
        assert (resp.status_code, resp.json()["code"]) == (403, "CredentialsInvalid"), (user, password)


def test_non_ascii_passwords_log_in_in_either_encoding_and_never_crash(url):
    utf8 = requests.get(url + "/credentials/basic", headers=basic("zoë", "pässwörd"), timeout=10)
    assert utf8.status_code == 200 and utf8.json()["user_id"].startswith("u-")  # "zoë" is outside the user_id pattern
    assert openeo.connect(url).authenticate_basic("zoë", "pässwörd").describe_account()["name"] == "zoë"  # Latin-1
    for header in (basic("zoë", "passwörd"), basic("zoë", "pässwörd", "utf-16"), {"Authorization": "Basic ###"},
                   {"Authorization": b"Basic \xff\xfe\xfd"}, {"Authorization": "Basic " + base64.b64encode(b"\xff:\xfe").decode()},
                   {"Authorization": "Basic " + base64.b64encode("密码:密码".encode()).decode()}, {"Authorization": "Basic"}):
        resp = requests.get(url + "/credentials/basic", headers=header, timeout=10)
        assert resp.status_code in (401, 403) and resp.json()["code"] in ("CredentialsInvalid", "AuthenticationRequired"), header


def test_anonymous_clients_discover_but_do_not_process(url):
    for path in ("/", "/collections", "/processes", "/file_formats", "/credentials/oidc"):
        assert requests.get(url + path, timeout=10).status_code == 200, path
    graph = {"process": {"process_graph": {"l": {"process_id": "load_collection", "arguments": {
        "id": "SENTINEL2_L2A", "spatial_extent": EXTENT, "temporal_extent": DAY, "bands": ["B04"]}, "result": True}}}}
    for method, path, body in (("POST", "/result", graph), ("POST", "/jobs", graph), ("GET", "/jobs", None),
                               ("GET", "/jobs/j-x", None), ("GET", "/me", None)):
        resp = requests.request(method, url + path, json=body, timeout=10)
        assert (resp.status_code, resp.json()["code"]) == (401, "AuthenticationRequired"), path
        assert "authenticate_basic" in resp.json()["message"]


def test_anonymous_use_can_be_switched_on(tmp_path, real_data_dir):
    srv = start_in_thread(BackendSettings(data_dir=str(real_data_dir), jobs_dir=str(tmp_path), simulated=False,
                                          users=USERS, allow_anonymous=True))
    try:
        assert len(cube_of(openeo.connect(srv.url)).download(format="GTiff")) > 1000
        assert requests.get(srv.url + "/credentials/basic", headers=basic("mallory", "\0"), timeout=10).status_code == 403
    finally:
        srv.stop()


def test_expired_and_revoked_tokens_are_refused(url, settings):
    short = TokenService(settings.model_copy(update={"token_lifetime_s": 1}))  # same jobs folder: same key
    token = short.token_for("alice")
    assert requests.get(url + "/me", headers={"Authorization": f"Bearer basic//{token}"}, timeout=10).status_code == 200
    time.sleep(2.1)
    resp = requests.get(url + "/me", headers={"Authorization": f"Bearer basic//{token}"}, timeout=10)
    assert (resp.status_code, resp.json()["code"]) == (403, "TokenInvalid") and "expired" in resp.json()["message"]
    gone = TokenService(settings).token_for("mallory")  # signed right, but mallory is not a configured user
    resp = requests.get(url + "/me", headers={"Authorization": f"Bearer basic//{gone}"}, timeout=10)
    assert (resp.status_code, resp.json()["code"]) == (403, "TokenInvalid")
    foreign = TokenService(BackendSettings(jobs_dir=str(settings.jobs_dir) + "-other")).token_for("alice")
    resp = requests.get(url + "/me", headers={"Authorization": f"Bearer basic//{foreign}"}, timeout=10)
    assert (resp.status_code, resp.json()["code"]) == (403, "TokenInvalid")


def test_oidc_tokens_of_the_configured_provider_only(url, idp, monkeypatch):
    monkeypatch.setenv("OPENEO_AUTH_METHOD", "client_credentials")
    monkeypatch.setenv("OPENEO_AUTH_CLIENT_ID", "cli")
    monkeypatch.setenv("OPENEO_AUTH_CLIENT_SECRET", "s3cret")
    con = openeo.connect(url).authenticate_oidc()
    assert con.describe_account()["user_id"] == "fake~oidc-carol"
    calls = idp.userinfo_calls
    con.describe_account()
    assert idp.userinfo_calls == calls  # the answer is cached, the provider is not asked again
    token = con.auth.bearer.split("/", 2)[2]
    resp = requests.get(url + "/me", headers={"Authorization": f"Bearer oidc/other/{token}"}, timeout=10)
    assert (resp.status_code, resp.json()["code"]) == (403, "AuthenticationSchemeInvalid")
    resp = requests.get(url + "/me", headers={"Authorization": "Bearer oidc/fake/made-up-token"}, timeout=10)
    assert (resp.status_code, resp.json()["code"]) == (403, "TokenInvalid")


# --- another user's jobs ----------------------------------------------------------------------

def test_another_users_job_status_logs_and_results_are_not_found(url, finished_job):
    job_id, _ = finished_job
    bob = bearer(login(url, "bob"))
    for path in (f"/jobs/{job_id}", f"/jobs/{job_id}/logs", f"/jobs/{job_id}/results", f"/jobs/{job_id}/estimate",
                 f"/jobs/{job_id}/results/openEO.tif", f"/jobs/{job_id}/results/result.tif"):
        resp = requests.get(url + path, headers=bob, timeout=10)
        assert (resp.status_code, resp.json()["code"]) == (404, "JobNotFound"), path
        anonymous = requests.get(url + path, timeout=10)
        assert anonymous.status_code == 401, path
    for method, path in (("PATCH", f"/jobs/{job_id}"), ("DELETE", f"/jobs/{job_id}"), ("POST", f"/jobs/{job_id}/results"),
                         ("DELETE", f"/jobs/{job_id}/results")):
        resp = requests.request(method, url + path, headers=bob, json={"title": "mine now"}, timeout=10)
        assert (resp.status_code, resp.json()["code"]) == (404, "JobNotFound"), (method, path)
    assert job_id not in [j["id"] for j in requests.get(url + "/jobs", headers=bob, timeout=10).json()["jobs"]]
    assert login(url, "alice").job(job_id).describe()["title"] == "alice's secret"


def test_signed_asset_links_work_without_login_until_changed_or_expired(url, finished_job, settings):
    job_id, results = finished_job
    (name, asset), = results["assets"].items()
    href = asset["href"]
    assert "signature=" in href and "expires=" in href and results["properties"]["expires"].endswith("Z")
    data = requests.get(href, timeout=10)
    assert data.status_code == 200 and data.content[:2] in (b"II", b"MM") and len(data.content) == asset["file:size"]
    canonical = next(link["href"] for link in results["links"] if link["rel"] == "canonical")
    assert requests.get(canonical, timeout=10).json()["assets"][name]["file:size"] == asset["file:size"]

    parts = urlsplit(href)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}

    def variant(path: str | None = None, **changes: str) -> str:
        return urlunsplit(parts._replace(path=path or parts.path, query=urlencode({**query, **changes})))

    forged = [variant(signature="0" * 40), variant(expires=str(int(query["expires"]) + 3600)),
              variant(path=parts.path.replace(name, "other.tif")), variant(signature="")]
    for bad in forged:
        resp = requests.get(bad, timeout=10)
        assert resp.status_code in (403, 404) and resp.json()["code"] in ("CredentialsInvalid", "JobNotFinished"), bad
    links = SignedLinks(Signer.for_folder(settings.jobs_dir), 60)
    expired = links.asset(url, "alice", job_id, name, int(time.time()) - 5)
    resp = requests.get(expired, timeout=10)
    assert (resp.status_code, resp.json()["code"]) == (410, "ResultLinkExpired")
    as_bob = links.asset(url, "bob", job_id, name, links.new_expiry())  # signed by the server, but for bob
    assert requests.get(as_bob, timeout=10).status_code == 403


def test_openeo_client_batch_flow_downloads_through_signed_links(url, finished_job, tmp_path):
    job_id, _ = finished_job
    alice = login(url, "alice")
    files = alice.job(job_id).get_results().download_files(tmp_path)
    tif = next(p for p in files if p.suffix == ".tif")
    sync = tmp_path / "sync.tif"
    cube_of(alice).download(sync)
    with rasterio.open(tif) as a, rasterio.open(sync) as b:
        np.testing.assert_array_equal(a.read(), b.read())


def test_oidc_and_basic_users_do_not_share_jobs(url, finished_job, monkeypatch):
    monkeypatch.setenv("OPENEO_AUTH_METHOD", "client_credentials")
    monkeypatch.setenv("OPENEO_AUTH_CLIENT_ID", "cli")
    monkeypatch.setenv("OPENEO_AUTH_CLIENT_SECRET", "s3cret")
    carol = openeo.connect(url).authenticate_oidc()
    with pytest.raises(OpenEoApiError) as err:
        carol.job(finished_job[0]).describe()
    assert err.value.code == "JobNotFound"


# --- browsers ---------------------------------------------------------------------------------

def test_cors_only_for_listed_origins(url):
    editor = requests.get(url + "/collections", headers={"Origin": "https://editor.openeo.org"}, timeout=10)
    assert editor.headers.get("Access-Control-Allow-Origin") == "https://editor.openeo.org"
    evil = requests.get(url + "/collections", headers={"Origin": "https://evil.example"}, timeout=10)
    assert "Access-Control-Allow-Origin" not in evil.headers
    preflight = requests.options(url + "/jobs", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
                                 timeout=10)
    assert preflight.headers.get("Access-Control-Allow-Origin") != "https://evil.example"


def test_no_cors_at_all_by_default(backend_url):
    resp = requests.get(backend_url + "/collections", headers={"Origin": "https://evil.example"}, timeout=10)
    assert "Access-Control-Allow-Origin" not in resp.headers
