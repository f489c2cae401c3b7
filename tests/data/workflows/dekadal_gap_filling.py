from openeo.processes import or_

import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Dekadal NDVI composites with gaps filled by linear interpolation along time
s2 = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={"west": 4.68, "south": 50.86, "east": 4.69, "north": 50.87},
    temporal_extent=["2023-05-01", "2023-07-01"],
    bands=["B04", "B08", "SCL"],
)
cloudy = s2.band("SCL").apply(lambda x: or_(or_(x == 3, x == 8), or_(x == 9, x == 10)))
ndvi = s2.mask(cloudy).ndvi(nir="B08", red="B04")
dekads = ndvi.aggregate_temporal_period(period="dekad", reducer="median")
filled = dekads.apply_dimension(dimension="t", process="array_interpolate_linear")
filled.download("ndvi_dekads_filled.nc")
