"""From place look-ups and coordinates to one tight area of interest for a product.

The gazetteer gives a bbox per place phrase; this module picks the specific ones (a city over
its country), joins places named together ("Porto Alegre and Canoas"), pads "around X",
shifts "east of X", halves "southern X", and keeps the area within what the collection's
resolution makes sensible (Sentinel-2 a few thousand km², Sentinel-5P a large region).
"""

from __future__ import annotations

import math
import re

from agent.planner.i18n import strip_accents
from agent.planner.vocabulary import is_field_scale
from agent.planner.intents import DEM, LST, NATIVE_M, OLCI, S1, S5P, WORLDCOVER, Intent
from agent.planner.parts import PartsAnswer, parts_bbox
from agent.planner.places import (
    BBox, Coordinates, PlaceHit, area_km2, at_least, clamp_area, pad_km, part, rounded, shift, union,
)

# (minimum side in km, maximum area in km²) per collection family
SIZES = {S5P: (60.0, 140_000.0), OLCI: (100.0, 180_000.0), LST: (40.0, 150_000.0), S1: (8.0, 2_800.0),
         DEM: (5.0, 2_800.0), WORLDCOVER: (4.0, 2_900.0)}
DEFAULT_SIZE = (4.0, 2_500.0)


def _centre(b: BBox) -> tuple[float, float]:
    return (b[0] + b[2]) / 2, (b[1] + b[3]) / 2


def _side_km(b: BBox) -> tuple[float, float]:
    w, s, e, n = b
    return abs(e - w) * 111.32 * math.cos(math.radians((s + n) / 2)), abs(n - s) * 110.57


def _km_between(a: BBox, b: BBox) -> float:
    (x1, y1), (x2, y2) = _centre(a), _centre(b)
    dx = (x2 - x1) * 111.32 * math.cos(math.radians((y1 + y2) / 2))
    return math.hypot(dx, (y2 - y1) * 110.57)


CONTAINER_RATIO = 10.0  # a feature this many times the area of one inside it is named to say which one
NAMESAKE_KM = 500.0  # a town this far beyond the region named with it is not the one meant


def _listed(text: str, a: PlaceHit, b: PlaceHit) -> bool:
    """Whether the text lists the two places side by side ("Rügen and Hiddensee", "Lazio e Umbria")."""
    x, y = (re.escape(h.name.split(",")[0].split()[-1]) for h in (a, b))
    joint = r"\W*\s(?:and|und|et|en|y|e|ed|og|och|i|&|/)\s+(?:\w+\s+){0,3}?"
    return bool(re.search(rf"{x}{joint}{y}|{y}{joint}{x}", text, re.I))


def choose_hits(hits: list[PlaceHit], text: str = "") -> list[PlaceHit]:
    """The specific places among the look-ups: small ones near the first small one; else the first."""
    small = [h for h in hits if not h.is_large]
    if not small:
        return hits[:1]
    # a town inside a region or feature named with it ("Abbeville dans la Somme", "Mansoura in the Nile Delta"):
    # the town is the place, the container only says which town
    towns = [h for h in small if h.kind.split(",")[0] in ("city", "town")]
    containers = [h for h in hits if h.kind.split(",")[0] not in ("city", "town")]
    water = _water_near_town(small, towns, text)
    if water is not None:
        return [water]
    inside = [t for t in towns if any(_contains(c.bbox, t.bbox) for c in containers)]
    if inside:
        small = inside + [t for t in towns if t not in inside and any(_km_between(t.bbox, i.bbox) <= 60 for i in inside)]
    elif towns and containers:
        # a town far outside every region named with it is a namesake abroad ("Sutherland, Scotland" found only
        # Sutherland, Australia): the region is the place, and the town is said to be left out
        near = [t for t in towns if any(_km_between(t.bbox, c.bbox) <= NAMESAKE_KM + max(_side_km(c.bbox)) for c in containers)]
        if not near:
            return containers[:1]
        small = near + [h for h in small if h not in towns]
    else:
        # a lake, island or park inside a region named with it ("Lake Trasimeno in Umbria"): the region only says which
        features = [h for h in small if not _is_region(h)]
        regions = [h for h in small if _is_region(h)]
        if features and regions:
            small = features + [r for r in regions if not any(_contains(r.bbox, f.bbox) for f in features)]
        # a gorge, lake or park on an island or in a range named with it ("the Samaria Gorge in western Crete",
        # "Lago di Braies in the Dolomites"): the much larger feature only says which one
        # (never two places listed together: "Rügen and Hiddensee")
        small = [h for h in small if not any(f is not h and _contains(h.bbox, f.bbox) and not _listed(text, h, f)
                                             and aoi_area(h.bbox) >= CONTAINER_RATIO * aoi_area(f.bbox) for f in small)]
    # "le nord du Québec autour de Chibougamau", "the farmland near Eldoret": the town the area is around is the
    # place, whichever was looked up first; what lies far from it is another place of that name
    anchor = _around(small, text) or small[0]
    return [h for h in small if _km_between(anchor.bbox, h.bbox) <= 150]


