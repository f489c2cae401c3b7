import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Flood mapping after the Valencia storm (29 October 2024), UN-SPIDER style: VV backscatter in dB
# before and after the event, water below -15 dB, the flood is the new water.
aoi = {"west": -0.40, "south": 39.34, "east": -0.38, "north": 39.36}


def water(period):
    s1 = connection.load_collection("SENTINEL1_GRD", spatial_extent=aoi, temporal_extent=period, bands=["VV"])
    s1 = s1.sar_backscatter(coefficient="sigma0-ellipsoid")
    db = s1.reduce_dimension(dimension="t", reducer="mean").apply(lambda x: 10 * x.log(10))
    return db < -15


before = water(["2024-10-01", "2024-10-25"])
after = water(["2024-10-30", "2024-11-06"])
flood = after.merge_cubes(before, overlap_resolver=lambda x, y: x.and_(y.not_()))
flood.download("valencia_flood.tif")
