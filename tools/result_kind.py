"""What a result *is*, derived from its process graph: `describe_result(graph, collections)`.

A pure function of the flat openEO graph and the metadata of the collections it loads (band
units and class tables, `CollectionMeta.from_stac`). It walks the graph from `save_result`
backwards and types every value on the way, callbacks included, so the answer does not depend
on how the code was written (`cube.ndvi()`, `normalized_difference`, or band maths by hand):

- a comparison (`lt`, `gt`, `between`, ...) or a logical combination of them -> **mask**, with
  words for its 1s from what was compared ("flooded" for a radar backscatter drop, "burnt" for a
  dNBR threshold, "water" for a water index, a class name for `eq` on a class band);
- `sum`/`count` of a mask over time -> **count**; its `mean` -> **share** (of the time steps);
- `ndvi`, `normalized_difference` or band ratios -> **index** (named from the bands: NDVI, NBR,
  NDWI, ...); the difference of two index values from different periods -> **index change**
  (dNBR for NBR), of two dB values -> **change** in dB;
- `log10` x 10 (or `linear_to_db`) -> **dB**; a ratio of two radar bands in dB -> **dB** ratio;
- a class band (a `classification:classes` table) kept as it is -> **classes** with the table;
- reflectance bands (3 of them: **rgb**), temperature (K, or degC after subtracting 273.15),
  elevation, slope/aspect degrees, hillshade (0..1 from elevation gradients);
- `aggregate_spatial` -> a **table** per geometry, or a **time series** when time is kept.

Operands of a change (the before and after values) are named by node id, so a map can compute
each period's layer from the graph's sub-graphs (`ResultDescription.periods`).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

Kind = Literal["mask", "count", "share", "index", "index_change", "change", "db", "classes", "reflectance", "rgb",
               "temperature", "elevation", "slope", "aspect", "hillshade", "radar", "table", "timeseries", "values"]


class ClassEntry(BaseModel):
    value: int
    name: str
    colour: str | None = None  # "#rrggbb" from the collection's color_hint


class BandMeta(BaseModel):
    name: str
    unit: str | None = None
    scale: float = 1.0
    classes: list[ClassEntry] = Field(default_factory=list)


class CollectionMeta(BaseModel):
    id: str
    bands: dict[str, BandMeta] = Field(default_factory=dict)

    @classmethod
    def from_stac(cls, doc: dict) -> CollectionMeta:
        """From a STAC collection document (`summaries.raster:bands` with units, scales, classes)."""
        bands: dict[str, BandMeta] = {}
        for b in (doc.get("summaries") or {}).get("raster:bands", []) or []:
            if not isinstance(b, dict) or not b.get("name"):
                continue
            classes = [ClassEntry(value=int(c["value"]), name=str(c.get("description") or c.get("name") or c["value"]),
                                  colour=("#" + str(c["color_hint"]).lstrip("#")) if c.get("color_hint") else None)
                       for c in b.get("classification:classes") or [] if isinstance(c, dict) and "value" in c]
            scale = b.get("scale", 1.0)
            bands[str(b["name"])] = BandMeta(name=str(b["name"]), unit=b.get("unit"), classes=classes,
                                             scale=float(scale) if isinstance(scale, (int, float)) else 1.0)
        return cls(id=str(doc.get("id", "")), bands=bands)


class PeriodLayer(BaseModel):
    """One side of a change: the node that computes it and the dates it loads."""

    node_id: str
    label: str  # "before (2024-08-04 to 2024-09-01)"
    start: str | None = None
    end: str | None = None


class PeriodResult(BaseModel):
    """A before/after layer computed from a change's sub-graph (tools/periods.py)."""

    path: str
    label: str
    description: "ResultDescription"


class MaskTerm(BaseModel):
    """One part of a mask's words: the first mask's ("flooded"), one joined to it (`in` "cropland", `and`,
    `or`), or what appeared or went between two periods (`new` "burnt", `no longer` "water")."""

    join: Literal["", "in", "and", "or", "new", "no longer"] = ""
    words: str


def terms_text(terms: list[MaskTerm]) -> str:
    """The English words of a mask's terms ("flooded in cropland", "no longer water")."""
    out = ""
    for t in terms:
        if t.join in ("new", "no longer"):
            out = f"{t.join} {t.words}"
        else:
            out = f"{out} {t.join} {t.words}" if out and t.join else t.words
    return out


