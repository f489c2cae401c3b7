"""Played sessions turned into scripted-model tests: the real agent, the real tools, the embedded
backend over HTTP. Each asserts what reached the model at each turn.

1. "The true-colour image of Leuven on 18 June 2021, and how cloudy it was" (played through the
   LLM relay): the day has no acquisition; validation says so with the nearest days and names
   find_acquisitions; the model lists the days, loads the nearest, and execute says per band
   what came back, with the SCL's cloud share, in the file the code named.
2. An error inside a callback is found at validation, with its node, before anything executes.
3. A loop over tiles: every graph validated, executed, and on the map.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import requests

import tools.langchain_tools  # noqa: F401  (imported before the backend's warm-up thread imports the same modules)
from agent.runner import AgentRunner
from agent.settings import AgentSettings
from agent_fakes import ScriptedChatModel, answer, call

pytestmark = pytest.mark.slow
WORKFLOWS = Path(__file__).resolve().parents[1] / "data" / "workflows"
LEUVEN = {"west": 4.68, "south": 50.86, "east": 4.72, "north": 50.89}  # the centre: a small image keeps the test short


def true_colour(day: str, next_day: str) -> str:
    return f'''import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()
cube = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={LEUVEN},
    temporal_extent=["{day}", "{next_day}"],
    bands=["B04", "B03", "B02", "SCL"],
)
image = cube.reduce_dimension(dimension="t", reducer="first")
image.download("leuven_true_colour_{day}.tif")
'''


def runner_for(tmp_path: Path, backend_url: str, script: list) -> tuple[AgentRunner, ScriptedChatModel]:
    model = ScriptedChatModel(responses=script)
    settings = AgentSettings(runs_dir=tmp_path / "runs", backend_url=backend_url)
    return AgentRunner(settings, model_factory=lambda s, t: model), model


def tool_result(model: ScriptedChatModel, turn: int) -> str:
    """The last message the model received at a turn: the answer of the tool it called before."""
    return str(model.received[turn][-1].content)


def test_the_image_of_a_day_without_acquisition(tmp_path, backend_url):
    bbox = ",".join(str(LEUVEN[k]) for k in ("west", "south", "east", "north"))
    listed = requests.get(f"{backend_url}/collections/SENTINEL2_L2A/items",
                          params={"bbox": bbox, "datetime": "2021-06-14/2021-06-24"}, timeout=30).json()
    days = [f["properties"]["datetime"][:10] for f in listed["features"]]
    assert "2021-06-18" not in days and "2021-06-19" in days  # the played session's facts, from the backend itself
    script = [
        call("find_place", name="Leuven, Belgium"),
        call("run_openeo_code", code=true_colour("2021-06-18", "2021-06-19")),
        call("find_acquisitions", collection_id="SENTINEL2_L2A", **LEUVEN, start="2021-06-14", end="2021-06-25"),
        call("run_openeo_code", code=true_colour("2021-06-19", "2021-06-20")),
        call("execute"),
        call("render_map"),
        answer("There was no Sentinel-2 acquisition over Leuven on 18 June 2021; the nearest, 19 June, is shown."),
    ]
    runner, model = runner_for(tmp_path, backend_url, script)
    outcome = runner.run("Show me the true-colour Sentinel-2 image of Leuven on 18 June 2021 and how cloudy it was",
                         today=date(2021, 7, 1))
    assert outcome.ok, outcome.failure
    empty = tool_result(model, 2)
    assert empty.startswith("INVALID") and "[NoDataAvailable]" in empty and "2021-06-19" in empty
    assert "find_acquisitions(" in empty
    acquisitions = tool_result(model, 3)
    assert f"{len(days)} acquisition day(s): " + ", ".join(days) in acquisitions, acquisitions
    assert tool_result(model, 4).startswith("VALID")
    result = tool_result(model, 5)
    assert result.startswith("OK") and "leuven_true_colour_2021-06-19.tif" in result
    assert re.search(r"^B04: min=\S+ max=\S+ mean=\S+ reflectance", result, re.M)
    assert re.search(r"SCL classes \(share of valid pixels\): .*cloud", result), result
    assert Path(outcome.result_path).name == "leuven_true_colour_2021-06-19.tif"
    assert [s.tool for s in outcome.steps] == ["find_place", "run_openeo_code", "find_acquisitions", "run_openeo_code",
                                               "execute", "render_map"]
    runner.close()


CALLBACK = '''import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
cube = connection.load_collection("SENTINEL2_L2A", spatial_extent={"west": 4.70, "south": 50.87, "east": 4.71, "north": 50.88},
                                  temporal_extent=["2021-06-01", "2021-07-01"], bands=["B04", "B08"])
red = cube.reduce_dimension(dimension="DIMENSION", reducer=lambda data: data.array_element(label="B04"))
red.max_time().download("red.tif") if "DIMENSION" == "bands" else red.download("red.tif")
'''


def test_an_error_inside_a_callback_is_found_before_execution(tmp_path, backend_url):
    script = [
        call("run_openeo_code", code=CALLBACK.replace("DIMENSION", "t")),
        call("run_openeo_code", code=CALLBACK.replace("DIMENSION", "bands")),
        call("execute"),
        answer("The maximum red reflectance of June 2021."),
    ]
    runner, model = runner_for(tmp_path, backend_url, script)
    outcome = runner.run("Maximum red reflectance near Leuven in June 2021", today=date(2021, 7, 1))
    first = tool_result(model, 1)
    assert first.startswith("INVALID") and "[ArrayElementNotAvailable]" in first
    assert re.search(r"node '\w+' \(array_element\) in the 'reducer' callback of node '\w+' \(reduce_dimension\)", first), first
    assert [s.tool for s in outcome.steps] == ["run_openeo_code", "run_openeo_code", "execute"]
    assert outcome.ok and [s.ok for s in outcome.steps] == [False, True, True]  # execute ran once, and worked
    runner.close()


def test_a_loop_over_tiles_is_executed_tile_by_tile(tmp_path, backend_url):
    script = [
        call("run_openeo_code", code=(WORKFLOWS / "tiles_loop_execute_batch.py").read_text()),
        call("execute"),
        call("render_map"),
        answer("NDVI of four tiles around Leuven, June 2023."),
    ]
    runner, model = runner_for(tmp_path, backend_url, script)
    outcome = runner.run("NDVI of the area around Leuven in June 2023, tile by tile", today=date(2023, 7, 10))
    assert outcome.ok, outcome.failure
    assert "The script sends 4 graphs" in tool_result(model, 1)
    executed = tool_result(model, 2)
    assert executed.startswith("OK") and "4 results, one per graph:" in executed
    run_dir = Path(outcome.run_dir)
    assert sorted(p.name for p in run_dir.glob("ndvi_tile_*.tif")) == [f"ndvi_tile_{r}_{c}.tif" for r in (0, 1) for c in (0, 1)]
    assert (run_dir / "map.html").read_text().count("L.imageOverlay(") >= 4
    runner.close()


def flood_share(before: list[str], after: list[str]) -> str:
    """The played 'newly flooded share per powiat' script, on three small boxes so that it runs quickly."""
    return f'''import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

def box(name, w, s, e, n):
    return {{"type": "Feature", "properties": {{"name": name}},
            "geometry": {{"type": "Polygon", "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]}}}}

districts = {{"type": "FeatureCollection", "features": [
    box("powiat nyski", 17.30, 50.44, 17.33, 50.46),
    box("powiat prudnicki", 17.55, 50.30, 17.58, 50.32),
    box("powiat brzeski", 17.45, 50.84, 17.48, 50.86),
]}}
aoi = {{"west": 17.30, "south": 50.30, "east": 17.58, "north": 50.86}}

def water(period):
    s1 = connection.load_collection("SENTINEL1_GRD", spatial_extent=aoi, temporal_extent=period, bands=["VV"])
    s1 = s1.sar_backscatter(coefficient="sigma0-ellipsoid").resample_spatial(resolution=200)
    vv_db = s1.reduce_dimension(dimension="t", reducer="min").apply(lambda x: 10 * x.log(10))
    return vv_db < -18

before = water({before})
after = water({after})
flooded = after.merge_cubes(before, overlap_resolver=lambda x, y: x.and_(y.not_()))
flooded.aggregate_spatial(geometries=districts, reducer="mean").download("newly_flooded_share_per_powiat.json")
'''


def test_newly_flooded_share_per_district_is_a_named_table(tmp_path, backend_url):
    """The second played session (Storm Boris around Nysa): the radar window had no acquisition,
    the model listed them, and the table came back per district with its names and what it is."""
    script = [
        call("run_openeo_code", code=flood_share(["2024-09-01", "2024-09-12"], ["2024-09-15", "2024-09-20"])),
        call("find_acquisitions", collection_id="SENTINEL1_GRD", west=17.30, south=50.30, east=17.58, north=50.86,
             start="2024-08-20", end="2024-10-01"),
        call("run_openeo_code", code=flood_share(["2024-09-02", "2024-09-03"], ["2024-09-14", "2024-09-27"])),
        call("execute"),
        call("render_map"),
        answer("Newly flooded share per district, from Sentinel-1 VV below -18 dB."),
    ]
    runner, model = runner_for(tmp_path, backend_url, script)
    outcome = runner.run("How much of each powiat around Nysa was newly flooded by Storm Boris? A table please.",
                         today=date(2024, 10, 1))
    assert outcome.ok, outcome.failure
    empty = tool_result(model, 1)
    assert "[NoDataAvailable]" in empty and "SENTINEL1_GRD" in empty and "2024-09-15" in empty
    listed = tool_result(model, 2)
    assert "2024-09-02" in listed and "2024-09-14" in listed
    table = tool_result(model, 4)
    assert re.search(r"Table: 3 geometries, 3 rows; columns geometry, name, Share \w+ \(VV backscatter \(dB\) < -18\)", table), table
    rows = [line.split(" | ") for line in table.splitlines() if re.match(r"^\d \| powiat ", line)]
    assert [r[1] for r in rows] == ["powiat nyski", "powiat prudnicki", "powiat brzeski"]
    assert all(0.0 <= float(r[2]) <= 1.0 for r in rows) and "unit=share" in table
    assert "style: table" in tool_result(model, 5)
    runner.close()
