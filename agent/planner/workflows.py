"""Code for the openEO community workflows, composed from the request's parts.

Each builder takes a `Plan` and returns a complete openeo client script, like `codegen.build_code`:
radar vegetation index, oil slicks against a local mean, soil-moisture change detection, counts of
days meeting a condition, temporal statistics as one band each, best-pixel composites, S1+S2
fusion, zonal land-cover shares, multi-sensor NDVI records, moving-window smoothing, and
user-written band formulas. Processes are the standard ones the embedded backend lists; where a
workflow needs one it does not list yet (`apply_dimension`), the code is what users write on CDSE.
"""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel

from agent.planner.codegen import L8_KELVIN, SCL_CLASSES, Plan, _Code, _fmt, _index_lines, optical_bands
from agent.planner.intents import L8, LST, S1, S2_L2A, S2_TO_L8, S5P, WORLDCOVER_NAMES, Intent
from agent.planner.dates import Period
from agent.planner.methods import OPS, Statistic

DB = "log10() * 10"


def _s2_ndvi(c: _Code, var: str, period, collection: str = S2_L2A, masked: bool = True) -> None:
    """`var` = NDVI of a cloud-masked Sentinel-2 (or Landsat 8) load; no band dimension."""
    landsat = collection == L8
    bands = ["B04", "B05"] if landsat else ["B04", "B08"]
    c.load(f"{var}_cube", collection, bands + (["SCL"] if masked and not landsat else []), period)
    if masked and not landsat:
        c.add(f'scl = {var}_cube.band("SCL")', f"{var}_cube = {var}_cube.mask({SCL_CLASSES})")
    scale = " * 0.0000275 - 0.2" if landsat else ""
    c.add(f'red = {var}_cube.band("B04"){scale}', f'nir = {var}_cube.band("{bands[1]}"){scale}',
          f"{var} = (nir - red) / (nir + red)  # NDVI")


def _reduce_stat(var: str, stat: Statistic) -> str:
    if stat.name == "percentile":
        return f'{var}.reduce_dimension(dimension="t", reducer=lambda x: x.quantiles(probabilities=[{stat.p / 100:g}]).array_element(0))'
    return f'{var}.reduce_dimension(dimension="t", reducer="{stat.name}")'


def _as_band(expr: str, label: str) -> str:
    return f'{expr}.add_dimension(name="bands", label="{label}", type="bands")'


def build_rvi(plan: Plan) -> str:
    c = _Code(plan)
    c.header(f"Radar Vegetation Index from Sentinel-1, {plan.place or 'area of interest'}")
    c.add("", "# Sentinel-1 GRD on CDSE is served as calibrated backscatter (linear power).")
    c.load("s1", S1, ["VH", "VV"], plan.periods[0])
    c.add('vh, vv = s1.band("VH"), s1.band("VV")', "rvi = 4 * vh / (vv + vh)  # RVI = 4 VH / (VV + VH)")
    if plan.intent.smooth:  # "suavizado con una media móvil de 3 fechas": every date kept, then averaged in time
        _smooth_lines(c, "rvi", "rvi", plan.intent.kernel_size or 3, "RVI")
    if plan.intent.timeseries:
        c.timeseries("rvi", f"rvi_{plan.periods[0].start:%Y%m}_timeseries")
        return c.text()
    c.reduce_time("rvi", "rvi_composite", plan.intent.reducer if plan.intent.reducer_explicit else "mean")
    c.download("rvi_composite", f"rvi_{plan.periods[0].start:%Y%m}")
    return c.text()