class ResultDescription(BaseModel):
    kind: Kind
    label: str  # legend title, e.g. "Flooded (backscatter drop below -3 dB)"
    unit: str | None = None  # None for masks and classes; "count", "index", "dB", "K", "degC", "m", "degrees", ...
    words: str | None = None  # for a mask: what its 1s are ("flooded", "burnt", "water", "mask")
    quantity: str | None = None  # what was measured before any threshold: "NDVI", "dNBR", "VV backscatter change"
    index: str | None = None  # NDVI, NBR, ... when an index is involved
    threshold: float | None = None  # a mask's threshold (the constant it was compared with)
    threshold_unit: str | None = None  # the compared value's unit when it says which scale ("degC", "K", "m", "degrees")
    comparison: str | None = None  # lt | lte | gt | gte | eq | neq | between
    classes: list[ClassEntry] = Field(default_factory=list)
    collections: list[str] = Field(default_factory=list)
    bands: list[str] = Field(default_factory=list)  # loaded bands that feed the result
    has_time: bool = False  # the result still has a time dimension
    periods: list[PeriodLayer] = Field(default_factory=list)  # before/after operands of a change
    subject: str | None = None  # a mask's (count's, share's, table's of a mask): the kind of what it compared
    mask_words: str | None = None  # a count's, share's or table's of a mask: what the mask's 1s are (its `words`)
    mask_terms: list[MaskTerm] = Field(default_factory=list)  # the parts `words`/`mask_words` join, when several
    named_by: list[str] = Field(default_factory=list)  # a table titled by the value columns the code named

    def to_text(self) -> str:
        text = f"kind={self.kind}"
        if self.unit:
            text += f" unit={self.unit}"
        if self.words and self.kind == "mask":
            text += f" (1 = {self.words})"
        return text + f"; {self.label}"


# -------------------------------------------------------------------------------------------
# Index names from the bands they combine (Sentinel-2 names; Landsat 8 names map onto them)
# -------------------------------------------------------------------------------------------

L8_TO_S2 = {"B2": "B02", "B3": "B03", "B4": "B04", "B5": "B08", "B6": "B11", "B7": "B12",
            "SR_B2": "B02", "SR_B3": "B03", "SR_B4": "B04", "SR_B5": "B08", "SR_B6": "B11", "SR_B7": "B12"}
INDEX_BANDS: list[tuple[frozenset[str], str]] = [  # first match wins; order = how common the index is
    (frozenset({"B08", "B04", "B02"}), "EVI"), (frozenset({"B08", "B04"}), "NDVI"), (frozenset({"B8A", "B04"}), "NDVI"),
    (frozenset({"B08", "B12"}), "NBR"), (frozenset({"B8A", "B12"}), "NBR"), (frozenset({"B03", "B08"}), "NDWI"),
    (frozenset({"B03", "B11"}), "MNDWI"), (frozenset({"B08", "B11"}), "NDMI"), (frozenset({"B8A", "B11"}), "NDMI"),
    (frozenset({"B11", "B08"}), "NDBI"), (frozenset({"VH", "VV"}), "VH/VV ratio"),
]
WATER_INDICES = {"NDWI", "MNDWI"}
INDEX_TITLES = {"NDVI": "NDVI (vegetation)", "EVI": "EVI (vegetation)", "NBR": "NBR (burn ratio)", "NDWI": "NDWI (water)",
                "MNDWI": "MNDWI (water)", "NDMI": "NDMI (moisture)", "NDBI": "NDBI (built-up)"}
COMPARISONS = {"lt", "lte", "gt", "gte", "eq", "neq", "between"}
LOGICAL = {"and", "or", "xor", "not", "any", "all"}
KEEP_KIND = {"mean", "median", "min", "max", "first", "last", "quantiles", "mode", "sd", "variance", "clip",
             "absolute", "filter_bbox", "filter_spatial", "filter_temporal", "resample_spatial", "resample_cube_spatial",
             "mask", "mask_polygon", "apply_neighborhood", "rename_labels", "filter_labels", "drop_dimension",
             "add_dimension", "aggregate_temporal_period", "aggregate_temporal", "merge_cubes", "linear_scale_range"}
TIME_REDUCERS = {"mean", "median", "min", "max", "first", "last", "sd", "variance", "sum", "count", "mode", "product"}
SEVERITY_WORDS = {"NBR": "burnt", "NDVI": "vegetation", "EVI": "vegetation", "NDMI": "moist", "NDBI": "built-up"}


def index_name(bands: set[str]) -> str | None:
    names = {L8_TO_S2.get(b, b) for b in bands}
    for key, name in INDEX_BANDS:
        if key == names:
            return name
    return None


# -------------------------------------------------------------------------------------------
# The typed value of each node
# -------------------------------------------------------------------------------------------


class _V(BaseModel):
    """What a node computes (internal): a kind plus what the rules need to go on."""

    kind: str  # the public kinds plus: number, band, bandmath, log, gradient, cube
    unit: str | None = None
    number: float | None = None
    bands: list[str] = Field(default_factory=list)  # source bands (loaded band names)
    cube_bands: list[str] = Field(default_factory=list)  # labels of the bands dimension, while there is one
    collection: str | None = None
    index: str | None = None
    quantity: str | None = None
    words: str | None = None
    threshold: float | None = None
    threshold_unit: str | None = None
    comparison: str | None = None
    classes: list[ClassEntry] = Field(default_factory=list)
    has_time: bool = False
    periods: list[tuple[str | None, str | None]] = Field(default_factory=list)  # temporal extents of the loads
    radar: bool = False
    local: bool = False  # a value of the surroundings (a kernel mean of the same quantity)
    vs_local: bool = False  # a value minus its surroundings' mean (an anomaly against the neighbourhood)
    negated: bool = False  # a mask under `not` (`~water_before`)
    terms: list[MaskTerm] = Field(default_factory=list)  # the parts of `words` when masks were joined
    node: str | None = None  # the top-level node that computes it
    operands: list[PeriodLayer] = Field(default_factory=list)
    subject: str | None = None  # a mask's: the kind of the value it compared


