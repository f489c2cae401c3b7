"""Authentication: anonymous use, the openeo client's basic auth, tokens across restarts."""

from __future__ import annotations

import base64

import openeo
import pytest
import requests
from fastapi.testclient import TestClient
from openeo.rest import OpenEoApiError

from backend.auth import TokenService
from backend.catalog import load_catalog
from backend.context import BackendContext
from backend.datasources.base import DataSourceRegistry
from backend.server import create_app
from backend.settings import BackendSettings


def basic(user: str, password: str) -> dict:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def test_basic_auth_with_the_openeo_client(backend_url):
    con = openeo.connect(backend_url).authenticate_basic("alice", "secret")
    assert con.describe_account()["user_id"] == "alice"


def test_anonymous_requests_work_but_me_needs_login(backend_url):
    assert requests.get(backend_url + "/collections", timeout=10).status_code == 200
    resp = requests.get(backend_url + "/me", timeout=10)
    assert resp.status_code == 401 and resp.json()["code"] == "AuthenticationRequired"


def test_forged_or_foreign_tokens_are_refused(backend_url):
    for header, code in (("Bearer basic//YWxpY2U.0000", "TokenInvalid"), ("Bearer oidc/egi/abc", "AuthenticationSchemeInvalid"),
                         ("Bearer basic//%%%", "TokenInvalid"), ("Bearer digest//abc", "CredentialsInvalid")):
        resp = requests.get(backend_url + "/me", headers={"Authorization": header}, timeout=10)
        assert resp.status_code == 403 and resp.json()["code"] == code, header
    resp = requests.get(backend_url + "/credentials/basic", timeout=10)
    assert resp.status_code == 401 and "authenticate_basic" in resp.json()["message"]


@pytest.fixture
def app_with_users(tmp_path):
    settings = BackendSettings(jobs_dir=str(tmp_path), users={"bob": "pw"}, simulated=False)
    ctx = BackendContext(settings, load_catalog(), DataSourceRegistry())
    return TestClient(create_app(settings, ctx=ctx))


def test_configured_users_need_their_password(app_with_users):
    assert app_with_users.get("/openeo/1.2/credentials/basic", headers=basic("bob", "wrong")).json()["code"] == "CredentialsInvalid"
    assert app_with_users.get("/openeo/1.2/credentials/basic", headers=basic("eve", "pw")).status_code == 403
    token = app_with_users.get("/openeo/1.2/credentials/basic", headers=basic("bob", "pw")).json()["access_token"]
    me = app_with_users.get("/openeo/1.2/me", headers={"Authorization": f"Bearer basic//{token}"})
    assert me.json()["user_id"] == "bob"


def test_tokens_survive_a_restart_and_differ_per_key(tmp_path):
    first = TokenService(BackendSettings(jobs_dir=str(tmp_path / "a")))
    user, token = first.issue(basic("carol", "x")["Authorization"])
    again = TokenService(BackendSettings(jobs_dir=str(tmp_path / "a")))
    assert again.user(f"Bearer basic//{token}") == "carol"
    other = TokenService(BackendSettings(jobs_dir=str(tmp_path / "b")))
    with pytest.raises(Exception) as err:
        other.user(f"Bearer basic//{token}")
    assert getattr(err.value, "code", None) == "TokenInvalid"


def test_jobs_are_private_to_their_user(backend_url):
    alice = openeo.connect(backend_url).authenticate_basic("alice", "x")
    bob = openeo.connect(backend_url).authenticate_basic("bob", "x")
    cube = alice.load_collection("SENTINEL2_L2A", spatial_extent={"west": 11.3, "south": 46.47, "east": 11.31, "north": 46.48},
                                 temporal_extent=["2022-06-12", "2022-06-13"], bands=["B04"])
    job = cube.create_job(title="alice's")
    assert job.job_id in [j["id"] for j in alice.list_jobs()]
    assert job.job_id not in [j["id"] for j in bob.list_jobs()]
    with pytest.raises(OpenEoApiError) as err:
        bob.job(job.job_id).describe()
    assert err.value.code == "JobNotFound"
    job.delete()
