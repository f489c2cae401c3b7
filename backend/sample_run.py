"""Run a valid-looking graph on a tiny synthetic sample, so errors the real run would hit are found now.

Static checks cannot see inside callbacks: an `array_element(label="B04")` in a reducer over
`t`, a comparison that gives an array where one value is expected, a reducer that returns the
wrong shape. So validation also executes the graph, with the backend's own processes, on a
sample: every `load_collection` delivers a few pixels (about `SIDE` x `SIDE` over its extent)
at the acquisition dates its window really has (thinned to at most `MAX_DATES`), with every
requested band in its stored dtype and plausible values. Each node is traced: a failure names
the node id and process (and the callback it sits in), and top-level results are computed as
they are built, so a failure inside Dask is pinned to its node too.

What the sample changes so that it stays tiny, and never invents an error the real run would not
have: `resample_spatial` resolutions are at least the sample's pixel size, `apply_neighborhood`
sizes in metres become whole dimensions. Graphs with UDFs or `load_stac` are not sampled (they
run foreign code or read whole files).
"""

from __future__ import annotations

import copy
import hashlib
import logging
import math
import threading
from contextvars import ContextVar
from datetime import datetime, timedelta, timezone
from functools import wraps
from types import SimpleNamespace
from typing import Any, Callable

import dask
import dask.array
import numpy as np
import xarray as xr

from backend.catalog.models import BandSpec
from backend.datasources.base import DataRequest, NoDataError
from backend.errors import OpenEOApiError
from backend.validation.walk import Node, iter_nodes

__all__ = ["sample_errors", "SIDE", "MAX_DATES", "NOT_SAMPLED"]

log = logging.getLogger(__name__)

SIDE = 8  # sample pixels along the longer side of a load's extent
MAX_DATES = 12  # time steps of a sample load at most (thinned evenly, first and last kept)
NOT_SAMPLED = {"run_udf", "load_stac", "load_result", "load_uploaded_files", "load_ml_model", "save_ml_model"}
TRACE_ARGUMENT = "__openeo_agent_sample_node__"
TIMEOUT_S = 10.0  # a sample that takes longer is given up (not an error of the graph)
_SKIPPED_CODES = {"NoDataAvailable", "RequestTooLarge", "UdfUnsupported", "StorageFailure", "RequestTimeout"}
_METRES_PER_DEGREE = 111_320.0


# --- the synthetic data -------------------------------------------------------------------------


