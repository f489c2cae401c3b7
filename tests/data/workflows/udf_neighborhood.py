import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# A UDF on 64-pixel neighbourhoods with an 8-pixel overlap (the pattern of ML inference UDFs)
udf = openeo.UDF("""
import xarray

def apply_datacube(cube: xarray.DataArray, context: dict) -> xarray.DataArray:
    return cube - cube.mean(dim=["x", "y"])
""")
s2 = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={"west": 11.30, "south": 46.47, "east": 11.32, "north": 46.485},
    temporal_extent=["2022-06-12", "2022-06-13"],
    bands=["B04", "B08"],
)
anomaly = s2.apply_neighborhood(
    process=udf,
    size=[{"dimension": "x", "value": 64, "unit": "px"}, {"dimension": "y", "value": 64, "unit": "px"}],
    overlap=[{"dimension": "x", "value": 8, "unit": "px"}, {"dimension": "y", "value": 8, "unit": "px"}],
)
anomaly.download("local_anomaly.tif")
