"""Agent events → what the UI shows. Pure functions over a small `RunView`; no Gradio import.

`apply(view, event)` returns the view after one event; the layout turns a view into component
updates. Chat messages are plain dicts in Gradio's messages format, steps being messages with
`metadata` (title, status pending/done, duration) so the chatbot shows them collapsible.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from pydantic import BaseModel, Field

from agent.events import (
    AgentEvent,
    AnswerText,
    CodeDrafted,
    Failure,
    MapReady,
    Progress,
    ResultReady,
    ResultStats,
    RunFinished,
    RunStarted,
    StepFinished,
    StepStarted,
    ValidationResult,
)
from ui import glyphs

TOOL_ICONS = glyphs.TOOL_ICONS


class RunView(BaseModel):
    """Everything one browser session shows about its conversation and latest result."""

    messages: list[dict] = Field(default_factory=list)
    step_index: dict[str, int] = Field(default_factory=dict)  # step_id -> position in messages
    step_inputs: dict[str, str] = Field(default_factory=dict)  # step_id -> input summary
    progress_index: int | None = None
    run_id: str = ""
    run_dir: str = ""
    code: str = ""
    process_graph_path: str = ""
    validation_md: str = ""
    result_path: str = ""
    stats: ResultStats | None = None
    map_path: str = ""
    chart_path: str = ""
    simulated: bool = False
    running: bool = False
    review_events: list[CodeDrafted | ValidationResult | ResultReady] = Field(default_factory=list)  # for the repair history


def user_message(text: str) -> dict:
    return {"role": "user", "content": text}


def step_title(tool: str, ok: bool | None = None) -> str:
    icon = TOOL_ICONS.get(tool, glyphs.TOOL_DEFAULT)
    mark = "" if ok is None or ok else f" {glyphs.FAILED} failed"
    return f"{icon} {tool}{mark}"


def _step_content(input_summary: str, output_summary: str | None) -> str:
    parts = []
    if input_summary:
        parts.append(f"**Input:** {input_summary}")
    if output_summary:
        parts.append(f"**Outcome:** {output_summary}")
    return "\n\n".join(parts) or "…"


def validation_markdown(event: ValidationResult) -> str:
    if event.valid:
        return f"{glyphs.OK} **The backend validated the process graph.**"
    lines = [f"{glyphs.FAILED} **The backend rejected the process graph:**", ""]
    lines += [f"- `[{e.code}]` {e.message}" for e in event.errors] or ["- (no details given)"]
    return "\n".join(lines)


def stats_markdown(stats: ResultStats | None) -> str:
    if stats is None:
        return ""
    unit = f" {stats.unit}" if stats.unit else ""
    fmt = lambda v: "–" if v is None else f"{v:.4g}"  # noqa: E731
    parts = [f"**{stats.kind}**"]
    if stats.bands:
        parts.append("bands " + ", ".join(stats.bands))
    if (stats.unit or "").startswith("mask") and stats.mean is not None:
        parts.append(f"mask (0/1): {stats.mean:.1%} of the valid pixels are 1")
    else:
        parts.append(f"min {fmt(stats.min)}{unit} · mean {fmt(stats.mean)}{unit} · max {fmt(stats.max)}{unit}")
    if stats.valid_fraction is not None:
        parts.append(f"{stats.valid_fraction:.0%} valid")
    return " · ".join(parts)


def _close_pending(view: RunView) -> None:
    for m in view.messages:
        meta = m.get("metadata")
        if meta and meta.get("status") == "pending":
            meta["status"] = "done"


def apply(view: RunView, event: AgentEvent) -> RunView:
    """The view after `event`. The input view is not changed."""
    v = view.model_copy(deep=True)
    match event:
        case RunStarted():
            v.run_id, v.run_dir, v.running = event.run_id, event.run_dir, True
            v.step_index, v.step_inputs, v.progress_index = {}, {}, None
            v.validation_md = ""
            v.review_events = []
        case StepStarted():
            v.step_index[event.step_id] = len(v.messages)
            v.step_inputs[event.step_id] = event.input_summary
            v.messages.append(
                {
                    "role": "assistant",
                    "content": _step_content(event.input_summary, None),
                    "metadata": {"title": step_title(event.tool), "status": "pending"},
                }
            )
        case StepFinished():
            i = v.step_index.get(event.step_id)
            if i is None:  # finished without a start event: show it anyway
                i = len(v.messages)
                v.messages.append({"role": "assistant", "content": "", "metadata": {}})
                v.step_index[event.step_id] = i
            msg = v.messages[i]
            msg["content"] = _step_content(v.step_inputs.get(event.step_id, ""), event.output_summary or ("done" if event.ok else "failed"))
            msg["metadata"] = {
                "title": step_title(event.tool, event.ok),
                "status": "done",
                "duration": round(event.duration_s, 2),
            }
        case CodeDrafted():
            v.code = event.code
            v.review_events.append(event)
        case ValidationResult():
            v.review_events.append(event)
            v.validation_md = validation_markdown(event)
            if event.process_graph_path:
                v.process_graph_path = event.process_graph_path
        case Progress():
            pct = f" ({event.fraction:.0%})" if event.fraction is not None else ""
            msg = {
                "role": "assistant",
                "content": f"{event.message}{pct}",
                "metadata": {"title": f"{glyphs.PROGRESS} Progress", "status": "pending"},
            }
            if v.progress_index is None:
                v.progress_index = len(v.messages)
                v.messages.append(msg)
            else:
                v.messages[v.progress_index] = msg
        case ResultReady():
            v.review_events.append(event)
            v.result_path, v.stats = event.result_path, event.stats
            v.simulated = v.simulated or event.stats.simulated
        case MapReady():
            v.map_path = event.map_path
            v.chart_path = event.chart_path or ""
            v.simulated = event.simulated or (v.stats.simulated if v.stats else False)
        case AnswerText():
            _close_pending(v)
            last = v.messages[-1]["content"] if v.messages else None
            if last != f"{glyphs.WARNING} " + event.text:  # a failed run answers with its failure: show it once
                v.messages.append({"role": "assistant", "content": event.text})
        case Failure():
            _close_pending(v)
            prefix = f"{glyphs.WARNING} " if event.who != "developer" else f"{glyphs.WARNING} Configuration problem: "
            v.messages.append({"role": "assistant", "content": prefix + event.message})
        case RunFinished():
            _close_pending(v)
            v.running = False
            if event.run_dir:
                v.run_dir = event.run_dir
    return v


# ---- component values derived from a view -------------------------------------------------


def map_url(map_path: str, runs_root: Path, token: str) -> str | None:
    """The URL under which the app serves `map_path` to one session (runs/<id>/map.html →
    runs/<token>/<id>/map.html), or None when the file is not in a run folder of runs/."""
    try:
        rel = Path(map_path).resolve().relative_to(Path(runs_root).resolve())
    except ValueError:
        return None
    if len(rel.parts) < 2 or not token:
        return None
    return f"runs/{token}/" + rel.as_posix()


MAP_PLACEHOLDER = (
    '<div class="map-empty" style="height:520px;display:flex;align-items:center;justify-content:center;'
    'border:1px dashed #bbb;border-radius:8px;color:#777">The map of your result appears here.</div>'
)


def map_html(map_path: str, runs_root: Path, version: str = "", token: str = "") -> str:
    """An iframe showing the run's map.html: by its session's URL when it is in a run folder,
    else inline (srcdoc)."""
    if not map_path or not Path(map_path).is_file():
        return MAP_PLACEHOLDER
    style = 'style="width:100%;height:520px;border:0;border-radius:8px"'
    url = map_url(map_path, runs_root, token)
    if url is not None:
        q = f"?v={html.escape(version)}" if version else ""
        return f'<iframe id="result-map" title="Result map" src="{url}{q}" {style}></iframe>'
    doc = html.escape(Path(map_path).read_text(encoding="utf-8"), quote=True)
    return f'<iframe id="result-map" title="Result map" srcdoc="{doc}" {style}></iframe>'


def badge_markdown(view: RunView) -> str:
    parts = []
    if view.simulated:
        parts.append(f"{glyphs.SIMULATED} **Simulated data** — values come from the embedded backend's simulated Earth, not observations.")
    s = stats_markdown(view.stats)
    if s:
        parts.append(s)
    return "\n\n".join(parts)


def load_graph(path: str) -> dict | None:
    if not path or not Path(path).is_file():
        return None
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
