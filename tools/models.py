"""Typed inputs and outputs of every tool.

Inputs are what the model may send (the LangChain tools use them as argument schemas). Outputs
are what a tool function returns: the model sees only the short text rendered from one
(`.to_text()`), and the same object travels beside that text as the tool message's artifact
(LangChain's `response_format="content_and_artifact"`), so the agent, the CLI and the UI read
`artifact.status` / `artifact.ok` instead of parsing the text back. Every output has both:

    status   VALID | INVALID | REFUSED | ERROR (run_openeo_code), OK | FAILED (execute,
             render_map), OK | NONE (searches), OK (look-ups), ERROR (`ToolFailure`); for
             run_openeo_code and execute it is also the first line of the text the model reads
    ok       whether the step did what was asked
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from backend.jail.models import Isolation
from tools.decision import DecisionNumbers
from tools.errors import ToolError
from tools.numbers import short_number
from tools.result_kind import ResultDescription
from tools.summary_models import ResultSummary
from tools.text import sanitize, shorten

__all__ = ["ToolError"]  # re-exported: tools and tests raise it from here too


class ToolArtifact(Protocol):
    """What every tool output offers beside its text."""

    @property
    def status(self) -> str: ...

    @property
    def ok(self) -> bool: ...

    def to_text(self) -> str: ...


class ToolOptions(BaseModel):
    """Per-deployment switches the agent core passes to `build_tools`."""

    online_geocoder: bool = False  # find_place may ask Nominatim when the gazetteer has no match
    nominatim_url: str = "https://nominatim.openstreetmap.org/search"
    basemap_url: str | None = None  # e.g. OpenStreetMap tiles; None = plain background (offline)
    basemap_attribution: str = "© OpenStreetMap contributors"
    period_layers: bool | None = (
        None  # before/after layers of a change; None = on the embedded backend only (no credits spent)
    )
    stac_url: str | None = (
        None  # a STAC API with the backend's acquisitions (CDSE's is known; the embedded backend serves its own)
    )
    stac_collections: dict[str, str] = Field(default_factory=dict)  # openEO collection id -> STAC collection id there


# --------------------------------------------------------------------------------------------
# Tool inputs (argument schemas of the LangChain tools; names are a stable contract)
# --------------------------------------------------------------------------------------------


class SearchCollectionsInput(BaseModel):
    query: str


class DescribeCollectionInput(BaseModel):
    collection_id: str


class SearchProcessesInput(BaseModel):
    query: str


class DescribeProcessInput(BaseModel):
    process_id: str


class FindPlaceInput(BaseModel):
    name: str
    polygon: bool = False
    parts: bool = False


class FindAcquisitionsInput(BaseModel):
    collection_id: str
    west: float
    south: float
    east: float
    north: float
    start: str = Field(description="YYYY-MM-DD")
    end: str = Field(description="YYYY-MM-DD, exclusive")


class RunCodeInput(BaseModel):
    code: str
    explanation: list[str] = Field(
        default_factory=list,
        description="One short sentence per step (bands, mask, reduction, output) for the reviewer; always pass it.",
    )


class NoInput(BaseModel):
    pass


# --------------------------------------------------------------------------------------------
# Catalog and processes
# --------------------------------------------------------------------------------------------


class Found(BaseModel):
    """An outcome that exists only when the lookup found its object: always OK."""

    @property
    def status(self) -> Literal["OK"]:
        return "OK"

    @property
    def ok(self) -> bool:
        return True


class Hits(BaseModel):
    """Search results: OK with at least one hit, NONE without (`hits` is set by the subclass)."""

    hits: list[Any]

    @property
    def status(self) -> Literal["OK", "NONE"]:
        return "OK" if self.hits else "NONE"

    @property
    def ok(self) -> bool:
        return bool(self.hits)


class BandInfo(BaseModel):
    name: str
    common_name: str | None = None
    unit: str | None = None
    description: str = ""


class CollectionSummary(Found):
    id: str
    title: str = ""
    description: str = ""
    keywords: list[str] = Field(default_factory=list)
    bands: list[BandInfo] = Field(default_factory=list)
    spatial_extent: list[float] | None = None  # W S E N
    temporal_extent: list[str | None] | None = None  # [start, end or None]
    resolution_m: float | None = None
    simulated: bool = False

    def to_text(self) -> str:
        """The short description the model sees (metadata sanitized: it is data, not instructions)."""
        t = self.temporal_extent or [None, None]
        w = self.spatial_extent
        bands = "; ".join(
            b.name + (f" ({b.common_name})" if b.common_name else "") + (f" [{b.unit}]" if b.unit else "")
            for b in self.bands[:20]
        ) + (" …" if len(self.bands) > 20 else "")
        lines = [
            f"{self.id}: {sanitize(self.title)}",
            shorten(sanitize(self.description), 300),
            f"Bands: {bands}",
            f"Time: {(t[0] or '?')[:10]} to {(t[1] or 'ongoing')[:10]}"
            + (f"; extent: [{w[0]:.1f}, {w[1]:.1f}, {w[2]:.1f}, {w[3]:.1f}]" if w else "")
            + (f"; best resolution: {self.resolution_m:g} m" if self.resolution_m else ""),
        ]
        if self.simulated:
            lines.append("Data on this backend is SIMULATED (plausible values, not observations).")
        return "\n".join(lines)


class CollectionHit(BaseModel):
    collection: CollectionSummary
    score: float


class CollectionHits(Hits):
    query: str
    hits: list[CollectionHit] = Field(default_factory=list)
    unmatched: list[str] = Field(default_factory=list)  # query words the best hit does not match at all

    def to_text(self) -> str:
        if not self.hits:
            return (
                f"[NoCollectionFound] No collection matches '{self.query}'. Try a broader word "
                "(e.g. 'optical', 'radar', 'elevation', 'temperature')."
            )
        lines = []
        if self.unmatched:
            lines.append(
                f"[WeakMatch] No collection here matches {', '.join(repr(w) for w in self.unmatched)}: "
                "the closest ones follow; say so if you use one instead of what was asked."
            )
        for h in self.hits:
            c = h.collection
            bands = ", ".join(b.name for b in c.bands[:12]) + (" …" if len(c.bands) > 12 else "")
            t = c.temporal_extent or [None, None]
            when = f"{(t[0] or '?')[:10]}..{(t[1] or 'now')[:10]}"
            sim = " [simulated]" if c.simulated else ""
            title = sanitize(c.title or c.description)
            title = title.replace("(simulated)", "").strip() if c.simulated else title  # the tag says it
            label = shorten(title, 70) or "untitled"
            lines.append(f"{c.id}: {label} ({when}; bands: {bands}){sim}")
        return "\n".join(lines)


class ProcessSummary(Found):
    id: str
    summary: str = ""
    description: str = ""
    categories: list[str] = Field(default_factory=list)
    parameters: list[dict] = Field(default_factory=list)  # openEO JSON: {name, description, schema, optional}
    returns: dict = Field(default_factory=dict)
    client_method: str | None = None  # e.g. "cube.ndvi(nir='B08', red='B04')"
    conventions: list[str] = Field(default_factory=list)  # what the backend says it does where code goes wrong

    def to_text(self) -> str:
        params = []
        for prm in self.parameters[:8]:
            opt = "optional" if prm.get("optional") else "required"
            params.append(f"- {prm.get('name')} ({opt}): {sanitize(str(prm.get('description', '')))[:110]}")
        lines = [f"{self.id}: {self.summary}", *params]
        if self.client_method:
            lines.append(f"Python client: {self.client_method}")
        if self.conventions:
            lines.append("On this backend:")
            lines += [f"- {c}" for c in self.conventions]
        return "\n".join(lines)


class ProcessHits(Hits):
    query: str
    hits: list[ProcessSummary] = Field(default_factory=list)
    unmatched: list[str] = Field(default_factory=list)  # query words no listed process mentions

    def to_text(self) -> str:
        if not self.hits:
            return f"[NoProcessFound] No process matches '{self.query}'. Try a simpler verb (e.g. 'mean', 'mask', 'filter')."
        out = []
        if self.unmatched:
            out.append(
                f"[WeakMatch] No process here is about {', '.join(repr(w) for w in self.unmatched)}: the "
                "closest follow; build the step from them (describe_process shows their conventions)."
            )
        for p in self.hits:
            line = f"{p.id}: {p.summary[:80]}"
            if p.client_method:
                line += f" → {p.client_method}"
            out.append(line)
        return "\n".join(out)


# --------------------------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------------------------


class PlacePart(BaseModel):
    """One part of a region (a gemeente of a province): its name and polygons (outer ring first, then holes)."""

    name: str
    polygons: list[list[list[tuple[float, float]]]]

    def geometry(self) -> dict:
        if len(self.polygons) == 1:
            return {"type": "Polygon", "coordinates": self.polygons[0]}
        return {"type": "MultiPolygon", "coordinates": self.polygons}

    def feature(self) -> dict:
        return {"type": "Feature", "properties": {"name": self.name}, "geometry": self.geometry()}


def parts_collection(parts: list[PlacePart]) -> dict:
    """The parts as a GeoJSON FeatureCollection, a `name` property per feature (for aggregate_spatial)."""
    return {"type": "FeatureCollection", "features": [p.feature() for p in parts]}


class Place(Found):
    name: str
    region: str | None = None
    country: str | None = None
    kind: str = "city"  # city, town, country, continent, state, "region, province", island, mountain range, lake, ...
    population: int | None = None
    lon: float
    lat: float
    bbox: tuple[float, float, float, float]  # W S E N, EPSG:4326
    source: str = "geonames"
    alternatives: list[str] = Field(default_factory=list)  # other places with the same name, "Name, Country"
    polygon: list[list[tuple[float, float]]] | None = None  # outer rings (lon, lat), when asked for and known
    polygon_asked: bool = False  # polygon=true was asked for: its absence is said, not left silent
    parts: list[PlacePart] | None = None  # second-level regions inside, when asked for ([]: none in the data)
    parts_shown: bool = True  # False: too many parts for one row each
    parts_file: str | None = None  # the parts as a GeoJSON FeatureCollection, relative to the run folder
    parts_bbox: tuple[float, float, float, float] | None = None  # W S E N around every part
    parts_level: Literal["first", "second"] = "second"  # a country's first-level regions, or a region's parts

    def to_text(self) -> str:
        label = ", ".join(p for p in (self.name, self.region, self.country) if p)
        extra: str = self.kind
        if self.population:
            extra += f", pop. {_human_pop(self.population)}"
        w, s, e, n = self.bbox
        text = f"{label} ({extra}): bbox=[{w:.2f}, {s:.2f}, {e:.2f}, {n:.2f}]"  # order and CRS: prompts/tools/find_place.md
        if self.polygon:
            rings = [[[round(x, 3), round(y, 3)] for x, y in ring] for ring in self.polygon]
            geom = (
                {"type": "MultiPolygon", "coordinates": [[r] for r in rings]}
                if len(rings) > 1
                else {"type": "Polygon", "coordinates": rings}
            )
            text += "\npolygon=" + json.dumps(geom, separators=(",", ":"))
        elif self.polygon_asked:
            text += (
                "\npolygon: none in the offline data for this place; use the bbox as a rectangle "
                "(aggregate_spatial over it) and say so in the answer."
            )
        if self.parts is not None:
            text += "\n" + self._parts_text()
        if self.alternatives:
            text += f"\nAlso called {self.name}: {'; '.join(self.alternatives)}. If you meant one of these, call find_place('{self.name}, <country>')."
        return text

    def _parts_text(self) -> str:
        """The parts by name and the file that holds their outlines: never the outlines (the
        script reads the file; the graph it builds carries them to the backend)."""
        if not self.parts:
            return (
                f"parts: none; the offline data has no {'first' if self.parts_level == 'first' else 'second'}-level regions inside {self.name}. "
                "Use the region as a whole (polygon=true) and say so."
            )
        head = (
            f"parts: {len(self.parts)} first-level regions of {self.name} (Natural Earth outlines, simplified)"
            if self.parts_level == "first"
            else f"parts: {len(self.parts)} second-level regions of {self.name} (GeoNames admin2), approximate "
            "outlines derived from their towns, not official boundaries"
        )
        if not self.parts_shown:
            return head + ". Too many for one row each: ask for a smaller region."
        if not self.parts_file:
            return head + ". Not written to a file (no run folder): use the region as a whole and say so."
        w, s, e, n = self.parts_bbox or self.bbox
        return (
            f"{head}: {', '.join(p.name for p in self.parts)}.\n"
            f'parts_file="{self.parts_file}" (a GeoJSON FeatureCollection, a "name" per feature), '
            f"all parts within bbox=[{w}, {s}, {e}, {n}]. In the script, never copy outlines:\n"
            f'parts = json.loads(Path("{self.parts_file}").read_text())  # import json; from pathlib import Path\n'
            'then aggregate_spatial(geometries=parts, reducer="mean") gives one row per part, named.'
        )


def _human_pop(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f}M".replace(".0M", "M")
    if n >= 1_000:
        return f"{round(n / 1_000)}k"
    return str(n)


# --------------------------------------------------------------------------------------------
# Sandbox
# --------------------------------------------------------------------------------------------


class SandboxRefused(BaseModel):
    """The syntax-tree check (or the runtime guard) refused the code before/while it ran."""

    kind: Literal["refused"] = "refused"
    rule: str  # e.g. "import", "dunder", "builtin", "attribute", "format-string", "runtime-guard"
    line: int | None = None
    message: str
    attribute: str | None = None  # an AttributeError's missing name ("and_") ...
    owner: str | None = None  # ... and the type that lacks it ("DataCube")

    def to_text(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        return f"[SandboxRefused:{self.rule}] {where}{self.message}"


class CodeError(BaseModel):
    """The code itself failed (a Python exception in the user's code, a timeout, a memory limit)."""

    kind: Literal["code_error"] = "code_error"
    code: str = "CodeError"  # CodeError | SyntaxError | SandboxTimeout | SandboxMemoryLimit | SandboxCrashed
    exception: str = ""  # e.g. "NameError"
    line: int | None = None
    message: str
    attribute: str | None = None  # an AttributeError's missing name ("and_") ...
    owner: str | None = None  # ... and the type that lacks it ("DataCube")

    def to_text(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        exc = f"{self.exception}: " if self.exception else ""
        return f"[{self.code}] {where}{exc}{self.message}"


class CapturedGraph(BaseModel):
    """A process graph the code tried to run, captured instead of running it (in the order sent)."""

    via: Literal["download", "execute", "create_job", "save_result"] = "download"
    process_graph: dict  # flat openEO graph {node_id: {process_id, arguments, result?}}
    outputfile: str | None = None  # the file the script downloads it to, if any
    format: str | None = None  # save_result's format, if the graph has one
    job_id: str | None = None  # the sandbox's id of the batch job (create_job / execute_batch)
    title: str | None = None


class GraphPlan(BaseModel):
    """One distinct graph of a script, as execute() runs it (tools/outputs.py)."""

    process_graph: dict
    output_name: str  # the result's file name in the run folder: the script's own, made safe
    format: str | None = None  # save_result's format
    via: str = "download"
    outputfile: str | None = None  # the name as the script wrote it


class CapturedUdp(BaseModel):
    """A user-defined process the code stored (save_user_defined_process): the body of
    PUT /process_graphs/{id}, which the parent hands to the backend."""

    model_config = ConfigDict(extra="allow")

    id: str
    process_graph: dict
    parameters: list[dict] | None = None
    summary: str | None = None
    description: str | None = None
    returns: dict | None = None
    public: bool = False


class SandboxResult(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    graphs: list[CapturedGraph] = Field(default_factory=list)  # all of them, in order
    udps: list[CapturedUdp] = Field(default_factory=list)
    stdout_tail: str = ""  # what the code printed and the client warned (last ~2000 chars)
    error: SandboxRefused | CodeError | None = None
    more_refusals: list[SandboxRefused] = Field(default_factory=list)  # further syntax-tree refusals after `error`
    isolation: list[str] = Field(
        default_factory=list
    )  # layers in force, e.g. ["ast", "process", "rlimits", "audit-hook", "snapshot-network", "bwrap"]
    os_isolation: Isolation | None = None  # the operating-system jail the code ran in (None: it did not run)
    warm: bool = False  # forked from the resident jailed worker
    duration_s: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def last_graph(self) -> dict | None:
        return self.graphs[-1].process_graph if self.graphs else None


# --------------------------------------------------------------------------------------------
# Code validation, execution and maps
# --------------------------------------------------------------------------------------------


class LoadSummary(BaseModel):
    """One load_collection of a graph, with the filters applied directly to it."""

    node_id: str
    collection: str
    bands: list[str] = Field(default_factory=list)  # empty: all bands
    bbox: tuple[float, float, float, float] | None = None  # W S E N, in `crs` (EPSG:4326 when None)
    crs: str | None = None
    temporal: tuple[str | None, str | None] | None = None  # [start, end), narrowed by filter_temporal

    def to_text(self) -> str:
        text = f"{self.collection} ({', '.join(self.bands) if self.bands else 'all bands'})"
        if self.bbox:
            w, s, e, n = self.bbox
            text += f" over [{w:.3f}, {s:.3f}, {e:.3f}, {n:.3f}]" + (f" ({self.crs})" if self.crs else "")
        if self.temporal:
            text += f" from {self.temporal[0]} to {self.temporal[1]} (end exclusive)"
        return text


class GraphSummary(BaseModel):
    collections: list[str] = Field(default_factory=list)
    bands: list[str] = Field(default_factory=list)
    bbox: tuple[float, float, float, float] | None = None  # W S E N EPSG:4326
    crs: str | None = None
    temporal: tuple[str | None, str | None] | None = None  # loaded, narrowed by a single filter_temporal
    time_windows: list[tuple[str | None, str | None]] = Field(default_factory=list)  # each filter_temporal
    processes: list[str] = Field(default_factory=list)  # unique, callbacks included
    output_format: str | None = None
    loads: list[LoadSummary] = Field(default_factory=list)  # every load_collection, in graph order

    def to_text(self) -> str:
        if self.loads:  # every load with its own bands, extent and window
            text = ("Loads " if len(self.loads) == 1 else f"{len(self.loads)} loads: ") + "; ".join(
                x.to_text() for x in self.loads
            )
            if len(self.time_windows) > 1:
                windows = sorted(self.time_windows, key=lambda w: str(w[0]))
                text += "; compared windows " + " and ".join(f"{a} to {b}" for a, b in windows)
            text += f". Processes: {', '.join(self.processes)}."
            if self.output_format:
                text += f" Output: {self.output_format}."
            return text
        parts = []
        if self.collections:
            parts.append(f"Loads {', '.join(self.collections)}")
        if self.bands:
            parts.append(f"bands {', '.join(self.bands)}")
        if self.bbox:
            w, s, e, n = self.bbox
            parts.append(f"bbox [{w:.3f}, {s:.3f}, {e:.3f}, {n:.3f}]")
        if self.temporal:
            parts.append(f"dates {self.temporal[0]} to {self.temporal[1]}")
        if len(self.time_windows) > 1:
            windows = sorted(self.time_windows, key=lambda w: str(w[0]))
            parts.append("compared windows " + " and ".join(f"{a} to {b}" for a, b in windows))
        text = "; ".join(parts) or "No load_collection found"
        text += f". Processes: {', '.join(self.processes)}."
        if self.output_format:
            text += f" Output: {self.output_format}."
        return text


class ValidationIssue(BaseModel):
    """One `{code, message}` problem: an openEO validation error, a sandbox refusal, a code error."""

    code: str
    message: str

    def to_text(self) -> str:
        return f"[{self.code}] {self.message}"


class ToolFailure(BaseModel):
    """The artifact of a call the model must repair: the tool raised a ToolError for the model."""

    issue: ValidationIssue
    status: Literal["ERROR"] = "ERROR"

    @property
    def ok(self) -> bool:
        return False

    def to_text(self) -> str:
        return self.issue.to_text()


class CodeRunOutcome(BaseModel):
    status: Literal["VALID", "INVALID", "REFUSED", "ERROR"]
    summary: GraphSummary | None = None
    issues: list[ValidationIssue] = Field(default_factory=list)  # errors, or notes when VALID
    sandbox: SandboxResult | None = Field(default=None, exclude=True)  # in memory only: not kept in the thread's memory
    outputs: list[str] = Field(default_factory=list)  # the result file of each distinct graph, in order

    @property
    def ok(self) -> bool:
        return self.status == "VALID"

    def to_text(self) -> str:
        lines: list[str] = [self.status]
        if self.status == "VALID" and len(self.outputs) > 1:
            lines.append(
                f"The script sends {len(self.outputs)} graphs ({', '.join(self.outputs)}): execute() runs each, "
                "one result per graph; the summary is of the last."
            )
        if self.status == "VALID" and self.summary:
            lines.append(self.summary.to_text() + " Next: call execute().")
        lines.extend(i.to_text() for i in self.issues[:6])
        return "\n".join(lines)


class ResultStats(BaseModel):
    """Summary statistics of a raster or time-series result."""

    kind: Literal["raster", "timeseries", "other"] = "raster"
    min: float | None = None
    max: float | None = None
    mean: float | None = None
    valid_fraction: float | None = None  # share of pixels/values that are not nodata/NaN
    unit: str | None = None
    bands: list[str] = Field(default_factory=list)
    shape: list[int] = Field(default_factory=list)
    crs: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # W S E N, EPSG:4326
    simulated: bool = False
    series: list[tuple[str, float | None]] = Field(
        default_factory=list
    )  # time series: (date, first column), at most 24


class ResultNote(BaseModel):
    """What the numbers alone do not say, as data (`to_text()` is the English the model reads):
    - "small_area": no valid value, the area (`width_km` x `height_km`) is smaller than one pixel (`res_m`)
      of `collection`;
    - "all_nodata": no valid value, every pixel is nodata;
    - "time_steps": a count (`count`) or share of time steps, and how many acquisition days (`days`,
      `more`: at least) `source` lists of `collection` from `start` to `end` (`items` scenes or granules)."""

    code: Literal["small_area", "all_nodata", "time_steps"]
    collection: str | None = None
    width_km: float | None = None
    height_km: float | None = None
    res_m: float | None = None
    source: str | None = None
    days: int | None = None
    items: int | None = None
    more: bool = False
    count: bool = True
    start: str | None = None
    end: str | None = None

    def to_text(self) -> str:
        if self.code == "small_area":
            return (
                f"No valid values: the area is about {self.width_km or 0:.1f} x {self.height_km or 0:.1f} km, "
                f"smaller than one pixel of {self.collection} ({self.res_m or 0:g} m). Use an area several pixels wide."
            )
        if self.code == "all_nodata":
            return (
                "No valid values: every pixel is nodata (clouds masked, no acquisition, or outside the data). "
                "Try other dates or a larger area."
            )
        more = " or more" if self.more else ""
        scenes = (
            f" ({self.items}{more} scenes or granules)" if self.items is not None and self.items != self.days else ""
        )
        what = (
            "a pixel's count is at most the time steps the backend makes of them"
            if self.count
            else "the share is of these time steps"
        )
        return (
            f"Time steps: {self.source or 'the backend'} lists {self.days}{more} acquisition days of {self.collection} over "
            f"the area from {self.start} to {self.end} (end exclusive){scenes}; {what}, fewer where masked or nodata."
        )


class GraphResult(BaseModel):
    """The result of one graph of a script that sends several (execute runs each)."""

    output_name: str
    result_path: str
    media_type: str
    stats: ResultStats | None = None
    description: ResultDescription | None = None


class ExecuteOutcome(BaseModel):
    ok: bool
    mode: Literal["sync", "batch", "none"] = "none"
    result_path: str | None = None
    media_type: str | None = None
    stats: ResultStats | None = None
    description: ResultDescription | None = None  # what the result is, derived from the graph
    decision: DecisionNumbers | None = None  # a mask's km², share, towns; dNBR severity areas
    error: ValidationIssue | None = None
    note: str | None = None  # what the numbers alone do not say (e.g. why there is no valid value): notes in English
    notes: list[ResultNote] = Field(default_factory=list)
    summary: ResultSummary | None = None  # per band, time step, class and geometry (tools/result_summary.py)
    results: list[GraphResult] = Field(default_factory=list)  # every graph's result when the script sends several

    @property
    def status(self) -> Literal["OK", "FAILED"]:
        return "OK" if self.ok else "FAILED"

    def to_text(self) -> str:
        if not self.ok:
            err = self.error.to_text() if self.error else "[ExecutionFailed] Unknown failure."
            return f"FAILED\n{err}"
        s = self.stats or ResultStats(kind="other")
        fmt = short_number
        parts = ["OK"]
        if self.results:
            parts.append(f"{len(self.results)} results, one per graph:")
            for r in self.results:
                rs = r.stats or ResultStats(kind="other")
                parts.append(
                    f"- {r.output_name}: min={fmt(rs.min)} max={fmt(rs.max)} mean={fmt(rs.mean)} "
                    f"valid={fmt((rs.valid_fraction or 0) * 100)}%"
                )
            parts.append("The last one in detail:")
        # the file name only: the model never opens it, and the absolute path tells an LLM service the machine's layout
        parts.append(f"Result ({self.mode}): {PurePath(self.result_path).name if self.result_path else 'none'}")
        values = self.summary.values if self.summary else None
        table = self.summary.table if self.summary else None
        one_series = table is not None and table.geometries == 1 and bool(s.series)  # the series line says it all
        if s.kind == "timeseries":
            parts.append(f"time series, {s.shape[0] if s.shape else '?'} steps")
            if s.series and (table is None or one_series):
                parts.append("values: " + ", ".join(f"{d} {short_number(v)}" for d, v in s.series))
        several = (values is not None and len(values.bands) > 1) or (table is not None and len(table.per_column) > 1)
        if not several:
            parts.append(
                f"min={fmt(s.min)} max={fmt(s.max)} mean={fmt(s.mean)} "
                f"valid={fmt((s.valid_fraction or 0) * 100)}% unit={s.unit or 'unknown'}"
            )
        elif s.unit:
            parts.append(f"unit={s.unit}")
        names = (
            [b.band for b in values.bands]
            if values is not None
            else [c.band for c in table.per_column]
            if table is not None
            else list(s.bands)
        )
        if names:
            parts.append(f"bands={', '.join(names[:40])}" + (f" and {len(names) - 40} more" if len(names) > 40 else ""))
        if self.summary and not one_series:
            detail = self.summary.to_text()
            if detail and (several or table or self.summary.classes or (values and len(values.time_labels) > 1)):
                parts.append(detail)
        parts.append(f"simulated={'yes' if s.simulated else 'no'}")
        if self.description:
            parts.append(f"Result is: {self.description.to_text()}")
        if self.decision:
            parts.append(self.decision.to_text())
        if self.note:
            parts.append(self.note)
        return "\n".join(parts)


class MapOutcome(BaseModel):
    ok: bool
    map_path: str | None = None
    chart_path: str | None = None
    style: str | None = None
    layers: list[str] = Field(default_factory=list)  # result layers on the map, the primary first
    decision: DecisionNumbers | None = None
    error: ValidationIssue | None = None

    @property
    def status(self) -> Literal["OK", "FAILED"]:
        return "OK" if self.ok else "FAILED"

    def to_text(self) -> str:
        if not self.ok:
            return self.error.to_text() if self.error else "[MapFailed] Could not render the map."
        text = f"Map written to {PurePath(self.map_path).name if self.map_path else 'none'} (style: {self.style})."
        if self.layers:
            text += f" Layers: {'; '.join(self.layers)}; over an offline basemap (coast, rivers, borders, towns)."
        if self.chart_path:
            text += f" Chart: {PurePath(self.chart_path).name}."
        return text  # the decision numbers are in execute's answer already: not sent twice


ProcessGraph = dict[str, Any]
"""A flat openEO process graph `{node_id: {process_id, arguments, result?}}` (JSON, as the API has it)."""
