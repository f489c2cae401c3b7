"""Check each node against its process spec: known process, required/unknown arguments, types.

Types are matched against the JSON schemas of the openEO process specs (type, subtype, enum,
minimum/maximum, items), with references (`from_node`, `from_parameter`) accepted wherever a
value is expected: their types are only known at run time.
"""

from __future__ import annotations

from typing import Any

from backend.errors import (
    OpenEOApiError,
    ProcessParameterInvalid,
    ProcessParameterMissing,
    ProcessParameterUnsupported,
    ProcessUnsupported,
)
from backend.validation.suggest import did_you_mean
from backend.validation.walk import Node, references

__all__ = ["process_errors", "argument_errors", "format_errors", "callback_parameter_names", "matches", "describe"]

_CUBE_SUBTYPES = {"datacube", "raster-cube", "vector-cube"}
_SUBTYPE_WORDS = {
    "output-format": "a file format name such as 'GTiff', 'netCDF', 'PNG' or 'JSON' (GET /file_formats)",
    "collection-id": "a collection id such as 'SENTINEL2_L2A' (GET /collections)",
    "band-name": "a band name such as 'B04'",
    "epsg-code": "an EPSG code (integer) such as 4326 or 32632",
    "date": "a date 'YYYY-MM-DD'",
    "date-time": "an RFC 3339 date-time 'YYYY-MM-DDThh:mm:ssZ'",
    "geojson": "a GeoJSON object (Polygon, MultiPolygon, Feature or FeatureCollection)",
    "wkt2-definition": "a WKT2 CRS definition",
    "proj-definition": "a PROJ definition",
    "labeled-array": "a labeled array",
}


def _is_reference(value: Any) -> bool:
    return isinstance(value, dict) and len(value) == 1 and ("from_node" in value or "from_parameter" in value)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _schemas(schema: Any) -> list[dict]:
    return [s for s in (schema if isinstance(schema, list) else [schema]) if isinstance(s, dict)]


def matches(value: Any, schema: Any) -> bool:
    """Whether a literal value (or a reference) fits a parameter schema."""
    options = _schemas(schema)
    if not options or _is_reference(value):
        return True
    return any(_matches_one(value, s) for s in options)


def _matches_one(value: Any, schema: dict) -> bool:
    if "anyOf" in schema or "oneOf" in schema:
        return matches(value, schema.get("anyOf", []) + schema.get("oneOf", []))
    subtype = schema.get("subtype")
    is_callback = isinstance(value, dict) and isinstance(value.get("process_graph"), dict)
    if subtype == "process-graph" or is_callback:
        return subtype == "process-graph" and is_callback
    if subtype in _CUBE_SUBTYPES:
        return False  # a cube is never a literal: it comes from another node
    types = schema.get("type")
    if types is not None:
        types = types if isinstance(types, list) else [types]
        actual = _json_type(value)
        if actual not in types and not (actual == "integer" and "number" in types):
            return False
    if "enum" in schema and value not in schema["enum"]:
        return False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            return False
        if "maximum" in schema and value > schema["maximum"]:
            return False
    if isinstance(value, list):
        if "minItems" in schema and len(value) < schema["minItems"]:
            return False
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            return False
        items = schema.get("items")
        if isinstance(items, (dict, list)) and not all(matches(v, items) for v in value):
            return False
    if subtype == "bounding-box" and isinstance(value, dict):
        return {"west", "south", "east", "north"} <= set(value)
    return True


def describe(schema: Any) -> str:
    """Human words for what a schema accepts."""
    words = []
    for s in _schemas(schema):
        subtype = s.get("subtype")
        if subtype == "process-graph":
            words.append('a callback {"process_graph": {...}}')
        elif subtype in _CUBE_SUBTYPES:
            words.append("a data cube (a {\"from_node\": ...} reference to the node that makes it)")
        elif subtype == "bounding-box":
            words.append('a bounding box {"west", "south", "east", "north", "crs"}')
        elif subtype == "temporal-interval":
            words.append("a temporal interval such as [\"2022-06-01\", \"2022-07-01\"]")
        elif subtype in _SUBTYPE_WORDS:
            words.append(_SUBTYPE_WORDS[subtype])
        elif "enum" in s:
            words.append("one of " + ", ".join(repr(v) for v in s["enum"] if v is not None))
        elif subtype:
            words.append(f"a {subtype}")
        elif s.get("type"):
            t = s["type"]
            word = " or ".join(t) if isinstance(t, list) else str(t)
            bounds = [f"{k} {s[k]}" for k in ("minimum", "maximum") if k in s]
            words.append(word + (f" ({', '.join(bounds)})" if bounds else ""))
    return " or ".join(dict.fromkeys(words)) or "a valid value"


def callback_parameter_names(spec: dict | None, argument: str) -> set[str]:
    """Names a callback passed to `argument` may use in from_parameter (data, x, y, context, ...)."""
    for parameter in (spec or {}).get("parameters", []):
        if parameter.get("name") == argument:
            names = set()
            for s in _schemas(parameter.get("schema")):
                names |= {p["name"] for p in s.get("parameters", []) if "name" in p}
            return names
    return set()


