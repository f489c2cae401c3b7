import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Land surface temperature in degrees Celsius, monthly means over a city (SLSTR)
lst = connection.load_collection(
    "SENTINEL3_SLSTR_L2_LST",
    spatial_extent={"west": 4.80, "south": 52.30, "east": 5.00, "north": 52.40},
    temporal_extent=["2023-06-01", "2023-08-31"],
    bands=["LST"],
)
celsius = lst.apply(lambda x: x - 273.15)
monthly = celsius.aggregate_temporal_period(period="month", reducer="mean")
monthly.download("lst_monthly.nc")
