"""The method a request spells out: formulas, thresholds, statistics, counts, windows, workflows.

Each reader takes normalised text (`i18n.normalize`) and returns a small typed value:
- `find_formula`: band arithmetic written out ("(B8A - B05) / (B8A + B05)", "4*VH/(VV+VH)"), checked
  token by token (band names, numbers, + - * / and brackets) and rendered as Python over band variables;
- `find_threshold`: a comparison with its value ("NDSI > 0.4", "größer als 0,42", "above 35 °C", "310 K",
  "4 dB below the local mean"), °C turned into kelvin where the data is in kelvin;
- `find_statistics`: the temporal statistics asked for ("mean, std and 10th/90th percentiles");
- `find_workflow`: which community workflow the request is (RVI, oil slicks, soil moisture change,
  heat-day counts, best-pixel composites, S1+S2 fusion, zonal land-cover shares, multi-sensor
  records, moving windows);
- `kernel_size`: the side of a moving window in pixels ("15x15", "21 x 21").
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel

Workflow = Literal["rvi", "oil_slick", "soil_moisture", "count_days", "best_pixel", "fusion", "zonal_landcover",
                   "multisensor", "moving_window", "statistics", "flood_product"]
Op = Literal["gt", "gte", "lt", "lte"]
OPS = {"gt": ">", "gte": ">=", "lt": "<", "lte": "<="}


class Formula(BaseModel):
    expression: str  # Python over band variables, e.g. "(b8a - b05) / (b8a + b05)"
    bands: list[str]  # band names in order of first use, e.g. ["B8A", "B05"]
    text: str  # as written

    def normalized_difference(self) -> tuple[str, str] | None:
        """(a, b) when the formula is (a - b) / (a + b)."""
        m = re.fullmatch(r"\(\s*(\w+)\s*-\s*(\w+)\s*\)\s*/\s*\(\s*(\w+)\s*\+\s*(\w+)\s*\)", self.expression)
        if m and {m.group(1), m.group(2)} == {m.group(3), m.group(4)} and m.group(1) != m.group(2):
            return m.group(1).upper(), m.group(2).upper()
        return None


class Threshold(BaseModel):
    op: Op
    value: float
    unit: str = ""  # "K", "°C", "dB", "°" (an angle), "%", "m", "" (index units)
    relative_to_local_mean: bool = False


class Statistic(BaseModel):
    name: Literal["mean", "median", "min", "max", "sd", "variance", "percentile"]
    p: float | None = None  # percentile 0..100

    @property
    def label(self) -> str:
        return f"p{self.p:g}" if self.name == "percentile" else self.name


BAND = r"(?:b\d{1,2}a?|vv|vh|hh|hv)"
_TOKEN = re.compile(r"\s*(?:(" + BAND + r")(?![a-z0-9])|(\d+(?:[.,]\d+)?)|([-+*/()·×]))")


def _band_name(tok: str) -> str:
    tok = tok.upper()
    if tok.startswith("B"):
        num, a = re.fullmatch(r"B(\d{1,2})(A?)", tok).groups()
        return f"B{int(num)}A" if a else f"B{int(num):02d}"
    return tok


def find_formula(text: str) -> Formula | None:
    """The longest band-arithmetic expression in the text with at least two bands and one operator; else one
    spoken in words ("NIR minus red over NIR plus red", `spoken_formula`)."""
    return _symbolic_formula(text) or spoken_formula(text)


# bands by name in six languages (normalised text), for formulas spoken in words
_SPOKEN_BANDS = [
    ("B08", r"near[- ]?infra-?red|nir|nahe[ns]? infrarot|nah-?infrarot|proche[- ]infrarouge|nabij[- ]infrarood|"
            r"infrarrojo cercano|infrarosso vicino|vicino infrarosso"),
    ("B05", r"red[- ]edge|rote kante|bord rouge|rand rood|borde rojo|bordo rosso"),
    ("B12", r"swir[- ]?2|short[- ]?wave infra-?red 2"),
    ("B11", r"swir[- ]?1?|short[- ]?wave infra-?red|kurzwellen[- ]?infrarot|kurzwelliges infrarot|infrarouge (?:à ondes courtes|moyen)|"
            r"kortegolf[- ]infrarood|infrarrojo de onda corta|infrarosso a onde corte"),
    ("B04", r"red|rot|rouge|rood|rojo|rosso"),
    ("B03", r"green|gr[üu]n|vert|groen|verde"),
    ("B02", r"blue|blau|bleu|blauw|azul|blu"),
]
_SPOKEN_OPS = [
    ("/", r"divided by|over|geteilt durch|dividiert durch|durch|divis[ée] par|sur|gedeeld door|dividido (?:por|entre)|diviso per|diviso"),
    ("-", r"minus|moins|min|menos|meno"),
    ("+", r"plus|m[áa]s|pi[ùu]"),
    ("*", r"times|multiplied by|mal|multipliziert mit|fois|multipli[ée] par|keer|maal|vermenigvuldigd met|multiplicado por|"
          r"moltiplicato per"),
]
_BAND_WORD_RE = r"(?:" + BAND + r"|" + "|".join(w for _, w in _SPOKEN_BANDS) + r")"
_OP_WORD_RE = r"(?:" + "|".join(w for _, w in _SPOKEN_OPS) + r")"
_ARTICLE = r"(?:(?:the|das|dem|le|la|l'|het|de|el|il|lo)\s+)?"
_SPOKEN_RE = re.compile(r"(?<![a-z0-9])" + _BAND_WORD_RE + r"(?:\s+" + _OP_WORD_RE + r"\s+" + _ARTICLE + _BAND_WORD_RE
                        + r")+(?![a-z0-9])")


def spoken_formula(text: str) -> Formula | None:
    """Band arithmetic in words, in six languages: "NIR minus red over NIR plus red", "nahes Infrarot minus Rot geteilt
    durch nahes Infrarot plus Rot", "B11 gedeeld door B08". Spoken, a division splits the whole expression: each side
    is one term ("a minus b over a plus b" is (a - b) / (a + b))."""
    for m in _SPOKEN_RE.finditer(text):
        tokens = re.findall(r"(?<![a-z0-9])(" + _BAND_WORD_RE + r"|" + _OP_WORD_RE + r")(?![a-z0-9])", m.group(0))
        out: list[str] = []
        for tok in tokens:
            if re.fullmatch(BAND, tok):
                out.append(_band_name(tok).lower())
                continue
            band = next((b for b, w in _SPOKEN_BANDS if re.fullmatch(w, tok)), None)
            if band and (not out or out[-1] in "+-*/"):
                out.append(band.lower())
            elif not band and out and out[-1] not in "+-*/":
                out.append(next(op for op, w in _SPOKEN_OPS if re.fullmatch(w, tok)))
        if len(out) < 3 or len(set(t for t in out if t not in "+-*/")) < 2:
            continue
        if "/" in out:
            i = out.index("/")
            sides = [out[:i], out[i + 1:]]
            expr = " / ".join(f"({' '.join(x)})" if any(t in "+-" for t in x) else " ".join(x) for x in sides)
        else:
            expr = " ".join(out)
        bands = list(dict.fromkeys(_band_name(t) for t in out if t not in "+-*/"))
        return Formula(expression=expr, bands=bands, text=m.group(0).strip())
    return None


def _symbolic_formula(text: str) -> Formula | None:
    best: Formula | None = None
    for start in re.finditer(r"[(]|" + BAND + r"(?![a-z0-9])|\d", text):
        pos, out, bands, depth, ops, last = start.start(), [], [], 0, 0, ""
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if not m:
                break
            band, num, op = m.groups()
            if band:
                if last in ("band", "num", ")"):
                    break
                name = _band_name(band)
                bands.append(name)
                out.append(name.lower())
                last = "band"
            elif num:
                if last in ("band", "num", ")"):
                    break
                out.append(num.replace(",", "."))
                last = "num"
            else:
                op = {"·": "*", "×": "*"}.get(op, op)
                if op == "(":
                    if last in ("band", "num", ")"):
                        break
                    depth += 1
                elif op == ")":
                    if depth == 0 or last in ("op", "("):
                        break
                    depth -= 1
                elif last in ("op", "(", ""):
                    if op != "-":
                        break
                else:
                    ops += 1
                out.append(op)
                last = op if op in "()" else "op"
            pos = m.end()
        while out and (out[-1] in "+-*/(" or last == "op"):
            out.pop()
            last = "band" if out and out[-1] not in "+-*/()" else ("" if not out else out[-1])
        expr = " ".join(out)
        if expr.count("(") != expr.count(")"):
            continue
        uniq = list(dict.fromkeys(bands))
        if len(uniq) >= 2 and ops >= 1 and (best is None or len(expr) > len(best.expression)):
            pretty = re.sub(r"\( ", "(", re.sub(r" \)", ")", expr))
            best = Formula(expression=pretty, bands=uniq, text=text[start.start():pos].strip())
    return best


# comparisons in six languages, longest first
_CMP = [
    (">=", "gte"), ("<=", "lte"), ("≥", "gte"), ("≤", "lte"), (">", "gt"), ("<", "lt"),
    ("greater than or equal to", "gte"), ("at least", "gte"), ("no less than", "gte"), ("not less than", "gte"),
    ("less than or equal to", "lte"), ("at most", "lte"), ("no more than", "lte"), ("not more than", "lte"),
    ("greater than", "gt"), ("more than", "gt"), ("higher than", "gt"), ("steeper than", "gt"), ("above", "gt"),
    ("over", "gt"), ("exceeding", "gt"), ("exceeded", "gt"), ("exceeds", "gt"), ("exceed", "gt"),
    ("less than", "lt"), ("lower than", "lt"), ("gentler than", "lt"), ("flatter than", "lt"), ("less steep than", "lt"),
    ("below", "lt"), ("under", "lt"),
    ("größer als", "gt"), ("grösser als", "gt"), ("höher als", "gt"), ("steiler als", "gt"), ("über", "gt"),
    ("oberhalb von", "gt"), ("mehr als", "gt"), ("kleiner als", "lt"), ("niedriger als", "lt"), ("geringer als", "lt"),
    ("flacher als", "lt"), ("unter", "lt"), ("unterhalb von", "lt"), ("weniger als", "lt"), ("mindestens", "gte"),
    ("höchstens", "lte"),
    ("supérieur à", "gt"), ("supérieure à", "gt"), ("supérieurs à", "gt"), ("supérieures à", "gt"), ("superieur a", "gt"),
    ("superieure a", "gt"), ("plus raide que", "gt"), ("plus raides que", "gt"), ("dépassé", "gt"), ("dépasse", "gt"),
    ("au-dessus de", "gt"), ("au dessus de", "gt"), ("plus de", "gt"), ("inférieur à", "lt"), ("inférieure à", "lt"),
    ("inférieurs à", "lt"), ("inférieures à", "lt"), ("inferieur a", "lt"), ("inferieure a", "lt"),
    ("en dessous de", "lt"), ("en-dessous de", "lt"), ("au-dessous de", "lt"), ("moins de", "lt"), ("au moins", "gte"),
    ("au plus", "lte"),
    ("groter dan", "gt"), ("hoger dan", "gt"), ("steiler dan", "gt"), ("boven", "gt"), ("meer dan", "gt"),
    ("kleiner dan", "lt"), ("lager dan", "lt"), ("vlakker dan", "lt"), ("onder", "lt"), ("minder dan", "lt"),
    ("minstens", "gte"), ("ten minste", "gte"), ("minimaal", "gte"), ("hoogstens", "lte"), ("maximaal", "lte"),
    ("mayor que", "gt"), ("mayor de", "gt"), ("mayor a", "gt"), ("mayores que", "gt"), ("mayores de", "gt"),
    ("superior a", "gt"), ("superior al", "gt"), ("superiores a", "gt"), ("más empinada que", "gt"),
    ("más empinadas que", "gt"), ("superó los", "gt"), ("superó", "gt"), ("supera", "gt"), ("por encima de", "gt"),
    ("más de", "gt"), ("menor que", "lt"), ("menor de", "lt"), ("menor a", "lt"), ("menores que", "lt"),
    ("menores de", "lt"), ("inferior a", "lt"), ("inferior al", "lt"), ("inferiores a", "lt"), ("por debajo de", "lt"),
    ("menos de", "lt"), ("al menos", "gte"), ("como mínimo", "gte"), ("como máximo", "lte"),
    ("maggiore di", "gt"), ("maggiori di", "gt"), ("superiore a", "gt"), ("superiore al", "gt"), ("superiori a", "gt"),
    ("più ripida di", "gt"), ("più ripide di", "gt"), ("al di sopra di", "gt"), ("sopra", "gt"), ("oltre", "gt"),
    ("più di", "gt"), ("minore di", "lt"), ("minori di", "lt"), ("inferiore a", "lt"), ("inferiore al", "lt"),
    ("inferiori a", "lt"), ("al di sotto di", "lt"), ("sotto", "lt"), ("meno di", "lt"), ("almeno", "gte"),
    ("superiore ai", "gt"), ("superiori ai", "gt"), ("inferiore ai", "lt"), ("plus pentu que", "gt"),
    ("plus pentues que", "gt"), ("más empinado que", "gt"), ("más empinados que", "gt"), ("più ripido di", "gt"),
    ("più ripidi di", "gt"),
]
# units after the value: Celsius, plain degrees (an angle: slope), kelvin, decibels, percent, metres
_UNIT = (r"(°\s*c(?![a-z])|ºc|deg\s*c(?![a-z])|degrees?\s+c(?:elsius)?(?![a-z])|(?:grad|graden|grados|gradi|degr[ée]s?)\s+c(?:elsius)?(?![a-z])|"
         r"celsius|°|º|degrees?|degr[ée]s?|grad(?:en|os|i)?(?![a-z])|k(?![a-z])|kelvin|db(?![a-z])|decibels?|%|"
         r"percent|per cent|prozent|pourcent|procent|por ?ciento|per ?cento|m(?![a-z²])|metres?|meters?|metri|metros)?")
_CMP_RE = re.compile(r"(?<![a-z])(" + "|".join(re.escape(w) for w, _ in sorted(_CMP, key=lambda x: -len(x[0])))
                     + r")\s*(?:the\s+|los\s+|les\s+|de\s+|i\s+|il\s+|gli\s+|a\s+)?(-?\d+(?:[.,]\d+)?)\s*" + _UNIT)
# what a number next to a comparison is about when it is no threshold of the product: clouds, resolution, area
_NOT_A_THRESHOLD = re.compile(r"cloud|wolk|nuag|nub[ei]|nuvol|bewolk|resolution|auflösung|résolution|resolutie|"
                              r"resoluci[óo]n|risoluzione|pixel size|km²|km2|hectare|hektar|ettari")


# a number followed by a span of time or a count of scenes: the length of a window
_TIME_SPAN = re.compile(r"\s*(?:days?|tage[ns]?|tag|jours?|dagen|dag|d[íi]as?|giorni|giorno|weeks?|wochen|woche|semaines?|"
                        r"weken|semanas?|settimane?|months?|monate[ns]?|mois|maanden|meses|mesi|years?|jahre[ns]?|ans|"
                        r"ann[ée]es|jaar|jaren|a[ñn]os|anni|scenes?|images?|aufnahmen|acquisitions?|opnamen|passes)(?![a-z])")


def _unit_name(unit: str) -> str:
    u = unit.replace(" ", "")
    if not u:
        return ""
    if u.endswith(("c", "celsius")) and u[0] in "°ºdgc":
        return "°C"
    if u[0] in "°º" or u.startswith(("degree", "degr", "grad")):
        return "°"
    if u in ("k", "kelvin"):
        return "K"
    if u.startswith(("db", "decibel")):
        return "dB"
    if u[0] == "%" or u.startswith(("per", "pro", "pour", "por")):
        return "%"
    return "m"


# a verb of exceeding a few words before a number with its unit: "superó la temperatura de superficie los 42 °C",
# "ha superato i 35 °C", "a dépassé les 38 °C", "hat 35 °C überschritten" (the unit says it is no count or year)
_EXCEED_FAR = re.compile(r"(?<![a-z])(?:super[óo]|superaron|superan?|superato|superata|superati|superano|superava|"
                         r"d[ée]pass[ée]\w*|exceed\w*|[üu]berschr\w*|[üu]berstieg\w*|overschr\w*|overtrof\w*)(?![a-z])"
                         r"[^.;\d]{0,50}?(-?\d+(?:[.,]\d+)?)\s*(°\s*c|ºc|deg\s*c\b|degrees? c\w*|grad\w*|k\b|kelvin)")


# Dutch and German put the verb between the comparative and its particle in a clause: "waar het verschil groter is dan
# 0,3", "waar de NDVI lager is dan 0,2", "wo die Temperatur höher ist als 35 °C", "wenn die Differenz kleiner wird als"
_COPULA_IN_COMPARISON = re.compile(
    r"(?<![a-z])(groter|hoger|kleiner|lager|steiler|vlakker|meer|minder|größer|grösser|höher|niedriger|geringer|flacher|"
    r"mehr|weniger)\s+(?:is|zijn|wordt|worden|ligt|liggen|blijft|ist|sind|wird|werden|liegt|liegen|bleibt)\s+(dan|als)(?![a-z])")


def find_threshold(text: str, kelvin: bool = False) -> Threshold | None:
    """The first comparison with a number; °C (and plain degrees) become kelvin when `kelvin` (LST is in
    kelvin); plain degrees are otherwise an angle ("slope steeper than 30°": unit "°")."""
    text = _COPULA_IN_COMPARISON.sub(r"\1 \2", text)
    ops = dict(_CMP)
    near = _first_comparison(text, kelvin, ops)
    if near is not None:
        return near
    m = _EXCEED_FAR.search(text)
    if m:
        value, unit = float(m.group(1).replace(",", ".")), m.group(2)
        if unit.startswith("k"):
            return Threshold(op="gt", value=value, unit="K")
        return Threshold(op="gt", value=round(value + 273.15, 2) if kelvin else value, unit="K" if kelvin else "°C")
    return _named_threshold(text, kelvin)


# a threshold named by its word in six languages, without a comparison: "threshold 0", "a cut-off of 0.3",
# "Schwellwert 0", "Schwelle von 0,2", "seuil de 0,3", "drempelwaarde 0.3", "umbral de 0.2", "soglia 0,4"
_THRESHOLD_WORD = re.compile(
    r"(?<![a-z])(?:thresholds?|thresholded at|cut-?offs?|schwell(?:en)?wert\w*|schwelle|grenzwert\w*|seuils?|"
    r"drempel(?:waarde)?s?|umbral(?:es)?|soglia|valore soglia|soglie)\s*(?:of|at|von|bei|de|du|van|op|di|a|al|=|:)?\s*"
    r"(-?\d+(?:[.,]\d+)?)\s*" + _UNIT)


def _named_threshold(text: str, kelvin: bool) -> Threshold | None:
    """A value given as "the threshold": what it separates lies above it (water above NDWI 0, vegetation above NDVI
    0.3, heat above 35 °C), except radar backscatter in dB, where water is dark (below)."""
    m = _THRESHOLD_WORD.search(text)
    if not m or (re.fullmatch(r"(19|20)\d\d", m.group(1)) and not m.group(2)):
        return None
    value, unit = float(m.group(1).replace(",", ".")), _unit_name(m.group(2) or "")
    if unit == "°C" or (unit == "°" and kelvin):
        return Threshold(op="gt", value=round(value + 273.15, 2) if kelvin else value, unit="K" if kelvin else "°C")
    if unit == "dB":
        return Threshold(op="lt", value=value, unit="dB")
    return Threshold(op="gt", value=value, unit=unit)


def _first_comparison(text: str, kelvin: bool, ops: dict[str, str]) -> Threshold | None:
    for m in _CMP_RE.finditer(text):
        word, value, unit = m.group(1), float(m.group(2).replace(",", ".")), _unit_name(m.group(3) or "")
        if re.fullmatch(r"(19|20)\d\d", m.group(2)) and not unit:
            continue  # "since 2019", "over 2020": a year, not a threshold
        if _NOT_A_THRESHOLD.search(text[max(0, m.start() - 30):m.end() + 25]):
            continue  # "less than 20 % cloud cover", "under 20 m resolution"
        if not unit and _TIME_SPAN.match(text, m.end()):
            continue  # "a moving mean over 30 days", "über 3 Aufnahmen": a window's length, not a threshold
        op = ops[word]
        local = bool(re.search(r"local|neighbo|surround|umgebung|voisin|omgev|alrededor", text[m.end():m.end() + 40]))
        if unit == "°C" or (unit == "°" and kelvin):
            return Threshold(op=op, value=round(value + 273.15, 2) if kelvin else value, unit="K" if kelvin else "°C")
        if unit in ("K", "°", "%", "m"):
            return Threshold(op=op, value=value, unit=unit)
        if unit == "dB" or local:
            darker = re.search(r"darker|dunkler|plus sombre|donkerder|más oscur|below|under|unter", text[m.start():m.end() + 40])
            return Threshold(op="lt" if darker or op == "lt" else op, value=-value if darker and value > 0 else value,
                             unit="dB", relative_to_local_mean=local)
        return Threshold(op=op, value=value)
    return None


_STAT_WORDS = [
    (r"(?<![a-z])(?:std|stdev|stddev|std\.?\s*dev\.?|standard deviation|standard-deviation|standardabweichung|"
     r"écart-type|ecart-type|écart type|ecart type|standaarddeviatie|standaardafwijking|desviación estándar|"
     r"desviacion estandar|desviación típica|desviacion tipica|deviazione standard|scarto quadratico medio|sd|σ)(?![a-z])", "sd"),
    (r"(?<![a-z])(?:variance|varianz|variantie|varianza)(?![a-z])", "variance"),
    # the adjectives too: "VV y VH medios", "NDVI moyen", "gemiddeld", "durchschnittlicher", "laagste", "höchste"
    (r"(?<![a-z])(?:means?|average|mittelwert|mittel|mittlere[nrs]?|durchschnitt\w*|moyen(?:ne)?s?|gemiddeld[e]?|promedios?|"
     r"media|medi[oa]s?|medie)(?![a-z])", "mean"),
    (r"(?<![a-z])(?:median|médiane|mediane|médian|mediaan|mediana|medianos?)(?![a-z])", "median"),
    # Dutch "min het" / "min de" is "minus the": a subtraction, no minimum
    (r"(?<![a-z])(?:minimum|min(?!\s+(?:het|de)\s)|minimo|mínimo|minimaal|minimale?|m[íi]nim[oa]s|niedrigste[nrs]?|laagste)(?![a-z])", "min"),
    (r"(?<![a-z])(?:maximum|max|massimo|máximo|maximo|maximaal|maximale?|m[áa]xim[oa]s|h[öo]chste[nrs]?|hoogste)(?![a-z])", "max"),
]
# the word for a percentile in six languages (quantiles written as fractions are read too: "quantile 0.9")
_PCT_WORD = r"(?:percentiles?|perzentile?n?|centiles?|percentil(?:es)?|percentielen|percentiel|quantiles?|quantile?n?|kwantielen|kwantiel|cuantiles?)"
_ORD = r"(\d{1,2}(?:[.,]\d+)?)(?:st|nd|rd|th|e|ème|er|º|°|\.|%)?"
_LIST_SEP = r"\s*(?:,|/|&|and|y|et|und|en|e|ed|or|oder|ou|o|of)\s*"
_PCT_BEFORE = re.compile(_ORD + r"(?:" + _LIST_SEP + _ORD + r")*\s*(?:-\s*)?" + _PCT_WORD)
_PCT_AFTER = re.compile(_PCT_WORD + r"\s*(?:de\s+|del\s+|van\s+|von\s+|di\s+)?(?:p)?" + _ORD
                        + r"(?:" + _LIST_SEP + r"(?:p)?" + _ORD + r")*")
_P_TOKEN = re.compile(r"(?<![a-z0-9])p(\d{1,2})(?![a-z0-9])")  # "P10, P50 and P90"


def _percent(v: str) -> float:
    x = float(v.replace(",", "."))
    return x * 100 if 0 < x < 1 else x  # "quantile 0.9" is the 90th percentile


def find_percentiles(text: str) -> list[float]:
    """Percentiles named in any order and notation: "10th/90th percentiles", "percentil 10 y 90",
    "10e et 90e percentiles", "P10 and P90", "quantiles 0.1 and 0.9"."""
    out: list[float] = []
    for rx in (_PCT_BEFORE, _PCT_AFTER):
        for m in rx.finditer(text):
            for v in re.findall(r"\d{1,2}(?:[.,]\d+)?(?![\d])", m.group(0)):
                p = _percent(v)
                if 0 < p < 100 and p not in out:
                    out.append(p)
    if re.search(r"(?<![a-z])" + _PCT_WORD, text) or len(_P_TOKEN.findall(text)) >= 2 or (
            _P_TOKEN.search(text) and any(re.search(w, text) for w, _ in _STAT_WORDS)):
        for v in _P_TOKEN.findall(text):
            if float(v) not in out and 0 < float(v) < 100:
                out.append(float(v))
    return sorted(out)


# "one band per statistic", "ein Band pro Statistik", "une bande par statistique", "één band per statistiek",
# "una banda por estadística", "una banda per statistica": the statistics are the product, even one of them
ONE_BAND_PER_STAT = re.compile(r"(?<![a-z])(?:bands?|bandes?|banda|bande)\s+(?:per|pro|par|por|for each|je|für jede)\s+"
                               r"(?:statisti\w*|estad[íi]stica\w*|kennzahl\w*|statistique\w*)")


def find_statistics(text: str) -> list[Statistic]:
    """Temporal statistics named together ("mean, std and 90th percentile"): two or more, or percentiles."""
    found: list[tuple[int, Statistic]] = []
    for pattern, name in _STAT_WORDS:
        m = next((m for m in re.finditer(pattern, text) if not _about_something_else(text, m)), None)
        if m:
            found.append((m.start(), Statistic(name=name)))  # type: ignore[arg-type]
    stats = [s for _, s in sorted(found, key=lambda x: x[0])]
    stats += [Statistic(name="percentile", p=p) for p in find_percentiles(text)]
    return stats


# the one temporal reducer a request names, by word class in six languages (normalised text, where "moyenne",
# "Mittelwert", "gemiddelde", "promedio" and "media" are already "mean", "médiane"/"mediana" "median", "máximo"/"massimo"
# "maximum"): "valore minimo", "le minimum", "laagste", "niedrigste", "le plus bas", "más bajo", "valor medio"
Reducer = Literal["max", "min", "median", "mean"]
_REDUCER_WORDS: list[tuple[str, str]] = [
    ("max", r"maxim(?:um|a|al|ale[nrs]?|e|o|os|as|aal|ali|ales)?|max|massim[oaie]|m[áa]xim[oa]s?|highest|peak|greenest|"
            r"hottest|warmest|h[öo]chste[nrs]?|hoogste|plus (?:haute?s?|[ée]lev[ée]e?s?)|m[áa]s alt[oa]s?|pi[ùu] alt[oaie]"),
    ("min", r"minim(?:um|a|al|ale[nrs]?|e|o|os|as|aal|ali|ales)?|min(?!\s+(?:het|de)\s)|m[íi]nim[oa]s?|lowest|coldest|niedrigste[nrs]?|"
            r"tiefste[nrs]?|geringste[nrs]?|laagste|plus bas(?:se)?s?|m[áa]s baj[oa]s?|pi[ùu] bass[oaie]"),
    ("median", r"median[es]?|m[ée]diane?s?|mediaan|mediana|mediani|medianos?"),
    ("mean", r"mean|means|average[ds]?|avg|mittel|mittlere[nrs]?|durchschnitt\w*|moyen(?:ne)?s?|gemiddeld[e]?|promedios?|"
             r"medi[oa]|medie|medios|gemittelt\w*|promediad[oa]s?|mediat[oaie]|moyenn[ée]e?s?"),
]
# a reducer word that is about something else: a cloud limit ("maximum 20 % cloud cover"), a resolution, a mapping
# unit, a comparison with a number ("minimaal 0,3": at least), a sea level, the local mean of an oil-slick threshold
_NOT_A_REDUCER = re.compile(r"cloud|wolk|nuag|nub[ei]|nuvol|resolution|auflösung|résolution|resolutie|resoluci|risoluzione|"
                            r"mapping unit|sea level|meeresspiegel|niveau de la mer|zeespiegel|nivel del mar|livello del mare|"
                            r"moyen[- ]orient|au moyen|medio oriente|midden-oosten|medio ambiente|en medio|por medio")


def _about_something_else(text: str, m: re.Match) -> bool:
    """A statistic word within a clause about clouds, resolution, sea level, 'au moyen de' (by means of)."""
    left = re.split(r"[,;:()]", text[max(0, m.start() - 15):m.start()])[-1]
    right = re.split(r"[,;:()]", text[m.end():m.end() + 22])[0]
    return bool(_NOT_A_REDUCER.search(left + m.group(0) + right))


# the nouns a reducer word heads in German and Dutch compounds: "Maximalkomposit", "Minimumwert", "Medianbild",
# "maximumcomposiet", "mediaanwaarde", "Maximalmosaik": the reducer of the composite
COMPOUND_HEADS = r"(?:komposit|composiet|wert|werte|waarde|waarden|bild|beeld|mosaik|mozaïek|karte|kaart)"


def find_reducer(text: str) -> Reducer | None:
    """The temporal reducer a request names (max, then min, median, mean: the more specific word wins), or None."""
    for name, words in _REDUCER_WORDS:
        for m in re.finditer(r"(?<![a-z])(?:" + words + r")(?:(?=" + COMPOUND_HEADS + r")|(?![a-z]))", text):
            if _about_something_else(text, m):
                continue
            if re.match(r"\s*(?:of\s+|van\s+|de\s+|di\s+|von\s+)?-?\d+(?:[.,]\d+)?(?!\d)(?!\s*(?:-|to)\s*\d)", text[m.end():]) \
                    and not re.match(r"\s*(?:19|20)\d\d(?!\d)", text[m.end():]):
                continue  # "minimaal 0,3", "max 20": a limit, not a reducer
            return name  # type: ignore[return-value]
    return None


# a reducer over time, not a series over time: "median over time", "the maximum Sentinel-2 NDVI over time", "the mean
# of the index over time" (normalised text: "moyenne", "Mittelwert", "media" are already "mean")
REDUCED_OVER_TIME = re.compile(
    r"(?<![a-z])(?:" + "|".join(w for _, w in _REDUCER_WORDS) + r"|std|standard deviation|variance|percentiles?|sum|count|"
    r"composite|reduced?|aggregated?)\s+(?:[\w-]+\s+){0,3}?over time(?![a-z])")

# a statistic over the area (per date of a time series), in six languages: "spatial median", "räumlicher Mittelwert",
# "moyenne spatiale", "ruimtelijk gemiddelde", "mediana espacial", "massimo spaziale", "the mean over the whole area"
_SPATIAL = r"(?:spatial(?:ly)?|r[äa]umlich\w*|spatiale?s?|ruimtelijk\w*|espacial(?:es)?|spazial[ei])"
_OVER_AREA = (r"(?:over|across|of) (?:the )?(?:whole |entire )?(?:area|region|aoi|field|polygon|parcel|plot)s?|"
              r"(?:über|ueber) (?:das|die|den) (?:ganze[nr]? |gesamte[nr]? )?(?:gebiet|fläche|region|feld|acker|parzelle|schlag|polygon)|"
              r"sur (?:toute )?la (?:zone|région|surface|parcelle)|sur (?:tout )?le (?:champ|polygone|périmètre)|"
              r"sur l'(?:ensemble de la )?(?:zone|parcelle)|"
              r"over (?:het|de) (?:hele |gehele )?(?:veld|perceel|gebied|regio|akker|polygoon)|"
              r"sobre (?:toda )?(?:la|el) (?:zona|[áa]rea|regi[óo]n|parcela|campo|pol[íi]gono)|"
              r"sull'(?:intera )?area|sul(?:l'intero)? (?:campo|appezzamento|poligono)|sulla (?:zona|regione|parcella)")


# statistics per polygon (zonal statistics), in six languages: "per-polygon", "zonale Statistik", "statistiques zonales",
# "zonale statistieken", "estadísticas zonales", "statistiche zonali", "per poligono", "par polygone", "por polígono"
ZONAL_WORDS = re.compile(
    r"(?<![a-z])(?:zonal\w*|zonale[nr]? statisti\w*|statistiques zonales|estad[íi]sticas zonales|statistiche zonali|"
    r"per[- ]polygon|per (?:field )?polygon|per (?:poligono|veld|perceel|parcella)|pro (?:polygon|feld|parzelle)|"
    r"je (?:polygon|feld|parzelle)|par (?:polygone|champ)|por (?:pol[íi]gono|campo))(?![a-z])")


def find_spatial_reducer(text: str, per_period: bool = False) -> Reducer | None:
    """The reducer a request applies over the area of a time series, when it says so ("spatial median"); in zonal
    statistics the reducer named is the polygon's ("per-polygon maximum VV", "médiane par polygone") unless values
    per period are asked for ("the monthly maximum NDVI per field": the maximum of each month)."""
    if ZONAL_WORDS.search(text) and not per_period:
        return find_reducer(text)
    for name, words in _REDUCER_WORDS:
        w = r"(?:" + words + r")"
        if re.search(r"(?<![a-z])(?:" + _SPATIAL + r"\s+" + w + r"|" + w + r"\s+" + _SPATIAL + r"|" + w +
                     r"(?:\s+[\w-]+){0,3}?\s+(?:" + _OVER_AREA + r"))(?![a-z])", text):
            return name  # type: ignore[return-value]
    return None


# a change asked for relative to the earlier value, in six languages: "percent change", "% change", "relative change",
# "prozentuale Änderung", "variation en pourcentage", "procentuele verandering", "cambio porcentual", "variazione percentuale"
PERCENT_CHANGE = re.compile(
    r"(?<![a-z])(?:(?:percent(?:age)?|per cent|%|relative)[- ]?(?:change|difference|increase|decrease|drop|rise)|"
    r"(?:change|difference|increase|decrease) in (?:percent|per cent|%)|"
    r"prozentual\w*\s+(?:ver)?[äa]nderung\w*|relative[nr]?\s+(?:ver)?[äa]nderung\w*|[äa]nderung\w* in prozent|"
    r"variation\w*\s+(?:en\s+pourcentage|relative\w*|en\s+%)|[ée]volution en pourcentage|"
    r"procentuele\s+(?:verandering|toename|afname|verschil)\w*|relatieve\s+(?:verandering|verschil)\w*|"
    r"(?:cambio|variaci[óo]n|diferencia)\s+(?:porcentual|relativ[oa]|en\s+porcentaje)|"
    r"(?:variazione|cambiamento|differenza)\s+(?:percentuale|relativa|in\s+percentuale))(?![a-z])")


def kernel_size(text: str) -> int | None:
    m = re.search(r"(\d{1,3})\s*[x×*]\s*(\d{1,3})\s*(?:pixels?|px|window|fenster|fenêtre|venster|ventana)?", text)
    if m and m.group(1) == m.group(2):
        n = int(m.group(1))
        return n if n % 2 == 1 else n + 1
    m = re.search(r"(\d{1,3})[- ]?(?:pixel|px)\s+(?:window|neighbourhood|neighborhood)", text)
    return int(m.group(1)) | 1 if m else None


def _has(text: str, *patterns: str) -> bool:
    return any(re.search(p, text) for p in patterns)


# S1+S2 fusion by composition: a radar part, an optical part and a word that puts them together, in six languages
# ("combine", "kombiniert", "fusionner", "samengevoegd", "unire", "stack", "one datacube", "S1 + S2"); or both
# missions named by name, which asks for both whatever the verb ("VV, VH and NDVI from Sentinel-1 and Sentinel-2")
_RADAR_PART = r"(?<![a-z0-9])(?:sentinel[- ]?1|s1|sar|radar|vv|vh|backscatter\w*|r[ée]trodiffusion|r[üu]ckstreu\w*)(?![a-z0-9])"
_OPTICAL_PART = (r"(?<![a-z0-9])(?:sentinel[- ]?2|s2|optical|optique|optisch\w*|[óo]ptic[oa]s?|ottic[oaie]|multi-?spectral\w*|"
                 r"ndvi|ndwi|evi|savi|ndmi|b0?[2-8]|b8a|b1[12])(?![a-z0-9])")
_MISSION_1 = r"(?<![a-z0-9])(?:sentinel[- ]?1|s1)(?![a-z0-9])"
_MISSION_2 = r"(?<![a-z0-9])(?:sentinel[- ]?2|s2)(?![a-z0-9])"
_COMBINE = (r"(?<![a-z])(?:fus(?:e|ed|es|ing|ion\w*|ie|i[óo]n|ione|ionner\w*|ionn\w*)|fonder\w*|fondi\w*|combin\w*|"
            r"kombin\w*|stack\w*|stapel\w*|empil\w*|apil\w*|impil\w*|merg\w*|samenvoeg\w*|samengevoegd\w*|"
            r"zusammen\w*|together|joint|jointly|integrat\w*|unir|unire|uni[rt][ea]\w*|(?:data ?)?cube|datenw[üu]rfel|"
            r"cubo|kubus|gemeinsam\w*|ensemble)(?![a-z])")


def is_fusion(text: str) -> bool:
    """Sentinel-1 and Sentinel-2 put into one product (normalised text)."""
    if not (re.search(_RADAR_PART, text) and re.search(_OPTICAL_PART, text)):
        return False
    if re.search(r"(?<![a-z0-9])s1\s*\+\s*s2|sentinel-?1\s*\+\s*sentinel-?2|s2\s*\+\s*s1|sentinel-?2\s*\+\s*sentinel-?1", text):
        return True
    return bool(re.search(_COMBINE, text)) or bool(re.search(_MISSION_1, text) and re.search(_MISSION_2, text))


# a record from Landsat and Sentinel-2 together: both named, in any order and with any verb ("combined", "harmonised",
# "Landsat 5/7/8 and Sentinel-2", "Landsat + S2", "aus Landsat 8 und Sentinel-2 kombiniert"), or HLS
_LANDSAT = r"(?<![a-z])(?:landsat|hls)"
_SENTINEL_2 = r"(?<![a-z0-9])(?:sentinel[- ]?2|s2|sentinel(?![- ]?[1356])|msi)(?![a-z0-9])"


def is_multisensor(text: str) -> bool:
    return bool(re.search(r"(?<![a-z])multi[- ]?(?:sensor|mission)|harmoni[sz]ed landsat", text)) or bool(
        re.search(_LANDSAT, text) and re.search(_SENTINEL_2, text))


def landsat_missions(text: str) -> list[int]:
    """The Landsat missions a request names: "Landsat 5/7/8" -> [5, 7, 8], "Landsat-9" -> [9], "TM" -> [5]."""
    out: set[int] = set()
    for m in re.finditer(r"landsat[- ]?((?:\d\s*(?:/|,|and|&|und|et|en|y|e|-|\+)?\s*)+)", text):
        out |= {int(d) for d in re.findall(r"\d", m.group(1)) if d in "45789"}
    if re.search(r"(?<![a-z])(?:etm\+?|landsat[- ]?7)(?![a-z])", text):
        out.add(7)
    if re.search(r"(?<![a-z])tm(?![a-z])", text):
        out.add(5)
    return sorted(out)


# every single observation kept, not aggregated ("every acquisition", "jede Aufnahme", "chaque acquisition")
EVERY_ACQUISITION = re.compile(
    r"(?<![a-z])(?:every|each|all|per|jede[rns]?|je|pro|alle|chaque|par|toutes les|tous les|elke|cada|por|todas las|todos los|"
    r"ogni|tutte le)\s+(?:single\s+|individual\s+)?(?:acquisition|date|observation|scene|image|overpass|aufnahme|szene|"
    r"passage|opname|adquisici[óo]n|escena|imagen|acquisizione|scena|immagine|observaci[óo]n|osservazione)")


# every date kept in the result, in six languages: "keep all dates", "garder toutes les dates", "alle Termine behalten",
# "mantieni tutte le date", "alle datums behouden", "mantener todas las fechas", or every acquisition named
KEEP_DATES = re.compile(
    r"(?<![a-z])(?:keep(?:ing)?|retain\w*|garde[rz]?|conserve[rz]?|behalte\w*|behoud\w*|bewaar\w*|mant(?:eni|enere|ener|[ée]n)\w*|"
    r"conserva\w*)\s+(?:all|every|each|toutes les|tous les|alle|ogni|tutte le|todas las|todos los)\s+(?:the\s+)?"
    r"(?:dates?|time steps?|acquisitions?|observations?|termine|zeitpunkte|datums|data|date|fechas|observaciones|scenes?)")


def every_date(text: str) -> bool:
    """Whether the request keeps each acquisition instead of reducing time."""
    return bool(EVERY_ACQUISITION.search(text) or KEEP_DATES.search(text))


# the words of each workflow by stem, in six languages (normalised text)
OIL_WORDS = (r"(?<![a-z])(?:oil[- ]?(?:slicks?|spills?|films?|pollution|leaks?)|[öo]l(?:teppich|film|fleck|verschmutzung|unfall|pest)\w*|"
             r"nappes? (?:de |d')(?:p[ée]trole|hydrocarbures?)|mar[ée]e noire|marea ne(?:gr|r)a|pollution p[ée]troli[èe]re|"
             r"olie(?:vlek|lozing|ramp|vervuiling|film)\w*|(?:manchas?|vertidos?|derrames?) de (?:petr[óo]leo|crudo|hidrocarburos?)|"
             r"(?:chiazz[ae]|macchi[ae]|sversament[oi]) di (?:petrolio|idrocarburi|olio|greggio)|"
             r"(?:hydro|idro|hidro)carbur\w*)")
SOIL_MOISTURE_WORDS = (r"(?<![a-z])(?:soil[- ]?moisture|soil water content|bodenfeucht\w*|feuchte des bodens|"
                       r"humidit[ée] (?:du|des) sols?|bodemvocht\w*|vochtigheid van de bodem|humedad (?:del suelo|ed[áa]fica)|"
                       r"umidit[àa] del (?:suolo|terreno))")
COUNT_DAYS_WORDS = (r"(?<![a-z])(?:how many (?:\w+ )?days|number of (?:\w+ )?days|count(?:ing)? (?:of )?(?:the )?days|days? counts?|"
                    r"days? (?:with|when|where|above|over|exceeding)|"
                    r"anzahl (?:der )?tage|wie viele tage|tage (?:mit|über|an denen)|hitzetage|tropentage|hei(?:ß|ss)e tage|"
                    r"nombre de jours|combien de jours|jours (?:avec|où|de canicule|au-dessus)|"
                    r"aantal dagen|hoeveel dagen|dagen (?:met|boven|waarop)|hittedagen|tropische dagen|"
                    r"cu[áa]ntos d[íi]as|n[úu]mero de d[íi]as|d[íi]as (?:con|en (?:los )?que|por encima)|"
                    r"numero di giorni|quanti giorni|giorni (?:con|in cui|sopra|di caldo)|heat[- ]?wave days|"
                    # a count verb a few words before the days ("count per pixel the days", "zähle pro Pixel die
                    # Tage", "compte les jours", "tel de dagen", "cuenta los días", "conta i giorni"), or the days
                    # with a relative clause ("the days on which", "Tage, an denen", "les jours pendant lesquels")
                    r"(?:count|zähle|zählen|compte[rz]?|tel|tellen|cuenta|contar|conta|contare)(?:\s+[\w-]+){0,3}?\s+"
                    r"(?:the\s+|die\s+|les\s+|de\s+|los\s+|las\s+|i\s+)?(?:days|tage|jours|dagen|d[íi]as|giorni)(?![a-z])|"
                    r"days\s+(?:on|in|during)\s+which|tage,?\s+(?:an|in)\s+denen|jours,?\s+(?:pendant\s+)?(?:lesquels|où)|"
                    r"dagen,?\s+(?:waarop|waarin)|d[íi]as,?\s+en\s+(?:los\s+)?que|giorni,?\s+(?:in\s+cui|nei\s+quali))")
# how often a condition held, in six languages: with a threshold, the count per pixel of the dates it held ("count per
# pixel how often NDVI < 0.2", "wie oft lag der NDVI unter 0,2", "combien de fois", "hoe vaak", "cuántas veces",
# "quante volte", "the number of times", "frequency of")
HOW_OFTEN_WORDS = (r"(?<![a-z])(?:how often|how many times|number of times|frequency of|wie oft|wie häufig|wie viele male|"
                   r"anzahl der male|combien de fois|nombre de fois|fréquence|hoe vaak|hoe dikwijls|aantal keren|"
                   r"cu[áa]ntas veces|n[úu]mero de veces|con qu[ée] frecuencia|frecuencia|quante volte|numero di volte|"
                   r"con quale frequenza|frequenza)(?![a-z])")
# a composite in six languages (normalised text), and the ranking of one observation per pixel: the highest NDVI, the
# lowest cloud probability ("the acquisition with the lowest cloud probability", "die Aufnahme mit dem höchsten NDVI",
# "de opname met de hoogste NDVI", "l'observation avec le NDVI le plus élevé", "la escena con el NDVI más alto")
_COMPOSITE = r"(?:composites?|composiet(?:en)?|komposit\w*|compuestos?|compositos?|compositi|composici[óo]n)"
_ONE_OBSERVATION = (r"(?:observations?|acquisitions?|scenes?|images?|dates?|opnamen?|aufnahmen?|szenen?|bilder|beelden|"
                    r"datums?|escenas?|im[áa]gen(?:es)?|fechas?|adquisici[óo]n|observaci[óo]n|acquisizion[ei]|immagin[ei]|"
                    r"osservazion[ei]|scen[ae])")
_WITH = r"(?:with|having|met|mit|avec|con)"
_HIGHEST = r"(?:highest|hoogste|h[öo]chste[nmrs]?|le plus [ée]lev[ée]|la plus [ée]lev[ée]e|m[áa]s alt[oa]|pi[ùu] alt[oa]|maximum|max)"
_LOWEST = (r"(?:lowest|least|laagste|minste|geringste[nmrs]?|niedrigste[nmrs]?|le plus faible|la plus faible|le plus bas|"
           r"la plus basse|m[áa]s baj[oa]|menor|pi[ùu] bass[oa]|minore|minimum|min)")
CLOUD_SCORE = r"(?:cloud\w*|wolk\w*|nuag\w*|nub\w*|nuvol\w*|cld)"
LOWEST_CLOUD = re.compile(r"(?<![a-z])" + _ONE_OBSERVATION + r"\s+(?:[\w-]+\s+){0,3}?" + _WITH + r"\s+[^,;:.]{0,25}?(?:"
                          + _LOWEST + r"\s+[^,;:.]{0,12}?" + CLOUD_SCORE + r"|" + CLOUD_SCORE + r"[^,;:.]{0,25}?" + _LOWEST
                          + r"(?![a-z]))")
_HIGHEST_NDVI = (r"(?<![a-z])" + _ONE_OBSERVATION + r"\s+(?:[\w-]+\s+){0,3}?" + _WITH + r"\s+[^,;:.]{0,25}?(?:"
                 + _HIGHEST + r"\s+(?:\w+\s+)?ndvi|ndvi\s+(?:\w+\s+)?" + _HIGHEST + r"(?![a-z]))")
BEST_PIXEL_WORDS = (r"(?<![a-z])(?:best[- ]pixel|greenest[- ]pixel|rank(?:ed)?[- ]composite|"
                    r"max(?:imum|imal[e]?)?[- ]ndvi[- ]" + _COMPOSITE + r"|" + _COMPOSITE + r"\s+(?:(?:de|du|a|an|with|met|mit|"
                    r"al|del|con|di|van|von)\s+)?(?:max(?:imum|imal[e]?)?[- ]ndvi|ndvi[- ]max(?:imum|imal[e]?)?)(?![a-z])|"
                    r"highest ndvi per pixel|date with the highest|meilleurs? pixels?|beste[rns]?[- ]pixel|mejor(?:es)? p[íi]xel|"
                    r"miglior[ei]? pixel)|" + _HIGHEST_NDVI + "|" + LOWEST_CLOUD.pattern)


def ranks_by_cloud(text: str) -> bool:
    """A best-pixel composite that keeps the least cloudy observation per pixel (by the CLD cloud probability),
    not the greenest: "the observation with the lowest cloud probability (CLD band)", "die Aufnahme mit der
    geringsten Wolkenwahrscheinlichkeit", "l'acquisition la moins nuageuse"."""
    return bool(LOWEST_CLOUD.search(text) or re.search(
        r"(?<![a-z])(?:cld(?: band)?|cloud probabilit\w*|wolkenwahrscheinlichkeit\w*|probabilit[ée] de nuages?|"
        r"wolkenkans\w*|probabilidad de nubes?|probabilit[àa] di nuvol\w*)(?![a-z])", text)
        or re.search(r"(?<![a-z])(?:least|moins|minst|am wenigsten|menos|meno)\s+(?:cloudy|nuageu\w*|bewolkt\w*|bew[öo]lkt\w*|"
                     r"nublad\w*|nuvolos\w*)", text))
