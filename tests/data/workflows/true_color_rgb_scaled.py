import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# A true-colour picture: cloud-free median of B04/B03/B02, stretched to 0-255 bytes for display
s2 = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={"west": 4.69, "south": 50.87, "east": 4.71, "north": 50.885},
    temporal_extent=["2023-06-01", "2023-07-01"],
    bands=["B04", "B03", "B02", "SCL"],
)
scl = s2.band("SCL")
cloudy = (scl == 3) | (scl == 8) | (scl == 9) | (scl == 10)
rgb = s2.filter_bands(["B04", "B03", "B02"]).mask(cloudy).reduce_dimension(dimension="t", reducer="median")
rgb = rgb.linear_scale_range(0, 2000, 0, 255)
rgb.save_result(format="GTiff", options={"datatype": "uint8"}).download("true_color.tif")
