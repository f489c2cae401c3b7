"""`openeo-agent eval CASES.jsonl [--model M] [--backend URL] [--out REPORT.json]`.

Runs each case through the full agent (the same runner as `ask`, so any configured model works:
`offline`, `gpt-4.1-mini`, a local Ollama model), checks that the final graph validated and
executed and meets every expectation present, prints one line per case and last
`N passed, M failed`. `--out` writes a JSON report with per-check pass rates, tool calls and
timings per case.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable, TextIO

from pydantic import BaseModel, Field

from agent.evaluation.cases import EvalCase, load_cases
from agent.evaluation.checks import CheckResult, check_graph
from agent.run import new_run_id


class CaseReport(BaseModel):
    id: str
    request: str
    passed: bool
    checks: list[CheckResult] = Field(default_factory=list)
    failed: list[str] = Field(default_factory=list)
    answer: str = ""
    steps: list[str] = Field(default_factory=list)  # tool names, in order
    model_calls: int = 0
    tool_calls: int = 0
    timings: dict[str, float] = Field(default_factory=dict)
    seconds: float = 0.0
    run_dir: str = ""
    error: str | None = None


class EvalReport(BaseModel):
    cases_file: str
    model: str
    backend: str
    started: str
    passed: int = 0
    failed: int = 0
    per_check: dict[str, dict[str, float]] = Field(default_factory=dict)
    cases: list[CaseReport] = Field(default_factory=list)


def evaluate_outcome(case: EvalCase, outcome: Any) -> list[CheckResult]:
    """The checks of one case on a RunOutcome-like object (answer, process_graph, validation_errors, result_path)."""
    graph = getattr(outcome, "process_graph", None)
    errors = getattr(outcome, "validation_errors", None) or []
    validated = graph is not None and not errors
    why = getattr(outcome, "failure", None) or (getattr(outcome, "answer", "") or "").strip().split("\n")[0]
    results = [
        CheckResult(
            name="validated",
            passed=validated,
            detail="valid"
            if validated
            else f"errors: {'; '.join(_text(e) for e in errors[:2])}"
            if graph
            else f"no process graph: {why[:160]}",
        )
    ]
    executed = bool(getattr(outcome, "result_path", None))
    results.append(CheckResult(name="executed", passed=executed, detail="result written" if executed else "no result"))
    results.extend(check_graph(graph, case.expect))
    return results


def _text(issue: Any) -> str:
    return issue.to_text() if hasattr(issue, "to_text") else str(issue)


def per_check_rates(reports: list[CaseReport]) -> dict[str, dict[str, float]]:
    total: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    for r in reports:
        for c in r.checks:
            total[c.name] += 1
            passed[c.name] += c.passed
    return {
        name: {"passed": passed[name], "total": total[name], "rate": round(passed[name] / total[name], 3)}
        for name in total
    }


def run_cases(
    cases: list[EvalCase], run: Callable[[EvalCase, Path], Any], out_root: Path, stream: TextIO = sys.stdout
) -> list[CaseReport]:
    reports = []
    for case in cases:
        started = time.monotonic()
        folder = out_root / case.id
        try:
            outcome = run(case, folder)
            checks = evaluate_outcome(case, outcome)
            error = None
        except Exception as exc:  # noqa: BLE001 - one broken case must not end the evaluation
            outcome, checks, error = (
                None,
                [CheckResult(name="validated", passed=False, detail=str(exc))],
                f"{type(exc).__name__}: {exc}",
            )
        failed = [c.name for c in checks if not c.passed]
        steps = [s.tool for s in getattr(outcome, "steps", [])] if outcome is not None else []
        report = CaseReport(
            id=case.id,
            request=case.request,
            passed=not failed,
            checks=checks,
            failed=failed,
            answer=getattr(outcome, "answer", "") or "",
            steps=steps,
            model_calls=getattr(outcome, "model_calls", 0) or 0,
            tool_calls=getattr(outcome, "tool_calls", len(steps)) or len(steps),
            timings=getattr(outcome, "timings", {}) or {},
            seconds=round(time.monotonic() - started, 2),
            run_dir=getattr(outcome, "run_dir", "") or str(folder),
            error=error,
        )
        reports.append(report)
        if report.passed:
            print(f"PASS {case.id}", file=stream, flush=True)
        else:
            why = "; ".join(f"{c.name} ({c.detail})" for c in checks if not c.passed)
            print(f"FAIL {case.id}: {why}", file=stream, flush=True)
    return reports


def main(args: Any) -> int:
    """Entry point of `openeo-agent eval`; returns 0 when every case passed, 1 otherwise, 2 on bad input."""
    from agent.errors import AgentError
    from agent.runner import AgentRunner
    from agent.settings import AgentSettings

    try:
        cases = load_cases(args.cases)
    except (OSError, ValueError) as exc:
        print(f"Cannot read the cases: {exc}", file=sys.stderr)
        return 2
    overrides: dict[str, Any] = {}
    if getattr(args, "model", None):
        overrides["model"] = args.model
    if getattr(args, "backend", None):
        overrides["backend_url"] = args.backend
    settings = AgentSettings(**overrides)
    try:
        settings.require_model_endpoint()
    except AgentError as exc:
        print(exc.message, file=sys.stderr)
        return 2
    stamp = new_run_id()  # unique: two evals started in the same second shared a folder and threads
    out_root = Path(settings.runs_dir) / f"eval-{stamp}"
    report = EvalReport(
        cases_file=str(args.cases),
        model=settings.resolved_model,
        backend=settings.backend_url or "embedded",
        started=stamp,
    )
    with AgentRunner(settings) as runner:

        def run(case: EvalCase, folder: Path) -> Any:
            return runner.run(case.request, thread_id=f"eval-{stamp}-{case.id}", today=case.today, out_dir=folder)

        report.cases = run_cases(cases, run, out_root)
    report.passed = sum(r.passed for r in report.cases)
    report.failed = len(report.cases) - report.passed
    report.per_check = per_check_rates(report.cases)
    if getattr(args, "out", None):
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(report.model_dump_json(indent=2), encoding="utf-8")
    print(f"{report.passed} passed, {report.failed} failed", flush=True)
    return 0 if report.failed == 0 else 1
