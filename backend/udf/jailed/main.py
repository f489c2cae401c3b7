"""The UDF child: applies one Python UDF (the openeo UDF API) to one array, inside the jail.

Loaded by the jail's zygote as the entry of package `openeo_agent_udf`; importing it is the
warm-up (numpy, xarray, pandas, scipy, openeo.udf). UDF code is arbitrary Python by design: the
jail (unprivileged uid, no network, no host files, limits) is the boundary, and the jail's audit
hook refuses sockets, processes and writes outside the scratch folder underneath it.

The UDF function is chosen by what the code defines:
- `apply_timeseries(series: pandas.Series, context: dict) -> pandas.Series`: once per pixel
  along the time dimension ("t" or "time"), the series indexed by the dates;
- `apply_datacube(cube, context)` (or `apply_hypercube`): once with the whole array, as an
  `XarrayDataCube` (or as an `xarray.DataArray` when the parameter is annotated so), returning
  either;
- a function of one `UdfData` argument: called with the cube in `UdfData.datacube_list`.
`apply_metadata(metadata, context)`, when defined, names the result's bands (for a UDF that
returns a different number of bands without labels). `apply_vectorcube` needs geometries,
which a raster cube has not: it gets a clear refusal.

Input and output follow `codec.py` (JSON header + .npy). Errors come back with the UDF's own
traceback lines (frames of "udf.py" only).
"""

import json
import linecache
import math
import os
import sys
import traceback

import numpy
import pandas
import xarray
from openeo.udf import FeatureCollection, StructuredData, UdfData, XarrayDataCube

from . import codec

try:
    from openeo_agent_jail import audit  # inside the jail
except ImportError:  # imported by the parent for its codec
    from backend.jail.inside import audit

UDF_FILENAME = "udf.py"
MAX_STDOUT = 4000


def warm() -> None:
    """Libraries UDFs use, and one tiny run of each kind: xarray and pandas import and build
    much on first use, which a resident worker should pay once, not in every forked child."""
    import scipy.ndimage  # noqa: F401
    import scipy.signal  # noqa: F401

    cube = xarray.DataArray(numpy.zeros((2, 1, 2, 2), dtype="float32"), dims=["t", "bands", "y", "x"],
                            coords=codec.decode_coords(codec.encode_coords({
                                "t": numpy.array(["2020-01-01", "2020-01-02"], dtype="datetime64[ns]"), "bands": numpy.array(["b"]),
                                "y": numpy.arange(2.0), "x": numpy.arange(2.0)}), ["t", "bands", "y", "x"], (2, 1, 2, 2)))
    apply("def apply_datacube(cube, context):\n    return cube.get_array() * 2\n", cube, {})
    apply("import pandas as pd\ndef apply_timeseries(series: pd.Series, context: dict) -> pd.Series:\n    return series\n", cube, {})
    codec.decode(codec.encode({"ok": True}, cube.values))


class UdfProblem(Exception):
    """The code is not a usable UDF (no entry function, wrong return type): a sentence for the user."""


def namespace() -> dict:
    return {"__name__": "__udf__", "__file__": UDF_FILENAME, "numpy": numpy, "np": numpy, "xarray": xarray, "xr": xarray,
            "pandas": pandas, "pd": pandas, "math": math, "XarrayDataCube": XarrayDataCube, "DataCube": XarrayDataCube,
            "UdfData": UdfData, "StructuredData": StructuredData, "FeatureCollection": FeatureCollection}


def _annotated_data_array(fn, name: str) -> bool:
    import inspect

    try:
        annotation = inspect.signature(fn).parameters[name].annotation
    except (KeyError, TypeError, ValueError):
        return False
    return annotation is xarray.DataArray or str(annotation) in ("xarray.DataArray", "xr.DataArray", "DataArray")


