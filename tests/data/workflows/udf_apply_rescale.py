import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Rescale digital numbers to reflectance in a UDF applied chunk by chunk
udf = openeo.UDF("""
import xarray

def apply_datacube(cube: xarray.DataArray, context: dict) -> xarray.DataArray:
    return cube * context.get("factor", 0.0001)
""", context={"factor": 0.0001})
s2 = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={"west": 11.30, "south": 46.47, "east": 11.31, "north": 46.48},
    temporal_extent=["2022-06-12", "2022-06-13"],
    bands=["B04"],
)
s2.apply(process=udf).download("reflectance.tif")
