"""Metadata properties that `load_collection(properties=...)` may filter on, per collection.

The same names CDSE accepts (`eo:cloud_cover` from `max_cloud_cover=`, Sentinel-1 orbit and
mode), rendered as the JSON Schema of GET /collections/{id}/queryables.
"""

from __future__ import annotations

from typing import Any

CLOUD_COVER = {"eo:cloud_cover": {"title": "Cloud cover of the scene (percent)", "type": "number",
                                  "minimum": 0, "maximum": 100}}
SAR = {
    "sat:orbit_state": {"title": "Orbit direction", "type": "string", "enum": ["ascending", "descending"]},
    "sar:instrument_mode": {"title": "Acquisition mode", "type": "string", "enum": ["IW", "EW", "SM"]},
    "polarisation": {"title": "Polarisation combination", "type": "string", "enum": ["DV", "DH", "SV", "SH", "HH", "VV"]},
}
QUERYABLES: dict[str, dict[str, Any]] = {
    "SENTINEL2_L2A": CLOUD_COVER,
    "SENTINEL2_L1C": CLOUD_COVER,
    "LANDSAT8_L2": CLOUD_COVER,
    "SENTINEL1_GRD": SAR,
}


def queryables(collection_id: str) -> dict[str, Any]:
    """Property name -> JSON Schema of the values it accepts (empty: no metadata filters)."""
    return dict(QUERYABLES.get(collection_id, {}))