class _Walker:
    def __init__(self, graph: dict, collections: dict[str, CollectionMeta]) -> None:
        self.graph = graph
        self.collections = collections
        self.memo: dict[str, _V] = {}

    # -- graph plumbing ------------------------------------------------------------------------

    def node_value(self, node_id: str, graph: dict, env: dict[str, _V], top: bool) -> _V:
        key = node_id if top else None
        if key and key in self.memo:
            return self.memo[key]
        node = graph.get(node_id) or {}
        v = self.process(str(node.get("process_id", "")), node.get("arguments") or {}, graph, env, top)
        if top:
            v = v.model_copy(update={"node": node_id})
            self.memo[node_id] = v
        return v

    def arg(self, value: Any, graph: dict, env: dict[str, _V], top: bool) -> _V | None:
        if isinstance(value, dict):
            if "from_node" in value:
                return self.node_value(str(value["from_node"]), graph, env, top)
            if "from_parameter" in value:
                return env.get(str(value["from_parameter"]))
            if isinstance(value.get("process_graph"), dict):
                return None
            return None
        if isinstance(value, bool):
            return _V(kind="number", number=float(value))
        if isinstance(value, (int, float)):
            return _V(kind="number", number=float(value))
        if isinstance(value, list):
            items = [self.arg(v, graph, env, top) for v in value]
            items = [i for i in items if i is not None]
            return _combine(items) if items else None
        return None

    def callback(self, value: Any, env: dict[str, _V]) -> _V | None:
        if not isinstance(value, dict) or not isinstance(value.get("process_graph"), dict):
            return None
        pg = value["process_graph"]
        result = next((k for k, n in pg.items() if isinstance(n, dict) and n.get("result")), None)
        if result is None and pg:
            result = list(pg)[-1]
        return self.node_value(result, pg, env, top=False) if result else None

    # -- the rules -----------------------------------------------------------------------------

    def process(self, pid: str, args: dict, graph: dict, env: dict[str, _V], top: bool) -> _V:
        a = lambda name: self.arg(args.get(name), graph, env, top)  # noqa: E731
        if pid == "load_collection":
            return self.load(args)
        if pid == "save_result":
            return a("data") or _V(kind="values")
        if pid in ("ndvi", "normalized_difference"):
            src = a("data") or a("x") or _V(kind="values")
            if pid == "ndvi":
                nir, red = args.get("nir") or "B08", args.get("red") or "B04"
                bands = {str(nir), str(red)}
            else:
                bands = set((a("x") or _V(kind="values")).bands) | set((a("y") or _V(kind="values")).bands)
            name = index_name(bands) or ("NDVI" if pid == "ndvi" else None)
            return src.model_copy(update={"kind": "index", "unit": "index", "index": name, "quantity": name or "normalized difference",
                                          "bands": sorted(bands) or src.bands, "cube_bands": []})
        if pid == "reduce_dimension":
            return self.reduce(args, a("data") or _V(kind="values"), str(args.get("dimension", "")))
        if pid in ("apply", "apply_dimension", "apply_neighborhood"):
            data = a("data") or _V(kind="values")
            inner = self.callback(args.get("process"), {"x": data, "data": data})
            return _keep_cube(data, inner) if inner else data
        if pid == "apply_kernel":
            data = a("data") or _V(kind="values")
            if data.kind == "elevation":
                return data.model_copy(update={"kind": "gradient", "unit": None})
            return data.model_copy(update={"local": True})
        if pid in ("slope", "aspect"):
            data = a("data") or _V(kind="values")
            return data.model_copy(update={"kind": pid, "unit": "degrees", "quantity": pid})
        if pid == "merge_cubes":
            c1, c2 = a("cube1"), a("cube2")
            resolved = self.callback(args.get("overlap_resolver"), {"x": c1, "y": c2}) if c1 and c2 else None
            return resolved or _combine([v for v in (c1, c2) if v]) or _V(kind="values")
        if pid == "aggregate_spatial":
            data = a("data") or _V(kind="values")
            inner = self.callback(args.get("reducer"), {"data": data}) or data
            quantity = _quantity(inner)
            if inner.kind == "mask":  # the mean of a 0/1 mask over a geometry: the share of it that is masked
                sign = {"lt": "<", "lte": "≤", "gt": ">", "gte": "≥", "eq": "=", "neq": "≠"}.get(inner.comparison or "", "")
                cond = f" ({quantity} {sign} {threshold_text(inner.threshold, inner.threshold_unit)})" if inner.threshold is not None and sign else ""
                quantity = f"Share {inner.words or 'masked'}{cond}"
            return inner.model_copy(update={"kind": "timeseries" if data.has_time else "table", "quantity": quantity,
                                            "unit": inner.unit if inner.kind not in ("mask",) else "share"})
        if pid in ("aggregate_temporal_period", "aggregate_temporal"):
            data = a("data") or _V(kind="values")
            inner = self.callback(args.get("reducer"), {"data": data}) or data
            return inner.model_copy(update={"has_time": True})
        if pid == "array_element":
            return self.element(a("data") or _V(kind="values"), args)
        if pid in ("filter_bands",):
            data = a("data") or _V(kind="values")
            keep = [b for b in args.get("bands") or [] if isinstance(b, str)]
            return data.model_copy(update={"cube_bands": keep or data.cube_bands, "bands": keep or data.bands})
        if pid in COMPARISONS:
            return self.compare(pid, args, graph, env, top)
        if pid in LOGICAL:
            vals = [v for v in (a("x"), a("y"), a("data")) if v is not None]
            if pid in ("and", "or") and sum(v.kind == "mask" for v in vals) >= 2:
                return _joined_masks(pid, [v for v in vals if v.kind == "mask"])
            base = _combine(vals) or _V(kind="mask")
            if pid == "not" and base.kind == "mask":
                return base.model_copy(update={"negated": not base.negated, "unit": None})
            return base.model_copy(update={"kind": "mask", "unit": None}) if base.kind == "mask" else \
                base.model_copy(update={"kind": "mask", "unit": None, "words": base.words or "mask"})
        if pid == "if":
            return a("accept") or a("value") or _V(kind="values")
        if pid in ("log", "log10", "ln"):
            x = a("x") or _V(kind="values")
            base = args.get("base", 10 if pid == "log10" else None)
            if pid == "ln" or base not in (10, 10.0):
                return x.model_copy(update={"kind": "values", "unit": None})
            return x.model_copy(update={"kind": "log", "unit": None})
        if pid in ("linear_to_db", "todb"):
            x = a("x") or a("data") or _V(kind="values")
            return _to_db(x)
        if pid in ("add", "subtract", "multiply", "divide", "sum", "product", "power", "sqrt", "arctan", "arctan2", "cos",
                   "sin", "tan", "exp", "normalize", "clip", "absolute"):
            return self.arith(pid, args, graph, env, top)
        if pid in ("mean_time", "median_time", "max_time", "min_time", "first_time", "last_time"):
            return (a("data") or _V(kind="values")).model_copy(update={"has_time": False})
        if pid in TIME_REDUCERS | KEEP_KIND:
            data = a("data") or _V(kind="values")
            if pid == "mask":
                return data
            return data
        data = a("data")
        return data if data is not None else _V(kind="values")

    def load(self, args: dict) -> _V:
        cid = str(args.get("id", ""))
        meta = self.collections.get(cid)
        bands = [b for b in args.get("bands") or [] if isinstance(b, str)]
        if not bands and meta:
            bands = list(meta.bands)
        t = args.get("temporal_extent")
        period = (str(t[0]) if t[0] else None, str(t[1]) if t[1] else None) if isinstance(t, list) and len(t) == 2 else (None, None)
        v = _V(kind="cube", bands=bands, cube_bands=bands, collection=cid, has_time=True, periods=[period],
               radar="SENTINEL1" in cid.upper())
        if len(bands) == 1:
            return _band_value(v, bands[0], meta).model_copy(update={"cube_bands": bands})
        return v.model_copy(update={"kind": _cube_kind(cid, bands, meta), "unit": _common_unit(bands, meta)})

    def reduce(self, args: dict, data: _V, dimension: str) -> _V:
        dim = dimension.lower()
        if dim in ("bands", "band", "spectral"):
            inner = self.callback(args.get("reducer"), {"data": data.model_copy(update={"kind": "cube"})})
            out = inner or data
            return out.model_copy(update={"cube_bands": [], "has_time": data.has_time, "periods": data.periods})
        reducer = args.get("reducer") or {}
        pg = reducer.get("process_graph") if isinstance(reducer, dict) else None
        pids = [n.get("process_id") for n in (pg or {}).values() if isinstance(n, dict)]
        inner = self.callback(reducer, {"data": data})
        out = inner or data
        if data.kind == "mask" and ({"sum", "count"} & set(pids)):
            out = data.model_copy(update={"kind": "count", "unit": "count", "quantity": _label(_mask_description(data))})
        elif data.kind == "mask" and ({"mean"} & set(pids)):
            out = data.model_copy(update={"kind": "share", "unit": "share of time steps"})
        return out.model_copy(update={"has_time": False if dim in ("t", "time", "temporal") else out.has_time})

    def element(self, data: _V, args: dict) -> _V:
        labels = data.cube_bands or data.bands
        band = None
        if isinstance(args.get("label"), str):
            band = args["label"]
        elif isinstance(args.get("index"), int) and 0 <= args["index"] < len(labels):
            band = labels[args["index"]]
        if band is None:
            return data.model_copy(update={"cube_bands": []})
        return _band_value(data, band, self.collections.get(data.collection or ""))

    def compare(self, pid: str, args: dict, graph: dict, env: dict[str, _V], top: bool) -> _V:
        x = self.arg(args.get("x"), graph, env, top)
        y = self.arg(args.get("y"), graph, env, top)
        if pid == "between":
            y = self.arg(args.get("min"), graph, env, top)
        subject, const = (x, y) if not (x and x.kind == "number") else (y, x)
        subject = subject or _V(kind="values")
        op = pid
        if x is not None and x.kind == "number" and y is not None:  # 0.3 < ndvi: read as ndvi > 0.3
            op = {"lt": "gt", "gt": "lt", "lte": "gte", "gte": "lte"}.get(pid, pid)
        threshold = const.number if const is not None and const.kind == "number" else None
        words = _mask_words(subject, op, threshold)
        if (const is not None and const.local and not subject.local or subject.vs_local) and op in ("lt", "lte", "gt", "gte"):
            # against its own local mean: a dark (radar: oil slick, calm water) or bright spot
            words = "dark spots" if op in ("lt", "lte") else "bright spots"
        unit = subject.unit if subject.unit in THRESHOLD_UNITS and threshold is not None else None
        return subject.model_copy(update={"kind": "mask", "unit": None, "words": words, "terms": [], "threshold": threshold,
                                          "threshold_unit": unit,
                                          "comparison": op, "quantity": _quantity(subject), "subject": subject.kind})

    def arith(self, pid: str, args: dict, graph: dict, env: dict[str, _V], top: bool) -> _V:
        vals: list[_V] = []
        for name in ("x", "y", "data", "base", "p"):
            if name in args:
                v = self.arg(args[name], graph, env, top)
                if v is not None:
                    vals.append(v)
        nums = [v for v in vals if v.kind == "number"]
        things = [v for v in vals if v.kind != "number"]
        if not things:
            return _V(kind="number", number=nums[0].number if nums else None)
        if pid in ("arctan", "arctan2") and any(t.kind == "gradient" for t in things):
            kind = "aspect" if pid == "arctan2" else "slope"
            return things[0].model_copy(update={"kind": kind, "unit": "degrees", "quantity": kind})
        if pid == "clip" and things[0].kind == "gradient":
            return things[0].model_copy(update={"kind": "hillshade", "unit": None, "quantity": "hillshade"})
        if len(things) == 1:
            return _with_number(pid, things[0], nums)
        a, b = things[0], things[1]
        radar_math = {a.kind, b.kind} <= {"radar", "bandmath"} and a.radar and b.radar and a.bands != b.bands
        if {a.kind, b.kind} <= {"band", "bandmath"} or (radar_math and not _distinct_periods(a, b)):
            merged = sorted(set(a.bands) | set(b.bands))
            if pid == "divide":
                name = index_name(set(merged))
                if a.kind == b.kind == "radar":
                    return a.model_copy(update={"kind": "radar", "unit": "ratio", "bands": merged, "quantity": "VH/VV ratio"})
                if a.radar and b.radar:  # 4·VH / (VV + VH): a radar index, not one of its bands
                    return a.model_copy(update={"kind": "index", "unit": "index", "bands": merged, "index": None,
                                                "quantity": f"{'-'.join(merged)} radar index"})
                return a.model_copy(update={"kind": "index", "unit": "index", "bands": merged, "index": name,
                                            "quantity": name or "band ratio"})
            return a.model_copy(update={"kind": "bandmath", "unit": a.unit, "bands": merged, "periods": _periods(a, b)})
        if {a.kind, b.kind} <= {"index", "bandmath", "band"} and pid == "divide":
            return a.model_copy(update={"kind": "index", "unit": "index"})
        if pid == "subtract" and b.local and not a.local:  # vv_db - local_mean: darker or brighter than around it
            return a.model_copy(update={"vs_local": True, "quantity": f"{_quantity(a)} − local mean"})
        if pid == "subtract" and a.kind == b.kind and a.kind in ("index", "db", "temperature", "reflectance", "elevation", "radar"):
            return _change(a, b)
        if pid == "divide" and a.kind == b.kind == "radar" and _distinct_periods(a, b):
            return _change(a, b).model_copy(update={"kind": "change", "unit": "ratio"})
        if a.kind == "mask" and b.kind == "mask":
            return a.model_copy(update={"kind": "mask"} if pid == "multiply" else {"kind": "values", "unit": None})
        if pid == "multiply" and "mask" in (a.kind, b.kind):
            other = b if a.kind == "mask" else a
            return other  # a value kept where the mask is 1
        if a.kind == "log" or b.kind == "log":
            return _to_db(a if a.kind == "log" else b)
        return _combine([a, b])


