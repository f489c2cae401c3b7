"""Methods written in requests: formulas, thresholds, statistics, windows and workflows."""

from __future__ import annotations

import pytest

from agent.planner.i18n import normalize
from agent.planner.intents import parse_intent
from agent.planner.methods import find_formula, find_statistics, find_threshold, find_workflow, kernel_size


@pytest.mark.parametrize("text,expr,bands,nd", [
    ("compute (b8a - b05) / (b8a + b05) for", "(b8a - b05) / (b8a + b05)", ["B8A", "B05"], ("B8A", "B05")),
    ("ndwi = (b03 - b08) / (b03 + b08) für", "(b03 - b08) / (b03 + b08)", ["B03", "B08"], ("B03", "B08")),
    ("rvi = 4*vh/(vv+vh) from", "4 * vh / (vv + vh)", ["VH", "VV"], None),
    ("the ratio b8 / b4, please", "b08 / b04", ["B08", "B04"], None),
])
def test_formulas(text, expr, bands, nd):
    f = find_formula(normalize(text))
    assert f.expression == expr and f.bands == bands and f.normalized_difference() == nd


@pytest.mark.parametrize("text", ["ndvi for 2021-2022", "b04 and b08", "(lon 4.5, lat 50.1)", "between 3 and 5 km"])
def test_no_formula_without_two_bands_and_an_operator(text):
    assert find_formula(text) is None


@pytest.mark.parametrize("text,kelvin,op,value,unit", [
    ("snow where ndsi > 0.4", False, "gt", 0.4, ""),
    ("schnee wo ndsi größer als 0,42", False, "gt", 0.42, ""),
    ("mask where gndvi <= 0.3", False, "lte", 0.3, ""),
    ("temperature above 35 °c", True, "gt", 308.15, "K"),
    ("la température a dépassé 38 °c à toulouse", True, "gt", 311.15, "K"),
    ("superó los 45 °c en sevilla", True, "gt", 318.15, "K"),
    ("surface temperature exceeded 310 k", True, "gt", 310.0, "K"),
    ("pixels more than 3 db darker than the local mean", False, "lt", -3.0, "dB"),
])
def test_thresholds(text, kelvin, op, value, unit):
    t = find_threshold(text, kelvin=kelvin)
    assert (t.op, t.value, t.unit) == (op, value, unit)


def test_a_year_is_not_a_threshold():
    assert find_threshold("ndvi change since over 2019") is None


def test_statistics_and_percentiles():
    names = [s.label for s in find_statistics("the mean, standard deviation and 90th percentile of vv")]
    assert names == ["mean", "sd", "p90"]
    assert [s.label for s in find_statistics(normalize("media, desviación estándar y percentil 90"))] == ["mean", "sd", "p90"]
    assert [s.label for s in find_statistics("the 25th, 50th and 75th percentiles of ndvi")] == ["p25", "p50", "p75"]


@pytest.mark.parametrize("text,n", [("a 15x15 window", 15), ("local 21 x 21 mean", 21), ("a 4x4 window", 5), ("no window", None)])
def test_kernel_size(text, n):
    assert kernel_size(text) == n


@pytest.mark.parametrize("text,workflow", [
    ("radar vegetation index rvi for the rice fields", "rvi"),
    ("possible oil slicks in the gulf of trieste", "oil_slick"),
    ("bodenfeuchte-änderung mit sentinel-1", "soil_moisture"),
    ("how many days in july had lst above 35 °c", "count_days"),
    ("nombre de jours où la température a dépassé 310 k", "count_days"),
    ("best-pixel composite of b02, b03, b04", "best_pixel"),
    ("s1 + s2 fusion: stack the sentinel-2 ndvi and the sentinel-1 vv", "fusion"),
    ("what share of the province is cropland according to esa worldcover", "zonal_landcover"),
    ("a multi-sensor ndvi record (landsat 8 and sentinel-2)", "multisensor"),
    ("smooth the ndvi time series with a moving average", "moving_window"),
    ("mean, std and 10th/90th percentiles of vh", "statistics"),
    ("monthly mean no2 over madrid", None),
])
def test_workflows(text, workflow):
    assert find_workflow(text) == workflow


@pytest.mark.parametrize("text,task,collection", [
    ("Radar Vegetation Index RVI = 4*VH/(VV+VH) from Sentinel-1 around Ghent", "rvi", "SENTINEL1_GRD"),
    ("How many days in July 2022 had land surface temperature above 35 °C over Córdoba?", "lst", "SENTINEL3_SLSTR_L2_LST"),
    ("Compute (B8A - B05) / (B8A + B05) for the vineyards", "index", "SENTINEL2_L2A"),
    ("Berechne NDWI = (B03 - B08) / (B03 + B08) für Rügen", "index", "SENTINEL2_L2A"),
    ("Aandeel bos en grasland (ESA WorldCover 2021) in de provincie Drenthe", "zonal_landcover", "ESA_WORLDCOVER_10M_2021_V2"),
])
def test_intent_composes_method_and_product(text, task, collection):
    it = parse_intent(normalize(text))
    assert (it.task, it.collection) == (task, collection)


def test_known_index_written_out_is_the_index_and_threshold_in_kelvin():
    it = parse_intent(normalize("Berechne NDWI = (B03 - B08) / (B03 + B08) und markiere Wasser bei NDWI > 0,2"))
    assert it.index == "NDWI" and it.formula is None and (it.threshold.op, it.threshold.value) == ("gt", 0.2)
    lst = parse_intent(normalize("days with land surface temperature over 40 °C in Athens"))
    assert lst.threshold.value == 313.15 and lst.workflow == "count_days"


def test_dekads_and_output_formats():
    assert parse_intent(normalize("NDVI moyen par décade (périodes de 10 jours) sur la Beauce")).period == "dekad"
    assert parse_intent(normalize("Dekadal NDVI composites around Ludhiana")).period == "dekad"
    assert parse_intent(normalize("NDVI composite of Corsica as netCDF")).output_format == "netCDF"
    assert parse_intent(normalize("NDVI time series of my field as JSON")).output_format == "JSON"


def test_a_moving_average_keeps_every_date_as_a_raster_stack_unless_a_table_is_asked():
    from agent.planner.intents import parse_intent

    cube = parse_intent("smooth the ndvi time series of the fields near eldoret, kenya, for 2022 with a "
                        "3-observation moving average, keep every date, netcdf.")
    assert (cube.task, cube.timeseries, cube.output_format) == ("moving_window", False, "netCDF")
    tif = parse_intent("gleitender mittelwert der ndvi-zeitreihe über 3 aufnahmen, 2021, als geotiff")
    assert (tif.timeseries, tif.output_format) == (False, "GTiff")
    table = parse_intent("smooth the ndvi time series with a moving average of 5 observations and give me a csv")
    assert table.timeseries and table.output_format == "CSV"


def test_an_index_inside_a_workflow_loads_only_its_bands():
    from agent.planner.codegen import optical_bands
    from agent.planner.intents import parse_intent

    smooth = parse_intent("smooth the ndvi time series with a 3-observation moving average, keep every date")
    assert optical_bands(smooth) == ["B04", "B08"]  # was B02, B03, B04, B08: twice the data read
