"""Products named by name: the embedded backend's derived collections a request asks for (PROBA-V, WorldCereal) and
the products it does not have (Copernicus DEM GLO-90, Landsat 4/5/7, MODIS, CORINE, ERA5, SRTM, ...), with the
nearest collection that it has (backend/catalog/collections.yaml lists them).

A product that is not there is never swapped silently: the planner says so in the request's language and names
the nearest collection it uses or offers instead. Reads normalised text (`i18n.normalize`)."""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel

PROBAV = "PROBAV_L3_S5_TOC_100M"
PROBAV_WORDS = re.compile(r"(?<![a-z0-9])(?:proba[- ]?v|probav)(?![a-z0-9])")

# the Global Flood Monitoring product (GloFAS GFM, Copernicus EMS): its observed flood extent, by name
GFM = "GFM"
GFM_WORDS = re.compile(r"(?<![a-z0-9])(?:gfm|global flood monitoring|glofas[- ]gfm)(?![a-z0-9])")

# WorldCereal's products by their words (normalised: "Wintergetreide", "céréales d'hiver", "maïs" are English)
WORLDCEREAL_WORDS = re.compile(r"(?<![a-z])world[- ]?cereal(?![a-z])")
_WORLDCEREAL_PRODUCTS = [
    (r"maize|corn|maïs|maiz", "ESA_WORLDCEREAL_MAIZE"),
    (r"winter[- ]?cereals?|winter[- ]?wheat|winterweizen", "ESA_WORLDCEREAL_WINTERCEREALS"),
    (r"spring[- ]?cereals?|spring[- ]?wheat", "ESA_WORLDCEREAL_SPRINGCEREALS"),
    (r"irrigat\w*|irrigation", "ESA_WORLDCEREAL_IRRIGATION"),
    (r"active[- ]?cropland|actively cultivated|cultivated", "ESA_WORLDCEREAL_ACTIVECROPLAND"),
]


def worldcereal_collection(text: str) -> str | None:
    """The WorldCereal collection a request names ("WorldCereal maize map" -> ESA_WORLDCEREAL_MAIZE); the temporary
    crops map when it names no crop; None without the word WorldCereal."""
    if not WORLDCEREAL_WORDS.search(text):
        return None
    return next((c for p, c in _WORLDCEREAL_PRODUCTS if re.search(r"(?<![a-z])(?:" + p + r")", text)),
                "ESA_WORLDCEREAL_TEMPORARYCROPS")


class MissingProduct(BaseModel):
    """A product the request names that the backend lacks, and the nearest one it has (None: none near enough)."""

    named: str  # as a user would write it ("Copernicus DEM GLO-90", "Landsat 7")
    nearest: str | None = None  # a collection id of the catalog
    nearest_title: str = ""  # what the nearest is, in a few words (English: data words, not sentences)