def _band_value(v: _V, band: str, meta: CollectionMeta | None) -> _V:
    bm = meta.bands.get(band) if meta else None
    unit = bm.unit if bm else None
    cid = (v.collection or "").upper()
    kind = "band"
    if bm and bm.classes:
        kind = "classes"
    elif "DEM" in band.upper() or "COPERNICUS_30" in cid or "COPERNICUS_90" in cid:
        kind = "elevation"
        unit = unit or "m"
    elif band.upper() in ("LST",) or (unit or "").upper() in ("K", "KELVIN"):
        kind = "temperature"
        unit = unit or "K"
    elif v.radar:
        kind = "radar"
        unit = unit or "linear power"
    return v.model_copy(update={"kind": kind, "unit": unit, "bands": [band], "cube_bands": [],
                                "classes": bm.classes if bm else [], "quantity": f"{band}"})


def _cube_kind(cid: str, bands: list[str], meta: CollectionMeta | None) -> str:
    classes = [b for b in bands if meta and meta.bands.get(b) and meta.bands[b].classes]
    if classes and len(bands) - len(classes) == 3 and bands[:3] == [b for b in bands if b not in classes]:
        bands = bands[:3]  # true colour plus its SCL (to say how cloudy): still an RGB image
    units = {(meta.bands.get(b).unit if meta and meta.bands.get(b) else None) for b in bands}
    if units == {"reflectance"} or ("SENTINEL2" in cid.upper() and all(b.startswith("B") for b in bands)):
        return "rgb" if len(bands) == 3 else "reflectance"
    if "SENTINEL1" in cid.upper():
        return "radar"
    return "cube"


