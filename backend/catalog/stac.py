"""Render a `CollectionSpec` as an openEO/STAC collection document (datacube, eo and raster extensions).

`collection_document(spec, base_url)` is what GET /collections/{id} returns; the list endpoint
returns the same documents. Data served by the simulated Earth is marked in the description
and with the custom property `openeo_agent:simulated`.
"""

from __future__ import annotations

from typing import Any

from backend.catalog.models import BandSpec, CollectionSpec

STAC_VERSION = "1.0.0"
STAC_EXTENSIONS = [
    "https://stac-extensions.github.io/datacube/v2.2.0/schema.json",
    "https://stac-extensions.github.io/eo/v1.1.0/schema.json",
    "https://stac-extensions.github.io/raster/v1.1.0/schema.json",
]
SIMULATED_NOTE = (
    "\n\n**Simulated data.** On this embedded backend this collection is served by a deterministic "
    "simulated Earth where no real file covers the request: values are plausible, not observed. "
    "Results say which they are (response header `OpenEO-Simulated`). "
    "Run the same code on the Copernicus Data Space Ecosystem for real observations."
)


def _coverage_note(coverage: list[dict]) -> str:
    parts = [f"bbox {c['bbox']} on {(c['datetime'] or 'any date')[:10]} (bands {', '.join(c['bands'])})" for c in coverage[:5]]
    return "\n\nReal observations from local files cover: " + "; ".join(parts) + "."


def _eo_band(band: BandSpec) -> dict[str, Any]:
    doc: dict[str, Any] = {"name": band.name, "description": band.description, "gsd": band.resolution_m}
    if band.common_name:
        doc["common_name"] = band.common_name
    if band.center_wavelength_um is not None:
        doc["center_wavelength"] = band.center_wavelength_um
    if band.aliases:
        doc["aliases"] = list(band.aliases)
    return doc


def _raster_band(band: BandSpec) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "name": band.name,
        "data_type": band.dtype,
        "scale": band.scale,
        "offset": band.offset,
        "spatial_resolution": band.resolution_m,
    }
    if band.nodata is not None:
        doc["nodata"] = band.nodata
    if band.unit:
        doc["unit"] = band.unit
    if band.classes:
        doc["classification:classes"] = [
            {"value": value, "description": label} for value, label in sorted(band.classes.items())
        ]
    return doc


def _temporal_interval(spec: CollectionSpec) -> list[str | None]:
    start, end = spec.temporal_extent
    return [start, end]


def cube_dimensions(spec: CollectionSpec) -> dict[str, Any]:
    west, south, east, north = spec.spatial_extent
    x, y, t, bands = spec.dimension_names
    step = None if spec.revisit_days is None else f"P{spec.revisit_days:g}D"
    temporal: dict[str, Any] = {"type": "temporal", "extent": _temporal_interval(spec), "step": step}
    if spec.revisit_days is None:
        temporal["description"] = "Static collection: a single time step; any date inside the extent selects it."
    return {
        x: {"type": "spatial", "axis": "x", "extent": [west, east], "reference_system": 4326},
        y: {"type": "spatial", "axis": "y", "extent": [south, north], "reference_system": 4326},
        t: temporal,
        bands: {"type": "bands", "values": spec.band_names},
    }


def collection_document(spec: CollectionSpec, base_url: str, real_coverage: list[dict] | None = None) -> dict[str, Any]:
    """The STAC collection of one spec; `base_url` is the API root without a trailing slash;
    `real_coverage` lists the real files served for it ({bbox, datetime, bands})."""
    real_coverage = real_coverage or []
    description = (spec.description + (SIMULATED_NOTE if spec.simulated else "")
                   + (_coverage_note(real_coverage) if real_coverage else ""))
    summaries: dict[str, Any] = {
        "eo:bands": [_eo_band(b) for b in spec.bands],
        "raster:bands": [_raster_band(b) for b in spec.bands],
        "gsd": sorted({b.resolution_m for b in spec.bands}),
    }
    if spec.platform:
        summaries["platform"] = [p.strip() for p in spec.platform.split(",")]
    if spec.instrument:
        summaries["instruments"] = [i.strip() for i in spec.instrument.split(",")]
    self_url = f"{base_url}/collections/{spec.id}"
    return {
        "type": "Collection",
        "stac_version": STAC_VERSION,
        "stac_extensions": STAC_EXTENSIONS,
        "id": spec.id,
        "title": spec.title + (" (simulated)" if spec.simulated and not real_coverage else ""),
        "description": description,
        "keywords": list(spec.keywords),
        "license": spec.license,
        "providers": [{"name": name} for name in spec.providers],
        "extent": {
            "spatial": {"bbox": [list(spec.spatial_extent)]},
            "temporal": {"interval": [_temporal_interval(spec)]},
        },
        "cube:dimensions": cube_dimensions(spec),
        "summaries": summaries,
        "openeo_agent:simulated": spec.simulated,
        "openeo_agent:real_coverage": real_coverage,
        "openeo_agent:native_crs": spec.native_crs,
        "openeo_agent:revisit_days": spec.revisit_days,
        "links": [
            {"rel": "self", "href": self_url, "type": "application/json"},
            {"rel": "root", "href": f"{base_url}/collections", "type": "application/json"},
            {"rel": "parent", "href": f"{base_url}/collections", "type": "application/json"},
            {"rel": "http://www.opengis.net/def/rel/ogc/1.0/queryables", "href": f"{self_url}/queryables",
             "type": "application/schema+json"},
        ],
    }
