import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()
cube = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={"west": 35.80, "south": 33.75, "east": 36.05, "north": 33.92},
    temporal_extent=["2019-05-01", "2019-06-01"],
    bands=["B04", "B08", "SCL"],
)
scl = cube.band("SCL")
clouds = (scl == 3) | (scl == 8) | (scl == 9) | (scl == 10)
ndvi = cube.ndvi(red="B04", nir="B08").mask(clouds)
ndvi.reduce_dimension(dimension="t", reducer="median").download("ndvi_bekaa_may2019.tif")
