"""The agent against openEO backends as people give them: openeo-driver's dummy backend (VITO's
Flask implementation, a second real openEO API nobody here wrote) by its root URL with basic
auth, the embedded backend by its root URL, a backend that only answers its versioned paths,
and an OIDC login (device code flow, then the refresh token) against a fake provider, with the
bearer token on every request the tools make."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from agent_fakes import ScriptedChatModel, answer, call
from servers import FakeOIDCProvider, Proxy

import agent.runner
from agent.cli import main
from agent.runner import AgentRunner
from agent.settings import AgentSettings

pytestmark = pytest.mark.slow

DRIVER_CODE = '''import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
cube = connection.load_collection(
    "SENTINEL2_L2A_SENTINELHUB",
    spatial_extent={"west": 5.05, "south": 51.20, "east": 5.07, "north": 51.22},
    temporal_extent=["2023-06-01", "2023-07-01"],
    bands=["B04", "B08"],
)
cube.ndvi(red="B04", nir="B08").reduce_dimension(dimension="t", reducer="median").download("ndvi.tif")
'''
EMBEDDED_CODE = DRIVER_CODE.replace("SENTINEL2_L2A_SENTINELHUB", "SENTINEL2_L2A").replace(
    '{"west": 5.05, "south": 51.20, "east": 5.07, "north": 51.22}', '{"west": 11.30, "south": 46.47, "east": 11.31, "north": 46.48}'
).replace('["2023-06-01", "2023-07-01"]', '["2022-06-10", "2022-06-15"]')


def scripted(monkeypatch, script: list) -> ScriptedChatModel:
    """`openeo-agent ask` with a scripted model over the real tools."""
    model = ScriptedChatModel(responses=script)
    monkeypatch.setattr(agent.runner, "make_chat_model", lambda settings, today: model)
    return model


def ask_json(capsys, *args: str) -> tuple[int, dict]:
    rc = main(["ask", *args, "--json"])
    return rc, json.loads(capsys.readouterr().out)


def check_json(capsys, code: str, backend: str) -> tuple[int, dict]:
    path = Path("code.py")
    path.write_text(code)
    rc = main(["check", str(path), "--backend", backend, "--json"])
    return rc, json.loads(capsys.readouterr().out)


SCRIPT = [call("run_openeo_code", code=DRIVER_CODE), call("execute"), call("render_map"), answer("Here is what came back.")]


# --- openeo-driver's dummy backend ------------------------------------------------------------------
def test_check_on_the_driver_from_its_root_url(driver, capsys):
    rc, data = check_json(capsys, DRIVER_CODE, driver.root_url)
    assert rc == 0 and data["status"] == "VALID" and data["errors"] == []
    assert data["process_graph"]["loadcollection1"]["arguments"]["id"] == "SENTINEL2_L2A_SENTINELHUB"


def test_ask_on_the_driver_with_basic_auth_says_what_came_back(driver, monkeypatch, capsys):
    monkeypatch.setenv("OPENEO_AGENT_BACKEND_AUTH", "basic")
    monkeypatch.setenv("OPENEO_AGENT_BACKEND_USERNAME", "alice")
    monkeypatch.setenv("OPENEO_AGENT_BACKEND_PASSWORD", "alice123")
    model = scripted(monkeypatch, SCRIPT)
    rc, data = ask_json(capsys, "NDVI near Eindhoven in June 2023", "--backend", driver.root_url, "--out", "out")
    assert rc == 0 and data["ok"], data["failure"]
    steps = {s["tool"]: s for s in data["steps"]}
    assert steps["run_openeo_code"]["ok"] and steps["run_openeo_code"]["output"].startswith("VALID")
    assert data["validation_errors"] == []
    # executed and downloaded: the dummy backend's placeholder, kept and described in plain words
    said = steps["execute"]["output"]
    assert said.startswith("FAILED [ResultNotReadable] The backend sent back 124 bytes of text") and "not a GeoTIFF" in said
    assert "GTiff:save_result(DummyDataCube" in said and Path(data["result_path"]).read_bytes().startswith(b"GTiff:")
    assert "124 bytes of text ('GTiff:save_result" in model.all_text_received()  # the model read the same sentence
    assert "ResultNotReadable" in steps["render_map"]["output"]
    record = Path("out", "run.json").read_text()
    assert "Traceback" not in record and "alice123" not in record


def test_ask_on_the_driver_without_a_login_says_to_log_in(driver, monkeypatch, capsys):
    scripted(monkeypatch, SCRIPT)
    rc, data = ask_json(capsys, "NDVI near Eindhoven in June 2023", "--backend", driver.root_url)
    assert rc == 1 and not data["ok"]
    assert "refused" in data["answer"] and "login" in data["answer"] and "Traceback" not in data["answer"]


def test_a_wrong_password_on_the_driver_is_a_sentence(driver, capsys, monkeypatch):
    monkeypatch.setenv("OPENEO_AGENT_BACKEND_AUTH", "basic")
    monkeypatch.setenv("OPENEO_AGENT_BACKEND_USERNAME", "alice")
    monkeypatch.setenv("OPENEO_AGENT_BACKEND_PASSWORD", "wrong")
    rc, data = check_json(capsys, DRIVER_CODE, driver.root_url)
    assert rc == 1 and data["status"] == "ERROR"
    assert data["errors"][0]["code"] == "AuthenticationFailed" and "refused the username or password" in data["errors"][0]["message"]


# --- the embedded backend, by its root URL -------------------------------------------------------------
def test_check_and_ask_on_the_embedded_backend_from_its_root_url(embedded_root, monkeypatch, capsys):
    rc, data = check_json(capsys, EMBEDDED_CODE, embedded_root)
    assert rc == 0 and data["status"] == "VALID"
    script = [call("run_openeo_code", code=EMBEDDED_CODE), call("execute"), call("render_map"), answer("NDVI near Bolzano.")]
    scripted(monkeypatch, script)
    rc, data = ask_json(capsys, "NDVI near Bolzano, June 2022", "--backend", embedded_root, "--out", "out")
    assert rc == 0 and data["ok"] and data["backend_url"] == embedded_root
    assert [s["ok"] for s in data["steps"]] == [True, True, True]
    assert Path(data["result_path"]).suffix == ".tif" and Path(data["map_path"]).exists()


# --- a backend that only answers its versioned paths ------------------------------------------------------
def test_a_backend_that_only_answers_versioned_paths(embedded_root, capsys):
    with Proxy(embedded_root, only="/openeo/1.2") as proxy:
        rc, data = check_json(capsys, EMBEDDED_CODE, proxy.url + "/openeo/1.2/")
        assert rc == 0 and data["status"] == "VALID"
        assert ("GET", "/.well-known/openeo", None) not in proxy.seen  # it was asked below the versioned URL only
        rc, data = check_json(capsys, EMBEDDED_CODE, proxy.url)  # its root is nothing: say so
    assert rc == 1 and data["status"] == "ERROR" and data["errors"]
    assert proxy.url in data["errors"][0]["message"] and "openEO API root" in data["errors"][0]["message"]


# --- OIDC: device login, then the stored refresh token; the token on every tool request ----------------------
def test_oidc_device_login_then_refresh_token_and_the_token_on_every_request(embedded_root, tmp_path):
    with FakeOIDCProvider() as provider, Proxy(
        embedded_root, strip_auth=True, routes={("GET", "/openeo/1.2/credentials/oidc"): provider.credentials_oidc}
    ) as proxy:
        shown: list[str] = []

        def run_once() -> object:
            model = ScriptedChatModel(responses=[call("run_openeo_code", code=EMBEDDED_CODE), call("execute"), answer("done")])
            settings = AgentSettings(runs_dir=tmp_path / "runs", backend_url=proxy.url, backend_auth="oidc")
            runner = AgentRunner(settings, model_factory=lambda s, t: model)
            try:
                runner.backend().display = shown.append
                return runner.run("NDVI near Bolzano, June 2022")
            finally:
                runner.close()

        first = run_once()
        assert first.ok and [s.ok for s in first.steps] == [True, True], [s.output for s in first.steps]
        assert provider.device_logins == 1 and any("ABCD-EFGH" in line for line in shown)
        handshake = {"/.well-known/openeo", "/openeo/1.2/.well-known/openeo", "/openeo/1.2/", "/openeo/1.2/credentials/oidc"}
        tool_requests = [(m, p, auth) for m, p, auth in proxy.seen if p not in handshake]
        assert {p for _, p, _ in tool_requests} >= {"/openeo/1.2/collections", "/openeo/1.2/processes",
                                                    "/openeo/1.2/validation", "/openeo/1.2/result"}  # fmt: skip
        assert all(auth == "Bearer oidc/fake/access-1" for _, _, auth in tool_requests), tool_requests

        from tools.client import forget_clients

        forget_clients()
        proxy.seen.clear()
        second = run_once()  # a new process would do the same: the refresh token is in the openeo client's store
        assert second.ok and provider.device_logins == 1 and provider.refreshes == 1
        tool_requests = [(m, p, auth) for m, p, auth in proxy.seen if p not in handshake]
        assert tool_requests and all(auth == "Bearer oidc/fake/access-2" for _, _, auth in tool_requests), tool_requests
        for path in Path(first.run_dir).rglob("*"):  # the tokens never reach the run folder (review/ too)
            text = path.read_text(errors="ignore") if path.is_file() else ""
            assert "access-1" not in text and "refresh-1" not in text, path


def test_a_per_part_script_reading_its_parts_file_validates_on_the_driver(driver, capsys, tmp_path, monkeypatch):
    """find_place(parts=true)'s file beside the script (places/<name>-parts.geojson): `check` hands it to
    the sandbox, and the foreign backend gets every geometry inline in aggregate_spatial."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "places").mkdir()
    parts = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": n},
         "geometry": {"type": "Polygon", "coordinates": [[[x, 51.20], [x + 0.01, 51.20], [x + 0.01, 51.21], [x, 51.21], [x, 51.20]]]}}
        for n, x in (("West", 5.05), ("East", 5.06))]}
    (tmp_path / "places" / "two-parts.geojson").write_text(json.dumps(parts))
    code = DRIVER_CODE.replace("import openeo\n", "import json\nfrom pathlib import Path\n\nimport openeo\n").replace(
        '.reduce_dimension(dimension="t", reducer="median").download("ndvi.tif")',
        '.reduce_dimension(dimension="t", reducer="median").aggregate_spatial(\n'
        '    geometries=json.loads(Path("places/two-parts.geojson").read_text()), reducer="mean").download("ndvi.json")')
    rc, data = check_json(capsys, code, driver.root_url)
    assert rc == 0 and data["status"] == "VALID", data
    node = next(n for n in data["process_graph"].values() if n["process_id"] == "aggregate_spatial")
    assert [f["properties"]["name"] for f in node["arguments"]["geometries"]["features"]] == ["West", "East"]


