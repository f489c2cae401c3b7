"""Statistics per part of a region: "NDVI per gemeente in Utrecht", "mean LST by county in Iowa".

The request names a unit ("per gemeente", "pro Kreis", "par département", "by county"); the
planner then asks find_place for the region's parts (`parts=true`), reads the `parts_file=` line
of its answer (the run folder's GeoJSON FeatureCollection, a name per feature, and the box around
all parts) and drafts the product as usual: the script reads the file and ends in aggregate_spatial
over the parts and a table (CSV, one row per part) instead of a raster.
When the data has no parts for the region (find_place says `parts: none`, or too many), the
region as a whole is computed and the answer says so first: the unit is never dropped silently.
"""

from __future__ import annotations

import json
import re

from pydantic import BaseModel

from tools.models import Place

from agent.planner.country_words import label_in
from agent.planner.i18n import strip_accents
from agent.planner.phrases import phrases

UNITS = (
    "gemeenten", "gemeentes", "gemeente", "gemeinden", "gemeinde", "municipalities", "municipality", "municipios",
    "municipio", "comuni", "comune", "communes", "commune", "districts", "district", "distritos", "distrito",
    "distretti", "distretto", "counties", "county", "landkreise", "landkreis", "kreise", "kreis", "bezirke", "bezirk",
    "provinces", "province", "provincies", "provincie", "provincias", "provincia", "departements", "departement",
    "departments", "department", "departamentos", "departamento", "dipartimenti", "dipartimento", "powiats", "powiat",
    "prefectures", "prefecture", "boroughs", "borough", "arrondissements", "arrondissement", "cantons", "canton",
    "kantone", "kanton", "comarcas", "comarca", "bundeslander", "bundesland", "regions", "region", "regionen",
    "regioni", "regione", "regiones", "states", "state",
)
_UNIT = r"(?P<unit>" + "|".join(UNITS) + r")"
_UNIT_RE = re.compile(
    # "for each of the five boroughs", "pour chacun des départements", "für jeden der Landkreise", "in elk van de"
    r"\b(?:(?:for |in |in each |)each of (?:the |its |their )?(?:\w+ )?|pour chacun(?:e)? des |chacun(?:e)? des |"
    r"f[uü]r jede[nrs]? (?:der |des )?(?:\w+ )?|(?:voor |in )?elk(?:e)? van de |para cada un[oa] de (?:los |las )?|"
    r"per ciascun[oa]? (?:de[il] |delle )?|"
    # "per gemeente", "pro Kreis", "par département", "by county", "one value per borough"
    r"(?:per|pro|par|por|je|by|for each|for every|each|every|voor elke|voor iedere|f[uü]r jede[nrs]?|pour chaque|"
    r"chaque|para cada|cada|per ogni|ogni|per ciascun[oa]?)\s+(?:the\s+|de\s+|het\s+|la\s+|le\s+|el\s+)?)"
    + _UNIT + r"\b(?:\s+(?:of|de|du|des|van|von|der|di|del|della|dei|in|en|im|à)\b)?",
    re.IGNORECASE,
)
# the English of a unit, for the question to find_place ("Groningen (province)")
_LIST_SPLIT = re.compile(r"\s*(?:,|;|/|\s(?:and|&|und|et|en|y|e|ed|or)\s)\s*")


class Part(BaseModel):
    name: str
    feature: dict  # a GeoJSON Feature, from one look-up's outline


class PartsAnswer(BaseModel):
    """The parts of a region: the run folder's file that find_place(parts=true) wrote, the parts
    composed from one look-up each (`parts`, inline), or why there are none."""

    region: str
    parts: list[Part] = []  # composed from look-ups (listed parts, the region as a whole)
    count: int = 0  # how many parts the region has in the data
    file: str | None = None  # places/<name>-parts.geojson in the run folder, when they can be used
    bbox: tuple[float, float, float, float] | None = None  # W S E N around every part in the file
    boundaries: bool = False  # Natural Earth's outlines of a country's regions, not ones derived from towns

    @property
    def usable(self) -> bool:
        return bool(self.parts) or bool(self.file and self.count)

    @property
    def rows(self) -> int:
        return len(self.parts) if self.parts else self.count

    def collection(self) -> dict:
        return {"type": "FeatureCollection", "features": [p.feature for p in self.parts]}


def unit_asked(request: str) -> str | None:
    """The unit of a "per <unit>" request ('gemeente', 'county'), or None."""
    m = _UNIT_RE.search(strip_accents(request))
    if not m:
        return None
    unit = m.group("unit").lower()
    i = UNITS.index(unit)
    # the singular: the next, shorter spelling of the same word ("boroughs" -> "borough", "counties" -> "county")
    single = next((u for u in UNITS[i + 1:i + 3] if unit.startswith(u[:-1]) and len(u) < len(unit)), unit)
    written = request[m.start("unit"):m.start("unit") + len(single)].lower()  # with its accents: "département"
    return written if strip_accents(written) == single else single


