"""Draft openeo Python client code for a `Plan`: a complete script that runs as-is on CDSE.

One builder per family of products (optical index/composite, radar, terrain, Sentinel-3,
Sentinel-5P, land cover); each loads only the bands it needs over a tight extent, masks
clouds with SCL for Sentinel-2 L2A, reduces time properly and downloads to a named file.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta

from pydantic import BaseModel

from agent.planner.availability import RecordChoice
from agent.planner.dates import Period
from agent.planner.intents import L8, OLCI, PALETTE_BANDS, S1, S2_L2A, S2_TO_L8, Intent, flood_polarisation, index_def, radar_bands
from agent.planner.places import BBox
from agent.planner.products import PROBAV

CDSE_URL = "https://openeo.dataspace.copernicus.eu"
SCL_CLASSES = "(scl == 3) | (scl == 8) | (scl == 9) | (scl == 10)"
COMMON_NAMES = {"B02": "blue", "B03": "green", "B04": "red", "B05": "red_edge", "B08": "nir", "B8A": "nir",
                "B11": "swir1", "B12": "swir2"}
OPS = {"gt": ">", "gte": ">=", "lt": "<", "lte": "<="}


class Plan(BaseModel):
    """Everything the code needs: what, where, when."""

    intent: Intent
    bbox: BBox
    polygon: list[tuple[float, float]] | None = None
    polygons: list[list[tuple[float, float]]] | None = None  # several fields, or a region's outline rings
    periods: list[Period]  # one period, or [before, after] for a change
    place: str = ""
    # what the backend said it cannot do ("merge_cubes", "aggregate_temporal_period", "align"):
    # the code is drafted with an equivalent formulation that avoids it
    avoid: set[str] = set()
    # a coarser read than the sensor's, after the backend found the request too large at native
    # resolution: each load of an optical or radar collection is resampled right away
    read_resolution_m: float | None = None
    # statistics per part of the region ("per gemeente"): `parts = {FeatureCollection}` as code
    # (agent/planner/parts.py); the product then ends in aggregate_spatial over them and a table
    zones: str | None = None
    zones_official: bool = False  # the parts are a country's regions with Natural Earth's outlines
    # a window before the collection's record, read from another collection (said in the answer) or asked about
    record: RecordChoice | None = None


L8_KELVIN = " * 0.00341802 + 149.0"  # Landsat Collection 2 B10 digital numbers to kelvin (USGS scale and offset)
COARSENABLE = {S2_L2A, "SENTINEL2_L1C", L8, S1}  # collections read coarser on "too large"


def _fmt(v: float) -> str:
    return f"{v:.4f}".rstrip("0").rstrip(".")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:40] or "result"


def optical_bands(intent: Intent) -> list[str]:
    """The bands the product needs, in Sentinel-2 names (mapped for Landsat afterwards)."""
    if intent.index and intent.task != "rgb":  # an index inside any workflow (a moving average, a day count) loads its bands only
        d = index_def(intent)
        if d.kind == "evi":
            return ["B02", "B04", "B08"]
        if d.kind == "savi":
            return ["B04", "B08"]
        if d.kind == "bsi":
            return ["B02", "B04", "B08", "B11"]
        return sorted({d.a, d.b})
    if intent.task == "rgb":
        named = [b for b in intent.bands if b.startswith("B")]
        if len(named) == 3:
            return named
        return list(PALETTE_BANDS[intent.palette])
    named = [b for b in intent.bands if b.startswith("B")]
    return named or ["B02", "B03", "B04", "B08"]


class _Code:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.it = plan.intent
        self.lines: list[str] = []

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def header(self, title: str) -> None:
        reads_parts = bool(self.plan.zones) and "json.loads(" in (self.plan.zones or "")  # find_place's file
        imports = ["import json", "from pathlib import Path", ""] if reads_parts else []
        self.add(f'"""{title}"""', *imports, "import openeo", "",
                 f'connection = openeo.connect("{CDSE_URL}")',
                 "connection.authenticate_oidc()  # log in to CDSE (a no-op in the agent's sandbox)", "")
        w, s, e, n = self.plan.bbox
        self.add(f'spatial_extent = {{"west": {_fmt(w)}, "south": {_fmt(s)}, "east": {_fmt(e)}, "north": {_fmt(n)}}}')

    def load(self, var: str, collection: str, bands: list[str], period: Period | None) -> None:
        args = [f'    "{collection}",', "    spatial_extent=spatial_extent,"]
        if period is not None:
            args.append(f'    temporal_extent=["{period.start.isoformat()}", "{period.end.isoformat()}"],'
                        "  # end date is exclusive")
        args.append(f"    bands={bands!r},".replace("'", '"'))
        self.add(f"{var} = connection.load_collection(", *args, ")")
        res = self.plan.read_resolution_m
        if res and collection in COARSENABLE:
            self.add(f'{var} = {var}.resample_spatial(resolution={_fmt(res)}, method="near")'
                     f"  # {_fmt(res)} m: too large for the backend at full resolution")

    def _zones_outlines(self) -> str:
        return ("outlines: Natural Earth's regions, simplified" if self.plan.zones_official
                else "outlines approximate (derived from their towns)")

    def geometry(self) -> None:
        def ring_text(ring) -> str:
            return "[[" + ", ".join(f"[{_fmt(x)}, {_fmt(y)}]" for x, y in ring) + "]]"

        if self.plan.zones:
            self.add(self.plan.zones + f"  # {self._zones_outlines()}", "aoi = parts")
            return
        if self.plan.polygons and len(self.plan.polygons) > 1:
            features = ",\n    ".join(
                f'{{"type": "Feature", "properties": {{"id": {i + 1}}}, "geometry": {{"type": "Polygon", "coordinates": {ring_text(r)}}}}}'
                for i, r in enumerate(self.plan.polygons))
            self.add(f'aoi = {{"type": "FeatureCollection", "features": [\n    {features}]}}  # one row per polygon')
            return
        ring = self.plan.polygon or (self.plan.polygons[0] if self.plan.polygons else None)
        if not ring:
            w, s, e, n = self.plan.bbox
            ring = [(w, s), (e, s), (e, n), (w, n), (w, s)]
        self.add(f'aoi = {{"type": "Polygon", "coordinates": {ring_text(ring)}}}')

    def download(self, var: str, stem: str) -> None:
        ext = {"GTiff": "tif", "netCDF": "nc", "JSON": "json", "CSV": "csv"}[self.it.output_format]
        if self.plan.zones and var != "timeseries":  # one row per part instead of the raster
            self.add("", f"# one row per part, each named; {self._zones_outlines()}",
                     self.plan.zones, f'table = {var}.aggregate_spatial(geometries=parts, reducer="mean")')
            var, stem, ext = "table", stem + "_per_part", "json" if ext == "json" else "csv"
        self.add("", f'{var}.download("{_slug(stem)}.{ext}")')

    def reduce_time(self, src: str, dst: str, reducer: str | None = None) -> None:
        if self.it.every_date and not self.it.period:
            self.add(f"{dst} = {src}  # every acquisition kept: one time step per date, no temporal reduction")
            return
        reducer = reducer or self.it.reducer
        p0 = self.plan.periods[0] if self.plan.periods else None
        last = (p0.end - timedelta(days=1)) if p0 is not None else None
        # a window within one month (one year) has one monthly (yearly) value: reduced once
        one_month = p0 is not None and last is not None and (
            (self.it.period == "month" and (p0.start.year, p0.start.month) == (last.year, last.month))
            or (self.it.period == "year" and p0.start.year == last.year))
        if self.it.period and not self.it.timeseries and "aggregate_temporal_period" not in self.plan.avoid \
                and not one_month:
            self.add(f'{dst} = {src}.aggregate_temporal_period(period="{self.it.period}", reducer="{reducer}")')
            self.fill_gaps(dst)
        else:
            if self.it.period and not self.it.timeseries and not one_month:
                self.add(f"# one {reducer} over the whole period (this backend has no aggregate_temporal_period)")
            self.add(f'{dst} = {src}.reduce_dimension(dimension="t", reducer="{reducer}")')
        if self.it.focal:  # "3x3 focal mean": each pixel the mean of its k x k neighbourhood
            k = self.it.kernel_size or 3
            self.add(f"{dst} = {dst}.apply_kernel(kernel=[[1] * {k}] * {k}, factor={1 / (k * k)!r})"
                     f"  # focal mean over {k} x {k} pixels")

    def fill_gaps(self, var: str) -> None:
        """Empty periods of an aggregated series filled by linear interpolation along time, when asked for."""
        if self.it.gap_fill:
            self.add(f'{var} = {var}.apply_dimension(dimension="t", process="array_interpolate_linear")'
                     "  # gaps filled linearly along time")

    def timeseries(self, src: str, stem: str, reducer: str = "mean") -> None:
        self.geometry()
        spatial = self.it.spatial_reducer  # "the spatial median per date": the named reducer is over the area
        if self.it.period and "aggregate_temporal_period" not in self.plan.avoid:
            # "the monthly maximum NDVI per field": the named reducer over time, the mean over the area
            over_time = self.it.reducer if self.it.reducer_explicit and not spatial else reducer
            self.add(f'{src} = {src}.aggregate_temporal_period(period="{self.it.period}", reducer="{over_time}")')
            self.fill_gaps(src)
        self.add(f'timeseries = {src}.aggregate_spatial(geometries=aoi, reducer="{spatial or reducer}")')
        self.download("timeseries", stem)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def threshold(self, var: str, what: str) -> str:
        """The mask of the request's comparison on `var` ("slope > 30"), or `var` when it names none."""
        t = self.it.threshold
        if t is None:
            return var
        unit = f" {t.unit}" if t.unit and t.unit not in ("°",) else t.unit
        self.add(f"mask = {var} {OPS[t.op]} {_fmt(t.value)}  # 1 where the {what} is {OPS[t.op]} {_fmt(t.value)}{unit}")
        return "mask"


