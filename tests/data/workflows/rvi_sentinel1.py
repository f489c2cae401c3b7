import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Radar vegetation index (RVI = 4 VH / (VV + VH)) from terrain-corrected Sentinel-1, monthly mean
s1 = connection.load_collection(
    "SENTINEL1_GRD",
    spatial_extent={"west": 5.66, "south": 51.96, "east": 5.68, "north": 51.975},
    temporal_extent=["2023-06-01", "2023-07-01"],
    bands=["VV", "VH"],
)
s1 = s1.sar_backscatter(coefficient="gamma0-terrain", elevation_model="COPERNICUS_30")
vh, vv = s1.band("VH"), s1.band("VV")
rvi = 4 * vh / (vv + vh)
rvi.reduce_dimension(dimension="t", reducer="mean").download("rvi_june.tif")