SHARE_WORDS = (r"(?<![a-z])(?:share|shares|proportions?|percentages?|fractions?|breakdown|how much of|distribution|"
               r"distribu(?:ci[óo]n|zione|tion)|verteil\w*|verdeling\w*|"
               r"\w*anteile?n?|prozent\w*|parts? de(?=\s)|parts? d(?=')|r[ée]partition|pourcentages?|\w*aandee?l\w*|procent\w*|fractie\w*|"
               r"porcentajes?|proporci[óo]n\w*|cuotas?|fracci[óo]n\w*|quot[ae]|percentual[ei]|proporzion[ei]|frazion[ei])(?![a-z])")


# a moving (running, rolling) mean over time or smoothing, in six languages after `i18n.normalize` (which makes "moyenne",
# "Mittelwert", "gemiddelde", "media", "promedio" "mean"): "gleitendes Mittel", "gleitender Mittelwert", "moyenne glissante",
# "lopend gemiddelde", "media mobile", "promedio móvil", "Glättung", "lissage", "suavizado", "levigato", "afgevlakt"
# a window length may stand between the words ("rolling 30-day mean", "gleitender 14-Tage-Mittelwert")
_LENGTH_IN = r"(?:\d{1,3}[- ]?[a-zäöü]+[- ])?"
# ("lissé(e)(s)", "lissage", "lisser": never the bare "lisse", a town in the bulb fields of Zuid-Holland)
MOVING_WORDS = (r"(?<![a-z])(?:(?:moving|running|rolling|sliding)[- ]" + _LENGTH_IN + r"(?:average|mean|window|median)|"
                r"gleitende[nrs]?\s+" + _LENGTH_IN + r"(?:mittel\w*|durchschnitt\w*|mean|fenster)|(?:mean|moyenne)s?\s+(?:mobiles?|glissantes?)|"
                r"fen[êe]tre (?:glissante|mobile)|voortschrijdend\w*|lopend\w*\s+(?:mean|gemiddelde)|schuivend\w*\s+(?:venster|mean)|"
                r"(?:media|mean|promedio)s?\s+m[óo]vil(?:es)?|(?:media|mean)\s+mobil[ei]|finestra mobile|ventana m[óo]vil|"
                r"smooth\w*|gl[äa]tt\w*|gegl[äa]ttet\w*|liss(?:age|er|ée?s?|ees?)|suaviza\w*|levigat\w*|livellat\w*|"
                r"smussat\w*|afgevlakt|afvlakk\w*|gladgestreken|gladstrijk\w*)(?![a-z])")


