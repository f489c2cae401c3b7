import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Oil slick candidates: pixels far darker (dB) than their local mean backscatter over the sea
s1 = connection.load_collection(
    "SENTINEL1_GRD",
    spatial_extent={"west": 3.00, "south": 51.50, "east": 3.03, "north": 51.52},
    temporal_extent=["2023-07-08", "2023-07-20"],
    bands=["VV"],
)
db = s1.sar_backscatter(coefficient="sigma0-ellipsoid").apply(lambda x: 10 * x.log(10))
kernel = [[1 / 81] * 9 for _ in range(9)]
local_mean = db.apply_kernel(kernel)
dark = (db - local_mean) < -3
candidates = dark.reduce_dimension(dimension="t", reducer="max")
candidates.download("oil_slick_candidates.tif")
