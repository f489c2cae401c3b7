"""Where a request is: explicit coordinates, or place phrases to look up with find_place.

- `find_coordinates(text)` (from `coords`): points, boxes and polygons in any notation and CRS.
- `place_candidates(text)`: place phrases, most specific first, for the gazetteer.
- `parse_place_result(text)`: the find_place tool's answer as a `PlaceHit`.
- AOI helpers: area in km², padding by km, clamping to an area, directional halves.
"""

from __future__ import annotations

import math
import re

from pydantic import BaseModel

from agent.planner.coords import Coordinates, find_coordinates  # noqa: F401 (re-exported)
from agent.planner.hazards import is_event_word
from agent.planner.i18n import normalize, strip_accents, unify
from agent.planner.languages import answer_language
from agent.planner.vocabulary import is_vocabulary
from tools import town_adjectives

BBox = tuple[float, float, float, float]  # west, south, east, north (EPSG:4326)


class PlaceHit(BaseModel):
    name: str
    bbox: BBox
    kind: str = ""  # "city", "country", "region", ...
    polygons: list[list[tuple[float, float]]] | None = None  # the outline, when find_place was asked for it
    alternatives: list[str] = []  # namesakes elsewhere ("Valencia, Venezuela (pop. 1.4M)")

    @property
    def is_large(self) -> bool:
        return self.kind.split(",")[0].strip().lower() in {"country", "continent", "state", "admin1"} or area_km2(self.bbox) > 50_000


# --- place phrases ---------------------------------------------------------------------------

STOP_CAPS = {
    # words that start sentences or name data, never places
    "can", "could", "would", "please", "give", "show", "make", "compute", "calculate", "create", "map",
    "i", "i'd", "we", "my", "me", "the", "a", "an", "and", "or", "for", "of", "in", "on", "from", "to",
    "with", "quick", "urgent", "hi", "hello", "bonjour", "hallo", "hola", "kannst", "du", "mir", "j'aimerais",
    "une", "un", "la", "le", "les", "de", "des", "der", "die", "das", "het", "een", "el", "los", "las",
    "ndvi", "evi", "savi", "ndwi", "mndwi", "ndmi", "nbr", "dnbr", "ndsi", "ndbi", "gndvi", "ndre", "ndci",
    "sentinel", "sentinel-1", "sentinel-2", "sentinel-3", "sentinel-5p", "landsat", "copernicus",
    "copernicus-höhenmodell", "esa", "worldcover", "olci", "slstr", "tropomi", "lst", "no2", "co", "o3",
    "so2", "ch4", "dem", "glo-30", "copernicus_30", "rgb", "nir", "swir", "scl", "cld", "snw", "aot", "wvp", "tci", "b8a", "hcho", "utm", "epsg", "geotiff",
    "csv", "json", "netcdf", "dana", "enhanced", "vegetation", "index", "normalized", "difference",
    "mean", "median", "maximum", "minimum", "monthly", "daily", "weekly", "time", "series", "burn",
    "severity", "snow", "cover", "true", "false", "colour", "color", "top-of-atmosphere", "level-1c",
    "level-2a", "deforestation", "check", "how", "what", "where", "when", "which", "is", "are", "it's",
    "it", "there", "so", "clip", "reproject", "composite", "cloud", "cloud-free", "land",
    "surface", "temperature", "nitrogen", "dioxide", "flood", "hillshade", "elevation", "slope",
    "tree-cover", "class", "lon", "lat", "lon/lat", "lat/lon", "zone", "north", "south", "east", "west",
    "b02", "b03", "b04", "b05", "b08", "b11", "b12", "vv", "vh", "compare", "use", "same", "now", "then",
    "also", "zoom", "yes", "no", "ok", "thanks", "thank", "you", "let's", "do", "try", "instead",
    "hangneigungskarte", "erstellen", "gegend", "um", "und", "pour", "sous", "forme", "carte", "autour", "december", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "level", "l1c", "l2a", "mask", "masked", "infrared",
    # product and processing-level words of the collections ("Sentinel-1 GRD" looked up Grenada's code)
    "grd", "slc", "ocn", "iw", "ew", "msi", "sar", "toa", "boa", "l1b", "l2", "l3", "ard", "sigma0", "gamma0",
    "dry", "season", "growing", "reference", "period", "threshold", "pre-fire", "post-fire", "wildfires",
    "enhanced vegetation index", "give me", "deforestation check", "matterhorn",
    # capitalised data and sentence words in German, French, Dutch and Spanish
    "monatliche", "mittelwerte", "mittelwert", "mittlere", "brandschwere", "waldbrand", "hochwasserkarte", "schneebedeckung",
    "bodenfeuchte", "bodenfeuchteänderung", "anzahl", "tage", "tagen", "oberflächentemperatur", "landoberflächentemperatur",
    "zeitreihe", "echtfarben", "echtfarben-komposit", "komposit", "referenz", "zielzeitraum", "hangneigung", "schummerung",
    "sonne", "höhe", "landbedeckung", "anteil", "wald", "acker", "fläche", "feld", "ecken", "insel", "bereich", "differenz",
    "berechne", "markiere", "wasser", "schnee", "rückstreuung", "änderung", "change", "detection", "nachher", "vorher",
    "wolkenfreies", "zeig", "bitte", "überflutung", "ndvi-zeitreihe", "ndvi-differenz", "ndvi-median",
    "gemittelt", "stadt", "hitzetage", "wie", "welche", "indice", "température", "série", "nombre", "combien",
    "moyenne", "inondations", "différence", "ombrage", "azimut", "hauteur", "rapport", "parcelle", "fais-moi", "écart-type",
    "overstromingskaart", "gemiddelde", "maak", "ware", "kleuren", "verschil", "aandeel",
    "bos", "welk", "maximale", "oppervlaktetemperatuur", "dagelijkse", "tijdreeks", "hoeveel", "wat", "mapa",
    "temperatura", "serie", "índice", "severidad", "pendiente", "concentración", "media", "fusión", "cambio", "humedad",
    "sombreado", "cuántos", "cuál", "qué", "ratio", "estadísticas", "desviación", "percentil", "mediana", "multi-sensor", "max-ndvi", "best-pixel", "s1", "s2", "rvi", "oil", "smooth", "dekadal", "count",
    "detect", "fuse", "combine", "build", "land-cover", "temporal", "statistics", "possible", "radar", "share",
    "shares", "percentage", "fraction",
    # the name of Eurostat's classification before a region's code ("NUTS-2 region BE10")
    "nuts", "nuts-1", "nuts-2", "nuts-3", "nuts1", "nuts2", "nuts3",
}
STOP_CAPS.discard("matterhorn")  # a mountain is a place; listed above only to keep the set readable

ARTICLES = {"an", "la", "le", "los", "las", "el", "al", "den", "san", "st"}
KEEP_MID = {"can", "do", "so", "no", "is", "it", "new", "north", "south", "east", "west"}
PREPS = r"(?:in|around|near|over|of|for|at|outside|across|from|to|between|covering|within|" \
        r"autour de|de|du|des|en|sur|um|bei|im|in der|für|rond|nabij|bij|cerca de|alrededor de|en el|en la)"

