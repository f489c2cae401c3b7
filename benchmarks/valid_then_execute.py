"""Does a VALID predict a working execute? Counts the requests that needed a second execute.

Two sets, one run, on the embedded backend (with ../shared/data/real):

- the public dev cases (../shared/eval/dev.jsonl) through the whole agent (`openeo-agent eval`,
  offline planner unless --model says otherwise): for each case the tool calls recorded in its
  run folder (run.json) are read; a case "needed a second execute" when an execute after a VALID
  run_openeo_code failed, or execute was called more than once;
- the workflow corpus (tests/data/workflows/*.py) through the tools themselves: run_openeo_code,
  and when it says VALID, execute; a failed execute after VALID counts.

Goal: none. Prints each offender with the error execute gave.

Usage: python benchmarks/valid_then_execute.py [--cases FILE] [--model offline] [--skip-dev] [--skip-corpus]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "data" / "real"
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"


def second_executes(steps: list[dict]) -> tuple[bool, str]:
    """(needed a second execute after a VALID, why) from a run's recorded tool calls."""
    valid_seen, executes, failed = False, 0, ""
    for step in steps:
        output = str(step.get("output") or "")
        if step.get("tool") == "run_openeo_code":
            valid_seen = valid_seen or output.startswith("VALID")
        elif step.get("tool") == "execute" and valid_seen:
            executes += 1
            if output.startswith("FAILED") and not failed:
                failed = output.replace("\n", " ")[:200]
    if failed:
        return True, failed
    return executes > 1, f"{executes} execute calls" if executes > 1 else ""


def dev_cases(cases: Path, model: str, out: Path) -> tuple[int, int, list[str]]:
    from agent.cli import main

    report_path = out / "dev_report.json"
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.suppress(SystemExit):
        main(["eval", str(cases), "--model", model, "--out", str(report_path)])
    report = json.loads(report_path.read_text())
    offenders, with_valid = [], 0
    for case in report["cases"]:
        run_json = Path(case["run_dir"]) / "run.json" if case.get("run_dir") else None
        steps = json.loads(run_json.read_text()).get("steps", []) if run_json and run_json.is_file() else []
        if any(s.get("tool") == "run_openeo_code" and str(s.get("output", "")).startswith("VALID") for s in steps):
            with_valid += 1
        needed, why = second_executes(steps)
        if needed:
            offenders.append(f"{case['id']}: {why}")
    return len(report["cases"]), with_valid, offenders


def corpus(url: str, out: Path) -> tuple[int, int, list[str]]:
    from tools.code import run_openeo_code
    from tools.context import BackendRef, RunFolder, ToolContext
    from tools.execute import execute

    scripts = sorted((ROOT / "tests" / "data" / "workflows").glob("*.py"))
    offenders, valid = [], 0
    for path in scripts:
        ctx = ToolContext(BackendRef(url=url, is_embedded=True), RunFolder(out / "corpus" / path.stem))
        checked = run_openeo_code(path.read_text(), ctx)
        if checked.status != "VALID":
            print(f"  (not VALID, not executed: {path.name}: {checked.to_text().splitlines()[-1][:120]})", file=sys.stderr)
            continue
        valid += 1
        result = execute(ctx)
        if not result.ok:
            offenders.append(f"{path.name}: {result.to_text().replace(chr(10), ' ')[:200]}")
    return len(scripts), valid, offenders


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=DEV)
    parser.add_argument("--model", default="offline")
    parser.add_argument("--skip-dev", action="store_true")
    parser.add_argument("--skip-corpus", action="store_true")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    from backend.server import start_in_thread
    from backend.settings import BackendSettings

    with tempfile.TemporaryDirectory(prefix="valid-then-execute-") as tmp:
        out = Path(tmp)
        lines = []
        if not args.skip_dev:
            total, with_valid, offenders = dev_cases(args.cases, args.model, out)
            lines.append(f"dev cases ({args.cases.name}, model {args.model}): {len(offenders)} of {total} needed a second "
                         f"execute after a VALID ({with_valid} reached VALID)")
            lines += [f"    {o}" for o in offenders]
        if not args.skip_corpus:
            server = start_in_thread(BackendSettings(data_dir=str(REAL) if REAL.is_dir() else None, jobs_dir=str(out / "jobs")))
            try:
                total, valid, offenders = corpus(server.url, out)
            finally:
                server.stop()
            lines.append(f"workflow corpus: {len(offenders)} of {valid} VALID scripts needed a second execute "
                         f"({total} scripts, {total - valid} not VALID)")
            lines += [f"    {o}" for o in offenders]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
