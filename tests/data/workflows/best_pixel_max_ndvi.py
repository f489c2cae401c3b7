import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Best-pixel composite: for every pixel the RGB of the date with the highest NDVI (apply_dimension
# over t ranks the dates; the best date keeps its reflectance)
s2 = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={"west": 4.68, "south": 50.86, "east": 4.69, "north": 50.866},
    temporal_extent=["2023-06-01", "2023-07-01"],
    bands=["B02", "B03", "B04", "B08"],
)
ndvi = s2.ndvi(nir="B08", red="B04", target_band="NDVI")
best = ndvi.band("NDVI").apply_dimension(dimension="t", process=lambda x: x.eq(x.max()))
rgb = s2.filter_bands(["B02", "B03", "B04"]).mask(best.apply(lambda x: x.not_()))
rgb.reduce_dimension(dimension="t", reducer="max").download("best_pixel_rgb.tif")