def without_unit(request: str) -> str:
    """The request without its "per <unit>" phrases, so that no unit word is read as a place (accents are
    stripped only to find them: the offsets are those of the request)."""
    plain = strip_accents(request)
    out, last = [], 0
    for m in _UNIT_RE.finditer(plain):
        out.append(request[last:m.start()])
        if re.search(r"\s(?:of|de|du|des|van|von|der|di|del|della|dei|in|en|im|à)$", m.group(0)):
            out.append("in")  # "for each of the boroughs of New York City": New York City stays a place after a preposition
        last = m.end()
    out.append(request[last:])
    return re.sub(r"\s{2,}", " ", " ".join(x.strip() for x in out if x.strip()))


def listed_parts(request: str) -> list[str]:
    """The parts a "per <unit>" request names itself: "per provincie (Friesland, Groningen en Drenthe)",
    "chaque département de Bretagne (Finistère, Côtes-d'Armor, Morbihan, Ille-et-Vilaine)", "for the
    cantons of Geneva and Vaud, one row per canton"."""
    for group in re.findall(r"\(([^()]{3,200})\)", request):
        names = [n.strip(" .") for n in _LIST_SPLIT.split(group) if n.strip(" .")]
        if len(names) >= 2 and all(n[:1].isupper() and not re.search(r"\d", n) and len(n.split()) <= 4 for n in names):
            return names
    shared = shared_unit_list(request)
    return shared[1] if shared else []


# plural unit words in six languages (accents stripped) -> the singular find_place reads as a feature word
PLURAL_UNITS = {
    "cantons": "canton", "kantone": "kanton", "kantons": "kanton", "cantoni": "canton", "cantones": "canton",
    "provinces": "province", "provincies": "provincie", "provincias": "provincia", "provinzen": "province",
    "departements": "departement", "departments": "departement", "departamentos": "departement",
    "dipartimenti": "departement", "landkreise": "landkreis", "kreise": "kreis", "counties": "county",
    "comtes": "county", "condados": "county", "regions": "region", "regionen": "region", "regioni": "regione",
    "regiones": "region", "states": "state", "bundeslander": "bundesland", "lander": "bundesland",
    "districts": "district", "bezirke": "bezirk", "distritos": "district", "distretti": "district",
    "gemeenten": "gemeente", "gemeentes": "gemeente", "gemeinden": "gemeinde", "municipalities": "municipality",
    "municipios": "municipio", "comuni": "commune", "communes": "commune", "oblasts": "oblast",
    "voivodeships": "voivodeship", "prefectures": "prefecture", "comunidades": "comunidad",
    "islands": "island", "inseln": "insel", "iles": "ile", "islas": "isla", "isole": "isola", "eilanden": "eiland",
}
_PLURAL = r"(?i:" + "|".join(sorted(PLURAL_UNITS, key=len, reverse=True)) + r"|province(?=\s+di\s))"  # Italian plural
# one name of a list, with the article or preposition a language puts before it ("du Gard et de l'Hérault")
# (lower case: a capitalised article is part of the name, "La Palma", "Le Havre", "The Hague")
_LEAD = r"(?:(?:de la|de l'|de l\u2019|du|des|de|d'|d\u2019|la|le|les|l'|l\u2019|the|del|della|di|der|des)\s*)?"
_NAME = r"[A-Z][\w'\u2019.-]*(?:\s+(?:(?:de|del|di|du|la|le|am|an der|sur|upon)\s+)?[A-Z][\w'\u2019.-]*){0,3}"
_SEP = r"(?:\s*,\s*(?:(?i:and|und|et|en|y|e|ed)\s+)?|\s+(?i:and|und|et|en|y|e|ed|&|sowie)\s+)"
_NAMES = rf"(?P<names>{_LEAD}{_NAME}(?:{_SEP}{_LEAD}{_NAME})+)"
# "the cantons of Geneva and Vaud", "départements du Gard et de l'Hérault", "Landkreise Goslar und Harz",
# "las provincias de Sevilla y Huelva"; and the unit after the list: "the Geneva and Vaud cantons"
_UNIT_THEN_NAMES = re.compile(rf"(?<![\w])(?P<unit>{_PLURAL})\s+(?:(?i:of|von|van|in)\s+(?:the\s+)?)?{_NAMES}")
_NAMES_THEN_UNIT = re.compile(rf"{_NAMES}\s+(?P<unit>{_PLURAL})(?![\w])")


