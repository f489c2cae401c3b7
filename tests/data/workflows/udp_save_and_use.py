from openeo.api.process import Parameter

import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Store a parametrised NDVI process as a user-defined process, then use it like any process
bbox = Parameter.bounding_box("bbox", description="area of interest")
period = Parameter.temporal_interval("period", description="dates")
s2 = connection.load_collection("SENTINEL2_L2A", spatial_extent=bbox, temporal_extent=period, bands=["B04", "B08"])
ndvi = s2.ndvi(nir="B08", red="B04").reduce_dimension(dimension="t", reducer="max")
connection.save_user_defined_process("max_ndvi", ndvi, parameters=[bbox, period], summary="Maximum NDVI")

cube = connection.datacube_from_process(
    "max_ndvi", namespace="user",
    bbox={"west": 11.30, "south": 46.47, "east": 11.32, "north": 46.485}, period=["2022-06-12", "2022-06-13"],
)
cube.download("max_ndvi.tif")
