"""`search_processes` and `describe_process` over the backend's GET /processes, with the openeo
Python client call where one exists (ndvi → `cube.ndvi(...)`, reduce_dimension →
`cube.reduce_dimension(...)` / `cube.median_time()`)."""

from __future__ import annotations

import functools
import inspect

from tools.catalog import normalize
from tools.context import ToolContext
from tools.errors import ToolError
from tools.models import ProcessHits, ProcessSummary
from tools.text import sanitize

CLIENT_IDIOMS: dict[str, str] = {
    "load_collection": 'connection.load_collection("ID", spatial_extent={...}, temporal_extent=[start, end], bands=[...])',
    "ndvi": 'cube.ndvi(nir="B08", red="B04")',
    "normalized_difference": 'cube.band("B03").normalized_difference(cube.band("B08"))  # or (a - b) / (a + b)',
    "reduce_dimension": 'cube.reduce_dimension(dimension="t", reducer="median")  # or cube.median_time() / cube.mean_time()',
    "median": 'cube.median_time()  # or reducer="median" in reduce_dimension',
    "mean": 'cube.mean_time()  # or reducer="mean"; over an area: cube.aggregate_spatial(geometries, "mean")',
    "max": 'cube.max_time()  # or reducer="max"',
    "min": 'cube.min_time()  # or reducer="min"',
    "filter_bbox": "cube.filter_bbox(west=..., south=..., east=..., north=...)",
    "filter_temporal": 'cube.filter_temporal("2024-06-01", "2024-09-01")  # end exclusive',
    "filter_bands": 'cube.filter_bands(["B04", "B08"])',
    "mask": "cube.mask(mask_cube)  # mask_cube true where pixels are removed",
    "aggregate_spatial": 'cube.aggregate_spatial(geometries=geojson_polygon, reducer="mean")  # time series; download as JSON/CSV',
    "aggregate_temporal_period": 'cube.aggregate_temporal_period(period="month", reducer="mean")',
    "apply": "cube.apply(lambda x: x * 0.0001)  # or cube * 0.0001",
    "linear_scale_range": "cube.linear_scale_range(0, 3000, 0, 255)",
    "resample_spatial": 'cube.resample_spatial(resolution=60, projection="EPSG:4326")',
    "merge_cubes": "cube.merge_cubes(other_cube)",
    "save_result": 'cube.save_result(format="GTiff")  # cube.download("result.tif") adds it for you',
    "array_element": 'cube.band("B04")  # inside band math',
    "log": "cube.log10() * 10  # linear backscatter to dB",
    "apply_dimension": 'cube.apply_dimension(dimension="t", process="cumsum")',
    "rename_labels": 'cube.rename_labels(dimension="bands", target=["ndvi"])',
    "add_dimension": 'cube.add_dimension(name="bands", label="ndvi", type="bands")',
    "sar_backscatter": 'cube.sar_backscatter(coefficient="sigma0-ellipsoid")',
    "mask_polygon": "cube.mask_polygon(geojson_polygon)",
    "filter_spatial": "cube.filter_spatial(geojson_polygon)",
}
SYNONYMS = {
    "vegetation": "ndvi normalized_difference",
    "index": "ndvi normalized_difference",
    "composite": "reduce_dimension median",
    "average": "mean reduce_dimension",
    "time series": "aggregate_spatial",
    "monthly": "aggregate_temporal_period",
    "weekly": "aggregate_temporal_period",
    "cloud": "mask",
    "clip": "filter_bbox filter_spatial mask_polygon",
    "crop": "filter_bbox filter_spatial",
    "subset": "filter_bbox filter_temporal filter_bands",
    "decibel": "log",
    "db": "log",
    "reproject": "resample_spatial",
    "resample": "resample_spatial",
    "scale": "linear_scale_range apply",
    "threshold": "gt lt gte lte",
    "combine": "merge_cubes",
    "save": "save_result",
    "export": "save_result",
    "region": "aggregate_spatial",
    "hillshade": "slope aspect",
    "terrain": "slope aspect",
    "relief": "slope aspect",
    "steepness": "slope",
    "convolution": "apply_kernel",
    "smooth": "apply_kernel apply_neighborhood",
    "focal": "apply_kernel apply_neighborhood",
    "speckle": "apply_kernel apply_neighborhood",
    "moving window": "apply_kernel apply_neighborhood",
    "zonal": "aggregate_spatial",
    "gap": "array_interpolate_linear",
    "radar": "sar_backscatter",
    "backscatter": "sar_backscatter",
}