# --- optical ---------------------------------------------------------------------------------

def _index_lines(c: _Code, cube: str, out: str, intent: Intent | None = None) -> None:
    """`out` = the index of `cube`, in the band names of the intent's collection (Landsat's mapped, scaled)."""
    it = intent or c.it
    d = index_def(it)
    landsat = it.collection == L8
    name = (lambda b: S2_TO_L8.get(b, b)) if landsat else (lambda b: b)
    scale = " * 0.0000275 - 0.2" if landsat else (" * 0.0001" if d.kind in ("evi", "savi") else "")
    if d.kind == "evi":
        c.add(f'blue = {cube}.band("{name("B02")}"){scale}', f'red = {cube}.band("{name("B04")}"){scale}',
              f'nir = {cube}.band("{name("B08")}"){scale}',
              f"{out} = 2.5 * (nir - red) / (nir + 6 * red - 7.5 * blue + 1)")
    elif d.kind == "bsi":
        c.add(f'blue = {cube}.band("{name("B02")}"){scale}', f'red = {cube}.band("{name("B04")}"){scale}',
              f'nir = {cube}.band("{name("B08")}"){scale}', f'swir = {cube}.band("{name("B11")}"){scale}',
              f"{out} = ((swir + red) - (nir + blue)) / ((swir + red) + (nir + blue))  # BSI")
    elif d.kind == "savi":
        c.add(f'red = {cube}.band("{name("B04")}"){scale}', f'nir = {cube}.band("{name("B08")}"){scale}',
              f"{out} = 1.5 * (nir - red) / (nir + red + 0.5)")
    else:
        va, vb = COMMON_NAMES.get(d.a, d.a.lower()), COMMON_NAMES.get(d.b, d.b.lower())
        if va == vb:  # two bands of one kind ("B11" and "B12"): their own names
            va, vb = d.a.lower(), d.b.lower()
        c.add(f'{va} = {cube}.band("{name(d.a)}"){scale}', f'{vb} = {cube}.band("{name(d.b)}"){scale}',
              f"{out} = ({va} - {vb}) / ({va} + {vb})  # {d.name}")


