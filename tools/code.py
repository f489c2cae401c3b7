"""`run_openeo_code`: drafted code → sandbox → captured process graph → POST /validation.

The model gets a short text whose first line is exactly VALID, INVALID, REFUSED or ERROR,
then a one-paragraph graph summary or the errors as `[code] message` lines that say how to fix
them. The code, the graph and the validation answer go to the run folder and the artifacts.
"""

from __future__ import annotations

import difflib
import re
from urllib.parse import quote

from tools import place_files
from tools.acquisitions import loads_without_data
from tools.client.retry import json_of
from tools.context import ToolContext
from tools.errors import BackendBadResponse
from tools.events import CodeDrafted, ValidationResult
from tools.models import CapturedUdp, CodeError, CodeRunOutcome, SandboxRefused, ValidationIssue
from tools.outputs import plans_of
from tools.sandbox.graph import summarize
from tools.sandbox.jailed.guard import ALLOWED_MODULES
from tools.sandbox.policy import string_constants
from tools.sandbox.runner import run_in_sandbox
from tools.sandbox.snapshot import MetadataSnapshot, snapshot_of

_FENCE = re.compile(r"^\s*```[a-zA-Z0-9_-]*\s*\n(.*?)\n\s*```\s*$", re.S)

_CODE_HINTS = {
    "NameError": "Define or import the name before using it (e.g. `import openeo`).",
    "ImportError": f"Only {', '.join(sorted(ALLOWED_MODULES - {'__future__'}))} can be imported.",
    "AttributeError": "Use the documented DataCube/Connection methods; describe_process shows the client call.",
    "TypeError": "Check the arguments of the call on that line against describe_process.",
    "OpenEoClientException": "The openeo client rejected the call; check argument names and values on that line.",
    "SyntaxError": "Fix the Python syntax on that line.",
    "FileNotFoundError": "The script can read only the files find_place(parts=true) wrote in this run "
    "(places/<name>-parts.geojson): call find_place again and use the parts_file it names.",
}


NON_BLOCKING = {"RequestTooLarge", "ValidationUnavailable", "UdpNotStored"}
"""Validation answers that do not stop execution: too large for /result (execute() runs a batch
job instead), and a backend without /validation."""
NOTE_TEXT = {
    "RequestTooLarge": ValidationIssue(
        code="RequestTooLarge", message="Too large for synchronous processing: execute() will run it as a batch job."
    ),
}


def strip_fences(code: str) -> str:
    m = _FENCE.match(code)
    return m.group(1) if m else code


