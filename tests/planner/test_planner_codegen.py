"""Drafted code runs with the real openeo client and builds the graph the product needs; the
variants drafted after a backend said 'unsupported' avoid exactly what it cannot do."""

from datetime import date

import pytest

from agent.evaluation.checks import GraphFacts
from agent.planner.codegen import Plan, build_code
from agent.planner.dates import Period
from agent.planner.i18n import normalize
from agent.planner.intents import parse_intent
from planner_helpers import build_graph

BBOX = (4.62, 50.82, 4.78, 50.92)
P1 = Period(start=date(2019, 5, 1), end=date(2019, 6, 1))
P2 = Period(start=date(2019, 7, 1), end=date(2019, 8, 1))

REQUESTS = [
    "NDVI", "EVI", "SAVI", "NDWI", "NDMI", "NBR", "NDSI > 0.4", "NDBI", "Landsat 8 NDVI", "true colour",
    "top-of-atmosphere true colour", "false colour", "median composite B02 B03", "NDVI time series",
    "monthly mean NDVI", "dNBR", "NDVI change", "flood map", "VH/VV ratio monthly", "radar backscatter VH",
    "radar backscatter time series", "DEM reprojected to EPSG:32631", "slope",
    "hillshade", "land surface temperature max", "LST time series", "NO2 mean", "daily NO2 time series",
    "monthly mean NO2", "methane", "WorldCover water", "OLCI true colour",
]


def facts(text, avoid=frozenset()):
    plan = Plan(intent=parse_intent(normalize(text)), bbox=BBOX, periods=[P1, P2], place="Leuven", avoid=set(avoid))
    code = build_code(plan)
    compile(code, "code.py", "exec")
    assert 'openeo.connect("https://openeo.dataspace.copernicus.eu")' in code and ".download(" in code
    return code, GraphFacts.from_graph(build_graph(code))


@pytest.mark.parametrize("text", REQUESTS)
def test_code_builds_a_graph(text):
    code, f = facts(text)
    assert f.loads and all(ld.bbox == BBOX for ld in f.loads)


@pytest.mark.parametrize("text", ["dNBR", "NDVI change", "flood map", "hillshade", "monthly mean NDVI",
                                  "daily NO2 time series", "DEM reprojected to EPSG:32631", "VH/VV ratio monthly"])
def test_variants_avoid_what_the_backend_lacks(text):
    code, f = facts(text, {"merge_cubes", "aggregate_temporal_period", "align"})
    assert not f.processes & {"merge_cubes", "aggregate_temporal_period", "rename_labels"}
    assert ".resample_spatial(" not in code


def test_cloud_mask_and_only_needed_bands():
    code, f = facts("NDVI")
    assert f.loads[0].bands == ["B04", "B08", "SCL"]
    assert "(scl == 3) | (scl == 8) | (scl == 9) | (scl == 10)" in code and {"mask", "median"} <= f.processes
    _, f = facts("top-of-atmosphere true colour")
    assert f.loads[0].bands == ["B04", "B03", "B02"] and "mask" not in f.processes


def test_change_loads_two_periods_and_timeseries_keeps_time():
    _, f = facts("NDVI change")
    assert f.interval == (date(2019, 5, 1), date(2019, 8, 1)) and "subtract" in f.processes
    _, f = facts("NDVI time series")
    assert f.spatial_aggregation and not f.temporal_reduction


@pytest.mark.parametrize("text, ext", [("a multi-sensor ndvi record (landsat 8 and sentinel-2) for the field", "json"),
                                       ("a multi-sensor ndvi record (landsat 8 and sentinel-2), as csv", "csv")])
def test_a_multisensor_record_is_a_table_whatever_the_wording(text, ext):
    """aggregate_spatial gives a table: saved as JSON (or CSV when asked), never as a GeoTIFF,
    even when the request does not say "time series"."""
    code, _ = facts(text)
    assert "aggregate_spatial" in code and code.rstrip().endswith(f'.{ext}")')
