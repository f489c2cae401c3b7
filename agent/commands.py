"""`openeo-agent ask` and `openeo-agent check` (see ../shared/DESIGN.md for the contract).

ask:   exit 0 when the run ended with an answer, 1 when it failed, 2 for bad arguments/settings.
check: exit 0 valid, 1 invalid (errors printed), 2 refused by the sandbox.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any, Literal, TextIO

from pydantic import BaseModel, Field, ValidationError

from agent.errors import UserError, classify_tool_error
from agent.events import (
    AnswerText,
    Failure,
    MapReady,
    Progress,
    ResultReady,
    StepFinished,
    StepStarted,
    ValidationResult,
)
from agent.settings import AgentSettings
from tools.errors import ToolError
from tools.models import CodeRunOutcome, ValidationIssue

ASK_FIELDS = (
    "answer", "code", "process_graph", "validation_errors", "result_path", "map_path", "steps", "timings",
    "ok", "failure", "run_dir", "model", "backend_url", "model_calls", "tool_calls", "tokens_sent", "stats",
)  # fmt: skip


def load_settings(args: argparse.Namespace) -> AgentSettings:
    """Settings from the environment and config file, overridden by the command line."""
    overrides: dict[str, Any] = {}
    if getattr(args, "model", None):
        overrides["model"] = args.model
    if getattr(args, "backend", None):
        overrides["backend_url"] = args.backend
    if getattr(args, "today", None):
        try:
            overrides["today"] = date.fromisoformat(args.today)
        except ValueError as exc:
            raise UserError(f"--today must be a date like 2024-06-30, not {args.today!r}.", code="BadArgument") from exc
    settings = AgentSettings()
    return settings.model_copy(update=overrides) if overrides else settings


def _settings_or_exit(args: argparse.Namespace, err: TextIO) -> AgentSettings | None:
    try:
        return load_settings(args)
    except ToolError as exc:
        print(f"error: {exc.message}", file=err)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "settings"
        print(f"error: the setting '{where}' is invalid: {first.get('msg')}. Check the environment "
              "variables OPENEO_AGENT_* and the config file openeo-agent.toml.", file=err)  # fmt: skip
    return None


# --- ask ------------------------------------------------------------------------------------
def ask(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    settings = _settings_or_exit(args, err)
    if settings is None:
        return 2
    from tools.sandbox import prestart

    prestart()  # the jailed worker starts in its own process while the agent imports and the backend starts
    from agent.runner import AgentRunner

    out_dir = Path(args.out) if args.out else None
    with AgentRunner(settings) as runner:
        runner.warm_up()
        handle = runner.stream(args.request, today=settings.today, out_dir=out_dir)
        for event in handle:
            if not args.json:
                line = progress_line(event)
                if line:
                    print(line, file=out, flush=True)
        outcome = handle.outcome
    assert outcome is not None
    if args.json:
        data = outcome.model_dump(mode="json")
        print(json.dumps({**{k: data[k] for k in ASK_FIELDS}, "sandbox": _sandbox()}, default=str), file=out)
    else:
        if outcome.answer != outcome.failure:  # a failure was already printed as its ✗ line
            print(f"\n{outcome.answer}\n", file=out)
        print(f"Run folder: {outcome.run_dir}", file=out)
        print(f"Sandbox: {_sandbox()['summary']}", file=out)
    return 0 if outcome.ok else 1


def progress_line(event: Any) -> str | None:
    """One short line per event for the terminal; None for events not worth a line."""
    match event:
        case StepStarted():
            return f"→ {event.tool}({event.input_summary})"
        case StepFinished():
            mark = "✓" if event.ok else "✗"
            return f"  {mark} {event.tool} ({event.duration_s:.1f}s): {event.output_summary[:160]}"
        case ValidationResult() if not event.valid:
            return "  validation: " + "; ".join(f"[{e.code}] {e.message}" for e in event.errors[:3])
        case Progress():
            pct = f" {event.fraction:.0%}" if event.fraction is not None else ""
            return f"  …{pct} {event.message}"
        case ResultReady():
            return f"  result: {event.result_path}"
        case MapReady():
            return f"  map: {event.map_path}"
        case Failure():
            return f"✗ {event.message}"
        case AnswerText():
            return None
    return None


def _sandbox() -> dict[str, Any]:
    """The operating-system isolation drafted code runs under here (tools.sandbox)."""
    from tools.sandbox import sandbox_isolation

    return sandbox_isolation().model_dump(mode="json")


# --- check ----------------------------------------------------------------------------------
_EXIT = {"VALID": 0, "INVALID": 1, "ERROR": 1, "REFUSED": 2}


class CheckResult(BaseModel):
    """What `check --json` prints: the status, the errors (never empty unless VALID), the graph."""

    status: Literal["VALID", "INVALID", "REFUSED", "ERROR"]
    errors: list[ValidationIssue] = Field(default_factory=list)
    process_graph: dict | None = None
    summary: str = ""

    @property
    def valid(self) -> bool:
        return self.status == "VALID"

    @property
    def exit_code(self) -> int:
        return _EXIT[self.status]

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "valid": self.valid, "errors": [e.model_dump() for e in self.errors],
                "process_graph": self.process_graph, "summary": self.summary, "exit_code": self.exit_code}  # fmt: skip


def check(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    settings = _settings_or_exit(args, err)
    if settings is None:
        return 2
    try:
        code = Path(args.code_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read {args.code_file}: {exc.strerror if isinstance(exc, OSError) else exc}", file=err)
        return 2
    result = check_code(settings, code, inputs=Path(args.code_file).resolve().parent)
    if args.json:
        print(json.dumps({**result.to_json(), "sandbox": _sandbox()}, default=str), file=out)
    else:
        print(f"sandbox: {_sandbox()['summary']}", file=err)
        print(result.status, file=out)
        for e in result.errors:
            print(e.to_text(), file=out)
        if result.summary and result.valid:
            print(result.summary, file=out)
    return result.exit_code


def check_code(settings: AgentSettings, code: str, inputs: Path | None = None) -> CheckResult:
    """Run `code` in the sandbox and validate its graph: the code tool itself, called directly on
    the backend the settings name (no model, no agent graph), in a scratch folder that has the
    place files of folder `inputs` (the script's run folder: `places/<name>-parts.geojson`)."""
    from tools.sandbox import prestart

    prestart()  # the jailed interpreter starts in its own process while the backend starts here
    from agent.backends import open_backend
    from tools import place_files
    from tools.code import run_openeo_code
    from tools.context import RunFolder, ToolContext

    opened = None
    try:
        opened = open_backend(settings, computes=False)
        with tempfile.TemporaryDirectory(prefix="openeo-check-") as tmp:
            place_files.copy(inputs, Path(tmp))
            ctx = ToolContext(opened.client, RunFolder(Path(tmp)), sandbox_timeout_s=settings.sandbox_timeout_s,
                              sandbox_memory_mb=settings.sandbox_memory_mb, sync_pixel_budget=settings.sync_pixel_budget)  # fmt: skip
            outcome = run_openeo_code(code, ctx)
    except Exception as exc:  # noqa: BLE001 - reported as one clear line, with who acts in its code
        error = classify_tool_error(exc, "run_openeo_code", settings.backend_url or "embedded")
        return CheckResult(status="ERROR", errors=[ValidationIssue(code=error.code, message=error.message)])
    finally:
        if opened is not None:
            opened.close()
    return from_outcome(outcome)


def from_outcome(outcome: CodeRunOutcome) -> CheckResult:
    errors = [] if outcome.ok else list(outcome.issues)
    if not outcome.ok and not errors:  # never an ERROR without its reason
        errors = [
            ValidationIssue(
                code="CheckFailed", message=f"The code could not be checked ({outcome.status}); no reason was given."
            )
        ]
    graph = outcome.sandbox.last_graph if outcome.sandbox else None
    summary = outcome.summary.to_text() if outcome.ok and outcome.summary else ""
    return CheckResult(status=outcome.status, errors=errors, process_graph=graph, summary=summary)
