"""Explicit coordinates in a request: points, boxes and polygons, in any common notation and CRS.

`find_coordinates(text)` returns `Coordinates` in EPSG:4326 (lon, lat), or None. Notations read:
- labelled ranges: "lon 12.40–12.45, lat 41.85–41.90", "lat 44.30–44.40, lon 11.80–11.95";
- hemisphere ranges: "10.1–10.6 E, 53.4–53.7 N", "50.70–50.80 N, 7.05–7.20 E";
- labelled sides: "bbox W 2.1 S 48.7 E 2.5 N 49.0", "west=4.6 south=50.8 east=4.8 north=50.9";
- bbox lists: "bbox=[4.8, 52.3, 5.0, 52.4]", "bbox [w, s, e, n]";
- projected boxes: "EPSG:3857 x 1000000–1020000, y 6500000–6520000", "UTM 32N x 680000 to 700000,
  y 5330000 to 5350000", "(EPSG:25832) 560000,5920000,580000,5940000";
- points: "0.33° S, 36.10° E", "47°15'30\"N, 11°23'40\"E", "50°52.8'N 4°42.0'E", "lat 37.38, lon -5.99",
  "(52.37, 4.90) in lat/lon";
- polygons: three or more "(x, y)" pairs; several fields separated by ";" or "field B"; WKT POLYGON; GeoJSON
  Polygon/MultiPolygon "coordinates" (and GeoJSON/WKT points);
- words and letters of six languages: "Breite/Länge", "breedtegraad/lengtegraad", "Nord=…, Ost=…", "min_lon=…",
  "between 4.2°E and 4.5°E", "4,25–4,50 O" (Ost/Oost; ouest/oeste in French/Spanish), Z/ZB (zuid), NB/OL,
  "westl. Länge", prefixed "N 48°51.400' E 002°21.050'";
- projected CRSs by code or by name: UTM (ETRS89 too), LAEA, Web Mercator, Lambert-93/72, RD, Gauß-Krüger,
  British National Grid, LV95/LV03;
- a point's radius ("radius 5 km", "im Umkreis von 3 km", "dans un rayon de 2 km") makes the circle's box.
Order: what the text says (labels, hemispheres, "lon/lat", "lat/lon") wins; without a statement, a
value beyond ±90 is a longitude; a bare pair is read as "lat, lon" (points) and as GeoJSON's
"lon, lat" (polygons), and `Coordinates.order_guessed` says so, so the answer can state it.
"""

from __future__ import annotations

import math
import re

from pydantic import BaseModel

from agent.planner.i18n import request_language, unify

BBox = tuple[float, float, float, float]
N = r"(-?\d{1,3}(?:[.,]\d+)?)"
BIG = r"(-?\d{4,8}(?:\.\d+)?)"
RANGE_SEP = r"\s*(?:-|–|to|bis|à|a|tot|hasta|until|and|\.\.)\s*"


class Coordinates(BaseModel):
    kind: str  # "point" | "bbox" | "polygon"
    bbox: BBox
    polygon: list[tuple[float, float]] | None = None  # the first ring (lon, lat), closed
    polygons: list[list[tuple[float, float]]] | None = None  # every ring when several fields are given
    point: tuple[float, float] | None = None
    crs: int | None = None  # the CRS the text gave, when not EPSG:4326
    order_guessed: bool = False
    radius_m: float | None = None  # a point's radius ("radius 5 km", "im Umkreis von 3 km"): bbox is then the circle's


def _f(v: str) -> float:
    return float(v.replace(",", "."))


def _box(w: float, s: float, e: float, n: float, crs: int | None = None) -> Coordinates:
    w, e = min(w, e), max(w, e)
    s, n = min(s, n), max(s, n)
    return Coordinates(kind="bbox", bbox=(w, s, e, n), crs=crs)


def _point(lon: float, lat: float, guessed: bool = False) -> Coordinates:
    return Coordinates(kind="point", bbox=(lon, lat, lon, lat), point=(lon, lat), order_guessed=guessed)


def _valid(c: Coordinates | None) -> Coordinates | None:
    if c is None:
        return None
    w, s, e, n = c.bbox
    return c if -180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= 90 and -90 <= n <= 90 else None


# --- CRS ----------------------------------------------------------------------------------------