def _common_unit(bands: list[str], meta: CollectionMeta | None) -> str | None:
    units = {meta.bands[b].unit for b in bands if meta and b in meta.bands}
    return units.pop() if len(units) == 1 else None


def _quantity(v: _V) -> str:
    return v.quantity or v.index or (", ".join(v.bands) if v.bands else "values")


def _periods(a: _V, b: _V) -> list[tuple[str | None, str | None]]:
    out = list(a.periods)
    out += [p for p in b.periods if p not in out]
    return out


def _distinct_periods(a: _V, b: _V) -> bool:
    return bool(a.periods and b.periods and set(a.periods) != set(b.periods))


def _change(a: _V, b: _V) -> _V:
    """a - b where both have the same kind: a change over time (different loads) or a difference of bands."""
    if not _distinct_periods(a, b):  # same dates: a band difference (e.g. VH dB - VV dB = the ratio in dB)
        if a.kind == "db" and a.radar:
            return a.model_copy(update={"kind": "db", "unit": "dB", "quantity": "VH/VV ratio (dB)", "bands": sorted(set(a.bands) | set(b.bands))})
        return a.model_copy(update={"kind": "values", "unit": a.unit})
    first, second = (a, b)
    later_is_a = (a.periods[-1][0] or "") > (b.periods[0][0] or "")
    before, after = (b, a) if later_is_a else (a, b)
    operands = [PeriodLayer(node_id=before.node or "", label=_period_label("before", before), start=before.periods[0][0], end=before.periods[0][1]),
                PeriodLayer(node_id=after.node or "", label=_period_label("after", after), start=after.periods[0][0], end=after.periods[0][1])]
    operands = [o for o in operands if o.node_id]
    if a.kind == "index":
        if a.index == "NBR" and not later_is_a:
            q = "dNBR"  # before - after: positive where vegetation burned
        elif a.index == "NBR":
            q = "NBR change (after - before; negative where burned)"
        else:
            q = f"{a.index or 'index'} change"
        return first.model_copy(update={"kind": "index_change", "unit": "index", "quantity": q, "periods": _periods(a, b), "operands": operands})
    unit = a.unit
    q = f"{_quantity(a)} change"
    if a.kind == "db" and a.radar:
        q = f"{' '.join(a.bands) or 'radar'} backscatter change (dB)"
    return second.model_copy(update={"kind": "change", "unit": unit, "quantity": q, "periods": _periods(a, b), "operands": operands,
                                      "index": a.index, "radar": a.radar})


