"""The language to answer a request in (en, de, fr, nl, es or it), read from its words.

Requests are short and dominated by place, product and band names, numbers and units ("NDVI médian sur Cáceres,
juin 2023, GeoTIFF", "Overstromingskaart Sentinel-1 bij Venlo"), and are often typed without accents ("fevrier",
"ete", "Marz"). So the reading:
- leaves out the words of place names: the link words between two capitalised names ("Rio de Janeiro", "Castilla y
  León", "Freiburg im Breisgau", "Val d'Orcia"), a capitalised article before a name ("Den Haag", "Los Angeles", "La
  Palma"), hyphenated names ("Île-de-France", "Saint-Étienne") and capitalised geographic words ("Lago di Garda",
  "Lac Léman", "Mont Blanc"; lower-case, "le lac de Garde", they are the request's own words);
- counts the words of each language's lexicon (function words, words of asking, time words, the data words of Earth
  observation requests), a word shared by several languages split between them ("de" is Spanish, French and Dutch;
  "juin" only French), months and seasons weighing three times;
- matches accent-insensitively unless the bare form is another word ("ete" is "été", but "a" is not "à");
- reads the head of a German or Dutch compound ("Oberflächentemperatur", "Sneeuwbedekking") when the compound is
  written lower-case or opens the request (a capitalised compound inside the request may be a name: "Bodensee").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

LANGUAGES = ("en", "de", "fr", "nl", "es", "it")


def _strip(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# months and seasons (weigh three times: "juin" says French even next to the Spanish-looking "de" and "en")
_MONTHS: dict[str, frozenset[str]] = {
    "en": _words("january february march april may june july august september october november december "
                 "jan feb mar apr jun jul aug sep sept oct nov dec spring summer autumn fall winter"),
    "de": _words("januar jänner februar märz april mai juni juli august september oktober november dezember "
                 "frühling frühjahr sommer herbst winter"),
    "fr": _words("janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
                 "printemps été automne hiver"),
    "nl": _words("januari februari maart april mei juni juli augustus september oktober november december "
                 "lente voorjaar zomer herfst najaar winter"),
    "es": _words("enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre "
                 "diciembre primavera verano otoño invierno"),
    "it": _words("gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre "
                 "primavera estate autunno inverno"),
}

# function words, words of asking and of time, and the data words of Earth observation requests
_LEXICON: dict[str, frozenset[str]] = {
    "en": _words(
        "the of for with and around from to in over on at near between during by per since before after versus vs "
        "into within across inside under above below than all each every a an this that these those my me i you "
        "can could would please give show compute calculate make create map plot get find what which where how many "
        "much is are was were be will did does do there it its last past previous next today yesterday tomorrow "
        "week month year years day days area areas image imagery mean median average maximum minimum cover land "
        "surface temperature water snow forest flood floods flooded flooding fire fires burn burned burnt scar "
        "severity slope elevation model time series true colour color false composite cloud free cloudless index "
        "vegetation extent loss left now heat urban island marshes fields parks growing season late early mid "
        "monthly daily weekly annual yearly change compare difference backscatter cropland drought lake river city "
        "town region province hillshade weather chlorophyll rainfall than same again instead also further north south east west "
        "northern southern eastern western closer bigger smaller larger"),
    "de": _words(
        "und der die das den dem des ein eine einen einem einer für mit vom von bis im in am an auf aus um bei über "
        "unter nach oder zwischen seit gegen während zum zur ohne pro je ab zeig zeige zeigen berechne berechnen "
        "erstelle erstellen vergleiche vergleich kartiere kartieren gib mir mich ich du kannst können bitte wie wo "
        "was welche welcher welches wann viel viele hoch ist sind war wird gibt es gab noch gerade jetzt heute "
        "gestern morgen letzte letzten letztes letzter vergangenen vergangene vorigen diesem dieses jahr jahre monat "
        "monate woche tag tage tagen karte bild aufnahme aufnahmen gebiet bereich fläche flächen wald wasser schnee "
        "hochwasser überschwemmung überflutung hangneigung neigung höhe höhenmodell geländemodell temperatur "
        "oberflächentemperatur landbedeckung bodenbedeckung wolkenfrei wolkenfreies wolkenfreie wolkenfreien wolken "
        "echtfarben falschfarben mittel mittlerer mittlere mittleren mittelwert median monatlich monatlicher "
        "monatliches monatliche täglich zeitreihe vegetation vegetationsperiode veränderung verlust größer kleiner "
        "anfang ende mitte nähe schwellwert sowie heißesten heiß wetter hitze dürre trockenheit see fluss stadt "
        "landkreis ernte acker felder feld brand waldbrand rückstreuung schwelle maximaler maximale minimaler index "
        "durchschnitt durchschnittlicher dasselbe derselbe dieselbe gleiche gleichen nochmal einmal statt stattdessen auch "
        "weiter nördlich südlich östlich westlich näher norden süden osten westen"),
    "fr": _words(
        "le la les l un une des du de d au aux à et ou où pour avec sur sous dans en entre autour près depuis "
        "pendant après avant par chez vers sans carte cartes cartographier montre montrer moi calcule calculer "
        "calculez affiche afficher donne peux pouvez tu vous je il y t quel quelle quels quelles combien est sont "
        "était fait reste année mois semaine jour jours hier aujourd demain dernier dernière passé prochain nuages "
        "nuage neige eau forêt forêts pente pentes ombrage relief altitude mnt température couverture neigeuse "
        "occupation sol inondation inondations inondées inondé crue crues feux feu incendie incendies brûlée brûlé "
        "superficie surface indice végétation saison moyenne moyen médian médiane mensuel mensuelle quotidien série "
        "temporelle vraies couleurs fausses image rétrodiffusion chaleur îlot sécheresse cultures champs lac "
        "rivière ville plus chaud zones zone libre emprise seuil compare comparer chlorophylle maintenant pareil même "
        "encore plutôt aussi nord sud ouest"),
    "nl": _words(
        "de het een en van voor met tot bij rond rondom om op naar in uit over tussen binnen tijdens sinds na "
        "tegenover boven onder per zonder toon laat zien bereken maak vergelijk geef kun kunt je jij u mij me ik "
        "wat welk welke waar hoe hoeveel is zijn was er nog ligt heeft wordt afgelopen vorige vorig gisteren "
        "vandaag morgen jaar maand week dag dagen kaart beeld gebied gebieden bos bossen water sneeuw overstroming "
        "overstromingen overstroomde hoogwater helling hoogte hoogtemodel temperatuur oppervlaktetemperatuur "
        "bodembedekking landgebruik wolkenvrij wolkenvrije wolken ware kleuren valse gemiddelde gemiddeld mediaan "
        "maandelijks maandelijkse dagelijks tijdreeks groeiseizoen seizoen akkers velden veld verbrand verbrande "
        "brand branden droogte hitte heetst warmst meer rivier stad provincie aandeel verschil drempel brengen "
        "terugstrooiing wateroppervlak vegetatie chlorofyl schaduwkaart maximale minimale index nu hetzelfde zelfde "
        "weer daarvan plaats ook noorden zuiden oosten westen noordelijker zuidelijker verder"),
    "es": _words(
        "el la los las lo un una unos del al de en y o para por con sin sobre desde hasta entre cerca alrededor "
        "durante después antes tras bajo según muestra muéstrame mostrar calcula calcular compara comparar dame haz "
        "genera puedes puede mapear quiero me mi cuál cuáles dónde cuánto cuánta cuántos cuántas cómo qué que hay "
        "queda quedan es son fue hizo más ayer hoy mañana pasado pasada último última año mes semana día días mapa "
        "imagen imágenes zona zonas área superficie agua nieve bosque bosques inundación inundaciones inundadas "
        "inundada crecida pendiente pendientes sombreado elevación modelo digital temperatura cobertura suelo nubes "
        "verdadero falso color media medio mediana máximo mínimo mensual diario serie temporal temporada severidad "
        "incendio incendios quemada quemado calor isla sequía cultivos campos retrodispersión índice vegetación "
        "clorofila lago río ciudad provincia umbral ahora mismo igual otra vez lugar también norte sur oeste"),
    "it": _words(
        "il lo la i gli le l un una uno di d del della dello dei degli delle a al alla allo ai agli alle ad da dal "
        "dalla dai dalle in nel nella nello nei negli nelle su sul sulla sullo sui sulle con per tra fra e o ed "
        "intorno vicino presso durante dopo prima senza sopra sotto mostra mostrami calcola calcolare confronta "
        "dammi fammi crea puoi potresti mappare voglio mi qual quale quali dove quanto quanta quanti quante come che "
        "cosa c è ci sono era ha fatto resta restano più ieri oggi domani scorso scorsa ultimo ultima anno mese "
        "settimana giorno giorni mappa immagine immagini zona zone area superficie acqua neve bosco foresta "
        "inondazione inondazioni alluvione allagate allagata piena pendenza ombreggiatura elevazione modello terreno "
        "temperatura copertura nevosa suolo uso nuvole colori naturali falsi media medio mediana massimo minimo "
        "mensile giornaliero serie temporale stagione gravità incendio bruciata bruciato calore isola siccità "
        "colture campi retrodiffusione indice vegetazione clorofilla lago fiume città provincia soglia caldo ora "
        "adesso stesso stessa stessi ancora invece anche nord sud ovest"),
}

# heads of German and Dutch compounds ("Oberflächen|temperatur", "Sneeuw|bedekking", "Maand|gemiddelde")
_COMPOUND_HEADS: dict[str, tuple[str, ...]] = {
    "de": ("karte", "temperatur", "fläche", "flächen", "bedeckung", "reihe", "schattierung", "schwemmung", "flutung",
           "wasser", "bild", "aufnahme", "modell", "neigung", "verlust", "gebiet", "gebiete", "streuung", "schwere",
           "insel", "farben", "periode", "wert", "mittel"),
    "nl": ("kaart", "temperatuur", "oppervlak", "bedekking", "gemiddelde", "reeks", "overstroming", "overstromingen",
           "beeld", "helling", "gebied", "gebieden", "strooiing", "ernst", "eiland", "kleuren", "seizoen", "waarde",
           "meer"),
}

# geographic words that begin names when capitalised ("Lago di Garda", "Lac Léman", "Mont Blanc", "Isla Mayor")
_NAME_WORDS = _words("lago lac lake mont monte mount val valle sierra santa san saint sainte isla isola île ile rio "
                     "río costa golfo mar meer see bad sankt st")
# the lowercase words that link the parts of a place's name
_LINKS = ("de la", "de los", "de las", "de", "da", "do", "del", "della", "di", "du", "des", "la", "le", "les", "van",
          "von", "der", "den", "het", "sur", "am", "an der", "im", "ob der", "upon", "on", "y", "e", "et", "en", "aux")
_CAP = r"(?:IJ|[A-ZÀ-ÖØ-ÞĀ-ſ])[a-zß-öø-ÿĀ-ſ'’]+"  # a capitalised word, not an acronym ("NDVI de Lyon")
_NAME_LINK = re.compile(r"\b(" + _CAP + r")\s+(?:" + "|".join(_LINKS) + r")\s+(?=(" + _CAP + r"))")
_NAME_ELISION = re.compile(r"\b(" + _CAP + r")\s+(?:d|l)['’](?=(" + _CAP + r"))")  # "Val d'Orcia", "Cortina d'Ampezzo"
_NAME_ARTICLE = re.compile(r"(?<=\S)(\s+)(?:Den|De|Het|Los|Las|La|Le|Les|El|Il|L['’])\s*(?=[A-ZÀ-Ý])")
_TOKEN = re.compile(r"(?<![\w])[^\W\d_]+(?:-[^\W\d_]+)*(?![\w])")  # words, not "L2A" or "5P"


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]], frozenset[str]]:
    """Each language's words, their bare (accent-less) forms, and every exact word of any language."""
    exact = {lang: _LEXICON[lang] | _MONTHS[lang] for lang in LANGUAGES}
    bare = {lang: frozenset(_strip(w) for w in words) for lang, words in exact.items()}
    every = frozenset().union(*exact.values())
    return exact, bare, every