def text_crs(t: str) -> int | None:
    """The EPSG code a request names for its coordinates ("EPSG:3857", "UTM 32N", "Lambert-93", "RD",
    "ETRS89/UTM32", "Gauß-Krüger Zone 3", "British National Grid", "Lambert 72", "LV95")."""
    m = re.search(r"epsg\s*[:=]?\s*(\d{4,5})", t, re.I)
    if m:
        return int(m.group(1))
    etrs = re.search(r"\betrs\s*-?\s*89\b", t, re.I)
    m = re.search(r"\butm(?:\s*zone)?\s*(\d{1,2})\s*([ns])\b", t, re.I)
    if m:
        south = m.group(2).lower() == "s"
        return (25800 if etrs and not south else 32700 if south else 32600) + int(m.group(1))
    # a zone without its hemisphere letter ("ETRS89/UTM32", "UTM32 (ETRS89)", "UTM 33"): the northern one
    m = re.search(r"\butm(?:\s*zone)?\s*(\d{1,2})(?![\d.,])", t, re.I)
    if m and 1 <= int(m.group(1)) <= 60:
        return (25800 if etrs else 32600) + int(m.group(1))
    if re.search(r"gau(?:ß|ss)[\s-]*kr(?:ü|ue|u)ger|\bdhdn\b|\bgk\s*[2-5]\b", t, re.I):
        # DHDN / Gauß-Krüger zones 2-5 (EPSG:31466-31469): the zone named, else the first digit of the Rechtswert
        z = re.search(r"\b(?:gk|zone|streifen)\s*([2-5])\b", t, re.I) or re.search(r"(?<![\d.,])([2-5])\d{6}(?![\d])", t)
        return 31464 + (int(z.group(1)) if z else 3)
    if re.search(r"lambert[\s-]*93", t, re.I):
        return 2154
    if re.search(r"lambert[\s-]*72|belgian lambert|belge\s*72", t, re.I):
        return 31370
    if re.search(r"\blv\s*95\b|ch1903\+", t, re.I):
        return 2056
    if re.search(r"\blv\s*03\b|\bch1903\b", t, re.I):
        return 21781
    if re.search(r"\b(rd new|rijksdriehoek|amersfoort)\b", t, re.I) or re.search(r"\bRD(?![a-z])", t):
        return 28992
    if re.search(r"british national grid|\bbng\b|\bosgb(?:\s*36)?\b|ordnance survey", t, re.I):
        return 27700
    if re.search(r"web\s*mercator|pseudo-mercator", t, re.I):
        return 3857
    return None


def to_wgs84(box: BBox, crs: int) -> BBox:
    from pyproj import Transformer

    tr = Transformer.from_crs(f"EPSG:{crs}", "EPSG:4326", always_xy=True)
    w, s, e, n = box
    xs, ys = tr.transform([w, e, w, e, (w + e) / 2], [s, s, n, n, (s + n) / 2])
    return (round(min(xs), 5), round(min(ys), 5), round(max(xs), 5), round(max(ys), 5))


# the axis a projected range is labelled with: "x", "E", "Easting", "Rechtswert", "Ost" / "y", "N", "Northing", "Hochwert"
X_AXIS = r"(?:[xX]|E|[Ee]astings?|[Rr]echtswert|[Oo]stwert|[Oo]st|[Ee]st)"
Y_AXIS = r"(?:[yY]|N|[Nn]orthings?|[Hh]ochwert|[Nn]ordwert|[Nn]ord)"
AXIS_RANGE = re.compile(r"(?<![\w-])(?P<axis>" + X_AXIS + "|" + Y_AXIS + r")\s*[=:]?\s*" + BIG + RANGE_SEP + BIG
                        + r"(?!\d)")


def _axis_ranges(t: str) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """The easting and northing ranges of a projected box, in either order and any common labelling."""
    xs: tuple[float, float] | None = None
    ys: tuple[float, float] | None = None
    for m in AXIS_RANGE.finditer(t):
        a, b = float(m.group(2)), float(m.group(3))
        if m.group("axis") in ("E", "N") and all(1900 <= v <= 2100 for v in (a, b)):
            continue  # "N 2020–2023" is a span of years, not metres
        if re.fullmatch(X_AXIS, m.group("axis")):
            xs = xs or (a, b)
        else:
            ys = ys or (a, b)
    return (xs, ys) if xs and ys else None


# metres written in groups of three digits: "1 490 000", "1 490 000", "2'600'000" (Swiss), "1.490.000"
GROUPED = re.compile(r"(?<![\d.,'’])(\d{1,3})((?:([ \u00a0\u202f'’])\d{3})(?:\3\d{3})*)(?![\d])|"
                     r"(?<![\d.,])(\d{1,3})((?:\.\d{3}){2,})(?![\d]|[.,]\d)")


def ungroup(t: str) -> str:
    """Projected coordinates with thousands separators written as one number ("x 1 490 000 bis 1 520 000")."""
    return GROUPED.sub(lambda m: re.sub(r"\D", "", m.group(0)), t)


def _projected(t: str) -> Coordinates | None:
    crs = text_crs(t)
    if crs is None or crs == 4326:
        return None
    t = ungroup(t)
    ranges = _axis_ranges(t)
    if ranges:
        (x1, x2), (y1, y2) = ranges
    else:
        m = re.search(BIG + r"\s*,\s*" + BIG + r"\s*,\s*" + BIG + r"\s*,\s*" + BIG, t)
        # "600000 5800000 610000 5810000 EPSG:32631": four metre values apart by spaces or semicolons (five digits
        # or more each, so that years are never one)
        m = m or re.search(r"(?<![\d.])" + r"[\s;]+".join([r"(-?\d{5,8}(?:\.\d+)?)"] * 4) + r"(?![\d.])", t)
        if not m:
            return None
        x1, y1, x2, y2 = (float(v) for v in m.groups())
    zone = crs % 100 if 25801 <= crs <= 25860 or 32601 <= crs <= 32660 or 32701 <= crs <= 32760 else None
    if zone and all(zone * 1e6 <= x < (zone + 1) * 1e6 for x in (x1, x2)):
        # eastings written with their zone in front (German ALKIS style: "32560000" is 560000 in zone 32)
        x1, x2 = x1 - zone * 1e6, x2 - zone * 1e6
    box = to_wgs84((min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)), crs)
    return Coordinates(kind="bbox", bbox=box, crs=crs)


# --- degrees --------------------------------------------------------------------------------------

