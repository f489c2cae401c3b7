import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Temporary-crop area share in a district from the ESA WorldCereal 2021 map
district = {"type": "Polygon", "coordinates": [[[4.66, 50.85], [4.72, 50.85], [4.72, 50.89], [4.66, 50.89], [4.66, 50.85]]]}
crops = connection.load_collection(
    "ESA_WORLDCEREAL_TEMPORARYCROPS", temporal_extent=["2021-01-01", "2021-12-31"], bands=["CLASSIFICATION"],
    spatial_extent={"west": 4.66, "south": 50.85, "east": 4.72, "north": 50.89},
)
is_crop = crops.reduce_dimension(dimension="t", reducer="max").apply(lambda x: x == 100)
share = is_crop.aggregate_spatial(geometries=district, reducer="mean")
share.download("crop_share.json", format="JSON")
