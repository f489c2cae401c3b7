import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Cloud-free NDVI with the SCL dilation mask (CDSE's to_scl_dilation_mask), median per month
bbox = {"west": 4.68, "south": 50.86, "east": 4.70, "north": 50.88}
scl = connection.load_collection("SENTINEL2_L2A", spatial_extent=bbox, temporal_extent=["2023-06-01", "2023-07-01"], bands=["SCL"])
mask = scl.process(
    "to_scl_dilation_mask",
    data=scl,
    kernel1_size=17,
    kernel2_size=77,
    mask1_values=[2, 4, 5, 6, 7],
    mask2_values=[3, 8, 9, 10, 11],
    erosion_kernel_size=3,
)
s2 = connection.load_collection("SENTINEL2_L2A", spatial_extent=bbox, temporal_extent=["2023-06-01", "2023-07-01"], bands=["B04", "B08"])
ndvi = s2.mask(mask).ndvi(nir="B08", red="B04")
ndvi.aggregate_temporal_period(period="month", reducer="median").download("ndvi_june.nc")
