import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# The same burn-severity map from a published algorithm (a UDP in a public namespace)
dnbr = connection.datacube_from_process(
    "burn_severity",
    namespace="https://raw.githubusercontent.com/ESA-APEx/apex_algorithms/main/algorithm_catalog/vito/burn_severity/openeo_udp/burn_severity.json",
    spatial_extent={"west": 26.00, "south": 40.90, "east": 26.02, "north": 40.92},
    pre_fire=["2023-07-20", "2023-08-15"],
    post_fire=["2023-09-01", "2023-09-25"],
)
dnbr.download("evros_dnbr.tif")
