import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# True-colour maximum-NDVI-free composite: mask_scl_dilation then the median of every band
s2 = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={"west": 5.00, "south": 51.20, "east": 5.02, "north": 51.22},
    temporal_extent=["2022-05-01", "2022-06-01"],
    bands=["B02", "B03", "B04", "SCL"],
)
masked = s2.process("mask_scl_dilation", data=s2, scl_band_name="SCL").filter_bands(["B02", "B03", "B04"])
composite = masked.reduce_dimension(dimension="t", reducer="median")
composite.download("rgb_composite.tif")
