"""Each step of a process graph in one sentence, read from the graph itself (no model needed).

    steps = explain_graph(graph, description)   # [Step(number=1, text="Load SENTINEL2_L2A …"), …]

One step per top-level node, in data-flow order: which collection and bands are loaded, over
what area and dates; what a mask removes (SCL classes by name); what a reduction does (the
median of all dates, a band formula such as the NDVI); and what the output is (from the
result's kind, `tools.result_kind`). Steps refer to each other by number ("the pixels step 2
flags"). Callbacks are read as formulas (`agent/review/expressions.py`).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from agent.review.expressions import Formula, number, read_callback
from tools.result_kind import ResultDescription, flat_graph, index_name

SCL_CLASSES = {0: "no data", 1: "saturated or defective", 2: "dark area pixels", 3: "cloud shadows",
               4: "vegetation", 5: "not vegetated", 6: "water", 7: "unclassified",
               8: "medium-probability clouds", 9: "high-probability clouds", 10: "thin cirrus",
               11: "snow or ice"}  # fmt: skip
TIME_DIMS = {"t", "time", "DATE", "date"}
FORMATS = {"gtiff": "GeoTIFF", "netcdf": "netCDF", "json": "JSON", "csv": "CSV", "png": "PNG", "jpeg": "JPEG"}
KIND_WORDS = {
    "index": "an index value per pixel", "index_change": "the change of an index between two periods",
    "change": "a change between two periods", "db": "backscatter in decibels", "classes": "a class per pixel",
    "count": "a count of time steps per pixel", "share": "the share of time steps per pixel",
    "elevation": "elevation in metres", "slope": "slope in degrees", "aspect": "aspect in degrees",
    "hillshade": "shaded relief", "temperature": "temperature", "reflectance": "reflectance", "rgb": "a colour image",
    "radar": "radar backscatter", "table": "a table with one row per geometry", "timeseries": "a time series",
    "values": "values per pixel",
}  # fmt: skip


REDUCER_WORDS = {
    "min": "minimum",
    "max": "maximum",
    "sd": "standard deviation",
    "first": "first value",
    "last": "last value",
    "count": "number of valid values",
    "sum": "sum",
}


def _reducer(f: Formula | None) -> str:
    if f is None:
        return "a reducer"
    return REDUCER_WORDS.get(f.reducer, f.reducer) if f.reducer else f.text


class Step(BaseModel):
    number: int
    node_id: str
    process_id: str
    text: str


# ---- graph order and band labels --------------------------------------------------------------


def _refs(value: Any) -> list[tuple[str, str]]:
    """(argument path, node id) of the top-level `from_node` references in an argument (not in callbacks)."""
    out: list[tuple[str, str]] = []
    if isinstance(value, dict):
        if "from_node" in value:
            return [("", str(value["from_node"]))]
        if "process_graph" in value:
            return []
        for k, v in value.items():
            out += [(k if not p else f"{k}.{p}", n) for p, n in _refs(v)]
    elif isinstance(value, list):
        for v in value:
            out += _refs(v)
    return out


def inputs_of(node: dict) -> list[tuple[str, str]]:
    """(argument name, source node id) of every data-flow input of a top-level node."""
    out = []
    for name, value in (node.get("arguments") or {}).items():
        out += [(name, src) for _, src in _refs(value)]
    return out


def data_flow_order(graph: dict) -> list[str]:
    """Node ids so that each comes after the nodes it reads (ties in the graph's own order)."""
    nodes = [k for k, n in graph.items() if isinstance(n, dict) and "process_id" in n]
    deps = {k: {src for _, src in inputs_of(graph[k]) if src in graph} for k in nodes}
    order: list[str] = []
    done: set[str] = set()
    while len(order) < len(nodes):
        ready = [k for k in nodes if k not in done and deps[k] <= done]
        if not ready:  # a cycle (invalid graph): keep the rest in their own order
            ready = [k for k in nodes if k not in done]
        for k in ready:
            order.append(k)
            done.add(k)
    return order


def band_labels(graph: dict, order: list[str]) -> dict[str, list[str]]:
    """The band labels each node's cube has, where they can be told from the graph."""
    labels: dict[str, list[str]] = {}
    for k in order:
        node = graph[k]
        pid, args = node.get("process_id"), node.get("arguments") or {}
        data = _source(args.get("data"))
        inherited = list(labels.get(data, [])) if data else []
        if pid == "load_collection":
            labels[k] = [b for b in (args.get("bands") or []) if isinstance(b, str)]
        elif pid == "filter_bands":
            labels[k] = [b for b in (args.get("bands") or []) if isinstance(b, str)]
        elif pid == "reduce_dimension" and args.get("dimension") == "bands":
            labels[k] = []
        elif pid == "ndvi":
            labels[k] = inherited + [args["target_band"]] if isinstance(args.get("target_band"), str) else []
        elif pid == "rename_labels" and args.get("dimension") == "bands":
            labels[k] = [str(x) for x in (args.get("target") or [])]
        elif pid == "add_dimension" and args.get("name") == "bands":
            labels[k] = [str(args.get("label"))]
        elif pid == "merge_cubes":
            a, b = labels.get(_source(args.get("cube1")) or "", []), labels.get(_source(args.get("cube2")) or "", [])
            labels[k] = a + [x for x in b if x not in a]
        else:
            labels[k] = inherited
    return labels


def _source(value: Any) -> str | None:
    return str(value["from_node"]) if isinstance(value, dict) and "from_node" in value else None


# ---- sentences ---------------------------------------------------------------------------------


def explain_graph(graph: dict, description: ResultDescription | None = None) -> list[Step]:
    """One sentence per top-level node of `graph` (flat, or wrapped in {"process_graph": …})."""
    graph = flat_graph(graph) if isinstance(graph, dict) else {}
    order = data_flow_order(graph)
    numbers = {k: i + 1 for i, k in enumerate(order)}
    labels = band_labels(graph, order)
    writer = _Writer(graph, numbers, labels, description)
    return [
        Step(number=numbers[k], node_id=k, process_id=str(graph[k].get("process_id")), text=writer.sentence(k))
        for k in order
    ]


def _and(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _date_range(extent: Any) -> str:
    if not (isinstance(extent, list) and len(extent) == 2):
        return ""
    start, end = extent
    if start and end:
        last = _day_before(str(end))
        if last:
            return f", from {start} to {last} (the end date {end} is not included)"
        return f", from {start} to {end}"
    if start:
        return f", from {start} on"
    if end:
        return f", up to {end} (not included)"
    return ""


def _day_before(text: str) -> str | None:
    try:
        return (date.fromisoformat(text[:10]) - timedelta(days=1)).isoformat() if len(text) == 10 else None
    except ValueError:
        return None


def _coord(v: Any) -> str:
    try:
        return f"{float(v):.4f}".rstrip("0").rstrip(".")
    except (TypeError, ValueError):
        return str(v)


def _area(extent: Any) -> str:
    if isinstance(extent, dict) and {"west", "south", "east", "north"} <= set(extent):
        crs = extent.get("crs")
        if crs not in (None, 4326, "4326", "EPSG:4326", "epsg:4326"):
            return f" over the box x {_coord(extent['west'])}–{_coord(extent['east'])}, y {_coord(extent['south'])}–{_coord(extent['north'])} (EPSG:{str(crs).split(':')[-1]})"
        return (f" over {_coord(extent['west'])}–{_coord(extent['east'])}° E, "
                f"{_coord(extent['south'])}–{_coord(extent['north'])}° N")  # fmt: skip
    if isinstance(extent, dict) and extent.get("type") == "FeatureCollection":
        n = len(extent.get("features") or [])
        return f" over {n} polygon{'s' if n != 1 else ''}"
    if isinstance(extent, dict) and extent.get("type"):
        return f" over the given {str(extent['type']).lower()}"
    if isinstance(extent, dict) and "from_node" in extent:
        return " over the geometries of another step"
    return " everywhere the collection has data" if extent is None else ""


@lru_cache(maxsize=1)
def _summaries() -> dict[str, str]:
    """Process summaries from the openEO process specs shipped with the embedded backend."""
    spec = find_spec("backend")
    out: dict[str, str] = {}
    if spec is None or not spec.submodule_search_locations:
        return out
    root = Path(list(spec.submodule_search_locations)[0]) / "processes" / "specs"
    for path in [*root.glob("openeo-processes/*.json"), *root.glob("cdse/*.json")]:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(doc, dict) and isinstance(doc.get("summary"), str):
            out[str(doc.get("id", path.stem))] = doc["summary"].rstrip(".")
    return out


class _Writer:
    def __init__(self, graph: dict, numbers: dict[str, int], labels: dict[str, list[str]],
                 description: ResultDescription | None) -> None:  # fmt: skip
        self.graph, self.numbers, self.labels, self.description = graph, numbers, labels, description
        self.flags: dict[str, str] = {}  # node id → what its yes/no values mark (for a later mask)

    def ref(self, value: Any) -> str:
        src = _source(value)
        if src and src in self.numbers:
            return f"step {self.numbers[src]}"
        return "the input"

    def sentence(self, k: str) -> str:
        node = self.graph[k]
        pid, args = str(node.get("process_id")), node.get("arguments") or {}
        method = getattr(self, "_" + pid, None)
        text = method(k, args) if method else self._generic(pid, args)
        text = text[0].upper() + text[1:] if text else pid
        return text if text.endswith((".", "?", "!")) else text + "."

    def _formula(self, k: str, args: dict, name: str, params: dict[str, str] | None = None) -> Formula | None:
        data = _source(args.get("data"))
        return read_callback(args.get(name), self.labels.get(data or "", []), params)

    # --- loading and filtering ---
    def _load_collection(self, k: str, args: dict) -> str:
        bands = [b for b in (args.get("bands") or []) if isinstance(b, str)]
        what = f" with the band{'s' if len(bands) != 1 else ''} {_and(bands)}" if bands else " with all its bands"
        props = ""
        if isinstance(args.get("properties"), dict):
            conds = [f.text for name, cb in args["properties"].items() if (f := read_callback(cb, [], {"value": name}))]
            props = f", keeping only the scenes where {_and(conds)}" if conds else ""
        return f"Load {args.get('id', 'a collection')}{what}{_area(args.get('spatial_extent'))}{_date_range(args.get('temporal_extent'))}{props}"

    def _load_stac(self, k: str, args: dict) -> str:
        return f"Load the STAC data at {args.get('url', 'a URL')}{_area(args.get('spatial_extent'))}{_date_range(args.get('temporal_extent'))}"

    def _filter_bbox(self, k: str, args: dict) -> str:
        return f"Cut {self.ref(args.get('data'))}{_area(args.get('extent'))}"

    def _filter_temporal(self, k: str, args: dict) -> str:
        return f"Keep the dates of {self.ref(args.get('data'))}{_date_range(args.get('extent'))}"

    def _filter_bands(self, k: str, args: dict) -> str:
        return f"Keep the bands {_and([str(b) for b in args.get('bands') or []])} of {self.ref(args.get('data'))}"

    def _filter_spatial(self, k: str, args: dict) -> str:
        return f"Keep the pixels of {self.ref(args.get('data'))} inside the geometries{_area(args.get('geometries')).replace(' over', ':', 1)}"

    # --- masks ---
    def _reduce_dimension(self, k: str, args: dict) -> str:
        dim = str(args.get("dimension"))
        src = self.ref(args.get("data"))
        if dim == "bands":
            f = self._formula(k, args, "reducer", {"data": "the bands"})
            if f is None:
                return f"Combine the bands of {src} into one value per pixel"
            if f.logical_only and f.comparisons and {b for b, _, _ in f.comparisons} == {"SCL"}:
                condition, names = _scl_classes(f)
                self.flags[k] = _and(names) if names else condition
                return f"Flag the pixels of {src} whose scene classification (SCL) is {condition}"
            if f.logical_only:
                self.flags[k] = f"where {f.text}"
                return f"Flag the pixels of {src} where {f.text} (1 = yes, 0 = no)"
            if f.normalized_difference:
                a, b = f.normalized_difference
                name = index_name({a, b})
                named = f", the {name}" if name else ""
                return f"Compute ({a} − {b}) / ({a} + {b}) for each pixel and date of {src}{named}"
            return f"Combine the bands of {src} into one value per pixel: {f.text}"
        f = self._formula(k, args, "reducer")
        what = "time" if dim in TIME_DIMS else f"'{dim}'"
        if f is not None and f.reducer:
            tail = (
                " (a composite that smooths out clouds and outliers)"
                if f.reducer == "median" and dim in TIME_DIMS
                else ""
            )
            per = "of all dates" if dim in TIME_DIMS else f"along '{dim}'"
            return f"Reduce the {what} dimension of {src}: each pixel becomes the {_reducer(f)} {per}{tail}"
        return f"Reduce the {what} dimension of {src} with {f.text if f else 'a reducer'}"

    def _mask(self, k: str, args: dict) -> str:
        mask_src = _source(args.get("mask"))
        flagged = self.flags.get(mask_src or "")
        repl = args.get("replacement")
        becomes = (
            f"they become {number(repl) if isinstance(repl, (int, float)) else repl}"
            if repl is not None
            else "they become no data"
        )
        what = f" ({flagged})" if flagged else ""
        return f"Remove from {self.ref(args.get('data'))} the pixels that {self.ref(args.get('mask'))} flags{what}: {becomes}"

    def _mask_polygon(self, k: str, args: dict) -> str:
        inside = "inside" if args.get("inside") else "outside"
        return f"Remove the pixels of {self.ref(args.get('data'))} {inside} the polygon{'s' if 'Collection' in str(args.get('mask', {}).get('type', '')) else ''}"

    def _to_scl_dilation_mask(self, k: str, args: dict) -> str:
        self.flags[k] = "clouds, cloud shadows and a margin around them, from the SCL band"
        return (
            f"Flag the clouds and cloud shadows of {self.ref(args.get('data'))} from its SCL band, widened by a margin"
        )

    def _mask_scl_dilation(self, k: str, args: dict) -> str:
        return f"Remove the clouds, cloud shadows and a margin around them from {self.ref(args.get('data'))} (SCL band, dilated)"

    # --- maths ---
    def _apply(self, k: str, args: dict) -> str:
        f = self._formula(k, args, "process", {"x": "x"})
        yes_no = (
            " (1 where true, 0 where false)"
            if f and f.root in ("gt", "gte", "lt", "lte", "eq", "neq", "and", "or", "not", "between")
            else ""
        )
        return f"Compute x → {f.text if f else 'a function'} for every value of {self.ref(args.get('data'))}{yes_no}"

    def _apply_dimension(self, k: str, args: dict) -> str:
        f = self._formula(k, args, "process", {"data": "the values"})
        return f"Apply {f.text if f else 'a function'} along the '{args.get('dimension')}' dimension of {self.ref(args.get('data'))}"

    def _apply_neighborhood(self, k: str, args: dict) -> str:
        f = self._formula(k, args, "process", {"data": "the neighbourhood"})
        return f"Apply {f.text if f else 'a function'} to moving windows of {self.ref(args.get('data'))}"

    def _ndvi(self, k: str, args: dict) -> str:
        nir, red = args.get("nir") or "the near-infrared band", args.get("red") or "the red band"
        target = f", added as the band {args['target_band']}" if args.get("target_band") else ""
        return f"Compute the NDVI, ({nir} − {red}) / ({nir} + {red}), for each pixel of {self.ref(args.get('data'))}{target}"

    def _normalized_difference(self, k: str, args: dict) -> str:
        return f"Compute the normalized difference of {self.ref(args.get('x'))} and {self.ref(args.get('y'))}"

    def _binary(self, pid: str, args: dict) -> str:
        sym = {"add": "+", "subtract": "−", "multiply": "×", "divide": "/"}[pid]
        x, y = args.get("x"), args.get("y")
        show = lambda v: self.ref(v) if _source(v) else number(v) if isinstance(v, (int, float)) else str(v)  # noqa: E731
        return f"Compute {show(x)} {sym} {show(y)} for each pixel"

    def _subtract(self, k: str, args: dict) -> str:
        return self._binary("subtract", args)

    def _add(self, k: str, args: dict) -> str:
        return self._binary("add", args)

    def _multiply(self, k: str, args: dict) -> str:
        return self._binary("multiply", args)

    def _divide(self, k: str, args: dict) -> str:
        return self._binary("divide", args)

    # --- time, space, radar ---
    def _aggregate_temporal_period(self, k: str, args: dict) -> str:
        f = self._formula(k, args, "reducer")
        return f"Aggregate {self.ref(args.get('data'))} per {args.get('period', 'period')} with the {_reducer(f)}"

    def _aggregate_temporal(self, k: str, args: dict) -> str:
        f = self._formula(k, args, "reducer")
        n = len(args.get("intervals") or [])
        return f"Aggregate {self.ref(args.get('data'))} over {n} time interval{'s' if n != 1 else ''} with the {_reducer(f)}"

    def _aggregate_spatial(self, k: str, args: dict) -> str:
        f = self._formula(k, args, "reducer")
        where = _area(args.get("geometries")).replace(" over ", "", 1)
        return (
            f"Compute the {_reducer(f)} of {self.ref(args.get('data'))} within each geometry"
            f"{f' ({where})' if where else ''}: one value per geometry (and per date, if time is kept)"
        )

    def _resample_spatial(self, k: str, args: dict) -> str:
        res, proj = args.get("resolution"), args.get("projection")
        res_text = number(res) if isinstance(res, (int, float)) else str(res) if res else ""
        units = f" (in the units of EPSG:{proj})" if proj else " (in the units of its projection)"
        parts = [f"a pixel size of {res_text}{units}" if res_text and res_text != "0" else "",
                 f"the projection EPSG:{proj}" if proj else ""]  # fmt: skip
        method = f", {args['method']} resampling" if args.get("method") else ""
        return f"Resample {self.ref(args.get('data'))} to {_and([p for p in parts if p]) or 'a new grid'}{method}"

    def _resample_cube_spatial(self, k: str, args: dict) -> str:
        return f"Resample {self.ref(args.get('data'))} onto the pixel grid of {self.ref(args.get('target'))}"

    def _merge_cubes(self, k: str, args: dict) -> str:
        a, b = self.ref(args.get("cube1")), self.ref(args.get("cube2"))
        f = read_callback(args.get("overlap_resolver"), [], {"x": f"{a}", "y": f"{b}"})
        if f is None:
            return f"Merge {a} and {b} into one cube"
        return f"Merge {a} and {b} into one cube; where both have a value it becomes {f.text}"

    def _sar_backscatter(self, k: str, args: dict) -> str:
        coef = args.get("coefficient") or "gamma0-terrain"
        return f"Compute {coef} backscatter from the radar data of {self.ref(args.get('data'))}"

    def _rename_labels(self, k: str, args: dict) -> str:
        return f"Name the {args.get('dimension')} of {self.ref(args.get('data'))} {_and([str(t) for t in args.get('target') or []])}"

    def _save_result(self, k: str, args: dict) -> str:
        fmt = str(args.get("format") or "a file")
        fmt = FORMATS.get(fmt.lower(), fmt)
        d = self.description
        if d is None:
            return f"Save {self.ref(args.get('data'))} as {fmt}: this is the output"
        if d.kind == "mask":
            what = f"a mask where 1 means {d.words or 'yes'} and 0 means no"
        else:
            what = KIND_WORDS.get(d.kind, "values")
        unit = f", unit {d.unit}" if d.unit and d.unit not in ("index", "count", "share") else ""
        return f"Save {self.ref(args.get('data'))} as {fmt}: the output is {d.label} — {what}{unit}"

    def _generic(self, pid: str, args: dict) -> str:
        summary = _summaries().get(pid)
        inputs = _and(sorted({self.ref({"from_node": src}) for _, src in inputs_of({"arguments": args})}))
        on = f" on {inputs}" if inputs else ""
        plain = {k: v for k, v in args.items() if not _refs(v) and not (isinstance(v, dict) and "process_graph" in v)}
        shown = ", ".join(f"{k}={json.dumps(v)[:40]}" for k, v in list(plain.items())[:3])
        return f"{summary or pid.replace('_', ' ').capitalize()} ({pid}{': ' + shown if shown else ''}){on}"


def _scl_classes(f: Formula) -> tuple[str, list[str]]:
    """'3 (cloud shadows), 8 (…) or 10 (thin cirrus)' and the class names, for SCL equality tests."""
    values = sorted({int(v) for _, op, v in f.comparisons if op == "eq"})
    if not values or any(op != "eq" for _, op, _ in f.comparisons) or "and" in f.processes:
        return f"such that {f.text}", []
    named = [f"{v} ({SCL_CLASSES[v]})" if v in SCL_CLASSES else str(v) for v in values]
    text = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " or " + named[-1]
    return text, [SCL_CLASSES.get(v, f"class {v}") for v in values]
