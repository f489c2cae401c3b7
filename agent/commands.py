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
from typing import Any, TextIO

from pydantic import ValidationError

from agent.errors import AgentError, UserError, classify_tool_error
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
    except AgentError as exc:
        print(f"error: {exc.message}", file=err)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "settings"
        print(f"error: the setting '{where}' is invalid: {first.get('msg')}. Check the environment "
              "variables OPENEO_AGENT_* and the config file openeo-agent.toml.", file=err)  # fmt: skip
    return None


# --- ask ------------------------------------------------------------------------------------
def ask(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from agent.runner import AgentRunner

    out, err = out or sys.stdout, err or sys.stderr
    settings = _settings_or_exit(args, err)
    if settings is None:
        return 2
    out_dir = Path(args.out) if args.out else None
    with AgentRunner(settings) as runner:
        for event in runner.stream(args.request, today=settings.today, out_dir=out_dir):
            if not args.json:
                line = progress_line(event)
                if line:
                    print(line, file=out, flush=True)
        outcome = runner.last_outcome
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
    result = check_code(settings, code)
    if args.json:
        print(json.dumps({**result, "sandbox": _sandbox()}, default=str), file=out)
    else:
        print(f"sandbox: {_sandbox()['summary']}", file=err)
        print(result["status"], file=out)
        for e in result["errors"]:
            print(f"[{e['code']}] {e['message']}", file=out)
        if result["summary"] and result["status"] == "VALID":
            print(result["summary"], file=out)
    return result["exit_code"]


def check_code(settings: AgentSettings, code: str) -> dict[str, Any]:
    """Run `code` in the sandbox and validate its graph, through the same tool the agent uses."""
    from agent.runner import AgentRunner

    with AgentRunner(settings) as runner, tempfile.TemporaryDirectory(prefix="openeo-check-") as tmp:
        from tools.context import RunFolder

        try:
            ctx = runner._context(RunFolder(Path(tmp)), runner.backend(), lambda event: None)
            tool = {t.name: t for t in runner.tools_factory(ctx)}["run_openeo_code"]
            text = str(tool.invoke({"code": code}))
        except AgentError as exc:
            return _check_result("ERROR", [{"code": exc.code, "message": exc.message}], None, "", 1)
        except Exception as exc:  # noqa: BLE001 - reported as one clear line
            error = classify_tool_error(exc, "run_openeo_code", settings.backend_url or "embedded")
            return _check_result("ERROR", [{"code": error.code, "message": error.message}], None, "", 1)
        lines = text.strip().splitlines() or ["ERROR"]
        status = lines[0].strip().split()[0] if lines[0].strip() else "ERROR"
        status = status if status in _EXIT else ("VALID" if ctx.artifacts.validated else "ERROR")
        errors = list(ctx.artifacts.validation_errors) if status != "VALID" else []
        if status != "VALID" and not errors:
            errors = [_split_error(line) for line in lines[1:] if line.strip()]
        summary = "\n".join(lines[1:]) if status == "VALID" else ""
        return _check_result(status, errors, ctx.artifacts.process_graph, summary, _EXIT[status])


def _split_error(line: str) -> dict[str, str]:
    line = line.strip()
    if line.startswith("[") and "]" in line:
        code, _, message = line[1:].partition("]")
        return {"code": code, "message": message.strip()}
    return {"code": "Error", "message": line}


def _check_result(status: str, errors: list, graph: dict | None, summary: str, exit_code: int) -> dict[str, Any]:
    return {
        "status": status,
        "valid": status == "VALID",
        "errors": errors,
        "process_graph": graph,
        "summary": summary,
        "exit_code": exit_code,
    }
