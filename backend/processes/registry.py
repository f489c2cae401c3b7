"""One process registry: the openEO specs plus the implementations that execute them.

Specs are the openEO processes 2.0.0-rc.2 descriptions shipped in `backend/processes/specs`
(plus CDSE's own processes); implementations come from openeo-processes-dask, overridden by
ours (`fixes`, `load`, `save`, `udf`, `arrays`, `dimensions`, ...). `specs()` lists only what
executes *and* passes the official test vectors: processes known to fail them are in
`NOT_LISTED` with the reason (tests/backend/test_processes_vectors.py keeps that list honest).
Callbacks reach implementations as `callbacks.Callback` objects (see that module for why).
"""

from __future__ import annotations

import importlib
import inspect
import logging
from functools import wraps
from typing import Any, Callable

from openeo_pg_parser_networkx import OpenEOProcessGraph
from openeo_pg_parser_networkx import ProcessRegistry as PGRegistry
from openeo_pg_parser_networkx.process_registry import Process
from openeo_pg_parser_networkx.pg_schema import ParameterReference

from backend.processes import arrays, cdse, cubes, dimensions, fixes, geometry, masking, neighborhood, reducers, save, temporal, udf, vectors
from backend.processes.callbacks import CALLBACK_MARK, Callback, is_marker, mark_callbacks
from backend.processes.index import NOT_LISTED, ProcessIndex, conventions
from backend.processes.specs import load_specs
from backend.processes.load import make_load_collection
from backend.processes.stac_load import make_load_stac

log = logging.getLogger(__name__)

__all__ = ["ProcessRegistry", "build_registry", "NOT_LISTED", "conventions"]

# NOT_LISTED (registered so the vector suite can still run them, but not advertised and rejected
# by validation) lives in index.py, which listing and validation read without the implementations.

# Implementations that expect the graph parser's typed objects (dates, bounding boxes) rather
# than the strings the user wrote.
_TYPED_ARGUMENT_MODULE = "openeo_processes_dask.process_implementations.cubes"
_TYPED_ARGUMENT_PROCESSES = {"load_collection", "load_stac", "filter_temporal", "array_element", "array_find_label"}
# Typed processes whose array arguments must still stay arrays (an empty list is not an interval).
_LIST_ARGUMENT_PROCESSES = {"array_element", "array_find_label"}
_STRING_MARK = "__openeo_agent_string__"
_LIST_MARK = "__openeo_agent_list__"


def _library_implementations() -> dict[str, Callable]:
    module = importlib.import_module("openeo_processes_dask.process_implementations")
    return {name.strip("_"): func for name, func in inspect.getmembers(module, inspect.isfunction)}


def _library_specs() -> dict[str, dict]:
    """The served specs (openEO processes 2.0.0-rc.2 and CDSE's), one version for every process."""
    return load_specs()


# Functions of our modules that implement processes (the rest are helpers).
_PROCESS_FUNCTIONS = {
    "backend.processes.arrays": {"array_apply", "array_filter", "array_interpolate_linear", "array_concat", "array_create",
                                 "array_append", "order", "sort", "mod", "cumsum", "cumproduct", "cummax", "cummin", "is_valid"},
    "backend.processes.dimensions": {"apply_dimension", "dimension_labels", "filter_labels", "rename_dimension", "apply",
                                     "reduce_dimension"},
    "backend.processes.temporal": {"aggregate_temporal", "resample_cube_temporal"},
    "backend.processes.vectors": {"load_geojson", "vector_to_raster"},
}


def _our_implementations(ctx: Any) -> dict[str, Callable]:
    ours: dict[str, Callable] = {name.strip("_"): getattr(fixes, name) for name in fixes.__all__}
    ours.update({name: getattr(reducers, name) for name in reducers.__all__ if name not in ("null_passthrough", "NULL_PASSTHROUGH")})
    ours.update({name: getattr(cubes, name) for name in cubes.__all__})
    ours.update({name: getattr(geometry, name) for name in geometry.__all__})
    for module in (arrays, dimensions, temporal, vectors):
        ours.update({name: getattr(module, name) for name in module.__all__ if name in _PROCESS_FUNCTIONS[module.__name__]})
    ours["apply_neighborhood"] = neighborhood.apply_neighborhood
    ours["sar_backscatter"] = cdse.make_sar_backscatter(ctx)
    ours["load_stac"] = make_load_stac(ctx)
    ours.update(to_scl_dilation_mask=cdse.to_scl_dilation_mask, mask_scl_dilation=cdse.mask_scl_dilation,
                slope=cdse.slope, aspect=cdse.aspect)
    ours["mask"] = masking.mask
    ours["load_collection"] = make_load_collection(ctx)
    ours["save_result"] = save.save_result
    ours["run_udf"] = udf.make_run_udf(ctx)
    return ours


