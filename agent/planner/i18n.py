"""Text normalisation and multilingual keywords.

`normalize` turns a request into lower-case English-ish text the other modules match against:
unicode dashes and minus signs become ASCII, and German, French, Dutch and Spanish keywords
(months, seasons, indices, data words) are translated to their English equivalents. Place
names keep their spelling apart from case; the place extractor works on the original text.
"""

from __future__ import annotations

import re
import unicodedata

from agent.planner.hazards import FIRE_TRANSLATIONS
from agent.planner.languages import answer_language

__all__ = ["answer_language", "normalize", "request_language", "strip_accents", "unify"]

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"

# foreign phrase -> English. Longer phrases first so that they win over their parts.
_TRANSLATIONS: dict[str, str] = {
    # months
    "januar": "january", "janvier": "january", "januari": "january", "enero": "january",
    "februar": "february", "février": "february", "fevrier": "february", "februari": "february",
    "febrero": "february",
    "märz": "march", "maerz": "march", "mars": "march", "maart": "march", "marzo": "march",
    "avril": "april", "abril": "april",
    "mai": "may", "mei": "may", "mayo": "may",
    "juni": "june", "juin": "june", "junio": "june",
    "juli": "july", "juillet": "july", "julio": "july",
    "août": "august", "aout": "august", "augustus": "august", "agosto": "august",
    "septembre": "september", "septiembre": "september",
    "oktober": "october", "octobre": "october", "octubre": "october",
    "novembre": "november", "noviembre": "november",
    "dezember": "december", "décembre": "december", "decembre": "december",
    "diciembre": "december",
    # Italian months (those not already spelt like another language's)
    "gennaio": "january", "febbraio": "february", "aprile": "april", "maggio": "may", "giugno": "june",
    "luglio": "july", "settembre": "september", "ottobre": "october", "dicembre": "december",
    # seasons
    "sommer": "summer", "été": "summer", "zomer": "summer", "verano": "summer",
    "hiver": "winter", "invierno": "winter",
    "frühling": "spring", "frühjahr": "spring", "printemps": "spring", "lente": "spring", "voorjaar": "spring",
    "najaar": "autumn",
    "primavera": "spring",
    "herbst": "autumn", "automne": "autumn", "herfst": "autumn", "otoño": "autumn",
    "inverno": "winter", "autunno": "autumn",  # Italian "estate" (summer) only before a year: see dates
    # relative dates
    "letzten monat": "last month", "le mois dernier": "last month", "mois dernier": "last month",
    "vorige maand": "last month", "el mes pasado": "last month", "mes pasado": "last month",
    "letztes jahr": "last year", "l'année dernière": "last year", "vorig jaar": "last year",
    "el año pasado": "last year",
    "letzten sommer": "last summer", "vorigen sommer": "last summer", "letzter sommer": "last summer",
    "letztem sommer": "last summer", "vorigem sommer": "last summer", "letztem winter": "last winter",
    "vorigem winter": "last winter", "letztem frühjahr": "last spring", "letztem herbst": "last autumn",
    "letzten winter": "last winter", "vorigen winter": "last winter", "l'hiver dernier": "last winter",
    "hiver dernier": "last winter", "el invierno pasado": "last winter", "vorige winter": "last winter",
    "l'estate scorsa": "last summer", "l'inverno scorso": "last winter", "l'anno scorso": "last year",
    "il mese scorso": "last month", "l'été dernier": "last summer", "vorige zomer": "last summer",
    "el verano pasado": "last summer",
    "letzte woche": "last week", "la semaine dernière": "last week", "vorige week": "last week",
    "la semana pasada": "last week",
    # products and data words
    "hangneigungskarte": "slope map", "hellingkaart": "slope map", "hellingskaart": "slope map", "carte des pentes": "slope map", "hangneigung": "slope", "neigung": "slope",
    "pente": "slope", "helling": "slope", "pendiente": "slope",
    "schummerung": "hillshade", "reliefschattierung": "hillshade", "ombrage": "hillshade",
    "sombreado": "hillshade",
    "höhenmodell": "elevation model", "geländemodell": "elevation model", "höhe": "elevation",
    "modèle numérique de terrain": "elevation model", "mnt": "dem", "altitude du terrain": "elevation",
    "hoogtemodel": "elevation model", "modelo digital de elevación": "elevation model",
    "elevación": "elevation",
    "exposition": "aspect", "orientación": "aspect",
    "wolkenfrei": "cloud-free", "ohne wolken": "cloud-free", "sans nuages": "cloud-free",
    "sans nuage": "cloud-free", "wolkenvrij": "cloud-free", "sin nubes": "cloud-free",
    "überschwemmung": "flood", "überschwemmungen": "flood", "hochwasser": "flood", "hochwasserkarte": "flood map",
    "überflutungskarte": "flood map", "überschwemmungskarte": "flood map", "überflutungsflächen": "flooded areas",
    "überschwemmungsgebiet": "flooded area", "überschwemmungsgebiete": "flooded areas", "hochwasserflächen": "flooded areas",
    "mapa de inundaciones": "flood map", "carte d'inondation": "flood map", "mappa delle inondazioni": "flood map",
    "inondazione": "flood", "inondazioni": "flood", "alluvione": "flood", "allagamenti": "flood",
    "klasse": "class", "classe": "class", "clase": "class",
    "referenz": "reference", "référence": "reference", "referencia": "reference", "referentie": "reference",
    "riferimento": "reference", "ereignis": "event", "événement": "event", "evento": "event", "gebeurtenis": "event",
    "überflutung": "flood", "überflutungen": "flood", "overstromingskaart": "flood map", "hoogwater": "flood",
    "zones inondées": "flooded areas", "inondées": "flooded", "crues": "flood", "crue": "flood", "crecida": "flood",
    "oppervlaktetemperatuur": "land surface temperature", "landoberflächentemperatur": "land surface temperature",
    "bodentemperatur": "land surface temperature", "pentes": "slope", "hellingen": "slope", "pendientes": "slope",
    "hangneigungen": "slope", "bodenbedeckung": "land cover", "bodembedekking": "land cover",
    "schneebedeckung": "snow cover", "couverture neigeuse": "snow cover", "sneeuwbedekking": "snow cover",
    "zeitreihe": "time series", "tijdreeks": "time series", "inondation": "flood",
    "inondations": "flood", "overstroming": "flood", "inundación": "flood", "inundaciones": "flood",
    "zeitreihe": "time series", "série temporelle": "time series", "tijdreeks": "time series",
    "serie temporal": "time series",
    "oberflächentemperatur": "land surface temperature",
    "température de surface": "land surface temperature",
    "temperatura de la superficie": "land surface temperature",
    "temperatura superficial": "land surface temperature", "temperatura de superficie": "land surface temperature",
    "temperatura de superficie terrestre": "land surface temperature",
    "temperatura de la superficie terrestre": "land surface temperature",
    "landbedeckung": "land cover", "occupation du sol": "land cover", "landgebruik": "land cover",
    "cobertura del suelo": "land cover",
    "wald": "forest", "forêt": "forest", "bos": "forest", "bosque": "forest",
    "wasser": "water", "eau": "water", "agua": "water",
    "schnee": "snow", "neige": "snow", "sneeuw": "snow", "nieve": "snow",
    "echtfarben": "true colour", "vraies couleurs": "true colour", "couleurs naturelles": "true colour",
    "ware kleuren": "true colour", "color verdadero": "true colour", "color natural": "true colour",
    "falschfarben": "false colour", "fausses couleurs": "false colour", "valse kleuren": "false colour",
    "falso color": "false colour",
    "mittelwert": "mean", "moyenne": "mean", "gemiddelde": "mean", "promedio": "mean", "media": "mean",
    "médiane": "median", "mediana": "median",
    "maximum": "maximum", "máximo": "maximum",
    "karte": "map", "carte": "map", "kaart": "map", "mapa": "map",
    "monatlich": "monthly", "mensuel": "monthly", "mensuelle": "monthly", "maandelijks": "monthly",
    "mensual": "monthly", "mensuels": "monthly", "mensuelles": "monthly", "mensuales": "monthly",
    "mensile": "monthly", "mensili": "monthly", "monatliche": "monthly", "monatlichen": "monthly",
    "monatliches": "monthly", "maandelijkse": "monthly",
    "täglich": "daily", "quotidien": "daily", "quotidienne": "daily", "dagelijks": "daily",
    "diario": "daily", "diaria": "daily",
    "radar": "radar",
    "statt": "instead", "plutôt": "instead", "in plaats daarvan": "instead", "en su lugar": "instead",
    "gleiche": "same", "même": "same", "hetzelfde": "same", "lo mismo": "same",
    # Italian products and data words
    "temperatura superficiale": "land surface temperature", "temperatura della superficie": "land surface temperature",
    "temperatura del suolo": "land surface temperature", "mappa": "map", "carta": "map",
    "indice di vegetazione": "vegetation index", "copertura nevosa": "snow cover", "copertura del suolo": "land cover",
    "uso del suolo": "land cover", "pendenza": "slope", "pendenze": "slope", "ombreggiatura": "hillshade",
    "modello digitale del terreno": "elevation model", "modello di elevazione": "elevation model",
    "colori naturali": "true colour",
    "colori reali": "true colour", "falsi colori": "false colour", "massimo": "maximum", "senza nuvole": "cloud-free",
    "serie temporale": "time series", "giornaliero": "daily", "giornaliera": "daily", "acqua": "water",
    "neve": "snow", "foresta": "forest", "bosco": "forest", "invece": "instead",
    # band words of the five languages ("Rot- und Nahinfrarot-Band", "bandes rouge et proche infrarouge", "bandas rojo
    # e infrarrojo cercano", "bande rosso e infrarosso vicino", "rode en nabij-infrarode band"), named bands then
    "nahinfrarot": "near-infrared", "nah-infrarot": "near-infrared", "proche infrarouge": "near-infrared",
    "proche-infrarouge": "near-infrared", "infrarrojo cercano": "near-infrared", "infrarosso vicino": "near-infrared",
    "nabij-infrarood": "near-infrared", "nabij-infrarode": "near-infrared", "nabij infrarood": "near-infrared",
    "nabij infrarode": "near-infrared", "kurzwelliges infrarot": "short-wave infrared",
    "infrarouge à ondes courtes": "short-wave infrared", "infrarrojo de onda corta": "short-wave infrared",
    "infrarosso a onde corte": "short-wave infrared", "kortegolf-infrarood": "short-wave infrared",
    "rot": "red", "rouge": "red", "rojo": "red", "rosso": "red", "rood": "red", "rode": "red",
    "bänder": "bands", "bandes": "bands", "bandas": "bands", "banden": "bands",
    # terrain words: the mean height of a region, the aspect of slopes
    "altitude moyenne": "mean elevation", "altitude médiane": "median elevation", "quota media": "mean elevation",
    "quota altimetrica": "elevation", "altitudine media": "mean elevation", "altitudine": "elevation",
    "gemiddelde hoogte": "mean elevation", "hoogte": "elevation", "elevación media": "mean elevation",
    "altitud media": "mean elevation", "altitud": "elevation", "hangrichtung": "aspect", "hangexposition": "aspect",
    "orientation des pentes": "aspect", "orientación de laderas": "aspect", "orientación de las laderas": "aspect",
    "esposizione dei versanti": "aspect", "esposizione": "aspect", "expositie": "aspect",
    "höhenkarte": "elevation map", "geländehöhe": "elevation", "carte d'altitude": "elevation map",
    "carte des altitudes": "elevation map", "carte altimétrique": "elevation map", "mappa altimetrica": "elevation map",
    "carta altimetrica": "elevation map", "hoogtekaart": "elevation map", "mapa de altitudes": "elevation map",
    "mapa altimétrico": "elevation map", "geländeschummerung": "hillshade", "schattenrelief": "hillshade",
    "reliëfschaduw": "hillshade", "oberflächenreflexion": "surface reflectance", "oberflächenreflektanz": "surface reflectance",
    "bodenreflexion": "surface reflectance", "réflectance de surface": "surface reflectance",
    "réflectance en surface": "surface reflectance", "reflectancia de superficie": "surface reflectance",
    "reflectancia superficial": "surface reflectance", "riflettanza di superficie": "surface reflectance",
    "riflettanza superficiale": "surface reflectance", "oppervlaktereflectantie": "surface reflectance",
    "oppervlaktereflectie": "surface reflectance",
    # heat waves and their days, in the five languages
    "hitzewellentage": "heatwave days", "hitzewellentagen": "heatwave days", "hitzewelle": "heatwave",
    "hitzewellen": "heatwave", "jours de canicule": "heatwave days", "canicule": "heatwave", "canicules": "heatwave",
    "días de ola de calor": "heatwave days", "olas de calor": "heatwave", "ola de calor": "heatwave",
    "giorni di ondata di calore": "heatwave days", "giorni di canicola": "heatwave days", "ondate di calore": "heatwave",
    "ondata di calore": "heatwave", "canicola": "heatwave", "hittegolfdagen": "heatwave days", "hittegolven": "heatwave",
    "hittegolf": "heatwave",
    # WorldCereal's products in the five languages
    "wintergetreide": "winter cereals", "sommergetreide": "spring cereals", "céréales d'hiver": "winter cereals",
    "céréales de printemps": "spring cereals", "cereales de invierno": "winter cereals",
    "cereales de primavera": "spring cereals", "cereali invernali": "winter cereals", "cereali vernini": "winter cereals",
    "wintergranen": "winter cereals", "zomergranen": "spring cereals", "maïs": "maize",
    "maíz": "maize", "regadío": "irrigation", "irrigazione": "irrigation", "bewässerung": "irrigation",
    "irrigatie": "irrigation",
    "norden": "north", "nord": "north", "noorden": "north", "norte": "north",
    "süden": "south", "sud": "south", "zuiden": "south",
    "osten": "east", "oosten": "east",
    "westen": "west", "ouest": "west", "oeste": "west",
}

