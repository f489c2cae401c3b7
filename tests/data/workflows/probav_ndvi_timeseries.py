import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# PROBA-V 5-daily NDVI (100 m) of a region as a time series, scaled to physical NDVI
probav = connection.load_collection(
    "PROBAV_L3_S5_TOC_100M",
    spatial_extent={"west": 4.60, "south": 50.80, "east": 4.70, "north": 50.90},
    temporal_extent=["2018-05-01", "2018-07-01"],
    bands=["NDVI"],
)
ndvi = probav.apply(lambda x: x * 0.004 - 0.08)
region = {"type": "Polygon", "coordinates": [[[4.62, 50.82], [4.68, 50.82], [4.68, 50.88], [4.62, 50.88], [4.62, 50.82]]]}
ndvi.aggregate_spatial(geometries=region, reducer="mean").download("probav_ndvi.json", format="JSON")