WATER_KINDS = ("lake", "salt lake", "lagoon", "reservoir", "bay", "estuary", "wetland")
WATER_MAX_KM2 = 5_000.0  # a water body up to this size is the area itself when a town near it only says which
# so is a landscape the gazetteer has as a feature (no admin region: its kind has no ", province"), up to this size:
# "the Langhe hills near Alba", "le Langhe intorno ad Alba", "the Wetterau around Friedberg"
LANDSCAPE_KINDS = ("region", "valley", "plain", "plateau", "delta", "wetland", "forest", "peninsula")
LANDSCAPE_MAX_KM2 = 3_000.0
# and so is a range, a mountain, a park or a glacier named first with a town near it as context: "the Sierra
# Nevada near Granada", "das Wettersteingebirge bei Garmisch" are the relief, not the town below it
RELIEF_KINDS = ("mountain range", "mountain", "national park", "glacier")
RELIEF_MAX_KM2 = 20_000.0
SHORE_KM = 25.0  # a town "near" a lake may lie this far beyond its box (Sehwan is 18 km east of Manchar Lake)


def _water_near_town(small: list[PlaceHit], towns: list[PlaceHit], text: str) -> PlaceHit | None:
    """"NDWI for the Markermeer near Lelystad", "le lac du Bourget près d'Aix-les-Bains": a lake (lagoon, bay,
    wetland) named first and then a town it is near, the town at or near its shore: the water is the area, the town
    only says which; so does a small landscape ("the Langhe hills near Alba"). A town named first ("Lelystad on the
    Markermeer") or a lake too large for one area ("Lake Victoria near Kisumu") keeps the town."""
    if not text or not towns:
        return None
    low = strip_accents(text).lower()
    for w in small:
        kind = w.kind.split(",")[0].strip()
        if not (kind in WATER_KINDS and aoi_area(w.bbox) <= WATER_MAX_KM2
                or kind == w.kind and kind in LANDSCAPE_KINDS and aoi_area(w.bbox) <= LANDSCAPE_MAX_KM2
                or kind in RELIEF_KINDS and aoi_area(w.bbox) <= RELIEF_MAX_KM2):
            continue
        at = low.find(strip_accents(w.name.split(",")[0].strip()).lower())
        for t in towns:
            if at < 0 and small.index(w) < small.index(t):
                # found by another of its names ("Dolomiti di Brenta" is the Brenta Dolomites): asked for first
                at = 0
            town = re.escape(strip_accents(t.name.split(",")[0].strip()).lower())
            near = re.search(_AROUND + r"\s*(?:the\s+|la\s+|le\s+|l')?" + town + r"(?![a-z])", low)
            if at >= 0 and near and at < near.start() and (
                    _contains(w.bbox, t.bbox) or _km_between(w.bbox, t.bbox) <= max(_side_km(w.bbox)) / 2 + SHORE_KM):
                return w
    return None


# "around", "near" in the six languages (the raw request or its English reading)
_AROUND = (r"(?:around|near|close to|autour d[e']|aux alentours d[e']|pres d[e']|um|bei|nahe|in der nahe von|rond|bij|"
           r"in de buurt van|nabij|alrededor de|cerca de|en torno a|intorno ad?|attorno ad?|vicino ad?|nei pressi di)")