def _optical_cube(c: _Code, var: str, period: Period, bands: list[str]) -> None:
    it = c.it
    load_bands = [S2_TO_L8.get(b, b) for b in bands] if it.collection == L8 else list(bands)
    masked = it.cloud_mask and it.collection == S2_L2A
    c.load(var, it.collection, load_bands + (["SCL"] if masked else []), period)
    if masked:
        c.add("# Mask cloud shadows (3), clouds (8, 9) and cirrus (10) with the scene classification",
              f'scl = {var}.band("SCL")', f"cloudy = {SCL_CLASSES}", f"{var} = {var}.mask(cloudy)")


def _in_year(d: date, year: int) -> date:
    """The same day and month in another year (28 February for 29 February)."""
    return d.replace(year=year, day=min(d.day, 28)) if (d.month, d.day) == (2, 29) else d.replace(year=year)


def build_optical(plan: Plan) -> str:
    c = _Code(plan)
    it = plan.intent
    bands = optical_bands(it)
    what = f"{it.index} from {it.collection}" if it.task == "index" else f"{it.task} composite from {it.collection}"
    c.header(f"{what}, {plan.place or 'area of interest'}")
    if it.task == "index" and it.change and len(plan.periods) >= 2 and "merge_cubes" in plan.avoid:
        before, after_ = plan.periods[0], plan.periods[-1]
        span = Period(start=min(before.start, after_.start), end=max(before.end, after_.end))
        c.add("", f"# One load from {span.start} to {span.end}. Without merge_cubes two composites cannot be",
              "# subtracted, so the per-pixel range (max - min) of the index over both periods measures the size",
              "# of the change (a drop for burn scars and clearing, a rise for new buildings).")
        _optical_cube(c, "cube", span, bands)
        _index_lines(c, "cube", "index")
        c.add('change = index.reduce_dimension(dimension="t", reducer=lambda x: x.max() - x.min())')
        if it.threshold:
            c.add(f"change = change {OPS[it.threshold.op]} {it.threshold.value}")
        c.download("change", f"{'dnbr' if it.index == 'NBR' else it.index + '_change'}")
        return c.text()
    if it.task == "index" and it.change and len(plan.periods) >= 2:
        names = []
        for label, period in zip(("before", "after"), plan.periods[:2]):
            c.add("", f"# {label}: {period.start} to {period.end} (exclusive)")
            _optical_cube(c, f"cube_{label}", period, bands)
            _index_lines(c, f"cube_{label}", f"index_{label}")
            if period.each_year:  # the window's dates in each year before it: one value per year, then their mean
                intervals = [[_in_year(period.start, period.start.year + k).isoformat(),
                              _in_year(period.end, period.end.year - period.each_year + 1 + k).isoformat()]
                             for k in range(period.each_year)]
                c.add(f'index_{label} = index_{label}.aggregate_temporal(intervals={intervals!r}, reducer="{it.reducer}")'
                      .replace("'", '"') + "  # one per year")
                c.add(f'{label} = index_{label}.reduce_dimension(dimension="t", reducer="mean")  # their mean')
            else:
                c.add(f'{label} = index_{label}.reduce_dimension(dimension="t", reducer="{it.reducer}")')
            names.append(label)
        c.add("")
        if it.period_ratio and not it.threshold_on_index:
            c.add(*_ratio_lines(plan, f"{it.index} {it.reducer}"))
        elif it.percent_change and not it.threshold_on_index:
            # "variation en pourcentage du NDVI": relative to the earlier composite (where it is not near zero)
            c.add(f"change = (after - before) / before * 100  # {it.index} change in percent of the earlier {it.reducer}")
        elif it.index == "NBR":
            c.add("change = before - after  # dNBR: positive where vegetation burned")
        elif not (it.threshold and it.threshold_on_index):
            c.add(f"change = after - before  # {it.index} difference: later minus earlier")
        result = "change"
        if it.threshold and it.threshold_on_index:
            op, v = OPS[it.threshold.op], _fmt(it.threshold.value)
            c.add(f"# 1 where {it.index} {op} {v} after but not before (e.g. newly flooded land for a water index)",
                  f"change = (after {op} {v}) & ~(before {op} {v})")
        elif it.threshold:
            c.add(f"change = change {OPS[it.threshold.op]} {it.threshold.value}")
        c.download(result, f"{'dnbr' if it.index == 'NBR' else it.index + ('_ratio' if it.period_ratio else '_change')}")
        return c.text()
    if it.task in ("rgb", "composite") and it.change and len(plan.periods) >= 2 and not it.timeseries:
        _before_after_images(c, plan, bands)
        return c.text()
    c.add("")
    _optical_cube(c, "cube", plan.periods[0], bands)
    stem = f"{it.index or it.task}_{plan.periods[0].start:%Y%m%d}"
    if it.task == "index":
        c.add("")
        _index_lines(c, "cube", "index")
        if it.timeseries:
            c.timeseries("index", stem + "_timeseries")
            return c.text()
        c.reduce_time("index", "composite")
        if it.landcover_mask:
            _landcover_mask_lines(c, "composite", it.landcover_mask)
        if it.threshold:
            c.add(f"composite = composite {OPS[it.threshold.op]} {it.threshold.value}"
                  f"  # 1 where {it.index} {OPS[it.threshold.op]} {it.threshold.value}")
        c.download("composite", stem)
        return c.text()
    c.add(f"cube = cube.filter_bands({bands!r})".replace("'", '"') if it.collection != L8 else
          f"cube = cube.filter_bands({[S2_TO_L8.get(b, b) for b in bands]!r})".replace("'", '"'))
    if it.timeseries:
        c.timeseries("cube", stem + "_timeseries")
        return c.text()
    c.reduce_time("cube", "composite")
    c.download("composite", stem)
    return c.text()