FEATURE_WORDS = {
    "valley", "lagoon", "delta", "forest", "province", "region", "county", "district", "state",
    "grasslands", "grassland", "estates", "fields", "farmland", "area", "city", "mountains", "mountain",
    "national park", "park", "lake", "bay", "coast", "island", "basin", "plain", "plains", "river",
    "metropolitan area", "wetlands", "reserve",
}
GENERIC_LEAD = re.compile(
    r"^(?:the\s+)?(?:(?:farmland|farms?|fields?|wheat fields?|rice paddies|oil-palm estates|estates|"
    r"grasslands?|forest|city|town|centre|center|area|region|surroundings|outskirts|city of|town of|"
    r"national capital territory of|capital territory of|"
    r"rice paddies of|suburbs of)\s+(?:of\s+|in\s+|around\s+|near\s+)?)+", re.I)
# "the province of Utrecht", "the state of Victoria", "the municipality of Oslo" keep their kind word: find_place
# reads it and picks the province, not the city (as it does for "provincie Utrecht", "county of Kent")


def _demonym_word(word: str) -> bool:
    """A capitalised people's adjective ("Spanish", "Italian", "Chinese"), never a place of its own; a name that only
    ends like one ("Kasese", "Varese", "Genese") is one when it is a listed country adjective only."""
    from tools.places import DEMONYMS
    from tools.regions import fold

    low = word.lower()
    return low.endswith(("ish", "ian")) or (low.endswith("ese") and fold(word) in DEMONYMS)


def _demonym_of(word: str) -> bool:
    from tools.places import DEMONYMS
    from tools.regions import fold

    return fold(word) in DEMONYMS


def _clean(phrase: str) -> str:
    phrase = phrase.strip(" ,.;:()[]'\"-/")
    if not town_adjectives.split(phrase):  # "area portuale livornese" is Livorno's port area, not "portuale livornese"
        phrase = GENERIC_LEAD.sub("", phrase).strip(" ,.;:()-/")
    phrase = re.sub(r"^(?:the|The|la|le|les|l'|de|du|el|het|de la|der|die|das)\s+", "", phrase)
    phrase = re.sub(r"^[ld]['\u2019](?=\w)", "", phrase, flags=re.I)  # "l'Aquila", "d'Aix": the elided article or de
    return phrase.strip()


# a compound capitalised only for its first letter ("Ware-kleurenbeeld", "Falschfarben-komposit", "Vrai-couleur"): a
# product noun at a sentence start, never a name, whose later parts are capitalised ("Emilia-Romagna", "Aix-en-Provence")
COMMON_COMPOUND = re.compile(r"[A-ZÀ-Þ][a-zß-ÿ]+(?:-[a-zß-ÿ]+)*-[a-zß-ÿ]{4,}")


# capitalised statistic and time adjectives (and a few data nouns) that open a German, Dutch, Italian or Spanish
# request ("Mittlerer NDVI je Gemeinde", "Jährliche Summe", "Hoogste NDVI", "Minimo NDWI"), in the forms a request
# inflects them to: never a place
SENTENCE_ADJECTIVES = {
    "mittlere", "maximale", "minimale", "durchschnittliche", "gesamte", "jährliche", "jahrliche", "monatliche",
    "wöchentliche", "tägliche", "höchste", "niedrigste", "mediane", "kumulierte", "saisonale", "aktuelle", "neueste",
    "gemiddelde", "hoogste", "laagste", "totale", "jaarlijkse", "maandelijkse", "wekelijkse", "dagelijkse",
    "mediaan", "maximaal", "minimaal", "gemiddeld", "cumulatieve", "seizoensgebonden", "recente",
    "zonale", "relative", "absolute", "prozentuale", "räumliche", "zeitliche", "niederschläge", "niederschlag",
    "minimo", "minima", "massimo", "massima", "medio", "mínimo", "mínima", "máximo", "máxima",
}
# the endings a German adjective takes after its base in -e ("mittlere" -> "Mittlerer", "Maximalen", "Gesamtes")
GERMAN_ADJECTIVE_ENDINGS = ("r", "n", "s", "m")


# compass words written after a name as part of it, in the languages that put them there ("L'Horta Sud", "Hamburg
# Nord", "Ribera Norte"); English "North" and the words already kept ("Sur", "Noord", "Oost") are not listed
NAME_COMPASS_WORDS = {"Sud", "Nord", "Norte", "Süd", "Ost", "Oest"}
_TRAILING_COMPASS = re.compile(r"^(?P<name>.+?)[\s-]+(?:Sud|Nord|Norte|Süd|Sur|Ost|Oest|Est|Ovest|Noord|Zuid|Oost)$")


def without_compass(phrase: str) -> str | None:
    """'Valencia Nord' -> 'Valencia': a place phrase without the compass word written after it, to look up when the
    phrase as a whole is no name."""
    m = _TRAILING_COMPASS.match(phrase)
    return m.group("name") if m else None


def _adjective_form(base: str) -> bool:
    """A capitalised sentence adjective of German or Dutch, in any of its inflected forms."""
    if base in SENTENCE_ADJECTIVES:
        return True
    # an adjective's base has five letters or more: "Wien" is no inflected "wie", "Ares" no "are", "Dien" no "die"
    return base.endswith(GERMAN_ADJECTIVE_ENDINGS) and base[:-1].endswith("e") and len(base) > 5 and base[:-1] in (
        SENTENCE_ADJECTIVES | {w for w in STOP_CAPS if w.endswith("e")})


def _is_place_word(w: str) -> bool:
    base = w.strip(" ,.;:()'\"").lower()
    if not base or re.fullmatch(r"[\d.°%-]+|[qh][1-4]", base):  # numbers, quarters and halves ("Q3", "H1")
        return False
    if COMMON_COMPOUND.fullmatch(w.strip(" ,.;:()'\"")):
        return False
    if _adjective_form(base):
        return False
    parts = [p for p in re.split(r"[-/]", base) if p]
    translated = normalize(base)
    if translated != base and is_vocabulary(translated):
        return False  # another language's word for a topic: "Incendios en Viña del Mar", "Inondations à Porto Alegre"
    return base not in STOP_CAPS and translated not in STOP_CAPS and not is_vocabulary(base) and not is_event_word(
        base) and not any(p in STOP_CAPS and p in DATA_WORDS for p in parts)


# words right before a place: prepositions of place in six languages ("near Lleida", "bei Ulm", "près de Lyon")
PLACE_PREPOSITIONS = re.compile(
    r"(?:\b(?:in|near|around|at|over|across|within|outside|between|and|of|off|along|"
    r"bei|um|im|am|nahe|zwischen|rund um|über|nach|"
    r"à|a|au|aux|en|dans|près de|autour de|entre|sur|vers|et|de|d'|du|"
    r"cerca de|alrededor de|junto a|y|"
    r"nabij|bij|rond|rondom|tussen|buurt van|"
    r"vicino a|intorno a|presso|nel|nella|nei|tra|fra)\s+"
    r"(?:(?:the|der|die|das|dem|den|des|la|le|les|el|los|las|het|il|lo)\s+|l'|l\u2019)?|[,(]\s*)$", re.I)