def run_openeo_code(code: str, ctx: ToolContext, explanation: list[str] | None = None) -> CodeRunOutcome:
    """`explanation` (optional) is the model's one sentence per step, recorded for review only."""
    code = strip_fences(code or "").rstrip()
    if not code.strip():
        return _finish(
            ctx,
            CodeRunOutcome(
                status="ERROR",
                issues=[
                    ValidationIssue(
                        code="EmptyCode",
                        message="No code was given. Send a complete openeo script that ends with cube.download('result.tif').",
                    )
                ],
            ),
        )
    path = ctx.run.write_text("code.py", code + "\n")
    ctx.artifacts.code, ctx.artifacts.code_path = code, str(path)
    ctx.artifacts.process_graph, ctx.artifacts.process_graph_path, ctx.artifacts.validated = None, None, False
    ctx.emit(CodeDrafted(code=code, path=str(path), run_id=ctx.run.id, explanation=explanation or []))

    snapshot = snapshot_of(ctx.backend, collection_ids=string_constants(code))
    names = string_constants(code) & set(snapshot.collection_ids)
    result = run_in_sandbox(
        code,
        snapshot.for_child(names),
        timeout_s=ctx.sandbox_timeout_s,
        memory_mb=ctx.sandbox_memory_mb,
        files=place_files.files(ctx.run.path),
    )
    ctx.run.write_json(
        "sandbox.json",
        {
            "isolation": result.isolation,
            "os_isolation": result.os_isolation.model_dump() if result.os_isolation else None,
            "warm": result.warm,
            "stdout_tail": result.stdout_tail,
            "error": result.error.model_dump() if result.error else None,
            "graphs": [
                {
                    "via": g.via,
                    "outputfile": g.outputfile,
                    "format": g.format,
                    "job_id": g.job_id,
                    "nodes": len(g.process_graph),
                }
                for g in result.graphs
            ],
            "udps": [u.id for u in result.udps],
            "duration_s": round(result.duration_s, 3),
        },
    )
    if isinstance(result.error, SandboxRefused):
        issues = [
            ValidationIssue(code=f"SandboxRefused:{r.rule}", message=_where(r.line, code) + r.message)
            for r in [result.error, *result.more_refusals]
        ]
        return _finish(ctx, CodeRunOutcome(status="REFUSED", issues=issues, sandbox=result))
    if isinstance(result.error, CodeError):
        e = result.error
        hint = _CODE_HINTS.get(e.exception, "") if e.code in ("CodeError", "SyntaxError") else ""
        if "CollectionNotFound" in e.message:
            hint = _collection_hint(code, snapshot.collection_ids)
        else:
            hint = _band_hint(e.exception, code, snapshot) or _method_hint(e) or hint
        msg = (
            _where(e.line, code)
            + (f"{e.exception}: " if e.exception else "")
            + e.message.rstrip(".")
            + (f". {hint}" if hint else "")
        )
        return _finish(
            ctx, CodeRunOutcome(status="ERROR", issues=[ValidationIssue(code=e.code, message=msg)], sandbox=result)
        )
    if not result.graphs:
        return _finish(
            ctx,
            CodeRunOutcome(
                status="ERROR",
                sandbox=result,
                issues=[
                    ValidationIssue(
                        code="NoProcessGraph",
                        message="The code ran but never sent a process graph. End it with cube.download('result.tif') "
                        "(or cube.execute_batch('result.tif') for large areas).",
                    )
                ],
            ),
        )

    graph = result.graphs[-1].process_graph
    plans = plans_of(result.graphs)
    gpath = ctx.run.write_json("process_graph.json", {"process_graph": graph})
    if len(plans) > 1:
        ctx.run.write_json(
            "process_graphs.json", [{"output": p.output_name, "process_graph": p.process_graph} for p in plans]
        )
    ctx.artifacts.process_graph, ctx.artifacts.process_graph_path = graph, str(gpath)
    ctx.artifacts.process_graphs = plans
    stored = store_udps(ctx, result.udps)  # before validation: the graphs may call them
    validated = validate_graphs(ctx, [g.process_graph for g in result.graphs], [g.outputfile for g in result.graphs])
    if not [i for i in validated if i.code not in NON_BLOCKING]:  # backends whose /validation does not look for data
        for plan in plans:
            validated += loads_without_data(ctx, summarize(plan.process_graph).loads, ctx.backend.capabilities())
    issues = stored + [_advised(i, code, snapshot.collection_ids) for i in validated]
    ctx.run.write_json("validation.json", {"errors": [i.model_dump() for i in issues]})
    notes = [i for i in issues if i.code in NON_BLOCKING]
    blocking = [i for i in issues if i.code not in NON_BLOCKING]
    summary = summarize(graph)
    outputs = [p.output_name for p in plans]
    if blocking:
        return _finish(
            ctx, CodeRunOutcome(status="INVALID", summary=summary, issues=blocking, sandbox=result, outputs=outputs)
        )
    return _finish(ctx, CodeRunOutcome(status="VALID", summary=summary, sandbox=result, outputs=outputs), notes=notes)


def store_udps(ctx: ToolContext, udps: list[CapturedUdp]) -> list[ValidationIssue]:
    """Hand the user-defined processes the code saved to the backend (PUT /process_graphs/{id}),
    so that graphs using them validate and execute; a backend without them gets a note."""
    if not udps:
        return []
    issues = []
    for udp in udps:
        r = ctx.backend.request(
            "PUT", f"/process_graphs/{quote(udp.id, safe='')}", json=udp.model_dump(exclude_none=True)
        )
        if r.status_code >= 400:
            issues.append(
                ValidationIssue(
                    code="UdpNotStored",
                    message=(
                        f"The backend did not store the user-defined process '{udp.id}' (HTTP {r.status_code}); "
                        "graphs that use it will not validate there. Inline its processes instead."
                    ),
                )
            )
    return issues