def _before_after_images(c: _Code, plan: Plan, bands: list[str]) -> None:
    """'Before and after images': one composite of each period, the pair as two time steps of one cube (one load over
    both periods, aggregate_temporal into the two windows), so the two images are one result side by side."""
    it = plan.intent
    before, after_ = plan.periods[0], plan.periods[-1]
    span = Period(start=min(before.start, after_.start), end=max(before.end, after_.end))
    c.add("", f"# before: {before.start} to {before.end}, after: {after_.start} to {after_.end} (ends exclusive)")
    _optical_cube(c, "cube", span, bands)
    c.add(f"cube = cube.filter_bands({[S2_TO_L8.get(b, b) for b in bands] if it.collection == L8 else bands!r})"
          .replace("'", '"'))
    c.add("pair = cube.aggregate_temporal(",
          f'    intervals=[["{before.start}", "{before.end}"], ["{after_.start}", "{after_.end}"]],',
          f'    reducer="{it.reducer}",', '    labels=["before", "after"],', ")")
    if it.output_format == "GTiff":  # two dates: netCDF keeps both time steps in one file
        c.it = it.model_copy(update={"output_format": "netCDF"})
    c.download("pair", f"{it.task}_before_after_{before.start:%Y%m%d}_{after_.start:%Y%m%d}")


def _landcover_mask_lines(c: _Code, cube: str, classes: list[int]) -> None:
    """`cube` masked (set to no data) where ESA WorldCover 2021 is one of `classes` ("water masked out")."""
    test = f"classes == {classes[0]}" if len(classes) == 1 else " | ".join(f"(classes == {k})" for k in classes)
    c.add("", f"# leave out WorldCover 2021 class{'es' if len(classes) > 1 else ''} {', '.join(map(str, classes))}",
          "landcover = connection.load_collection(",
          '    "ESA_WORLDCOVER_10M_2021_V2",', "    spatial_extent=spatial_extent,",
          '    temporal_extent=["2021-01-01", "2022-01-01"],', '    bands=["MAP"],', ")",
          'classes = landcover.reduce_dimension(dimension="t", reducer="max").band("MAP")  # one map, its single date',
          f"excluded = ({test}).resample_cube_spatial({cube})",
          f"{cube} = {cube}.mask(excluded)")


# --- the change of a one-band product between two periods ---------------------------------------

def wants_change(plan: Plan) -> bool:
    """Two periods compared, and a backend that can subtract one cube from another (merge_cubes)."""
    return plan.intent.change and len(plan.periods) >= 2 and "merge_cubes" not in plan.avoid