def build_oil_slick(plan: Plan) -> str:
    c = _Code(plan)
    it = plan.intent
    k = it.kernel_size or 15
    drop = abs(it.threshold.value) if it.threshold else 3.0
    c.header(f"Oil-slick candidates from Sentinel-1 VV, {plan.place or 'area of interest'}")
    c.add("", "# dark spots on the sea: VV (dB) well below its local mean")
    c.load("s1", S1, ["VV"], plan.periods[0])
    c.add('vv = s1.reduce_dimension(dimension="t", reducer="mean")',
          f"vv_db = vv.{DB}  # 10 * log10",
          f"# local mean over a {k} x {k} pixel window",
          f"local_mean = vv_db.apply_kernel(kernel=[[1] * {k}] * {k}, factor={1 / (k * k)!r})",
          f"slick = (vv_db - local_mean) < -{_fmt(drop)}  # 1 where more than {drop:g} dB darker than around it")
    c.download("slick", f"oil_slick_candidates_{plan.periods[0].start:%Y%m%d}")
    return c.text()


def build_soil_moisture(plan: Plan) -> str:
    c = _Code(plan)
    ref, target = plan.periods[0], plan.periods[-1]
    c.header(f"Soil-moisture change detection from Sentinel-1 VV, {plan.place or 'area of interest'}")
    if plan.intent.percent_change:  # "percent change of mean VV after the rain compared with before"
        c.add("", "# the percent change of the mean VV backscatter after the event against the mean before it")
        c.load("reference", S1, ["VV"], ref)
        c.load("target", S1, ["VV"], target)
        c.add('before = reference.reduce_dimension(dimension="t", reducer="mean")',
              'after = target.reduce_dimension(dimension="t", reducer="mean")',
              f"before_db, after_db = before.{DB}, after.{DB}  # mean VV in dB",
              "# (after - before) / before of the mean backscatter power, in percent: a wetter soil backscatters more",
              "# (the same change in dB is after_db - before_db; +1 dB is about +26 %)",
              "percent_change = (after - before) / before * 100")
        c.download("percent_change", f"soil_moisture_percent_change_{target.start:%Y%m%d}")
        return c.text()
    c.add("", "# change detection: the target's VV (dB) scaled between the reference period's driest (min)",
          "# and wettest (max) backscatter; 0 = as dry as the driest, 1 = as wet as the wettest")
    c.load("reference", S1, ["VV"], ref)
    c.load("target", S1, ["VV"], target)
    c.add(f"reference_db = reference.{DB}", f"target_db = target.{DB}",
          'dry = reference_db.reduce_dimension(dimension="t", reducer="min")',
          'wet = reference_db.reduce_dimension(dimension="t", reducer="max")',
          'now = target_db.reduce_dimension(dimension="t", reducer="mean")',
          "soil_moisture_index = (now - dry) / (wet - dry)")
    c.download("soil_moisture_index", f"soil_moisture_change_{target.start:%Y%m%d}")
    return c.text()


def polarisations(it: Intent) -> list[str]:
    """The Sentinel-1 polarisations a request names, in its order ("VV and VH", "VH"), else VV."""
    return [b for b in it.bands if b in ("VV", "VH")] or ["VV"]


def _product_cube(c: _Code, plan: Plan, var: str, period, several: bool = False) -> str:
    """Load the request's product per date into `var` (an index or the LST band); returns its label.
    `several`: every polarisation named is kept as a band (statistics, smoothing), not the first one only
    (a count of days compares one band with a threshold)."""
    it = plan.intent
    if it.collection == LST:
        c.load(var, LST, ["LST"], period)
        if it.celsius and it.threshold is None:  # "LST statistics in °C"; a threshold compares kelvin
            c.add(f"{var} = {var} - 273.15  # kelvin to degrees Celsius, as asked")
            return "LST (°C)"
        return "LST (K)"
    if it.collection == S5P:  # a trace gas: its own band ("CH4"), never an index of optical bands
        product = it.product or "NO2"
        c.load(var, S5P, [product], period)
        c.add(f'{var} = {var}.band("{product}")')
        return product
    if it.collection == L8 and it.task == "lst":
        c.load(var, L8, ["B10"], period)
        c.add(f'{var} = {var}.band("B10"){L8_KELVIN}  # Collection 2 surface temperature to kelvin')
        return "surface temperature (K)"
    if it.collection == S1:
        bands = polarisations(it) if several else polarisations(it)[:1]
        c.load(var, S1, bands, period)
        c.add(f"{var} = {var}.{DB}")
        return f"{' and '.join(bands)} (dB)"
    masked = it.cloud_mask and it.collection == S2_L2A
    if it.task == "composite" and not it.index and it.formula is None:  # the bands themselves, as named
        bands = optical_bands(it)
        names = [S2_TO_L8.get(b, b) for b in bands] if it.collection == L8 else bands
        c.load(f"{var}_cube", it.collection, names + (["SCL"] if masked else []), period)
        if masked:
            c.add(f'scl = {var}_cube.band("SCL")', f"{var}_cube = {var}_cube.mask({SCL_CLASSES})")
        c.add(f"{var} = {var}_cube.filter_bands({names!r})".replace("'", '"'))
        return "bands " + ", ".join(names)
    bands = optical_bands(it) if it.index else ["B04", "B08"]
    c.load(f"{var}_cube", it.collection, bands + (["SCL"] if masked else []), period)
    if masked:
        c.add(f'scl = {var}_cube.band("SCL")', f"{var}_cube = {var}_cube.mask({SCL_CLASSES})")
    if it.formula is not None:
        _formula_lines(c, f"{var}_cube", var, plan)
        return "the formula"
    _index_lines(c, f"{var}_cube", var)
    return it.index or "NDVI"


