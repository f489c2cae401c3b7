import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Terrain-flattened gamma0 backscatter over the Alps in dB, with the local incidence angle
cube = connection.load_collection(
    "SENTINEL1_GRD",
    spatial_extent={"west": 11.30, "south": 46.47, "east": 11.32, "north": 46.49},
    temporal_extent=["2022-06-01", "2022-06-15"],
    bands=["VV", "VH"],
)
gamma0 = cube.sar_backscatter(coefficient="gamma0-terrain", elevation_model="COPERNICUS_30", local_incidence_angle=True)
vv = gamma0.filter_bands(["VV"]).reduce_dimension(dimension="t", reducer="median")
vv_db = vv.apply(lambda x: 10 * x.log(10))
vv_db.download("gamma0_vv_db.tif")