# (pattern, named, nearest, what the nearest is); the nearest depends on the quantity, decided by the caller when
# several fit (MODIS NDVI -> Sentinel-2, MODIS LST -> Sentinel-3)
_MISSING = [
    (r"(?:glo[- ]?90|copernicus[_ ]90|cop[- ]?dem[- ]?90|dem[- ]?(?:glo[- ]?)?90|90[- ]?m(?:etres?|eters?)?\s+(?:dem|elevation model)"
     r"|dem\s+90\s*m)", "Copernicus DEM GLO-90", "COPERNICUS_30", "Copernicus DEM GLO-30, 30 m"),
    (r"srtm", "SRTM", "COPERNICUS_30", "Copernicus DEM GLO-30, 30 m"),
    (r"aster[- ]?(?:g?dem)", "ASTER GDEM", "COPERNICUS_30", "Copernicus DEM GLO-30, 30 m"),
    (r"landsat[- ]?[457](?![0-9])|etm\+", "Landsat {n}", "LANDSAT8_L2", "Landsat 8-9 Collection 2 Level-2, since 2013"),
    (r"modis", "MODIS", None, ""),
    (r"corine", "CORINE Land Cover", "ESA_WORLDCOVER_10M_2021_V2", "ESA WorldCover 2021, 10 m"),
    (r"era5|era-5", "ERA5", None, ""),
    (r"viirs", "VIIRS", None, ""),
    (r"planet(?:scope)?|spot[- ]?[67]|pleiades|pléiades|worldview", "{m}", "SENTINEL2_L2A",
     "Sentinel-2 Level-2A, 10 m"),
    (r"alos|palsar", "ALOS PALSAR", "SENTINEL1_GRD", "Sentinel-1 GRD C-band radar"),
    (r"pm\s?2[.,]5|pm\s?10|feinstaub\w*|particules? fines|particulate matter|part[íi]culas finas|particolato|polveri sottili|"
     r"fijnstof", "PM2.5/PM10", "SENTINEL_5P_L2", "Sentinel-5P UV aerosol index (AER_AI_354_388)"),
    (r"worldcover\s*(?:20(?:1\d|2[2-9]))|(?:20(?:1\d|2[2-9]))\s*worldcover", "ESA WorldCover {y}",
     "ESA_WORLDCOVER_10M_2021_V2", "ESA WorldCover 2020/2021, 10 m"),
]
_NEAREST_BY_QUANTITY = {  # MODIS, ERA5, VIIRS: the nearest by what is asked for
    "lst": ("SENTINEL3_SLSTR_L2_LST", "Sentinel-3 SLSTR LST, 1 km, daily"),
    "atmosphere": ("SENTINEL_5P_L2", "Sentinel-5P TROPOMI, about 5.5 km, daily"),
    "rgb": ("SENTINEL3_OLCI_L1B", "Sentinel-3 OLCI, 300 m, daily"),
    "landcover": ("ESA_WORLDCOVER_10M_2021_V2", "ESA WorldCover 2021, 10 m"),
    "temperature": ("SENTINEL3_SLSTR_L2_LST", "Sentinel-3 SLSTR LST, 1 km, daily"),
    "": ("SENTINEL2_L2A", "Sentinel-2 Level-2A, 10 m"),
}


def missing_product(text: str, task: str = "") -> MissingProduct | None:
    """The first product the request names that the backend lacks, with the nearest collection for the task."""
    for pattern, named, nearest, title in _MISSING:
        m = re.search(r"(?<![a-z0-9])(?:" + pattern + r")(?![a-z0-9])", text)
        if not m:
            continue
        found = m.group(0)
        digits = re.findall(r"\d", found)
        name = named.format(n="".join(digits[:1]) or "7", m=found.upper(), y="".join(re.findall(r"20\d\d", found)))
        if nearest is None:
            key = task if task in _NEAREST_BY_QUANTITY else (
                "temperature" if re.search(r"temperatur\w*|temp[ée]rature", text) else "")
            nearest, title = _NEAREST_BY_QUANTITY[key]
        return MissingProduct(named=name, nearest=nearest, nearest_title=title)
    return None


# the time each time-varying collection covers (backend/catalog/collections.yaml's temporal_extent; None: ongoing);
# static maps (DEM, WorldCover, WorldCereal) are left out: their one time step is read whatever the window
RECORDS: dict[str, tuple[date, date | None]] = {
    "SENTINEL2_L2A": (date(2015, 7, 4), None),
    "SENTINEL2_L1C": (date(2015, 6, 27), None),
    "SENTINEL1_GRD": (date(2014, 10, 3), None),
    "SENTINEL3_SLSTR_L2_LST": (date(2016, 4, 19), None),
    "SENTINEL3_OLCI_L1B": (date(2016, 4, 17), None),
    "SENTINEL_5P_L2": (date(2018, 4, 30), None),
    "LANDSAT8_L2": (date(2013, 3, 18), None),
    PROBAV: (date(2013, 10, 16), date(2020, 6, 30)),
    "GFM": (date(2015, 1, 1), None),
}


def outside_record(collection: str, start: date, end: date) -> tuple[date, date | None] | None:
    """The collection's record when the window [start, end) lies wholly outside it (the result would be empty)."""
    record = RECORDS.get(collection)
    if record is None:
        return None
    first, last = record
    if end <= first or (last is not None and start > last):
        return record
    return None