def _unmark(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {_STRING_MARK}:
            return value[_STRING_MARK]
        if set(value) == {_LIST_MARK}:
            return [_unmark(v) for v in value[_LIST_MARK]]
        return {k: _unmark(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unmark(v) for v in value]
    return value


_SPECIAL_ARGUMENTS = ("axis", "keepdims", "source_transposed_axis", "context", "dim_labels")


def resolve_parameters(func: Callable, registry: Any = None) -> Callable:
    """Resolve `from_parameter` references against the callback's parameters before calling.

    The graph parser hands implementations raw ParameterReference objects; parent processes
    (reduce_dimension, apply, ...) pass the actual values by name (`named_parameters`) or by
    position (`positional_parameters`: name -> index into args). Arguments that the callers pass
    to every callback (axis, keepdims, context, ...) are dropped when the implementation does
    not accept them. Same contract as openeo-processes-dask's `@process`, without formatting
    every argument for a debug log on each call (costly for data cubes).
    """
    accepted = set(inspect.signature(func).parameters)
    drop = [name for name in _SPECIAL_ARGUMENTS if name not in accepted]

    def resolved(value: Any, named: dict, nested: bool = False) -> Any:
        """References inside lists and objects too (sum(data=[x, y]) in a callback); nested ones
        that name no available parameter belong to a child graph (load_collection's properties)
        and stay as they are."""
        if isinstance(value, ParameterReference):
            return named.get(value.from_parameter, value) if nested else value_of(value, named)
        if is_marker(value):
            return Callback(value[CALLBACK_MARK], registry, named)
        if isinstance(value, list):
            return [resolved(v, named, True) for v in value]
        if isinstance(value, dict) and "process_graph" not in value:
            return {k: resolved(v, named, True) for k, v in value.items()}
        return value

    def value_of(reference: ParameterReference, named: dict) -> Any:
        if reference.from_parameter not in named:
            from backend.errors import ProcessParameterMissing

            raise ProcessParameterMissing(
                f"Process '{func.__name__}' reads parameter '{reference.from_parameter}', which is not "
                f"available here (available: {', '.join(named) or 'none'})."
            )
        return named[reference.from_parameter]

    @wraps(func)
    def wrapper(*args, positional_parameters: dict | None = None, named_parameters: dict | None = None, **kwargs):
        named = dict(named_parameters or {})
        for name, index in (positional_parameters or {}).items():
            named[name] = args[index]
        resolved_args = [value_of(a, named) for a in args if isinstance(a, ParameterReference)]
        for name in drop:
            kwargs.pop(name, None)
        return func(*resolved_args, **{k: resolved(v, named) for k, v in kwargs.items()})

    return wrapper


def _plain_strings(func: Callable) -> Callable:
    """Give an implementation back the strings that `_protect_strings` shielded from parsing."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        return func(*[_unmark(a) for a in args], **{k: _unmark(v) for k, v in kwargs.items()})

    return wrapper


class ProcessRegistry(ProcessIndex):
    """Process specs and implementations of one backend; `.specs()` feeds GET /processes."""

    def __init__(self, specs: dict[str, dict], implementations: dict[str, Callable], not_listed: dict[str, str],
                 wrappers: tuple[Callable[[Callable], Callable], ...] = ()):
        """`wrappers` go around every implementation, outermost last (validation's sample run traces nodes with one)."""
        super().__init__(specs, set(implementations), not_listed)
        self.implementations = {pid: f for pid, f in implementations.items() if pid in specs}
        self._string_processes = {
            pid
            for pid, f in self.implementations.items()
            if pid not in _TYPED_ARGUMENT_PROCESSES and not (inspect.unwrap(f).__module__ or "").startswith(_TYPED_ARGUMENT_MODULE)
        }
        self.pg_registry = PGRegistry(wrap_funcs=[lambda f: resolve_parameters(f, self), _plain_strings, *wrappers])
        for pid, func in self.implementations.items():
            self.pg_registry[pid] = Process(spec=specs[pid], implementation=func)

    def parse(self, process_graph: dict) -> OpenEOProcessGraph:
        """Parse a flat graph ({node: {...}} or {"process_graph": {...}}) for execution."""
        flat = process_graph.get("process_graph", process_graph)
        return OpenEOProcessGraph({"process_graph": self._protect_strings(flat)})

    def _protect_strings(self, flat: dict) -> dict:
        """Wrap string and array arguments of scalar processes so the parser keeps them as is.

        The graph parser turns date-like strings into datetime objects and (empty or
        two-element) lists into temporal intervals; scalar and array processes (comparisons,
        text, dates, arrays) need the values the user wrote.
        """

        def protect(value: Any, strings: bool, lists: bool = False) -> Any:
            if isinstance(value, str):
                return {_STRING_MARK: value} if strings else value
            if isinstance(value, list):
                items = [protect(v, strings) for v in value]
                return {_LIST_MARK: items} if strings or lists else items
            if isinstance(value, dict):
                if set(value) in ({"from_node"}, {"from_parameter"}, {CALLBACK_MARK}):
                    return value
                return {k: protect(v, strings) for k, v in value.items()}
            return value

        out = {}
        for node_id, node in flat.items():
            if not isinstance(node, dict):
                out[node_id] = node
                continue
            strings = node.get("process_id") in self._string_processes
            lists = node.get("process_id") in _LIST_ARGUMENT_PROCESSES
            marked = mark_callbacks(node.get("process_id"), node.get("arguments") or {})
            arguments = {k: protect(v, strings, lists) for k, v in marked.items()}
            out[node_id] = {**node, "arguments": arguments}
        return out


def build_registry(ctx: Any, wrappers: tuple[Callable[[Callable], Callable], ...] = ()) -> ProcessRegistry:
    """The registry of one backend context (load_collection reads ctx.catalog and ctx.sources)."""
    implementations = _library_implementations()
    implementations.update(_our_implementations(ctx))
    for pid, names in reducers.NULL_PASSTHROUGH.items():
        if pid in implementations:
            implementations[pid] = reducers.null_passthrough(implementations[pid], names)
    specs = _library_specs()
    missing = sorted(pid for pid in implementations if pid not in specs)
    if missing:
        log.debug("implementations without an openEO spec are not registered: %s", missing)
    return ProcessRegistry(specs=specs, implementations=implementations, not_listed=NOT_LISTED, wrappers=wrappers)