def _ratio_lines(plan: Plan, what: str) -> list[str]:
    """`change` = the first period named divided by the second ("ratio of July 2023 to July 2022": 2023 / 2022);
    the periods are before (earlier) and after (later) in the plan, their text positions say which was named first."""
    before, after_ = plan.periods[0], plan.periods[-1]
    if before.pos > after_.pos:  # the later period named first: later over earlier
        return [f"change = after / before  # ratio of the {what}: {after_.start} to {before.start} (first named over second)"]
    return [f"change = before / after  # ratio of the {what}: {before.start} to {after_.start} (first named over second)"]


def product_change(c: _Code, collection: str, bands: list[str], name: str, unit: str, db: bool = False) -> None:
    """`change` = the later period's per-pixel reducer minus the earlier one's ("NO2 April 2020 vs April 2019",
    "LST July 2022 versus July 2018", "VV backscatter change"): radar in dB, so the change is in dB."""
    plan, reducer = c.plan, c.it.reducer if c.it.reducer_explicit else "mean"
    percent = c.it.percent_change
    for label, period in zip(("before", "after"), (plan.periods[0], plan.periods[-1])):
        c.add("", f"# {label}: {period.start} to {period.end} (exclusive), per-pixel {reducer}")
        c.load(f"cube_{label}", collection, bands, period)
        c.add(f'{label} = cube_{label}.reduce_dimension(dimension="t", reducer="{reducer}")')
        if db and not (percent or c.it.period_ratio):
            c.add(f"{label} = {label}.log10() * 10  # dB")
    if c.it.period_ratio:  # a ratio of two periods' values (radar in linear power, as for a percent)
        c.add("", *_ratio_lines(plan, f"{name} {reducer}"))
        return
    if percent:  # relative to the earlier value (radar in linear power: a percent of dB would mean nothing)
        c.add("", f"change = (after - before) / before * 100  # {name} change in percent of the earlier {reducer}")
        return
    c.add("", f"change = after - before  # {name} change ({unit}): later minus earlier")


# --- radar -----------------------------------------------------------------------------------

def build_radar(plan: Plan) -> str:
    c = _Code(plan)
    it = plan.intent
    if it.task == "flood":
        before, after = plan.periods[0], plan.periods[-1]
        pol = flood_polarisation(it)
        drop = it.threshold.value if it.threshold else -3.0
        c.header(f"Flood mapping from Sentinel-1 backscatter change, {plan.place or 'area of interest'}")
        if "merge_cubes" in plan.avoid:
            span = Period(start=before.start, end=after.end)
            c.add("", "# Sentinel-1 GRD on CDSE is served as calibrated backscatter (linear power).",
                  f"# one load over the reference and flood windows: flooded pixels have a temporal minimum far",
                  "# below their temporal median (the reference state), open water being dark in " + pol)
            c.load("vv", "SENTINEL1_GRD", [pol], span)
            c.add('drop_db = vv.reduce_dimension(dimension="t", reducer=lambda x: (x.min() / x.median()).log(10) * 10)',
                  f"flood_mask = drop_db < {_fmt(drop)}  # 1 where backscatter dropped by more than {abs(drop):g} dB")
            c.download("flood_mask", f"flood_mask_{after.start:%Y%m%d}")
            return c.text()
        c.add("", "# Sentinel-1 GRD on CDSE is served as calibrated backscatter (linear power).")
        c.load("reference", "SENTINEL1_GRD", [pol], before)
        c.load("flooded", "SENTINEL1_GRD", [pol], after)
        c.add("# speckle: a 5 x 5 boxcar mean of each acquisition (about 100 looks) before comparing",
              "boxcar = [[1, 1, 1, 1, 1]] * 5",
              'reference = reference.apply_kernel(kernel=boxcar, factor=1 / 25).reduce_dimension(dimension="t", reducer="mean")',
              'flooded = flooded.apply_kernel(kernel=boxcar, factor=1 / 25).reduce_dimension(dimension="t", reducer="min")', "",
              "# to decibels: open water is dark, so flooding shows as a strong drop in " + pol,
              "reference_db = reference.log10() * 10", "flooded_db = flooded.log10() * 10",
              "change_db = flooded_db - reference_db",
              f"flood_mask = change_db < {_fmt(drop)}  # 1 where backscatter dropped by more than {abs(drop):g} dB")
        c.download("flood_mask", f"flood_mask_{after.start:%Y%m%d}")
        return c.text()
    period = plan.periods[0]
    if it.task == "ratio":
        c.header(f"Sentinel-1 VH/VV ratio in dB, {plan.place or 'area of interest'}")
        c.add("")
        c.load("cube", "SENTINEL1_GRD", ["VH", "VV"], period)
        c.add('ratio = cube.band("VH") / cube.band("VV")')
        if it.timeseries:
            c.timeseries("ratio", f"vh_vv_ratio_{period.start:%Y%m}_timeseries")
            return c.text()
        c.reduce_time("ratio", "ratio")
        c.add("ratio_db = ratio.log10() * 10  # the cross-polarisation ratio in decibels")
        out = c.threshold("ratio_db", "VH/VV ratio")
        c.download(out, f"vh_vv_ratio_db_{period.start:%Y%m}" + ("_mask" if out == "mask" else ""))
        return c.text()
    bands = radar_bands(it)
    if wants_change(plan) and not it.timeseries:
        c.header(f"Sentinel-1 backscatter change ({', '.join(bands)}) in dB, {plan.place or 'area of interest'}")
        product_change(c, "SENTINEL1_GRD", bands, "backscatter", "dB", db=True)
        c.download("change", f"backscatter_change_db_{plan.periods[-1].start:%Y%m}")
        return c.text()
    c.header(f"Sentinel-1 backscatter ({', '.join(bands)}) in dB, {plan.place or 'area of interest'}")
    c.add("")
    c.load("cube", "SENTINEL1_GRD", bands, period)
    if it.timeseries:
        c.add("cube = cube.log10() * 10  # each observation in dB, as the maps are")
        c.timeseries("cube", f"backscatter_db_{period.start:%Y%m}_timeseries")
        return c.text()
    c.reduce_time("cube", "backscatter")
    c.add("backscatter_db = backscatter.log10() * 10")
    out = c.threshold("backscatter_db", "backscatter")
    c.download(out, f"backscatter_db_{period.start:%Y%m}" + ("_mask" if out == "mask" else ""))
    return c.text()


