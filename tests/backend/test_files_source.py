"""The real-file data source against direct rasterio reads of ../shared/data/real."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import rasterio
import yaml
from rasterio.windows import Window

from backend.catalog import load_catalog
from backend.datasources.base import DataRequest, DataSource
from backend.datasources.file_index import collection_for_name, date_from_name, index_folder
from backend.datasources.files import FileSource

SAMPLE = "S2_L2A_sample.tif"
BBOX = (11.30, 46.47, 11.35, 46.50)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def source(real_data_dir, catalog) -> FileSource:
    return FileSource.from_folder(real_data_dir, catalog)


def request_for(catalog, **overrides) -> DataRequest:
    fields = dict(collection=catalog["SENTINEL2_L2A"], bbox=BBOX, start="2022-06-01", end="2022-07-01", bands=["B04", "B08"])
    fields.update(overrides)
    return DataRequest(**fields)


def direct_read(path: Path, cube, band_indexes: list[int]) -> np.ndarray:
    """The pixels under the cube's x/y centres, read straight from the file with rasterio."""
    with rasterio.open(path) as src:
        col0, row0 = ~src.transform @ (float(cube.x[0]), float(cube.y[0]))
        window = Window(int(np.floor(col0)), int(np.floor(row0)), cube.sizes["x"], cube.sizes["y"])
        return src.read(band_indexes, window=window)


def test_index_finds_both_real_files_with_dates_and_bands(source):
    by_crs = {e.crs: e for e in source.entries}
    geotiff, netcdf = by_crs["EPSG:32632"], by_crs["EPSG:32631"]
    assert geotiff.date.date().isoformat() == "2022-06-12"  # from the process graph published beside it
    assert list(geotiff.bands) == ["B04", "B03", "B02", "B08", "SCL"]
    assert netcdf.date.date().isoformat() == "2022-07-01"
    assert sorted(netcdf.bands) == ["B02", "B03", "B04"]
    assert isinstance(source, DataSource)


def test_window_matches_direct_rasterio_read(source, catalog, real_data_dir):
    req = request_for(catalog)
    assert source.covers(req)
    cube = source.load(req)
    assert cube.dims == ("t", "bands", "y", "x")
    assert list(cube.bands.values) == ["B04", "B08"]
    assert cube.attrs["crs"] == "EPSG:32632" and cube.attrs["simulated"] is False and cube.attrs["nodata"] == 0
    assert str(cube.t.values[0]).startswith("2022-06-12")
    assert cube.dtype == np.uint16
    expected = direct_read(real_data_dir / SAMPLE, cube, [1, 4])
    np.testing.assert_array_equal(cube.values[0], expected)
    # The window is the bbox, not the whole file (935 x 705 px).
    assert 300 < cube.sizes["x"] < 500 and 250 < cube.sizes["y"] < 400
    assert float(cube.y[0]) > float(cube.y[-1])


def test_time_filter_band_check_and_bbox_decide_coverage(source, catalog):
    assert not source.covers(request_for(catalog, start="2022-06-13", end="2022-06-30"))
    assert not source.covers(request_for(catalog, bands=["B05"]))  # not in the file
    assert not source.covers(request_for(catalog, bbox=(2.0, 41.0, 2.1, 41.1)))
    assert not source.covers(request_for(catalog, collection=catalog["SENTINEL1_GRD"], bands=["VV"]))


def test_reprojection_to_epsg4326_keeps_values_and_extent(source, catalog, real_data_dir):
    cube = source.load(request_for(catalog, target_crs="EPSG:4326", resolution_m=20.0))
    assert cube.attrs["crs"] == "EPSG:4326"
    assert BBOX[0] - 0.001 <= float(cube.x.min()) and float(cube.x.max()) <= BBOX[2] + 0.001
    assert BBOX[1] - 0.001 <= float(cube.y.min()) and float(cube.y.max()) <= BBOX[3] + 0.001
    native = source.load(request_for(catalog)).values
    values = cube.values
    assert values.dtype == np.uint16
    with rasterio.open(real_data_dir / SAMPLE) as src:
        whole_file = src.read([1, 4])
    # Nearest-neighbour: every output value is a stored value, and the window means agree.
    assert np.isin(values[values > 0], whole_file).all()
    assert abs(values[values > 0].mean() - native[native > 0].mean()) / native.mean() < 0.02


def test_netcdf_composite_reads_stored_numbers(source, catalog, real_data_dir):
    with rasterio.open(f"netcdf:{real_data_dir / 'S2_L2A_rank_composite_2022-07.nc'}:B04") as src:
        west, south, east, north = rasterio.warp.transform_bounds(src.crs, "EPSG:4326", *src.bounds)
        full = src.read(1)
    inner = (west + 0.005, south + 0.003, east - 0.005, north - 0.003)
    cube = source.load(request_for(catalog, bbox=inner, start="2022-07-01", end="2022-08-01", bands=["B04"]))
    assert cube.attrs["crs"] == "EPSG:32631" and cube.dtype == np.int16
    values = cube.values[0, 0]
    with rasterio.open(f"netcdf:{real_data_dir / 'S2_L2A_rank_composite_2022-07.nc'}:B04") as src:
        col, row = ~src.transform @ (float(cube.x[0]), float(cube.y[0]))
    expected = full[int(row):int(row) + values.shape[0], int(col):int(col) + values.shape[1]]
    np.testing.assert_array_equal(values, expected)


