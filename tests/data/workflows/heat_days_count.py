import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Number of days with a land surface temperature above 30 degrees Celsius in July (SLSTR)
lst = connection.load_collection(
    "SENTINEL3_SLSTR_L2_LST",
    spatial_extent={"west": 2.30, "south": 48.82, "east": 2.40, "north": 48.88},
    temporal_extent=["2023-07-01", "2023-08-01"],
    bands=["LST"],
)
hot = lst.band("LST").apply(lambda x: (x - 273.15) > 30)
days = hot.reduce_dimension(dimension="t", reducer=lambda x: x.sum())
days.download("hot_days_july.tif")