def shared_unit_list(request: str) -> tuple[str, list[str]] | None:
    """(unit, names) for regions listed under one unit word: "the cantons of Geneva and Vaud" ->
    ("canton", ["Geneva", "Vaud"]); looked up as "Geneva (canton)" so that the region is found, not the
    town of its name. None when the request lists no regions so."""
    plain = strip_accents(request)
    for pattern in (_UNIT_THEN_NAMES, _NAMES_THEN_UNIT):
        m = pattern.search(plain)
        if not m:
            continue
        names: list[str] = []
        start = m.start("names")
        pieces = re.split(f"({_SEP})", m.group("names"))
        for i, piece in enumerate(pieces[::2]):
            if i >= 2 and "," in pieces[2 * i - 1] and not re.search(r"[,\s](?:and|und|et|en|y|e|ed|&|sowie)\s", pieces[2 * i - 1]) \
                    and any(re.search(r"\s(?:and|und|et|en|y|e|ed|&|sowie)\s", sep) for sep in pieces[1:2 * i - 1:2]):
                break  # "Geneva and Vaud, Switzerland": a comma after the list's 'and' says where the list lies
            bare = re.sub(r"^" + _LEAD, "", piece).strip(" .")
            offset = plain.find(bare, start)
            names.append(request[offset:offset + len(bare)] if offset >= 0 else bare)  # with its accents: "Hérault"
            start = max(start, offset + len(bare))
        names = [n for n in names if n]
        if len(names) >= 2:
            return PLURAL_UNITS.get(m.group("unit").lower(), "provincia"), names
    return None


def composed_parts(region: str, hits: list[tuple[str, dict | None, tuple[float, float, float, float]]]) -> PartsAnswer:
    """Parts from one look-up each: (name, outline or None, bbox); without an outline, the part's box."""
    parts = []
    for name, geometry, (w, s, e, n) in hits:
        geom = geometry or {"type": "Polygon", "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]}
        parts.append(Part(name=name, feature={"type": "Feature", "properties": {"name": name}, "geometry": geom}))
    return PartsAnswer(region=region, parts=parts, count=len(parts))


_FILE_LINE = re.compile(r'^parts_file="(?P<file>[^"]+)".*?bbox=\[(?P<bbox>[^\]]+)\]')


def parts_of_place(place: Place) -> PartsAnswer | None:
    """The parts in find_place's typed answer (None when parts were not asked for)."""
    if place.parts is None:
        return None
    usable = bool(place.parts) and place.parts_shown and place.parts_file is not None
    return PartsAnswer(region=place.name, count=len(place.parts), file=place.parts_file if usable else None,
                       bbox=(place.parts_bbox or place.bbox) if usable else None, boundaries=place.parts_level == "first")


def parse_parts(result: str) -> PartsAnswer | None:
    """The parts in a find_place answer (None when it has no `parts` line)."""
    lines = (result or "").strip().splitlines()
    head = next((ln for ln in lines if ln.startswith("parts: ")), None)
    if head is None:
        return None
    region = lines[0].split(" (")[0].split(",")[0].strip() if lines else ""
    count = re.match(r"parts: (\d+)", head)
    answer = PartsAnswer(region=region, count=int(count.group(1)) if count else 0)
    listed = next((m for m in (_FILE_LINE.match(ln) for ln in lines) if m), None)
    if listed is not None:
        try:
            w, s, e, n = (float(v) for v in listed.group("bbox").split(","))
        except ValueError:
            return answer
        answer.file, answer.bbox = listed.group("file"), (w, s, e, n)
    answer.boundaries = "first-level regions" in head
    return answer


def parts_bbox(answer: PartsAnswer) -> tuple[float, float, float, float] | None:
    """The box around every part (the load must cover all of them, not a clamp of the region)."""
    if not answer.parts:
        return answer.bbox
    xs: list[float] = []
    ys: list[float] = []

    def walk(c: object) -> None:
        if isinstance(c, (list, tuple)) and len(c) >= 2 and all(isinstance(v, (int, float)) for v in c[:2]):
            xs.append(float(c[0]))  # type: ignore[arg-type]
            ys.append(float(c[1]))  # type: ignore[arg-type]
        elif isinstance(c, (list, tuple)):
            for item in c:
                walk(item)

    for part in answer.parts:
        walk((part.feature.get("geometry") or {}).get("coordinates"))
    if not xs:
        return None
    return (round(min(xs), 4), round(min(ys), 4), round(max(xs), 4), round(max(ys), 4))


def zones_code(answer: PartsAnswer) -> str:
    """What the drafted script assigns to `parts`: the line that reads find_place's file from the run
    folder (the script imports json and Path), or the composed parts as a literal."""
    if answer.parts:
        return "parts = " + json.dumps(answer.collection(), separators=(",", ":"), ensure_ascii=False)
    return f'parts = json.loads(Path("{answer.file}").read_text())'


def missing_note(unit: str, answer: PartsAnswer | None, region: str, lang: str = "en") -> str:
    """One sentence for a "per <unit>" request whose region has no parts the data can give (in `lang`)."""
    p = phrases(lang)
    where = label_in(answer.region, lang) if answer and answer.region else region  # the tool's: its country in English
    if answer and answer.count > len(answer.parts) and not answer.file:
        return p.unit_too_many.format(where=where, count=answer.count, unit=p.noun(unit))
    return p.unit_none.format(where=where, unit=p.noun(unit))
