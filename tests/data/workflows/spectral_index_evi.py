from openeo.extra.spectral_indices import compute_index

import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# EVI of a summer month, maximum per pixel
s2 = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={"west": 4.68, "south": 50.86, "east": 4.70, "north": 50.875},
    temporal_extent=["2023-07-01", "2023-07-20"],
    bands=["B02", "B04", "B08"],
)
evi = compute_index(s2, index="EVI")
evi.reduce_dimension(dimension="t", reducer="max").download("evi_max.tif")
