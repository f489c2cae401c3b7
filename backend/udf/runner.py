"""Run a Python UDF on an array, in the operating-system jail, never in the server process.

    run_udf_on_array(data, code, *, context, runtime="Python", version=None, timeout_s, memory_mb) -> DataArray

The array goes to a jailed child (a warm worker forked per call, or a cold start when it is
busy) as .npy bytes with its dimensions and labels as JSON, and comes back the same way, read
with `allow_pickle=False`: nothing the child sends is unpickled or evaluated. Attributes and
scalar coordinates of the input (CRS, `spatial_ref`) are carried over to the result where its
dimensions allow. Failures are openEO errors whose message quotes the UDF's own traceback lines.
"""

from __future__ import annotations

import signal
from pathlib import Path

import numpy as np
import xarray as xr

from backend.errors import InvalidRuntime, InvalidVersion, UdfError, UdfUnsupported
from backend.jail import Entry, Limits, WarmWorker, run
from backend.udf.jailed import codec
from backend.udf.runtimes import RUNTIME, versions

JAILED = Path(__file__).resolve().with_name("jailed")
UDF_ENV = {
    "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "HOME": "/nonexistent",
    "XDG_CONFIG_HOME": "/nonexistent", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1", "NUMEXPR_NUM_THREADS": "1", "PYTHONHASHSEED": "0",
}
ENTRY = Entry(packages={"openeo_agent_udf": str(JAILED)}, module="openeo_agent_udf.main", env=UDF_ENV)
MAX_RESULT_BYTES = 2_000_000_000
# A cube's UDF runs once per chunk, two or more at a time: the first waits for the warm worker
# to start and the others for their turn (a warm run takes tens of milliseconds), instead of
# each starting a cold jail of its own (seconds of imports apiece, beside the worker's start).
START_WAIT_S = 60.0
BUSY_WAIT_S = 10.0
_worker = WarmWorker(ENTRY)


def prestart(wait: bool = False) -> bool:
    """Start the warm UDF worker (in the background unless `wait`); UDFs that come while it
    starts run cold. Returns whether it is ready."""
    if wait:
        return _worker.start()
    _worker.prestart()
    return _worker.alive


def check_runtime(runtime: str, version: str | None) -> None:
    if str(runtime).lower() != RUNTIME.lower():
        raise InvalidRuntime(f"The UDF runtime '{runtime}' is not supported here; use runtime '{RUNTIME}' (see GET /udf_runtimes).")
    if version not in (None, "", *versions()):
        raise InvalidVersion(f"The {RUNTIME} version '{version}' is not available; use one of {', '.join(versions())} "
                             "or leave version unset.")


def run_udf_on_array(data: xr.DataArray, code: str, *, context: dict | None, runtime: str = "Python",
                     version: str | None = None, timeout_s: float, memory_mb: int) -> xr.DataArray:
    check_runtime(runtime, version)
    if not isinstance(code, str) or not code.strip():
        raise UdfError("The UDF code is empty. Pass the Python source of a function such as apply_datacube(cube, context).")
    values = np.asarray(data.values)
    if values.dtype.kind not in codec.ARRAY_KINDS:
        raise UdfUnsupported(f"run_udf got values of dtype {values.dtype}; it runs on numeric data cubes.")
    coords = {d: data.coords[d].values for d in data.dims if d in data.coords}
    try:
        payload = codec.encode({"code": code, "context": context or {}, "dims": [str(d) for d in data.dims],
                                "coords": codec.encode_coords(coords),
                                "name": data.name if isinstance(data.name, str) else None}, values)
    except ValueError as e:
        raise UdfError(f"The UDF context cannot be passed to the UDF as JSON ({e}).") from None
    cap = min(MAX_RESULT_BYTES, 8 * values.nbytes + 64_000_000)
    limits = Limits(wall_s=timeout_s, cpu_s=int(timeout_s) + 1, memory_mb=memory_mb, stdout_bytes=cap)
    if _worker is not None:
        _worker.wait_ready(START_WAIT_S)
    outcome = run(_worker, ENTRY, payload, limits, wait_s=BUSY_WAIT_S)
    if outcome.unavailable:
        raise UdfUnsupported(f"UDFs cannot run on this server: {outcome.unavailable}")
    if outcome.timed_out:
        raise UdfError(f"The UDF ran longer than its limit of {timeout_s:.0f} s and was stopped. Make it faster "
                       "(vectorise with numpy) or run it on a smaller extent.")
    if outcome.output_exceeded:
        raise UdfError(f"The UDF's result is larger than {cap // 1_000_000} MB (8 times its input) and was refused.")
    stderr = outcome.stderr_tail.decode("utf-8", "replace")
    try:
        header, result = codec.decode(outcome.stdout, "UDF result")
    except codec.CodecError as e:
        if outcome.returncode in (-signal.SIGKILL, -signal.SIGXCPU) or "MemoryError" in stderr[-500:]:
            raise UdfError(f"The UDF hit its limits ({memory_mb} MB of memory or {timeout_s:.0f} s of CPU) and was "
                           "stopped. Work on smaller chunks or use less memory.") from None
        last = (stderr.strip().splitlines() or [f"exit code {outcome.returncode}"])[-1][:300]
        raise UdfError(f"The UDF process ended without a result ({last}; {e}).") from None
    if not header.get("ok"):
        raise UdfError(_error_text(header.get("error") or {}, memory_mb))
    return _result_array(header, result, data)


def _error_text(error: dict, memory_mb: int) -> str:
    kind, message = str(error.get("type", "Error")), str(error.get("message", ""))
    if kind == "UdfProblem":
        return message
    if kind == "MemoryError":
        return f"The UDF ran out of memory (limit {memory_mb} MB beyond the preloaded libraries). Work on smaller chunks."
    where = "; ".join(str(x) for x in error.get("traceback", [])[-4:])
    return f"The UDF failed with {kind}: {message}" + (f" (at {where})" if where else "") + ". Fix the UDF code."


def _result_array(header: dict, values: np.ndarray | None, data: xr.DataArray) -> xr.DataArray:
    try:
        if values is None:
            raise codec.CodecError("The UDF result has no array.")
        dims = codec.check_dims(header.get("dims"), values.ndim)
        coords = codec.decode_coords(header.get("coords", {}), dims, values.shape)
    except codec.CodecError as e:
        raise UdfError(f"The UDF returned something that is not a data cube: {e}") from None
    result = xr.DataArray(values, dims=dims, coords=coords, name=header.get("name") or data.name)
    for name, coord in data.coords.items():  # CRS and other scalar or spatial labels of the input
        if name not in result.coords and all(d in result.dims and result.sizes[d] == data.sizes[d] for d in coord.dims):
            result = result.assign_coords({name: coord})
    result.attrs.update(data.attrs)
    return result
