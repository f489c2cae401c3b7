"""Follow the cube through the graph statically: its dimension names and band labels.

From `load_collection` (the collection's dimensions and the bands asked for) through the
processes that change them (reduce_dimension, filter_bands, ndvi, rename_dimension, ...), so that
dimension names ("time" where the cube has "t") and band labels (filter_bands,
array_element(label=...) in a reducer over "bands", ndvi's nir/red) can be checked without data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from backend.catalog.models import CollectionSpec
from backend.errors import BandNotAvailable, DimensionNotAvailable, OpenEOApiError
from backend.validation.suggest import DIMENSION_SYNONYMS, nearest
from backend.validation.walk import Node

__all__ = ["Cube", "infer_cubes", "dimension_errors", "band_suggestion", "label_errors"]

# Arguments that name a dimension of the `data` cube, per process.
_DIMENSION_ARGUMENTS = {
    "reduce_dimension": ["dimension"], "apply_dimension": ["dimension"], "filter_labels": ["dimension"],
    "rename_labels": ["dimension"], "dimension_labels": ["dimension"], "aggregate_temporal": ["dimension"],
    "aggregate_temporal_period": ["dimension"], "filter_temporal": ["dimension"], "drop_dimension": ["name"],
    "rename_dimension": ["source"], "array_interpolate_linear": [], "apply_neighborhood": [],
}


@dataclass(frozen=True)
class Cube:
    dims: tuple[str, ...]
    bands: tuple[str, ...] | None = None
    collection: CollectionSpec | None = None


def band_suggestion(name: str, collection: CollectionSpec | None, available: list[str]) -> str:
    """' Use 'B08' (...)' for an alias, a common name, a case slip or a near miss."""
    if collection is not None:
        for band in collection.bands:
            known = {band.name.lower(), *(a.lower() for a in band.aliases)} | ({band.common_name.lower()} if band.common_name else set())
            if band.name not in available and name.lower() in known:
                return f" Add '{band.name}' to the bands of load_collection, then use '{band.name}' here."
        for band in collection.bands:
            if band.name not in available:
                continue
            if name in band.aliases or name.lower() in (a.lower() for a in band.aliases) or name.lower() == band.name.lower():
                return f" Use '{band.name}' (the band's name on CDSE; '{name}' is not accepted there)."
        common = [b.name for b in collection.bands if b.common_name and b.common_name.lower() == name.lower() and b.name in available]
        if common:
            return f" '{name}' is a common name: use the band name '{common[0]}'."
    hint = nearest(name, available, cutoff=0.4)
    return f" Did you mean '{hint}'?" if hint else ""


def _data_cube(node: Node, cubes: dict[str, Cube | None], argument: str = "data") -> Cube | None:
    value = node.arguments.get(argument)
    if isinstance(value, dict) and set(value) == {"from_node"}:
        return cubes.get(value["from_node"])
    return None


def _without(cube: Cube, *names: str) -> Cube:
    return Cube(tuple(d for d in cube.dims if d not in names), None if "bands" in names else cube.bands, cube.collection)


def _infer(node: Node, cubes: dict[str, Cube | None], catalog: dict[str, CollectionSpec]) -> Cube | None:
    args, pid = node.arguments, node.process_id
    if pid == "load_collection":
        collection = catalog.get(args.get("id")) if isinstance(args.get("id"), str) else None
        if collection is None:
            return None
        bands = args.get("bands")
        names: tuple[str, ...] | None = tuple(collection.band_names)
        if isinstance(bands, list) and bands:
            # unknown bands are reported on load_collection; don't cascade them into later nodes
            names = tuple(bands) if all(isinstance(b, str) and b in collection.band_names for b in bands) else None
        return Cube(tuple(collection.dimension_names), names, collection)
    data = _data_cube(node, cubes)
    if pid == "merge_cubes":
        a, b = _data_cube(node, cubes, "cube1"), _data_cube(node, cubes, "cube2")
        if a is None or b is None:
            return None
        bands = tuple(dict.fromkeys((a.bands or ()) + (b.bands or ()))) if a.bands is not None and b.bands is not None else None
        return Cube(tuple(dict.fromkeys(a.dims + b.dims)), bands, a.collection)
    if data is None:
        return None
    if pid == "reduce_dimension" and isinstance(args.get("dimension"), str):
        return _without(data, args["dimension"])
    if pid == "reduce_spatial":
        return _without(data, "x", "y")
    if pid == "drop_dimension" and isinstance(args.get("name"), str):
        return _without(data, args["name"])
    if pid == "aggregate_spatial":
        return Cube(("geometry",) + tuple(d for d in data.dims if d not in ("x", "y")), data.bands, data.collection)
    if pid == "filter_bands" and isinstance(args.get("bands"), list):
        return Cube(data.dims, tuple(b for b in args["bands"] if isinstance(b, str)), data.collection)
    if pid == "ndvi":
        target = args.get("target_band")
        if isinstance(target, str):
            return Cube(data.dims, (data.bands or ()) + (target,) if data.bands is not None else None, data.collection)
        return _without(data, "bands")
    if pid == "add_dimension" and isinstance(args.get("name"), str):
        label = args.get("label")
        bands = (str(label),) if args.get("type") == "bands" else data.bands
        return Cube(data.dims + (args["name"],), bands, data.collection)
    if pid == "rename_dimension" and isinstance(args.get("source"), str) and isinstance(args.get("target"), str):
        return Cube(tuple(args["target"] if d == args["source"] else d for d in data.dims), data.bands, data.collection)
    if pid == "apply_dimension" and isinstance(args.get("target_dimension"), str) and isinstance(args.get("dimension"), str):
        dims = tuple(args["target_dimension"] if d == args["dimension"] else d for d in data.dims)
        return Cube(dims, data.bands if args["dimension"] != "bands" else None, data.collection)
    if pid == "to_scl_dilation_mask":
        return Cube(data.dims, ("SCL_DILATED_MASK",), data.collection)
    if pid == "rename_labels" and args.get("dimension") == "bands" and isinstance(args.get("target"), list):
        return Cube(data.dims, tuple(str(t) for t in args["target"]), data.collection)
    if pid in ("save_result", "filter_bbox", "filter_spatial", "filter_temporal", "filter_labels", "apply", "mask",
               "mask_polygon", "resample_spatial", "resample_cube_spatial", "resample_cube_temporal", "apply_kernel",
               "apply_neighborhood", "linear_scale_range", "aggregate_temporal", "aggregate_temporal_period",
               "apply_dimension", "trim_cube", "merge_cubes", "inspect", "sar_backscatter", "mask_scl_dilation",
               "slope", "aspect", "array_interpolate_linear"):
        return data
    return None


def infer_cubes(graph: dict, catalog: dict[str, CollectionSpec]) -> dict[str, Cube | None]:
    """Cube of each top-level node (None where unknown), in dependency order."""
    cubes: dict[str, Cube | None] = {}
    nodes = {nid: Node(nid, raw["process_id"], raw.get("arguments") or {}, graph)
             for nid, raw in graph.items() if isinstance(raw, dict) and isinstance(raw.get("process_id"), str)
             and isinstance(raw.get("arguments", {}), dict)}
    visiting: set[str] = set()

    def visit(nid: str) -> Cube | None:
        if nid in cubes:
            return cubes[nid]
        if nid in visiting or nid not in nodes:
            return None
        visiting.add(nid)
        for ref in _from_nodes(nodes[nid].arguments):
            visit(ref)
        cubes[nid] = _infer(nodes[nid], cubes, catalog)
        visiting.discard(nid)
        return cubes[nid]

    for nid in nodes:
        visit(nid)
    return cubes


def _from_nodes(value: Any):
    if isinstance(value, dict):
        if set(value) == {"from_node"}:
            yield value["from_node"]
        elif "process_graph" not in value:
            for v in value.values():
                yield from _from_nodes(v)
    elif isinstance(value, list):
        for v in value:
            yield from _from_nodes(v)


def _dimension_hint(name: str, dims: tuple[str, ...]) -> str:
    synonym = DIMENSION_SYNONYMS.get(name.lower())
    if synonym in dims:
        return f" Use '{synonym}'."
    hint = nearest(name, dims, cutoff=0.4)
    return f" Did you mean '{hint}'?" if hint else ""


def dimension_errors(node: Node, cubes: dict[str, Cube | None]) -> list[OpenEOApiError]:
    data = _data_cube(node, cubes)
    if data is None:
        return []
    errors: list[OpenEOApiError] = []
    for argument in _DIMENSION_ARGUMENTS.get(node.process_id, []):
        name = node.arguments.get(argument)
        if isinstance(name, str) and name not in data.dims:
            errors.append(DimensionNotAvailable(
                f"Argument '{argument}' of {node.where} names dimension '{name}', but the cube has "
                f"{', '.join(repr(d) for d in data.dims)}.{_dimension_hint(name, data.dims)}"
            ))
    if node.process_id == "ndvi" and "bands" not in data.dims:
        errors.append(DimensionNotAvailable(
            f"{node.where}: ndvi needs a cube with a 'bands' dimension, but it has {', '.join(data.dims)}. "
            "Compute ndvi before reducing the bands."
        ))
    return errors


def label_errors(node: Node, cubes: dict[str, Cube | None]) -> list[OpenEOApiError]:
    """Band labels used by filter_bands, ndvi and array_element in a reducer over 'bands'."""
    data = _data_cube(node, cubes)
    if data is None or data.bands is None:
        return []
    available = list(data.bands)
    errors: list[OpenEOApiError] = []

    def check(label: Any, what: str, allow_common: bool = False) -> None:
        if not isinstance(label, str) or label in available:
            return
        if allow_common and data.collection is not None:
            common = {b.common_name for b in data.collection.bands if b.name in available and b.common_name}
            if label in common:
                return
        errors.append(BandNotAvailable(
            f"{what} uses band '{label}', which is not in the cube (bands: {', '.join(available)})."
            + band_suggestion(label, data.collection, available)
        ))

    if node.process_id == "filter_bands" and isinstance(node.arguments.get("bands"), list):
        for band in node.arguments["bands"]:
            check(band, f"filter_bands in {node.where}")
    if node.process_id == "ndvi":
        for argument, default in (("nir", "nir"), ("red", "red")):
            check(node.arguments.get(argument, default), f"Argument '{argument}' of {node.where}", allow_common=True)
    if node.process_id in ("reduce_dimension", "apply_dimension") and node.arguments.get("dimension") == "bands":
        for argument in ("reducer", "process"):
            callback = node.arguments.get(argument)
            if isinstance(callback, dict) and isinstance(callback.get("process_graph"), dict):
                for child_id, child in callback["process_graph"].items():
                    if isinstance(child, dict) and child.get("process_id") == "array_element":
                        label = (child.get("arguments") or {}).get("label")
                        check(label, f"array_element '{child_id}' in the {argument} of {node.where}")
    return errors