# a hemisphere letter: N/S/E/W, O (Ost, Oost / ouest, oeste), Z (zuid), and the Dutch NB/ZB/OL/WL
# (noorderbreedte, zuiderbreedte, oosterlengte, westerlengte)
HEMI_LETTER = r"(?:NB|ZB|OL|WL|[NSEWOZ])(?![a-zA-Z]|-[A-Za-z])"  # not the N of "N-S transects", "E-W"
HEMI_OF = {"NB": "N", "ZB": "S", "OL": "E", "WL": "W"}
DMS = r"(\d{1,3})\s*°\s*(?:(\d{1,2}(?:[.,]\d+)?)\s*['′’]\s*)?(?:(\d{1,2}(?:[.,]\d+)?)\s*(?:\"|″|''|”)\s*)?([NSEWO])\b"
# one value in degrees (and minutes, seconds), its hemisphere optional when a range shares it: "45°30'–45°45' N"
DMS_VALUE = re.compile(r"(?<![\d.,])(\d{1,3})\s*°\s*(?:(\d{1,2}(?:[.,]\d+)?)\s*['′’]\s*)?(?:(\d{1,2}(?:[.,]\d+)?)\s*(?:\"|″|''|”)\s*)?"
                       r"(" + HEMI_LETTER + r")?")

DMS_SEP = r"\s*(?:-|–|to|bis|à|a|al|tot|hasta|until|and|und|et|y|e|en|\.\.)\s*"


def _dms(t: str) -> Coordinates | None:
    """Points and boxes in degrees-minutes-seconds: "47°15'30\"N, 11°23'40\"E", "47°30′N–47°40′N, 19°00′E–19°15′E",
    "45°30'N 7°15'E to 45°45'N 7°40'E", "45°30'–45°45' N, 7°15'–7°40' E". Values are exact (no rounding
    beyond 1e-6 degree); a box is the range of its latitudes and longitudes, as given."""
    found = list(DMS_VALUE.finditer(t))
    if not any(m.group(4) for m in found):
        return None
    west_o = o_is_west(t, [HEMI_OF.get(m.group(4), m.group(4)) for m in found if m.group(4)])
    lats: list[float] = []
    lons: list[float] = []
    pending: list[float] = []  # values before the hemisphere they share ("45°30' - 45°45' N")
    for i, m in enumerate(found):
        d, mi, se, h = m.groups()
        h = HEMI_OF.get(h, h)
        v = int(d) + (_f(mi) / 60 if mi else 0) + (_f(se) / 3600 if se else 0)
        if not h:
            nxt = found[i + 1] if i + 1 < len(found) else None
            if nxt is not None and re.fullmatch(DMS_SEP, t[m.end():nxt.start()]):
                pending.append(v)
            continue
        for x in pending + [v]:
            if h in "NSZ":
                lats.append(-x if h in "SZ" else x)
            else:
                lons.append(-x if h == "W" or (h == "O" and west_o) else x)
        pending = []
    if len(lats) >= 2 and len(lons) >= 2:
        return _box(round(min(lons), 6), round(min(lats), 6), round(max(lons), 6), round(max(lats), 6))
    if lats and lons:
        return _point(round(lons[0], 6), round(lats[0], 6))
    return None


# a decimal value in degrees, its hemisphere letter optional when a range or "between ... and ..." shares it
# ("10.1–10.6 E", "4,25–4,50 O", "between 4.2°E and 4.5°E", "41,648°–41,483°W; 7,973°–7,811°Z")
HEMI_VALUE = re.compile(r"(?<![\w'′°])(?<!\d[.,])(\d{1,3}(?:[.,]\d+)?)(?!\d)(?![.,]\d)\s*°?\s*(" + HEMI_LETTER + r")?")
HEMI_SEP = r"\s*(?:-|/-?|to|bis|à|a|al|au|tot|hasta|until|and|und|et|en|y|e|\.\.)\s*"  # "/": "-9.33/-9.21 E, 53.62/53.72 N"


def o_is_west(t: str, letters: list[str]) -> bool:
    """'O' is Ost/Oost (east) next to a 'W', Ouest/Oeste/Ovest (west) next to an 'E'; alone, the request's
    language says which (French, Spanish, Italian: west; German, Dutch: east)."""
    if "W" in letters:
        return False
    if "E" in letters:
        return True
    return request_language(t) in ("fr", "es", "it")


def _signed(t: str, start: int) -> bool:
    """A minus written right before the value at t[start] as its sign ("12.37 N, -1.52 E"), not a range's dash
    ("10.1-10.6 E", "41,648°-41,483°W")."""
    if start == 0 or t[start - 1] != "-":
        return False
    before = t[:start - 1].rstrip()
    # after a separator or a word ("at -1.52 E", "lon: -1.52 E"); after a digit, a degree sign or a hemisphere
    # letter it joins a range ("49,00° N-49,10° N")
    return not before or bool(re.search(r"[,;:(\[/=]$|[A-Za-z]{2,}$", before))