ARTICLE_BEFORE = re.compile(r"\b(?:der|die|das|den|dem|des|ein|eine|einer|einem|einen|eines|keine|mir|"
                            r"unser|unsere|unseren|meine|meinen|ihre)\s+(?:[a-zäöüß-]+\s+)?$")
GERMAN = re.compile(r"\b(?:und|der|die|das|für|mit|ich|wir|bitte|eine|einer|den|dem|zwischen|über)\b", re.I)
# "between" in six languages, with an article: the run after it names two places ("tussen Utrecht en Amersfoort")
BETWEEN_BEFORE = re.compile(r"(?<!\w)(?:between|zwischen|entre|tussen|tra|fra)\s+(?:(?:the|la|le|les|el|los|las|het|de|"
                            r"il|lo|der|dem|den)\s+|l'|l\u2019)?$", re.I)
# a comparison in six languages: the places joined by 'and' in it are compared, not one name ("Utrecht en Amersfoort")
COMPARING = re.compile(r"(?<![a-zà-ÿ])(?:compare|compared|comparing|comparison|vs\.?|versus|vergleich\w*|compar\w*|"
                       r"vergelijk\w*|confront\w*)(?![a-zà-ÿ])", re.I)
# a storm's name is not a place: "Storm Daniel", "Hurricane Ian", "Sturmtief Bernd"
NAMED_STORM = re.compile(r"\b(?:storm|hurricane|typhoon|cyclone|tropical storm|sturm|sturmtief|orkan|tempête|"
                         r"tormenta|huracán|ciclón|borrasca|orkaan|uragano|ciclone|tempesta)\s+$", re.I)
PLACE_SUFFIXES = ("tal", "see", "gebiet", "börde", "wald", "gebirge", "insel", "bucht", "küste", "land", "heide", "gau", "berg", "ufer")


DATA_WORDS = {"ndvi", "evi", "savi", "ndwi", "mndwi", "ndmi", "nbr", "dnbr", "ndsi", "ndbi", "sentinel", "landsat",
              "copernicus", "rgb", "dem", "lst", "no2", "esa", "olci", "slstr", "worldcover", "vv", "vh", "hh", "hv",
              "january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
              "december"}
CONNECTORS = {"de", "del", "do", "da", "of", "la", "le", "y", "and", "von", "van", "du", "des", "di", "en", "sur", "upon", "am",
              "op", "aan", "ob",
              "der", "dos", "das", "al", "el", "les", "della", "delle", "dei", "degli", "den", "los", "las"}
# lower-case feature words written before a capitalised name: "l'île de Ré", "the isle of Skye", "lago di Garda"
FEATURE_LEAD = re.compile(r"(?:^|[\s'’(])((?:île|ile|isla|isle|insel|isola|ilha|îles|iles|islas|isole|inseln|ilhas|r[ií]a|lac|lake|lago|mont|monte|gorges|massif|golfe|"
                          r"golfo|gulf|bay|baie|sierra|montes|monts|monti|valle|vall[ée]e|vallei|parc national|parque nacional|parco nazionale|nationaal park|national park|nationalpark|"
                          # protected areas: "parc naturel régional du Vercors", "parque natural da Serra da Estrela"
                          r"parc naturel(?: r[ée]gional)?|parque natural|parco (?:naturale|regionale)(?: regionale)?|"
                          r"naturpark|natuurpark|natuurreservaat|naturschutzgebiet|nature reserve|natural park|"
                          r"r[ée]serve naturelle|reserva natural|riserva naturale|"
                          r"provincie|province|provincia|county|"
                          # the administrative units and landforms of six languages, written in lower case before the
                          # name ("la région de Diffa", "el departamento de Santa Cruz", "la contea di Kern", "le delta
                          # intérieur du Niger", "el glaciar Perito Moreno", "el volcán Villarrica", "the state of Pará")
                          r"r[ée]gion|regi[oó]n|regione|departamento|d[ée]partement|department|district|distrito|"
                          r"distretto|estado|[ée]tat|stato|staat|bundesstaat|deelstaat|contea|comt[ée]|condado|shire|"
                          r"regency|kabupaten|municipio|comune|glaciar|glacier|ghiacciaio|gletscher|gletsjer|volc[aá]n|"
                          r"vulcano|vulkan|volcano|delta(?: int[ée]rieur)?|desierto|d[ée]sert|deserto|woestijn|laguna|"
                          r"salar|embalse|lagune|lagoa|territoire|state|region|territory|stuwmeer|talsperre|invaso|retenue)"
                          r"(?:(?:\s+(?:de|du|des|of|of the|di|del|de la|do|da|della|dello|van|van de|van het|von|von der))?\s+|"
                          r"\s+(?:d|dell|de l)['\u2019]))$", re.I)
# the same words written in lower case after the name: "Dadu district", "the Ganges delta", "Morowali regency"
# kind words written after a name that belong to it ("Chikwawa district", "Evros delta", "Kariba stuwmeer")
_TRAIL_WORDS = (r"district|county|province|state|region|regency|shire|prefecture|governorate|municipality|department|"
                r"delta|glacier|volcano|desert|national park|wetlands|salt flat|reservoir|stuwmeer")
FEATURE_TRAIL = re.compile(r"\s+(" + _TRAIL_WORDS + r")(?![\w-])")


# a landscape noun that is also a land-cover word, after the capitalised adjective of a name: "Bayerischer Wald",
# "Thüringer Wald", "Oberpfälzer Wald", "Amsterdamse Bos" are names, not "Bayerischer" and the class "Wald"
LANDSCAPE_NOUNS = {"wald", "bos"}
NAME_ADJECTIVE = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'-]*(?:er|isch(?:e|er|es|en)?|se)$")


# a Dutch or German town's adjective ("Rotterdamse", "Hamburger") and the lower-case noun of the town's area after it
TOWN_ADJECTIVE = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'-]{2,}(?:se|er)$")
TOWN_AREA_TRAIL = re.compile(r"\s+(" + "|".join(town_adjectives.GERMANIC_AREA_NOUNS) + r")(?![\w-])")


# a compass word after a connector ends a name: "Afrique du Sud", "Corea del Sur", "Rio Grande do Sul", "Kivu du Nord"
COMPASS_ENDS = {"sud", "sur", "sul", "nord", "norte", "est", "este", "ouest", "oeste", "noord", "zuid"}


def _compass_name(words: list[str]) -> bool:
    return len(words) >= 3 and words[-1].lower() in COMPASS_ENDS and words[-2].lower() in {"du", "del", "do", "da", "de", "di"}


# German feature words in the genitive after "des" / "der": "die Aschewolke des Vulkans Popocatépetl", "Pegel des Tanasees"
GENITIVE_FEATURES = {"vulkans", "nationalparks", "gletschers", "gebirges", "sees", "flusses", "deltas", "bundesstaates",
                     "bundesstaats", "staates", "landkreises", "bezirks", "kantons", "departements", "distrikts"}


