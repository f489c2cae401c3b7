"""describe_result on real process graphs: built with the openeo client (no backend needed to
build them), the JSON graphs under tests/data, and collection metadata from the embedded catalog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openeo.rest.datacube import DataCube

from backend.catalog import load_catalog
from backend.catalog.stac import collection_document
from tools.result_kind import CollectionMeta, describe_result

DATA = Path(__file__).resolve().parents[1] / "data"
BBOX = {"west": 17.13, "south": 50.34, "east": 17.54, "north": 50.60}


@pytest.fixture(scope="module")
def meta() -> dict[str, CollectionMeta]:
    return {cid: CollectionMeta.from_stac(collection_document(spec, "http://x")) for cid, spec in load_catalog().items()}


def load(cid: str, bands: list[str], period=("2024-06-01", "2024-07-01")) -> DataCube:
    return DataCube.load_collection(cid, connection=None, spatial_extent=BBOX, temporal_extent=list(period), bands=bands)


def s2(bands=("B04", "B08"), period=("2024-06-01", "2024-07-01")) -> DataCube:
    return load("SENTINEL2_L2A", list(bands), period)


def db(cube: DataCube) -> DataCube:
    return cube.log10() * 10


def test_flood_mask_from_a_backscatter_drop_between_two_periods(meta):
    before = db(load("SENTINEL1_GRD", ["VV"], ("2024-08-04", "2024-09-01")).reduce_dimension("t", "mean"))
    after = db(load("SENTINEL1_GRD", ["VV"], ("2024-09-01", "2024-10-01")).reduce_dimension("t", "min"))
    d = describe_result((after - before < -3).flat_graph(), meta)
    assert (d.kind, d.words, d.unit, d.threshold, d.comparison) == ("mask", "flooded", None, -3.0, "lt")
    assert d.label.startswith("Flooded") and not d.has_time
    assert [p.label.split()[0] for p in d.periods] == ["before", "after"]
    assert d.periods[0].start == "2024-08-04" and d.periods[1].start == "2024-09-01"
    # the change itself, before the threshold: dB
    change = describe_result((after - before).flat_graph(), meta)
    assert (change.kind, change.unit) == ("change", "dB") and "backscatter change" in change.quantity


def test_a_level_then_a_drop_is_flooded_whichever_comes_first(meta):
    # `(after < -18) & (drop < -3)` was described as "Water (VV < -18)": the level named the mask
    before = db(load("SENTINEL1_GRD", ["VV"], ("2024-10-01", "2024-10-29")).reduce_dimension("t", "median"))
    after = db(load("SENTINEL1_GRD", ["VV"], ("2024-10-29", "2024-11-06")).reduce_dimension("t", "min"))
    for mask in ((after < -18) & (after - before < -3), (after - before < -3) & (after < -18)):
        d = describe_result(mask.flat_graph(), meta)
        assert (d.kind, d.words, d.threshold) == ("mask", "flooded", -3.0) and d.label.startswith("Flooded")


def test_radar_darker_than_its_local_mean_is_dark_spots_not_water(meta):
    # the oil-slick workflow: VV in dB against its own local (kernel) mean; a plain threshold is water
    vv = db(load("SENTINEL1_GRD", ["VV"], ("2020-08-10", "2020-08-11")).reduce_dimension("t", "mean"))
    local = vv.apply_kernel([[1 / 9] * 3] * 3)
    d = describe_result(((vv < local - 3) & (vv < -18)).flat_graph(), meta)
    assert (d.kind, d.words) == ("mask", "dark spots")
    assert describe_result((vv < -18).flat_graph(), meta).words == "water"
    assert describe_result((vv > local + 3).flat_graph(), meta).words == "bright spots"


def test_the_planners_storm_boris_graph_is_a_flood_mask(meta):
    d = describe_result(json.loads((DATA / "graph_boris_flood.json").read_text()), meta)
    assert (d.kind, d.words) == ("mask", "flooded") and len(d.periods) == 2


def test_count_and_share_of_a_mask_over_time(meta):
    water = db(load("SENTINEL1_GRD", ["VV"])) < -18
    assert describe_result(water.flat_graph(), meta).words == "water"
    count = describe_result(water.reduce_dimension("t", "sum").flat_graph(), meta)
    assert (count.kind, count.unit) == ("count", "count") and count.label.startswith("Count of time steps: Water (")
    share = describe_result(water.reduce_dimension("t", "mean").flat_graph(), meta)
    assert share.kind == "share"


@pytest.mark.parametrize("build, index", [
    (lambda: s2().ndvi(nir="B08", red="B04").max_time(), "NDVI"),
    (lambda: (lambda c: (c.band("B08") - c.band("B04")) / (c.band("B08") + c.band("B04")))(s2()).median_time(), "NDVI"),
    (lambda: (lambda c: 2.5 * (c.band("B08") - c.band("B04")) / (c.band("B08") + 6 * c.band("B04") - 7.5 * c.band("B02") + 1))(
        s2(("B02", "B04", "B08"))).max_time(), "EVI"),
    (lambda: s2(("B03", "B08")).reduce_dimension("bands", "normalized_difference" if False else
                                                 lambda d: (d[0] - d[1]) / (d[0] + d[1])).mean_time(), "NDWI"),
    (lambda: (lambda c: c.band("B08").normalized_difference(c.band("B12")))(s2(("B08", "B12"))).median_time(), "NBR"),
])
def test_indices_however_written(meta, build, index):
    d = describe_result(build().flat_graph(), meta)
    assert (d.kind, d.index, d.unit) == ("index", index, "index"), d
    assert "reflectance" not in (d.unit or "")


def test_tests_data_graphs(meta):
    for name in ("ndvi_median_composite.json", "client_cloud_masked_ndvi.json", "ndvi_band_math.json"):
        d = describe_result(json.loads((DATA / name).read_text()), meta)
        assert (d.kind, d.index) == ("index", "NDVI"), name
    ts = describe_result(json.loads((DATA / "eval" / "graph_timeseries_utm.json").read_text()), meta)
    assert (ts.kind, ts.unit, ts.has_time) == ("timeseries", "K", True)


def test_dnbr_is_an_index_change_and_its_threshold_is_burnt(meta):
    def nbr(period):
        c = s2(("B08", "B12"), period)
        return ((c.band("B08") - c.band("B12")) / (c.band("B08") + c.band("B12"))).median_time()

    pre, post = nbr(("2023-07-01", "2023-08-15")), nbr(("2023-09-05", "2023-10-01"))
    d = describe_result((pre - post).flat_graph(), meta)
    assert (d.kind, d.quantity, d.unit) == ("index_change", "dNBR", "index")
    assert [p.start for p in d.periods] == ["2023-07-01", "2023-09-05"]
    burnt = describe_result(((pre - post) > 0.27).flat_graph(), meta)
    assert (burnt.kind, burnt.words) == ("mask", "burnt")
    two_loads = describe_result(json.loads((DATA / "eval" / "graph_change_two_loads.json").read_text()), meta)
    assert two_loads.kind == "index_change"
    ndvi_change = describe_result((s2(period=("2024-06-01", "2024-07-01")).ndvi().max_time()
                                   - s2(period=("2023-06-01", "2023-07-01")).ndvi().max_time()).flat_graph(), meta)
    assert (ndvi_change.kind, ndvi_change.quantity) == ("index_change", "NDVI change")


def test_decibels_and_radar(meta):
    vv = load("SENTINEL1_GRD", ["VV"])
    assert describe_result(db(vv).mean_time().flat_graph(), meta).unit == "dB"
    linear = describe_result(vv.mean_time().flat_graph(), meta)
    assert linear.kind == "radar" and linear.unit != "dB"
    both = load("SENTINEL1_GRD", ["VH", "VV"])
    ratio = (both.band("VH") / both.band("VV")).mean_time().log10() * 10
    d = describe_result(ratio.flat_graph(), meta)
    assert (d.kind, d.unit) == ("db", "dB")


def test_classes_keep_the_collections_class_table(meta):
    lc = load("ESA_WORLDCOVER_10M_2021_V2", ["MAP"], ("2021-01-01", "2022-01-01")).max_time()
    d = describe_result(lc.flat_graph(), meta)
    assert d.kind == "classes" and d.unit is None
    names = {c.value: c.name.lower() for c in d.classes}
    assert "tree" in names[10] and "water" in names[80]
    water = describe_result((lc == 80).flat_graph(), meta)
    assert (water.kind, water.unit) == ("mask", None) and "water" in water.words


def test_temperature_elevation_terrain(meta):
    lst = load("SENTINEL3_SLSTR_L2_LST", ["LST"])
    assert describe_result(lst.mean_time().flat_graph(), meta).unit == "K"
    celsius = describe_result((lst.mean_time() - 273.15).flat_graph(), meta)
    assert (celsius.kind, celsius.unit) == ("temperature", "degC")
    hot = describe_result((lst.mean_time() > 310).flat_graph(), meta)
    assert (hot.kind, hot.words) == ("mask", "hot")
    dem = load("COPERNICUS_30", ["DEM"], ("2010-01-01", "2030-01-01")).max_time()
    assert (describe_result(dem.flat_graph(), meta).kind, describe_result(dem.flat_graph(), meta).unit) == ("elevation", "m")
    dzdx = dem.apply_kernel(kernel=[[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], factor=1 / 240)
    dzdy = dem.apply_kernel(kernel=[[1, 2, 1], [0, 0, 0], [-1, -2, -1]], factor=1 / 240)
    slope = (dzdx * dzdx + dzdy * dzdy).apply(lambda x: (x ** 0.5).arctan() * 57.29577951308232)
    assert (describe_result(slope.flat_graph(), meta).kind, describe_result(slope.flat_graph(), meta).unit) == ("slope", "degrees")
    shade = dem.apply_kernel(kernel=[[0.1, 0, -0.1], [0.2, 0, -0.2], [0.1, 0, -0.1]], factor=1).apply(lambda x: (x + 0.7).clip(0, 1))
    hs = describe_result(shade.flat_graph(), meta)
    assert (hs.kind, hs.unit) == ("hillshade", None) and "Hillshade" in hs.label


def test_reflectance_rgb_and_tables(meta):
    rgb = describe_result(s2(("B04", "B03", "B02")).median_time().flat_graph(), meta)
    assert rgb.kind == "rgb"
    table = describe_result(s2().ndvi().median_time().aggregate_spatial(
        {"type": "Polygon", "coordinates": [[[17.2, 50.4], [17.3, 50.4], [17.3, 50.5], [17.2, 50.4]]]}, "mean").flat_graph(), meta)
    assert (table.kind, table.index) == ("table", "NDVI")
    series = describe_result(s2().ndvi().aggregate_spatial(
        {"type": "Polygon", "coordinates": [[[17.2, 50.4], [17.3, 50.4], [17.3, 50.5], [17.2, 50.4]]]}, "mean").flat_graph(), meta)
    assert series.kind == "timeseries"


def test_a_flood_mask_cut_to_cropland_says_so(meta):
    """The Nysa graph an LLM drafted: a drop below -3 dB, after below -15 dB, on WorldCover cropland.
    Its area was reported as 'Flooded area' with no word of the cropland cut."""
    before = db(load("SENTINEL1_GRD", ["VV"], ("2024-09-01", "2024-09-13")).reduce_dimension("t", "mean"))
    after = db(load("SENTINEL1_GRD", ["VV"], ("2024-09-15", "2024-09-21")).reduce_dimension("t", "min"))
    flooded = ((after - before) < -3) & (after < -15)
    assert describe_result(flooded.flat_graph(), meta).words == "flooded"  # the same band refines, adds nothing
    cropland = load("ESA_WORLDCOVER_10M_2021_V2", ["MAP"], (None, None)).band("MAP") == 40
    d = describe_result((flooded & cropland.resample_cube_spatial(flooded)).flat_graph(), meta)
    assert (d.kind, d.words, d.threshold) == ("mask", "flooded in cropland", -3.0)
    assert d.label.startswith("Flooded in cropland") and "MAP" in d.bands
    either = describe_result((flooded | (load("SENTINEL2_L2A", ["B03", "B08"]).ndvi(nir="B08", red="B03") < 0)).flat_graph(), meta)
    assert either.words.startswith("flooded or ")


def test_a_radar_index_is_named_by_both_bands_not_by_its_numerator(meta):
    """RVI = 4·VH / (VV + VH): its time series was titled 'Time series of VH' with a column 'VH'."""
    s1 = load("SENTINEL1_GRD", ["VH", "VV"], ("2021-07-01", "2021-10-01"))
    vh, vv = s1.band("VH"), s1.band("VV")
    d = describe_result((4 * vh / (vv + vh)).reduce_dimension("t", "mean").flat_graph(), meta)
    assert (d.kind, d.quantity) == ("index", "VH-VV radar index"), d
    assert describe_result((vh / vv).flat_graph(), meta).quantity == "VH/VV ratio"
    assert describe_result((vv - vh).flat_graph(), meta).kind != "index"


def test_water_after_and_not_water_before_is_flooded(meta):
    """Found playing the LLM (DANA, Valencia 2024): `water_after & ~water_before` was labelled plain
    "Water"; the same condition in two periods, one negated, is what appeared between them."""
    before = db(load("SENTINEL1_GRD", ["VV"], ("2024-10-15", "2024-10-25")).reduce_dimension("t", "min"))
    after = db(load("SENTINEL1_GRD", ["VV"], ("2024-10-29", "2024-11-06")).reduce_dimension("t", "min"))
    d = describe_result(((after < -18) & ~(before < -18)).flat_graph(), meta)
    assert (d.kind, d.words, d.threshold) == ("mask", "flooded", -18.0)
    assert [(p.label.split()[0], p.start) for p in d.periods] == [("before", "2024-10-15"), ("after", "2024-10-29")]
    assert describe_result((~(before < -18) & (after < -18)).flat_graph(), meta).words == "flooded"  # either order
    assert describe_result(((before < -18) & ~(after < -18)).flat_graph(), meta).words == "no longer water"
    # an optical water index the same way (NDWI > 0 after, not before)
    def ndwi(period: tuple[str, str]) -> DataCube:
        cube = s2(("B03", "B08"), period)
        green, nir = cube.band("B03"), cube.band("B08")
        return ((green - nir) / (green + nir)).reduce_dimension("t", "median")

    pre, post = ndwi(("2023-06-01", "2023-07-01")), ndwi(("2023-08-01", "2023-09-01"))
    assert describe_result(((post > 0) & ~(pre > 0)).flat_graph(), meta).words == "flooded"
    # a negated mask of the same period stays what it was (no change)
    assert describe_result(((after < -18) & ~(after < -25)).flat_graph(), meta).words == "water"


def test_a_mask_and_what_is_made_of_it_keep_what_it_compared_as_typed_fields(meta):
    """An answer in another language names a mask's quantity from the kind it compared (a backscatter change,
    decibels, an index change) and its 1s from `mask_words`, not from the English label."""
    before = db(load("SENTINEL1_GRD", ["VV"], ("2024-08-04", "2024-09-01")).reduce_dimension("t", "mean"))
    after = db(load("SENTINEL1_GRD", ["VV"], ("2024-09-01", "2024-10-01")).reduce_dimension("t", "min"))
    flood = describe_result((after - before < -3).flat_graph(), meta)
    assert (flood.subject, flood.mask_words) == ("change", "flooded")
    water = db(load("SENTINEL1_GRD", ["VH"])) < -20
    count = describe_result(water.reduce_dimension("t", "sum").flat_graph(), meta)
    assert (count.kind, count.subject, count.mask_words, count.threshold) == ("count", "db", "water", -20.0)
    ndvi = s2().ndvi(nir="B08", red="B04")
    loss = describe_result((ndvi.max_time() - s2(period=("2023-06-01", "2023-07-01")).ndvi(
        nir="B08", red="B04").max_time() < -0.2).flat_graph(), meta)
    assert loss.subject == "index_change" and loss.index == "NDVI"
    plain = describe_result(ndvi.max_time().flat_graph(), meta)
    assert plain.subject is None and plain.mask_words is None


def test_a_threshold_says_its_scale_when_the_unit_tells_it(meta):
    """40 after subtracting 273.15 is °C, 310 on the raw band is K, 15 on a slope is degrees, 500 on a DEM is metres;
    an index's or a decibel's threshold stays a plain number."""
    lst = load("SENTINEL3_SLSTR_L2_LST", ["LST"])
    hot_c = describe_result(((lst.band("LST") - 273.15) > 40).flat_graph(), meta)
    assert (hot_c.threshold, hot_c.threshold_unit) == (40, "degC") and hot_c.label.endswith("> 40 °C)")
    days = describe_result(((lst.band("LST") - 273.15) > 35).reduce_dimension(dimension="t", reducer="sum").flat_graph(), meta)
    assert days.kind == "count" and "> 35 °C" in days.label
    hot_k = describe_result((lst.mean_time() > 310).flat_graph(), meta)
    assert hot_k.label.endswith("> 310 K)")
    dem = load("COPERNICUS_30", ["DEM"], ("2010-01-01", "2030-01-01")).max_time()
    assert describe_result((dem < 500).flat_graph(), meta).label.endswith("< 500 m)")
    ndvi = describe_result((s2().ndvi(red="B04", nir="B08").mean_time() > 0.3).flat_graph(), meta)
    assert ndvi.threshold_unit is None and ndvi.label.endswith("> 0.3)")


def test_a_value_minus_its_local_mean_under_a_threshold_is_dark_spots(meta):
    # the planner's own oil-slick form: (vv_db - local_mean) < -3, not a VH/VV ratio nor water
    vv = db(load("SENTINEL1_GRD", ["VV"], ("2020-08-10", "2020-08-11")).reduce_dimension("t", "mean"))
    local = vv.apply_kernel([[1] * 15] * 15, factor=1 / 225)
    d = describe_result(((vv - local) < -3).flat_graph(), meta)
    assert (d.kind, d.words) == ("mask", "dark spots") and "local mean < -3" in d.label
    assert describe_result(((vv - local) > 3).flat_graph(), meta).words == "bright spots"