def window_length(text: str) -> int | None:
    """The length of a moving window over time in observations: "3-observation moving average", "su finestre di 3
    acquisizioni", "über 5 Aufnahmen", "fenêtre de 5 dates", "ventana de 3 imágenes"."""
    m = re.search(r"(?<![\d.])(\d{1,2})[- ]?(?:consecutive\s+|successive\s+|aufeinanderfolgende\w*\s+|cons[ée]cuti\w*\s+)?"
                  r"(?:observations?|acquisitions?|acquisizion[ei]|adquisicion(?:es)?|aufnahmen?|beobachtung\w*|szenen?|"
                  r"opnamen?|observaties?|waarneming(?:en)?|observaci[óo]n(?:es)?|osservazion[ei]|dates?|datums|fechas?|scenes?|sc[èe]nes?|"
                  r"images?|im[áa]gen(?:es)?|immagin[ei]|beelden|bilder|time[- ]steps?|steps?|zeitschritte?)(?![a-z])", text)
    return int(m.group(1)) if m and 2 <= int(m.group(1)) <= 31 else None


_DAYS = r"(days?|tage[sn]?|tag|t[äa]gig\w*|jours?|dagen|dag|daags\w*|d[íi]as?|giorni|giorno)"
_WEEKS = r"(weeks?|wochen|woche|w[öo]chig\w*|semaines?|weken|week|semanas?|settimane?)"
_WINDOW_DAYS = re.compile(r"(?<![\d.])(\d{1,3})[- ]?(?:" + _DAYS + "|" + _WEEKS + r")(?![a-z])")


