"""Agent benchmark: per request of an evaluation set, model round-trips and tokens sent.

    python benchmarks/agent_bench.py [--cases ../shared/eval/dev.jsonl] [--model offline]
                                     [--backend URL] [--limit N] [--out report.json]

Tokens sent are estimated from characters (4 per token) of everything sent to the model on
every call: system prompt, tool schemas, and the messages so far (requests, tool calls and
tool results). Goal for a typical map request: <= 4 round-trips and <= 6k tokens.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agent.monitor import tool_schema_chars  # noqa: E402
from agent.run import estimate_tokens  # noqa: E402
from agent.prompts import system_prompt  # noqa: E402
from agent.runner import AgentRunner  # noqa: E402
from agent.settings import AgentSettings  # noqa: E402
from tools.context import BackendRef, RunFolder, ToolContext  # noqa: E402

GOAL_ROUND_TRIPS = 4
GOAL_TOKENS = 6000


def fixed_cost(runner: AgentRunner, folder: Path) -> dict[str, int]:
    """Tokens sent with every model call regardless of the conversation."""
    ctx = ToolContext(BackendRef(url="http://127.0.0.1:1"), RunFolder(folder))
    return {
        "system_prompt_tokens": estimate_tokens(len(system_prompt(date(2024, 1, 1)))),
        "tool_schema_tokens": estimate_tokens(tool_schema_chars(runner.tools_factory(ctx))),
    }


def fast_tools(ctx: ToolContext) -> list:
    """The real tools, except that execute and render_map answer at once with text shaped like
    the real ones: the conversation (round-trips, tokens) is the same, the pixels are skipped."""
    from langchain_core.tools import StructuredTool

    from tools.langchain_tools import build_tools
    from tools.models import ResultStats

    def execute() -> str:
        if not ctx.artifacts.validated:
            return "FAILED\n[NotValidated] Run run_openeo_code until it answers VALID, then execute()."
        path = ctx.run.write_text("result.tif", "")
        ctx.artifacts.result_path = str(path)
        ctx.artifacts.stats = ResultStats(min=-0.12, max=0.87, mean=0.41, valid_fraction=0.93, bands=["NDVI"],
                                          simulated=True)  # fmt: skip
        return ("OK\nResult (sync): result.tif\nmin=-0.12 max=0.87 mean=0.41 valid=93% unit=unknown\n"
                "bands=NDVI\nsimulated=yes")  # fmt: skip

    def render_map() -> str:
        path = ctx.run.write_text("map.html", "")
        ctx.artifacts.map_path = str(path)
        return "Map written to map.html (style: ndvi)."

    fakes = {"execute": execute, "render_map": render_map}
    return [
        StructuredTool.from_function(fakes[t.name], name=t.name, description=t.description) if t.name in fakes else t
        for t in build_tools(ctx)
    ]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--cases", default=str(ROOT.parent / "shared" / "eval" / "dev.jsonl"))
    p.add_argument("--model", default="offline")
    p.add_argument("--backend", default=None)
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--out", default=None)
    p.add_argument("--fast", action="store_true", help="skip pixel computation (execute/render_map answer at once)")
    args = p.parse_args(argv)

    cases = [json.loads(line) for line in Path(args.cases).read_text().splitlines() if line.strip()]
    if args.limit:
        cases = cases[: args.limit]
    rows = []
    with tempfile.TemporaryDirectory(prefix="agent-bench-") as tmp:
        settings = AgentSettings(model=args.model, backend_url=args.backend, runs_dir=Path(tmp) / "runs")
        with AgentRunner(settings, tools_factory=fast_tools if args.fast else None) as runner:
            fixed = fixed_cost(runner, Path(tmp) / "fixed")
            for case in cases:
                today = date.fromisoformat(case["today"]) if case.get("today") else None
                o = runner.run(case["request"], today=today, out_dir=Path(tmp) / "runs" / case["id"])
                row = {
                    "id": case["id"],
                    "ok": o.ok,
                    "round_trips": o.model_calls,
                    "tool_calls": o.tool_calls,
                    "tokens_sent": o.tokens_sent,
                    "total_s": o.timings.get("total_s"),
                    "result": bool(o.result_path),
                    "tools": [s.tool for s in o.steps],
                    "failure": o.failure,
                }
                rows.append(row)
                meets = row["round_trips"] <= GOAL_ROUND_TRIPS and row["tokens_sent"] <= GOAL_TOKENS
                print(
                    f"{case['id'][:44]:44s} ok={str(o.ok):5s} trips={o.model_calls:2d} tools={o.tool_calls:2d} "
                    f"tokens={o.tokens_sent:6d} {o.timings.get('total_s', 0):6.1f}s {'goal' if meets else 'OVER'}",
                    flush=True,
                )
    trips = [r["round_trips"] for r in rows]
    tokens = [r["tokens_sent"] for r in rows]
    summary = {
        "model": args.model,
        "fast": args.fast,
        "cases": len(rows),
        **fixed,
        "ok": sum(r["ok"] for r in rows),
        "with_result": sum(r["result"] for r in rows),
        "round_trips_median": statistics.median(trips) if trips else 0,
        "round_trips_max": max(trips, default=0),
        "tokens_median": statistics.median(tokens) if tokens else 0,
        "tokens_max": max(tokens, default=0),
        "meeting_goal": sum(r["round_trips"] <= GOAL_ROUND_TRIPS and r["tokens_sent"] <= GOAL_TOKENS for r in rows),
        "goal": {"round_trips": GOAL_ROUND_TRIPS, "tokens": GOAL_TOKENS},
    }
    print(json.dumps(summary, indent=2))
    if args.out:
        Path(args.out).write_text(json.dumps({"summary": summary, "cases": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
