import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Radar backscatter (VV) around Valencia after the storm of 29 October 2024: low values = open water
cube = connection.load_collection(
    "SENTINEL1_GRD",
    spatial_extent={"west": -0.50, "south": 39.25, "east": -0.30, "north": 39.45},
    temporal_extent=["2024-10-30", "2024-11-06"],
    bands=["VV"],
)
vv_min = cube.reduce_dimension(dimension="t", reducer="min")
vv_min.download("s1_vv_valencia_after_storm.tif")