_TRANSLATIONS.update(FIRE_TRANSLATIONS)  # fires and what they leave: agent/planner/hazards.py keeps their words

# the same keywords typed without their accents ("fevrier", "ete", "Marz", "otono", "Uberschwemmung"), except bare
# forms that are other words ("hohe" is German for high, "meme" English)
_BARE_OTHER_WORDS = {"hohe", "meme"}
_TRANSLATIONS.update({bare: _TRANSLATIONS[k] for k in list(_TRANSLATIONS)
                      if (bare := "".join(c for c in unicodedata.normalize("NFD", k) if unicodedata.category(c) != "Mn"))
                      not in _TRANSLATIONS and bare not in _BARE_OTHER_WORDS})

_TRANSLATION_RE = re.compile(
    r"(?<![\w])(" + "|".join(re.escape(k) for k in sorted(_TRANSLATIONS, key=len, reverse=True)) + r")(?![\w])"
)


def unify(text: str) -> str:
    """ASCII dashes and minus signs, plain spaces, NFC; case and accents kept."""
    text = unicodedata.normalize("NFC", text)
    for d in DASHES:
        text = text.replace(d, "-")
    return text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ")


# "last <period>" composed from the relative words of the five languages, once the period word is
# English: "afgelopen zomer", "vergangenen Winter", "l'été passé", "el otoño pasado", "la primavera scorsa"
_PERIOD_WORDS = {"summer": "summer", "winter": "winter", "spring": "spring", "autumn": "autumn", "month": "month",
                 "year": "year", "week": "week", "jaar": "year", "maand": "month", "jahr": "year", "monat": "month",
                 "woche": "week", "année": "year", "mois": "month", "semaine": "week", "año": "year", "mes": "month",
                 "semana": "week", "anno": "year", "mese": "month", "settimana": "week",
                 "wochenende": "weekend", "week-end": "weekend", "weekend": "weekend", "fin de semana": "weekend",
                 "fine settimana": "weekend", "fine-settimana": "weekend",
                 # Italian summer is not translated alone (English "estate" is land), only next to a relative word
                 "estate": "summer"}