def test_declared_yaml_with_date_and_zarr(tmp_path, real_data_dir, catalog):
    shutil.copy(real_data_dir / SAMPLE, tmp_path / "scene.tif")
    import xarray as xr

    ds = xr.open_dataset(real_data_dir / "S2_L2A_rank_composite_2022-07.nc", mask_and_scale=False, decode_coords="all")
    ds.to_zarr(tmp_path / "composite.zarr", mode="w", consolidated=False)
    (tmp_path / "collections.yaml").write_text(yaml.safe_dump({
        "SENTINEL2_L2A": [
            {"path": "scene.tif", "date": "2021-05-04", "bands": ["B04", "B03", "B02", "B08", "SCL"]},
            {"path": "composite.zarr"},
        ],
    }))
    source = FileSource.from_folder(tmp_path, catalog)
    dates = sorted(e.date.date().isoformat() for e in source.entries)
    assert dates == ["2021-05-04", "2022-07-01"]
    cube = source.load(request_for(catalog, start="2021-05-01", end="2021-06-01"))
    assert str(cube.t.values[0]).startswith("2021-05-04")
    zarr_entry = next(e for e in source.entries if e.bands["B02"].kind == "xarray")
    west, south, east, north = zarr_entry.bounds_4326
    inner = (west + 0.005, south + 0.003, east - 0.005, north - 0.003)
    zcube = source.load(request_for(catalog, bbox=inner, start="2022-07-01", end="2022-08-01", bands=["B02"]))
    with rasterio.open(f"netcdf:{real_data_dir / 'S2_L2A_rank_composite_2022-07.nc'}:B02") as src:
        col, row = ~src.transform @ (float(zcube.x[0]), float(zcube.y[0]))
        expected = src.read(1, window=Window(int(col), int(row), zcube.sizes["x"], zcube.sizes["y"]))
    np.testing.assert_array_equal(zcube.values[0, 0], expected)


def test_local_stac_item_maps_assets_to_bands(tmp_path, real_data_dir, catalog):
    with rasterio.open(real_data_dir / SAMPLE) as src:
        profile = src.profile | {"count": 1}
        for index, band in ((1, "B04"), (4, "B08")):
            with rasterio.open(tmp_path / f"{band}.tif", "w", **profile) as dst:
                dst.write(src.read(index), 1)
    item = {
        "type": "Feature", "stac_version": "1.0.0", "id": "scene", "collection": "SENTINEL2_L2A",
        "geometry": None, "properties": {"datetime": "2023-08-01T10:20:00Z"},
        "assets": {"B04": {"href": "B04.tif"}, "nir": {"href": "./B08.tif", "eo:bands": [{"name": "B08"}]},
                   "remote": {"href": "https://example.com/B02.tif"}},
        "links": [],
    }
    (tmp_path / "item.json").write_text(json.dumps(item))
    source = FileSource.from_folder(tmp_path, catalog)
    stac_entries = [e for e in source.entries if set(e.bands) == {"B04", "B08"}]
    assert len(stac_entries) == 1 and stac_entries[0].date.isoformat().startswith("2023-08-01")
    cube = source.load(request_for(catalog, start="2023-08-01", end="2023-08-02"))
    expected = direct_read(real_data_dir / SAMPLE, cube, [1, 4])
    np.testing.assert_array_equal(cube.values[0], expected)


@pytest.mark.parametrize(("name", "collection"), [
    ("S2_L2A_sample.tif", "SENTINEL2_L2A"), ("s2-l1c_2020-01-01.tif", "SENTINEL2_L1C"),
    ("S1A_IW_GRDH_20230101.tif", "SENTINEL1_GRD"), ("SENTINEL1_GRD_x.tif", "SENTINEL1_GRD"),
    ("cop-dem-30.tif", "COPERNICUS_30"), ("worldcover_2020.tif", "ESA_WORLDCOVER_10M_2020_V1"),
    ("ESA_WorldCover_10m_2021_v200_N45E009_Map.tif", "ESA_WORLDCOVER_10M_2021_V2"),
    ("LC08_L2SP_192028.tif", "LANDSAT8_L2"), ("S5P_NO2_2023-05.nc", "SENTINEL_5P_L2"), ("random.tif", None),
])
def test_collection_inferred_from_file_name(name, collection, catalog):
    assert collection_for_name(name, catalog) == collection


def test_dates_from_file_names():
    assert date_from_name("S2_L2A_2022-06-12_x.tif").date().isoformat() == "2022-06-12"
    assert date_from_name("S1A_IW_GRDH_20230105T0530.tif").date().isoformat() == "2023-01-05"
    assert date_from_name("S5P_NO2_2023-05.nc").date().isoformat() == "2023-05-01"
    assert date_from_name("scene.tif") is None


