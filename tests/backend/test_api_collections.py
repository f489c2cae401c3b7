"""The collection catalog over real HTTP: CDSE ids, bands, units, scales and the STAC datacube view."""

from __future__ import annotations

import openeo
import pytest
import requests
from openeo.rest import OpenEoApiError

from backend.catalog import load_catalog
from backend.catalog.stac import collection_document
from backend.datasources import setup
from backend.settings import BackendSettings

REQUIRED = ["SENTINEL2_L2A", "SENTINEL2_L1C", "SENTINEL1_GRD", "COPERNICUS_30", "SENTINEL3_SLSTR_L2_LST",
            "SENTINEL3_OLCI_L1B", "SENTINEL_5P_L2", "LANDSAT8_L2", "ESA_WORLDCOVER_10M_2021_V2"]


@pytest.fixture(scope="module")
def con(backend_url):
    return openeo.connect(backend_url)


def bands_of(doc: dict) -> dict[str, dict]:
    raster = {b["name"]: b for b in doc["summaries"]["raster:bands"]}
    return {b["name"]: {**b, **raster[b["name"]]} for b in doc["summaries"]["eo:bands"]}


def test_all_cdse_collections_are_listed(con):
    ids = con.list_collection_ids()
    assert set(REQUIRED) <= set(ids)
    listing = con.list_collections()
    assert all(c["title"] and c["description"] and c["keywords"] for c in listing)


def test_sentinel2_l2a_bands_scales_and_scl_classes(con):
    doc = con.describe_collection("SENTINEL2_L2A")
    bands = bands_of(doc)
    assert [b for b in bands if b.startswith("B")] == [
        "B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B11", "B12"]
    assert bands["B04"]["common_name"] == "red" and bands["B08"]["common_name"] == "nir"
    assert bands["B04"]["center_wavelength"] == pytest.approx(0.665)
    assert bands["B04"]["scale"] == 0.0001 and bands["B04"]["data_type"] == "uint16" and bands["B04"]["nodata"] == 0
    assert {bands[b]["gsd"] for b in ("B02", "B05", "B01")} == {10, 20, 60}
    classes = {c["value"]: c["description"] for c in bands["SCL"]["classification:classes"]}
    assert sorted(classes) == list(range(12))
    assert "cloud" in classes[9] and "shadow" in classes[3] and classes[6] == "water"
    dims = doc["cube:dimensions"]
    assert set(dims) == {"x", "y", "t", "bands"}
    assert dims["bands"]["values"] == list(bands)
    assert dims["t"]["extent"][0].startswith("2015-07") and dims["t"]["extent"][1] is None
    assert doc["extent"]["spatial"]["bbox"] == [[-180, -90, 180, 90]]
    assert "https://stac-extensions.github.io/datacube/v2.2.0/schema.json" in doc["stac_extensions"]


def test_real_file_coverage_is_published(con):
    doc = con.describe_collection("SENTINEL2_L2A")
    coverage = {c["datetime"][:10]: c for c in doc["openeo_agent:real_coverage"]}
    assert set(coverage) == {"2022-06-12", "2022-07-01"}
    west, south, east, north = coverage["2022-06-12"]["bbox"]
    assert 11.27 < west < 11.29 and 46.52 < north < 46.53
    assert coverage["2022-06-12"]["bands"] == ["B04", "B03", "B02", "B08", "SCL"]
    assert "Real observations from local files cover" in doc["description"]
    assert con.describe_collection("SENTINEL1_GRD")["openeo_agent:real_coverage"] == []


@pytest.mark.parametrize(("cid", "band", "dtype", "unit"), [
    ("SENTINEL1_GRD", "VH", "float32", "1"),
    ("COPERNICUS_30", "DEM", "float32", "m"),
    ("SENTINEL3_SLSTR_L2_LST", "LST", "float32", "K"),
    ("SENTINEL_5P_L2", "NO2", "float32", "mol/m2"),
    ("SENTINEL_5P_L2", "CH4", "float32", "ppb"),
    ("LANDSAT8_L2", "B10", "uint16", "K"),
    ("SENTINEL3_OLCI_L1B", "B21", "float32", "mW m-2 sr-1 nm-1"),
])
def test_band_facts(con, cid, band, dtype, unit):
    meta = bands_of(con.describe_collection(cid))[band]
    assert meta["data_type"] == dtype and meta["unit"] == unit


