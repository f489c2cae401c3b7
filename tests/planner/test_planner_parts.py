"""Statistics per part of a region ("NDVI per gemeente in Utrecht"): the planner asks find_place for
the parts, drafts a per-part table, and says so when the data has no parts (agent/planner/parts.py)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import shapely.geometry

from agent.planner.parts import unit_asked, without_unit
from planner_helpers import build_graph, converse_with_gazetteer

TODAY = date(2024, 1, 10)


def drive(request: str, tmp_path: Path) -> tuple[list, dict]:
    """The planner with the real find_place, VALID validation and OK execution."""
    return converse_with_gazetteer(request, TODAY, folder=tmp_path)


@pytest.mark.parametrize("request_, unit", [
    ("Gemiddelde NDVI per gemeente in de provincie Utrecht voor juli 2023, als tabel", "gemeente"),
    ("Mean NDVI by county in Iowa for June 2023", "county"),
    ("NDVI moyen par département en Nouvelle-Aquitaine, juillet 2023", "département"),  # as written
    ("Mittlerer NDVI pro Kreis in Bayern im Juli 2023", "kreis"),
    ("NDVI map of Utrecht for July 2023", None),
])
def test_the_unit_is_read_and_taken_out_of_the_place_phrase(request_, unit):
    assert unit_asked(request_) == unit
    if unit:
        assert unit not in without_unit(request_).lower().replace("é", "e")


def test_per_gemeente_gives_one_named_row_per_part(tmp_path):
    messages, calls = drive("Gemiddelde NDVI per gemeente in de provincie Utrecht voor juli 2023, als tabel", tmp_path)
    assert calls["find_place"][0].get("parts") is True
    code = calls["run_openeo_code"][-1]["code"]
    assert ".csv" in code and ".tif" not in code
    assert 'json.loads(Path("places/utrecht-parts.geojson").read_text())' in code and len(code) < 3000  # no outlines
    graph = build_graph(code, tmp_path)  # the graph carries them inline, read from the run folder
    node = next(n for n in graph.values() if n["process_id"] == "aggregate_spatial")
    names = [f["properties"]["name"] for f in node["arguments"]["geometries"]["features"]]
    assert len(names) == 24 and "De Bilt" in names and "Amersfoort" in names
    assert node["arguments"]["reducer"]["process_graph"][next(iter(node["arguments"]["reducer"]["process_graph"]))]["process_id"] == "mean"
    answer = messages[-1].content
    # in the request's language (Dutch), the unit as it was written
    assert answer.startswith("Eén rij per gemeente: 24 delen van Utrecht") and "benaderingen" in answer


def test_the_load_covers_every_part_of_a_large_region_read_coarser(tmp_path):
    # Bayern (70,000 km²) was clamped to 2,500 km² around its centre: outer parts had no values
    messages, calls = drive("Average NDVI per district in Bayern in July 2023", tmp_path)
    code = calls["run_openeo_code"][-1]["code"]
    assert 'resample_spatial(resolution=80, method="near")' in code  # ~128,000 km² within the pixel budget
    graph = build_graph(code.replace('cube = cube.resample_spatial(resolution=80, method="near")', ""), tmp_path)
    load = next(n for n in graph.values() if n["process_id"] == "load_collection")
    ext = load["arguments"]["spatial_extent"]
    features = next(n for n in graph.values() if n["process_id"] == "aggregate_spatial")["arguments"]["geometries"]["features"]
    points = [xy for f in features for xy in shapely.geometry.shape(f["geometry"]).envelope.exterior.coords]
    lons, lats = [x for x, _ in points], [y for _, y in points]
    assert ext["west"] <= min(lons) and ext["east"] >= max(lons) and ext["south"] <= min(lats) and ext["north"] >= max(lats)


def test_a_region_without_parts_says_so_and_computes_the_whole(tmp_path):
    messages, calls = drive("NDVI im Juli 2023 pro Kreis in Nordrhein-Westfalen", tmp_path)
    assert calls["find_place"][0].get("parts") is True
    code = calls["run_openeo_code"][-1]["code"]
    # the region as a whole, as the one row of the table that was asked for (not a raster in its place)
    assert code.count('"name":') == 1 and 'aggregate_spatial(geometries=parts, reducer="mean")' in code
    first = messages[-1].content.split("\n")[0]
    assert first == ("Die Offline-Daten haben keine Umrisse je Kreis für Nordrhein-Westfalen, daher ist dies "
                     "Nordrhein-Westfalen als Ganzes, nicht eine Zeile je Kreis.")  # in German, as asked


@pytest.mark.slow
def test_per_gemeente_end_to_end_on_the_embedded_backend(tmp_path, backend_url):
    from agent.runner import AgentRunner
    from agent.settings import AgentSettings

    settings = AgentSettings(runs_dir=tmp_path / "runs", backend_url=backend_url, model="offline")
    with AgentRunner(settings) as runner:
        outcome = runner.run("Gemiddelde NDVI per gemeente in de provincie Utrecht voor juli 2023, als tabel",
                             thread_id="g1", today=TODAY)
    assert outcome.ok and outcome.result_path, outcome.failure
    rows = Path(outcome.result_path).read_text().splitlines()
    assert rows[0].split(",")[0] == "name" and len(rows) == 1 + 24
    names = {r.split(",")[0] for r in rows[1:]}
    assert {"Utrecht", "Amersfoort", "De Bilt", "Utrechtse Heuvelrug"} <= names
    assert all(0.0 < float(r.split(",")[-1]) < 1.0 for r in rows[1:])
    geojson = next(Path(settings.runs_dir).glob("*/places/utrecht-parts.geojson"))
    assert len(json.loads(geojson.read_text())["features"]) == 24


@pytest.mark.parametrize("request_, series", [
    ("NDVI moyen par district du canton de Vaud en juillet 2023, en CSV s'il vous plaît.", False),
    ("Mean NDVI per gemeente in the province of Utrecht, July 2023, as JSON", False),
    ("Media NDVI por municipio en la provincia de Utrecht, julio de 2023, en CSV", False),
    ("NDVI time series per gemeente in the province of Utrecht, July 2023, as CSV", True),
    ("Série temporelle du NDVI par district du canton de Vaud, juillet 2023, CSV", True),
    ("Monthly mean NDVI per gemeente in the province of Utrecht, May to July 2023, CSV", True),
])
def test_a_table_file_per_part_is_one_row_per_part_unless_a_series_is_asked(request_, series, tmp_path):
    # "as CSV" names the file, not a series: one value per part over the period, unless dates are asked for
    messages, calls = drive(request_, tmp_path)
    code = calls["run_openeo_code"][-1]["code"]
    build_graph(code, tmp_path)  # a valid script
    assert ("composite = " in code) is (not series), code
    assert ".tif" not in code and (".json" in code if "JSON" in request_ else ".csv" in code)


def test_per_state_of_a_country_is_one_row_per_first_level_region(tmp_path):
    # "pro Bundesland in Österreich" answered with Austria as a whole: a country had no parts
    messages, calls = drive("Mittlere NO2-Belastung (Sentinel-5P) pro Bundesland in Österreich im Januar 2024, als CSV", tmp_path)
    assert calls["find_place"][0].get("parts") is True
    code = calls["run_openeo_code"][-1]["code"]
    assert "austria-parts.geojson" in code and "Natural Earth" in code and "derived from their towns" not in code
    node = next(n for n in build_graph(code, tmp_path).values() if n["process_id"] == "aggregate_spatial")
    names = {f["properties"]["name"] for f in node["arguments"]["geometries"]["features"]}
    assert len(names) == 9 and {"Tirol", "Wien", "Kärnten"} <= names
    answer = messages[-1].content
    assert answer.startswith("Eine Zeile je Bundesland: 9 Teile von Österreich") and "Natural Earth" in answer