def _languages_of(word: str, capitalised: bool, first: bool) -> set[str]:
    """The languages `word` (lower-case) is a word of: exactly, else accent-insensitively when the bare form is no
    other word, else as the head of a compound (lower-case or opening the request)."""
    if capitalised and not first and word in _NAME_WORDS:
        return set()
    exact, bare, every = _lexicon()
    found = {lang for lang in LANGUAGES if word in exact[lang]}
    if found:
        return found
    plain = _strip(word)
    if plain not in every:
        found = {lang for lang in LANGUAGES if plain in bare[lang]}
        if found:
            return found
    if capitalised and not first:
        return set()
    return {lang for lang, heads in _COMPOUND_HEADS.items()
            if any(plain.endswith(_strip(h)) and len(plain) >= len(h) + 3 for h in heads)}


def is_language_word(word: str) -> bool:
    """A word of one of the languages' lexicons, or a German or Dutch compound of one ("Hitzeinsel" is not, but
    "Maandgemiddelde" and "Bodenbedeckung" are); geographic words that begin names ("Lago", "Mont") are not."""
    return bool(_languages_of(word.lower(), False, True)) and word.lower() not in _NAME_WORDS


def _is_word(token: str, first: bool) -> bool:
    return bool(_languages_of(token.lower(), True, first))