def _genitive_feature(words: list[str]) -> int | None:
    """The index of the feature word after "des"/"der" in a capitalised run of German nouns, or None."""
    for i in range(1, len(words) - 2):
        if words[i] in ("des", "der") and words[i + 1].lower() in GENITIVE_FEATURES:
            return i + 1
    return None


def _town_area(words: list[str]) -> bool:
    """ "Stuttgarter Umland", "Bremer Hafen": a town's adjective and a German noun of the town's area."""
    from tools.regions import fold

    return len(words) >= 2 and bool(TOWN_ADJECTIVE.match(words[-2])) and fold(words[-1].strip(" ,.;:")) in \
        town_adjectives.GERMANIC_AREA_NOUNS


def _adjective_landscape(words: list[str]) -> bool:
    return len(words) >= 2 and words[-1].strip(" ,.;:").lower() in LANDSCAPE_NOUNS and bool(NAME_ADJECTIVE.match(words[-2]))


# ISO 3166-1 alpha-2 country codes and US state codes, written after a town as its qualifier ("poltava UA",
# "Ghent BE", "Flagstaff AZ"); find_place reads "Poltava, UA" as the town in that country or state
_ISO2 = set("""AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW
BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE
KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV
MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC
SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ
VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW UK""".split())
_US_STATES = set("""AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND
OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC""".split())
# the codes that are also words or acronyms of a request when written in capitals ("NO" of "NO clouds", "OK")
_CODE_WORDS = {"NO", "OK", "IS", "IT", "IN", "AS", "AT", "TO", "OR", "ME", "MY", "BE", "DO", "SO", "AM", "ID", "US"}
_CODE_AFTER = re.compile(r"(?<=[^\W\d_])\s+([A-Z]{2})(?=\s*(?:[,;.)\]/(]|$)|\s+(?:in|for|from|during|between|im|en|au|"
                         r"del|dal|van|von|de|da|tra|entre|zwischen|tussen)\s)")
_CODE_LEAD = re.compile(r"^(?:around|near|in|at|for|of|over|bei|um|im|für|von|autour de|pres de|près de|à|a|de|du|"
                        r"en|pour|sur|rond|bij|voor|van|cerca de|alrededor de|para|vicino a|intorno a|di|per|su)$", re.I)


def with_code_qualifier(t: str) -> str:
    """ "GNDVI, poltava UA, May 2023" -> "GNDVI, Poltava, UA, May 2023": a town (up to three words back to the last
    punctuation or preposition) followed by a country or US state code is that town qualified by the code."""
    out, last = [], 0
    for m in _CODE_AFTER.finditer(t):
        code = m.group(1)
        if code not in _ISO2 | _US_STATES:
            continue
        before = t[last:m.start()]
        seg_start = max(before.rfind(c) for c in ",;:(\n") + 1
        words = before[seg_start:].split()
        name: list[str] = []
        for w in reversed(words[-3:]):
            if _CODE_LEAD.match(w) or any(ch.isdigit() for ch in w) or (w.isupper() and len(w) > 1):
                break
            name.insert(0, w)
        # a capital word acronym-like before it ("NDVI IT") or no name: not a qualifier
        if not name or (code in _CODE_WORDS and not name[-1][:1].isupper()):
            continue
        if code in _CODE_WORDS and not any(w[:1].isupper() for w in name):
            continue
        text = " ".join(name)
        start = last + seg_start + before[seg_start:].rfind(text)
        out.append(t[last:start])
        out.append(" ".join(w[:1].upper() + w[1:] if w.islower() and len(w) > 2 else w for w in name) + ", " + code)
        last = m.end()
    out.append(t[last:])
    return "".join(out)


# a month's abbreviation next to a year, a day or another month, in six languages: a date, never a place ("Dec 2019",
# "15 Jan", "Sept-Oct", "Okt. 2023", "janv. 2024", "mrt 2022", "ene-abr", "15 ott"); "Mar Menor" stays a name
_MONTH_ABBR = (r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Jän|Mär|Okt|Dez|Janv|Févr|Fév|Avr|Juil|Déc|Mrt|"
               r"Ene|Abr|Ago|Dic|Gen|Giu|Lug|Set|Ott)")
MONTH_ABBREVIATION = re.compile(
    r"(?<![\w])" + _MONTH_ABBR + r"\.?(?=\s*(?:'?\d{2}\b|\d{4}|\d{1,2}\b|[-–/]\s*" + _MONTH_ABBR + r"\b))"
    r"|(?<=\d\s)" + _MONTH_ABBR + r"\b\.?|(?<=\d\.\s)" + _MONTH_ABBR + r"\b\.?"
    r"|(?<=[-–/])" + _MONTH_ABBR + r"\b")
# an English possessive of a country or region before a place: "Malawi's Chikwawa district" is "Chikwawa district,
# Malawi", "Kenya's Rift Valley" "Rift Valley, Kenya" (the place, qualified), not one name "Malawi Chikwawa"
POSSESSIVE_PLACE = re.compile(
    r"(?<![\w'\u2019])([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)['\u2019]s\s+([A-Z][\w-]*(?:\s+(?:de|del|of|la|le|[A-Z][\w-]*))*)"
    r"(\s+(?:" + _TRAIL_WORDS + r"))?(?![\w-])")
# a season or a weekday after a capitalised word: the name of an event ("the Black Summer", "Black Saturday")
EVENT_TAIL = re.compile(r"(?<!\w)(?:Summer|Winter|Spring|Autumn|Fall|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                        r"Sunday)$")