def test_band_sets_of_other_collections(con):
    assert set(bands_of(con.describe_collection("SENTINEL1_GRD"))) == {"VV", "VH", "HH", "HV"}
    s5p = set(bands_of(con.describe_collection("SENTINEL_5P_L2")))
    assert {"NO2", "CO", "CH4", "O3", "SO2", "HCHO", "AER_AI_340_380", "CLOUD_FRACTION"} <= s5p
    assert list(bands_of(con.describe_collection("SENTINEL3_OLCI_L1B"))) == [f"B{i:02d}" for i in range(1, 22)]
    l8 = bands_of(con.describe_collection("LANDSAT8_L2"))
    assert {"B01", "B02", "B03", "B04", "B05", "B06", "B07", "B10", "BQA"} <= set(l8)
    assert l8["B04"]["scale"] == 0.0000275 and l8["B04"]["offset"] == -0.2
    assert "B10" in bands_of(con.describe_collection("SENTINEL2_L1C"))
    wc = con.describe_collection("ESA_WORLDCOVER_10M_2021_V2")
    classes = [c["value"] for c in bands_of(wc)["MAP"]["classification:classes"]]
    assert classes == [10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 100]
    assert wc["cube:dimensions"]["t"]["extent"][0].startswith("2021-01-01")


@pytest.mark.parametrize(("cid", "keyword"), [
    ("SENTINEL1_GRD", "radar"), ("SENTINEL1_GRD", "sar"), ("SENTINEL2_L2A", "optical"), ("COPERNICUS_30", "elevation"),
    ("SENTINEL_5P_L2", "air pollution"), ("SENTINEL3_SLSTR_L2_LST", "land surface temperature"),
    ("ESA_WORLDCOVER_10M_2021_V2", "land cover"),
])
def test_keywords_for_collection_search(con, cid, keyword):
    assert keyword in con.describe_collection(cid)["keywords"]


def test_unknown_collection_is_collection_not_found(con, backend_url):
    with pytest.raises(OpenEoApiError) as err:
        con.describe_collection("SENTINEL2_L3")
    assert err.value.code == "CollectionNotFound" and err.value.http_status_code == 404
    assert "SENTINEL2_L2A" in err.value.message  # names the ids that exist
    assert requests.get(backend_url + "/collections/SENTINEL2_L3/queryables", timeout=10).status_code == 404


def test_collections_served_by_the_simulated_earth_are_marked(monkeypatch, tmp_path, real_data_dir):
    class FakeEarth:
        name, simulated = "fake-earth", True

        def __init__(self, catalog):
            self.catalog = catalog

    monkeypatch.setattr(setup, "_simulated_earth", lambda catalog: FakeEarth(catalog))
    catalog = load_catalog()
    registry = setup.build_sources(BackendSettings(data_dir=str(real_data_dir), jobs_dir=str(tmp_path)), catalog)
    # With a simulated Earth every collection may answer with simulated values (outside real files).
    assert catalog["SENTINEL2_L2A"].simulated is True and catalog["SENTINEL1_GRD"].simulated is True
    assert [s.name for s in registry.sources("SENTINEL2_L2A")][-1] == "fake-earth"
    assert registry.sources("SENTINEL2_L2A")[0].name.startswith("files:")
    assert [s.name for s in registry.sources("SENTINEL1_GRD")] == ["fake-earth"]
    doc = collection_document(catalog["SENTINEL1_GRD"], "http://x/openeo/1.2")
    assert doc["openeo_agent:simulated"] is True and "Simulated data" in doc["description"]
    assert "(simulated)" in doc["title"]
    coverage = setup.real_coverage(registry, catalog)
    assert set(coverage) == {"SENTINEL2_L2A"} and len(coverage["SENTINEL2_L2A"]) == 2
    off = load_catalog()
    setup.build_sources(BackendSettings(simulated=False, jobs_dir=str(tmp_path)), off)
    assert not any(spec.simulated for spec in off.values())


def test_the_session_backend_flags_collections_as_simulated(con):
    simulated = {c["id"]: c["openeo_agent:simulated"] for c in con.list_collections()}
    assert all(simulated.values()), simulated  # conftest serves real files plus the simulated Earth


def test_queryables_name_the_cdse_metadata_filters(backend_url):
    s2 = requests.get(backend_url + "/collections/SENTINEL2_L2A/queryables", timeout=10).json()
    assert s2["properties"]["eo:cloud_cover"]["maximum"] == 100
    s1 = requests.get(backend_url + "/collections/SENTINEL1_GRD/queryables", timeout=10).json()
    assert s1["properties"]["sat:orbit_state"]["enum"] == ["ascending", "descending"]
    assert requests.get(backend_url + "/collections/COPERNICUS_30/queryables", timeout=10).json()["properties"] == {}