def _period_label(side: str, v: _V) -> str:
    s, e = v.periods[0] if v.periods else (None, None)
    return f"{side} ({s or '?'} to {e or '?'})"


def _to_db(x: _V) -> _V:
    if x.quantity and "ratio" in x.quantity:
        q = f"{x.quantity} (dB)"
    elif x.radar:
        q = f"{' '.join(x.bands) or ''} backscatter (dB)".strip()
    else:
        q = "values (dB)"
    return x.model_copy(update={"kind": "db", "unit": "dB", "quantity": q})


def _with_number(pid: str, v: _V, nums: list[_V]) -> _V:
    n = nums[0].number if nums else None
    if v.kind == "log" and pid == "multiply" and n == 10:
        return _to_db(v)
    if v.kind == "temperature" and pid == "subtract" and n is not None and abs(n - 273.15) < 0.01:
        return v.model_copy(update={"unit": "degC"})
    if v.kind == "mask" and pid in ("multiply",) and n == 1:
        return v
    if v.kind == "mask":
        return v.model_copy(update={"kind": "values", "unit": None})
    if v.kind == "gradient" and pid in ("multiply", "add", "subtract", "divide", "power", "sqrt"):
        return v
    if v.kind in ("band", "bandmath") and pid in ("add", "subtract", "multiply"):
        return v.model_copy(update={"kind": "bandmath"})
    if v.kind in ("slope", "aspect") and pid in ("multiply", "divide"):
        return v  # radians to degrees
    return v


def _combine(vals: list[_V]) -> _V | None:
    if not vals:
        return None
    kinds = {v.kind for v in vals}
    if len(kinds) == 1:
        out = vals[0]
        for v in vals[1:]:
            out = out.model_copy(update={"bands": sorted(set(out.bands) | set(v.bands)), "periods": _periods(out, v)})
        return out
    non_numbers = [v for v in vals if v.kind != "number"]
    return non_numbers[0] if len(non_numbers) == 1 else vals[0].model_copy(update={"kind": "values"})


