from openeo.processes import array_element, sort

import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# A robust composite: per pixel the second-lowest blue reflectance (sort along time, take index 1)
s2 = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={"west": 4.68, "south": 50.86, "east": 4.69, "north": 50.87},
    temporal_extent=["2023-06-01", "2023-07-15"],
    bands=["B02"],
)
ordered = s2.apply_dimension(dimension="t", process=lambda x: sort(x))
second = ordered.reduce_dimension(dimension="t", reducer=lambda x: array_element(x, index=1))
second.download("blue_second_lowest.tif")