@functools.lru_cache(maxsize=1)
def _datacube_methods() -> frozenset[str]:
    from openeo.rest.datacube import DataCube

    return frozenset(name for name, _ in inspect.getmembers(DataCube, inspect.isfunction) if not name.startswith("_"))


def client_method(process_id: str) -> str | None:
    if process_id in CLIENT_IDIOMS:
        return CLIENT_IDIOMS[process_id]
    if process_id in _datacube_methods():
        return f"cube.{process_id}(...)"
    return None


def _summary(doc: dict) -> ProcessSummary:
    return ProcessSummary(
        id=doc["id"],
        summary=sanitize(str(doc.get("summary") or "")),
        description=sanitize(str(doc.get("description") or "")),
        categories=[str(c) for c in doc.get("categories") or []],
        parameters=list(doc.get("parameters") or []),
        returns=dict(doc.get("returns") or {}),
        client_method=client_method(doc["id"]),
        conventions=[sanitize(str(c)) for c in doc.get("openeo_agent:conventions") or []],
    )


def _processes(ctx: ToolContext) -> list[dict]:
    return ctx.backend.processes()


def search_processes(query: str, ctx: ToolContext, limit: int = 6) -> ProcessHits:
    query = (query or "").strip()
    if not query:
        raise ToolError("EmptyQuery", "Say what the step should do, e.g. search_processes('monthly mean').")
    q = normalize(query)
    words = [w for w in q.split() if len(w) > 1]
    extra = " ".join(v for k, v in SYNONYMS.items() if f" {k} " in q).split()
    scored = []
    docs = _processes(ctx)
    for doc in docs:
        pid = doc["id"]
        id_text, summary, desc = (
            normalize(pid.replace("_", " ")),
            normalize(str(doc.get("summary", ""))),
            normalize(
                str(doc.get("description", ""))[:600] + " " + " ".join(doc.get("openeo_agent:conventions") or [])
            ),
        )
        cats = normalize(" ".join(doc.get("categories") or []))
        score = 0.0
        if normalize(query).strip().replace(" ", "_") == pid:
            score += 20
        for w in words:
            score += (
                4 * (f" {w} " in id_text)
                + 2 * (f" {w} " in summary)
                + 1 * (f" {w} " in cats)
                + 0.5 * (f" {w} " in desc)
            )
        score += 8 * (pid in extra)
        if score > 0:
            score += 0.5 * (client_method(pid) is not None)  # prefer what the client exposes directly
            scored.append((score, pid, doc))
    scored.sort(key=lambda t: (-t[0], t[1]))
    scored = [t for t in scored if t[0] >= 0.25 * scored[0][0]] if scored else []
    return ProcessHits(query=query, hits=[_summary(d) for _, _, d in scored[:limit]], unmatched=_unmatched(words, docs))


_FILLER = {
    "of",
    "the",
    "a",
    "an",
    "to",
    "for",
    "in",
    "on",
    "and",
    "or",
    "with",
    "by",
    "per",
    "each",
    "from",
    "over",
    "into",
}


def _unmatched(words: list[str], docs: list[dict]) -> list[str]:
    """Query words that no process (id, summary, description, conventions) mentions and no synonym covers."""
    text = (
        " "
        + " ".join(
            normalize(
                " ".join(
                    [
                        d["id"].replace("_", " "),
                        str(d.get("summary", "")),
                        str(d.get("description", "")),
                        " ".join(d.get("openeo_agent:conventions") or []),
                    ]
                )
            )
            for d in docs
        )
        + " "
    )
    covered = " ".join(SYNONYMS).split()
    return [
        w
        for w in words
        if w not in _FILLER
        and f" {w} " not in text
        and f" {w.rstrip('s')} " not in text
        and w not in covered
        and w.rstrip("s") not in covered
    ]


def describe_process(process_id: str, ctx: ToolContext) -> ProcessSummary:
    pid = (process_id or "").strip()
    docs = {d["id"]: d for d in _processes(ctx)}
    if pid not in docs:
        import difflib

        close = difflib.get_close_matches(pid, list(docs), n=3, cutoff=0.6)
        hint = f" Did you mean {', '.join(close)}?" if close else " Use search_processes to find one."
        raise ToolError("ProcessUnsupported", f"The backend has no process '{pid}'.{hint}")
    return _summary(docs[pid])


def process_text(p: ProcessSummary) -> str:
    """The short description the model sees (see `ProcessSummary.to_text`)."""
    return p.to_text()
