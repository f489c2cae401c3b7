import openeo.processes as eop

import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Land-cover class fractions per region from the global 10 m LCM-10 map (LCFM / CLMS)
LEGEND = {"tree_cover": 10, "grassland": 30, "cropland": 40, "built_up": 90, "water": 100}


def to_masks(bands):
    return eop.array_create([bands[0] == value for value in LEGEND.values()])


lcm = connection.load_collection(
    "CLMS_LCM_GLOBAL_10M_YEARLY_V1",
    spatial_extent={"west": 4.68, "south": 50.86, "east": 4.72, "north": 50.89},
    temporal_extent=["2020-01-01", "2020-12-31"],
    bands=["map"],
).reduce_dimension(dimension="t", reducer="first")
classified = lcm.apply_dimension(dimension="bands", process=to_masks).apply(lambda x: x * 1)
classified = classified.rename_labels(dimension="bands", target=list(LEGEND))
region = {"type": "Polygon", "coordinates": [[[4.68, 50.86], [4.72, 50.86], [4.72, 50.89], [4.68, 50.89], [4.68, 50.86]]]}
classified.aggregate_spatial(geometries=region, reducer="mean").download("land_cover_fractions.json", format="JSON")
