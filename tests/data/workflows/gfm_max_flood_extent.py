import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Maximum flood extent of Storm Boris (September 2024) around Nysa from Global Flood Monitoring
gfm = connection.load_collection(
    "GFM",
    spatial_extent={"west": 17.30, "south": 50.45, "east": 17.34, "north": 50.48},
    temporal_extent=["2024-09-10", "2024-09-30"],
    bands=["flood_extent"],
)
flooded_days = gfm.reduce_dimension(dimension="t", reducer="sum")
ever_flooded = flooded_days.apply(lambda x: x > 0)
ever_flooded.download("boris_max_flood.tif")