def _around(hits: list[PlaceHit], text: str) -> PlaceHit | None:
    """The one town the text says the area is around or near, when it names exactly one that way."""
    if not text or len(hits) < 2:
        return None
    low = strip_accents(text).lower()
    found = [h for h in hits if h.kind.split(",")[0] in ("city", "town") and re.search(
        _AROUND + r"\s*(?:the\s+|la\s+|le\s+|l')?" + re.escape(strip_accents(h.name.split(",")[0].strip()).lower())
        + r"(?![a-z])", low)]
    return found[0] if len(found) == 1 else None


def _is_region(h: PlaceHit) -> bool:
    return h.kind.split(",")[0].strip() in ("region", "state", "admin1", "admin2", "province", "county", "country")


def _contains(outer: BBox, inner: BBox) -> bool:
    cx, cy = _centre(inner)
    return outer[0] - 0.1 <= cx <= outer[2] + 0.1 and outer[1] - 0.1 <= cy <= outer[3] + 0.1


def _direction_of(text: str, name: str) -> tuple[str | None, str | None]:
    """("shift"|"part", direction) when the text says 'east of X' or 'southern X' / 'X south'."""
    low = strip_accents(text).lower()
    first = strip_accents(name.split(",")[0].strip()).lower()
    for d in ("north", "south", "east", "west"):
        if re.search(rf"\b{d}(?:-?east|-?west)?\s+of\s+(?:the\s+)?{re.escape(first)}", low):
            return "shift", d
        if re.search(rf"(?<![a-z])(?:{_SHIFT_OF[d]})\s+(?:(?:der|dem|des|la|le|les|el|il|lo|de|het)\s+|l')?"
                     rf"{re.escape(first)}", low):
            return "shift", d
        if re.search(rf"\b{d}ern\s+(?:part of\s+)?{re.escape(first)}|\b{re.escape(first)}\s+{d}\b", low):
            return "part", d
        # "the western basin of Lake Erie", "the east end of Long Island", "the north shore of the lake"
        if re.search(rf"\b{d}(?:ern)?\s+{_PART_NOUN}\s+of\s+(?:the\s+)?{re.escape(first)}", low):
            return "part", d
    for d, pattern in _PART_OF.items():
        # "Westteil des Bodensees", "la partie ouest du lac", "la parte occidental del embalse", "het westelijk deel
        # van": the name follows in the request's language, which the gazetteer's name need not be
        if pattern.search(low):
            return "part", d
    return None, None


_PART_NOUN = r"(?:part|half|basin|side|shore|end|portion|section|sector|arm|reaches|corner)"
# "south of X" in German, French, Spanish, Italian and Dutch (accents stripped): the area next to X that way
_SHIFT_OF = {
    "north": r"nordlich(?:\s+(?:von|vom))?|au nord (?:de|du|d')|al norte de|a nord di|ten noorden van|noordelijk van",
    "south": r"sudlich(?:\s+(?:von|vom))?|au sud (?:de|du|d')|al sur de|a sud di|ten zuiden van|zuidelijk van",
    "east": r"ostlich(?:\s+(?:von|vom))?|a l'est (?:de|du|d')|al este de|a est di|ten oosten van|oostelijk van",
    "west": r"westlich(?:\s+(?:von|vom))?|a l'ouest (?:de|du|d')|al oeste de|a ovest di|ten westen van|westelijk van",
}
# a compass part of a place in German, French, Spanish, Italian, Portuguese and Dutch (accents stripped)
_COMPASS = {"north": ("nord", "nord", "norte|septentrional", "nord|settentrionale", "noord"),
            "south": ("sud", "sud|meridionale?", "sur|meridional", "sud|meridionale", "zuid"),
            "east": ("ost", "est|orientale?", "este|oriental", "est|orientale", "oost"),
            "west": ("west", "ouest|occidentale?", "oeste|occidental", "ovest|occidentale", "west")}
