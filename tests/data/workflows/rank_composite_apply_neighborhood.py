from openeo.processes import if_, is_nan, or_

import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Best-available-pixel style composite: a distance-to-cloud score from the local cloud share
# (apply_neighborhood with a 5x5 mean kernel), then per pixel the observation with the best score.
bbox = {"west": 4.68, "south": 50.86, "east": 4.70, "north": 50.875}
period = ["2023-06-01", "2023-07-01"]
scl = connection.load_collection("SENTINEL2_L2A", spatial_extent=bbox, temporal_extent=period, bands=["SCL"])
scl = scl.apply(lambda x: if_(is_nan(x), 0, x))
cloud = scl.apply(lambda x: or_(x == 3, x >= 8) * 1.0)
local_cloud = cloud.apply_neighborhood(
    process=lambda data: data.apply_kernel(kernel=[[1] * 5] * 5, factor=1 / 25),
    size=[{"dimension": "x", "value": 64, "unit": "px"}, {"dimension": "y", "value": 64, "unit": "px"}],
    overlap=[{"dimension": "x", "value": 4, "unit": "px"}, {"dimension": "y", "value": 4, "unit": "px"}],
)
score = local_cloud.apply(lambda x: 1 - x)
best = score.reduce_dimension(dimension="t", reducer="max")
rank_mask = score < best
rgb = connection.load_collection("SENTINEL2_L2A", spatial_extent=bbox, temporal_extent=period, bands=["B02", "B03", "B04"])
composite = rgb.mask(rank_mask.filter_bands(["SCL"])).reduce_dimension(dimension="t", reducer="first")
composite.download("bap_composite.tif")