# What to use instead of a process this backend does not offer.
ALTERNATIVES = {
    "aggregate_temporal": "Use filter_temporal for each interval and reduce_dimension(dimension='t').",
    "apply_dimension": "Use reduce_dimension for reductions or apply for per-pixel functions.",
    "load_stac": "Use load_collection with a collection id from GET /collections.",
    "array_apply": "Use apply on the data cube instead.",
    "array_filter": "Use filter_labels or mask instead.",
    "sort": "Use quantiles or min/max/median instead.",
    "order": "Use quantiles or min/max/median instead.",
}


def process_errors(node: Node, registry: Any) -> list[OpenEOApiError]:
    """The process must exist on this backend (listed in GET /processes)."""
    if registry.is_listed(node.process_id):
        return []
    reason = registry.not_listed.get(node.process_id)
    if reason:
        return [ProcessUnsupported(
            f"Process '{node.process_id}' in {node.where} is not available on this backend ({reason}). "
            + ALTERNATIVES.get(node.process_id, "Build the step from other processes listed on GET /processes.")
        )]
    hint = registry.nearest(node.process_id)
    return [ProcessUnsupported(
        f"Process '{node.process_id}' in {node.where} does not exist."
        + (f" Did you mean '{hint}'?" if hint else " See GET /processes for the processes you can use.")
    )]


def format_errors(node: Node) -> list[OpenEOApiError]:
    """save_result: a format this backend writes."""
    from backend.errors import FormatUnsupported
    from backend.processes.formats import FORMATS, canonical_format

    fmt = node.arguments.get("format")
    if node.process_id != "save_result" or not isinstance(fmt, str):
        return []
    try:
        canonical_format(fmt)
    except FormatUnsupported:
        return [FormatUnsupported(
            f"save_result in {node.where} asks for format '{fmt}'. Use one of: {', '.join(FORMATS)} "
            "(GTiff or netCDF for rasters, JSON or CSV for time series; see GET /file_formats)."
        )]
    return []


def _math_function(spec: dict) -> bool:
    """A scalar math function (category 'math ...', returns a number): ln, arcsin, normalized_difference, ..."""
    returns = (spec.get("returns") or {}).get("schema") or {}
    types = returns.get("type") if isinstance(returns, dict) else None
    types = types if isinstance(types, list) else [types]
    return "number" in types and any(str(c).startswith("math") for c in spec.get("categories", []))


def _numbers_allowed(value: Any, schema: Any) -> bool:
    """A math function's number argument may be no-data (null) or outside the function's domain:
    openEO passes null through and gives NaN outside the domain (the official vectors:
    normalized_difference(null, 1) is null, ln(-1) and arcsin(2) are NaN), whatever range the
    parameter schema documents."""
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
        return False
    return any("number" in (s.get("type") if isinstance(s.get("type"), list) else [s.get("type")]) for s in _schemas(schema))


def _visible_parameters(node: Node) -> set[str]:
    """The parameters a callback node can read: its own callback's and, as the openEO API resolves
    a `from_parameter` scope by scope up to the root, those of every callback around it (an
    `array_apply` inside `apply_dimension` may compare with the outer `data`)."""
    names: set[str] = set()
    scope: Node | None = node
    while scope is not None:
        names |= scope.callback_parameters
        scope = scope.parent
    return names


def argument_errors(node: Node, spec: dict) -> list[OpenEOApiError]:
    """Missing, unknown and ill-typed arguments, and from_parameter names a callback cannot see."""
    errors: list[OpenEOApiError] = []
    parameters = {p["name"]: p for p in spec.get("parameters", []) if "name" in p}
    math_function = _math_function(spec)
    for name, parameter in parameters.items():
        if not parameter.get("optional", False) and name not in node.arguments:
            errors.append(ProcessParameterMissing(
                f"Process '{node.process_id}' in {node.where} needs the argument '{name}' "
                f"({describe(parameter.get('schema'))}). Add it."
            ))
    for name, value in node.arguments.items():
        parameter = parameters.get(name)
        if parameter is None:
            errors.append(ProcessParameterUnsupported(
                f"Process '{node.process_id}' has no argument '{name}' ({node.where})."
                + did_you_mean(name, parameters)
                + f" Its arguments are: {', '.join(parameters) or 'none'}."
            ))
            continue
        schema = parameter.get("schema")
        if not matches(value, schema) and not (math_function and _numbers_allowed(value, schema)):
            shown = repr(value)
            shown = shown if len(shown) <= 80 else shown[:77] + "..."
            errors.append(ProcessParameterInvalid(
                f"Argument '{name}' of process '{node.process_id}' ({node.where}) must be "
                f"{describe(schema)}, but is {shown}. Fix the value."
            ))
        if node.parent is not None:
            visible = _visible_parameters(node)
            for ref in references(value, "from_parameter"):
                if node.callback_parameters and ref not in visible:
                    errors.append(ProcessParameterInvalid(
                        f"Argument '{name}' of {node.where} reads parameter '{ref}', which neither the "
                        f"'{node.parent_argument}' callback of '{node.parent.process_id}' nor a callback around it provides."
                        + did_you_mean(ref, visible)
                        + f" Available: {', '.join(sorted(visible))}."
                    ))
    return errors
