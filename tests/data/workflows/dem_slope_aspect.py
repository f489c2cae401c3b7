import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Slope and aspect of the Copernicus DEM around Bolzano, in degrees
dem = connection.load_collection(
    "COPERNICUS_30",
    spatial_extent={"west": 11.30, "south": 46.46, "east": 11.34, "north": 46.50},
    bands=["DEM"],
).reduce_dimension(dimension="t", reducer="max")
slope = dem.process("slope", data=dem).rename_labels(dimension="bands", target=["slope"])
aspect = dem.process("aspect", data=dem).rename_labels(dimension="bands", target=["aspect"])
slope.merge_cubes(aspect).download("slope_aspect.tif")
