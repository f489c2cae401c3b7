from openeo.processes import array_create, max, mean, min

import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Per-pixel band statistics into a new dimension (apply_dimension with target_dimension)
s2 = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={"west": 11.30, "south": 46.47, "east": 11.32, "north": 46.485},
    temporal_extent=["2022-06-12", "2022-06-13"],
    bands=["B02", "B03", "B04", "B08"],
)
stats = s2.apply_dimension(dimension="bands", target_dimension="stats",
                           process=lambda x: array_create([min(x), mean(x), max(x)]))
stats.download("band_stats.nc")
