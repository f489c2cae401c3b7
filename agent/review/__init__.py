"""Reviewing a run as an expert would: how the code came about and what each part does.

    review = build_review(run_dir, events)    # from the events (or run.json) and the run's files
    write_review(run_dir, events)             # the same, saved under runs/<id>/review/

`runs/<id>/review/` holds:

| file | what |
|---|---|
| `history.json`, `history.md` | every drafted version of the script, what validation said, the diff to the version before, which one ran |
| `explanation.json`, `explanation.md` | each step in one sentence: the model's own when it sent one, and always the one read from the graph |
| `graph.svg` | the process graph as a diagram (nodes, data flow, callbacks folded) |
| `openeo_process.json` | the graph as a process document the openEO Web Editor imports |
| `notebook.ipynb` | the script as a Jupyter notebook with the explanation as markdown cells |
| `code.py` | the script that ran, with its CDSE login line active |
| `places/` | the place files the script reads (`find_place(parts=true)`), so it runs from this folder too |

`agent/run.py` writes them when a run ends; the UI builds the same view while a run goes on
and for runs made before this folder existed.
"""

from __future__ import annotations

import json
import logging
import traceback
from pathlib import Path
from typing import Iterable, Literal

from pydantic import BaseModel, Field, ValidationError

from agent.events import EventAdapter
from agent.review.attempts import Attempt, DiffLine, RepairHistory, code_diff, repair_history, unified_text
from agent.review.diagram import graph_svg
from agent.review.explain import Step, explain_graph
from agent.review.exports import NotebookText, notebook_json, web_editor_process, with_login
from tools import place_files
from tools.events import Event
from tools.result_kind import ResultDescription, describe_result, flat_graph

__all__ = ["Attempt", "DiffLine", "Explanation", "RepairHistory", "Review", "Step", "build_review", "code_diff",
           "load_events", "write_review", "REVIEW_DIR", "FILES"]  # fmt: skip

log = logging.getLogger(__name__)

REVIEW_DIR = "review"
FILES = ("code.py", "notebook.ipynb", "openeo_process.json", "graph.svg", "explanation.md", "history.md")
"""The review files offered for download, in this order."""


class Explanation(BaseModel):
    source: Literal["model", "graph", "none"] = "none"  # where `steps` come from
    steps: list[str] = Field(default_factory=list)  # what the UI and notebook show
    graph_steps: list[Step] = Field(default_factory=list)  # always: read from the process graph

    def markdown(self) -> str:
        if not self.steps:
            return "No process graph was built, so there is nothing to explain yet."
        who = "the model that wrote the script" if self.source == "model" else "the process graph"
        lines = [f"*Explained by {who}.*", ""] + [f"{i}. {s}" for i, s in enumerate(self.steps, 1)]
        if self.source == "model" and self.graph_steps:
            lines += ["", "**Read from the process graph:**", ""]
            lines += [f"{s.number}. {s.text}" for s in self.graph_steps]
        return "\n".join(lines)


class Review(BaseModel):
    run_id: str = ""
    request: str = ""
    backend: str = ""
    history: RepairHistory = Field(default_factory=RepairHistory)
    explanation: Explanation = Field(default_factory=Explanation)
    code: str = ""  # the script that ran (else the last one drafted)
    graph: dict = Field(default_factory=dict)  # flat process graph

    def history_markdown(self) -> str:
        out = [f"# Repair history of run {self.run_id}", ""]
        if self.request:
            out += [f"> {self.request}", ""]
        for a in self.history.attempts:
            state = {"valid": "validated", "rejected": "rejected", "unchecked": "not checked"}[a.status]
            out.append(f"## Attempt {a.number}: {state}{' — this version ran' if a.ran else ''}")
            out.append("")
            out += [f"- `[{i.code}]` {i.message}" for i in a.issues]
            if a.issues:
                out.append("")
            if a.diff:
                out += [f"Changes to attempt {a.number - 1} (+{a.added} −{a.removed}):", "", "```diff",
                        unified_text(a.diff), "```", ""]  # fmt: skip
            else:
                out += ["```python", a.code, "```", ""]
        if not self.history.attempts:
            out.append("No code was drafted in this run.")
        return "\n".join(out)


