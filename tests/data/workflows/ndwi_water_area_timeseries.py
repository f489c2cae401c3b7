import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Reservoir surface area per acquisition: count of NDWI > 0 pixels inside the reservoir polygon
reservoir = {"type": "Polygon", "coordinates": [[[-0.40, 39.34], [-0.38, 39.34], [-0.38, 39.36], [-0.40, 39.36], [-0.40, 39.34]]]}
s2 = connection.load_collection("SENTINEL2_L2A", spatial_extent={"west": -0.40, "south": 39.34, "east": -0.38, "north": 39.36},
                                temporal_extent=["2024-10-20", "2024-11-10"], bands=["B03", "B08"])
green, nir = s2.band("B03"), s2.band("B08")
water = ((green - nir) / (green + nir)).apply(lambda x: (x > 0) * 1)
water.aggregate_spatial(geometries=reservoir, reducer="sum").download("water_pixels.json", format="JSON")
