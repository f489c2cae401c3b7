"""What playing the LLM through the real LLM path (../shared/tools/llm_relay.py) showed, as
scripted-model tests over the real tools and the embedded backend: each model here sends what
a model did send, and the test asserts what it got back."""

from __future__ import annotations

from datetime import date

import pytest
from agent_fakes import ScriptedChatModel, answer, call

from agent.runner import AgentRunner
from agent.settings import AgentSettings

pytestmark = pytest.mark.slow

CODE = '''import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()
cube = connection.load_collection(
    "{collection}",
    spatial_extent={{"west": 11.30, "south": 46.47, "east": 11.31, "north": 46.48}},
    temporal_extent=["2022-06-10", "2022-06-15"],
    bands=["B04", "B08"],
)
cube.ndvi(red="B04", nir="B08").reduce_dimension(dimension="t", reducer="median").download("ndvi.tif")
'''


def runner_for(tmp_path, backend_url, script):
    model = ScriptedChatModel(responses=script)
    settings = AgentSettings(runs_dir=tmp_path / "runs", backend_url=backend_url)
    return AgentRunner(settings, model_factory=lambda s, t: model), model


def test_an_unknown_collection_id_gets_the_nearest_ids_of_this_backend(tmp_path, backend_url):
    """Session 1 (openeo-driver): the model used CDSE's id on a backend with other ids, and the
    sandbox only said "Collection 'SENTINEL2_L2A' does not exist"; it had to search to go on."""
    script = [
        call("run_openeo_code", code=CODE.format(collection="SENTINEL2_L2A_SENTINELHUB")),
        call("run_openeo_code", code=CODE.format(collection="SENTINEL2_L2A")),
        answer("NDVI near Bolzano."),
    ]
    runner, model = runner_for(tmp_path, backend_url, script)
    outcome = runner.run("NDVI near Bolzano in June 2022", today=date(2022, 7, 1))
    told = [str(m.content) for m in model.received[1] if m.type == "tool"][-1]
    assert told.startswith("ERROR") and "CollectionNotFound" in told and "This backend has SENTINEL2_L2A" in told
    assert [s.ok for s in outcome.steps] == [False, True] and outcome.ok


FLOOD = '''import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()
s1 = connection.load_collection(
    "SENTINEL1_GRD",
    spatial_extent={"west": 17.30, "south": 50.45, "east": 17.32, "north": 50.46},
    temporal_extent=["2024-08-20", "2024-09-26"],
    bands=["VV"],
)
s1 = s1.process("despeckle_lee", data=s1, window=5)
before = s1.filter_temporal("2024-08-20", "2024-09-10").reduce_dimension(dimension="t", reducer="median")
after = s1.filter_temporal("2024-09-14", "2024-09-26").reduce_dimension(dimension="t", reducer="min")
before_db = before.log10() * 10
after_db = after.log10() * 10
flooded = (after_db < -18) & ((before_db - after_db) > 3)
flooded.download("flood_nysa_sep2024.tif")
'''


def test_a_radar_flood_mask_before_and_after(tmp_path, backend_url):
    """Session 2 (embedded backend, Storm Boris near Nysa): for a process the backend lacked
    (sar_backscatter then; a speckle filter here) the model was told 'See GET /processes' (it has
    no such tool), the summary showed one of the two compared windows as "the dates", and the 0/1
    flood mask came back with the unit of its input, dB."""
    script = [
        call("run_openeo_code", code=FLOOD),
        call("run_openeo_code", code=FLOOD.replace('s1 = s1.process("despeckle_lee", data=s1, window=5)\n', "")),
        call("execute"),
        answer("Flooded pixels near Nysa."),
    ]
    runner, model = runner_for(tmp_path, backend_url, script)
    outcome = runner.run("Where did Storm Boris flood the land around Nysa?", today=date(2024, 10, 1))
    tool_texts = [str(m.content) for m in model.received[-1] if m.type == "tool"]
    invalid, valid, executed = tool_texts
    assert invalid.startswith("INVALID") and "despeckle_lee" in invalid and "Use search_processes" in invalid
    assert valid.startswith("VALID") and "compared windows 2024-08-20 to 2024-09-10 and 2024-09-14 to 2024-09-26" in valid
    assert executed.startswith("OK") and "unit=mask" in executed and "unit=dB" not in executed
    assert outcome.ok and outcome.stats.unit.startswith("mask") and 0 <= outcome.stats.mean <= 1


NO2 = '''import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()
aoi = {
    "type": "Polygon",
    "coordinates": [[[-3.75, 40.38], [-3.65, 40.38], [-3.65, 40.46], [-3.75, 40.46], [-3.75, 40.38]]],
}
no2 = connection.load_collection(
    "SENTINEL5P_L2",
    spatial_extent={"west": -3.75, "south": 40.38, "east": -3.65, "north": 40.46},
    temporal_extent=["2024-01-01", "2024-02-01"],
    bands=["NO2"],
)
weekly = no2.aggregate_temporal_period(period="week", reducer="mean")
weekly.aggregate_spatial(geometries=aoi, reducer="mean").download("no2_madrid_weekly_jan2024.json")
'''


def test_a_weekly_time_series_comes_back_with_its_values(tmp_path, backend_url):
    """Session 3 (embedded backend, weekly NO2 over Madrid): the system prompt named the id
    SENTINEL5P_L2 (CDSE's is SENTINEL_5P_L2), and execute said "time series, 5 steps" with only
    min/max/mean, so the model could not tell how NO2 changed week by week."""
    script = [
        call("run_openeo_code", code=NO2),
        call("run_openeo_code", code=NO2.replace('"SENTINEL5P_L2"', '"SENTINEL_5P_L2"')),
        call("execute"),
        answer("Weekly NO2 over Madrid."),
    ]
    runner, model = runner_for(tmp_path, backend_url, script)
    outcome = runner.run("How did NO2 over central Madrid change week by week in January 2024?", today=date(2024, 3, 1))
    system = str(model.received[0][0].content)
    assert "SENTINEL_5P_L2" in system and "SENTINEL5P_L2" not in system
    not_found, valid, executed = [str(m.content) for m in model.received[-1] if m.type == "tool"]
    assert "This backend has SENTINEL_5P_L2" in not_found and valid.startswith("VALID")
    assert executed.startswith("OK") and "time series, 5 steps" in executed
    values = executed.split("values: ", 1)[1].splitlines()[0].split(", ")
    assert len(values) == 5 and all(float(v.split()[1]) > 0 for v in values)
    assert outcome.ok and len(outcome.stats.series) == 5


def test_an_area_smaller_than_a_pixel_says_why_it_has_no_values(tmp_path, backend_url):
    """Playing session 3 with a tighter box (4 x 3 km) over Sentinel-5P: every value came back
    null, and all the model read was "valid=0%"."""
    small = NO2.replace('"SENTINEL5P_L2"', '"SENTINEL_5P_L2"')
    for a, b in (("-3.75", "-3.72"), ("-3.65", "-3.68"), ("40.38", "40.40"), ("40.46", "40.43")):
        small = small.replace(a, b)
    runner, model = runner_for(tmp_path, backend_url, [call("run_openeo_code", code=small), call("execute"), answer("No data.")])
    outcome = runner.run("Weekly NO2 in the very centre of Madrid, January 2024", today=date(2024, 3, 1))
    executed = [str(m.content) for m in model.received[-1] if m.type == "tool"][-1]
    assert executed.startswith("OK") and "valid=0%" in executed
    assert "smaller than one pixel of SENTINEL_5P_L2" in executed and "Use an area several pixels wide" in executed
    assert outcome.ok
