"""An area named by a town's adjective and a noun: "het Rotterdamse havengebied", "Hamburger Hafen", "Kieler Förde",
"l'agglomération lyonnaise", "l'area portuale genovese", "la huerta murciana", "el área metropolitana bilbaína".

The adjective is the town's name with a suffix of its language (Dutch -se, German -er, French -ais/-ois/-ain/-ien,
Italian -ese/-ino/-ano, Spanish -ino/-ano/-ense/-és/-eño, each with its gender and number endings). `split` reads
such a phrase into its adjective and its noun, and `stems` gives the beginnings of the town names the adjective can
come from ("lyonnaise" -> "lyonn", "lyon"; "munchner" -> "munchn", "munchen"): the gazetteer takes the most
populous town whose name is one of them plus at most a few letters (`MAX_TAIL`: "genov" + "a", "havr" + "e"). The
noun is not needed to find the place: the area is the town's (its port, its centre, its hinterland around it).
"""

from __future__ import annotations

import re
import unicodedata

from pydantic import BaseModel

from tools.regions import fold

MIN_STEM = 4  # "kiel", "lyon", "bari"
MAX_TAIL = 2  # letters a town's name has beyond the adjective's stem: "triest" + "e", "granad" + "a", "antwerp" + "en" (with 3, "voisine" was Voiron)
MIN_POPULATION = 20_000  # a town with an adjective of its own that names an area

# the nouns of a town's area written after a Romance adjective or before it, in French, Italian, Spanish and English
# ("agglomération lyonnaise", "area portuale genovese", "huerta murciana"), folded
ROMANCE_AREA_NOUNS = (
    "agglomeration",
    "aire urbaine",
    "aire metropolitaine",
    "metropole",
    "port",
    "banlieue",
    "region",
    "bassin",
    "plaine",
    "campagne",
    "peripherie",
    "zone portuaire",
    "zone industrielle",
    "centre ville",
    "area metropolitana",
    "area portuale",
    "area urbana",
    "zona portuale",
    "zona industriale",
    "porto",
    "hinterland",
    "periferia",
    "pianura",
    "campagna",
    "cintura",
    "centro storico",
    "citta metropolitana",
    "agro",
    "laguna",
    "area",
    "puerto",
    "huerta",
    "vega",
    "campina",
    "cuenca",
    "comarca",
    "zona metropolitana",
    "zona portuaria",
    "conurbacion",
    "extrarradio",
    "bahia",
    "ria",
)
# the nouns of a town's area after a Dutch or German adjective, folded (any single noun is read as well when the
# whole phrase names nothing: "Leipziger Neuseenland")
GERMANIC_AREA_NOUNS = (
    "haven",
    "havens",
    "havengebied",
    "binnenstad",
    "regio",
    "omgeving",
    "agglomeratie",
    "stadsgewest",
    "hafen",
    "hafens",
    "hafengebiet",
    "umland",
    "innenstadt",
    "stadtgebiet",
    "raum",
    "ballungsraum",
    "forde",
    "bucht",
    "becken",
)
# the nouns of a part of the town itself (its port, its centre, its airport), folded, before the town or after it
# ("Hafen Hamburg", "porto di Genova", "Flughafen München", "Hamburg port")
TOWN_PART_NOUNS = (
    "zone portuaire",
    "zona portuale",
    "area portuale",
    "zona portuaria",
    "zone industrielle",
    "zona industriale",
    "centre ville",
    "centro storico",
    "centro historico",
    "port",
    "porto",
    "puerto",
    "haven",
    "havens",
    "havengebied",
    "hafen",
    "hafens",
    "hafengebiet",
    "harbour",
    "harbor",
    "flughafen",
    "airport",
    "aeroport",
    "aeropuerto",
    "aeroporto",
    "luchthaven",
    "innenstadt",
    "altstadt",
    "binnenstad",
    "stadtgebiet",
    "downtown",
    "city centre",
    "city center",
)
# the nouns of the land around a town rather than of the town itself ("Münchner Umland", "la vega granadina", "Kieler
# Förde"): every area noun but the town's own parts; the town's box grown by SURROUNDINGS_KM on each side
SURROUNDING_NOUNS = (set(ROMANCE_AREA_NOUNS) | set(GERMANIC_AREA_NOUNS)) - set(TOWN_PART_NOUNS)
SURROUNDINGS_KM = 5.0