def _hemisphere(t: str) -> Coordinates | None:
    """Decimal degrees with hemisphere letters (N/S, E/W, Dutch Z for zuid, O for Ost/Oost or ouest/oeste):
    two or more latitudes and longitudes are a box (their range), one of each a point."""
    found = list(HEMI_VALUE.finditer(t))
    letters = [HEMI_OF.get(m.group(2), m.group(2)) for m in found if m.group(2)]
    if not letters:
        return None
    west_o = o_is_west(t, letters)
    lats: list[float] = []
    lons: list[float] = []
    pending: list[float] = []  # values before the letter they share ("10.1–10.6 E", "between 4.2 and 4.5° E")
    for i, m in enumerate(found):
        v, h = _f(m.group(1)), HEMI_OF.get(m.group(2), m.group(2))
        if h and _signed(t, m.start(1)):
            # "12.37 N, -1.52 E": the minus the user wrote says the hemisphere the letter contradicts (west, south)
            h = {"N": "S", "E": "W", "O": "W" if not west_o else "O"}.get(h, h)
        if not h:
            nxt = found[i + 1] if i + 1 < len(found) else None
            joined = nxt is not None and re.fullmatch(HEMI_SEP, t[m.end():nxt.start()])
            pending = pending + [v] if joined else []
            continue
        for x in pending + [v]:
            if h in "NSZ":
                lats.append(-x if h in "SZ" else x)
            else:
                lons.append(-x if h == "W" or (h == "O" and west_o) else x)
        pending = []
    if len(lats) >= 2 and len(lons) >= 2:
        return _box(min(lons), min(lats), max(lons), max(lats))
    if len(lats) == 1 and len(lons) == 1:
        return _point(lons[0], lats[0])
    return None


# a value after its hemisphere letter, as GPS units and geocaching write it: "N 48.85", "N48°51.400'", "E 002°21'03\""
_PREFIXED = (r"(\d{1,3}(?:[.,]\d+)?)(?!\d)(?:\s*°\s*(?:(\d{1,2}(?:[.,]\d+)?)\s*['′’]\s*)?(?:(\d{1,2}(?:[.,]\d+)?)\s*"
             r"(?:\"|″|''|”)\s*)?)?")
PREFIXED_PAIR = re.compile(r"(?<![A-Za-z])(N|S|Z)\s*" + _PREFIXED + r"\s*[,;/]?\s*(?<![A-Za-z])(E|W|O)\s*" + _PREFIXED
                           + r"(?![\d.,]\d)(?!\s*[NSEWOZ](?![a-zA-Z]))")


def _prefixed(t: str) -> Coordinates | None:
    """Points (and the box of two or more) with the hemisphere letter before the value: "N 48.85 E 2.35",
    "N 48°51.400' E 002°21.050'", "S33.9, E18.4"; a letter after the value belongs to the hemisphere reader."""
    pts = []
    for m in PREFIXED_PAIR.finditer(t):
        h1, d1, m1, s1, h2, d2, m2, s2 = m.groups()
        if not all(re.search(r"[.,]", d) or mi for d, mi in ((d1, m1), (d2, m2))):
            continue  # "S1 E 10", "N 3": whole numbers after letters are sensors, bands and counts
        lat = _f(d1) + (_f(m1) / 60 if m1 else 0) + (_f(s1) / 3600 if s1 else 0)
        lon = _f(d2) + (_f(m2) / 60 if m2 else 0) + (_f(s2) / 3600 if s2 else 0)
        west = h2 == "W" or (h2 == "O" and o_is_west(t, [h1, h2]))
        pts.append((round(-lon if west else lon, 6), round(-lat if h1 in "SZ" else lat, 6)))
    if not pts:
        return None
    if len(pts) == 1:
        return _point(*pts[0])
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return _box(min(xs), min(ys), max(xs), max(ys))


# the names of a box's sides: letters, words in six languages, and min/max keys ("min_lon", "lat_max", "xmin", "minLat")
_MINMAX = r"(?:min|max)[_ ]?(?:lon|lng|long|lat|x|y)|(?:lon|lng|long|lat|x|y)[_ ]?(?:min|max)"
SIDE_WORDS = {
    "w": "w", "west": "w", "ouest": "w", "oeste": "w", "ovest": "w", "westen": "w",
    "s": "s", "south": "s", "sud": "s", "sur": "s", "süd": "s", "sued": "s", "zuid": "s", "z": "s", "süden": "s",
    "e": "e", "east": "e", "est": "e", "este": "e", "ost": "e", "oost": "e", "osten": "e",
    "n": "n", "north": "n", "nord": "n", "norte": "n", "noord": "n", "norden": "n",
}
SIDE = r"(" + _MINMAX + "|" + "|".join(sorted(SIDE_WORDS, key=len, reverse=True)) + r"|o)"


def side_of(word: str, has_w: bool = True) -> str | None:
    """'min_lon' -> 'w', 'lat_max' -> 'n', 'Süd' -> 's', 'O' -> 'e' when a 'W' is about (Oost, Ost), else 'w' (ouest)."""
    w = word.lower().replace(" ", "_")
    if w == "o":
        return "e" if has_w else "w"
    if w in SIDE_WORDS:
        return SIDE_WORDS[w]
    m = re.fullmatch(r"(min|max)_?(lon|lng|long|lat|x|y)|(lon|lng|long|lat|x|y)_?(min|max)", w)
    if not m:
        return None
    lo, axis = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    return {("min", True): "w", ("max", True): "e", ("min", False): "s", ("max", False): "n"}[
        (lo, axis in ("lon", "lng", "long", "x"))]


_HEADER = r"\(?\[?\s*" + r"\s*[,/ ]\s*".join([SIDE] * 4) + r"\s*\)?\]?"
_FOUR = r"\[?\(?\s*" + r"\s*[,; ]\s*".join([N] * 4) + r"(?![\d])\s*\)?\]?"
ORDER_HEADER = re.compile(r"(?<![a-z])" + _HEADER + r"\s*(?:=|:|is|are)?\s*" + _FOUR, re.I)
# the header after the numbers: "the box [134.66, -26.97, 137.13, -24.87] (W, S, E, N)"
ORDER_TRAILER = re.compile(_FOUR + r"\s*(?:in\s+)?" + _HEADER + r"(?![a-z])", re.I)