def _call(fn, first, first_name: str, context):
    import inspect

    try:
        params = list(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        params = []
    if first_name in params and "context" in params:
        return fn(**{first_name: first, "context": context})
    return fn(first, context) if len(params) >= 2 else fn(first)


def _as_array(value, what: str) -> xarray.DataArray:
    if isinstance(value, XarrayDataCube):
        value = value.get_array()
    if not isinstance(value, xarray.DataArray):
        raise UdfProblem(f"{what} must return an XarrayDataCube or an xarray.DataArray, not {type(value).__name__}.")
    return value


def apply_timeseries(fn, cube: xarray.DataArray, context) -> xarray.DataArray:
    time_dims = [d for d in cube.dims if d in ("t", "time")]
    if not time_dims:
        raise UdfProblem(f"apply_timeseries needs a time dimension ('t'), and this cube has {list(cube.dims)}.")
    t = time_dims[0]
    moved = cube.transpose(..., t)
    index = pandas.Index(moved.coords[t].values if t in moved.coords else range(moved.sizes[t]), name=t)
    flat = moved.values.reshape(-1, moved.sizes[t])
    out = numpy.empty(flat.shape, dtype="float64")
    for i, row in enumerate(flat):
        series = _call(fn, pandas.Series(row, index=index), "series", context)
        if not isinstance(series, pandas.Series) or len(series) != len(index):
            raise UdfProblem(f"apply_timeseries must return a pandas.Series of {len(index)} values, one per date.")
        out[i] = series.to_numpy(dtype="float64")
    result = xarray.DataArray(out.reshape(moved.shape), dims=moved.dims, coords=moved.coords, name=cube.name)
    return result.transpose(*cube.dims)


def apply(code: str, cube: xarray.DataArray, context) -> xarray.DataArray:
    linecache.cache[UDF_FILENAME] = (len(code), None, code.splitlines(True), UDF_FILENAME)
    env = namespace()
    exec(compile(code, UDF_FILENAME, "exec"), env)
    fns = {k: v for k, v in env.items() if callable(v) and not isinstance(v, type) and getattr(v, "__module__", None) == "__udf__"}
    result = _apply_data(fns, cube, context)
    if "apply_metadata" in fns and "bands" in result.dims:
        result = _name_bands(fns["apply_metadata"], cube, result, context)
    return result


def _name_bands(fn, cube: xarray.DataArray, result: xarray.DataArray, context) -> xarray.DataArray:
    from openeo.metadata import CollectionMetadata

    dims = {d: {"type": "bands", "values": [str(v) for v in cube.coords[d].values] if d in cube.coords else []} if d == "bands"
            else {"type": "temporal"} if d in ("t", "time") else {"type": "spatial", "axis": d} if d in ("x", "y")
            else {"type": "other"} for d in cube.dims}
    metadata = _call(fn, CollectionMetadata({"cube:dimensions": dims}), "metadata", context)
    names = list(getattr(metadata, "band_names", None) or [])
    if len(names) != result.sizes["bands"]:
        raise UdfProblem(f"apply_metadata names {len(names)} bands, but apply_datacube returned {result.sizes['bands']}.")
    return result.assign_coords(bands=names)


def _apply_data(fns: dict, cube: xarray.DataArray, context) -> xarray.DataArray:
    if "apply_timeseries" in fns:
        return apply_timeseries(fns["apply_timeseries"], cube, context)
    for name in ("apply_datacube", "apply_hypercube"):
        if name in fns:
            fn = fns[name]
            arg = cube if _annotated_data_array(fn, "cube") else XarrayDataCube(cube)
            return _as_array(_call(fn, arg, "cube", context), name)
    import inspect

    for name, fn in fns.items():
        try:
            params = list(inspect.signature(fn).parameters.values())
        except (TypeError, ValueError):
            continue
        if len(params) == 1 and (params[0].annotation is UdfData or str(params[0].annotation) in ("UdfData", "openeo.udf.UdfData")):
            data = UdfData(datacube_list=[XarrayDataCube(cube)], user_context=context)
            returned = fn(data)
            data = returned if isinstance(returned, UdfData) else data
            cubes = data.get_datacube_list() or []
            if len(cubes) != 1:
                raise UdfProblem(f"{name} must leave exactly one data cube in UdfData.datacube_list (found {len(cubes)}).")
            return _as_array(cubes[0], name)
    if "apply_vectorcube" in fns:
        raise UdfProblem("apply_vectorcube needs a vector cube with geometries; run_udf on a raster cube calls "
                         "apply_datacube(cube, context) or apply_timeseries(series, context).")
    raise UdfProblem("The UDF defines none of apply_datacube(cube: XarrayDataCube, context: dict) -> XarrayDataCube, "
                     "apply_timeseries(series: pandas.Series, context: dict) -> pandas.Series, or a function of one UdfData.")


def udf_traceback(tb) -> list[str]:
    lines = []
    for frame in traceback.extract_tb(tb):
        if frame.filename == UDF_FILENAME:
            lines.append(f"line {frame.lineno}, in {frame.name}: {(frame.line or '').strip()}"[:300])
    return lines[-8:]


class Tail:
    def __init__(self) -> None:
        self.text = ""

    def write(self, s) -> int:
        self.text = (self.text + str(s))[-MAX_STDOUT:]
        return len(s)

    def flush(self) -> None:
        pass


def main(stdin, stdout) -> int:
    header, array = codec.decode(stdin.read(), "request")
    sys.stdin = open(os.devnull)
    dims = codec.check_dims(header.get("dims"), 0 if array is None else array.ndim)
    cube = xarray.DataArray(array, dims=dims, coords=codec.decode_coords(header.get("coords", {}), dims, array.shape),
                            name=header.get("name"))
    printed = Tail()
    sys.stdout = sys.stderr = printed
    audit.install(audit.read_roots(numpy, xarray, pandas, json), os.getcwd())
    try:
        result = apply(str(header["code"]), cube, header.get("context") or {})
        values = numpy.asarray(result.values)
        if values.dtype.kind not in codec.ARRAY_KINDS:
            raise UdfProblem(f"The UDF returned values of dtype {values.dtype}; return numbers or booleans.")
        coords = {d: result.coords[d].values for d in result.dims if d in result.coords}
        answer = codec.encode({"ok": True, "dims": list(result.dims), "coords": codec.encode_coords(coords),
                               "name": result.name if isinstance(result.name, str) else None, "stdout": printed.text}, values)
    except UdfProblem as e:
        answer = codec.encode({"ok": False, "error": {"type": "UdfProblem", "message": str(e), "traceback": []}, "stdout": printed.text})
    except BaseException as e:  # the UDF's own failure, reported with its own traceback lines
        answer = codec.encode({"ok": False, "stdout": printed.text, "error": {
            "type": type(e).__name__, "message": str(e)[:1000], "traceback": udf_traceback(e.__traceback__)}})
    stdout.write(answer)
    stdout.flush()
    return 0
