from openeo.extra.spectral_indices import compute_indices

import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Several indices at once with the awesome-spectral-indices definitions
s2 = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={"west": 11.30, "south": 46.47, "east": 11.32, "north": 46.485},
    temporal_extent=["2022-06-12", "2022-06-13"],
    bands=["B03", "B04", "B08"],
)
indices = compute_indices(s2, indices=["NDVI", "NDWI"])
indices.download("ndvi_ndwi.nc")
