"""Our responses against the openEO API 1.2 OpenAPI document, and bounded fuzzing for 5xx."""

from __future__ import annotations

import base64
import copy
import time

import openeo
import pytest
import requests
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_core import OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse



EXTENT = {"west": 11.30, "south": 46.47, "east": 11.31, "north": 46.48}


@pytest.fixture(scope="module")
def spec(shared_dir) -> dict:
    spec = yaml.safe_load((shared_dir / "openeo-specs/assets/openeo-api/openapi.yaml").read_text(encoding="utf-8"))
    # Spec defect: `process_json_schema` is a oneOf of "Generic" (matches anything) and two
    # specialisations, so every official process spec matches twice and fails a strict oneOf.
    schemas = spec["components"]["schemas"]
    schemas["process_json_schema"]["anyOf"] = schemas["process_json_schema"].pop("oneOf")
    return spec


@pytest.fixture(scope="module")
def openapi(backend_url, spec) -> OpenAPI:
    spec = copy.deepcopy(spec)
    spec["servers"] = [{"url": backend_url}]
    # /.well-known/openeo lives at the server root, outside the versioned API.
    spec["paths"]["/.well-known/openeo"]["get"]["servers"] = [{"url": backend_url.split("/openeo/")[0]}]
    return OpenAPI.from_dict(spec)


@pytest.fixture(scope="module")
def token(backend_url) -> str:
    auth = base64.b64encode(b"olga:pw").decode()
    resp = requests.get(backend_url + "/credentials/basic", headers={"Authorization": f"Basic {auth}"}, timeout=10)
    return "basic//" + resp.json()["access_token"]


@pytest.fixture(scope="module")
def finished_job(backend_url, token) -> str:
    con = openeo.connect(backend_url)
    con.auth = openeo.rest.auth.auth.BearerAuth(token)
    cube = con.load_collection("SENTINEL2_L2A", spatial_extent=EXTENT, temporal_extent=["2022-06-12", "2022-06-13"],
                               bands=["B04", "B08"])
    job = cube.create_job(title="conformance")
    job.start()
    deadline = time.monotonic() + 60
    while job.status() not in ("finished", "error"):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    return job.job_id


def check(openapi: OpenAPI, method: str, url: str, token: str | None = None, **kwargs) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    resp = requests.request(method, url, headers=headers, timeout=60, **kwargs)
    openapi.validate_response(RequestsOpenAPIRequest(resp.request), RequestsOpenAPIResponse(resp))
    return resp


def test_discovery_responses_conform(openapi, backend_url):
    versions = check(openapi, "GET", backend_url.split("/openeo/")[0] + "/.well-known/openeo").json()
    assert versions["versions"][0]["api_version"] == "1.2.0"
    for path in ("/", "/conformance", "/file_formats", "/udf_runtimes", "/service_types"):
        assert check(openapi, "GET", backend_url + path).status_code == 200, path


def test_collection_responses_conform(openapi, backend_url):
    listing = check(openapi, "GET", backend_url + "/collections").json()
    for collection in listing["collections"]:
        assert check(openapi, "GET", f"{backend_url}/collections/{collection['id']}").status_code == 200


def test_process_listing_conforms(openapi, backend_url):
    body = check(openapi, "GET", backend_url + "/processes").json()
    assert body["processes"], "GET /processes lists no process"


def test_auth_and_account_responses_conform(openapi, backend_url, token):
    auth = base64.b64encode(b"olga:pw").decode()
    resp = requests.get(backend_url + "/credentials/basic", headers={"Authorization": f"Basic {auth}"}, timeout=10)
    openapi.validate_response(RequestsOpenAPIRequest(resp.request), RequestsOpenAPIResponse(resp))
    assert check(openapi, "GET", backend_url + "/me", token).json()["user_id"] == "olga"


def test_job_responses_conform(openapi, backend_url, token, finished_job):
    assert check(openapi, "GET", backend_url + "/jobs", token).json()["jobs"]
    assert check(openapi, "GET", f"{backend_url}/jobs/{finished_job}", token).json()["status"] == "finished"
    results = check(openapi, "GET", f"{backend_url}/jobs/{finished_job}/results", token).json()
    assert results["assets"]
    assert check(openapi, "GET", f"{backend_url}/jobs/{finished_job}/logs", token).json()["logs"]