def build_count_days(plan: Plan) -> str:
    c = _Code(plan)
    it = plan.intent
    thr = it.threshold
    c.header(f"Days meeting a condition, {plan.place or 'area of interest'}")
    c.add("")
    label = _product_cube(c, plan, "daily", plan.periods[0])
    if it.smooth:  # "days where the 7-day moving mean exceeds ...": the smoothed series is compared
        _smooth_lines(c, "daily", "daily", it.kernel_size or 3, label)
    op, value = (thr.op, thr.value) if thr else ("gt", 308.15 if it.collection == LST else 0.5)
    c.add(f"# 1 on each date where {label} {OPS[op]} {_fmt(value)}, then summed over time: the number of such days",
          f"hit = daily.apply(lambda x: x {OPS[op]} {_fmt(value)})",
          'days = hit.reduce_dimension(dimension="t", reducer="sum")')
    c.download("days", f"days_{op}_{_fmt(value).replace('.', '_')}_{plan.periods[0].start:%Y%m}")
    return c.text()


def build_statistics(plan: Plan) -> str:
    c = _Code(plan)
    it = plan.intent
    stats = it.stats or [Statistic(name="mean"), Statistic(name="sd")]
    c.header(f"Temporal statistics, one band each, {plan.place or 'area of interest'}")
    c.add("")
    label = _product_cube(c, plan, "series", plan.periods[0], several=True)
    if it.smooth:  # "the mean and std of the smoothed series": each statistic of the smoothed series
        _smooth_lines(c, "series", "series", it.kernel_size or 3, label)
    pols = polarisations(it) if it.collection == S1 else []
    c.add(f"# per pixel over time: {', '.join(s.label for s in stats)} of {label}")
    names = []
    for s in stats:
        var = f"stat_{s.label}"
        expr = _reduce_stat("series", s)
        if label.startswith("bands "):  # several bands keep their dimension: each band named with the statistic
            names_ = label.removeprefix("bands ").split(", ")
            target = ", ".join(f'"{b}_{s.label}"' for b in names_)
            c.add(f"{var} = {expr}" if len(stats) == 1 else f'{var} = {expr}.rename_labels(dimension="bands", target=[{target}])')
        elif len(pols) > 1:  # "VV and VH": each polarisation named with the statistic (VV_median, VH_median)
            target = ", ".join(f'"{b}_{s.label}"' for b in pols)
            c.add(f'{var} = {expr}.rename_labels(dimension="bands", target=[{target}])')
        elif it.collection in (S1, LST):  # keeps its band dimension: rename the band to the statistic
            c.add(f'{var} = {expr}.rename_labels(dimension="bands", target=["{s.label}"])')
        else:
            c.add(f"{var} = {_as_band(expr, s.label)}")
        names.append(var)
    c.add(f"statistics = {names[0]}")
    for n in names[1:]:
        c.add(f"statistics = statistics.merge_cubes({n})")
    c.download("statistics", f"statistics_{plan.periods[0].start:%Y}")
    return c.text()


