import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Growing-season stages with explicit intervals and labels (aggregate_temporal)
s2 = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={"west": 4.68, "south": 50.86, "east": 4.69, "north": 50.87},
    temporal_extent=["2023-03-01", "2023-09-01"],
    bands=["B04", "B08"],
)
ndvi = s2.ndvi(nir="B08", red="B04")
stages = ndvi.aggregate_temporal(
    intervals=[["2023-03-01", "2023-05-01"], ["2023-05-01", "2023-07-01"], ["2023-07-01", "2023-09-01"]],
    labels=["emergence", "peak", "senescence"],
    reducer="mean",
)
stages.download("ndvi_stages.nc")