def _without_names(text: str) -> str:
    """The text with the words inside place names left out (see the module's docstring)."""
    def link(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        if _is_word(left, m.start() == 0) or _is_word(right, False):
            return m.group(0)  # "Karte der Wasserflächen", "Zugspitze im Dezember": the request's own words
        return left + " "

    text = _NAME_ELISION.sub(link, _NAME_LINK.sub(link, text))
    return _NAME_ARTICLE.sub(r"\1", text)


def _month_weight(word: str, lang: str) -> float:
    return 3.0 if word in _MONTHS[lang] or _strip(word) in {_strip(m) for m in _MONTHS[lang]} else 1.0


def language_scores(text: str) -> dict[str, float]:
    """Each language's weight of evidence in `text`."""
    scores = dict.fromkeys(LANGUAGES, 0.0)
    first = True
    for group in _TOKEN.findall(_without_names(text)):
        parts = group.split("-")
        if len(parts) > 1 and parts[0][:1].isupper() and parts[-1][:1].isupper():
            first = False
            continue  # "Île-de-France", "Saint-Étienne", "Emilia-Romagna": a name
        for part in parts:
            for token in re.split(r"['’]", part):
                if not token:
                    continue
                langs = _languages_of(token.lower(), token[:1].isupper(), first)
                first = False
                for lang in langs:
                    scores[lang] += _month_weight(token.lower(), lang) / len(langs)
    return scores


def answer_language(text: str, default: str = "en") -> str:
    """The language to answer in (en, de, fr, nl, es or it): the request's words (see the module's docstring);
    `default` (the conversation's language so far) when no word says any, or when it is among the best."""
    scores = language_scores(text)
    if not any(scores.values()):
        return default  # "NDVI 2022?" after a German request: still German
    return max(LANGUAGES, key=lambda k: (round(scores[k], 6), k == default, k == "en"))
