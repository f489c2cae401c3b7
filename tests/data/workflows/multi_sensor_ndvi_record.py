import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# One NDVI record from Sentinel-2 and Landsat 8 (monthly means, a band per sensor) for a field
field = {"type": "Polygon", "coordinates": [[[-93.52, 41.99], [-93.51, 41.99], [-93.51, 41.995], [-93.52, 41.995], [-93.52, 41.99]]]}
bbox = {"west": -93.52, "south": 41.99, "east": -93.51, "north": 41.995}
period = ["2022-05-01", "2022-08-01"]
s2 = connection.load_collection("SENTINEL2_L2A", spatial_extent=bbox, temporal_extent=period, bands=["B04", "B08"])
s2_ndvi = s2.ndvi(nir="B08", red="B04").aggregate_temporal_period(period="month", reducer="mean")
l8 = connection.load_collection("LANDSAT8_L2", spatial_extent=bbox, temporal_extent=period, bands=["B04", "B05"])
l8 = l8.apply(lambda x: x * 0.0000275 - 0.2)
l8_ndvi = l8.ndvi(nir="B05", red="B04").aggregate_temporal_period(period="month", reducer="mean")
s2_ndvi = s2_ndvi.add_dimension(name="bands", label="NDVI_S2", type="bands")
l8_ndvi = l8_ndvi.add_dimension(name="bands", label="NDVI_L8", type="bands").resample_cube_spatial(target=s2_ndvi, method="bilinear")
record = s2_ndvi.merge_cubes(l8_ndvi).aggregate_spatial(geometries=field, reducer="mean")
record.download("ndvi_record.json", format="JSON")
