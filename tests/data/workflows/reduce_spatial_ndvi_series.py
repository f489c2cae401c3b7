import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# The mean NDVI of the whole area on each acquisition date (reduce_spatial), with the dates of
# May kept by filter_labels, as a JSON time series
s2 = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={"west": 4.68, "south": 50.86, "east": 4.69, "north": 50.87},
    temporal_extent=["2023-04-01", "2023-07-01"],
    bands=["B04", "B08"],
)
ndvi = s2.ndvi(nir="B08", red="B04")
may = ndvi.filter_labels(condition=lambda t: openeo.processes.date_between(t, "2023-05-01", "2023-06-01"), dimension="t")
series = may.reduce_spatial(reducer="mean")
series.save_result(format="JSON").download("ndvi_series.json")