PLANNER_REQUESTS = {
    "fusion": "Combine Sentinel-1 VV/VH with Sentinel-2 NDVI for the fields around Diksmuide, Belgium, in July 2022 "
              "into one data cube",
    "oil slick": "Possible oil slicks off Malta on 12 August 2021: Sentinel-1 VV in dB, pixels more than 3 dB darker "
                 "than the local mean",
    "dekad and threshold": "NDVI for the second dekad of June 2022 around Leuven, only pixels with NDVI above 0.6",
    "flood change": "Flood map of the Nysa area, Poland: Sentinel-1 before 1-12 September 2024 versus after "
                    "15-20 September 2024",
    "RVI series": "RVI time series for the rice fields near Can Tho, Vietnam, July to September 2021, monthly, as CSV",
}


@pytest.mark.parametrize("name", list(PLANNER_REQUESTS))
def test_the_offline_planners_workflows_validate_on_the_driver(driver, capsys, tmp_path, monkeypatch, name):
    """The code the offline planner composes (fusion with merge_cubes, a local-mean threshold, a dekad
    with its comparison, a two-period change, a monthly series) is valid openEO for a backend nobody here
    wrote: only the collection ids are the driver's."""
    import sys
    from datetime import date

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "planner"))
    from planner_helpers import converse_with_gazetteer, final_code

    monkeypatch.chdir(tmp_path)
    _, calls = converse_with_gazetteer(PLANNER_REQUESTS[name], date(2024, 11, 1))
    code = final_code(calls).replace('"SENTINEL2_L2A"', '"SENTINEL2_L2A_SENTINELHUB"')
    rc, data = check_json(capsys, code, driver.root_url)
    assert rc == 0 and data["status"] == "VALID", data
    ids = {n["arguments"]["id"] for n in data["process_graph"].values() if n["process_id"] == "load_collection"}
    assert ids <= {"SENTINEL1_GRD", "SENTINEL2_L2A_SENTINELHUB"} and ids