_PART_OF = {
    d: re.compile(
        rf"\b(?:{de}(?:teil|halfte|seite|ufer|becken|hälfte)|{de}liche[nrs]?\s+(?:teil|halfte|seite|ufer|becken))\b"
        rf"|\b(?:partie|moitie|bassin|rive|cote|secteur)\s+(?:{fr})\b"
        rf"|\b(?:parte|zona|cuenca|mitad|sector|lado|costa|bacino|meta|riva|sponda|metade)\s+(?:{es}|{it})\b"
        rf"|\b{nl}elijke?\s+(?:deel|helft|bekken|kant|oever)\b|\b{nl}(?:kant|deel|helft|oever)\b")
    for d, (de, fr, es, it, nl) in _COMPASS.items()
}


SERIES_REGION_MIN_KM = 10.0  # a series over one bounded region: its box grown to at least this (two 5.5 km pixels)


def _one_bounded_region(hits: list[PlaceHit], text: str) -> bool:
    chosen = choose_hits(hits, text) if hits else []
    return (len(chosen) == 1 and chosen[0].kind.split(",")[0].strip() in BOUNDED_KINDS
            and _direction_of(text, chosen[0].name)[0] is None)


FIELD_KM2 = 5.0  # the largest box for one field named only by the town it is near
FIELD_PAD_KM = 1.0  # around a point given for one field
FIRE_PAD_KM = 6.0  # around the town a wildfire is named after


def build_aoi(intent: Intent, text: str, hits: list[PlaceHit], coords: Coordinates | None,
              inherited: BBox | None = None, zoom: str | None = None) -> BBox | None:
    min_km, max_km2 = SIZES.get(intent.collection, DEFAULT_SIZE)
    field = _field_scale(intent, text, hits, coords, inherited)
    if field:
        min_km, max_km2 = min(min_km, 2.0), FIELD_KM2
    if coords is not None:
        box = coords.bbox
        if coords.kind == "point" and not coords.radius_m:
            box = pad_km(box, FIELD_PAD_KM if field else 2.0 if intent.collection not in SIZES else min_km / 2)
            box = at_least(box, 0.5)
        else:  # the box, polygons or circle the user gave are the area: neither grown nor shrunk
            return rounded(at_least(box, 0.05))
    elif inherited is not None:
        box = inherited
    elif hits:
        chosen = choose_hits(hits, text)
        box = union([h.bbox for h in chosen])
        if len(chosen) == 1:
            how, d = _direction_of(text, chosen[0].name)
            if how == "shift" and d:
                box = shift(at_least(box, min(min_km, 60)), d)
            elif how == "part" and d and d != zoom:  # "the eastern part of": the zoom halves it once, not twice
                box = part(box, d)
        low = text.lower()
        fire = intent.index == "NBR" and intent.change
        if fire and not field and all(h.kind.split(",")[0] in ("city", "town") for h in chosen):
            # a wildfire is named after the commune, and burns the forest around it
            box = pad_km(box, FIRE_PAD_KM)
        elif not field and re.search(r"\b(around|near|outside|surrounding|surroundings|vicinity|environs|autour|um|rond|cerca|"
                                     r"alrededor|alrededores|umgebung|umland|omgeving|omstreken|dintorni|intorno|abords)\b", low):
            # around a small town the fields reach further out than around a city
            small = max(_side_km(box)) < 10.0
            box = pad_km(box, (10.0 if small else 5.0) if intent.collection not in (S5P, OLCI, LST) else 20.0)
    else:
        return None
    if zoom:
        box = part(box, zoom)
    if intent.timeseries and coords is None and inherited is None and not zoom and _one_bounded_region(hits, text):
        # a series averaged over a region ("NO2 over NUTS-2 region BE10") is the mean over the region itself: its
        # box is not grown to the map's usual size, which averaged 3,600 km² around the 160 km² of Brussels
        min_km = min(min_km, SERIES_REGION_MIN_KM)
    box = at_least(box, min_km)
    box = clamp_area(box, max_km2)
    return rounded(box)


# kinds of place with a boundary that a user naming them means whole
BOUNDED_KINDS = {"region", "state", "admin1", "admin2", "province", "county", "national park", "district"}