def load_events(run_dir: Path) -> list[Event]:
    """The events recorded in runs/<id>/run.json (kinds this version does not know are skipped)."""
    try:
        data = json.loads((Path(run_dir) / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    raw = data.get("events", []) if isinstance(data, dict) else []
    events: list[Event] = []
    for item in raw if isinstance(raw, list) else []:
        try:
            events.append(EventAdapter.validate_python(item))
        except ValidationError:
            continue
    return events


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def build_review(run_dir: Path, events: Iterable[Event] | None = None) -> Review:
    """The review of a run from its events (default: run.json) and files (process_graph.json,
    result_description.json, code.py, request.txt). Reads only; nothing is written."""
    run = Path(run_dir)
    events = list(events) if events is not None else load_events(run)
    history = repair_history(events)
    final = history.final()
    code = final.code if final else ""
    if not code and (run / "code.py").is_file():
        code = (run / "code.py").read_text(encoding="utf-8")
    raw = _read_json(run / "process_graph.json")
    graph = flat_graph(raw) if isinstance(raw, dict) else {}
    desc_raw = _read_json(run / "result_description.json")
    try:
        description = ResultDescription.model_validate(desc_raw) if isinstance(desc_raw, dict) else None
    except ValidationError:
        description = None
    if description is None and graph:
        description = describe_result(graph)
    graph_steps = explain_graph(graph, description) if graph else []
    model_steps = final.explanation if final else []
    if model_steps:
        explanation = Explanation(source="model", steps=model_steps, graph_steps=graph_steps)
    elif graph_steps:
        explanation = Explanation(source="graph", steps=[s.text for s in graph_steps], graph_steps=graph_steps)
    else:
        explanation = Explanation()
    request = (run / "request.txt").read_text(encoding="utf-8").strip() if (run / "request.txt").is_file() else ""
    started = next((e for e in events if getattr(e, "type", "") == "run_started"), None)
    return Review(run_id=run.name, request=request, backend=str(getattr(started, "backend_url", "") or ""),
                  history=history, explanation=explanation, code=code, graph=graph)  # fmt: skip


def write_review(run_dir: Path, events: Iterable[Event] | None = None) -> Review | None:
    """Build the review and save it under runs/<id>/review/. A review that cannot be written
    never ends the run: the reason goes to review/error.log and None is returned."""
    run = Path(run_dir)
    folder = run / REVIEW_DIR
    try:
        review = build_review(run, events)
        folder.mkdir(exist_ok=True)
        _write(folder / "history.json", review.history.model_dump_json(indent=2))
        _write(folder / "history.md", review.history_markdown())
        _write(folder / "explanation.json", review.explanation.model_dump_json(indent=2))
        _write(folder / "explanation.md", f"# What run {review.run_id} does\n\n" + review.explanation.markdown())
        if review.graph:
            title = f"Process graph of run {review.run_id}"
            _write(folder / "graph.svg", graph_svg(review.graph, title=title))
            process = web_editor_process(review.graph, review.run_id, review.request, review.explanation.steps)
            _write(folder / "openeo_process.json", json.dumps(process, indent=2))
        if review.code:
            script = with_login(review.code)
            _write(folder / "code.py", script.rstrip("\n") + "\n")
            place_files.copy(run, folder)
            text = NotebookText(title=review.request or f"openEO Agent run {review.run_id}", request=review.request,
                                made_on=review.backend, steps=review.explanation.steps,
                                steps_source=review.explanation.source)  # fmt: skip
            _write(folder / "notebook.ipynb", notebook_json(script, text))
        return review
    except Exception as exc:  # noqa: BLE001 - the review is an extra: the run and its answer stand without it
        log.warning("the review of %s could not be written: %s", run, exc)
        try:
            folder.mkdir(exist_ok=True)
            _write(folder / "error.log", "".join(traceback.format_exception(exc)))
        except OSError:
            pass
        return None


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
