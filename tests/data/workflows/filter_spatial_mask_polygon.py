import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Crop to a municipality polygon and blank out a protected area inside it
municipality = {"type": "Polygon", "coordinates": [[[11.300, 46.470], [11.320, 46.472], [11.318, 46.485], [11.302, 46.483], [11.300, 46.470]]]}
reserve = {"type": "Polygon", "coordinates": [[[11.305, 46.475], [11.310, 46.475], [11.310, 46.479], [11.305, 46.479], [11.305, 46.475]]]}
s2 = connection.load_collection("SENTINEL2_L2A", spatial_extent={"west": 11.30, "south": 46.47, "east": 11.32, "north": 46.485},
                                temporal_extent=["2022-06-12", "2022-06-13"], bands=["B04", "B08"])
ndvi = s2.ndvi(nir="B08", red="B04").filter_spatial(municipality).mask_polygon(reserve, inside=True)
ndvi.download("ndvi_outside_reserve.tif")