def _ordered_box(t: str) -> Coordinates | None:
    """Four numbers after (or before) the order of their sides: "bbox W,S,E,N = ...", "W/Z/O/N: ..." (Dutch),
    "O/S/E/N ..." (French ouest), "W/S/O/N ..." (German Ost), "S, W, N, E: ...",
    "(min_lat, min_lon, max_lat, max_lon) = (...)", "[...] (W, S, E, N)". An "O" is east when
    a "W" is in the header (Oost, Ost), else west (ouest, oeste)."""
    m = ORDER_HEADER.search(t)
    if m:
        names, values = m.groups()[:4], m.groups()[4:]
    else:
        m = ORDER_TRAILER.search(t)
        if not m:
            return None
        names, values = m.groups()[4:], m.groups()[:4]
    has_w = any(side_of(x) == "w" and x.lower() != "o" for x in names)
    sides = [side_of(x, has_w) for x in names]
    if sorted(s or "" for s in sides) != ["e", "n", "s", "w"]:
        return None
    v = dict(zip(sides, (_f(x) for x in values)))
    return _box(v["w"], v["s"], v["e"], v["n"])


# the words for longitude and latitude in the five languages (+ Italian), as labels of a range or a value
LON_LABEL = r"(?:lon|lng|long|longitude|longitud|longitudine|länge|längengrad|lengte|lengtegraad|oosterlengte|westerlengte)"
LAT_LABEL = r"(?:lat|latitude|latitud|latitudine|breite|breitengrad|breedte|breedtegraad|noorderbreedte|zuiderbreedte)"
# a range after its label may open with "from"/"between" and join its ends with "and" in any of the languages
RANGE_LEAD = r"(?:(?:from|between|von|zwischen|de|du|entre|van|tussen|del|da|tra|fra)\s+)?"
LABEL_RANGE_SEP = r"\s*°?\s*(?:-|to|bis|à|a|al|au|tot|hasta|until|and|und|et|en|y|e|\.\.)\s*"
# an optional hemisphere letter after a labelled range ("breite 47,2–47,5° n", "lat 33.4–33.1 s")
RANGE_HEMI = r"\s*°?\s*([nsewoz](?![a-z]))?"


# the words that make a labelled range western or southern: "westl. Länge", "south latitude", "longitude ouest",
# "latitud sur", and the Dutch compounds "westerlengte", "zuiderbreedte"
SIGN_BEFORE = r"(?:\b(westl\.?|westlicher|west(?:ern)?|südl\.?|südlicher|south(?:ern)?)\s+)?"
SIGN_AFTER = r"(?:\s+(ouest|oeste|ovest|west|sud|sur|süd|south)\b)?"


def _label_range(label: str, low: str) -> tuple[float, float] | None:
    m = re.search(SIGN_BEFORE + r"\b(" + label + r")" + SIGN_AFTER + r"\s*[=:]?\s*" + RANGE_LEAD + N + LABEL_RANGE_SEP + N
                  + r"(?!\d)" + RANGE_HEMI, low)
    if not m:
        return None
    a, b = _f(m.group(4)), _f(m.group(5))
    negative = m.group(1) or m.group(3) or m.group(2).startswith(("wester", "zuider")) or m.group(6) in ("s", "w", "z")
    if negative and a >= 0 and b >= 0:
        a, b = -a, -b
    return a, b


# an area word of six languages, or an openEO argument, before four numbers: "la zone 139.19, -35.52, 139.54, -35.28",
# "para la zona ...", "das Gebiet ...", "filter_bbox 4.45,51.16,4.70,51.22", "spatial_extent=[...]"; the four numbers in
# the west, south, east, north order of bbox lists, as openEO writes them
AREA_WORDS = (r"(?:the |la |le |das |het |el |l')?(?:area|zone|zona|gebiet|bereich|gebied|r[ée]gion|regi[óo]n|[áa]rea|"
              r"filter_bbox|spatial_extent|polygon|polygone|pol[íi]gono|poligono|veelhoek)")


