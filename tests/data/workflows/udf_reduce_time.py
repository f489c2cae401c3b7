import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# A custom temporal reducer written as a UDF: the 90th percentile of each pixel's series
udf = openeo.UDF("""
import xarray

def apply_datacube(cube: xarray.DataArray, context: dict) -> xarray.DataArray:
    return cube.quantile(0.9, dim="t").drop_vars("quantile")
""")
s2 = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={"west": 4.68, "south": 50.86, "east": 4.69, "north": 50.87},
    temporal_extent=["2023-05-01", "2023-07-01"],
    bands=["B08"],
)
s2.reduce_dimension(dimension="t", reducer=udf).download("b08_p90.tif")
