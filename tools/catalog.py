"""`search_collections` and `describe_collection` over the backend's own collection metadata.

Ranking: the query (accents and case folded, filler words dropped) and a small table of
everyday synonyms ("radar" → SAR, backscatter, VV; "air pollution" → NO2, TROPOMI; ...) are
matched as whole phrases against each collection's id, title, keywords, band names and common
names (strong fields) and description (weak field). Terms that match many collections count
less (inverse document frequency). Metadata comes from the backend client's cache (`tools/client`).
"""

from __future__ import annotations

import math
import re
import unicodedata

from tools.context import ToolContext
from tools.errors import ToolError
from tools.models import BandInfo, CollectionHit, CollectionHits, CollectionSummary
from tools.text import sanitize  # noqa: F401 - re-exported: callers import it from here too

MAX_DETAIL_FETCH = 40  # search the full documents only of catalogs this small

SYNONYMS: dict[str, list[str]] = {
    "radar": ["sar", "backscatter", "sentinel 1", "microwave", "vv", "vh", "grd"],
    "sar": ["radar", "backscatter", "sentinel 1"],
    "backscatter": ["sar", "radar"],
    "optical": ["multispectral", "reflectance", "sentinel 2", "true colour", "rgb"],
    "satellite image": ["optical", "multispectral", "true colour"],
    "true color": ["true colour", "rgb", "optical"],
    "cloud free": ["scl", "cloud mask", "l2a", "surface reflectance"],
    "cloudless": ["scl", "cloud mask", "l2a", "surface reflectance"],
    "elevation": ["dem", "digital elevation model", "height", "terrain", "topography", "altitude"],
    "height": ["elevation", "dem"],
    "terrain": ["elevation", "dem", "topography"],
    "topography": ["elevation", "dem"],
    "slope": ["elevation", "dem", "terrain"],
    "altitude": ["elevation", "dem"],
    "air pollution": ["no2", "nitrogen dioxide", "air quality", "trace gases", "tropomi", "sentinel 5p"],
    "air quality": ["no2", "air pollution", "trace gases", "tropomi"],
    "pollution": ["no2", "air quality", "trace gases", "emissions"],
    "smog": ["no2", "air quality", "aerosol"],
    "no2": ["nitrogen dioxide", "tropomi", "sentinel 5p", "air quality"],
    "nitrogen dioxide": ["no2", "tropomi"],
    "methane": ["ch4", "tropomi"],
    "ozone": ["o3", "tropomi"],
    "land surface temperature": ["lst", "thermal", "surface temperature", "slstr", "kelvin"],
    "surface temperature": ["lst", "thermal", "temperature"],
    "temperature": ["thermal", "lst", "kelvin"],
    "heat": ["lst", "thermal", "temperature"],
    "lst": ["land surface temperature", "thermal"],
    "land cover": ["worldcover", "land use", "classification", "landcover"],
    "landcover": ["land cover", "worldcover", "classification"],
    "land use": ["land cover", "worldcover", "classification"],
    "landsat": ["landsat 8", "landsat 9", "oli", "tirs", "usgs"],
    "vegetation": ["ndvi", "nir", "red", "multispectral"],
    "ndvi": ["nir", "red", "vegetation", "multispectral"],
    "crops": ["agriculture", "vegetation", "ndvi", "cropland"],
    "forest": ["trees", "vegetation", "tree cover"],
    "flood": ["water", "sar", "backscatter"],
    "water": ["ndwi", "swir", "water"],
    "chlorophyll": ["ocean colour", "olci", "algae"],
    "ocean color": ["ocean colour", "olci"],
    "burn": ["swir", "nbr", "fire"],
    "fire": ["swir", "burn", "thermal"],
    "snow": ["snow", "swir", "ndsi"],
}
STOPWORDS = {
    "a",
    "an",
    "the",
    "of",
    "for",
    "in",
    "on",
    "at",
    "to",
    "and",
    "or",
    "with",
    "data",
    "dataset",
    "collection",
    "collections",
    "image",
    "images",
    "imagery",
    "satellite",
    "map",
    "maps",
    "show",
    "me",
    "please",
    "some",
    "any",
    "level",
    "product",
    "products",
    "from",
    "over",
    "near",
}
FIELD_WEIGHTS = {"id": 4.0, "title": 3.0, "keywords": 3.0, "bands": 3.0, "description": 1.0}


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("color", "colour")
    return " " + re.sub(r"[^a-z0-9]+", " ", text).strip() + " "