def _labelled(t: str) -> Coordinates | None:
    low = t.lower()
    lon_r, lat_r = _label_range(LON_LABEL, low), _label_range(LAT_LABEL, low)
    if lon_r and lat_r:
        return _box(lon_r[0], lat_r[0], lon_r[1], lat_r[1])
    # keyed sides, in any order: "west=4.6 south=50.8 ...", "Nord=18.1, Ost=-94.4, ...", "lon_min=10.7; lat_max=49.4",
    # '"west": 124.3, "south": 4.6' (JSON); single letters only next to a box word or as "W 2.1 S 48.7 ..."
    sides: dict[str, float] = {}
    words = 0
    for m in re.finditer(r"(?<![\w-])" + SIDE + r"[\"']?\s*[=:]?\s*" + N + r"(?![\d])", low):
        key = side_of(m.group(1))
        if key and key not in sides:
            sides[key] = _f(m.group(2))
            words += len(m.group(1)) > 1
    if len(sides) == 4 and (words >= 3 or re.search(r"\b(bbox|box|extent|w\s*-?\d|west)", low)):
        return _box(sides["w"], sides["s"], sides["e"], sides["n"])
    # a box word of six languages before four numbers, in the west, south, east, north order of bbox lists
    m = re.search(r"(?<![a-z])(?:bbox|bounding box|extent|emprise|box|aoi|boîte|cadre|rechteck|kader|recuadro|rectángulo|"
                  r"riquadro|rettangolo|" + AREA_WORDS + r")[\"']?(?:\s*\(?(?:in\s+)?(?:lat\s*/\s*lon|lon\s*/\s*lat)"
                  r"(?:\s+order)?\)?)?\s*[=:]?\s*[\[(]?\s*" + r"\s*,\s*".join([N] * 4), low)
    if m and all(abs(_f(v)) <= 180 for v in m.groups()):
        w, s, e, n = (_f(v) for v in m.groups())
        if re.search(r"lat\s*/\s*lon|\[\s*s(?:outh)?\s*,\s*w", low):
            s, w, n, e = w, s, e, n
        return _box(w, s, e, n)
    joint = r"(?!\d)\s*°?\s*[,;]?\s*(?:(?:and|und|et|en|y|e)\s+)?"
    m = re.search(r"\b" + LAT_LABEL + r"\s*[=:]?\s*" + N + joint + LON_LABEL + r"\s*[=:]?\s*" + N, low)
    if m:
        return _point(_f(m.group(2)), _f(m.group(1)))
    m = re.search(r"\b" + LON_LABEL + r"\s*[=:]?\s*" + N + joint + LAT_LABEL + r"\s*[=:]?\s*" + N, low)
    if m:
        return _point(_f(m.group(1)), _f(m.group(2)))
    return None


PAIR = r"\(\s*(-?\d{1,3}\.\d+)\s*,\s*(-?\d{1,3}\.\d+)\s*\)"
# a ring pasted from GeoJSON or openEO code without its "coordinates" key: "[[5.05, 51.21], [5.10, 51.21], ...]"
BRACKET_PAIR = r"\[\s*(-?\d{1,3}\.\d+)\s*,\s*(-?\d{1,3}\.\d+)\s*\]"


def _order(t: str, pts: list[tuple[float, float]]) -> tuple[bool, bool]:
    """(lon first?, guessed?) for pairs."""
    low = t.lower()
    if re.search(r"lon\s*/\s*lat|\(?lon(?:gitude)?\s*,\s*lat(?:itude)?\)?|x\s*,\s*y\b", low):
        return True, False
    if re.search(r"lat\s*/\s*lon|\(?lat(?:itude)?\s*,\s*lon(?:gitude)?\)?", low):
        return False, False
    if any(abs(a) > 90 for a, _ in pts):
        return True, False
    if any(abs(b) > 90 for _, b in pts):
        return False, False
    return True, True


def _polygons(t: str) -> Coordinates | None:
    groups: list[list[tuple[float, float]]] = []
    for chunk in re.split(r";|\bfield\s+[b-z]\b|\bparcel\s+[b-z]\b|\bfeld\s+[b-z]\b", t, flags=re.I):
        pts = [(float(a), float(b)) for a, b in re.findall(PAIR, chunk)]
        if len(pts) < 3:
            pts = [(float(a), float(b)) for a, b in re.findall(BRACKET_PAIR, chunk)]
        if len(pts) >= 3:
            groups.append(pts)
    if not groups:
        return None
    lon_first, guessed = _order(t, [p for g in groups for p in g])
    rings = []
    for g in groups:
        g = g if lon_first else [(b, a) for a, b in g]
        rings.append(g + ([g[0]] if g[0] != g[-1] else []))
    xs = [p[0] for r in rings for p in r]
    ys = [p[1] for r in rings for p in r]
    return Coordinates(kind="polygon", bbox=(min(xs), min(ys), max(xs), max(ys)), polygon=rings[0],
                       polygons=rings if len(rings) > 1 else None, order_guessed=guessed)


_NUM = r"-?\d{1,3}(?:\.\d+)?"
# the ring after a polygon word of six languages, in WKT's space-separated "x y" pairs, with or without WKT's
# parentheses: "POLYGON((11.40 52.03, ...))", "Polygon 8.50 47.40, 8.52 47.40, ...", "(polygone 4.80 45.00, ...)",
# "polygoon (5.20 51.60, ...)", "Vieleck: 7.1 50.7, ..."
WKT = re.compile(r"(?<![a-z])(?:polygon(?:e|s|en)?|polygoon|pol[íi]gonos?|poligon[oi]|veelhoek(?:en)?|vieleck\w*)\s*[:=]?\s*\(*\s*((?:" + _NUM
                 + r"\s+" + _NUM + r"\s*,\s*){2,}" + _NUM + r"\s+" + _NUM + r")(?![\d.])", re.I)


