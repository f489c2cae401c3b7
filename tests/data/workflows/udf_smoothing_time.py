import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Smooth each pixel's NDVI time series with a UDF (Savitzky-Golay-like moving average)
udf = openeo.UDF("""
import numpy as np
import xarray as xr

def apply_datacube(cube: xr.DataArray, context: dict) -> xr.DataArray:
    return cube.rolling(t=3, center=True, min_periods=1).mean()
""")
s2 = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={"west": 4.68, "south": 50.86, "east": 4.69, "north": 50.87},
    temporal_extent=["2023-05-01", "2023-07-01"],
    bands=["B04", "B08"],
)
ndvi = s2.ndvi(nir="B08", red="B04")
smoothed = ndvi.apply_dimension(process=udf, dimension="t")
smoothed.download("ndvi_smoothed.nc")
