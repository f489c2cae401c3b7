"""Statistics per part of a region: "NDVI per gemeente in Utrecht", "mean LST by county in Iowa".

The request names a unit ("per gemeente", "pro Kreis", "par département", "by county"); the
planner then asks find_place for the region's parts (`parts=true`), reads the `parts=` line of
its answer (a GeoJSON FeatureCollection with a name per feature) and drafts the product as usual,
ending in aggregate_spatial over the parts and a table (CSV, one row per part) instead of a raster.
When the data has no parts for the region (find_place says `parts: none`, or too many to list),
the region as a whole is computed and the answer says so first: the unit is never dropped silently.
"""

from __future__ import annotations

import json
import re

from pydantic import BaseModel

from agent.planner.i18n import strip_accents

UNITS = (
    "gemeenten", "gemeente", "gemeinden", "gemeinde", "municipalities", "municipality", "municipios", "municipio",
    "comuni", "comune", "communes", "commune", "districts", "district", "counties", "county", "landkreise",
    "landkreis", "kreise", "kreis", "bezirke", "bezirk", "provinces", "province", "provincies", "provincie",
    "provincias", "provincia", "province", "departements", "departement", "departments", "department", "powiats",
    "powiat", "prefectures", "prefecture",
)
_UNIT_RE = re.compile(
    r"\b(?:per|pro|par|por|je|by|for each|for every|each|every|voor elke|voor iedere|fur jede[nrs]?|pour chaque|"
    r"chaque|para cada|cada|per ogni)\s+(?:the\s+|de\s+|het\s+)?(?P<unit>" + "|".join(UNITS) + r")\b",
    re.IGNORECASE,
)


class Part(BaseModel):
    name: str
    feature: dict  # a GeoJSON Feature, as find_place gave it


class PartsAnswer(BaseModel):
    """What find_place said about the parts of a region: the parts, or why there are none."""

    region: str
    parts: list[Part] = []
    count: int = 0  # how many the region has (more than `parts` when too many to list)

    def collection(self) -> dict:
        return {"type": "FeatureCollection", "features": [p.feature for p in self.parts]}


def unit_asked(request: str) -> str | None:
    """The unit of a "per <unit>" request ('gemeente', 'county'), or None."""
    m = _UNIT_RE.search(strip_accents(request))
    return m.group("unit").lower() if m else None


def without_unit(request: str) -> str:
    """The request without its "per <unit>" phrase, so the unit word is not read as a place."""
    plain = strip_accents(request)
    m = _UNIT_RE.search(plain)
    return request if not m else (request[: m.start()] + request[m.end():]).replace("  ", " ")


def parse_parts(result: str) -> PartsAnswer | None:
    """The parts in a find_place answer (None when it has no `parts` line)."""
    lines = (result or "").strip().splitlines()
    head = next((ln for ln in lines if ln.startswith("parts: ")), None)
    if head is None:
        return None
    region = lines[0].split(" (")[0].split(",")[0].strip() if lines else ""
    count = re.match(r"parts: (\d+)", head)
    listed = next((ln for ln in lines if ln.startswith("parts=")), None)
    if listed is None:
        return PartsAnswer(region=region, count=int(count.group(1)) if count else 0)
    try:
        collection = json.loads(listed[len("parts="):])
    except ValueError:
        return PartsAnswer(region=region, count=int(count.group(1)) if count else 0)
    parts = [Part(name=str((f.get("properties") or {}).get("name", i + 1)), feature=f)
             for i, f in enumerate(collection.get("features") or []) if isinstance(f, dict) and f.get("geometry")]
    return PartsAnswer(region=region, parts=parts, count=len(parts))


def parts_bbox(answer: PartsAnswer) -> tuple[float, float, float, float] | None:
    """The box around every listed part (the load must cover all of them, not a clamp of the region)."""
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
    """The parts as a Python literal the drafted script assigns to `parts`."""
    return "parts = " + json.dumps(answer.collection(), separators=(",", ":"), ensure_ascii=False)


def missing_note(unit: str, answer: PartsAnswer | None, region: str) -> str:
    """One sentence for a "per <unit>" request whose region has no parts the data can give."""
    where = answer.region if answer and answer.region else region
    if answer and answer.count > len(answer.parts):
        return (f"{where} has {answer.count} parts in the offline data, too many to list one row each, so this is "
                f"{where} as a whole; ask for a smaller region to get one row per {unit}.")
    return (f"The offline data has no {unit} outlines for {where}, so this is {where} as a whole, "
            f"not one row per {unit}.")
