"""Execute an openEO process graph on openeo-processes-dask, lazily on Dask.

`execute(process_graph, ctx)` parses the graph with openeo-pg-parser-networkx, maps it onto the
context's process registry, builds the lazy cube, computes it once (on a distributed
scheduler when `ctx.settings.dask_scheduler` is set, else the local threaded scheduler) and
encodes it as `save_result` asked (GTiff for rasters and JSON for anything else by default).

Every failure becomes an `OpenEOApiError`: ours pass through, the library's exceptions (named
after openEO error codes) keep their code, anything else is `ExecutionFailed` with a message
naming the failing step, never a traceback.

With a `RunControl` (`backend.control`) the computation can be stopped: before every process of
the graph (callbacks inside Dask tasks included) and before every Dask task, the control is
checked for cancellation and its deadline, and every array a process returns is counted against
its values budget before anything is computed.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
import threading
import warnings
from typing import Any

import dask
import xarray as xr
from pydantic import BaseModel

from backend.control import RunControl
from backend.errors import ComputationStopped, ExecutionFailed, OpenEOApiError, ProcessGraphInvalid, ProcessUnsupported
from backend.processes.load import LOADED
from backend.processes.notes import collect
from backend.processes.pushdown import pushdown
from backend.processes.udp import expand
from backend.processes.save import SavedResult, default_format, encode
from backend.validation.budget import estimate_pixels
from backend.validation.walk import child_graphs

log = logging.getLogger(__name__)

# xarray looks for the optional `dask_array` package on every compute of a dask-backed cube (a
# failed import searches the file system each time: about a millisecond per node); when it is
# not installed, remember that once.
if importlib.util.find_spec("dask_array") is None:
    sys.modules.setdefault("dask_array", None)  # type: ignore[arg-type]

# numpy's nan-reducers warn on pixels whose every value is nodata (a cloud-masked pixel over the whole window): the
# result there is nodata, as openEO's reducers define it, so the warning says nothing to the user but reached the
# CLI's output from the Dask threads. Filtered for the process (worker threads use the global filters; a scoped
# catch_warnings would not be thread-safe across concurrent executions); installed again by every execution, since
# a filter added while some caller's catch_warnings was active is dropped when that block ends.
NAN_REDUCTION_WARNINGS = r"(?:All-NaN (?:slice|axis) encountered|Mean of empty slice|Degrees of freedom <= 0 for slice)"


def quiet_nan_reductions() -> None:
    """Ignore numpy's all-nodata reduction warnings (idempotent: the filter is not added twice)."""
    warnings.filterwarnings("ignore", message=NAN_REDUCTION_WARNINGS, category=RuntimeWarning)


quiet_nan_reductions()

__all__ = ["ExecutionResult", "execute", "evaluate", "estimate_pixels", "close_clients"]


class ExtraAsset(BaseModel):
    """Another save_result of the same graph (MultiResult): its own file."""

    data: bytes
    media_type: str
    filename: str


class ExecutionResult(BaseModel):
    data: bytes
    media_type: str
    filename: str
    simulated: bool
    warnings: list[str] = []  # what processes could not honour (backend.processes.notes)
    extra_assets: list[ExtraAsset] = []  # the other save_result leaves of a multi-result graph


def _library_error(exc: Exception) -> OpenEOApiError | None:
    from openeo_processes_dask.process_implementations.exceptions import OpenEOException

    if isinstance(exc, OpenEOException):
        name = type(exc).__name__
        return OpenEOApiError(f"{name}: {exc}. Check the arguments of the process that raised it.", code=name, status=400)
    return None


def _as_api_error(exc: BaseException, stage: str) -> OpenEOApiError:
    if isinstance(exc, OpenEOApiError):
        return exc
    library = _library_error(exc) if isinstance(exc, Exception) else None
    if library is not None:
        return library
    cause = exc.__cause__ or exc.__context__
    if isinstance(cause, OpenEOApiError):
        return cause
    detail = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else type(exc).__name__
    return ExecutionFailed(
        f"The process graph failed while {stage}: {type(exc).__name__}: {detail}. "
        "Check the process arguments and dimension names (POST /validation explains most problems), "
        "or make the request smaller."
    )


