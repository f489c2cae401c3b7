import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Clear open water: NDWI > 0 and not cloudy, combined with the DataCube & and ~ operators
s2 = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={"west": 11.30, "south": 46.47, "east": 11.32, "north": 46.485},
    temporal_extent=["2022-06-12", "2022-06-13"],
    bands=["B03", "B08", "SCL"],
)
green, nir = s2.band("B03"), s2.band("B08")
ndwi = (green - nir) / (green + nir)
cloud = (s2.band("SCL") == 8) | (s2.band("SCL") == 9)
water = (ndwi > 0) & ~cloud
water.download("clear_water.tif")