# the suffixes of town adjectives, longest first within each language, with their gender and number endings
_ROMANCE_SUFFIXES = (
    # French
    "aises",
    "aise",
    "ais",
    "oises",
    "oise",
    "ois",
    "aines",
    "aine",
    "ain",
    "iennes",
    "ienne",
    "iens",
    "ien",
    "ines",
    "ine",
    "ins",
    "in",
    # Italian and Spanish
    "esi",
    "ese",
    "ense",
    "enses",
    "ini",
    "ine",
    "ino",
    "ina",
    "inos",
    "inas",
    "ani",
    "ane",
    "ano",
    "ana",
    "anos",
    "anas",
    "eno",
    "ena",
    "enos",
    "enas",
    "es",
    "esa",
    "esas",
    "eses",
    "ero",
    "era",
    "eros",
    "eras",
)
_NL_SUFFIXES = ("sche", "se")
_DE_SUFFIXES = ("er",)
_ARTICLES = ("", "le ", "la ", "les ", "l ", "den ", "de ", "el ", "il ", "lo ")

_ROMANCE_RE = re.compile(
    r"^(?:(?:the|la|le|les|l|el|los|las|il|lo|de|het|der|die|das)\s+)?(?P<noun>"
    + "|".join(sorted(ROMANCE_AREA_NOUNS, key=len, reverse=True))
    + r")\s+(?P<adj>[a-z]{4,})$"
)
_GERMANIC_RE = re.compile(
    r"^(?:(?:de|het|der|die|das|den|dem)\s+)?(?P<adj>[a-z]{3,}(?:se|sche|er))\s+(?P<noun>[a-z]{3,})$"
)


class TownArea(BaseModel):
    """A phrase read as a town's adjective and the noun of an area of the town."""

    adjective: str  # folded
    noun: str  # folded
    germanic: bool  # Dutch or German order (adjective first)


def split(phrase: str) -> TownArea | None:
    """'Rotterdamse havengebied' -> (rotterdamse, havengebied); 'agglomération lyonnaise' -> (lyonnaise,
    agglomeration); None for a phrase of another form."""
    key = fold(phrase)
    m = _ROMANCE_RE.match(key)
    if m and any(m.group("adj").endswith(s) for s in _ROMANCE_SUFFIXES):
        return TownArea(adjective=m.group("adj"), noun=m.group("noun"), germanic=False)
    m = _GERMANIC_RE.match(key)
    if m:
        return TownArea(adjective=m.group("adj"), noun=m.group("noun"), germanic=True)
    return None


def stems(area: TownArea) -> list[str]:
    """The beginnings of the town names the adjective may come from, most likely first."""
    adj = area.adjective
    suffixes = (_NL_SUFFIXES + _DE_SUFFIXES) if area.germanic else _ROMANCE_SUFFIXES
    out: list[str] = []
    for suffix in suffixes:
        if not adj.endswith(suffix) or len(adj) - len(suffix) < MIN_STEM - 1:
            continue
        stem = adj[: -len(suffix)]
        forms = [stem]
        if len(stem) >= 2 and stem[-1] == stem[-2]:  # "lyonnais", "rennais": a doubled consonant before the suffix
            forms.append(stem[:-1])
        if area.germanic and len(stem) >= 2 and stem[-1] == "n" and stem[-2] not in "aeiou":
            forms.append(stem[:-1] + "en")  # "Münchner", "Dresdner": the -en of the name is dropped before -er
        if not area.germanic and stem.endswith("i"):
            forms.append(stem[:-1])  # "parisien": "paris" + "ien"
        for f in forms:
            if len(f) >= MIN_STEM - 1 and f not in out:
                out.append(f)
    return out


# the countries whose towns a language's adjective names: "Gelderse" (of Gelderland) is no adjective of Geldern in
# Germany, "nantaise" none of Nantong
DUTCH_COUNTRIES = frozenset({"NL", "BE", "SR"})
GERMAN_COUNTRIES = frozenset({"DE", "AT", "CH", "LU", "LI"})
ROMANCE_COUNTRIES = frozenset(
    {
        "FR",
        "BE",
        "CH",
        "LU",
        "MC",
        "CA",
        "IT",
        "SM",
        "ES",
        "PT",
        "AD",
        "MX",
        "AR",
        "CO",
        "CL",
        "PE",
        "VE",
        "EC",
        "BO",
        "PY",
        "UY",
        "CU",
        "DO",
        "GT",
        "HN",
        "SV",
        "NI",
        "CR",
        "PA",
    }
)


def countries(area: TownArea) -> frozenset[str]:
    """The countries the town of the adjective lies in, by the language its suffix is of."""
    if not area.germanic:
        return ROMANCE_COUNTRIES
    return DUTCH_COUNTRIES if area.adjective.endswith(_NL_SUFFIXES) else GERMAN_COUNTRIES