def _wkt(t: str) -> Coordinates | None:
    """'POLYGON((11.40 52.03, 11.42 52.03, ...))', 'Polygon (11.40 52.03, 11.42 52.03, ...)', 'Polygon 11.40 52.03,
    11.42 52.03, ...': WKT's space-separated pairs, x (lon) first unless the text says lat/lon."""
    m = WKT.search(t)
    if not m:
        return None
    groups, pos = [m.group(1)], m.end()
    while more := _NEXT_RING.match(t, pos):  # "polygons (...); (...)", "(...) and (...)": one ring per field
        groups.append(more.group(1))
        pos = more.end()
    latlon = re.search(r"lat\s*/\s*lon|lat(?:itude)?\s*,\s*lon", t, re.I)
    rings = []
    for g in groups:
        pts = [(float(a), float(b)) for a, b in re.findall(r"(" + _NUM + r")\s+(" + _NUM + r")", g)]
        lon_first, _ = _order(t, pts)
        ring = pts if lon_first or not latlon else [(b, a) for a, b in pts]
        rings.append(ring + ([ring[0]] if ring[0] != ring[-1] else []))
    xs, ys = [p[0] for r in rings for p in r], [p[1] for r in rings for p in r]
    return Coordinates(kind="polygon", bbox=(min(xs), min(ys), max(xs), max(ys)), polygon=rings[0],
                       polygons=rings if len(rings) > 1 else None)


# a further WKT ring after the first, joined by ";", "," or "and" in six languages
_NEXT_RING = re.compile(r"\s*\)*\s*(?:;|,|and|und|et|en|y|e)\s*\(+\s*((?:" + _NUM + r"\s+" + _NUM + r"\s*,\s*){2,}" + _NUM
                        + r"\s+" + _NUM + r")(?![\d.])", re.I)


WKT_POINT = re.compile(r"\bpoint\s*\(\s*(" + _NUM + r")\s+(" + _NUM + r")\s*\)", re.I)


def _wkt_point(t: str) -> Coordinates | None:
    """'POINT(12.49 41.89)', 'POINT (-47.27 -18.17)': WKT, x (lon) first."""
    m = WKT_POINT.search(t)
    return _point(float(m.group(1)), float(m.group(2))) if m else None


def _bracketed(t: str, start: int) -> str | None:
    """The balanced [...] that opens at t[start]."""
    depth = 0
    for i in range(start, len(t)):
        if t[i] == "[":
            depth += 1
        elif t[i] == "]":
            depth -= 1
            if depth == 0:
                return t[start:i + 1]
    return None


def _rings(value: object) -> list[list[tuple[float, float]]]:
    """Every list of [x, y] positions in a GeoJSON coordinates array (Polygon, MultiPolygon, LineString)."""
    if isinstance(value, list) and value and all(isinstance(p, list) and len(p) >= 2 and all(
            isinstance(v, (int, float)) for v in p[:2]) for p in value):
        return [[(float(p[0]), float(p[1])) for p in value]]
    out: list[list[tuple[float, float]]] = []
    if isinstance(value, list):
        for v in value:
            out += _rings(v)
    return out


def _geojson(t: str) -> Coordinates | None:
    """GeoJSON geometry: '{"type": "Point", "coordinates": [lon, lat]}', '"coordinates": [[[lon, lat], ...]]'
    (Polygon, MultiPolygon): positions are lon, lat (the GeoJSON order) unless the text states lat/lon."""
    import json

    m = re.search(r"\bcoordinates[\"']?\s*[:=]?\s*(?=\[)", t, re.I)
    if not m:
        return None
    raw = _bracketed(t, m.end())
    if raw is None:
        return None
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    if isinstance(value, list) and len(value) >= 2 and all(isinstance(v, (int, float)) for v in value[:2]):
        return _point(float(value[0]), float(value[1]))
    rings = [r for r in _rings(value) if len(r) >= 3]
    if not rings:
        return None
    if re.search(r"lat\s*/\s*lon|\(?lat(?:itude)?\s*,\s*lon(?:gitude)?\)?", t, re.I):
        rings = [[(b, a) for a, b in r] for r in rings]
    rings = [r + ([r[0]] if r[0] != r[-1] else []) for r in rings]
    xs = [p[0] for r in rings for p in r]
    ys = [p[1] for r in rings for p in r]
    return Coordinates(kind="polygon", bbox=(min(xs), min(ys), max(xs), max(ys)), polygon=rings[0],
                       polygons=rings if len(rings) > 1 else None)


def _pair_point(t: str) -> Coordinates | None:
    low = t.lower()
    # a pair after the order it is written in: "lon/lat 21.36, 68.77", "lat/lon: -33,45; -70,66", "x/y (4.9, 52.4)"
    m = re.search(r"\b(lon|lng|long|x|lat|y)\s*/\s*(?:lon|lng|long|x|lat|y)\s*[=:]?\s*\(?\s*" + N
                  + r"\s*(?:,|;|\s)\s*" + N + r"(?![\d.,]\d)", low)
    if m:
        a, b = _f(m.group(2)), _f(m.group(3))
        return _point(a, b) if m.group(1) in ("lon", "lng", "long", "x") else _point(b, a)
    pairs = re.findall(PAIR, t)
    m = re.search(r"(?:\bat|around|near|coordinates?|coords?|point|punt|punkt|coordonnées|coordenadas|coordinate|"
                  # "um", "bei", "autour de", "près de", "rond", "bij", "alrededor de", "cerca de", "intorno a", "vicino a"
                  r"\bum|\bbei|\bnahe|autour de|près de|\brond|\brondom|\bbij|alrededor de|cerca de|intorno a|vicino a|"
                  r"\bpresso)\s*:?\s*\(?\s*"
                  r"(-?\d{1,3}\.\d+)\s*,\s*(-?\d{1,3}\.\d+)", t, re.I)
    if m:
        a, b = float(m.group(1)), float(m.group(2))
    elif len(pairs) == 1:
        a, b = (float(v) for v in pairs[0])
    else:
        return None
    low = t.lower()
    if re.search(r"lon\s*/\s*lat|\(lon,\s*lat\)|lon(?:gitude)?\s*,\s*lat", low) or abs(a) > 90:
        return _point(a, b)
    return _point(b, a, guessed=not re.search(r"lat\s*/\s*lon|lat(?:itude)?\s*,\s*lon", low) and abs(b) <= 90)