_PERIODS = "(" + "|".join(sorted(_PERIOD_WORDS, key=len, reverse=True)) + ")"
_LAST_BEFORE = re.compile(r"\b(?:afgelopen|vorige|vorig|voorbije|letzten|letzte|letzter|letztes|vergangenen|vergangene|"
                          r"vergangener|vergangenes|vorigen|voriges|dernier|dernière|passé|passée|pasado|pasada|"
                          r"scorso|scorsa|lo scorso|la scorsa|el pasado|le dernier)\s+" + _PERIODS + r"\b")
_LAST_AFTER = re.compile(r"(?:\b(?:l'|le |la |el |il |het |de |der |die |das ))?\b" + _PERIODS +
                         r"\s+(?:dernier|dernière|passé|passée|pasado|pasada|scorso|scorsa)\b")


def normalize(text: str) -> str:
    """Lower-case, unified text with foreign keywords translated to English."""
    low = unify(text).lower()
    low = _TRANSLATION_RE.sub(lambda m: _TRANSLATIONS[m.group(1)], low)
    low = _LAST_BEFORE.sub(lambda m: "last " + _PERIOD_WORDS[m.group(1)], low)
    return _LAST_AFTER.sub(lambda m: "last " + _PERIOD_WORDS[m.group(1)], low)


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


