import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# An NDVI composite of a larger area, tile by tile (one batch job per tile), as notebooks do
# when an area is too large for one job: 2 x 2 tiles of 0.02 degrees around Leuven.
west, south, size = 4.66, 50.85, 0.02
for row in range(2):
    for col in range(2):
        tile = {"west": west + col * size, "south": south + row * size,
                "east": west + (col + 1) * size, "north": south + (row + 1) * size}
        cube = connection.load_collection("SENTINEL2_L2A", spatial_extent=tile,
                                          temporal_extent=["2023-06-01", "2023-07-01"], bands=["B04", "B08"])
        ndvi = cube.ndvi(nir="B08", red="B04").reduce_dimension(dimension="t", reducer="max")
        ndvi.execute_batch(f"ndvi_tile_{row}_{col}.tif", title=f"NDVI tile {row} {col}")