def validate_graphs(ctx: ToolContext, graphs: list[dict], outputs: list[str | None]) -> list[ValidationIssue]:
    """Every distinct captured graph is validated (a script that downloads twice runs both on
    the backend); issues of earlier graphs say which graph they belong to."""
    issues: list[ValidationIssue] = []
    seen: list[dict] = []
    for i, (graph, output) in enumerate(zip(graphs, outputs, strict=True)):
        if graph in seen:
            continue
        seen.append(graph)
        found = validate_graph(ctx, graph)
        if i < len(graphs) - 1:
            where = f"Graph {i + 1} of {len(graphs)}" + (f" ({output})" if output else "")
            found = [ValidationIssue(code=x.code, message=f"{where}: {x.message}") for x in found]
        issues += found
    return issues


def validate_graph(ctx: ToolContext, graph: dict) -> list[ValidationIssue]:
    """POST /validation; an error answer (4xx) is itself reported as an issue (a refused login is the user's)."""
    client = ctx.backend
    r = client.request("POST", "/validation", json={"process_graph": graph})
    if r.status_code in (401, 403):
        raise client.error_of(r, "POST /validation")
    if r.status_code < 400:  # a 200 that is not JSON must not read as "no errors"
        body = json_of(r, client.url, "POST /validation")
        if not isinstance(body, dict) or not isinstance(body.get("errors", []), list):
            raise BackendBadResponse(client.url, "POST /validation", "JSON without an 'errors' list")
    else:
        try:
            body = r.json()
        except ValueError:
            body = {}
        body = body if isinstance(body, dict) else {}
    if r.status_code in (404, 405, 501):
        return [
            ValidationIssue(
                code="ValidationUnavailable",
                message="The backend offers no POST /validation; the graph was only built by the openeo client.",
            )
        ]
    if r.status_code >= 400:
        return [
            ValidationIssue(
                code=str(body.get("code") or f"HTTP{r.status_code}"), message=str(body.get("message") or r.text[:300])
            )
        ]
    return [
        ValidationIssue(code=str(e.get("code", "Invalid")), message=str(e.get("message", "")))
        for e in body.get("errors", [])
    ]


def _advised(issue: ValidationIssue, code: str, ids: list[str]) -> ValidationIssue:
    """A backend's error with how to go on with these tools (its own advice may name its API)."""
    if issue.code in ("ProcessUnsupported", "ProcessUnavailable") and "search_processes" not in issue.message:
        return ValidationIssue(
            code=issue.code, message=f"{issue.message} Use search_processes to find what this backend offers instead."
        )
    if issue.code == "CollectionNotFound" and "search_collections" not in issue.message:
        return ValidationIssue(code=issue.code, message=f"{issue.message} {_collection_hint(code, ids)}")
    if (
        issue.code == "NoDataAvailable" and "find_acquisitions" not in issue.message
    ):  # list the days before drafting again
        return ValidationIssue(
            code=issue.code,
            message=issue.message.rstrip() + " find_acquisitions(collection_id, "
            "west, south, east, north, start, end) lists the acquisition days of an area and period.",
        )
    return issue


def _band_hint(exception: str | None, code: str, snapshot: MetadataSnapshot) -> str:
    """The band meant by a name the loaded collections lack ('NIR' -> 'B08'), read from the code
    and the collection documents, not from the error text."""
    if exception not in ("ValueError", "KeyError", "OpenEoClientException"):
        return ""
    strings = string_constants(code)
    loaded = [cid for cid in snapshot.collection_ids if cid in strings]
    bands: dict[str, str] = {}
    common: dict[str, str] = {}
    for cid in loaded:
        for b in (snapshot.collection(cid) or {}).get("summaries", {}).get("eo:bands", []) or []:
            if isinstance(b, dict) and b.get("name"):
                bands[str(b["name"])] = cid
                if b.get("common_name"):
                    common[str(b["common_name"]).lower()] = str(b["name"])
    hints = []
    for name in sorted(
        x for x in strings if re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{1,40}", x) and x not in bands and x not in loaded
    ):
        if name.lower() in common:
            hints.append(f"'{name}' is the common name of band '{common[name.lower()]}': use '{common[name.lower()]}'")
            continue
        near = difflib.get_close_matches(name.upper(), list(bands), n=1, cutoff=0.6)
        if near and name.upper() != name.lower():
            hints.append(f"'{name}' is not a band of {bands[near[0]]}: did you mean '{near[0]}'?")
    return "; ".join(hints[:3]) + ("." if hints else "")


