import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Monthly mean NDVI over farmland near Zaragoza (Spain), 2020, as a time series
aoi = {"type": "Polygon", "coordinates": [[[-1.0, 41.6], [-0.8, 41.6], [-0.8, 41.7], [-1.0, 41.7], [-1.0, 41.6]]]}
cube = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={"west": -1.0, "south": 41.6, "east": -0.8, "north": 41.7},
    temporal_extent=["2020-01-01", "2021-01-01"],
    bands=["B04", "B08", "SCL"],
)
scl = cube.band("SCL")
clouds = (scl == 3) | (scl == 8) | (scl == 9) | (scl == 10)
ndvi = cube.ndvi(red="B04", nir="B08").mask(clouds)
monthly = ndvi.aggregate_temporal_period(period="month", reducer="mean")
series = monthly.aggregate_spatial(geometries=aoi, reducer="mean")
series.download("ndvi_zaragoza_2020_monthly.json")
