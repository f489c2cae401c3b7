"""The embedded backend's collection catalog (CDSE ids, bands, units, scales) and its STAC rendering."""

from backend.catalog.collections import load_catalog

__all__ = ["load_catalog"]