def window_days(text: str) -> int | None:
    """The length of a moving window over time in days, the one written nearest the moving-window words: "7-day
    moving average", "gleitender 14-Tage-Mittelwert", "moyenne glissante sur 10 jours", "2-week rolling mean" (14)."""
    anchor = re.search(MOVING_WORDS, text)
    if anchor is None:
        return None
    best: tuple[int, int] | None = None
    for m in _WINDOW_DAYS.finditer(text):
        n = int(m.group(1)) * (7 if m.group(3) else 1)
        distance = max(anchor.start() - m.end(), m.start() - anchor.end(), 0)
        if 2 <= n <= 366 and distance <= 30 and (best is None or distance < best[0]):
            best = (distance, n)
    return best[1] if best else None


# a moving window over space (a focal statistic), not over time: "3x3 focal mean", "spatial moving window",
# "boxcar filter", "räumlicher Mittelwertfilter", "filtre moyen 5x5", "ruimtelijk venster", "filtro espacial"
FOCAL_WORDS = re.compile(
    r"(?<![a-z])(?:focal\w*(?: mean| average| median)?|spatial(?:ly)? (?:moving |sliding )?(?:window|filter\w*|smooth\w*|mean filter)|boxcar\w*|"
    r"mean filter\w*|neighbou?rhood (?:mean|average)|r[äa]umlich\w* (?:gleitend\w* )?(?:fenster|filter\w*|gl[äa]tt\w*)|"
    r"mittelwertfilter\w*|filtre (?:moyen|spatial|de moyenne)|fen[êe]tre spatiale|ruimtelijk\w* (?:venster|filter\w*)|"
    r"gemiddeldefilter\w*|filtro (?:de media|medio|espacial|spaziale|di media)|ventana espacial|finestra spaziale|"
    # a moving window given as pixels across ("gleitender 3x3-Mittelwert", "media mobile 3x3", "5x5 moving mean"):
    # a window over space, not over time
    r"(?:gleitend\w*|moving|sliding|rolling|running|mobile?|glissant\w*|m[óo]vil\w*|voortschrijdend\w*|lopend\w*)"
    r"(?:[- ](?:window|fenster|fen[êe]tre|venster|ventana|finestra))?[- ](?:mean[- ]|media[- ])?\d{1,2}\s*[x×]\s*\d{1,2}"
    r"(?:[- ](?:mean|average|median|window))?|"
    r"(?:mean|media|promedio)s?\s+(?:mobil[ei]|m[óo]vil(?:es)?|glissantes?)\s+\d{1,2}\s*[x×]\s*\d{1,2}|"
    r"\d{1,2}\s*[x×]\s*\d{1,2}(?:[- ]pix\w*)?[- ](?:moving|sliding|rolling|running|gleitend\w*|mobile?|glissant\w*|m[óo]vil\w*)"
    r"(?:[- ](?:window|fenster|venster|ventana|finestra))?(?:[- ](?:mean|average|median))?"
    r")(?![a-z])")


