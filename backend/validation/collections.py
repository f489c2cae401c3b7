"""load_collection and the filters: collection ids, band names, spatial and temporal extents."""

from __future__ import annotations

from typing import Any

from backend.catalog.models import CollectionSpec
from backend.errors import BandNotAvailable, CollectionNotFound, OpenEOApiError
from backend.validation.cubes import Cube, band_suggestion
from backend.validation.extents import spatial_errors, temporal_errors
from backend.validation.suggest import collection_hint
from backend.validation.walk import Node

__all__ = ["collection_errors", "filter_errors"]


def _collection_hint(name: str, catalog: dict[str, CollectionSpec]) -> str:
    return collection_hint(name, catalog)


def collection_errors(node: Node, catalog: dict[str, CollectionSpec]) -> list[OpenEOApiError]:
    """A load_collection node: known collection, exact band names, extents inside the collection."""
    args = node.arguments
    cid = args.get("id")
    if not isinstance(cid, str):
        return []  # type errors are reported by the argument checks
    collection = catalog.get(cid)
    if collection is None:
        return [CollectionNotFound(
            f"Collection '{cid}' in {node.where} does not exist.{_collection_hint(cid, catalog)} "
            f"Available: {', '.join(sorted(catalog))} (GET /collections)."
        )]
    errors: list[OpenEOApiError] = []
    bands = args.get("bands")
    if isinstance(bands, list):
        for band in bands:
            if isinstance(band, str) and band not in collection.band_names:
                errors.append(BandNotAvailable(
                    f"Band '{band}' ({node.where}) is not a band of '{cid}'."
                    + band_suggestion(band, collection, collection.band_names)
                    + f" Bands: {', '.join(collection.band_names)}."
                ))
    label = f"spatial_extent of {node.where}"
    errors += spatial_errors(label, args.get("spatial_extent"), collection)
    errors += temporal_errors(f"temporal_extent of {node.where}", args.get("temporal_extent"), collection)
    return errors


def filter_errors(node: Node, data: Cube | None) -> list[OpenEOApiError]:
    """filter_bbox / filter_spatial / filter_temporal extents (inside the loaded collection when known)."""
    collection = data.collection if data is not None else None
    if node.process_id == "filter_bbox":
        return spatial_errors(f"extent of {node.where}", node.arguments.get("extent"), collection)
    if node.process_id == "filter_temporal":
        return temporal_errors(f"extent of {node.where}", node.arguments.get("extent"), collection)
    if node.process_id in ("filter_spatial", "mask_polygon", "aggregate_spatial"):
        key = "geometries" if node.process_id != "mask_polygon" else "mask"
        value: Any = node.arguments.get(key)
        if isinstance(value, dict) and "type" in value:
            return spatial_errors(f"{key} of {node.where}", value, collection)
    return []