def build_best_pixel(plan: Plan) -> str:
    """Per pixel the observation that ranks best: the highest NDVI, or the lowest CLD cloud probability
    (0-100 %, Sentinel-2 L2A) when asked; the bands to show are kept from that observation."""
    c = _Code(plan)
    it = plan.intent
    bands = [b for b in it.bands if b.startswith("B")] or ["B02", "B03", "B04"]
    if it.rank_by_cloud:
        # one load (a second one of CLD alone would be a cube of another data type to align on the backend)
        collection, load, masked = S2_L2A, sorted(bands) + ["CLD"], False
        title, rank, reducer = "lowest cloud probability", "score", "first"
        not_best = ("x.array_apply(lambda v: v > x.min())", "x")
        # the cloud probability ties often (0 % on every clear date): a ten-thousandth per date (far below its 1 %
        # steps) makes the earliest of the tied dates the lowest, so that every band comes from that one observation
        # (a per-band minimum over the ties would mix dates)
        ranking = ['cld = cube.band("CLD")  # cloud probability in percent',
                   'score = cld.apply_dimension(dimension="t", process=lambda x: x.array_apply(lambda x, index: x + index * 0.0001))',
                   "# per pixel, keep only the one date whose cloud probability is the lowest of the period (the first on ties)"]
        shown = f"{', '.join(bands)}; CLD is kept as the last band: the cloud probability of the pixel kept"
    else:
        collection, masked = it.collection, it.collection == S2_L2A
        load = sorted(set(bands) | {"B04", "B08"}) + (["SCL"] if masked else [])
        title, rank, reducer = "highest NDVI", "ndvi", "max"
        not_best = ("x.array_apply(lambda v: v < x.max())", "x")
        ranking = ['ndvi = (cube.band("B08") - cube.band("B04")) / (cube.band("B08") + cube.band("B04"))',
                   "# per pixel, keep only the date whose NDVI is the highest of the period (a rank composite)"]
        shown = f"{', '.join(bands)} (B08 is kept: it ranked the dates)"
    c.header(f"Best-pixel composite ({title} per pixel), {plan.place or 'area of interest'}")
    c.add("")
    c.load("cube", collection, load, plan.periods[0])
    if masked:
        c.add('scl = cube.band("SCL")', f"cube = cube.mask({SCL_CLASSES})")
    c.add(*ranking,
          f'not_best = {rank}.apply_dimension(dimension="t", process=lambda {not_best[1]}: {not_best[0]})',
          f'composite = cube.mask(not_best).reduce_dimension(dimension="t", reducer="{reducer}")',
          f"# the bands to show: {shown}")
    c.download("composite", f"best_pixel_{plan.periods[0].start:%Y%m}")
    return c.text()


class FusionParts(BaseModel):
    index: str | None  # the optical part is this index, else the bands
    optical_bands: list[str]  # Sentinel-2 bands loaded (an index's, or the ones named)
    polarisations: list[str]


def fusion_parts(it: Intent) -> FusionParts:
    """What an S1+S2 stack holds: the index the request names, else the Sentinel-2 bands it names, else NDVI;
    the polarisations it names, else VV and VH."""
    pols = [b for b in it.bands if b in ("VV", "VH", "HH", "HV")] or ["VV", "VH"]
    s2_bands = [b for b in it.bands if b.startswith("B")]
    if it.index or not s2_bands:
        index = it.index or "NDVI"
        return FusionParts(index=index, optical_bands=optical_bands(it.model_copy(update={"index": index})),
                           polarisations=pols)
    return FusionParts(index=None, optical_bands=s2_bands, polarisations=pols)