_OPERATORS = {
    "and": "logical_and (or `a & b`)",
    "or": "logical_or (or `a | b`)",
    "not": "`~cube` (logical not)",
    "xor": "`(a | b) & ~(a & b)`",
}
"""Boolean operators on cubes, named the way Python or ProcessBuilder (`x.and_(y)`) spells them."""


def _client_class(owner: str) -> type | None:
    from openeo.processes import ProcessBuilder
    from openeo.rest.connection import Connection
    from openeo.rest.datacube import DataCube
    from openeo.rest.vectorcube import VectorCube

    return {c.__name__: c for c in (DataCube, Connection, VectorCube, ProcessBuilder)}.get(owner)


def _method_hint(e: CodeError) -> str:
    """The methods of the client class nearest to a missing one (`DataCube.and_` -> logical_and),
    from the class itself; names that share a word come first."""
    cls = _client_class(e.owner or "") if e.attribute else None
    if cls is None or not e.attribute:
        return ""
    wanted = e.attribute.strip("_").lower()
    if wanted in _OPERATORS and cls.__name__ in ("DataCube", "VectorCube"):
        return f"{cls.__name__} has no '{e.attribute}': use {_OPERATORS[wanted]}."
    per_pixel = _per_pixel_call(e.attribute) if cls.__name__ == "DataCube" else None
    if per_pixel:
        return f"'{e.attribute}' is an openEO process, not a DataCube method: apply it per pixel, {per_pixel}."
    public = [m for m in dir(cls) if not m.startswith("_")]
    words = {w for w in wanted.split("_") if len(w) >= 3}
    sharing = sorted(
        (m for m in public if words & set(m.split("_"))),
        key=lambda m: -difflib.SequenceMatcher(None, wanted, m).ratio(),
    )
    near = list(dict.fromkeys(sharing[:2] + difflib.get_close_matches(wanted, public, n=3, cutoff=0.6)))[:3]
    if not near:
        return f"{cls.__name__} has no method '{e.attribute}'; search_processes finds the call for a step."
    return f"{cls.__name__} has no '{e.attribute}'; nearest methods: {', '.join(near)}."


def _per_pixel_call(name: str) -> str | None:
    """`cube.apply(lambda x: x.floor())` for a process on one value (its first parameter is `x`: floor,
    mod, clip ...), read from the client's own process functions; None for processes on cubes."""
    import inspect

    import openeo.processes

    function = getattr(openeo.processes, name, None) if not name.startswith("_") else None
    if not inspect.isfunction(function):
        return None
    params = [p.name for p in inspect.signature(function).parameters.values()]
    if params[:1] != ["x"]:
        return None
    required = [
        p.name
        for p in list(inspect.signature(function).parameters.values())[1:]
        if p.default is inspect.Parameter.empty
    ]
    return f"cube.apply(lambda x: x.{name}({', '.join(required[:3])}))"


def _collection_hint(code: str, ids: list[str]) -> str:
    """Which collections of this backend the code probably meant (its ids differ from CDSE's)."""
    unknown = sorted(s for s in string_constants(code) if s.isupper() and s not in ids and len(s) > 3)
    near = list(dict.fromkeys(n for s in unknown for n in difflib.get_close_matches(s, ids, n=3, cutoff=0.5)))
    if near:
        return f"This backend has {', '.join(near)}: use one of them, or search_collections to see others."
    return f"This backend's collections include {', '.join(ids[:8])}{' …' if len(ids) > 8 else ''}: use search_collections to pick one."


def _where(line: int | None, code: str = "") -> str:
    """'line 14 (`ndvi.download(outfile)`): ' — the line number and, briefly, the line itself."""
    if not line:
        return ""
    lines = code.splitlines()
    text = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    if len(text) > 60:
        text = text[:57] + "..."
    return f"line {line} (`{text}`): " if text else f"line {line}: "


def _finish(ctx: ToolContext, outcome: CodeRunOutcome, notes: list[ValidationIssue] | None = None) -> CodeRunOutcome:
    valid = outcome.status == "VALID"
    ctx.artifacts.validated = valid
    ctx.artifacts.validation_errors = [] if valid else list(outcome.issues)
    if valid and notes:
        outcome.issues = [NOTE_TEXT.get(n.code, n) for n in notes]
    ctx.emit(
        ValidationResult(
            valid=valid,
            run_id=ctx.run.id,
            process_graph_path=ctx.artifacts.process_graph_path or "",
            errors=[] if valid else list(outcome.issues),
        )
    )
    return outcome
