import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# NDVI anomaly: this June's mean minus the mean of the two previous Junes
bbox = {"west": 4.68, "south": 50.86, "east": 4.69, "north": 50.87}


def june_ndvi(year):
    s2 = connection.load_collection("SENTINEL2_L2A", spatial_extent=bbox, temporal_extent=[f"{year}-06-01", f"{year}-07-01"], bands=["B04", "B08"])
    return s2.ndvi(nir="B08", red="B04").reduce_dimension(dimension="t", reducer="mean")


reference = (june_ndvi(2021) + june_ndvi(2022)) / 2
anomaly = june_ndvi(2023) - reference
anomaly.download("ndvi_anomaly.tif")