_LANGUAGE_WORDS = {
    "de": r"\b(und|der|die|das|für|mit|vom|bis|im|von|zeig|zeige|berechne|über|nach|oder|zwischen|gebiet|bereich|"
          r"schwellwert|sowie)\b",
    "fr": r"\b(le|la|les|des|du|pour|avec|sur|autour|entre|d'|l'|carte|une|et|seuil|emprise|montre|calcule)\b",
    "nl": r"\b(het|een|voor|met|van|tot|bij|rond|kaart|op|naar|zijn|tijdens|heel|tussen|binnen|gebied|toon|bereken|"
          r"maak|drempel|drempelwaarde)\b",
    "es": r"\b(el|los|las|del|para|con|sobre|en|de|y|mapa|desde|hasta|umbral|muestra|calcula)\b",
    "it": r"\b(il|della|delle|dello|degli|dei|nel|nella|nelle|negli|sul|sulla|sulle|tra|fra|dal|dalla|dalle|di|gli|"
          r"per|intorno|mappa|dopo)\b",
    "en": r"\b(the|of|for|with|and|around|map|from|to|in|over)\b",
}


# the names of months and seasons that only one of the six languages writes so: "NDVI de Valence en juin 2023" is
# French though its "de" and "en" are Spanish function words too (each counts MONTH_WEIGHT function words)
_MONTH_WORDS = {
    "de": r"\b(januar|februar|märz|dezember|sommer|herbst|frühling|frühjahr)\b",
    "fr": r"(?<!\w)(janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre|décembre|decembre|été|"
          r"hiver|printemps|automne)(?!\w)",
    "nl": r"\b(januari|februari|maart|mei|augustus|zomer|najaar|voorjaar|herfst)\b",
    "es": r"(?<!\w)(enero|febrero|abril|mayo|junio|julio|septiembre|setiembre|octubre|noviembre|diciembre|verano|"
          r"invierno|otoño)(?!\w)",
    "it": r"\b(gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|estate|inverno|autunno)\b",
    "en": r"\b(january|february|june|july|october|summer|autumn)\b",
}
MONTH_WEIGHT = 2


def request_language(text: str) -> str:
    """The request's language by its function words (en, de, fr, nl, es or it) and its month and season names."""
    low = text.lower()
    counts = {lang: len(re.findall(p, low)) + MONTH_WEIGHT * len(re.findall(_MONTH_WORDS[lang], low))
              for lang, p in _LANGUAGE_WORDS.items()}
    return max(counts, key=lambda k: (counts[k], k == "en"))
