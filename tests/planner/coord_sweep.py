"""A generated sweep of explicit-coordinate notations for `find_coordinates` (issue 16).

Written before reading agent/planner/coords.py: only the `Coordinates` model (bbox in EPSG:4326 as
(w, s, e, n), `point` as (lon, lat)) was looked at. Every case is built with its ground truth by
construction: a random box (0.02°–3° wide) or point (+ radius) on land-ish latitudes in both
hemispheres and on both sides of Greenwich, written in one of many notations and languages, embedded
in a realistic request that also carries a date, an index, band names and a threshold (none of
which may be read as coordinates). Projected notations (UTM, LAEA, Web Mercator, Lambert-93, RD New,
Gauss-Krüger, ETRS89/UTM32, British National Grid) get their WGS84 truth from pyproj
(`transform_bounds` with densified edges: the box must cover the whole projected rectangle).

Split (fixed before the first run): case `i` is "dev" when `i` is even and "held" when it is odd;
every case has its own generator seeded with (SEED, i), and the notation of case `i` is
NOTATIONS[(i // 2) % len(NOTATIONS)], so each notation has as many dev as held cases.
The held cases are for reporting only: fixes look at dev failures.

Score: a box case passes when each side of the returned box is within 2 % of the truth's width
(west/east) or height (south/north); a point case passes when the returned box contains the point
(within 1e-4°) and is no larger than the circle of the given radius (+10 %), or than a point when no
radius is given; a "none" case (no coordinates in the text) passes when nothing is returned.

Run: `$PY benchmarks/coords_sweep.py` (dev/held rates and per-notation table, dev failures with
`--failures`; held failures only with `--failures --held`, which is for the final report).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass

SEED = 16016
N_CASES = 740  # 37 notations x 10 dev + 10 held

BBox = tuple[float, float, float, float]


@dataclass
class Case:
    idx: int
    split: str  # "dev" | "held"
    notation: str
    lang: str
    text: str
    kind: str  # "bbox" | "point" | "none"
    truth: BBox | None  # WGS84 (w, s, e, n); a point is (lon, lat, lon, lat)
    radius_m: float | None = None


# --- where: land-ish regions (w, s, e, n), both hemispheres, both sides of Greenwich -----------------
LAND = [
    (-9.0, 37.0, 15.0, 58.0),  # western Europe
    (15.0, 44.0, 40.0, 60.0),  # eastern Europe
    (5.0, 58.0, 30.0, 69.0),  # Scandinavia
    (-16.0, 5.0, 35.0, 33.0),  # northern Africa, Sahel
    (12.0, -34.0, 40.0, -5.0),  # southern Africa
    (35.0, 10.0, 90.0, 40.0),  # Middle East, South Asia
    (100.0, 22.0, 140.0, 45.0),  # East Asia
    (95.0, -8.0, 125.0, 18.0),  # South-East Asia
    (115.0, -38.0, 152.0, -15.0),  # Australia
    (166.0, -46.0, 178.0, -35.0),  # New Zealand
    (-124.0, 30.0, -70.0, 55.0),  # North America
    (-110.0, 14.0, -86.0, 30.0),  # Mexico, Central America
    (-75.0, -40.0, -40.0, 5.0),  # South America
    (-150.0, 55.0, -100.0, 68.0),  # Alaska, western Canada
]
EUROPE = (-9.0, 36.0, 30.0, 68.0)  # EPSG:3035
FRANCE = (-1.5, 43.5, 7.0, 50.5)  # EPSG:2154 (kept inside the mainland)
NETHERLANDS = (4.0, 51.5, 6.8, 53.2)  # EPSG:28992
GERMANY = (6.5, 47.8, 14.5, 54.5)  # EPSG:25832
GK3 = (7.6, 47.8, 10.4, 54.5)  # EPSG:31467 (Gauss-Krüger zone 3, 7.5°–10.5° E)
BRITAIN = (-4.5, 50.5, 1.5, 57.5)  # EPSG:27700

LANGS = ["en", "de", "fr", "nl", "es"]


# --- number writing -------------------------------------------------------------------------------
def num(v: float, d: int, comma: bool = False, minus: str = "-") -> str:
    s = f"{v:.{d}f}"
    if s.startswith("-"):
        s = minus + s[1:]
    return s.replace(".", ",") if comma else s


def comma_lang(lang: str, rng: random.Random) -> bool:
    """German, French, Dutch and Spanish writers often use a decimal comma."""
    return lang in ("de", "fr", "nl", "es") and rng.random() < 0.5


def dash(rng: random.Random, lang: str, negative: bool = False) -> str:
    words = {"en": " to ", "de": " bis ", "fr": " à ", "nl": " tot ", "es": " a "}
    opts = [words[lang], "–", " – ", "..", " - " if not negative else words[lang]]
    if not negative:
        opts.append("-")
    return rng.choice(opts)


def rand_box(rng: random.Random, region: BBox | None = None) -> tuple[BBox, int]:
    """A random box 0.02°–3° wide (rounded to what a user would write) and its number of decimals."""
    w0, s0, e0, n0 = region or rng.choice(LAND)
    width = math.exp(rng.uniform(math.log(0.02), math.log(3.0)))
    height = min(3.0, max(0.02, width * rng.uniform(0.5, 1.5)))
    d = 3 if width < 0.1 or height < 0.1 else rng.choice([2, 2, 3])
    cx, cy = rng.uniform(w0, e0), rng.uniform(s0, n0)
    w, e = round(cx - width / 2, d), round(cx + width / 2, d)
    s, n = round(cy - height / 2, d), round(cy + height / 2, d)
    if e - w < 0.02:
        e = round(w + 0.02, d)
    if n - s < 0.02:
        n = round(s + 0.02, d)
    # a box written with one hemisphere letter per axis cannot straddle the equator or Greenwich
    if w < 0 < e:
        w, e = 0.01, round(e - w + 0.01, d)
    if s < 0 < n:
        s, n = 0.01, round(n - s + 0.01, d)
    return (w, s, e, n), d


def rand_point(rng: random.Random) -> tuple[float, float, int]:
    w0, s0, e0, n0 = rng.choice(LAND)
    d = rng.choice([2, 3, 4])
    return round(rng.uniform(w0, e0), d), round(rng.uniform(s0, n0), d), d


# --- hemisphere letters per language ---------------------------------------------------------------
def lon_letter(v: float, lang: str) -> str:
    if v >= 0:
        return "O" if lang in ("de", "nl") else "E"
    return "O" if lang in ("fr", "es") else "W"


def lat_letter(v: float, lang: str) -> str:
    if v >= 0:
        return "N"
    return "Z" if lang == "nl" else "S"


def hemi_range(a: float, b: float, d: int, letter: str, comma: bool, rng: random.Random, lang: str, deg: bool) -> str:
    """'10.1–10.6 E' (for western/southern values the user may write them either way round)."""
    x, y = abs(a), abs(b)
    if a < 0 and rng.random() < 0.5:
        x, y = y, x
    g = "°" if deg else ""
    sp = rng.choice(["", " "]) if not deg else rng.choice(["", " "])
    if deg and rng.random() < 0.5:
        return f"{num(x, d, comma)}°{dash(rng, lang)}{num(y, d, comma)}°{sp}{letter}"
    return f"{num(x, d, comma)}{g}{dash(rng, lang)}{num(y, d, comma)}{g}{sp}{letter}"


# --- box notations (WGS84) --------------------------------------------------------------------------
Gen = Callable[[random.Random, str], tuple[str, str, BBox | None, float | None]]


def _sides_letters(rng: random.Random, lang: str):
    (w, s, e, n), d = rand_box(rng)
    parts = [("W", w), ("S", s), ("E", e), ("N", n)]
    if rng.random() < 0.3:
        parts = [parts[1], parts[0], parts[3], parts[2]]
    sep = rng.choice([" ", ": ", " "])
    join = rng.choice([" ", ", ", " "])
    body = join.join(f"{k}{sep}{num(v, d)}" for k, v in parts)
    return rng.choice(["bbox ", "BBOX: ", "", "box "]) + body, "bbox", (w, s, e, n), None


def _bbox_csv(rng: random.Random, lang: str):
    (w, s, e, n), d = rand_box(rng)
    sp = rng.choice([",", ", "])
    vals = sp.join(num(v, d) for v in (w, s, e, n))
    lead = rng.choice(["bbox ", "bbox=", "bbox: ", "BBOX=", "bounding box "])
    return lead + vals, "bbox", (w, s, e, n), None


def _lonlat_ranges(rng: random.Random, lang: str):
    (w, s, e, n), d = rand_box(rng)
    c = comma_lang(lang, rng)
    lon_w, lat_w = {
        "en": (["lon", "longitude", "Lon"], ["lat", "latitude", "Lat"]),
        "de": (["lon", "Länge", "Längengrad"], ["lat", "Breite", "Breitengrad"]),
        "fr": (["lon", "longitude"], ["lat", "latitude"]),
        "nl": (["lon", "lengte", "lengtegraad"], ["lat", "breedte", "breedtegraad"]),
        "es": (["lon", "longitud"], ["lat", "latitud"]),
    }[lang]
    colon = rng.choice([" ", ": ", " "])
    sep = "; " if c else rng.choice([", ", "; ", " and " if lang == "en" else ", "])
    lo = f"{rng.choice(lon_w)}{colon}{num(w, d, c)}{dash(rng, lang, w < 0 or e < 0)}{num(e, d, c)}"
    la = f"{rng.choice(lat_w)}{colon}{num(s, d, c)}{dash(rng, lang, s < 0 or n < 0)}{num(n, d, c)}"
    return lo + sep + la, "bbox", (w, s, e, n), None


def _latlon_ranges(rng: random.Random, lang: str):
    text, kind, truth, r = _lonlat_ranges(rng, lang)
    for sep in ("; ", ", ", " and "):
        if sep in text:
            a, b = text.split(sep, 1)
            return b + sep + a, kind, truth, r
    return text, kind, truth, r


def _hemi_ranges(rng: random.Random, lang: str, lat_first: bool = False, comma: bool | None = None):
    (w, s, e, n), d = rand_box(rng)
    c = comma_lang(lang, rng) if comma is None else comma
    deg = rng.random() < 0.4
    lo = hemi_range(w, e, d, lon_letter(w, lang), c, rng, lang, deg)
    la = hemi_range(s, n, d, lat_letter(s, lang), c, rng, lang, deg)
    sep = "; " if c else rng.choice([", ", "; ", " / "])
    return (la + sep + lo if lat_first else lo + sep + la), "bbox", (w, s, e, n), None


def _hemi_ranges_latfirst(rng: random.Random, lang: str):
    return _hemi_ranges(rng, lang, lat_first=True)


def _hemi_comma_de_nl(rng: random.Random, lang: str):
    """'4,25–4,50 O; 50,80–51,00 N' — German/Dutch decimal commas, O for Ost/Oost (Z for Zuid)."""
    lang = rng.choice(["de", "nl"])
    text, kind, truth, r = _hemi_ranges(rng, lang, lat_first=rng.random() < 0.3, comma=True)
    return text, kind, truth, r, lang


def _hemi_o_west(rng: random.Random, lang: str):
    """French/Spanish: O for Ouest/Oeste (a western box), written with decimal commas."""
    lang = rng.choice(["fr", "es"])
    for _ in range(50):
        (w, s, e, n), d = rand_box(rng)
        if e < 0:
            break
    else:  # pragma: no cover
        (w, s, e, n), d = (-8.5, 41.0, -8.2, 41.3), 2
    c = rng.random() < 0.7
    deg = rng.random() < 0.5
    lo = hemi_range(w, e, d, "O", c, rng, lang, deg)
    la = hemi_range(s, n, d, lat_letter(s, lang), c, rng, lang, deg)
    sep = " ; " if c else ", "
    return (lo + sep + la if rng.random() < 0.6 else la + sep + lo), "bbox", (w, s, e, n), None, lang


def _between_deg(rng: random.Random, lang: str):
    """'between 4.2°E and 4.5°E and 50.8°N–51.0°N' and its translations."""
    (w, s, e, n), d = rand_box(rng)
    c = comma_lang(lang, rng)
    lx, ly = lon_letter(w, lang), lat_letter(s, lang)
    x1, x2 = (abs(w), abs(e)) if w >= 0 else (abs(e), abs(w))
    y1, y2 = (abs(s), abs(n)) if s >= 0 else (abs(n), abs(s))
    if rng.random() < 0.5:
        x1, x2 = (abs(w), abs(e))
        y1, y2 = (abs(s), abs(n))
    sp = rng.choice(["", " "])
    X1, X2 = f"{num(x1, d, c)}°{sp}{lx}", f"{num(x2, d, c)}°{sp}{lx}"
    Y1, Y2 = f"{num(y1, d, c)}°{sp}{ly}", f"{num(y2, d, c)}°{sp}{ly}"
    btw, und, also = {
        "en": ("between", "and", "and"),
        "de": ("zwischen", "und", "sowie"),
        "fr": ("entre", "et", "et"),
        "nl": ("tussen", "en", "en"),
        "es": ("entre", "y", "y"),
    }[lang]
    if rng.random() < 0.5:
        text = f"{btw} {X1} {und} {X2} {also} {Y1}–{Y2}"
    else:
        text = f"{btw} {Y1} {und} {Y2} {also} {btw} {X1} {und} {X2}"
    return text, "bbox", (w, s, e, n), None


def _keys_wsen(rng: random.Random, lang: str):
    (w, s, e, n), d = rand_box(rng)
    names = {
        "en": ("west", "south", "east", "north"),
        "de": ("West", "Süd", "Ost", "Nord"),
        "fr": ("ouest", "sud", "est", "nord"),
        "nl": ("west", "zuid", "oost", "noord"),
        "es": ("oeste", "sur", "este", "norte"),
    }[lang if rng.random() < 0.4 else "en"]
    eq = rng.choice(["=", ": ", "="])
    parts = list(zip(names, (w, s, e, n), strict=True))
    if rng.random() < 0.3:
        rng.shuffle(parts)
    join = rng.choice([", ", " ", "; "])
    return join.join(f"{k}{eq}{num(v, d)}" for k, v in parts), "bbox", (w, s, e, n), None


def _minmax_keys(rng: random.Random, lang: str):
    (w, s, e, n), d = rand_box(rng)
    style = rng.choice(
        [
            ("min_lon", "min_lat", "max_lon", "max_lat"),
            ("lon_min", "lat_min", "lon_max", "lat_max"),
            ("xmin", "ymin", "xmax", "ymax"),
            ("minx", "miny", "maxx", "maxy"),
            ("minLon", "minLat", "maxLon", "maxLat"),
        ]
    )
    parts = list(zip(style, (w, s, e, n), strict=True))
    if rng.random() < 0.5:
        parts = [parts[1], parts[3], parts[0], parts[2]]  # lat first
    eq = rng.choice(["=", ": ", " = "])
    join = rng.choice([", ", " ", "; "])
    return join.join(f"{k}{eq}{num(v, d)}" for k, v in parts), "bbox", (w, s, e, n), None


def _json_wsen(rng: random.Random, lang: str):
    (w, s, e, n), d = rand_box(rng)
    arr = "[" + ", ".join(num(v, d) for v in (w, s, e, n)) + "]"
    text = rng.choice(
        [
            f'{{"bbox": {arr}}}',
            f"bbox = {arr}",
            f"the box {arr} (W, S, E, N)",
            f"[W, S, E, N] = {arr}",
            f'"spatial_extent": {{"west": {num(w, d)}, "south": {num(s, d)}, "east": {num(e, d)}, "north": {num(n, d)}}}',
        ]
    )
    return text, "bbox", (w, s, e, n), None


def _bbox_latlon_stated(rng: random.Random, lang: str):
    """A list whose order is stated as latitude first: 'bbox (S, W, N, E): 48.7, 2.1, 49.0, 2.5'."""
    (w, s, e, n), d = rand_box(rng)
    vals = ", ".join(num(v, d) for v in (s, w, n, e))
    text = rng.choice(
        [
            f"bbox (S, W, N, E): {vals}",
            f"[S, W, N, E] = [{vals}]",
            f"bbox in lat/lon order: {vals}",
            f"(min_lat, min_lon, max_lat, max_lon) = ({vals})",
        ]
    )
    return text, "bbox", (w, s, e, n), None


def _signed_words(rng: random.Random, lang: str):
    """Negative numbers instead of S/W letters, spelled out with words."""
    for _ in range(50):
        (w, s, e, n), d = rand_box(rng)
        if w < 0 or s < 0:
            break
    minus = rng.choice(["-", "-", "−"])
    c = comma_lang(lang, rng)
    W, E, S, Nn = (num(v, d, c, minus) for v in (w, e, s, n))
    text = {
        "en": f"longitude from {W} to {E} and latitude from {S} to {Nn}",
        "de": f"Länge von {W} bis {E} und Breite von {S} bis {Nn}",
        "fr": f"longitude de {W} à {E} et latitude de {S} à {Nn}",
        "nl": f"lengtegraad van {W} tot {E} en breedtegraad van {S} tot {Nn}",
        "es": f"longitud de {W} a {E} y latitud de {S} a {Nn}",
    }[lang]
    return text, "bbox", (w, s, e, n), None


def _breite_laenge(rng: random.Random, lang: str):
    """German 'Breite/Länge' (latitude first, as Germans write it), decimal comma or point."""
    lang = "de"
    (w, s, e, n), d = rand_box(rng, rng.choice([GERMANY, EUROPE, rng.choice(LAND)]))
    c = rng.random() < 0.6
    bl = rng.choice(["Breite", "geogr. Breite", "Breitengrad", "nördl. Breite" if s > 0 else "Breite"])
    ll = rng.choice(["Länge", "geogr. Länge", "Längengrad", "östl. Länge" if w > 0 else "Länge"])
    la = f"{bl} {num(s, d, c)}{dash(rng, lang, s < 0)}{num(n, d, c)}"
    lo = f"{ll} {num(w, d, c)}{dash(rng, lang, w < 0)}{num(e, d, c)}"
    sep = "; " if c else rng.choice([", ", "; ", " und "])
    return (la + sep + lo if rng.random() < 0.7 else lo + sep + la), "bbox", (w, s, e, n), None, lang


def _latitude_between_words(rng: random.Random, lang: str):
    (w, s, e, n), d = rand_box(rng)
    c = comma_lang(lang, rng)
    S, Nn, W, E = (num(v, d, c) for v in (s, n, w, e))
    text = {
        "en": f"latitude between {S} and {Nn} and longitude between {W} and {E}",
        "de": f"Breite zwischen {S} und {Nn} und Länge zwischen {W} und {E}",
        "fr": f"latitude entre {S} et {Nn} et longitude entre {W} et {E}",
        "nl": f"breedtegraad tussen {S} en {Nn} en lengtegraad tussen {W} en {E}",
        "es": f"latitud entre {S} y {Nn} y longitud entre {W} y {E}",
    }[lang]
    return text, "bbox", (w, s, e, n), None


def dms(v: float, letter: str, style: int) -> str:
    a = abs(v)
    deg = int(a)
    m = int((a - deg) * 60)
    sec = round(((a - deg) * 60 - m) * 60)
    if sec == 60:
        m, sec = m + 1, 0
    if m == 60:
        deg, m = deg + 1, 0
    if style == 0:
        return f"{deg}°{m:02d}'{sec:02d}\"{letter}"
    if style == 1:
        return f"{deg}° {m:02d}′ {sec:02d}″ {letter}"
    return f"{deg}°{m}'{sec}\" {letter}"


def dms_value(v: float) -> float:
    a = abs(v)
    deg = int(a)
    m = int((a - deg) * 60)
    sec = round(((a - deg) * 60 - m) * 60)
    if sec == 60:
        m, sec = m + 1, 0
    if m == 60:
        deg, m = deg + 1, 0
    out = deg + m / 60 + sec / 3600
    return -out if v < 0 else out


def ddm(v: float, letter: str, style: int) -> str:
    a = abs(v)
    deg = int(a)
    m = round((a - deg) * 60, 3)
    if m >= 60:
        deg, m = deg + 1, 0.0
    if style == 0:
        return f"{deg}°{m:06.3f}'{letter}"
    return f"{deg}° {m:.3f}′ {letter}"


def ddm_value(v: float) -> float:
    a = abs(v)
    deg = int(a)
    m = round((a - deg) * 60, 3)
    if m >= 60:
        deg, m = deg + 1, 0.0
    out = deg + m / 60
    return -out if v < 0 else out


def _dms_corners(rng: random.Random, lang: str):
    (w, s, e, n), _ = rand_box(rng)
    st = rng.choice([0, 1, 2])
    ll = lambda lat, lon: f"{dms(lat, lat_letter(lat, 'en'), st)} {dms(lon, lon_letter(lon, 'en'), st)}"  # noqa: E731
    truth = (dms_value(w), dms_value(s), dms_value(e), dms_value(n))
    text = rng.choice(
        [
            f"from {ll(s, w)} to {ll(n, e)}",
            f"SW corner {ll(s, w)}, NE corner {ll(n, e)}",
            f"the rectangle {ll(s, w)} – {ll(n, e)}",
        ]
    )
    return text, "bbox", truth, None, "en"


def _ddm_corners(rng: random.Random, lang: str):
    (w, s, e, n), _ = rand_box(rng)
    st = rng.choice([0, 1])
    ll = lambda lat, lon: f"{ddm(lat, lat_letter(lat, 'en'), st)} {ddm(lon, lon_letter(lon, 'en'), st)}"  # noqa: E731
    truth = (ddm_value(w), ddm_value(s), ddm_value(e), ddm_value(n))
    text = rng.choice([f"from {ll(s, w)} to {ll(n, e)}", f"SW {ll(s, w)}, NE {ll(n, e)}"])
    return text, "bbox", truth, None, "en"


def _wkt_polygon(rng: random.Random, lang: str):
    (w, s, e, n), d = rand_box(rng)
    p = lambda x, y: f"{num(x, d)} {num(y, d)}"  # noqa: E731
    ring = ", ".join([p(w, s), p(e, s), p(e, n), p(w, n), p(w, s)])
    text = rng.choice([f"POLYGON(({ring}))", f"POLYGON (({ring}))", f"the WKT polygon POLYGON(({ring}))"])
    return text, "bbox", (w, s, e, n), None


def _geojson_polygon(rng: random.Random, lang: str):
    (w, s, e, n), d = rand_box(rng)
    p = lambda x, y: f"[{num(x, d)}, {num(y, d)}]"  # noqa: E731
    ring = ", ".join([p(w, s), p(e, s), p(e, n), p(w, n), p(w, s)])
    text = rng.choice(
        [
            f'{{"type": "Polygon", "coordinates": [[{ring}]]}}',
            f'geometry {{"type":"Polygon","coordinates":[[{ring.replace(" ", "")}]]}}',
            f"coordinates [[{ring}]]",
        ]
    )
    return text, "bbox", (w, s, e, n), None


# --- point notations --------------------------------------------------------------------------------
def radius_m(rng: random.Random) -> float:
    return rng.choice([500.0, 1000.0, 2000.0, 2500.0, 3000.0, 5000.0, 10000.0, 15000.0, 20000.0])


def rtext(r: float, lang: str, comma: bool) -> str:
    if r < 1000:
        return f"{int(r)} m"
    km = r / 1000
    s = f"{km:g}"
    return (s.replace(".", ",") if comma else s) + " km"


def _dms_point(rng: random.Random, lang: str):
    lon, lat, _ = rand_point(rng)
    st = rng.choice([0, 1, 2])
    truth_lon, truth_lat = dms_value(lon), dms_value(lat)
    a, b = dms(lat, lat_letter(lat, "en"), st), dms(lon, lon_letter(lon, "en"), st)
    text = f"{a} {b}" if rng.random() < 0.5 else f"{a}, {b}"
    if rng.random() < 0.3:
        text = f"{b} {a}"
    return text, "point", (truth_lon, truth_lat, truth_lon, truth_lat), None, "en"


def _ddm_point(rng: random.Random, lang: str):
    lon, lat, _ = rand_point(rng)
    st = rng.choice([0, 1])
    tl, ta = ddm_value(lon), ddm_value(lat)
    text = f"{ddm(lat, lat_letter(lat, 'en'), st)}, {ddm(lon, lon_letter(lon, 'en'), st)}"
    return text, "point", (tl, ta, tl, ta), None, "en"


def _labelled_point_radius(rng: random.Random, lang: str):
    """'Lat 41.9 N, Lon 12.5 E, radius 5 km' (letters or signs)."""
    lon, lat, d = rand_point(rng)
    r = radius_m(rng)
    c = comma_lang(lang, rng)
    if rng.random() < 0.5:
        la = f"Lat {num(abs(lat), d, c)} {lat_letter(lat, lang)}"
        lo = f"Lon {num(abs(lon), d, c)} {lon_letter(lon, lang)}"
    else:
        la, lo = f"lat {num(lat, d, c)}", f"lon {num(lon, d, c)}"
    rad = {"en": "radius", "de": "Radius", "fr": "rayon", "nl": "straal", "es": "radio"}[lang]
    sep = "; " if c else ", "
    first = (la, lo) if rng.random() < 0.7 else (lo, la)
    text = f"{first[0]}{sep}{first[1]}{sep}{rad} {rtext(r, lang, c)}"
    return text, "point", (lon, lat, lon, lat), r


def _radius_around(rng: random.Random, lang: str):
    """'10 km around …', 'in einem Umkreis von 3 km um …', 'dans un rayon de 2 km autour de …'."""
    lon, lat, d = rand_point(rng)
    r = radius_m(rng)
    c = comma_lang(lang, rng)
    sp = rng.choice(["", " "])
    pt = f"{num(abs(lat), d, c)}°{sp}{lat_letter(lat, lang)}, {num(abs(lon), d, c)}°{sp}{lon_letter(lon, lang)}"
    if c:
        pt = pt.replace(", ", "; ") if rng.random() < 0.5 else pt.replace(", ", " ")
    R = rtext(r, lang, c)
    text = {
        "en": rng.choice([f"{R} around {pt}", f"within {R} of {pt}", f"a {R} radius around {pt}"]),
        "de": rng.choice([f"in einem Umkreis von {R} um {pt}", f"im Umkreis von {R} um {pt}"]),
        "fr": rng.choice([f"dans un rayon de {R} autour de {pt}", f"à moins de {R} de {pt}"]),
        "nl": rng.choice([f"binnen een straal van {R} rond {pt}", f"straal van {R} rond {pt}"]),
        "es": rng.choice([f"en un radio de {R} alrededor de {pt}", f"a menos de {R} de {pt}"]),
    }[lang]
    return text, "point", (lon, lat, lon, lat), r


def _latlon_point_signed(rng: random.Random, lang: str):
    lon, lat, d = rand_point(rng)
    c = comma_lang(lang, rng)
    La, Lo = num(lat, d, c), num(lon, d, c)
    sep = "; " if c else ", "
    text = rng.choice(
        [
            f"lat {La}{sep}lon {Lo}",
            f"lon {Lo}{sep}lat {La}",
            f"(lat, lon) = ({La}{sep}{Lo})",
            f"latitude {La}{sep}longitude {Lo}",
            f"({La}{sep}{Lo}) in lat/lon",
            f"lon/lat {Lo}{sep}{La}",
        ]
    )
    return text, "point", (lon, lat, lon, lat), None


def _wkt_point(rng: random.Random, lang: str):
    lon, lat, d = rand_point(rng)
    r = radius_m(rng) if rng.random() < 0.5 else None
    text = rng.choice([f"POINT({num(lon, d)} {num(lat, d)})", f"POINT ({num(lon, d)} {num(lat, d)})"])
    if r:
        text += rng.choice([f" buffered by {rtext(r, 'en', False)}", f" with a {rtext(r, 'en', False)} buffer"])
    return text, "point", (lon, lat, lon, lat), r, "en" if r else lang


def _geojson_point(rng: random.Random, lang: str):
    lon, lat, d = rand_point(rng)
    text = rng.choice(
        [
            f'{{"type": "Point", "coordinates": [{num(lon, d)}, {num(lat, d)}]}}',
            f'geometry {{"type":"Point","coordinates":[{num(lon, d)},{num(lat, d)}]}}',
        ]
    )
    return text, "point", (lon, lat, lon, lat), None


# --- projected notations ----------------------------------------------------------------------------
_TRANSFORMERS: dict[tuple[int, int], object] = {}


def _tr(src: int, dst: int):
    from pyproj import Transformer

    key = (src, dst)
    if key not in _TRANSFORMERS:
        _TRANSFORMERS[key] = Transformer.from_crs(src, dst, always_xy=True)
    return _TRANSFORMERS[key]


def proj_box(rng: random.Random, crs: int, region: BBox, max_km: float = 60.0, step: int = 1000):
    """A projected box (x0, y0, x1, y1) around a random point of `region`, and its WGS84 envelope."""
    w0, s0, e0, n0 = region
    lon, lat = rng.uniform(w0, e0), rng.uniform(s0, n0)
    x, y = _tr(4326, crs).transform(lon, lat)  # type: ignore[attr-defined]
    wx = max(step * 2, round(math.exp(rng.uniform(math.log(2000), math.log(max_km * 1000))) / step) * step)
    hy = max(step * 2, round(wx * rng.uniform(0.5, 1.5) / step) * step)
    x0 = round((x - wx / 2) / step) * step
    y0 = round((y - hy / 2) / step) * step
    x1, y1 = x0 + wx, y0 + hy
    truth = _tr(crs, 4326).transform_bounds(x0, y0, x1, y1, densify_pts=21)  # type: ignore[attr-defined]
    return (x0, y0, x1, y1), tuple(truth)


def I(v: float) -> str:  # noqa: E743
    return str(int(round(v)))


def _utm_zone(rng: random.Random, lang: str, epsg_form: bool = False):
    w0, s0, e0, n0 = rng.choice(LAND)
    lon, lat = rng.uniform(w0, e0), rng.uniform(s0, n0)
    zone = min(60, int((lon + 180) // 6) + 1)
    south = lat < 0
    crs = (32700 if south else 32600) + zone
    zw = -180 + (zone - 1) * 6
    region = (max(w0, zw + 0.5), max(s0, lat - 1), min(e0, zw + 5.5), min(n0, lat + 1))
    if region[0] >= region[2]:
        region = (zw + 0.5, lat - 1, zw + 5.5, lat + 1)
    (x0, y0, x1, y1), truth = proj_box(rng, crs, region)
    dl = dash(rng, lang)
    hemi = "S" if south else "N"
    if epsg_form:
        text = rng.choice(
            [
                f"EPSG:{crs} x {I(x0)}{dl}{I(x1)}, y {I(y0)}{dl}{I(y1)}",
                f"(EPSG:{crs}) {I(x0)},{I(y0)},{I(x1)},{I(y1)}",
                f"EPSG:{crs} bbox [{I(x0)}, {I(y0)}, {I(x1)}, {I(y1)}]",
                f"x {I(x0)}{dl}{I(x1)}, y {I(y0)}{dl}{I(y1)} (EPSG:{crs})",
            ]
        )
    else:
        text = rng.choice(
            [
                f"UTM {zone}{hemi} E {I(x0)}{dl}{I(x1)} N {I(y0)}{dl}{I(y1)}",
                f"UTM zone {zone}{hemi}, x {I(x0)} to {I(x1)}, y {I(y0)} to {I(y1)}",
                f"WGS 84 / UTM zone {zone}{hemi}: easting {I(x0)}–{I(x1)}, northing {I(y0)}–{I(y1)}",
                f"UTM {zone}{hemi} {I(x0)},{I(y0)},{I(x1)},{I(y1)}",
            ]
        )
    return text, "bbox", truth, None


def _utm_epsg(rng: random.Random, lang: str):
    return _utm_zone(rng, lang, epsg_form=True)


def _xy_text(rng: random.Random, lang: str, label: str, b: tuple, xs: str = "x", ys: str = "y") -> str:
    x0, y0, x1, y1 = b
    dl = dash(rng, lang, negative=x0 < 0 or y0 < 0)
    return rng.choice(
        [
            f"{label} {xs} {I(x0)}{dl}{I(x1)}, {ys} {I(y0)}{dl}{I(y1)}",
            f"{xs} {I(x0)}{dl}{I(x1)}, {ys} {I(y0)}{dl}{I(y1)} ({label})",
            f"{label}: {I(x0)}, {I(y0)}, {I(x1)}, {I(y1)}",
        ]
    )


def _laea_3035(rng: random.Random, lang: str):
    b, truth = proj_box(rng, 3035, EUROPE)
    label = rng.choice(["EPSG:3035", "ETRS89-LAEA (EPSG:3035)", "LAEA Europe EPSG:3035", "EPSG 3035"])
    return _xy_text(rng, lang, label, b), "bbox", truth, None


def _webmerc_3857(rng: random.Random, lang: str):
    region = rng.choice(LAND)
    b, truth = proj_box(rng, 3857, region, max_km=100.0)
    label = rng.choice(["EPSG:3857", "Web Mercator (EPSG:3857)", "EPSG:3857 metres", "Pseudo-Mercator EPSG:3857"])
    return _xy_text(rng, lang, label, b), "bbox", truth, None


def _lambert93(rng: random.Random, lang: str):
    lang = rng.choice(["fr", "en"])
    b, truth = proj_box(rng, 2154, FRANCE)
    label = rng.choice(["Lambert-93 (EPSG:2154)", "EPSG:2154", "Lambert 93", "RGF93 / Lambert-93"])
    return _xy_text(rng, lang, label, b, "X", "Y"), "bbox", truth, None, lang


def _rd_new(rng: random.Random, lang: str):
    lang = rng.choice(["nl", "en"])
    b, truth = proj_box(rng, 28992, NETHERLANDS, max_km=30.0, step=500)
    label = rng.choice(["RD", "RD New (EPSG:28992)", "Rijksdriehoek", "EPSG:28992", "RD-coördinaten"])
    return _xy_text(rng, lang, label, b), "bbox", truth, None, lang


def _gk_etrs_de(rng: random.Random, lang: str, gk: bool):
    lang = rng.choice(["de", "de", "en"])
    crs = 31467 if gk else 25832
    b, truth = proj_box(rng, crs, GK3 if gk else GERMANY)
    x0, y0, x1, y1 = b
    label = (
        rng.choice(["Gauß-Krüger Zone 3 (EPSG:31467)", "EPSG:31467", "DHDN / GK3", "Gauss-Krüger (EPSG:31467)"])
        if gk
        else rng.choice(["ETRS89 / UTM 32N (EPSG:25832)", "EPSG:25832", "ETRS89/UTM32", "UTM32 (ETRS89)"])
    )
    dl = dash(rng, lang)
    text = rng.choice(
        [
            f"{label} Rechtswert {I(x0)}{dl}{I(x1)}, Hochwert {I(y0)}{dl}{I(y1)}",
            f"Rechtswert {I(x0)}{dl}{I(x1)} und Hochwert {I(y0)}{dl}{I(y1)} ({label})",
            f"{label}: {I(x0)}, {I(y0)}, {I(x1)}, {I(y1)}",
        ]
    )
    return text, "bbox", truth, None, lang


def _gk_31467(rng: random.Random, lang: str):
    return _gk_etrs_de(rng, lang, gk=True)


def _etrs_25832(rng: random.Random, lang: str):
    return _gk_etrs_de(rng, lang, gk=False)


def _bng_27700(rng: random.Random, lang: str):
    lang = "en"
    b, truth = proj_box(rng, 27700, BRITAIN)
    x0, y0, x1, y1 = b
    label = rng.choice(["British National Grid", "EPSG:27700", "OSGB36 / BNG", "BNG (EPSG:27700)"])
    dl = dash(rng, lang)
    text = rng.choice(
        [
            f"easting {I(x0)}{dl}{I(x1)}, northing {I(y0)}{dl}{I(y1)} ({label})",
            f"{label} easting {I(x0)}{dl}{I(x1)}, northing {I(y0)}{dl}{I(y1)}",
            f"{label}: E {I(x0)}{dl}{I(x1)}, N {I(y0)}{dl}{I(y1)}",
        ]
    )
    return text, "bbox", truth, None, lang


def _none(rng: random.Random, lang: str):
    """No coordinates at all: only a place, dates, bands and thresholds (nothing must be returned)."""
    place = rng.choice(["Lake Constance", "the Po delta", "Rotterdam", "Toulouse", "Bavaria", "Mallorca", "Gozo"])
    return place, "none", None, None


NOTATIONS: dict[str, Callable] = {
    "sides_letters": _sides_letters,
    "bbox_csv": _bbox_csv,
    "lonlat_ranges": _lonlat_ranges,
    "latlon_ranges": _latlon_ranges,
    "hemi_ranges": _hemi_ranges,
    "hemi_ranges_latfirst": _hemi_ranges_latfirst,
    "hemi_comma_de_nl": _hemi_comma_de_nl,
    "hemi_O_west_fr_es": _hemi_o_west,
    "between_deg": _between_deg,
    "keys_wsen": _keys_wsen,
    "minmax_keys": _minmax_keys,
    "json_wsen": _json_wsen,
    "bbox_latlon_stated": _bbox_latlon_stated,
    "signed_words": _signed_words,
    "breite_laenge": _breite_laenge,
    "latitude_between_words": _latitude_between_words,
    "dms_corners": _dms_corners,
    "ddm_corners": _ddm_corners,
    "wkt_polygon": _wkt_polygon,
    "geojson_polygon": _geojson_polygon,
    "dms_point": _dms_point,
    "ddm_point": _ddm_point,
    "labelled_point_radius": _labelled_point_radius,
    "radius_around": _radius_around,
    "latlon_point_signed": _latlon_point_signed,
    "wkt_point": _wkt_point,
    "geojson_point": _geojson_point,
    "utm_zone": _utm_zone,
    "utm_epsg": _utm_epsg,
    "laea_3035": _laea_3035,
    "webmerc_3857": _webmerc_3857,
    "lambert93": _lambert93,
    "rd_new": _rd_new,
    "gk_31467": _gk_31467,
    "etrs_25832": _etrs_25832,
    "bng_27700": _bng_27700,
    "none": _none,
}
NOTATION_NAMES = list(NOTATIONS)


# --- the sentence around the coordinates ------------------------------------------------------------
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
}


def date_phrase(rng: random.Random, lang: str) -> str:
    y = rng.randint(2017, 2024)
    m1 = rng.randint(1, 9)
    m2 = m1 + rng.randint(1, 3)
    d1, d2 = rng.randint(1, 28), rng.randint(1, 28)
    M = MONTHS[lang]
    forms = {
        "en": [
            f"from {y}-{m1:02d}-{d1:02d} to {y}-{m2:02d}-{d2:02d}",
            f"from {d1} {M[m1 - 1]} to {d2} {M[m2 - 1]} {y}",
            f"between {d1:02d}/{m1:02d}/{y} and {d2:02d}/{m2:02d}/{y}",
            f"in summer {y}",
            f"on {y}-{m1:02d}-{d1:02d}",
            f"for the 10 days before {y}-{m2:02d}-{d2:02d}",
        ],
        "de": [
            f"vom {d1:02d}.{m1:02d}.{y} bis {d2:02d}.{m2:02d}.{y}",
            f"von {M[m1 - 1]} bis {M[m2 - 1]} {y}",
            f"im Sommer {y}",
            f"am {d1}. {M[m1 - 1]} {y}",
        ],
        "fr": [
            f"du {d1} {M[m1 - 1]} au {d2} {M[m2 - 1]} {y}",
            f"du {d1:02d}/{m1:02d}/{y} au {d2:02d}/{m2:02d}/{y}",
            f"en {M[m1 - 1]} {y}",
        ],
        "nl": [
            f"van {d1} {M[m1 - 1]} tot {d2} {M[m2 - 1]} {y}",
            f"van {d1:02d}-{m1:02d}-{y} tot {d2:02d}-{m2:02d}-{y}",
            f"in de zomer van {y}",
        ],
        "es": [
            f"del {d1} de {M[m1 - 1]} al {d2} de {M[m2 - 1]} de {y}",
            f"entre el {d1:02d}/{m1:02d}/{y} y el {d2:02d}/{m2:02d}/{y}",
            f"en {M[m1 - 1]} de {y}",
        ],
    }[lang]
    return rng.choice(forms)


def threshold(rng: random.Random, lang: str) -> str:
    comma = lang != "en" and rng.random() < 0.5
    v = rng.choice([0.2, 0.25, 0.3, 0.35, 0.4, 0.1])
    db = rng.choice([-3, -15, -18, -20, 3])
    return rng.choice([num(v, 2, comma), f"{db} dB", f"> {num(v, 2, comma)}", f"{num(v, 1, comma)}", "20 %"])


BANDS = ["B04/B08", "B08 and B04", "B8A, B11", "B03/B08", "B12, B8A", "VV/VH", "VH", "B02, B03, B04"]
INDICES = ["NDVI", "NDWI", "NBR", "NDSI", "EVI", "RVI", "NDMI"]

TEMPLATES = {
    "en": [
        "Compute the {i} from {b} for {c} {d} and mask pixels below {t}.",
        "Show me a median {i} composite over {c} {d}; keep only values above {t}.",
        "Flood mapping with Sentinel-1 ({b}) for the area {c}, {d}, threshold {t}.",
        "I need an {i} time series {d}, AOI {c}, cloud cover < 20 %, export as GeoTIFF.",
        "Please map {i} ({b}) in {c} {d} and count the days above {t}.",
    ],
    "de": [
        "Berechne den {i} ({b}) für das Gebiet {c} {d} und maskiere Werte unter {t}.",
        "Bitte eine Hochwasserkarte aus Sentinel-1 {b} für {c}, {d}, Schwellwert {t}.",
        "Zeige den mittleren {i} {d} im Bereich {c}; Wolkenbedeckung unter 20 %.",
    ],
    "fr": [
        "Calcule le {i} ({b}) sur la zone {c} {d}, avec un seuil de {t}.",
        "Je voudrais une carte des inondations Sentinel-1 ({b}) pour {c} {d}, seuil {t}.",
        "Montre la médiane du {i} {d} pour l'emprise {c}.",
    ],
    "nl": [
        "Bereken de {i} ({b}) voor het gebied {c} {d}, drempel {t}.",
        "Maak een overstromingskaart met Sentinel-1 {b} voor {c} {d}, drempelwaarde {t}.",
        "Toon de mediane {i} {d} binnen {c}.",
    ],
    "es": [
        "Calcula el {i} ({b}) para la zona {c} {d}, umbral {t}.",
        "Quiero un mapa de inundaciones con Sentinel-1 ({b}) en {c} {d}, umbral {t}.",
        "Muestra la mediana del {i} {d} en el área {c}.",
    ],
}


def make_case(idx: int, seed: int = SEED) -> Case:
    rng = random.Random(seed * 1_000_003 + idx)
    name = NOTATION_NAMES[(idx // 2) % len(NOTATION_NAMES)]
    lang = rng.choice(LANGS)
    out = NOTATIONS[name](rng, lang)
    text, kind, truth, r = out[:4]
    if len(out) > 4:
        lang = out[4]
    sentence = rng.choice(TEMPLATES[lang]).format(
        c=text, d=date_phrase(rng, lang), i=rng.choice(INDICES), b=rng.choice(BANDS), t=threshold(rng, lang)
    )
    return Case(idx, "dev" if idx % 2 == 0 else "held", name, lang, sentence, kind, truth, r)


def generate(n: int = N_CASES, seed: int = SEED) -> list[Case]:
    return [make_case(i, seed) for i in range(n)]


# --- scoring ----------------------------------------------------------------------------------------
def check(case: Case, got) -> tuple[bool, str]:
    """(passed, why) for one case and the `Coordinates | None` the extractor returned."""
    if case.kind == "none":
        return got is None, "" if got is None else f"returned {got.bbox}"
    if got is None:
        return False, "nothing returned"
    w, s, e, n = got.bbox
    tw, ts, te, tn = case.truth  # type: ignore[misc]
    if case.kind == "bbox":
        dx, dy = 0.02 * (te - tw), 0.02 * (tn - ts)
        ok = abs(w - tw) <= dx and abs(e - te) <= dx and abs(s - ts) <= dy and abs(n - tn) <= dy
        return ok, "" if ok else f"box {tuple(round(v, 4) for v in got.bbox)} vs {tuple(round(v, 4) for v in case.truth)}"  # type: ignore[union-attr]
    tol = 1e-4
    inside = w - tol <= tw <= e + tol and s - tol <= ts <= n + tol
    r = case.radius_m or 0.0
    rlat = r / 111_320.0
    rlon = r / (111_320.0 * max(0.05, math.cos(math.radians(ts))))
    small = (e - w) <= 2.2 * rlon + 2 * tol and (n - s) <= 2.2 * rlat + 2 * tol
    ok = inside and small
    return ok, "" if ok else f"got {tuple(round(v, 5) for v in got.bbox)} for point {(tw, ts)} r={r}"


def radius_honoured(case: Case, got) -> bool | None:
    """For a point with a radius (added after the first run, reported apart from the pass/fail score): the returned
    box is the circle's bounding box within 2 % of its size. None for cases without a radius."""
    if case.kind != "point" or not case.radius_m:
        return None
    if got is None:
        return False
    lon, lat = case.truth[0], case.truth[1]  # type: ignore[index]
    dlat = case.radius_m / 110_570.0
    dlon = case.radius_m / (111_320.0 * max(math.cos(math.radians(lat)), 0.05))
    want = (lon - dlon, lat - dlat, lon + dlon, lat + dlat)
    return all(abs(g - w) <= 0.02 * 2 * d for g, w, d in zip(got.bbox, want, (dlon, dlat, dlon, dlat), strict=True))