# --- terrain ---------------------------------------------------------------------------------

def utm_epsg(bbox: BBox) -> int:
    lon, lat = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    return (32600 if lat >= 0 else 32700) + int((lon + 180) // 6) + 1


def _resample(var: str, res: float, epsg: int, plan: Plan) -> str:
    if "align" in plan.avoid:  # the backend's resample_spatial has no 'align' argument
        return (f'{var} = {var}.process("resample_spatial", data={var}, resolution={_fmt(res)}, '
                f'projection={epsg}, method="bilinear")')
    return f'{var} = {var}.resample_spatial(resolution={_fmt(res)}, projection={epsg}, method="bilinear")'


def build_terrain(plan: Plan) -> str:
    c = _Code(plan)
    it = plan.intent
    title = {"dem": "Elevation", "slope": "Slope in degrees", "aspect": "Aspect in degrees",
             "hillshade": "Hillshade"}[it.task]
    c.header(f"{title} from the Copernicus DEM GLO-30, {plan.place or 'area of interest'}")
    c.add("")
    c.load("dem", "COPERNICUS_30", ["DEM"], None)
    c.add("dem = dem.max_time()  # the DEM has a single time step")
    res = it.resolution or 30
    if it.task == "dem":
        if it.epsg:
            c.add(_resample("dem", res, it.epsg, plan))
        stat = next((st.name for st in it.stats if st.name in ("mean", "median", "max", "min")), None)
        if stat and it.threshold is None:
            # "the mean elevation of the region", "die mittlere Höhe", "l'altitude moyenne": one number over the area
            c.geometry()
            c.add(f'elevation = dem.aggregate_spatial(geometries=aoi, reducer="{stat}")  # {stat} over the area, m')
            c.add("", f'elevation.download("{stat}_elevation.json")')
            return c.text()
        out = c.threshold("dem", "elevation")
        c.download(out, f"dem{'_epsg' + str(it.epsg) if it.epsg else ''}" + ("_mask" if out == "mask" else ""))
        return c.text()
    epsg = it.epsg or utm_epsg(plan.bbox)
    c.add(f"# a metric grid, so that the gradient kernels see {res:g} m pixels",
          _resample("dem", res, epsg, plan),
          "# elevation gradients (Sobel): dz/dx towards east, dz/dy towards north",
          f"dzdx = dem.apply_kernel(kernel=[[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], factor={1 / (8 * res)!r})",
          f"dzdy = dem.apply_kernel(kernel=[[1, 2, 1], [0, 0, 0], [-1, -2, -1]], factor={1 / (8 * res)!r})")
    if it.task == "slope":
        c.add("# slope = atan(|gradient|), in degrees",
              "slope = (dzdx * dzdx + dzdy * dzdy).apply(lambda x: (x ** 0.5).arctan() * 57.29577951308232)")
        out = c.threshold("slope", "slope (degrees)")
        c.download(out, "slope_degrees" + ("_mask" if out == "mask" else ""))
    elif it.task == "aspect":
        # the compass direction of the downslope vector (-dz/dx, -dz/dy), clockwise from north: atan2(east, north)
        # as 2 * atan(e / (r + n)) with r = |gradient| (cube arithmetic, no atan2 of two cubes needed); flat
        # pixels (r = 0) have no aspect and stay no data
        c.add("# aspect = the direction the slope faces, degrees clockwise from north (0 N, 90 E, 180 S, 270 W)",
              "east, north = dzdx * -1.0, dzdy * -1.0",
              "r = (dzdx * dzdx + dzdy * dzdy).apply(lambda x: x ** 0.5)",
              "aspect = (east / (r + north)).apply(lambda x: (x.arctan() * 114.59155902616465 + 360).mod(360))")
        c.download("aspect", "aspect_degrees")
    elif "merge_cubes" in plan.avoid:
        # one kernel: the first-order (linearised) Lambertian hillshade, exact on gentle slopes
        zen, az = math.radians(90 - it.altitude), math.radians(it.azimuth)
        c0, cx, cy = math.cos(zen), math.sin(zen) * math.sin(az), math.sin(zen) * math.cos(az)
        k = [[round(-(cx * a + cy * b) / (8 * res), 6) for a, b in row] for row in
             [[(-1, 1), (0, 2), (1, 1)], [(-2, 0), (0, 0), (2, 0)], [(-1, -1), (0, -2), (1, -1)]]]
        c.lines = [ln for ln in c.lines if not ln.startswith(("dzdx =", "dzdy =", "# elevation gradients"))]
        c.add(f"# hillshade ~ cos(zenith) - sin(zenith) * (sin(az) * dz/dx + cos(az) * dz/dy), sun azimuth "
              f"{it.azimuth:g} deg, altitude {it.altitude:g} deg, as one 3x3 kernel",
              f"shade = dem.apply_kernel(kernel={k!r}, factor=1)",
              f"hillshade = shade.apply(lambda x: (x + {c0:.6f}).clip(0, 1))")
        c.download("hillshade", f"hillshade_az{it.azimuth:g}_alt{it.altitude:g}")
    else:
        zen, az = math.radians(90 - it.altitude), math.radians(it.azimuth)
        c0, cx, cy = math.cos(zen), math.sin(zen) * math.sin(az), math.sin(zen) * math.cos(az)
        c.add(f"# Lambertian hillshade, sun azimuth {it.azimuth:g} deg, altitude {it.altitude:g} deg:",
              "# (cos(zenith) - sin(zenith) * (sin(az) * dzdx + cos(az) * dzdy)) / sqrt(1 + dzdx^2 + dzdy^2)",
              f"illumination = dzdx * {-cx:.6f} + dzdy * {-cy:.6f} + {c0:.6f}",
              "steepness = (dzdx * dzdx + dzdy * dzdy).apply(lambda x: (x + 1) ** 0.5)",
              "hillshade = (illumination / steepness).apply(lambda x: x.clip(0, 1))")
        c.download("hillshade", f"hillshade_az{it.azimuth:g}_alt{it.altitude:g}")
    return c.text()


# --- Sentinel-3, Sentinel-5P, land cover -------------------------------------------------------

def build_lst(plan: Plan) -> str:
    c = _Code(plan)
    it, period = plan.intent, plan.periods[0]
    if wants_change(plan) and not it.timeseries:
        c.header(f"Land surface temperature change from Sentinel-3 SLSTR, {plan.place or 'area of interest'}")
        product_change(c, "SENTINEL3_SLSTR_L2_LST", ["LST"], "LST", "K")
        c.download("change", f"lst_change_{plan.periods[-1].start:%Y%m%d}")
        return c.text()
    if it.collection == L8:
        c.header(f"Surface temperature from Landsat 8-9 (band B10), {plan.place or 'area of interest'}")
        c.add("")
        c.load("lst", L8, ["B10"], period)
        c.add(f'lst = lst.band("B10"){L8_KELVIN}  # Collection 2 surface temperature: digital numbers to kelvin')
    else:
        c.header(f"Land surface temperature from Sentinel-3 SLSTR, {plan.place or 'area of interest'}")
        c.add("")
        c.load("lst", "SENTINEL3_SLSTR_L2_LST", ["LST"], period)
    celsius = it.celsius and it.threshold is None  # a threshold stays in kelvin, as the data is
    if celsius:
        c.add("lst = lst - 273.15  # kelvin to degrees Celsius, as asked")
    else:
        c.add("# LST is in kelvin (subtract 273.15 for degrees Celsius)")
    if it.timeseries:
        c.timeseries("lst", f"lst_{period.start:%Y%m%d}_timeseries")
        return c.text()
    c.reduce_time("lst", "lst_" + it.reducer, it.reducer)
    out = c.threshold("lst_" + it.reducer, f"{it.reducer} LST (kelvin)")
    c.download(out, f"lst_{it.reducer}_{period.start:%Y%m%d}" + ("_mask" if out == "mask" else ""))
    return c.text()


def build_s5p(plan: Plan) -> str:
    c = _Code(plan)
    it, period = plan.intent, plan.periods[0]
    product = it.product or "NO2"
    if wants_change(plan) and not it.timeseries:
        c.header(f"{product} change from Sentinel-5P TROPOMI, {plan.place or 'area of interest'}")
        product_change(c, "SENTINEL_5P_L2", [product], product, "mol/m²")
        c.download("change", f"{product.lower()}_change_{plan.periods[-1].start:%Y%m}")
        return c.text()
    c.header(f"{product} from Sentinel-5P TROPOMI, {plan.place or 'area of interest'}")
    c.add("")
    c.load("s5p", "SENTINEL_5P_L2", [product], period)
    if it.timeseries:
        c.timeseries("s5p", f"{product.lower()}_{period.start:%Y%m}_timeseries")
        return c.text()
    c.reduce_time("s5p", f"{product.lower()}_{it.reducer}", it.reducer)
    out = c.threshold(f"{product.lower()}_{it.reducer}", f"{it.reducer} {product}")
    c.download(out, f"{product.lower()}_{it.reducer}_{period.start:%Y%m}" + ("_mask" if out == "mask" else ""))
    return c.text()


def build_olci(plan: Plan) -> str:
    c = _Code(plan)
    it, period = plan.intent, plan.periods[0]
    c.header(f"True colour from Sentinel-3 OLCI, {plan.place or 'area of interest'}")
    c.add("", "# OLCI Oa08 (665 nm), Oa06 (560 nm), Oa04 (490 nm) as red, green, blue")
    c.load("cube", OLCI, ["B08", "B06", "B04"], period)
    c.reduce_time("cube", "composite", it.reducer)
    c.download("composite", f"olci_true_colour_{period.start:%Y%m%d}")
    return c.text()


def build_landcover(plan: Plan) -> str:
    from agent.planner.intents import LANDCOVER_CLASSES

    c = _Code(plan)
    it = plan.intent
    if "WORLDCEREAL" in it.collection:
        return _build_worldcereal(c, plan)
    year = "2020" if "2020" in it.collection else "2021"
    c.header(f"ESA WorldCover {year}, {plan.place or 'area of interest'}")
    c.add("")
    from agent.planner.dates import Period as P
    from datetime import date

    c.load("landcover", it.collection, ["MAP"],
           P(start=date(int(year), 1, 1), end=date(int(year) + 1, 1, 1)))
    c.add("landcover = landcover.max_time()  # a single map for the year")
    if it.landcover_class:
        name = LANDCOVER_CLASSES.get(it.landcover_class, (f"class {it.landcover_class}",))[0]
        c.add(f'mask = landcover.band("MAP") == {it.landcover_class}  # {name}')
        c.download("mask", f"worldcover_{year}_class_{it.landcover_class}")
    else:
        c.download("landcover", f"worldcover_{year}")
    return c.text()


def _build_worldcereal(c: _Code, plan: Plan) -> str:
    """A WorldCereal 2021 map: CLASSIFICATION 100 where the product's crop (or irrigation, active cropland) is."""
    from datetime import date

    it = plan.intent
    product = it.collection.removeprefix("ESA_WORLDCEREAL_").lower()
    c.header(f"ESA WorldCereal 2021 {product}, {plan.place or 'area of interest'}")
    c.add("")
    c.load("cereal", it.collection, ["CLASSIFICATION"], Period(start=date(2021, 1, 1), end=date(2022, 1, 1)))
    c.add("cereal = cereal.max_time()  # a single map (the 2021 season)",
          f'mask = cereal.band("CLASSIFICATION") == 100  # 1 where {product}, 0 elsewhere (255 no data)')
    c.download("mask", f"worldcereal_2021_{product}")
    return c.text()


def build_probav(plan: Plan) -> str:
    """PROBA-V's 5-daily 100 m synthesis: its NDVI band (DN * 0.004 - 0.08, 255 no data) or its reflectances."""
    c = _Code(plan)
    it = plan.intent
    period = plan.periods[0]
    c.header(f"{it.index or 'reflectance'} from PROBA-V (PROBAV_L3_S5_TOC_100M), {plan.place or 'area of interest'}")
    c.add("")
    stem = f"probav_{(it.index or it.task).lower()}_{period.start:%Y%m%d}"
    if it.task == "index":
        c.load("pv", PROBAV, ["NDVI"], period)
        c.add("# the stored NDVI is a digital number: NDVI = DN * 0.004 - 0.08; 251-255 are flags and no data",
              "pv = pv.mask(pv > 250)",
              "index = pv.apply(lambda x: x * 0.004 - 0.08)")
        if it.timeseries:
            c.timeseries("index", stem + "_timeseries")
            return c.text()
        c.reduce_time("index", "composite")
        if it.threshold:
            c.add(f"composite = composite {OPS[it.threshold.op]} {it.threshold.value}")
        c.download("composite", stem)
        return c.text()
    c.load("pv", PROBAV, ["RED", "NIR", "SWIR"], period)
    c.add("pv = pv.apply(lambda x: x * 0.0005)  # reflectance")
    c.reduce_time("pv", "composite")
    c.download("composite", stem)
    return c.text()


def build_code(plan: Plan) -> str:
    from agent.planner.workflows import WORKFLOWS, build_formula_index

    task = plan.intent.task
    wf = plan.intent.workflow
    if wf in WORKFLOWS:
        return WORKFLOWS[wf](plan)
    if plan.intent.formula is not None and task == "index":
        return build_formula_index(plan)
    if task in ("flood", "ratio", "backscatter"):
        return build_radar(plan)
    if task in ("dem", "slope", "aspect", "hillshade"):
        return build_terrain(plan)
    if task == "lst":
        return build_lst(plan)
    if task == "atmosphere":
        return build_s5p(plan)
    if task == "landcover":
        return build_landcover(plan)
    if plan.intent.collection == PROBAV and task in ("index", "composite", "rgb"):
        return build_probav(plan)
    if task == "rgb" and plan.intent.collection == OLCI:
        return build_olci(plan)
    return build_optical(plan)
