import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Mean NDVI per field, burnt back into a raster (aggregate_spatial + vector_to_raster)
fields = connection.load_geojson({
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "properties": {"id": 1}, "geometry": {"type": "Polygon", "coordinates": [[
            [11.300, 46.470], [11.310, 46.470], [11.310, 46.477], [11.300, 46.477], [11.300, 46.470]]]}},
        {"type": "Feature", "properties": {"id": 2}, "geometry": {"type": "Polygon", "coordinates": [[
            [11.310, 46.477], [11.320, 46.477], [11.320, 46.485], [11.310, 46.485], [11.310, 46.477]]]}},
    ],
})
s2 = connection.load_collection("SENTINEL2_L2A", spatial_extent={"west": 11.30, "south": 46.47, "east": 11.32, "north": 46.485},
                                temporal_extent=["2022-06-12", "2022-06-13"], bands=["B04", "B08"])
ndvi = s2.ndvi(nir="B08", red="B04").reduce_dimension(dimension="t", reducer="mean")
per_field = ndvi.aggregate_spatial(geometries=fields, reducer="mean")
per_field.vector_to_raster(ndvi).download("field_mean_ndvi.tif")
