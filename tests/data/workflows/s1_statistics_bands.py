import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()

# Per-pixel temporal statistics of VV backscatter (dB), one band each: mean, sd and 90th percentile
series = connection.load_collection(
    "SENTINEL1_GRD",
    spatial_extent={"west": 12.30, "south": 44.85, "east": 12.32, "north": 44.865},
    temporal_extent=["2023-01-01", "2023-04-01"],
    bands=["VV"],
)
series = series.log10() * 10
stat_mean = series.reduce_dimension(dimension="t", reducer="mean").rename_labels(dimension="bands", target=["mean"])
stat_sd = series.reduce_dimension(dimension="t", reducer="sd").rename_labels(dimension="bands", target=["sd"])
stat_p90 = series.reduce_dimension(dimension="t", reducer=lambda x: x.quantiles(probabilities=[0.9]).array_element(0))
stat_p90 = stat_p90.rename_labels(dimension="bands", target=["p90"])
statistics = stat_mean.merge_cubes(stat_sd).merge_cubes(stat_p90)
statistics.download("vv_statistics_q1.tif")