def _joined_masks(pid: str, masks: list[_V]) -> _V:
    """`flooded & (MAP == 40)`: "flooded in cropland"; a second mask on the first's own bands
    refines its condition (`drop < -3 & after < -15` stays "flooded", a slick darker than its
    surroundings and below -18 dB stays "dark spots"), one on other bands adds its own words."""
    if pid == "and":  # the change (or the local anomaly) names the mask whichever comes first in the code
        masks = sorted(masks, key=lambda m: not (m.vs_local or len(set(m.periods)) > 1))
    first, seen = masks[0], set(masks[0].bands)
    terms = list(first.terms) or [MaskTerm(words=first.words or "mask")]
    for m in masks[1:]:
        appeared = _appeared(first, m) if pid == "and" else None
        if appeared is not None:
            first = appeared
            terms = list(appeared.terms) or [MaskTerm(words=appeared.words or "mask")]
            continue
        if not set(m.bands) - seen:
            continue
        seen |= set(m.bands)
        terms.append(MaskTerm(join=("in" if m.classes else "and") if pid == "and" else "or", words=m.words or "mask"))
    words = terms_text(terms)
    terms = terms if len(terms) > 1 or terms[0].join else []
    bands = sorted(set().union(*(m.bands for m in masks)))
    periods = [p for m in masks for p in m.periods]
    return first.model_copy(update={"kind": "mask", "unit": None, "words": words, "terms": terms, "bands": bands,
                                    "periods": list(dict.fromkeys(periods))})


def _appeared(a: _V, b: _V) -> _V | None:
    """`water_after & ~water_before`: the same condition in two periods, one negated, is what
    appeared between them ("flooded" for water, "new burnt" ...) or what went away."""
    if a.negated == b.negated or a.words != b.words or not _distinct_periods(a, b):
        return None
    pos, neg = (b, a) if a.negated else (a, b)
    new = (pos.periods[0][0] or "") > (neg.periods[0][0] or "")
    before, after = (neg, pos) if new else (pos, neg)
    what = pos.words or "mask"
    terms = [] if new and what == "water" else [MaskTerm(join="new" if new else "no longer", words=what)]
    words = terms_text(terms) if terms else "flooded"
    operands = [PeriodLayer(node_id=v.node or "", label=_period_label(side, v), start=v.periods[0][0], end=v.periods[0][1])
                for side, v in (("before", before), ("after", after)) if v.node]
    return pos.model_copy(update={"words": words, "terms": terms, "periods": _periods(before, after),
                                  "operands": operands, "negated": False})


def _keep_cube(data: _V, inner: _V) -> _V:
    return inner.model_copy(update={"has_time": data.has_time, "cube_bands": data.cube_bands if inner.kind == data.kind else inner.cube_bands})


# Units that say which scale a threshold is on (40 is °C, not K; 15 is degrees of slope): written after it.
THRESHOLD_UNITS = {"degC": " °C", "K": " K", "m": " m", "degrees": "°"}


def threshold_text(value: float, unit: str | None) -> str:
    """A mask's threshold with its unit when the unit tells the scale: "40 °C", "15°", "-3" (an index or dB is plain)."""
    return f"{value:g}{THRESHOLD_UNITS.get(unit or '', '')}"


def _mask_words(subject: _V, op: str, threshold: float | None) -> str:
    low = op in ("lt", "lte")
    if subject.kind == "classes" and op == "eq" and threshold is not None:
        name = next((c.name for c in subject.classes if c.value == int(threshold)), None)
        return name.lower() if name else "class mask"
    if subject.kind == "change" and subject.radar and low:
        return "flooded"
    if subject.kind == "db" and subject.radar and low:
        return "water"
    if subject.kind == "radar" and low:
        return "water"
    if subject.kind == "index_change":
        if subject.index == "NBR" and (subject.quantity or "").startswith("dNBR") and not low:
            return "burnt"
        if subject.index == "NBR" and low:
            return "burnt"
        return f"{'loss' if low else 'gain'} of {subject.index or 'index'}"
    if subject.kind == "index" and subject.index in WATER_INDICES and not low:
        return "water"
    if subject.kind == "index" and subject.index in SEVERITY_WORDS and not low:
        return SEVERITY_WORDS[subject.index]
    if subject.kind == "temperature" and not low:
        return "hot"
    if subject.kind == "elevation":
        return "below the elevation threshold" if low else "above the elevation threshold"
    return "mask"


# -------------------------------------------------------------------------------------------
# The public function
# -------------------------------------------------------------------------------------------

UNITS = {"mask": None, "classes": None, "count": "count", "share": "share", "index": "index", "index_change": "index",
         "db": "dB", "elevation": "m", "slope": "degrees", "aspect": "degrees", "hillshade": None,
         "temperature": "K", "reflectance": "reflectance", "rgb": "reflectance"}