# Sentinel-1 backscatter asked for by name, in six languages (normalised text)
RADAR_PRODUCT = (r"(?<![a-z0-9])(?:backscatter\w*|r[üu]ckstreu\w*|r[ée]trodiffusion\w*|terugverstrooi\w*|retrodispersi[óo]n|"
                 r"retrodiffusione|sigma0|sigma nought|gamma0|vv|vh)(?![a-z0-9])")


def _aside_beside_a_product(text: str, words: str, product: str) -> bool:
    """A workflow's words only inside brackets, the product outside them: "VV and VH backscatter in dB at 47.8 N,
    13.05 E (a meadow I'm monitoring for soil moisture)" asks for the backscatter; the brackets say what for."""
    outside = re.sub(r"\([^()]*\)", " ", text)
    return not re.search(words, outside) and bool(re.search(product, outside))


# gaps in a regular series filled along time, in six languages: "gap-filled", "linear interpolation",
# "array_interpolate_linear", "Lücken füllen", "combler les lacunes", "rellenar huecos", "gaten opvullen",
# "riempire i buchi"; a resampling's interpolation ("bilinear", "cubic", "nearest") is spatial, not this
GAP_FILL_WORDS = re.compile(
    r"(?<![a-z])(?:gap[- ]?fill\w*|fill(?:ing|ed)? (?:the |in )?gaps|array_interpolate_linear|(?<!bi)(?<!bi-)linear\w* interpol\w*|"
    r"interpol\w* (?:lin[ée]ai\w*|linear\w*|lineal\w*|lineare?)|(?:zeitlich\w*|temporal\w*|temporel\w*|temporale?) interpol\w*|"
    r"interpol\w* (?:over|along|in|entlang|dans|en|nel|in de) (?:time|der zeit|le temps|el tiempo|il tempo|de tijd)|"
    r"interpolat(?:ed|e|ing)? (?:over |across )?(?:the )?gaps|l[üu]cken\w* (?:f[üu]llen|schlie(?:ss|ß)en|gef[üu]llt)|"
    r"l[üu]ckenlos\w*|combl\w* (?:les )?(?:lacunes|trous)|rellen\w* (?:los )?(?:huecos|vac[íi]os)|"
    r"gaten (?:op)?vullen|opgevulde? gaten|riempi\w* (?:i )?(?:buchi|vuoti|lacune))(?![a-z])")


