import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Zonal statistics: mean NDVI time series of two fields (CSV-like JSON per date and field)
fields = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "properties": {"name": "north"}, "geometry": {"type": "Polygon", "coordinates": [[
            [4.680, 50.870], [4.690, 50.870], [4.690, 50.875], [4.680, 50.875], [4.680, 50.870]]]}},
        {"type": "Feature", "properties": {"name": "south"}, "geometry": {"type": "Polygon", "coordinates": [[
            [4.680, 50.862], [4.690, 50.862], [4.690, 50.867], [4.680, 50.867], [4.680, 50.862]]]}},
    ],
}
s2 = connection.load_collection("SENTINEL2_L2A", spatial_extent={"west": 4.679, "south": 50.861, "east": 4.691, "north": 50.876},
                                temporal_extent=["2023-05-01", "2023-06-01"], bands=["B04", "B08"])
ndvi = s2.ndvi(nir="B08", red="B04")
series = ndvi.aggregate_spatial(geometries=fields, reducer="mean")
series.download("field_ndvi.json", format="JSON")