_R = r"(\d+(?:[.,]\d+)?)\s*(km|m)\b"
RADIUS = [
    # "radius 5 km", "Radius von 3 km", "rayon de 2 km", "straal van 500 m", "radio de 5 km", "buffered by 1 km"
    re.compile(r"\b(?:radius|radio|rayon|raggio|straal|umkreis|buffer(?:ed)?|puffer|tampon|búfer|zona de influencia)"
               r"\s*(?:of|von|de|van|di|by|of about|:|=)?\s*" + _R, re.I),
    # "10 km around", "a 5 km radius", "2.5 km buffer", "3 km um", "2 km autour de", "500 m rond", "5 km alrededor"
    re.compile(_R + r"\s*-?\s*(?:radius|buffer|around|um\b|rund um|autour|rond|rondom|alrededor|intorno|en torno)",
               re.I),
    # "within 10 km of", "innerhalb von 3 km", "à moins de 2 km de", "a menos de 5 km de", "binnen 500 m van", "entro 3 km"
    re.compile(r"\b(?:within|innerhalb von|à moins de|a menos de|binnen|entro)\s*" + _R, re.I),
]


def radius_of(text: str) -> float | None:
    """The radius in metres a request gives around its point, or None."""
    for rx in RADIUS:
        m = rx.search(text)
        if m:
            v = _f(m.group(1)) * (1000.0 if m.group(2).lower() == "km" else 1.0)
            if 0 < v <= 500_000:
                return v
    return None


_SQUARE_WORD = r"(?:square|box|quadrat|rechteck|carré|rectangle|vierkant|rechthoek|cuadrado|rectángulo|quadrato|rettangolo)"
_NOT_AREA = r"(?!\s*(?:pixels?|resolution|auflösung|résolution|resolutie|resolución|risoluzione|grid|raster|cells?))"
SQUARE = [
    # "200 m x 300 m", "200 x 300 m", "200 by 300 m", "200 mal 300 m", "200 par 300 m", "200 bij 300 m", "200 por 300 m"
    re.compile(r"(?<![\d.])(\d+(?:[.,]\d+)?)\s*(km|m)?\s*(?:x|×|by|mal|par|bij|por|per)\s*(\d+(?:[.,]\d+)?)\s*(km|m)\b"
               + _NOT_AREA, re.I),
    # "a 200 m square", "500 m box around", "1-km-Quadrat"
    re.compile(r"(?<![\d.])(\d+(?:[.,]\d+)?)\s*-?\s*(km|m)\s*-?\s*" + _SQUARE_WORD, re.I),
    # "a square of 200 m", "Quadrat von 200 m", "carré de 200 m", "vierkant van 200 m", "cuadrado de 200 m"
    re.compile(_SQUARE_WORD + r"\s+(?:of|von|de|van|di|with sides? of|mit seitenlänge|de côté)?\s*(\d+(?:[.,]\d+)?)\s*(km|m)\b",
               re.I),
]


def square_of(text: str) -> tuple[float, float] | None:
    """The width and height in metres of a box a request draws around its point ("a 200 m square", "200 x 300 m")."""
    for rx in SQUARE:
        m = rx.search(text)
        if not m:
            continue
        if len(m.groups()) == 4:
            unit = (m.group(4) or "m").lower()
            first = (m.group(2) or unit).lower()
            w, h = _f(m.group(1)) * (1000.0 if first == "km" else 1.0), _f(m.group(3)) * (1000.0 if unit == "km" else 1.0)
        else:
            w = h = _f(m.group(1)) * (1000.0 if m.group(2).lower() == "km" else 1.0)
        if 0 < w <= 200_000 and 0 < h <= 200_000:
            return w, h
    return None


def _box_around(lon: float, lat: float, half_w: float, half_h: float) -> tuple[float, float, float, float]:
    dlat = half_h / 110_570.0
    dlon = half_w / (111_320.0 * max(math.cos(math.radians(lat)), 0.05))
    return (round(lon - dlon, 6), round(lat - dlat, 6), round(lon + dlon, 6), round(lat + dlat, 6))


def _with_radius(c: Coordinates, t: str) -> Coordinates:
    """A point with a radius: the circle's bounding box, so the area is the one the user drew; a point with a
    square or a box of a given size ("a 200 m square"): that box around it."""
    if c.kind != "point" or c.point is None:
        return c
    lon, lat = c.point
    side = square_of(t)  # first: "a square of 400 m around" is the square's side, not a radius of 400 m
    if side is not None:
        return c.model_copy(update={"bbox": _box_around(lon, lat, side[0] / 2, side[1] / 2)})
    r = radius_of(t)
    if r is None:
        return c
    return c.model_copy(update={"bbox": _box_around(lon, lat, r, r), "radius_m": r})


def find_coordinates(text: str) -> Coordinates | None:
    t = unify(text).replace("−", "-")
    for reader in (_projected, _geojson, _wkt, _wkt_point, _ordered_box, _labelled, _prefixed, _hemisphere, _dms, _polygons,
                   _pair_point):
        c = _valid(reader(t))
        if c is not None:
            return _with_radius(c, t)
    return None
