import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Tropospheric NO2 over the Ruhr, monthly mean (Sentinel-5P)
no2 = connection.load_collection(
    "SENTINEL_5P_L2",
    spatial_extent={"west": 6.8, "south": 51.3, "east": 7.4, "north": 51.6},
    temporal_extent=["2023-01-01", "2023-03-01"],
    bands=["NO2"],
)
no2.aggregate_temporal_period(period="month", reducer="mean").download("no2_monthly.nc")
