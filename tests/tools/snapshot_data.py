"""A small metadata snapshot (what the parent would fetch from a backend), for sandbox tests."""

ROOT = "http://backend.invalid/openeo/1.2"


def _collection(cid: str, title: str, description: str, bands: list[tuple[str, str | None]], keywords: list[str]) -> dict:
    return {
        "stac_version": "1.0.0",
        "id": cid,
        "title": title,
        "description": description,
        "license": "proprietary",
        "keywords": keywords,
        "extent": {
            "spatial": {"bbox": [[-180, -90, 180, 90]]},
            "temporal": {"interval": [["2017-03-28T00:00:00Z", None]]},
        },
        "cube:dimensions": {
            "x": {"type": "spatial", "axis": "x", "extent": [-180, 180], "reference_system": 4326, "step": 10},
            "y": {"type": "spatial", "axis": "y", "extent": [-90, 90], "reference_system": 4326, "step": 10},
            "t": {"type": "temporal", "extent": ["2017-03-28T00:00:00Z", None]},
            "bands": {"type": "bands", "values": [b for b, _ in bands]},
        },
        "summaries": {"eo:bands": [{"name": b, **({"common_name": c} if c else {})} for b, c in bands]},
        "links": [],
    }


S2 = _collection(
    "SENTINEL2_L2A", "Sentinel-2 L2A", "Sentinel-2 surface reflectance with scene classification.",
    [("B02", "blue"), ("B03", "green"), ("B04", "red"), ("B08", "nir"), ("SCL", None)], ["sentinel", "optical"],
)
S1 = _collection(
    "SENTINEL1_GRD", "Sentinel-1 GRD", "C-band SAR backscatter.", [("VV", None), ("VH", None)], ["radar", "sar"],
)

SNAPSHOT = {
    "root_url": ROOT,
    "responses": {
        "/": {
            "api_version": "1.2.0", "backend_version": "test", "stac_version": "1.0.0", "id": "test",
            "title": "test", "description": "test", "production": False,
            "endpoints": [
                {"path": "/collections", "methods": ["GET"]},
                {"path": "/collections/{collection_id}", "methods": ["GET"]},
                {"path": "/processes", "methods": ["GET"]},
                {"path": "/result", "methods": ["POST"]},
                {"path": "/jobs", "methods": ["GET", "POST"]},
                {"path": "/validation", "methods": ["POST"]},
            ],
            "links": [],
        },
        "/collections": {"collections": [S2, S1], "links": []},
        "/collections/SENTINEL2_L2A": S2,
        "/collections/SENTINEL1_GRD": S1,
        "/processes": {"processes": [], "links": []},
        "/file_formats": {"input": {}, "output": {"GTiff": {"gis_data_types": ["raster"]}, "netCDF": {"gis_data_types": ["raster"]}}},
    },
}

BENIGN = '''
import openeo
from openeo.processes import array_element

connection = openeo.connect("openeo.dataspace.copernicus.eu").authenticate_oidc()
cube = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={"west": 4.62, "south": 50.82, "east": 4.78, "north": 50.92},
    temporal_extent=["2024-06-01", "2024-07-01"],
    bands=["B04", "B08", "SCL"],
)
scl = cube.band("SCL")
mask = (scl == 3) | (scl == 8) | (scl == 9)
ndvi = cube.ndvi(nir="B08", red="B04").mask(mask).median_time()
print("built", len(connection.list_collection_ids()), "collections")
ndvi.download("ndvi.tif")
'''