def _id_forms(cid: str) -> str:
    """SENTINEL2_L2A → 'sentinel2 l2a sentinel 2 l2a' so that 'sentinel-2' and 'sentinel 2' both match."""
    base = normalize(cid)
    split = re.sub(r"([a-z])(\d)", r"\1 \2", base)
    return base + split


def summarize_collection(doc: dict) -> CollectionSummary:
    summaries = doc.get("summaries") or {}
    eo = {b.get("name"): b for b in summaries.get("eo:bands", []) if isinstance(b, dict)}
    raster = {b.get("name"): b for b in summaries.get("raster:bands", []) if isinstance(b, dict)}
    dims = doc.get("cube:dimensions") or {}
    names = next((d.get("values") for d in dims.values() if isinstance(d, dict) and d.get("type") == "bands"), None)
    names = names or list(eo)
    bands = [
        BandInfo(
            name=n,
            common_name=(eo.get(n) or {}).get("common_name"),
            unit=(raster.get(n) or {}).get("unit") or (eo.get(n) or {}).get("unit"),
            description=str((eo.get(n) or {}).get("description", ""))[:80],
        )
        for n in names
    ]
    extent = doc.get("extent") or {}
    bbox = ((extent.get("spatial") or {}).get("bbox") or [None])[0]
    interval = ((extent.get("temporal") or {}).get("interval") or [None])[0]
    gsd: list[float] = [float(b["gsd"]) for b in eo.values() if isinstance(b.get("gsd"), (int, float))]
    resolution = (
        min(gsd) if gsd else (summaries.get("gsd") or [None])[0] if isinstance(summaries.get("gsd"), list) else None
    )
    return CollectionSummary(
        id=doc["id"],
        title=str(doc.get("title") or ""),
        description=str(doc.get("description") or ""),
        keywords=[str(k) for k in doc.get("keywords") or []],
        bands=bands,
        spatial_extent=list(bbox) if bbox else None,
        temporal_extent=list(interval) if interval else None,
        resolution_m=float(resolution) if isinstance(resolution, (int, float)) else None,
        simulated=bool(doc.get("openeo_agent:simulated") or doc.get("simulated")),
    )


def _collections(ctx: ToolContext) -> list[CollectionSummary]:
    """Every collection, summarized: from the list documents, and from the full documents only
    when the list is abbreviated and the catalog small (a large catalog is searched as listed)."""
    docs = ctx.backend.collections()
    detail = len(docs) <= MAX_DETAIL_FETCH

    def thin(d: dict) -> bool:
        return "summaries" not in d and "cube:dimensions" not in d

    return [summarize_collection((ctx.backend.collection(d["id"]) if detail and thin(d) else None) or d) for d in docs]


def _fields(c: CollectionSummary) -> dict[str, str]:
    band_words = " ".join(f"{b.name} {b.common_name or ''}" for b in c.bands)
    return {
        "id": _id_forms(c.id),
        "title": normalize(c.title),
        "keywords": normalize(" ; ".join(c.keywords)),
        "bands": normalize(band_words),
        "description": normalize(c.description),
    }