def _fusion_time(c: _Code, var: str, reducer: str) -> str:
    """The line that reduces a fusion part over time: one composite per period when the request asks for
    monthly (weekly, ...) composites, else one over the whole window."""
    it = c.it
    if it.period and "aggregate_temporal_period" not in c.plan.avoid:
        return f'{var} = {var}.aggregate_temporal_period(period="{it.period}", reducer="{reducer}")  # {it.period}ly'
    return f'{var} = {var}.reduce_dimension(dimension="t", reducer="{reducer}")'


def build_fusion(plan: Plan) -> str:
    """Sentinel-2 (an index, or the bands the request names) and Sentinel-1 backscatter in one cube: one
    composite over the window, or one per month (week, ...) when the request asks for a series of them."""
    c = _Code(plan)
    it = plan.intent
    p = plan.periods[0]
    parts = fusion_parts(it)
    pols, s2_bands = parts.polarisations, parts.optical_bands
    # one reducer named for the whole stack applies to both parts; several ("VV, VH mean and NDVI median") are each
    # part's own, which the usual ones (optical median, radar mean) already are
    one = it.reducer if it.reducer_explicit and len({s.name for s in it.stats}) <= 1 else None
    optical_reducer, radar_reducer = one or "median", one or "mean"
    per = f"{it.period}ly " if it.period and "aggregate_temporal_period" not in plan.avoid else ""
    c.header(f"Sentinel-1 + Sentinel-2 fusion, {plan.place or 'area of interest'}")
    if parts.index:
        index = parts.index
        c.add("", f"# optical: {per}{index} {optical_reducer} of the cloud-masked Sentinel-2 observations")
        bands = s2_bands
        c.load("optical_cube", S2_L2A, bands + ["SCL"], p)
        c.add('scl = optical_cube.band("SCL")', f"optical_cube = optical_cube.mask({SCL_CLASSES})")
        _index_lines(c, "optical_cube", "optical", it.model_copy(update={"index": index}))
        c.add(_fusion_time(c, "optical", optical_reducer), _as_band_line("optical", index))
        labels = [index]
    else:
        c.add("", f"# optical: {per}{optical_reducer} of the cloud-masked Sentinel-2 bands {', '.join(s2_bands)}")
        c.load("optical", S2_L2A, s2_bands + ["SCL"], p)
        c.add('scl = optical.band("SCL")', f"optical = optical.mask({SCL_CLASSES})",
              f"optical = optical.filter_bands({s2_bands!r})".replace("'", '"'),
              _fusion_time(c, "optical", optical_reducer))
        labels = list(s2_bands)
    c.add("", f"# radar: {per}{radar_reducer} {' and '.join(pols)} backscatter in dB, on the Sentinel-2 grid")
    c.load("s1", S1, pols, p)
    c.add(_fusion_time(c, "s1", radar_reducer), f"s1 = s1.{DB}",
          's1 = s1.resample_cube_spatial(target=optical, method="bilinear")',
          "", f"stack = optical.merge_cubes(s1)  # bands: {', '.join(labels + pols)}"
          + (f"; one time step per {it.period}" if per else ""))
    c.download("stack", f"s1_s2_stack_{p.start:%Y%m}")
    return c.text()


def _as_band_line(var: str, label: str) -> str:
    return f"{var} = {_as_band(var, label)}"


def build_zonal_landcover(plan: Plan) -> str:
    c = _Code(plan)
    it = plan.intent
    classes = it.landcover_classes or [10, 30, 40, 50]
    c.header(f"Land-cover shares from ESA WorldCover, {plan.place or 'area of interest'}")
    c.add("")
    c.geometry()
    year = 2020 if "2020" in it.collection else 2021
    c.load("landcover", it.collection, ["MAP"], Period(start=date(year, 1, 1), end=date(year + 1, 1, 1)))
    c.add("# one band per class: 1 where the pixel has that class; its mean over the area is the class's share")
    names = []
    for v in classes:
        label = WORLDCOVER_NAMES.get(v, f"class_{v}")
        c.add(f'is_{v} = (landcover.band("MAP") == {v}).add_dimension(name="bands", label="{label}", type="bands")')
        names.append(f"is_{v}")
    c.add(f"classes = {names[0]}")
    for n in names[1:]:
        c.add(f"classes = classes.merge_cubes({n})")
    c.add('shares = classes.aggregate_spatial(geometries=aoi, reducer="mean")  # fraction of the area per class')
    c.lines.append("")
    c.lines.append('shares.download("landcover_shares.json")')
    return c.text()