def test_sync_and_error_responses_conform(openapi, backend_url, token):
    graph = {"load": {"process_id": "load_collection", "arguments": {
        "id": "SENTINEL2_L2A", "spatial_extent": EXTENT, "temporal_extent": ["2022-06-12", "2022-06-13"], "bands": ["B04", "B08"]}},
        "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "load"}, "format": "GTiff"}, "result": True}}
    assert check(openapi, "POST", backend_url + "/validation", token, json={"process_graph": graph}).status_code == 200
    assert check(openapi, "POST", backend_url + "/result", token, json={"process": {"process_graph": graph}}).status_code == 200
    errors = [
        ("GET", "/collections/NOPE", {}, 404, "CollectionNotFound"),
        ("GET", "/jobs/j-missing", {}, 404, "JobNotFound"),
        ("POST", "/result", {"data": b"{oops"}, 400, "JSONMalformed"),
        ("POST", "/validation", {"data": b"{oops"}, 400, "JSONMalformed"),
        ("POST", "/jobs", {"json": {"process": {}}}, 400, "ProcessGraphMissing"),
    ]
    for method, path, kwargs, status, code in errors:
        resp = check(openapi, method, backend_url + path, token, **kwargs)
        assert (resp.status_code, resp.json()["code"]) == (status, code), path


# --- fuzzing: no request may crash the server or leak an unhandled 5xx ---------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=12,
)
process_ids = st.sampled_from(["load_collection", "save_result", "ndvi", "reduce_dimension", "add", "no_such", ""])
nodes = st.fixed_dictionaries(
    {"process_id": process_ids, "arguments": st.dictionaries(st.sampled_from(["id", "data", "x", "bands", "format"]),
                                                             json_values | st.just({"from_node": "n0"}), max_size=3)},
    optional={"result": st.booleans()},
)
graphs = st.dictionaries(st.sampled_from(["n0", "n1", "n2"]), nodes, min_size=1, max_size=3)
bodies = st.one_of(
    json_values,
    st.builds(lambda g: {"process_graph": g}, graphs),
    st.builds(lambda g, t: {"process": {"process_graph": g}, "title": t}, graphs, json_values),
)


def assert_openeo_error_or_ok(resp: requests.Response) -> None:
    assert resp.status_code < 500 or resp.json().get("code") not in (None, "") and not resp.json()["message"].startswith(
        "Internal server error"), (resp.status_code, resp.text[:300])
    if resp.status_code >= 400:
        body = resp.json()
        assert body["code"] and body["message"], body


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(path=st.sampled_from(["/validation", "/jobs", "/result"]), body=bodies)
def test_fuzz_post_bodies_never_crash_the_server(backend_url, path, body):
    if path == "/result" and isinstance(body, dict) and "process" in body:
        path = "/validation"  # executing arbitrary graphs belongs to the processes' own tests
    resp = requests.post(backend_url + path, json=body, timeout=30)
    assert_openeo_error_or_ok(resp)
    if path == "/jobs" and resp.status_code == 201:
        requests.delete(resp.headers["Location"], timeout=10)


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(segment=st.text(alphabet=st.characters(codec="ascii", exclude_characters="/?#"), min_size=1, max_size=12),
       template=st.sampled_from(["/collections/{}", "/collections/{}/queryables", "/jobs/{}", "/jobs/{}/results",
                                 "/jobs/{}/logs", "/jobs/{}/results/{}", "/{}"]))
def test_fuzz_path_parameters_give_openeo_errors(backend_url, segment, template):
    resp = requests.get(backend_url + template.replace("{}", requests.utils.quote(segment, safe="")), timeout=10)
    assert_openeo_error_or_ok(resp)
    assert resp.status_code in (200, 400, 404)


def test_schemathesis_over_our_own_openapi_document_finds_no_5xx(backend_url):
    """Every operation of /openeo/1.2/openapi.json, with generated parameters and bodies.

    Execution (POST /result, starting jobs) is left out: arbitrary graphs that pass validation
    belong to the processes' own tests, and a failing computation is a 500 ExecutionFailed.
    """
    import schemathesis

    schema = (schemathesis.openapi.from_url(backend_url + "/openapi.json")
              .exclude(path_regex=r".*/result$")
              .exclude(method="POST", path_regex=r".*/jobs/\{job_id\}/results$"))
    failures: list[tuple[str, int, str]] = []
    calls = 0
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def call(case) -> None:
            nonlocal calls
            calls += 1
            resp = case.call(timeout=30)
            if resp.status_code >= 500:
                failures.append((operation.label, resp.status_code, resp.text[:300]))

        call()
    assert calls > 50
    assert failures == []