def gap_fill(text: str) -> bool:
    """Whether the request asks for the gaps of its periodic series to be filled along time (linear interpolation)."""
    return bool(GAP_FILL_WORDS.search(text))


def find_workflow(text: str) -> Workflow | None:
    """The community workflow a request describes, from its words (normalised text)."""
    from agent.planner.products import GFM_WORDS

    if GFM_WORDS.search(text):  # "flood extent from the GFM product": the product's own flood map, no detection
        return "flood_product"
    if _has(text, r"(?<![a-z])rvi(?![a-z])", r"radar[- ]?vegeta\w*[- ]?ind\w*", r"vegetation index radar",
            r"[ií]nd\w* de (?:la )?v[ée]g[ée]ta\w* (?:del? )?radar", r"vegetationsindex (?:aus|vom|des) radar"):
        return "rvi"
    if _has(text, OIL_WORDS):
        return "oil_slick"
    if _has(text, SOIL_MOISTURE_WORDS) and not _aside_beside_a_product(text, SOIL_MOISTURE_WORDS, RADAR_PRODUCT):
        return "soil_moisture"
    if _has(text, COUNT_DAYS_WORDS) or (_has(text, HOW_OFTEN_WORDS) and find_threshold(text) is not None):
        return "count_days"
    if _has(text, BEST_PIXEL_WORDS):
        return "best_pixel"
    if is_fusion(text):
        return "fusion"
    # German and Dutch write compounds: "Landbedeckungsklassen", "Flächenanteile", "oppervlakteaandeel"
    if _has(text, r"worldcover|land[- ]cover|landcover|land use|(?<![a-z])(?:land|boden)bedeckung\w*|landnutzung\w*|"
            r"occupation (?:du|des) sols?|couverture (?:du|des) sols?|bodembedekking\w*|landgebruik\w*|"
            r"cobertura (?:del suelo|de la tierra|terrestre)|uso del suelo|copertura del suolo|uso del suol[oi]") and \
            _has(text, SHARE_WORDS):
        return "zonal_landcover"
    if is_multisensor(text):
        return "multisensor"
    # statistics of a smoothed series ("mean and std of the smoothed NDVI"): the statistics, computed on the
    # smoothed series (Intent.smooth); statistic words inside the window's own words ("moving mean") are not counted
    stats = find_statistics(re.sub(MOVING_WORDS, " ", FOCAL_WORDS.sub(" ", text)))  # "filtre moyen 3x3": no statistic
    statistics = len(stats) >= 2 or any(s.name == "percentile" for s in stats) or (
        stats and stats[0].name in ("sd", "variance")) or (stats and ONE_BAND_PER_STAT.search(text))
    if _has(text, MOVING_WORDS) and not FOCAL_WORDS.search(text) and not statistics:
        return "moving_window"
    return "statistics" if statistics else None