def place_candidates(text: str) -> list[str]:
    """Place phrases in the request, the most specific first ("Zahlé, Lebanon" before "Lebanon").

    Capitalised word runs (with the connectors of place names: de, del, do, da, of, la, ...) are
    the primary signal; an all-lower-case request falls back to the words after a preposition.
    """
    t = unify(text)
    t = MONTH_ABBREVIATION.sub(lambda m: m.group(0).lower(), t)  # "Dec 2019 - Jan 2020", "15 Okt", "Sept-Oct"
    t = POSSESSIVE_PLACE.sub(lambda m: f"{m.group(2)}{m.group(3) or ''}, {m.group(1)},", t)  # "Malawi's Chikwawa district"
    t = re.sub(r"\([^)]*\d[^)]*\)", " ", t)  # coordinate pairs and band lists are not places
    t = with_code_qualifier(t)  # "poltava UA", "Ghent BE": the town, qualified by its country (or US state) code
    # an elided article joins too: "Val d'Orcia", "Côte d'Azur", "Valle dell'Adige" are one name
    # two-word connectors first: "Piton de la Fournaise", "Sierra de las Nieves", "Cap de la Hague", "Bosque de los
    # Arrayanes", "Monti della Laga", "Valle de l'Adige" are one name each, not two places
    connector = (r"(?:\s+(?:de la|de las|de los|de le|van de|van der|van den|von der|von den|della|delle|dei|degli|"
                 # Dutch and German town names: "Bergen op Zoom", "Alphen aan den Rijn", "Rothenburg ob der Tauber"
                 r"aan den|aan de|aan|op|ob der|"
                 r"de|del|do|da|dos|das|di|du|des|of|la|le|les|am|an der|upon|sur|van|von|y|al|el|en|der)\s+|"
                 r"\s+(?:d|dell|de l|della)['\u2019]|\s+|-|'|\u2019)")
    word = r"(?<!\w)[A-ZÀ-ÖØ-ÞĀ-ſ][\w'\u2019.-]*"
    runs = []
    trails: list[tuple[int, int]] = []  # the spans of lower-case unit words a run took after its name
    weak: list[str] = []
    german = len(GERMAN.findall(t)) >= 2 or answer_language(text) == "de"  # one article is enough in German words
    for m in re.finditer(word + r"(?:" + connector + word + r")*", t):
        words = re.split(r"\s+", m.group(0))
        # trim non-place words at both ends
        sentence_start = m.start() == 0 or bool(re.search(r"[.!?:]\s*[¿¡]?$", t[:m.start()]))
        opens_sentence = sentence_start and _is_place_word(words[0])
        while words and not _is_place_word(words[0]) and not (
                len(words) > 1 and _is_place_word(words[1]) and (
                    words[0].lower() in ARTICLES or (words[0].lower() in KEEP_MID and not sentence_start))):
            words.pop(0)
            sentence_start = False
            while words and words[0] in CONNECTORS:
                words.pop(0)
        words = [re.sub(r"['\u2019]s$", "", w) for w in words]
        if all(p.lower() in STOP_CAPS or _demonym_word(p) for w in words for p in w.split("-") if p):
            continue
        while words and len(words[0]) == 1 and len(words) > 1:  # "°C en Sevilla": a unit letter, not a place
            words.pop(0)
            while words and words[0] in CONNECTORS:
                words.pop(0)
        while words and not _adjective_landscape(words) and not _town_area(words) and not _compass_name(words) and (not _is_place_word(words[-1]) or words[-1].lower() in
                         {"de", "del", "do", "da", "of", "la", "le", "y", "and", "von", "van", "du", "des", "di", "am",
                          "an", "der", "en", "et", "und", "bei", "near", "op", "aan", "ob"}) and not (
                             # "Bergen op Zoom": the name's last word after a Dutch connector, whatever it means alone
                             len(words) >= 3 and words[-2] in ("op", "aan") and words[-1][:1].isupper()) and not (
                             # "L'Horta Sud", "Hamburg-Nord", "Tirol Süd": a capitalised compass word after a name is
                             # part of it (a comarca's, a borough's); the look-up falls back to the name without it
                             len(words) >= 2 and words[-1].strip(" ,.;:") in NAME_COMPASS_WORDS and _is_place_word(words[-2])):
            words.pop()
        genitive = _genitive_feature(words) if german or len(words) > 2 else None
        if genitive:  # "Aschewolke des Vulkans Popocatépetl": the feature, not the noun it is the genitive of
            words = words[genitive:]
        if words and (NAMED_STORM.search(t[max(0, m.start() - 16):m.start()])
                      or NAMED_STORM.search(m.group(0).split()[0] + " ")):
            continue
        if len(words) == 1 and EVENT_TAIL.search(m.group(0)) and words[-1] != m.group(0).split()[-1]:
            continue  # "the Black Summer", "Black Saturday": an event's name, not a place called Black
        if words:
            lead = FEATURE_LEAD.search(t[max(0, m.start() - 40):m.start()])
            if lead and any(a <= max(0, m.start() - 40) + lead.start(1) < b for a, b in trails):
                lead = None  # "Dadu district of Sindh": the word ends the place before, it does not lead this one
            if lead and re.match(r"(?:state|region|territory)\b", lead.group(1), re.I) and re.search(
                    r"(?:\b[A-Z]{2}|U\.S\.|[A-Z][a-z]+)\s+$", t[:max(0, m.start() - 40) + lead.start(1)]):
                lead = None  # "the US state of Georgia", "the Brazilian state of Pará": the adjective qualifies the name
            if lead and words[0] == m.group(0).split()[0]:
                # a capitalised word of the lead was a run of its own: "Parc" of "Parc naturel régional du Vercors"
                lead_start = max(0, m.start() - 40) + lead.start(1)
                dropped = [r[1] for r in runs if r[2] > lead_start]
                runs = [r for r in runs if r[2] <= lead_start]
                weak = [w for w in weak if w not in dropped]
                lead_words = lead.group(1).split()
                if lead_words[-1].endswith(("'", "\u2019")):  # "l'île d'Oléron": the elided article sticks to the name
                    words = lead_words[:-1] + [lead_words[-1] + words[0]] + words[1:]
                else:
                    words = lead_words + words
            trail = FEATURE_TRAIL.match(t, m.end()) if words and words[-1] == m.group(0).split()[-1] else None
            run_end = m.end()
            area = TOWN_AREA_TRAIL.match(t, m.end()) if words and words[-1] == m.group(0).split()[-1] else None
            if area and TOWN_ADJECTIVE.match(words[-1]):
                # "het Amsterdamse havengebied", "de Antwerpse haven": the town's adjective and the noun of its area
                words, run_end, trail = [words[-1], area.group(1)], area.end(), None
            if trail and len(words) <= 4:
                words, run_end = [*words, trail.group(1)], trail.end()
                trails.append((trail.start(1), trail.end()))
            phrase = _clean(" ".join(words))
            if ADMIN_WORD.fullmatch(phrase):  # "l'État brésilien de Bahia": the kind word alone is no place
                continue
            if len(phrase.split()) == 2 and _demonym_of(phrase.split()[0]) and ADMIN_WORD.fullmatch(phrase.split()[1]):
                continue  # "the Kenyan county of Embu": a country's adjective and the kind word are no place either
            if phrase and _is_place_word(phrase) and len(phrase) > 1 and phrase.lower() not in STOP_CAPS:
                if BETWEEN_BEFORE.search(t[max(0, m.start() - 30):m.start()]) or COMPARING.search(t):
                    # "tussen Utrecht en Amersfoort", "entre Zaragoza y Huesca": two places, not one name with 'en'
                    ends = [_clean(x) for x in re.split(r"\s+(?:y|en|et|e|and|und)\s+", phrase, maxsplit=1)]
                    if len(ends) == 2 and all(ends) and ends[1][:1].isupper():
                        runs.append((m.start(), ends[0], m.start() + len(ends[0])))
                        phrase = ends[1]
                runs.append((m.start(), phrase, run_end))
                if _weak(t, m.start(), phrase, german, opens_sentence):
                    weak.append(phrase)
    from tools.places import DEMONYMS
    from tools.regions import fold

    for start, end, phrase in town_adjectives.romance_phrases(t):
        # "l'agglomération lyonnaise", "il porto triestino", "la huerta murciana": an area named by its town's adjective
        # (a country's adjective says where the unit after it is: "la région ivoirienne du Poro")
        if fold(phrase.split()[-1]) not in DEMONYMS and not any(a < end and start < b for a, _, b in runs):
            runs.append((start, phrase, end))
    runs.sort(key=lambda r: r[0])
    if not runs:
        for m in re.finditer(r"\b" + PREPS + r"\s+(?:the\s+)?([a-zà-ÿ][a-zà-ÿ' -]{2,40}?)(?=,|\.|;|$|\s+(?:for|in|on|"
                             r"during|from|with|between|last|this|since|using|at|after|before|until|to|over|and|near|around|"
                             r"look|looks|looked|is|was|were|\d))", t.lower()):
            phrase = _clean(m.group(1))
            words = phrase.split()
            if len(words) > 2 and words[0] in _NOT_ADJECTIVES and words[1] == "of":  # "the whole of belgium"
                words, phrase = words[2:], " ".join(words[2:])
            # "for the whole summer", "for the entire year": an adjective of extent first is no place
            if phrase and _is_place_word(words[0]) and words[0] not in _NOT_ADJECTIVES:
                runs.append((m.start(), phrase, m.end()))
    # "(the one in Andalusia, not California)", "nicht die in Kalifornien": a place the request rules out is no
    # place to look up (its country would vote for the wrong namesake)
    runs = [r for r in runs if not NEGATED_BEFORE.search(t[max(0, r[0] - 40):r[0]])]
    out: list[str] = []
    qualifiers: list[str] = []
    shared: dict[str, str] = {}
    group: list[str] = []  # the places joined by '/' or 'and' so far, which a qualifier after them all qualifies
    prev_end = -1
    for start, p, end in runs:
        # "Zahlé, Lebanon", "Kota Tinggi, Johor (Malaysia)": a place after a comma or a bracket that
        # does not continue a list ("Paiporta, Catarroja and ...") only says where the one before is
        qualifier = prev_end >= 0 and bool(QUALIFIER_GAP.fullmatch(t[prev_end:start])) and not re.match(
            r"\s*,?\s*(?:and|&|or|y|et|und|en)\s", t[end:end + 8]) and not SPAN_TO_AFTER.match(t[end:end + 16])
        if qualifier and group:
            # "Sutherland/Caithness, Scotland", "Sedaví and Catarroja, Valencia": the qualifier says where each is
            for sibling in group[:-1]:
                shared.setdefault(sibling, _clean(p))
        joined = prev_end >= 0 and bool(SIBLING_GAP.fullmatch(t[prev_end:start]))
        group = (group if joined or qualifier else []) + ([] if qualifier else [_clean(x) for x in re.split(r"\s*/\s*", p)])
        prev_end = end
        for part in re.split(r"\s*/\s*", p):
            part = _clean(part)
            if part and qualifier and part in out:  # "an der Oder bei Frankfurt (Oder)": the qualifier follows its place
                out.remove(part)
            if part and part not in out and part.lower() not in STOP_CAPS:
                out.append(part)
                if qualifier:
                    qualifiers.append(part)
    # "Cambridge, MA", "Portland, OR", "Springfield, IL": a US state's postal code after a comma qualifies the place
    # before it, though the code alone reads as a word ("or", "me", "in") or a unit
    for m in re.finditer(r"([^\W\d_][\w'.-]*),\s*([A-Z]{2})(?!\w)", t):
        code = m.group(2)
        before = next((p for p in out if p.split()[-1] == m.group(1) and p not in qualifiers), None)
        if code in US_STATE_CODES and code not in out and before:
            out.insert(out.index(before) + 1, code)
            qualifiers.append(code)
    _QUALIFIERS[text] = qualifiers
    _SHARED[text] = {k: v for k, v in shared.items() if k in out and v in qualifiers}
    for p in out:  # "the Spanish city of Córdoba", "la province belge du Luxembourg": the adjective says the country
        adjective = adjective_before(t, p)
        if adjective and any(o not in (p, adjective) and adjective in o.split() for o in out):
            adjective = None  # "the Afar region of Ethiopia": "Afar" names a place of its own, not Ethiopia's kind
        unit = unit_word_before(t, p) if adjective and p not in qualifiers and not names_unit(p) else None
        if unit:  # "la province marocaine de Taroudant", "il distretto keniota di Kitui": the unit, not its seat town
            out[out.index(p)] = p = f"{unit} {p}"
        if adjective and p not in qualifiers:
            _SHARED[text].setdefault(p, adjective)
            if adjective in out:  # a capitalised adjective ("Nederlandse") is no place of its own
                qualifiers.append(adjective)
        country = None if adjective else country_adjective_after(t, p)
        if country:  # "Limbourg néerlandais", "Luxembourg belge": French, Spanish and Italian put it after the name;
            # a qualifier's own ("Filadelfia, Chaco paraguayo") says which of the qualifier's namesakes it is
            _SHARED[text].setdefault(p, country)
    # the phrases with evidence of a place first; sentence-initial words and German nouns after an article last
    weak_set = {_clean(w) for w in weak} - set(qualifiers)  # "Frankfurt (Oder)": a qualifier says where
    out = [p for p in out if p not in weak_set] + [p for p in out if p in weak_set]
    _WEAK[text] = [p for p in out if p in weak_set]
    return out