def _field_scale(intent: Intent, text: str, hits: list[PlaceHit], coords: Coordinates | None,
                 inherited: BBox | None) -> bool:
    """One field near a town, at a point or somewhere in a region ('mein Acker bei Uelzen', 'my field in
    Dordogne'); in a land-cover request about a bounded region the field word is a class ('Anteil von Wald, Acker
    und bebauter Fläche im Landkreis Göttingen' was cut to 5 km² of the district's seat)."""
    if not is_field_scale(text):
        return False
    if intent.collection != WORLDCOVER or coords is not None or inherited is not None or not hits:
        return True
    return not all(h.kind.split(",")[0].strip() in BOUNDED_KINDS for h in choose_hits(hits, text))
# a clamp to the collection's area that keeps at least this share of the region's box is kept; below it (Graubünden
# 18 %, Dordogne 17 %) the centre no longer stands for the region
CLAMP_KEEPS_ENOUGH = 0.25


def whole_named_area(intent: Intent, text: str, hits: list[PlaceHit], coords: Coordinates | None,
                     inherited: BBox | None = None, zoom: str | None = None) -> tuple[BBox, float | None] | None:
    """One named area with a boundary (a canton, province, département, county, national park) larger than the
    collection's usual area: its whole box and the coarser read resolution that keeps it within the pixel
    budget, instead of a clamp to its centre that silently cut off the rest ("Kanton Graubünden" lost Chur).
    None when the area is not one such place (a town, a country; a range, delta or island, whose extent is
    loose and whose centre stands for it), or when even the coarsest useful read could not hold it."""
    if coords is not None or inherited is not None or zoom or not hits or _field_scale(intent, text, hits, coords, inherited):
        return None
    chosen = choose_hits(hits, text)
    if len(chosen) != 1 or chosen[0].kind.split(",")[0].strip() not in BOUNDED_KINDS:
        return None
    hit = chosen[0]
    if _direction_of(text, hit.name)[0] is not None:
        return None
    _, max_km2 = SIZES.get(intent.collection, DEFAULT_SIZE)
    if max_km2 >= CLAMP_KEEPS_ENOUGH * area_km2(hit.bbox):
        return None  # a clamp that keeps a good part of the region's box still maps the region (An Giang: 36 %)
    box, res = budget_extent(hit.bbox, intent.collection)
    return None if too_wide(box, res, intent.collection) else (box, res)


def aoi_area(box: BBox) -> float:
    return area_km2(box)


def zones_extent(parts: PartsAnswer, fallback: BBox, collection: str | None) -> tuple[BBox, float | None]:
    """The load extent for one row per part: the box around all parts, and the read resolution (m)
    that keeps it within the pixel budget the planner allows a collection at its native resolution
    (None: native). Bayern's 70,000 km² are read at about 60 m instead of clamped to 2,500 km²."""
    return budget_extent(parts_bbox(parts) or fallback, collection, grow=False)


COARSEST_SHARE = 8.0  # a read at most 8x coarser than native (Sentinel-2 at 80 m) still answers the request
WIDEST_SHARE = 25.0  # a collection read at its own resolution: at most 25x its usual largest area


def budget_extent(box: BBox, collection: str | None, grow: bool = True) -> tuple[BBox, float | None]:
    """A box that must be covered whole (a span between two places, places compared), and the read
    resolution (m) that keeps it within the collection's pixel budget (None: native)."""
    min_km, max_km2 = SIZES.get(collection or "", DEFAULT_SIZE)
    box = at_least(box, min_km) if grow else box
    native = NATIVE_M.get(collection or "")
    area = area_km2(box)
    if native is None or area <= max_km2:
        return rounded(box), None
    return rounded(box), float(math.ceil(native * math.sqrt(area / max_km2) / 10.0) * 10)


def too_wide(box: BBox, read_resolution_m: float | None, collection: str | None) -> bool:
    """Whether one load over `box` would be too coarse (or too large) to answer at all."""
    native = NATIVE_M.get(collection or "")
    if native is not None:
        return read_resolution_m is not None and read_resolution_m > COARSEST_SHARE * native
    _, max_km2 = SIZES.get(collection or "", DEFAULT_SIZE)
    return area_km2(box) > WIDEST_SHARE * max_km2