def _terms(query: str) -> dict[str, float]:
    q = normalize(query)
    words = [w for w in q.split() if w not in STOPWORDS]
    terms: dict[str, float] = {}
    if len(words) > 1:
        terms[" ".join(words)] = 1.5
    for w in words:
        terms[w] = max(terms.get(w, 0.0), 1.0)
        for stem in _stems(w):
            terms[stem] = max(terms.get(stem, 0.0), 0.8)
    q_stems = q + " ".join(st for w in words for st in _stems(w)) + " "
    for key, syns in SYNONYMS.items():
        if f" {normalize(key).strip()} " in q_stems:
            terms[normalize(key).strip()] = max(terms.get(normalize(key).strip(), 0.0), 1.2)
            for s in syns:
                s = normalize(s).strip()
                terms[s] = max(terms.get(s, 0.0), 0.7)
    return terms


def _stems(word: str) -> list[str]:
    """Crude English suffix stripping: 'flooded' → 'flood', 'fields' → 'field', 'burning' → 'burn'."""
    out = []
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            out.append(word[: -len(suffix)])
    return out


def rank(query: str, collections: list[CollectionSummary]) -> list[CollectionHit]:
    terms = _terms(query)
    fields = [_fields(c) for c in collections]
    n = max(len(collections), 1)
    hits = []
    for c, f in zip(collections, fields, strict=True):
        score = 0.0
        for term, weight in terms.items():
            needle = f" {term} "
            matched = [FIELD_WEIGHTS[name] for name, text in f.items() if needle in text]
            if not matched:
                continue
            df = sum(1 for other in fields if any(needle in t for t in other.values()))
            score += weight * max(matched) * math.log(1.0 + n / df)
        if score > 0:
            hits.append(CollectionHit(collection=c, score=round(score, 3)))
    hits.sort(key=lambda h: -h.score)
    return hits


_GENERIC = {
    "area",
    "areas",
    "region",
    "time",
    "series",
    "change",
    "daily",
    "monthly",
    "yearly",
    "global",
    "high",
    "resolution",
}


def unmatched_words(query: str, c: CollectionSummary) -> list[str]:
    """The query's words that nothing of a collection (id, title, keywords, bands, description)
    matches, even through a stem or a synonym: 'modis' in 'MODIS land surface temperature'."""
    f = " ".join(_fields(c).values())
    missing = []
    for w in [w for w in normalize(query).split() if w not in STOPWORDS and w not in _GENERIC]:
        candidates = [w, *_stems(w)]
        candidates += [
            normalize(x).strip() for key, syns in SYNONYMS.items() if normalize(key).strip() in candidates for x in syns
        ]
        if not any(f" {t} " in f for t in candidates):
            missing.append(w)
    return missing


def search_collections(query: str, ctx: ToolContext, limit: int = 5) -> CollectionHits:
    query = (query or "").strip()
    if not query:
        raise ToolError("EmptyQuery", "Say what data you need, e.g. search_collections('radar') or ('elevation').")
    hits = rank(query, _collections(ctx))[:limit]
    return CollectionHits(query=query, hits=hits, unmatched=unmatched_words(query, hits[0].collection) if hits else [])


def describe_collection(collection_id: str, ctx: ToolContext) -> CollectionSummary:
    cid = (collection_id or "").strip()
    ids = ctx.backend.collection_ids()
    folded = [i for i in ids if i.casefold() == cid.casefold()]
    if cid not in ids and len(folded) == 1:
        cid = folded[0]
    if cid not in ids:
        close = _nearest(cid, ids)
        hint = f" Did you mean {', '.join(close)}?" if close else " Use search_collections to find one."
        raise ToolError("CollectionNotFound", f"No collection '{cid}' on this backend.{hint}")
    return summarize_collection(ctx.backend.collection(cid) or {"id": cid})


def _nearest(cid: str, ids: list[str]) -> list[str]:
    import difflib

    return difflib.get_close_matches(cid.upper(), ids, n=2, cutoff=0.5)


def collection_text(c: CollectionSummary) -> str:
    """The short description the model sees (see `CollectionSummary.to_text`)."""
    return c.to_text()
