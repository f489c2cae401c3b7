import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Soil-moisture change detection (TU Wien style): where today's VV backscatter sits between the
# driest and wettest reference of the previous season
aoi = {"west": 16.30, "south": 48.10, "east": 16.32, "north": 48.115}


def vv_db(period):
    s1 = connection.load_collection("SENTINEL1_GRD", spatial_extent=aoi, temporal_extent=period, bands=["VV"])
    return s1.sar_backscatter(coefficient="sigma0-ellipsoid").apply(lambda x: 10 * x.log(10))


reference = vv_db(["2023-04-01", "2023-07-01"])
dry = reference.reduce_dimension(dimension="t", reducer=lambda x: x.quantiles(probabilities=[0.05]).array_element(0))
wet = reference.reduce_dimension(dimension="t", reducer=lambda x: x.quantiles(probabilities=[0.95]).array_element(0))
now = vv_db(["2023-07-01", "2023-07-15"]).reduce_dimension(dimension="t", reducer="mean")
soil_moisture_index = (now - dry) / (wet - dry)
soil_moisture_index.download("soil_moisture_index.tif")
