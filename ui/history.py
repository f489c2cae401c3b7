"""The runs/ folder as a history: list a session's past runs with their request, and reopen one
as a `RunView` (replaying run.json's events when it has them, else reading the files). Only
runs whose owner is the session's are listed (ui/ownership.py)."""

from __future__ import annotations

import json
import time
from pathlib import Path

from pydantic import BaseModel, ValidationError

from agent.events import ValidationResult
from agent.review import load_events
from ui.ownership import owns
from ui.render import RunView, apply, user_message, validation_markdown

RESULT_SUFFIXES = (".tif", ".tiff", ".nc", ".json", ".csv", ".png", ".zarr")
NOT_RESULTS = {"process_graph.json", "validation.json", "run.json", "chart.png"}


class RunEntry(BaseModel):
    run_id: str
    path: str
    request: str
    mtime: float

    @property
    def label(self) -> str:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.mtime))
        req = self.request if len(self.request) <= 70 else self.request[:67] + "…"
        return f"{when} · {req}"


def _request_of(run: Path) -> str:
    req = run / "request.txt"
    if req.is_file():
        return req.read_text(encoding="utf-8").strip() or "(empty request)"
    return "(edited code)" if (run / "code.py").is_file() else "(no request)"


def list_runs(runs_root: Path, owner: str, limit: int = 200) -> list[RunEntry]:
    """The run folders of `owner` under `runs_root`, newest first."""
    root = Path(runs_root)
    if not root.is_dir():
        return []
    runs = [p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".") and owns(p, owner)]
    runs.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    return [
        RunEntry(run_id=p.name, path=str(p), request=_request_of(p), mtime=p.stat().st_mtime)
        for p in runs[:limit]
    ]


def find_result_file(run: Path) -> Path | None:
    for p in sorted(run.iterdir()):
        if p.is_file() and p.name not in NOT_RESULTS and p.suffix.lower() in RESULT_SUFFIXES:
            return p
    return None


def open_run(run_dir: Path) -> RunView:
    """A view of a finished run: its request, steps and answer, code, graph, validation, map."""
    run = Path(run_dir)
    view = RunView(messages=[user_message(_request_of(run))])
    for event in load_events(run):
        view = apply(view, event)
    # Files are the ground truth for what can be shown, whatever the event log said.
    view.run_id, view.run_dir, view.running = run.name, str(run), False
    if (run / "code.py").is_file():
        view.code = (run / "code.py").read_text(encoding="utf-8")
    if (run / "process_graph.json").is_file():
        view.process_graph_path = str(run / "process_graph.json")
    if not view.validation_md and (run / "validation.json").is_file():
        view.validation_md = _validation_md(run / "validation.json")
    if (run / "map.html").is_file():
        view.map_path = str(run / "map.html")
    if (run / "chart.png").is_file():
        view.chart_path = str(run / "chart.png")
    result = find_result_file(run)
    if result is not None and not view.result_path:
        view.result_path = str(result)
    if len(view.messages) == 1:
        view.messages.append({"role": "assistant", "content": f"Reopened run `{run.name}` from the history."})
    return view


def _validation_md(path: Path) -> str:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return ""
    if isinstance(data, list):  # a bare list of errors
        data = {"valid": not data, "errors": data}
    if not isinstance(data, dict):
        return ""
    errors = data.get("errors") or data.get("validation_errors") or []
    valid = data.get("valid", not errors)
    try:
        return validation_markdown(ValidationResult(valid=bool(valid), errors=errors))
    except ValidationError:
        return ""