def prefixes(area: TownArea) -> list[str]:
    """The stems with the articles a town's name may start with ("le havre" for "havrais", "den haag" for
    "haagse"), each a folded prefix of the town names to look up."""
    return [a + s for s in stems(area) for a in _ARTICLES if len(s) >= MIN_STEM or a]


def named_like(key: str, prefix: str) -> bool:
    """A town's folded name is the prefix plus at most MAX_TAIL letters (one word beyond its article)."""
    return key.startswith(prefix) and len(key) - len(prefix) <= MAX_TAIL and " " not in key[len(prefix) :]


def _flat(text: str) -> str:
    """The text in lower case without accents, one character for each of the text's (so that spans carry over)."""
    out = []
    for ch in text.lower():
        base = unicodedata.normalize("NFKD", ch)[:1] if not ch.isascii() else ch
        out.append(base if base and base.isascii() else ch)
    return "".join(out)


_ROMANCE_IN_TEXT = re.compile(
    r"(?<![\w-])(?P<noun>"
    + "|".join(n.replace(" ", r"\s+") for n in sorted(ROMANCE_AREA_NOUNS, key=len, reverse=True))
    + r")\s+(?P<adj>[a-z]{4,})(?![\w-])"
)


def romance_phrases(text: str) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of each area written with a town's adjective in lower case in `text` ("l'agglomération
    lyonnaise", "il porto triestino", "la huerta murciana"): an area noun followed by an adjective with a town
    adjective's suffix. Whether the adjective is a town's is the gazetteer's to say."""
    flat = _flat(text)
    out = []
    for m in _ROMANCE_IN_TEXT.finditer(flat):
        if any(m.group("adj").endswith(s) for s in _ROMANCE_SUFFIXES) and m.group("adj") not in _NOT_TOWN_ADJECTIVES:
            out.append((m.start(), m.end(), text[m.start() : m.end()]))
    return out


# adjectives with a town adjective's ending that say something else of an area: "area urbana", "zona metropolitana"
_NOT_TOWN_ADJECTIVES = {
    "urbana",
    "urbano",
    "urbaine",
    "urbain",
    "metropolitana",
    "metropolitano",
    "metropolitaine",
    "metropolitain",
    "interna",
    "interno",
    "externa",
    "esterna",
    "marina",
    "marino",
    "montana",
    "montano",
    "costera",
    "costiera",
    "fluviale",
    "lagunare",
    "mediterranea",
    "mediterraneo",
    "mediterraneen",
    "mediterraneenne",
    "cittadina",
    "ciudadana",
    "humana",
    "lontana",
    "cercana",
    "vicina",
    "vecina",
    "prochaine",
    "lointaine",
    "entera",
    "intera",
    "entiere",
    "pianeggiante",
    "certaine",
    "certain",
    "francaise",
    "anglaise",
    "italiana",
    "espanola",
    "tedesca",
    "alemana",
    "americaine",
    "americana",
    "africaine",
    "africana",
    "europeenne",
    "europea",
    "asiatica",
    "inglese",
    "olandese",
    "francese",
    "portuguesa",
    "portoghese",
    "neerlandaise",
    "hollandaise",
}


# a town's port, airport or centre named by the noun before the town, in six languages ("Hafen Hamburg", "porto di
# Genova", "puerto de Valencia", "haven van Antwerpen", "port de Marseille", "Flughafen München") or after it in
# English ("Hamburg port"), folded: the area is the town's
_TOWN_PART_LEAD = re.compile(
    r"^(?:(?:le|la|l|el|il|lo|de|het|der|die|das|the)\s+)?(?:" + "|".join(TOWN_PART_NOUNS) + r")\s+"
    r"(?:(?:de la|de|du|des|di|del|dello|della|van|von|of|d)\s+)?(?P<town>[a-z].+)$"
)
_TOWN_PART_TAIL = re.compile(r"^(?P<town>[a-z].+?)\s+(?:port|harbour|harbor|airport|downtown|city centre|city center)$")


def town_of_part(phrase: str) -> str | None:
    """The town a port, airport or centre phrase names ("Hafen Hamburg" -> "hamburg"), folded, or None."""
    key = fold(phrase).replace("'", " ").replace("\u2019", " ")
    key = re.sub(r"\s+", " ", key).strip()
    m = _TOWN_PART_LEAD.match(key) or _TOWN_PART_TAIL.match(key)
    return m.group("town").strip() if m else None