def result_node(graph: dict) -> str | None:
    """The id of the node whose value is saved: the result node's data when it is a save_result
    (a MultiResult graph has several; the result node's is what POST /result answers), else the
    first save_result's data, else the result node."""
    result = next((k for k, n in graph.items() if isinstance(n, dict) and n.get("result")), None)
    saves = [k for k, n in graph.items() if isinstance(n, dict) and n.get("process_id") == "save_result"]
    save = result if result in saves else (saves[0] if saves else None)
    if save:
        data = (graph[save].get("arguments") or {}).get("data")
        if isinstance(data, dict) and "from_node" in data:
            return str(data["from_node"])
    return next((k for k, n in graph.items() if isinstance(n, dict) and n.get("result")), None)


def flat_graph(graph: dict) -> dict:
    """{node_id: node} from a flat graph or one wrapped in {"process_graph": ...} / {"process": {...}}."""
    while isinstance(graph, dict):
        if isinstance(graph.get("process"), dict):
            graph = graph["process"]
        elif isinstance(graph.get("process_graph"), dict):
            graph = graph["process_graph"]
        else:
            break
    return graph


def describe_result(graph: dict, collections: dict[str, CollectionMeta] | None = None) -> ResultDescription:
    """What the graph's saved value is (see the module docstring). `graph` is flat: {node_id: node}."""
    graph = flat_graph(graph)
    walker = _Walker(graph, collections or {})
    node = result_node(graph)
    v = walker.node_value(node, graph, {}, top=True) if node else _V(kind="values")
    kind = v.kind
    if kind in ("band", "bandmath", "cube", "number", "log", "gradient"):
        kind = {"log": "values", "gradient": "values"}.get(kind, "values")
        if v.kind in ("band", "bandmath") and len(v.bands) == 1 and ((v.unit or "") == "reflectance" or
                                                                       (v.collection or "").upper().startswith("SENTINEL2")):
            kind = "reflectance"
        if v.kind == "cube" and len(v.cube_bands) == 3 and (v.collection or "").upper().startswith(("SENTINEL2", "LANDSAT")):
            kind = "rgb"
    if kind == "radar" and v.unit not in ("ratio",):
        kind = "radar"
    unit = v.unit if v.unit is not None else UNITS.get(kind)
    if kind in ("mask", "classes", "hillshade"):
        unit = None
    if kind in ("index", "index_change"):
        unit = "index"
    desc = ResultDescription(kind=kind, unit=unit, label="", words=v.words if kind == "mask" else None,
                             quantity=v.quantity, index=v.index, threshold=v.threshold, threshold_unit=v.threshold_unit,
                             comparison=v.comparison,
                             classes=v.classes if kind in ("classes", "mask") else [],
                             collections=sorted({str((n.get("arguments") or {}).get("id")) for n in _loads(graph)}),
                             bands=sorted(set(v.bands)), has_time=v.has_time, periods=v.operands,
                             subject=v.subject if v.words else None, mask_words=v.words,
                             mask_terms=v.terms if v.words else [])
    return desc.model_copy(update={"label": _label(desc)})


def _mask_description(v: _V) -> ResultDescription:
    return ResultDescription(kind="mask", label="", words=v.words, quantity=v.quantity, threshold=v.threshold,
                             threshold_unit=v.threshold_unit, comparison=v.comparison)


def _loads(graph: dict) -> list[dict]:
    return [n for n in graph.values() if isinstance(n, dict) and n.get("process_id") == "load_collection"]


def _label(d: ResultDescription) -> str:
    q = d.quantity or d.index or "values"
    if d.kind == "mask":
        sign = {"lt": "<", "lte": "≤", "gt": ">", "gte": "≥", "eq": "=", "neq": "≠"}.get(d.comparison or "", "")
        cond = f" ({q} {sign} {threshold_text(d.threshold, d.threshold_unit)})" if d.threshold is not None and sign else ""
        return f"{(d.words or 'mask').capitalize()}{cond}"
    if d.kind == "count":
        return f"Count of time steps: {q}"
    if d.kind == "share":
        return f"Share of time steps: {q}"
    if d.kind == "index":
        return INDEX_TITLES.get(d.index or "", d.index or d.quantity or "Index")
    if d.kind == "index_change":
        return q
    if d.kind == "change":
        return f"{q} ({d.unit})" if d.unit and d.unit not in q else q
    if d.kind == "db":
        return q if "dB" in q else f"{q} (dB)"
    if d.kind == "classes":
        return f"{', '.join(d.bands) or 'Land cover'} classes"
    if d.kind == "temperature":
        return f"Temperature ({'°C' if d.unit == 'degC' else d.unit or 'K'})"
    if d.kind == "elevation":
        return "Elevation (m)"
    if d.kind in ("slope", "aspect"):
        return f"{d.kind.capitalize()} (degrees)"
    if d.kind == "hillshade":
        return "Hillshade (shaded relief)"
    if d.kind == "rgb":
        return "RGB composite (2–98% stretch)"
    if d.kind == "reflectance":
        return f"Reflectance ({', '.join(d.bands)})"
    if d.kind == "radar":
        return f"Backscatter ({d.unit or 'linear'})"
    if d.kind in ("table", "timeseries"):
        return f"{q} per geometry" if d.kind == "table" else f"Time series of {q}"
    return q if d.unit is None else f"{q} ({d.unit})"


PeriodResult.model_rebuild()