# first acquisitions of the collections a multi-sensor record combines (backend/catalog/collections.yaml, as on CDSE)
MISSION_START = {S2_L2A: date(2015, 7, 4), L8: date(2013, 3, 18)}
SENSOR_LABEL = {S2_L2A: "S2", L8: "L8"}


def multisensor_windows(plan: Plan) -> list[tuple[str, Period]]:
    """Each sensor's part of the requested window: from its first acquisition on; a sensor that has none in
    the window is left out (Landsat 5 and 7 are not served: the record starts with Landsat 8 in 2013)."""
    p = plan.periods[0]
    out = []
    for coll in (S2_L2A, L8):
        start = max(p.start, MISSION_START[coll])
        if start < p.end:
            out.append((coll, Period(start=start, end=p.end)))
    return out or [(S2_L2A, p), (L8, p)]


def build_multisensor(plan: Plan) -> str:
    c = _Code(plan)
    it = plan.intent
    p = plan.periods[0]
    index = it.index or "NDVI"
    period = it.period
    windows = multisensor_windows(plan)
    c.header(f"Multi-sensor {index} record (Sentinel-2 and Landsat 8), {plan.place or 'area of interest'}")
    c.add("")
    c.geometry()
    if p.start < MISSION_START[L8] or set(it.landsat_missions) & {4, 5, 7}:
        c.add("# Landsat 4/5 TM and 7 ETM+ are not served by this backend (nor by CDSE): the record uses",
              f"# Landsat 8-9 from {MISSION_START[L8]} and Sentinel-2 from {MISSION_START[S2_L2A]}, where the window has them")
    names = []
    for coll, window in windows:
        var, label = f"{SENSOR_LABEL[coll].lower()}_{index.lower()}", f"{index}_{SENSOR_LABEL[coll]}"
        sensor = it.model_copy(update={"collection": coll, "task": "index", "index": index})
        bands = optical_bands(sensor)
        if coll == L8:
            c.add("# Landsat 8-9 Collection 2 Level-2 surface reflectance (scale 0.0000275, offset -0.2)")
            c.load(f"{var}_cube", coll, [S2_TO_L8.get(b, b) for b in bands], window)
        else:
            c.add("# Sentinel-2 L2A, cloud-masked with SCL")
            c.load(f"{var}_cube", coll, bands + ["SCL"], window)
            c.add(f'scl = {var}_cube.band("SCL")', f"{var}_cube = {var}_cube.mask({SCL_CLASSES})")
        _index_lines(c, f"{var}_cube", var, sensor)
        if it.smooth:  # each sensor's series smoothed over time before it is aggregated
            _smooth_lines(c, var, var, it.kernel_size or 3, label)
        if period:
            r = it.reducer if it.reducer_explicit else "mean"
            c.add(f'{var} = {var}.aggregate_temporal_period(period="{period}", reducer="{r}")  # {period}ly {r}')
        c.add(_as_band_line(var, label))
        names.append(var)
    c.add(f"# one cube with a band per sensor{' on the Sentinel-2 grid' if len(names) > 1 else ''}"
          + ("" if period else ", every acquisition kept"))
    for other in names[1:]:
        c.add(f'{other} = {other}.resample_cube_spatial(target={names[0]}, method="bilinear")')
    c.add(f"record = {names[0]}" + "".join(f".merge_cubes({n})" for n in names[1:]),
          'timeseries = record.aggregate_spatial(geometries=aoi, reducer="mean")')
    # a table of values per sensor, whatever the wording asked for: never a GeoTIFF
    ext = "csv" if it.output_format == "CSV" else "json"
    c.lines += ["", f'timeseries.download("{index.lower()}_multisensor_{p.start:%Y}_{(p.end - timedelta(days=1)).year}.{ext}")']
    return c.text()