def _thin(dates: list[datetime], keep: list[tuple[datetime, datetime]]) -> list[datetime]:
    """At most MAX_DATES of the dates, evenly spread, always with the first and the last, and one
    inside each window of `keep` (filter_temporal extents of the graph) that has any, so that no
    later filter finds the sample empty where the real cube is not."""
    if len(dates) <= MAX_DATES:
        return dates
    chosen = {0, len(dates) - 1}
    for start, end in keep:
        inside = [i for i, d in enumerate(dates) if start <= d < end]
        if inside:
            chosen.add(inside[len(inside) // 2])
    for i in np.linspace(0, len(dates) - 1, MAX_DATES).round().astype(int):
        if len(chosen) >= MAX_DATES:
            break
        chosen.add(int(i))
    return [dates[i] for i in sorted(chosen)]


def _fallback_dates(request: DataRequest) -> list[datetime]:
    """Three days of the window when the source cannot list its acquisitions."""
    from backend.datasources.base import _instant

    start, end = _instant(request.start), _instant(request.end)
    span = max((end - start).days, 1)
    days = sorted({0, span // 2, span - 1})
    return [start + timedelta(days=d) for d in days if start + timedelta(days=d) < end] or [start]


def _values(band: BandSpec, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    dtype = np.dtype(band.dtype)
    if band.classes:
        out = rng.choice(np.array(sorted(band.classes), dtype="int64"), size=shape).astype(dtype)
    elif np.issubdtype(dtype, np.integer):
        top = min(10_000, int(np.iinfo(dtype).max))
        out = rng.integers(1, top, size=shape, endpoint=False).astype(dtype)
    elif (band.unit or "").lower() == "db":
        out = rng.uniform(-25.0, 0.0, size=shape).astype(dtype)
    else:
        out = rng.uniform(0.0, 1.0, size=shape).astype(dtype)
    storable = band.nodata is not None and (np.issubdtype(dtype, np.floating) or not math.isnan(band.nodata))
    if storable and out.size > 1:
        out.reshape(-1)[0] = dtype.type(band.nodata)  # one no-data pixel, as real scenes have
    return out


class SampleSources:
    """Answers every load with a synthetic cube of a few pixels at the real acquisition dates."""

    def __init__(self, real: Any) -> None:
        self.real = real  # the backend's DataSourceRegistry, asked for dates only

    def acquisitions(self, request: DataRequest) -> list[datetime] | None:
        return self.real.acquisitions(request)

    def nearest_acquisitions(self, request: DataRequest, search_days: int = 366, n: int = 2):
        return self.real.nearest_acquisitions(request, search_days, n)

    def load(self, request: DataRequest) -> xr.DataArray:
        from backend.datasources.simulated.grid import make_grid

        dates = self.real.acquisitions(request)
        if dates == []:
            raise NoDataError(f"No acquisition of '{request.collection.id}' between {request.start} and {request.end}.")
        dates = _thin(dates if dates is not None else _fallback_dates(request), _KEEP.get())
        natives = [b.resolution_m for b in request.collection.bands if b.name in request.bands] or [10.0]
        grid = make_grid(request.model_copy(update={"resolution_m": max(_sample_resolution(request.bbox), request.resolution_m or 0.0, min(natives))}))
        bands = [request.collection.band(name) or BandSpec(name=name, dtype="float32") for name in request.bands]
        seed = int(hashlib.sha1(request.model_dump_json().encode()).hexdigest()[:8], 16)
        rng = np.random.default_rng(seed)
        shape = (len(dates), grid.height, grid.width)
        stored = np.result_type(*[np.dtype(b.dtype) for b in bands]) if bands else np.dtype("float32")
        values = np.stack([_values(b, shape, rng).astype(stored) for b in bands], axis=1) if bands else np.zeros((len(dates), 0) + shape[1:], stored)
        nodatas = {b.nodata for b in bands}
        nodata = nodatas.pop() if len(nodatas) == 1 else None
        labels = np.array([np.datetime64(d.astimezone(timezone.utc).replace(tzinfo=None), "ns") for d in dates])
        return xr.DataArray(
            values,
            dims=("t", "bands", "y", "x"),
            coords={"t": labels, "bands": list(request.bands), "y": grid.y_coords(), "x": grid.x_coords()},
            attrs={"crs": grid.crs, "nodata": nodata, "simulated": True, "collection_id": request.collection.id,
                   "source": "validation-sample", "resolution": grid.res},
            name=request.collection.id,
        )


def _sample_resolution(bbox: tuple[float, float, float, float]) -> float:
    west, south, east, north = bbox
    width = abs(east - west) * _METRES_PER_DEGREE * math.cos(math.radians((south + north) / 2))
    height = abs(north - south) * _METRES_PER_DEGREE
    return max(width, height, 1.0) / SIDE


# --- tracing nodes --------------------------------------------------------------------------------

_TRACE: ContextVar[dict[str, Node] | None] = ContextVar("openeo_sample_trace", default=None)
_KEEP: ContextVar[list[tuple[datetime, datetime]]] = ContextVar("openeo_sample_keep", default=[])


def _marker_of(value: Any) -> str | None:
    if isinstance(value, dict) and len(value) == 1:
        value = next(iter(value.values()))
    return value if isinstance(value, str) else None


def _traced(func: Callable) -> Callable:
    """Pop the node marker, run the process; tag a failure with the innermost node; compute
    top-level results now so a failure inside Dask belongs to its node."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        marker = _marker_of(kwargs.pop(TRACE_ARGUMENT, None))
        nodes = _TRACE.get()
        node = nodes.get(marker) if nodes is not None and marker else None
        try:
            result = func(*args, **kwargs)
            if node is not None and node.parent is None and dask.is_dask_collection(result):
                result = result.compute(scheduler="synchronous")
            return result
        except BaseException as exc:
            if node is not None and getattr(exc, "_sample_node", None) is None:
                try:
                    exc._sample_node = node  # type: ignore[attr-defined]
                except AttributeError:  # exceptions with __slots__: the parent node will be named
                    pass
            raise

    return wrapper


def _mark(graph: dict, nodes: dict[str, Node], parent: Node | None = None, argument: str | None = None) -> dict:
    """A copy of the graph with a trace marker argument on every node (callbacks included)."""
    out = {}
    for node_id, raw in graph.items():
        raw = dict(raw)
        arguments = dict(raw.get("arguments") or {})
        node = Node(node_id, raw["process_id"], arguments, graph, parent, argument)
        marker = f"oa-sample-{len(nodes)}"
        nodes[marker] = node
        for name, value in list(arguments.items()):
            arguments[name] = _mark_callbacks(value, nodes, node, name)
        arguments[TRACE_ARGUMENT] = marker
        raw["arguments"] = arguments
        out[node_id] = raw
    return out


def _mark_callbacks(value: Any, nodes: dict[str, Node], parent: Node, argument: str) -> Any:
    if isinstance(value, dict):
        if isinstance(value.get("process_graph"), dict):
            return {**value, "process_graph": _mark(value["process_graph"], nodes, parent, argument)}
        return {k: _mark_callbacks(v, nodes, parent, argument) for k, v in value.items()}
    if isinstance(value, list):
        return [_mark_callbacks(v, nodes, parent, argument) for v in value]
    return value


# --- keeping the sample small ------------------------------------------------------------------------


def _shrink(graph: dict, ctx: Any) -> dict:
    """resample_spatial no finer than the sample; apply_neighborhood sizes in metres over whole dimensions."""
    from backend.processes.load import bbox_4326

    coarsest = 0.0
    for raw in graph.values():
        if raw.get("process_id") == "load_collection":
            args = raw.get("arguments") or {}
            collection = ctx.catalog.get(args.get("id")) if isinstance(args.get("id"), str) else None
            if collection is not None:
                try:
                    coarsest = max(coarsest, _sample_resolution(bbox_4326(args.get("spatial_extent"), collection)))
                except (OpenEOApiError, ValueError, TypeError):
                    continue
    out = copy.deepcopy(graph)
    for raw in out.values():
        args = raw.get("arguments") or {}
        if raw.get("process_id") == "resample_spatial" and coarsest:
            res = args.get("resolution")
            geographic = _geographic(args.get("projection"), ctx, graph, raw)
            floor = coarsest / _METRES_PER_DEGREE if geographic else coarsest
            if isinstance(res, (int, float)) and not isinstance(res, bool):
                args["resolution"] = max(float(res), floor) if res > 0 else res
            elif isinstance(res, list) and all(isinstance(r, (int, float)) for r in res):
                args["resolution"] = [max(float(r), floor) for r in res]
        if raw.get("process_id") == "apply_neighborhood":
            for key in ("size", "overlap"):
                items = args.get(key)
                if isinstance(items, list):
                    args[key] = [({**i, "value": None if key == "size" else 0, "unit": "px"} if isinstance(i, dict) and i.get("unit") == "m" else i)
                                 for i in items]
    return out


def _geographic(projection: Any, ctx: Any, graph: dict, node: dict) -> bool:
    if projection is None:  # the cube keeps its CRS: degrees unless the loads are UTM products
        loads = [ctx.catalog.get((n.get("arguments") or {}).get("id")) for n in graph.values() if n.get("process_id") == "load_collection"]
        return not any(c is not None and c.native_crs.upper() == "UTM" for c in loads)
    try:
        import pyproj

        return pyproj.CRS.from_user_input(projection).is_geographic
    except Exception:  # an unknown CRS: the real run reports it
        return False


# --- the sample context ------------------------------------------------------------------------------

_LOCK = threading.Lock()


def _sample_context(ctx: Any) -> Any:
    """A context like `ctx` whose loads are synthetic and whose processes are traced (built once per ctx)."""
    cached = ctx.__dict__.get("_validation_sample_context")
    if cached is not None:
        return cached
    with _LOCK:
        cached = ctx.__dict__.get("_validation_sample_context")
        if cached is None:
            from backend.processes.registry import build_registry

            settings = ctx.settings.model_copy(update={"dask_scheduler": None})
            cached = SimpleNamespace(settings=settings, catalog=ctx.catalog, sources=SampleSources(ctx.sources),
                                     user_processes=getattr(ctx, "user_processes", None), jobs=None, real_coverage={})
            cached.processes = build_registry(cached, wrappers=(_traced,))
            ctx.__dict__["_validation_sample_context"] = cached
    return cached


def _sampled_processes(graph: dict) -> set[str]:
    return {n.process_id for n in iter_nodes(graph)}


def _filter_windows(graph: dict) -> list[tuple[datetime, datetime]]:
    from backend.datasources.base import _instant

    windows = []
    for node in iter_nodes(graph):
        extent = node.arguments.get("extent") if node.process_id == "filter_temporal" else None
        intervals = node.arguments.get("intervals") if node.process_id == "aggregate_temporal" else None
        for item in ([extent] if extent else []) + (intervals if isinstance(intervals, list) else []):
            if isinstance(item, list) and len(item) == 2 and all(isinstance(v, str) for v in item):
                try:
                    windows.append((_instant(item[0]), _instant(item[1])))
                except ValueError:
                    continue
    return windows


def sample_errors(graph: dict, ctx: Any) -> list[OpenEOApiError]:
    """Execute the (expanded, statically valid) graph on the sample; [] when it runs through."""
    if _sampled_processes(graph) & NOT_SAMPLED:
        return []
    nodes: dict[str, Node] = {}
    try:
        sample_ctx = _sample_context(ctx)
        marked = _mark(_shrink(graph, ctx), nodes)
        keep = _filter_windows(graph)
    except Exception:  # the sample machinery itself: never block a graph for our own fault
        log.exception("validation sample could not be prepared")
        return []
    trace, kept = _TRACE.set(nodes), _KEEP.set(keep)
    try:
        _run(marked, sample_ctx)
    except OpenEOApiError as exc:
        if exc.code in _SKIPPED_CODES:
            return []
        return [_error(exc)]
    finally:
        _TRACE.reset(trace)
        _KEEP.reset(kept)
    return []


def _run(flat: dict, ctx: Any) -> None:
    """What backend.execution.execute does, per save_result leaf, without writing netCDF (the
    slowest encoder by far, and one that takes any cube)."""
    from backend.control import RunControl
    from backend.execution import _as_api_error, _save_leaves, _upstream, evaluate
    from backend.processes.notes import collect
    from backend.processes.save import SavedResult, default_format, encode

    leaves = _save_leaves(flat) or [None]
    control = RunControl("validation sample", timeout_s=TIMEOUT_S)
    with collect():
        for leaf in leaves:
            result, _ = evaluate(_upstream(flat, leaf) if leaf else flat, ctx, control)
            saved = result if isinstance(result, SavedResult) else SavedResult(data=result, format=default_format(result))
            try:
                if dask.is_dask_collection(saved.data):
                    saved.data = saved.data.compute(scheduler="synchronous")
            except Exception as exc:
                raise _as_api_error(exc, "computing the result") from exc
            if saved.format == "netCDF":
                continue
            try:
                encode(saved)
            except Exception as exc:
                raise _as_api_error(exc, f"encoding the result as {saved.format}") from exc


def _node_of(exc: BaseException | None, seen: set[int] | None = None) -> Node | None:
    seen = seen or set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        node = getattr(exc, "_sample_node", None)
        if node is not None:
            return node
        exc = exc.__cause__ or exc.__context__
    return None


def _root(exc: BaseException) -> BaseException:
    """The original exception behind our ExecutionFailed wrappers."""
    seen = set()
    while isinstance(exc, OpenEOApiError) and exc.code in ("Internal", "ExecutionFailed") and (exc.__cause__ or exc.__context__) \
            and id(exc) not in seen:
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    return exc


def _error(exc: OpenEOApiError) -> OpenEOApiError:
    node = _node_of(exc)
    root = _root(exc)
    if isinstance(root, OpenEOApiError):
        code, detail = root.code, root.message
    else:
        code = "ProcessFailed"
        first = str(root).strip().splitlines()[0][:300] if str(root).strip() else ""
        detail = f"{type(root).__name__}: {first}" if first else type(root).__name__
    if code in ("Internal", "ExecutionFailed"):
        code = "ProcessFailed"
    where = f"in {node.where}" if node is not None else "while encoding or computing the result"
    hint = _hint(detail, node)
    return OpenEOApiError(
        f"The graph fails {where} when run on a small synthetic sample of its inputs (a few pixels at the real "
        f"acquisition dates, every loaded band), so the real run would fail the same way: {detail.rstrip('.')}.{hint}",
        code=code, status=400,
    )


def _hint(detail: str, node: Node | None) -> str:
    text = detail.lower()
    if "truth value" in text and "ambiguous" in text:
        return (" A Python `if`, `and`, `or` or `not` on a cube or array does not work element-wise: use the processes "
                "if_/and_/or_/not_ (x.and_(y), (a > b) & (c < d)) or compare inside the callback with gt/lt.")
    if node is not None and node.process_id == "array_element" and node.parent is not None:
        dimension = node.parent.arguments.get("dimension")
        return (f" The callback of '{node.parent.node_id}' runs over dimension '{dimension}'"
                + (": band labels are only valid in a reducer over 'bands'." if dimension != "bands" else ".")
                + " Check the label or index against the labels of that dimension.")
    return " Fix the arguments of that node (GET /processes describes what each process expects)."