def _check_processes(process_graph: dict, ctx: Any) -> None:
    from backend.validation.walk import find_cycle

    def walk(flat: dict) -> None:
        cycle = find_cycle(flat) if all(isinstance(n, dict) for n in flat.values()) else None
        if cycle:
            raise ProcessGraphInvalid(f"The process graph has a cycle: {' -> '.join(cycle)}. Make the data flow in one direction.")
        for node in flat.values():
            if not isinstance(node, dict):
                raise ProcessGraphInvalid("Every node of the process graph must be an object with process_id and arguments.")
            pid = node.get("process_id")
            if not ctx.processes.is_listed(pid):
                hint = ctx.processes.nearest(pid or "")
                raise ProcessUnsupported(
                    f"Process '{pid}' is not supported."
                    + (f" Did you mean '{hint}'?" if hint else " See GET /processes for the supported processes.")
                )
            for arg in (node.get("arguments") or {}).values():
                for _, child in child_graphs(arg):
                    walk(child)

    walk(process_graph.get("process_graph", process_graph))


class _GuardedRegistry:
    """The process registry as the graph parser sees it, each implementation wrapped so that it
    checks the run's control first and reports the arrays it returns."""

    def __init__(self, registry: Any, control: RunControl) -> None:
        self._registry = registry
        self._control = control
        self._wrapped: dict[Any, Any] = {}

    def __getitem__(self, key: Any) -> Any:
        if key not in self._wrapped:
            process = self._registry[key]
            self._wrapped[key] = type(process)(spec=process.spec, implementation=self._guard(str(key), process.implementation),
                                               namespace=process.namespace)
        return self._wrapped[key]

    def _guard(self, process_id: str, implementation: Any) -> Any:
        control = self._control

        def guarded(*args: Any, **kwargs: Any) -> Any:
            control.check()
            result = implementation(*args, **kwargs)
            control.observe(process_id, result.data if isinstance(result, SavedResult) else result)
            return result

        return guarded


def evaluate(process_graph: dict, ctx: Any, control: RunControl | None = None) -> tuple[Any, list[xr.DataArray]]:
    """Build the (lazy) result of a graph; returns it with the cubes load_collection produced."""
    process_graph = expand(process_graph, ctx)
    _check_processes(process_graph, ctx)
    try:
        parsed = ctx.processes.parse(pushdown(process_graph, ctx.catalog))
    except OpenEOApiError:
        raise
    except Exception as exc:  # the parser's pydantic/networkx errors
        raise ProcessGraphInvalid(f"The process graph cannot be parsed: {str(exc).splitlines()[0][:300]}. Check its structure.") from exc
    loaded: list[xr.DataArray] = []
    token = LOADED.set(loaded)
    try:
        registry = ctx.processes.pg_registry if control is None else _GuardedRegistry(ctx.processes.pg_registry, control)
        result = parsed.to_callable(process_registry=registry)()
    except Exception as exc:
        raise _as_api_error(exc, "building the computation") from exc
    finally:
        LOADED.reset(token)
    return result, loaded


def _compute(value: Any, ctx: Any, control: RunControl | None = None) -> Any:
    return _compute_all([value], ctx, control)[0]


def _compute_distributed(client: Any, values: list, control: RunControl | None) -> list:
    """Compute on a cluster; a stopped control cancels the futures there."""
    from distributed import TimeoutError as DistributedTimeout
    from distributed import wait

    futures = client.compute(values)
    while control is not None:
        try:
            wait(futures, timeout=0.25)
            break
        except DistributedTimeout:
            if control.stopped is not None:
                client.cancel(futures, force=True)
                control.check()
    return client.gather(futures)


_CLIENTS: dict[str, Any] = {}  # scheduler address -> distributed.Client, reused across requests
_CLIENTS_LOCK = threading.Lock()


def _client(address: str):
    """One long-lived connection per scheduler address (connecting costs more than small graphs)."""
    from distributed import Client

    with _CLIENTS_LOCK:
        client = _CLIENTS.get(address)
        if client is None or client.status in ("closing", "closed"):
            client = _CLIENTS[address] = Client(address, set_as_default=False)
        return client


def close_clients() -> None:
    """Close the scheduler connections (server shutdown, tests)."""
    with _CLIENTS_LOCK:
        for client in _CLIENTS.values():
            client.close()
        _CLIENTS.clear()


def _save_leaves(flat: dict) -> list[str]:
    """save_result nodes no other node uses: the result node first, then the others in order."""
    used = {ref for node in flat.values() if isinstance(node, dict)
            for value in (node.get("arguments") or {}).values() for ref in _refs(value)}
    leaves = [nid for nid, n in flat.items() if isinstance(n, dict) and n.get("process_id") == "save_result" and nid not in used]
    return sorted(leaves, key=lambda nid: not flat[nid].get("result"))


def _refs(value: Any):
    from backend.validation.walk import references

    yield from references(value, "from_node")