def test_undated_time_series_file_is_skipped_not_guessed(tmp_path, real_data_dir, catalog):
    shutil.copy(real_data_dir / SAMPLE, tmp_path / "S2_L2A_nodate.tif")
    assert index_folder(tmp_path, catalog) == []


def test_min_coverage_hands_mostly_outside_requests_to_the_next_source(real_data_dir, catalog):
    strict = FileSource.from_folder(real_data_dir, catalog, min_coverage=0.5)
    lenient = FileSource.from_folder(real_data_dir, catalog)
    inside = request_for(catalog)
    straddling = request_for(catalog, bbox=(11.35, 46.45, 11.55, 46.55))  # mostly east of the file
    assert strict.covers(inside) and lenient.covers(inside)
    assert lenient.covers(straddling) and not strict.covers(straddling)
    cube = lenient.load(straddling)
    values = cube.values
    assert (values == 0).mean() > 0.5 and (values > 0).any()  # nodata outside the file, pixels inside


def test_netcdf_time_series_on_lon_lat_axes(tmp_path, catalog):
    import pandas as pd
    import xarray as xr

    rng = np.random.default_rng(0)
    values = rng.random((3, 20, 30)).astype("float32")
    lat = 46.0 - (np.arange(20) + 0.5) * 0.05
    lon = 10.0 + (np.arange(30) + 0.5) * 0.05
    xr.Dataset({"NO2": (("time", "lat", "lon"), values)},
               coords={"time": pd.date_range("2023-05-01", periods=3), "lat": lat, "lon": lon}).to_netcdf(
        tmp_path / "S5P_NO2_may.nc", engine="h5netcdf")
    source = FileSource.from_folder(tmp_path, catalog)
    assert [e.collection_id for e in source.entries] == ["SENTINEL_5P_L2"] * 3
    req = DataRequest(collection=catalog["SENTINEL_5P_L2"], bbox=(10.2, 45.2, 10.8, 45.8),
                      start="2023-05-02", end="2023-05-04", bands=["NO2"])
    cube = source.load(req)
    assert [str(t)[:10] for t in cube.t.values] == ["2023-05-02", "2023-05-03"]
    assert cube.attrs["crs"] == "EPSG:4326"
    rows = np.rint((46.0 - cube.y.values) / 0.05 - 0.5).astype(int)
    cols = np.rint((cube.x.values - 10.0) / 0.05 - 0.5).astype(int)
    np.testing.assert_array_equal(cube.values[:, 0], values[1:3][:, rows][:, :, cols])


def test_unreadable_or_unreferenced_files_are_skipped_not_fatal(tmp_path, real_data_dir, catalog, caplog):
    (tmp_path / "S2_L2A_2022-01-01_broken.tif").write_bytes(b"not a tiff")
    (tmp_path / "S1_GRD_2022-01-01.nc").write_bytes(b"not netcdf")
    (tmp_path / "notes.json").write_text("{not json")
    import numpy as np_
    with rasterio.open(tmp_path / "S2_L2A_2022-02-02_nocrs.tif", "w", driver="GTiff", width=4, height=4, count=1,
                       dtype="uint16") as dst:
        dst.write(np_.ones((1, 4, 4), dtype="uint16"))
    shutil.copy(real_data_dir / SAMPLE, tmp_path / "S2_L2A_2022-06-12.tif")
    entries = index_folder(tmp_path, catalog)
    assert [e.date.date().isoformat() for e in entries] == ["2022-06-12"]
    assert "broken.tif" in caplog.text and "no CRS" in caplog.text


def test_undated_single_band_dem_serves_any_date(tmp_path, catalog):
    from rasterio.transform import from_origin

    heights = np.arange(100 * 120, dtype="float32").reshape(100, 120)
    with rasterio.open(tmp_path / "cop-dem-30_bolzano.tif", "w", driver="GTiff", width=120, height=100, count=1,
                       dtype="float32", crs="EPSG:4326", transform=from_origin(11.0, 47.0, 0.01, 0.01), nodata=-32767) as dst:
        dst.write(heights, 1)
    source = FileSource.from_folder(tmp_path, catalog)
    (entry,) = source.entries
    assert entry.collection_id == "COPERNICUS_30" and entry.date is None and list(entry.bands) == ["DEM"]
    req = DataRequest(collection=catalog["COPERNICUS_30"], bbox=(11.2, 46.5, 11.5, 46.7),
                      start="2024-05-01", end="2024-06-01", bands=["DEM"])
    cube = source.load(req)
    assert [str(t)[:10] for t in cube.t.values] == ["2010-01-01"]  # the collection's single time step
    assert cube.attrs["crs"] == "EPSG:4326" and cube.sizes["x"] == 30 and cube.sizes["y"] == 20
    np.testing.assert_array_equal(cube.values[0, 0], heights[30:50, 20:50])
