"""Results say what they are, and every graph of a script gets its own: run_openeo_code then
execute() through the real sandbox, the embedded backend over HTTP and the openeo client.

- the file is the one the code names (`download("ndvi_leuven.nc")`), in its format;
- a loop of execute_batch calls over tiles keeps every graph: one result per tile, all on the map;
- kinds and units come from the graph (mask, count, index, index change, dB, classes), not from
  the input bands;
- numbers per band (never pooled over bands with other units; every band named), per time step
  (count and range), per class (the SCL's cloud share) and per geometry (the table itself, whole
  in the run folder).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np
import pytest
import rasterio
import xarray as xr

from tools.code import run_openeo_code
from tools.execute import execute
from tools.maps import render_map

HEAD = '''import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()
'''
WORKFLOWS = Path(__file__).resolve().parents[1] / "data" / "workflows"
LEUVEN = '{"west": 4.68, "south": 50.86, "east": 4.70, "north": 50.875}'


def run(ctx, body: str) -> str:
    out = run_openeo_code(HEAD + body, ctx)
    assert out.status == "VALID", out.to_text()
    return execute(ctx).to_text()


def test_the_code_names_the_file_and_its_format(ctx):
    text = run(ctx, f'''cube = connection.load_collection("SENTINEL2_L2A", spatial_extent={LEUVEN},
    temporal_extent=["2023-06-01", "2023-06-20"], bands=["B04", "B08"])
cube.ndvi(nir="B08", red="B04").download("ndvi_leuven_june.nc")
''')
    path = ctx.run.file("ndvi_leuven_june.nc")
    assert path.exists() and not ctx.run.file("result.tif").exists()
    assert text.splitlines()[1] == f"Result (sync): {path.name}"  # the name only: no path of this machine
    with xr.open_dataset(path) as ds:  # really netCDF, with its time steps
        assert ds.sizes["t"] >= 2
    steps = re.search(r"(\d+) time steps from (\S+) to (\S+)", text)
    assert steps and int(steps.group(1)) == ds.sizes["t"], text
    assert "NDVI mean per step:" in text and ctx.artifacts.result_media_type == "application/x-netcdf"


def test_a_loop_over_tiles_gives_one_result_per_tile_on_one_map(ctx):
    out = run_openeo_code((WORKFLOWS / "tiles_loop_execute_batch.py").read_text(), ctx)
    assert out.status == "VALID"
    text = out.to_text()
    assert "The script sends 4 graphs (ndvi_tile_0_0.tif, ndvi_tile_0_1.tif, ndvi_tile_1_0.tif, ndvi_tile_1_1.tif)" in text
    result = execute(ctx)
    assert result.ok and len(result.results) == 4
    bounds = []
    for r in result.results:
        with rasterio.open(r.result_path) as src:
            bounds.append(tuple(round(v, 3) for v in src.bounds))
            assert src.count == 1
    assert len(set(bounds)) == 4  # four different tiles, none overwritten
    listed = [line for line in result.to_text().splitlines() if line.startswith("- ndvi_tile_")]
    assert len(listed) == 4
    page_out = render_map(ctx)
    assert page_out.ok and len([n for n in page_out.layers if "ndvi_tile_" in n]) == 3  # + the primary layer
    page = ctx.run.file("map.html").read_text()
    assert page.count("L.imageOverlay(") >= 4


def test_bands_with_different_units_are_never_pooled_and_scl_says_how_cloudy(ctx):
    text = run(ctx, f'''cube = connection.load_collection("SENTINEL2_L2A", spatial_extent={LEUVEN},
    temporal_extent=["2021-06-19", "2021-06-20"], bands=["B04", "B03", "B02", "SCL"])
cube.reduce_dimension(dimension="t", reducer="first").download("true_colour.tif")
''')
    assert "bands=B04, B03, B02, SCL" in text
    assert not re.search(r"^min=", text, re.M)  # no pooled line over reflectance and classes
    for band in ("B04", "B03", "B02"):
        assert re.search(rf"^{band}: min=\S+ max=\S+ mean=\S+ reflectance", text, re.M), text
    shares = dict(re.findall(r"(\d+) [a-z ()]+? (\d+\.\d)%", text.split("SCL classes")[1].splitlines()[0]))
    with rasterio.open(ctx.run.file("true_colour.tif")) as src:
        scl = src.read(4)
    cloudy = np.isin(scl, [8, 9, 10]).mean() * 100
    assert abs(sum(float(shares.get(c, 0)) for c in ("8", "9", "10")) - cloudy) < 0.2
    assert "kind=rgb" in text


def test_every_band_is_named(ctx):
    bands = ["B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B11", "B12"]
    text = run(ctx, f'''cube = connection.load_collection("SENTINEL2_L2A", spatial_extent={LEUVEN},
    temporal_extent=["2023-06-01", "2023-06-20"], bands={bands})
cube.median_time().download("all_bands.tif")
''')
    assert f"bands={', '.join(bands)}" in text
    assert all(re.search(rf"^{b}: min=", text, re.M) for b in bands)


def test_a_table_per_geometry_is_the_table_itself(ctx):
    fields = [[[4.680 + 0.004 * i, 50.860], [4.683 + 0.004 * i, 50.860], [4.683 + 0.004 * i, 50.863], [4.680 + 0.004 * i, 50.863],
               [4.680 + 0.004 * i, 50.860]] for i in range(5)]
    geoms = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": f"field {i}"}, "geometry": {"type": "Polygon", "coordinates": [ring]}}
        for i, ring in enumerate(fields)]}
    text = run(ctx, f'''cube = connection.load_collection("SENTINEL2_L2A", spatial_extent={LEUVEN},
    temporal_extent=["2023-06-01", "2023-07-01"], bands=["B04", "B08"])
ndvi = cube.ndvi(nir="B08", red="B04").max_time()
ndvi.aggregate_spatial(geometries={geoms}, reducer="mean").download("fields.json")
''')
    assert "Table: 5 geometries, 5 rows; columns geometry, name, NDVI" in text, text
    rows = [line.split(" | ") for line in text.splitlines() if re.match(r"^\d \| ", line)]
    assert [int(r[0]) for r in rows] == [0, 1, 2, 3, 4] and [r[1] for r in rows] == [f"field {i}" for i in range(5)]
    with open(ctx.run.file("zonal_statistics.csv")) as handle:
        table = list(csv.reader(handle))
    assert table[0] == ["geometry", "name", "NDVI"] and len(table) == 6
    values = [float(r[2]) for r in table[1:]]
    assert re.search(rf"NDVI: min={min(values):.4g} max={max(values):.4g}", text)


def test_a_table_of_many_dates_and_geometries_is_short_in_the_text_and_whole_on_disk(ctx):
    geoms = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [4.681 + 0.003 * i, 50.861]}}
        for i in range(4)]}
    text = run(ctx, f'''cube = connection.load_collection("SENTINEL2_L2A", spatial_extent={LEUVEN},
    temporal_extent=["2023-04-01", "2023-07-01"], bands=["B04", "B08"])
cube.ndvi(nir="B08", red="B04").aggregate_spatial(geometries={geoms}, reducer="mean").download("points.csv")
''')
    head = re.search(r"Table: 4 geometries x (\d+) dates \((\S+) to (\S+)\), (\d+) rows", text)
    assert head, text
    dates, rows = int(head.group(1)), int(head.group(4))
    assert rows == 4 * dates > 12 and f"... {rows - 12} more rows in zonal_statistics.csv" in text
    with open(ctx.run.file("zonal_statistics.csv")) as handle:
        assert len(list(csv.reader(handle))) == rows + 1


KINDS = {
    "mask": ('''s1 = connection.load_collection("SENTINEL1_GRD", spatial_extent={box}, temporal_extent=["2024-10-30", "2024-11-06"], bands=["VV"])
water = s1.sar_backscatter(coefficient="sigma0-ellipsoid").reduce_dimension(dimension="t", reducer="min").apply(lambda x: 10 * x.log(10)) < -15
water.download("water.tif")''', "kind=mask", None),
    "count": ('''s2 = connection.load_collection("SENTINEL2_L2A", spatial_extent={box}, temporal_extent=["2023-06-01", "2023-09-01"], bands=["B04", "B08"])
green = s2.ndvi(nir="B08", red="B04") > 0.6
green.reduce_dimension(dimension="t", reducer="sum").download("green_days.tif")''', "kind=count", "count"),
    "index": ('''s2 = connection.load_collection("SENTINEL2_L2A", spatial_extent={box}, temporal_extent=["2023-06-01", "2023-07-01"], bands=["B02", "B04", "B08"])
evi = s2.apply_dimension(dimension="bands", process=lambda b: 2.5 * (b[2] - b[1]) / (b[2] + 6 * b[1] - 7.5 * b[0] + 10000))
evi.reduce_dimension(dimension="t", reducer="max").download("evi.tif")''', "kind=index", "index"),
    "index change": ('''def nbr(period):
    s2 = connection.load_collection("SENTINEL2_L2A", spatial_extent={box}, temporal_extent=period, bands=["B08", "B12"])
    return ((s2.band("B08") - s2.band("B12")) / (s2.band("B08") + s2.band("B12"))).median_time()
(nbr(["2023-06-01", "2023-07-01"]) - nbr(["2023-08-01", "2023-09-01"])).download("dnbr.tif")''', "kind=index_change", "index"),
    "dB": ('''s1 = connection.load_collection("SENTINEL1_GRD", spatial_extent={box}, temporal_extent=["2024-10-01", "2024-10-25"], bands=["VV"])
s1.sar_backscatter(coefficient="sigma0-ellipsoid").mean_time().apply(lambda x: 10 * x.log(10)).download("vv_db.tif")''', "kind=db", "dB"),
    "classes": ('''lc = connection.load_collection("ESA_WORLDCOVER_10M_2021_V2", spatial_extent={box}, bands=["MAP"])
lc.download("worldcover.tif")''', "kind=classes", None),
}


@pytest.mark.parametrize("name", list(KINDS))
def test_result_kinds_come_from_the_graph(ctx, name):
    body, kind, unit = KINDS[name]
    text = run(ctx, body.format(box=LEUVEN))
    assert kind in text, text
    described = re.search(r"unit=(\S+)", text)
    if unit is None:
        assert "unit=reflectance" not in text and "unit=dB" not in text
    else:
        assert described and described.group(1).startswith(unit), text
    if name == "classes":
        assert re.search(r"MAP classes \(share of valid pixels\): \d+ [A-Za-z]", text)
    style = render_map(ctx)
    assert style.ok


def test_a_count_of_time_steps_says_how_many_the_window_holds(ctx):
    """'max=45' alone cannot be read (45 of 62 days? of 124 day and night passes?): the note gives
    the acquisition days the backend lists for the load, and no pixel counts more."""
    from datetime import date

    from tools.acquisitions import find_acquisitions, searcher_for

    text = run(ctx, KINDS["count"][0].format(box=LEUVEN))
    note = re.search(r"Time steps: the backend lists (\d+) acquisition days of SENTINEL2_L2A over the area "
                     r"from 2023-06-01 to 2023-09-01 \(end exclusive\)", text)  # fmt: skip
    assert note, text
    source, http = searcher_for(ctx)
    box = (4.68, 50.86, 4.70, 50.875)
    days = find_acquisitions(http, source, "SENTINEL2_L2A", box, date(2023, 6, 1), date(2023, 9, 1), nearest=False).days
    assert int(note.group(1)) == len(days) > 1
    top = float(re.search(r"max=(\S+)", text).group(1))
    assert top <= sum(a.items for a in days)


def test_a_mean_over_time_says_nothing_of_time_steps(ctx):
    text = run(ctx, KINDS["index"][0].format(box=LEUVEN))
    assert "Time steps:" not in text
