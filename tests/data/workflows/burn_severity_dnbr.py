import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Burn severity of the Evros wildfire (August 2023): dNBR = NBR before - NBR after
aoi = {"west": 26.00, "south": 40.90, "east": 26.02, "north": 40.92}


def nbr(period):
    s2 = connection.load_collection("SENTINEL2_L2A", spatial_extent=aoi, temporal_extent=period, bands=["B08", "B12"])
    ratio = s2.reduce_dimension(dimension="bands", reducer=lambda b: (b[0] - b[1]) / (b[0] + b[1]))
    return ratio.reduce_dimension(dimension="t", reducer="median")


dnbr = nbr(["2023-07-20", "2023-08-15"]) - nbr(["2023-09-01", "2023-09-25"])
severity = dnbr.apply(lambda x: (x > 0.1) * 1 + (x > 0.27) * 1 + (x > 0.44) * 1 + (x > 0.66) * 1)
severity.download("evros_burn_severity.tif")
