import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Align Sentinel-1 to the Sentinel-2 acquisition dates (nearest within 6 days), then stack
bbox = {"west": 4.68, "south": 50.86, "east": 4.69, "north": 50.87}
period = ["2023-06-01", "2023-06-30"]
s2 = connection.load_collection("SENTINEL2_L2A", spatial_extent=bbox, temporal_extent=period, bands=["B04", "B08"])
s1 = connection.load_collection("SENTINEL1_GRD", spatial_extent=bbox, temporal_extent=period, bands=["VV", "VH"])
s1 = s1.sar_backscatter(coefficient="sigma0-ellipsoid").resample_spatial(resolution=10, projection=32631)
s1_on_s2_dates = s1.resample_cube_temporal(target=s2, valid_within=6)
stack = s2.resample_spatial(resolution=10, projection=32631).merge_cubes(s1_on_s2_dates)
stack.download("s1_s2_stack.nc")
