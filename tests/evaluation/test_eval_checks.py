"""The evaluation checks on hand-written graphs (tests/data/eval/*.json), passing and failing."""

import json
from datetime import date
from pathlib import Path

import pytest

from agent.evaluation.cases import EvalCase, Expect, load_cases
from agent.evaluation.checks import GraphFacts, area_km2, check_graph

DATA = Path(__file__).resolve().parents[1] / "data" / "eval"


def graph(name):
    return json.loads((DATA / name).read_text())


def results(name, **expect):
    return {r.name: r.passed for r in check_graph(graph(name), Expect(**expect))}


def test_facts_of_a_median_ndvi():
    f = GraphFacts.from_graph(graph("graph_ndvi_median.json"))
    assert f.collections == {"SENTINEL2_L2A"}
    assert f.interval == (date(2019, 5, 1), date(2019, 6, 1))
    assert {"subtract", "divide", "median", "reduce_dimension"} <= f.processes  # callbacks included
    assert not f.spatial_aggregation and f.temporal_reduction


def test_every_check_passes_on_a_matching_graph():
    got = results(
        "graph_ndvi_median.json", collections_any=["SENTINEL2_L2A", "SENTINEL2_L1C"], bands_all=["B04", "B08"],
        temporal_within=["2019-04-01", "2019-06-30"], temporal_covers=["2019-05-05", "2019-05-25"],
        point_in_aoi=[35.93, 33.8], aoi_max_km2=3000,
        processes_any_of=[["ndvi", "reduce_dimension"], ["subtract", "divide", "reduce_dimension"]],
        processes_all=["median"], output="raster",
    )
    assert got and all(got.values()), got


def test_every_check_can_fail():
    got = results(
        "graph_ndvi_median.json", collections_any=["SENTINEL1_GRD"], bands_all=["B04", "B11"],
        temporal_within=["2019-05-03", "2019-06-30"], temporal_covers=["2019-04-25", "2019-05-25"],
        point_in_aoi=[36.5, 33.8], aoi_max_km2=100, processes_any_of=[["ndvi"], ["normalized_difference"]],
        processes_all=["aggregate_spatial"], output="timeseries",
    )
    assert got and not any(got.values()), got


def test_end_is_exclusive():
    # loaded [2019-05-01, 2019-06-01): within a window ending 2019-05-31, covering up to 2019-05-31
    assert results("graph_ndvi_median.json", temporal_within=["2019-05-01", "2019-05-31"],
                   temporal_covers=["2019-05-01", "2019-05-31"]) == {"temporal_within": True, "temporal_covers": True}
    assert results("graph_ndvi_median.json", temporal_within=["2019-05-01", "2019-05-30"]) == {"temporal_within": False}
    assert results("graph_ndvi_median.json", temporal_covers=["2019-05-01", "2019-06-01"]) == {"temporal_covers": False}


def test_filters_narrow_the_load_and_utm_bbox_is_reprojected():
    f = GraphFacts.from_graph(graph("graph_timeseries_utm.json"))
    assert f.interval == (date(2025, 7, 1), date(2025, 8, 1))
    w, s, e, n = f.extent
    assert -112.2 < w < e < -111.7 and 33.3 < s < n < 33.7
    got = results("graph_timeseries_utm.json", point_in_aoi=[-112.07, 33.45], output="timeseries",
                  processes_all=["aggregate_spatial", "mean"], temporal_covers=["2025-07-03", "2025-07-28"])
    assert all(got.values()), got
    assert results("graph_timeseries_utm.json", output="raster") == {"output": False}


def test_two_loads_geojson_extent_and_overlap_resolver():
    f = GraphFacts.from_graph(graph("graph_change_two_loads.json"))
    assert f.interval == (date(2024, 1, 1), date(2024, 3, 1))
    got = results("graph_change_two_loads.json", temporal_within=["2023-12-01", "2024-03-31"],
                  point_in_aoi=[-71.5, -33.05], processes_any_of=[["normalized_difference", "subtract"]],
                  output="raster", bands_all=["B08", "B12"])
    assert all(got.values()), got


def test_no_graph_fails_everything():
    got = {r.name: r.passed for r in check_graph(None, Expect(collections_any=["X"], point_in_aoi=[0, 0], aoi_max_km2=1))}
    assert got == {"collections_any": False, "point_in_aoi": False, "aoi_max_km2": False}


def test_area_on_the_sphere():
    assert area_km2((0, 0, 1, 1)) == pytest.approx(12364, rel=0.01)


def test_cases_parse_exactly_per_design(shared_dir):
    cases = load_cases(shared_dir / "eval" / "dev.jsonl")
    assert len(cases) >= 20 and all(isinstance(c, EvalCase) for c in cases)
    with pytest.raises(ValueError):
        Expect.model_validate({"colections_any": ["typo"]})