_WEAK: dict[str, list[str]] = {}
US_STATE_CODES = set("AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND "
                     "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split())


def weak_phrases(text: str) -> list[str]:
    """The phrases of `place_candidates(text)` with no sign of a place besides their capital letter: a
    request's first word ("Drought stress ..."), a German noun after its article ("für den Einsatzstab")."""
    if text not in _WEAK:
        place_candidates(text)
    return _WEAK.get(text, [])


def _weak(t: str, start: int, phrase: str, german: bool, sentence_start: bool) -> bool:
    first = t.find(phrase.split()[0], start)
    before = t[max(0, start - 24):first if first >= 0 else start]  # with the feature word trimmed off ("Insel")
    if PLACE_PREPOSITIONS.search(before) and not sentence_start:
        return False
    if FEATURE_LEAD.search(before) or without_feature_word(phrase):
        return False
    if sentence_start and " " not in phrase and not re.match(r"\s*[,:;(]", t[start + len(phrase):start + len(phrase) + 2]):
        return True
    low = strip_accents(phrase).lower()
    return german and bool(ARTICLE_BEFORE.search(before.lower())) and not low.endswith(PLACE_SUFFIXES)


_QUALIFIERS: dict[str, list[str]] = {}
_SHARED: dict[str, dict[str, str]] = {}

# what sets a qualifier after its place: a comma or a bracket, and in a bracket the words for "the one in" in six
# languages ("Sierra Nevada (the one in Andalusia)", "Córdoba (die in Spanien)", "Valence (celle de la Drôme)")
QUALIFIER_GAP = re.compile(
    r"\s*,\s*|\s*\(\s*(?:(?:the one|the ones|that one|the|die|der|das|den|celle|celui|celles|ceux|la|el|lo|los|las|"
    r"quella|quello|quelle|quelli|degene|diegene|het)\s+)?(?:(?:in|on|im|in der|in den|en|dans|à|au|aux|de|del|in de|"
    r"in het|nel|nella|nei|sul|sulla)\s+|d['\u2019])?(?:(?:the|la|le|les|el|het|der|dem)\s+|l['\u2019])?", re.I)
# a place the request rules out: "not California", "nicht in Kalifornien", "pas celle de Californie", "no la de"
NEGATED_BEFORE = re.compile(
    r"(?<![\w-])(?:not|nicht|kein|keine|pas|non|niet|geen|no|rather than|instead of|statt|anstatt|plutôt que|en lugar de|"
    r"in plaats van|invece di)\s+(?:(?:the one|the ones|that one|die|der|das|den|celle|celui|la|el|lo|quella|quello|"
    r"degene|het)\s+)?(?:(?:in|on|im|in der|en|dans|à|au|de|del|in de|nel|nella|sul|sulla|from|aus|van|di|da)\s+|"
    r"d['\u2019])?(?:(?:the|la|le|les|el|het|der|dem|den)\s+|l['\u2019])?$", re.I)
# what joins places of one list ("Sutherland/Caithness", "Sedaví and Catarroja"), and the 'to' of a span after a place
SIBLING_GAP = re.compile(r"\s*(?:/|&|,)\s*|\s*,?\s+(?:and|und|et|en|y|e|ed)\s+", re.I)
SPAN_TO_AFTER = re.compile(r"\s*(?:[-–]|\s(?:bis|to|à|au|tot|naar|hasta|a|al|fino a)\s+)\s*[A-ZÀ-Þ]")


# the kind of place a country's adjective is put with, in six languages ("the Spanish city of", "die belgische Provinz")
_KIND_NOUN = (r"(?:city|town|village|state|province|region|county|canton|island|capital|port|municipality|department|"
              r"stadt|provinz|kanton|insel|gemeinde|hauptstadt|bundesstaat|stad|provincie|gemeente|eiland|staat|"
              r"ville|région|île|commune|département|capitale|ciudad|región|isla|municipio|capital|departamento|"
              r"città|regione|isola|comune|provincia|estado|stato|état|etat|contea|comté|condado|distrito|distretto|"
              r"regency|deelstaat|departement|département|landkreis|bezirk|distrikt|district|wilaya|préfecture|prefecture|"
              r"prefettura|governorate|gouvernorat|division|comarca|territory|territoire)")
# "the Spanish city of Córdoba", "the US state of Georgia", "die spanische Stadt Córdoba", "de Spaanse stad Córdoba"
_ADJ_KIND_OF = re.compile(r"(?<![\w-])(?P<adj>[A-Za-zÀ-ÿ][a-zà-ÿ]{2,}|[A-Z]{2}|U\.S\.)\s+" + _KIND_NOUN +
                          r"\s+(?:of\s+|van\s+)?(?:the\s+)?$", re.I)
# "la ville espagnole de Cordoue", "la ciudad española de Córdoba", "la provincia belga de Limburgo", "la città spagnola di"
_KIND_ADJ_OF = re.compile(_KIND_NOUN + r"\s+(?P<adj>[a-zà-ÿ]{3,})\s+(?:de|du|d'|d\u2019|di|del|della|dello|dell'|dell\u2019)\s*"
                          r"(?:la\s+|le\s+|l'|l\u2019)?$",
                          re.I)
_NOT_ADJECTIVES = {"the", "a", "an", "this", "that", "same", "old", "new", "small", "little", "big", "large", "historic",
                   "ancient", "medieval", "coastal", "capital", "whole", "entire", "de", "la", "le", "die", "der", "das",
                   "het", "een", "el", "il", "une", "eine", "of", "in", "for", "near", "around", "mountain", "beautiful",
                   "northern", "southern", "eastern", "western", "central", "port", "island", "city", "town", "border",
                   "nearby", "neighbouring", "neighboring", "ganze", "gesamte", "toute", "entière", "toda", "entera",
                   "tutta", "intera", "hele", "gehele", "kleine", "grote", "alte", "vieille", "petite", "grande"}


def adjective_before(text: str, phrase: str) -> str | None:
    """The adjective of the country (or state) written with a kind of place before `phrase`: "the Spanish city of
    Córdoba" -> "Spanish", "la province belge du Luxembourg" -> "belge", "the US state of Georgia" -> "US"; None
    for "the capital city of ..." and other adjectives that say no country."""
    m = re.search(r"(?<![\w])" + re.escape(phrase) + r"(?![\w])", text)
    if not m:
        return None
    before = text[max(0, m.start() - 48):m.start()]
    found = _ADJ_KIND_OF.search(before) or _KIND_ADJ_OF.search(before)
    if not found and re.match(_KIND_NOUN + r"\s", phrase, re.I):  # "de Nederlandse provincie Limburg"
        from tools.places import DEMONYMS
        from tools.regions import fold

        found = re.search(r"(?<![\w-])(?P<adj>[A-Za-zÀ-ÿ][a-zà-ÿ]{2,}|[A-Z]{2})\s+$", before)
        if found and fold(found.group("adj")) not in DEMONYMS:  # "nella regione del Tigray": no adjective
            found = None
    if not found:
        return None
    adjective = found.group("adj")
    return None if adjective.lower() in _NOT_ADJECTIVES else adjective


def unit_word_before(text: str, phrase: str) -> str | None:
    """The administrative unit's word written with a country adjective before `phrase` ("la province marocaine de
    Taroudant" -> "province", "die kenianische County Kitui" -> "County", "the Kenyan county of Nyeri" -> "county"),
    or None (a city, an island, a port: the adjective says only the country)."""
    m = re.search(r"(?<![\w])" + re.escape(phrase) + r"(?![\w])", text)
    if not m:
        return None
    before = text[max(0, m.start() - 48):m.start()]
    for pattern in (_KIND_ADJ_OF, _ADJ_KIND_OF):
        k = pattern.search(before)
        if k:
            word = k.group(0).split()[0] if pattern is _KIND_ADJ_OF else k.group(0).split()[1]
            return word if ADMIN_WORD.fullmatch(word) else None
    return None


def country_adjective_after(text: str, phrase: str) -> str | None:
    """The country of a lower-case country adjective right after `phrase` ("Limbourg néerlandais" -> "Netherlands",
    "Luxembourg belge" -> "Belgium"), or None."""
    from tools.places import DEMONYMS
    from tools.regions import fold

    m = re.search(r"(?<![\w])" + re.escape(phrase) + r"\s+([a-zà-ÿ]{4,})(?![\w-])", text)
    return DEMONYMS.get(fold(m.group(1))) if m else None


def shared_qualifiers(text: str) -> dict[str, str]:
    """{place: qualifier} for the places of a list that a qualifier after the list also qualifies
    ("Sutherland/Caithness, Scotland": Sutherland is in Scotland too)."""
    if text not in _SHARED:
        place_candidates(text)
    return _SHARED.get(text, {})


def qualifier_phrases(text: str) -> list[str]:
    """The phrases of `place_candidates(text)` that only qualify the place before them."""
    if text not in _QUALIFIERS:
        place_candidates(text)
    return _QUALIFIERS.get(text, [])


NATURAL_FEATURE_WORDS = {"valley", "lagoon", "delta", "forest", "grasslands", "grassland", "mountains", "mountain", "national park",
                         "park", "lake", "bay", "coast", "island", "basin", "plain", "plains", "river", "wetlands", "reserve"}
SMALL_TOWN_POPULATION = 20_000


def small_town_for_feature(phrase: str, hit: PlaceHit) -> bool:
    """True when `hit` is a small town found for `phrase` without its natural feature word ("Kinzig Valley" ->
    the village Kinzig): a village of the core name is not the feature; "not found" is the honest answer.
    A city of some size is kept ("Kathmandu Valley" -> Kathmandu)."""
    core = without_feature_word(phrase)
    if core is None:
        return False
    dropped = strip_accents(phrase.replace(core, "", 1)).strip().lower()
    if dropped not in NATURAL_FEATURE_WORDS:
        return False
    kind = hit.kind.split(",")[0].strip().lower()
    m = re.search(r"pop\. ([\d.]+)([kM]?)", hit.kind)
    pop = float(m.group(1)) * {"k": 1e3, "M": 1e6, "": 1.0}[m.group(2)] if m else 0.0
    return kind in ("town", "city") and pop < SMALL_TOWN_POPULATION


# the words of an administrative unit in six languages: a phrase that carries one ("région de Diffa", "Dadu district",
# "Bundesstaat Kerala") names the unit, however large, not a town of its name inside it
ADMIN_WORD = re.compile(r"(?<![\w-])(?:regions?|r[ée]gion|regi[oó]n|regione|regio|provinces?|provincia|provinz|provincie|"
                        r"districts?|distrito|distretto|bezirk|county|counties|contea|comt[ée]|condado|landkreis|kreis|"
                        r"states?|estado|[ée]tat|stato|staat|bundesstaat|deelstaat|departments?|departamento|"
                        r"d[ée]partement|regency|kabupaten|shire|prefecture|governorate|gouvernorat|municipality|"
                        r"municipio|comune|gemeinde|gemeente|territory|territoire|canton|kanton|oblast|wilaya)(?![\w-])",
                        re.I)


def names_unit(phrase: str) -> bool:
    """The phrase names an administrative unit by its word ("Marsabit County", "el departamento de Santa Cruz")."""
    return bool(ADMIN_WORD.search(phrase)) and len(phrase.split()) >= 2


def without_feature_word(phrase: str) -> str | None:
    """'Kathmandu Valley' -> 'Kathmandu' (tried when the full phrase is not in the gazetteer)."""
    words = phrase.split()
    low = [strip_accents(w).lower() for w in words]
    for n in (2, 1):
        if len(words) > n and " ".join(low[-n:]) in FEATURE_WORDS:
            return " ".join(words[:-n])
        if len(words) > n and " ".join(low[:n]) in FEATURE_WORDS:
            return " ".join(words[n:])
    return None


PLACE_RESULT = re.compile(
    r"^(?P<name>.*?)\s*(?:\((?P<kind>[^)]*)\))?\s*:\s*bbox\s*=\s*\[(?P<w>[-\d.eE]+),\s*(?P<s>[-\d.eE]+),\s*"
    r"(?P<e>[-\d.eE]+),\s*(?P<n>[-\d.eE]+)\]", re.S)


def parse_place_result(text: str) -> PlaceHit | None:
    """`Leuven, Flanders, Belgium (city, pop. 100k): bbox=[4.62, 50.82, 4.78, 50.92] ...` -> PlaceHit."""
    if not text or text.lstrip().startswith("[PlaceNotFound]"):
        return None
    lines = text.strip().splitlines()
    for i, line in enumerate(lines):
        m = PLACE_RESULT.search(line.strip())
        if m:
            hit = PlaceHit(name=m.group("name").strip(), kind=(m.group("kind") or "").strip(),
                           bbox=(float(m.group("w")), float(m.group("s")), float(m.group("e")), float(m.group("n"))))
            for extra in lines[i + 1:]:
                extra = extra.strip()
                if extra.startswith("polygon="):
                    hit.polygons = _rings(extra[len("polygon="):])
                elif extra.startswith("Also called"):
                    body = extra.split(":", 1)[1].split(". If you meant")[0]
                    hit.alternatives = [a.strip() for a in body.split(";") if a.strip()]
            return hit
    return None


def _rings(geojson: str) -> list[list[tuple[float, float]]] | None:
    import json

    try:
        g = json.loads(geojson)
    except ValueError:
        return None
    polys = g["coordinates"] if g.get("type") == "MultiPolygon" else [g.get("coordinates", [])]
    return [[(float(x), float(y)) for x, y in p[0]] for p in polys if p and len(p[0]) >= 4] or None


# --- AOI geometry ----------------------------------------------------------------------------

def area_km2(b: BBox) -> float:
    w, s, e, n = b
    mid = math.radians((s + n) / 2)
    return abs(e - w) * 111.32 * math.cos(mid) * abs(n - s) * 110.57


def pad_km(b: BBox, km: float) -> BBox:
    w, s, e, n = b
    dlat = km / 110.57
    dlon = km / (111.32 * max(math.cos(math.radians((s + n) / 2)), 0.05))
    return (w - dlon, s - dlat, e + dlon, n + dlat)


def union(boxes: list[BBox]) -> BBox:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def clamp_area(b: BBox, max_km2: float) -> BBox:
    """Shrink a bbox around its centre until its area is at most max_km2."""
    a = area_km2(b)
    if a <= max_km2 or a == 0:
        return b
    f = math.sqrt(max_km2 / a)
    w, s, e, n = b
    cx, cy = (w + e) / 2, (s + n) / 2
    hw, hh = (e - w) / 2 * f, (n - s) / 2 * f
    return (cx - hw, cy - hh, cx + hw, cy + hh)


def at_least(b: BBox, min_km: float) -> BBox:
    """Grow a bbox around its centre to be at least min_km wide and tall."""
    w, s, e, n = b
    cx, cy = (w + e) / 2, (s + n) / 2
    hh = max((n - s) / 2, min_km / 2 / 110.57)
    hw = max((e - w) / 2, min_km / 2 / (111.32 * max(math.cos(math.radians(cy)), 0.05)))
    return (cx - hw, cy - hh, cx + hw, cy + hh)


def part(b: BBox, direction: str) -> BBox:
    """The northern/southern/eastern/western half, or the centre, of a bbox."""
    w, s, e, n = b
    cx, cy = (w + e) / 2, (s + n) / 2
    return {
        "north": (w, cy, e, n), "south": (w, s, e, cy), "east": (cx, s, e, n), "west": (w, s, cx, n),
        "centre": ((w + cx) / 2, (s + cy) / 2, (e + cx) / 2, (n + cy) / 2),
    }.get(direction, b)


def shift(b: BBox, direction: str) -> BBox:
    """The box next to `b` in a direction ("east of Gotland")."""
    w, s, e, n = b
    dx, dy = (e - w) / 2, (n - s) / 2
    off = {"north": (0, dy), "south": (0, -dy), "east": (dx, 0), "west": (-dx, 0)}.get(direction, (0, 0))
    return (w + off[0], s + off[1], e + off[0], n + off[1])


def rounded(b: BBox, nd: int = 4) -> BBox:
    return tuple(round(v, nd) for v in b)  # type: ignore[return-value]
