"""A deterministic simulated Earth: any place, any date, offline.

`SimulatedEarth(catalog)` serves every collection of the catalog with values in the real
products' dtypes, units, scales and nodata, generated lazily on Dask from noise keyed on
absolute lon/lat (land cover, DEM, parcels; real cities from GeoNames), the date (phenology,
snow, clouds) and a small registry of real events (floods, fires). The same request always
gives the same bytes, and overlapping requests agree where they overlap. Arrays carry
attrs["simulated"] = True.

Modules, one job each: noise (hash-based value noise), grid (output grid), sampling (noise on
a tile), cities (real towns from GeoNames), landcover (land cover and DEM), phenology
(seasons), events (the event registry), state (surface on a date), spectra (signatures),
clouds (clouds, shadows, SCL), scene (one acquisition over one tile), optical / radar /
thermal / atmosphere (sensor physics), sensors (band dispatch and digital numbers), revisit
(acquisition dates), calendar (what the source covers and when, without pixels), source (the
DataSource).
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["EVENTS", "Event", "SimulatedEarth"]
_LAZY = {"EVENTS": "events", "Event": "events", "SimulatedEarth": "source"}


def __getattr__(name: str) -> Any:
    """The package's names on first use: `calendar` (covers and acquisition dates, for validation)
    is importable without the pixel machinery (Dask, xarray, pandas)."""
    if name in _LAZY:
        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
