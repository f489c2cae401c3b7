import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# One batch job, two products: an NDVI GeoTIFF and the true-colour bands as netCDF
s2 = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={"west": 11.30, "south": 46.47, "east": 11.32, "north": 46.485},
    temporal_extent=["2022-06-12", "2022-06-13"],
    bands=["B02", "B03", "B04", "B08"],
)
ndvi = s2.ndvi(nir="B08", red="B04").save_result(format="GTiff")
rgb = s2.filter_bands(["B04", "B03", "B02"]).save_result(format="netCDF")
job = openeo.MultiResult([rgb, ndvi]).create_job(title="NDVI and RGB")
job.start_and_wait()