def _upstream(flat: dict, leaf: str) -> dict:
    """The leaf and every node it depends on, with the leaf as the result."""
    keep, todo = set(), [leaf]
    while todo:
        nid = todo.pop()
        if nid in keep or nid not in flat:
            continue
        keep.add(nid)
        todo += [ref for value in (flat[nid].get("arguments") or {}).values() for ref in _refs(value)]
    return {nid: {**{k: v for k, v in n.items() if k != "result"}, **({"result": True} if nid == leaf else {})}
            for nid, n in flat.items() if nid in keep}


def execute(process_graph: dict, ctx: Any, control: RunControl | None = None) -> ExecutionResult:
    """Run a graph and encode its result (raises OpenEOApiError, never anything else).

    A graph with several save_result leaves (the client's MultiResult) computes them together
    (shared inputs are read once): the result node's output is the primary result, the others
    are `extra_assets` named after their node ids (batch jobs list them all; POST /result
    returns the primary one).

    `control` (optional) stops it when cancelled or past its deadline, and bounds the values
    its processes may produce (see `backend.control`)."""
    quiet_nan_reductions()
    flat = expand(process_graph, ctx)
    leaves = _save_leaves(flat) if all(isinstance(n, dict) for n in flat.values()) else []
    if len(leaves) > 1:
        return _execute_many(flat, leaves, ctx, control)
    return _execute_one(flat, ctx, control)


def _execute_many(flat: dict, leaves: list[str], ctx: Any, control: RunControl | None) -> ExecutionResult:
    saved, loaded, notes = [], [], []
    with collect() as warnings:
        for leaf in leaves:
            result, cubes = evaluate(_upstream(flat, leaf), ctx, control)
            saved.append(result if isinstance(result, SavedResult) else SavedResult(data=result, format=default_format(result)))
            loaded += cubes
        notes = list(warnings)
    try:
        computed = _compute_all([s.data for s in saved], ctx, control)
    except Exception as exc:
        raise _as_api_error(exc, "computing the results") from exc
    if control is not None:
        control.check()
    encoded = []
    for leaf, result, data in zip(leaves, saved, computed):
        result.data = data
        try:
            encoded.append(encode(result))
        except Exception as exc:
            raise _as_api_error(exc, f"encoding the result of '{leaf}' as {result.format}") from exc
    primary, others = encoded[0], encoded[1:]
    extras = [ExtraAsset(data=e.data, media_type=e.media_type, filename=f"{leaf}.{e.filename.rsplit('.', 1)[-1]}")
              for leaf, e in zip(leaves[1:], others)]
    return ExecutionResult(data=primary.data, media_type=primary.media_type, filename=primary.filename,
                           simulated=any(bool(c.attrs.get("simulated")) for c in loaded), warnings=notes, extra_assets=extras)


def _compute_all(values: list, ctx: Any, control: RunControl | None = None) -> list:
    lazy = [i for i, v in enumerate(values) if dask.is_dask_collection(v)]
    if not lazy:
        return values
    address = getattr(ctx.settings, "dask_scheduler", None)
    targets = [values[i] for i in lazy]
    if address:
        done = _compute_distributed(_client(address), targets, control)
    elif control is None:
        done = dask.compute(*targets, scheduler="threads")
    else:
        with control.pool() as pool:
            try:
                done = dask.compute(*targets, scheduler="threads", pool=pool, callbacks=[control.dask_callback()._callback])
            except ComputationStopped:
                control.check()  # the control's own reason (canceled, timed out, ...), not the bare interrupt
                raise
    out = list(values)
    for i, value in zip(lazy, done):
        out[i] = value
    return out


def _execute_one(process_graph: dict, ctx: Any, control: RunControl | None) -> ExecutionResult:
    with collect() as warnings:
        result, loaded = evaluate(process_graph, ctx, control)
    saved = result if isinstance(result, SavedResult) else SavedResult(data=result, format=default_format(result))
    try:
        saved.data = _compute(saved.data, ctx, control)
    except Exception as exc:
        raise _as_api_error(exc, "computing the result") from exc
    if control is not None:
        control.check()
    try:
        encoded = encode(saved)
    except Exception as exc:
        raise _as_api_error(exc, f"encoding the result as {saved.format}") from exc
    simulated = any(bool(cube.attrs.get("simulated")) for cube in loaded)
    for warning in warnings:
        log.warning("execution note: %s", warning)
    return ExecutionResult(data=encoded.data, media_type=encoded.media_type, filename=encoded.filename, simulated=simulated,
                           warnings=list(warnings))
