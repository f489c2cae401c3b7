import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# A fused Sentinel-1 / Sentinel-2 feature cube (BasicSentinelMerge style): dekadal composites,
# cloud masking with mask_scl_dilation, gaps interpolated, radar backscatter in dB
bbox = {"west": 5.05, "south": 51.21, "east": 5.06, "north": 51.22}
period = ["2022-04-01", "2022-06-01"]
s2 = connection.load_collection("SENTINEL2_L2A", spatial_extent=bbox, temporal_extent=period, bands=["B04", "B08", "SCL"])
s2 = s2.process("mask_scl_dilation", data=s2, scl_band_name="SCL").filter_bands(["B04", "B08"])
s2 = s2.aggregate_temporal_period(period="dekad", reducer="median").apply_dimension(dimension="t", process="array_interpolate_linear")
s1 = connection.load_collection("SENTINEL1_GRD", spatial_extent=bbox, temporal_extent=period, bands=["VV", "VH"])
s1 = s1.sar_backscatter(coefficient="sigma0-ellipsoid").aggregate_temporal_period(period="dekad", reducer="mean")
s1 = s1.apply(lambda x: 10 * x.log(10)).resample_cube_spatial(s2)
s2.merge_cubes(s1).download("fused_dekads.nc")