def _smooth_lines(c: _Code, var: str, out: str, n: int, label: str) -> None:
    """`out` = `var` averaged over a centred moving window, every date kept: over the window's days when the request
    gives it in days (the dates within it, however many were observed), else over `n` consecutive observations."""
    days = c.it.window_days
    if days:
        back, ahead = (days - 1) // 2, days // 2
        c.add(f"# centred moving average over {days} days of {label} (the observations from {back} days before to",
              f"# {ahead} days after each date, however many there are), every date kept, as a Python UDF run",
              "# along the time dimension (what CDSE users write for temporal smoothing)",
              "smoothing = openeo.UDF(\"\"\"",
              "import numpy as np",
              "import xarray",
              "def apply_datacube(cube: xarray.DataArray, context: dict) -> xarray.DataArray:",
              '    day = cube["t"].values.astype("datetime64[D]").astype("int64")',
              f"    means = [cube.isel(t=np.flatnonzero((day >= d - {back}) & (day <= d + {ahead}))).mean(\"t\", skipna=True)",
              "             for d in day]",
              '    return xarray.concat(means, dim="t").assign_coords(t=cube["t"]).transpose(*cube.dims)',
              "\"\"\")",
              f'{out} = {var}.apply_dimension(dimension="t", process=smoothing)')
        return
    c.add(f"# centred moving average over {n} consecutive observations of {label}, every date kept,",
          "# as a Python UDF run along the time dimension (what CDSE users write for temporal smoothing)",
          "smoothing = openeo.UDF(\"\"\"",
          "import xarray",
          "def apply_datacube(cube: xarray.DataArray, context: dict) -> xarray.DataArray:",
          f"    return cube.rolling(t={n}, center=True, min_periods=1).mean()",
          "\"\"\")",
          f'{out} = {var}.apply_dimension(dimension="t", process=smoothing)')


def _series_name(it: Intent) -> str:
    if it.collection == LST:
        return "LST"
    if it.collection == S5P:
        return it.product or "NO2"
    if it.collection == S1:
        return " and ".join(polarisations(it))
    return "The formula" if it.formula is not None else (it.index or "NDVI")


def build_moving_window(plan: Plan) -> str:
    c = _Code(plan)
    n = plan.intent.kernel_size or 3
    window = f"{plan.intent.window_days}-day" if plan.intent.window_days else f"{n}-observation"
    c.header(f"{_series_name(plan.intent)} smoothed with a {window} moving average, {plan.place or 'area of interest'}")
    c.add("")
    label = _product_cube(c, plan, "series", plan.periods[0], several=True)
    _smooth_lines(c, "series", "smooth", n, label)
    if plan.intent.timeseries:  # a table asked for ("CSV", "Tabelle"): the smoothed values averaged over the area
        c.timeseries("smooth", f"ndvi_moving_average_{plan.periods[0].start:%Y}_timeseries")
    else:
        c.download("smooth", f"ndvi_moving_average_{plan.periods[0].start:%Y}")
    return c.text()


def _formula_lines(c: _Code, cube: str, out: str, plan: Plan) -> None:
    f = plan.intent.formula
    landsat = plan.intent.collection == L8
    for b in f.bands:
        name = S2_TO_L8.get(b, b) if landsat else b
        c.add(f'{b.lower()} = {cube}.band("{name}")')
    c.add(f"{out} = {f.expression}  # as written: {f.text}")


def build_flood_product(plan: Plan) -> str:
    """The Global Flood Monitoring product (GFM): its observed flood extent (1 flooded, 0 not), where it could map."""
    c = _Code(plan)
    it, period = plan.intent, plan.periods[0]
    c.header(f"Observed flood extent from Global Flood Monitoring (GFM), {plan.place or 'area of interest'}")
    c.add("")
    c.load("gfm", "GFM", ["flood_extent", "exclusion_mask"], period)
    c.add('flooded = gfm.band("flood_extent").mask(gfm.band("exclusion_mask") == 1)'
          "  # 1 flooded, 0 not; no value where GFM cannot map (radar shadow, urban, forest)")
    stem = f"gfm_flood_extent_{period.start:%Y%m%d}"
    if it.timeseries:  # the flooded share of the area per observation
        c.timeseries("flooded", stem + "_timeseries")
        return c.text()
    c.reduce_time("flooded", "flood_extent", it.reducer)
    c.download("flood_extent", stem)
    return c.text()


