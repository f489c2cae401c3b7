"""Intents: products, collections, reducers and shapes from everyday wording in five languages."""

import pytest
from planner_helpers import intent


@pytest.mark.parametrize("text, task, index, collection", [
    ("NDVI of my farm", "index", "NDVI", "SENTINEL2_L2A"),
    ("how green is the park (vegetation health)", "index", "NDVI", "SENTINEL2_L2A"),
    ("Enhanced Vegetation Index for the estates", "index", "EVI", "SENTINEL2_L2A"),
    ("SAVI over the dry rangeland", "index", "SAVI", "SENTINEL2_L2A"),
    ("mndwi water map", "index", "MNDWI", "SENTINEL2_L2A"),
    ("moisture stress of the wheat", "index", "NDMI", "SENTINEL2_L2A"),
    ("burn severity after the fire", "index", "NBR", "SENTINEL2_L2A"),
    ("snow cover with NDSI", "index", "NDSI", "SENTINEL2_L2A"),
    ("urban growth (built-up index)", "index", "NDBI", "SENTINEL2_L2A"),
    ("Landsat 8 NDVI", "index", "NDVI", "LANDSAT8_L2"),
    ("top-of-atmosphere true colour", "rgb", None, "SENTINEL2_L1C"),
    ("false colour infrared composite", "rgb", None, "SENTINEL2_L2A"),
    ("median composite of B02, B03, B04", "composite", None, "SENTINEL2_L2A"),
    ("flooded fields after the storm", "flood", None, "SENTINEL1_GRD"),
    ("Überschwemmung nach dem Sturm", "flood", None, "SENTINEL1_GRD"),
    ("VH/VV ratio of the rice paddies", "ratio", None, "SENTINEL1_GRD"),
    ("radar backscatter of the harbour", "backscatter", None, "SENTINEL1_GRD"),
    ("Höhenmodell der Gegend", "dem", None, "COPERNICUS_30"),
    ("carte des pentes (pente) du massif", "slope", None, "COPERNICUS_30"),
    ("shaded relief of the valley", "hillshade", None, "COPERNICUS_30"),
    ("land surface temperature during the heatwave", "lst", None, "SENTINEL3_SLSTR_L2_LST"),
    ("air quality: nitrogen dioxide", "atmosphere", None, "SENTINEL_5P_L2"),
    ("methane concentration", "atmosphere", None, "SENTINEL_5P_L2"),
    ("ESA WorldCover tree cover", "landcover", None, "ESA_WORLDCOVER_10M_2021_V2"),
    ("Sentinel-3 OLCI true colour", "rgb", None, "SENTINEL3_OLCI_L1B"),
    ("mapa de NDVI", "index", "NDVI", "SENTINEL2_L2A"),
    ("tell me a joke", "unknown", None, "SENTINEL2_L2A"),
])
def test_task(text, task, index, collection):
    it = intent(text)
    assert (it.task, it.index, it.collection) == (task, index, collection)


def test_reducer_threshold_and_shape():
    it = intent("per-pixel maximum NDVI")
    assert it.reducer == "max"
    it = intent("classify snow where NDSI > 0.4")
    assert it.threshold and (it.threshold.op, it.threshold.value) == ("gt", 0.4)
    it = intent("daily time series of NO2 as CSV")
    assert it.timeseries and it.output_format == "CSV"
    it = intent("monthly mean VH/VV ratio")
    assert it.period == "month" and it.reducer == "mean"


def test_projection_and_landcover_class():
    assert intent("reproject to UTM zone 45N").epsg == 32645
    assert intent("to EPSG:3035 at 20 m").epsg == 3035
    assert intent("WorldCover mask of class 80").landcover_class == 80
    assert intent("WorldCover cropland").landcover_class == 40


def test_hillshade_sun():
    it = intent("hillshade with azimuth 270° and altitude 30°")
    assert (it.azimuth, it.altitude) == (270.0, 30.0)


def test_change_detection():
    assert intent("NDVI difference between 2018 and 2019").change
    assert intent("dNBR").change


@pytest.mark.parametrize("text", [
    "monthly mean LST over Seville for summer 2022",
    "Monatsmittel der Landoberflächentemperatur für Juni bis August",
    "moyennes mensuelles de la température de surface, juin à août",
    "temperatura superficial media mensual de junio a agosto",
    "maandgemiddelde oppervlaktetemperatuur van juni tot augustus",
    "LST media mensile da giugno ad agosto",
])
def test_monthly_lst_aggregates_by_month(text):
    it = intent(text)
    assert (it.task, it.period) == ("lst", "month")


@pytest.mark.parametrize("text, change", [
    ("NDMI composite (NIR vs SWIR1) for July 2022", False),
    ("NDWI map (green vs near-infrared) for September", False),
    ("B08 versus B04 ratio", False),
    ("NDVI July 2022 vs July 2021", True),
    ("NDVI difference 2021 versus 2022", True),
])
def test_bands_compared_are_not_two_periods(text, change):
    assert intent(text).change is change


@pytest.mark.parametrize("text, task", [
    ("Calcola la temperatura superficiale media mensile su Bologna", "lst"),
    ("Mappa delle pendenze dell'Etna", "slope"),
    ("Immagine a colori naturali di Capri", "rgb"),
    ("Copertura nevosa sulle Dolomiti", "index"),
])
def test_italian_products(text, task):
    assert intent(text).task == task