WORKFLOWS = {"rvi": build_rvi, "oil_slick": build_oil_slick, "soil_moisture": build_soil_moisture,
             "count_days": build_count_days, "statistics": build_statistics, "best_pixel": build_best_pixel,
             "fusion": build_fusion, "zonal_landcover": build_zonal_landcover, "multisensor": build_multisensor,
             "moving_window": build_moving_window, "flood_product": build_flood_product}


def build_formula_index(plan: Plan) -> str:
    """An index the user wrote out as a formula, as a composite (and thresholded when asked)."""
    c = _Code(plan)
    it = plan.intent
    f = it.formula
    c.header(f"{f.text} from {it.collection}, {plan.place or 'area of interest'}")
    c.add("")
    masked = it.cloud_mask and it.collection == S2_L2A
    names = [S2_TO_L8.get(b, b) for b in f.bands] if it.collection == L8 else list(f.bands)
    if it.change and len(plan.periods) >= 2:
        return _formula_change(c, plan, names + (["SCL"] if masked else []), masked)
    c.load("cube", it.collection, names + (["SCL"] if masked else []), plan.periods[0])
    if masked:
        c.add('scl = cube.band("SCL")', f"cube = cube.mask({SCL_CLASSES})")
    _formula_lines(c, "cube", "index", plan)
    if it.timeseries:
        c.timeseries("index", f"index_{plan.periods[0].start:%Y%m%d}_timeseries")
        return c.text()
    c.reduce_time("index", "composite")
    if it.threshold:
        c.add(f"composite = composite {OPS[it.threshold.op]} {_fmt(it.threshold.value)}")
    c.download("composite", f"index_{plan.periods[0].start:%Y%m%d}")
    return c.text()


def _formula_change(c: _Code, plan: Plan, bands: list[str], masked: bool) -> str:
    """A written index compared between two windows ("dNBR with NBR = (B8A - B12)/(B8A + B12), before = ...,
    after = ..."): the formula per window, reduced, then subtracted; a burn index falls where it burned, so its
    difference is before minus after, any other later minus earlier."""
    it = plan.intent
    burn = it.index == "NBR"
    if "merge_cubes" in plan.avoid:  # one load over both windows: the per-pixel range measures the change
        before, after_ = plan.periods[0], plan.periods[-1]
        span = Period(start=min(before.start, after_.start), end=max(before.end, after_.end))
        c.load("cube", it.collection, bands, span)
        if masked:
            c.add('scl = cube.band("SCL")', f"cube = cube.mask({SCL_CLASSES})")
        _formula_lines(c, "cube", "index", plan)
        c.add('change = index.reduce_dimension(dimension="t", reducer=lambda x: x.max() - x.min())')
    else:
        for label, period in zip(("before", "after"), plan.periods[:2]):
            c.add(f"# {label}: {period.start} to {period.end} (exclusive)")
            c.load(f"cube_{label}", it.collection, bands, period)
            if masked:
                c.add(f'scl = cube_{label}.band("SCL")', f"cube_{label} = cube_{label}.mask({SCL_CLASSES})")
            _formula_lines(c, f"cube_{label}", f"index_{label}", plan)
            c.add(f'{label} = index_{label}.reduce_dimension(dimension="t", reducer="{it.reducer}")', "")
        if it.percent_change:
            c.add("change = (after - before) / before * 100  # the change in percent of the earlier value")
        else:
            c.add("change = before - after  # positive where the burn index fell" if burn else
                  "change = after - before  # later minus earlier")
    if it.threshold:
        c.add(f"change = change {OPS[it.threshold.op]} {_fmt(it.threshold.value)}")
    c.download("change", "dnbr" if burn else "index_change")
    return c.text()
