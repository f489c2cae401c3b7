"""POST /validation latency: static checks alone, + data availability, + the synthetic-sample run.

One run reports, over the graphs of the workflow corpus (tests/data/workflows/*.py, built by the
real sandbox through `openeo-agent check`) and the test graphs (tests/data/*.json), the p50,
p95 and mean time of what POST /validation does (`backend.api.sync.validate_graph` in the running
embedded backend's context, with ../shared/data/real; the HTTP round trip is measured apart, it
is the same for all) in three configurations of the same server, timed in interleaved rounds so
that load from other work on the machine affects all alike:

- static: the checks validation always did (BackendSettings validation_availability and
  validation_sample off) — the baseline;
- +availability: every load window checked against the acquisitions;
- +sample: the graph also run on a tiny synthetic sample (the default).

It also counts graphs that any configuration rejects (a graph of the corpus executes, so each
rejection would be a false alarm).

Usage: python benchmarks/validation_bench.py [--rounds N] [--graphs cached.json]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "data" / "real"
CONFIGS = {
    "static": {"validation_availability": False, "validation_sample": False},
    "+availability": {"validation_availability": True, "validation_sample": False},
    "+sample": {"validation_availability": True, "validation_sample": True},
}


def corpus_graphs(url: str) -> dict[str, dict]:
    """name -> process graph of every corpus script the sandbox builds and the backend accepts."""
    from agent.cli import main

    graphs: dict[str, dict] = {}
    for path in sorted((ROOT / "tests" / "data" / "workflows").glob("*.py")):
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
            main(["check", str(path), "--backend", url, "--json"])
        lines = out.getvalue().strip().splitlines()
        result = json.loads(lines[-1]) if lines else {}
        if result.get("status") == "VALID":
            graphs[path.stem] = result["process_graph"]
        else:
            print(f"  (not used: {path.name} is {result.get('status')})", file=sys.stderr)
    for path in sorted((ROOT / "tests" / "data").glob("*.json")):
        body = json.loads(path.read_text())
        graphs[path.stem] = body.get("process_graph", body)
    return graphs


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--graphs", type=Path, help="reuse graphs saved by an earlier run (JSON name -> graph)")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")

    from backend.server import start_in_thread
    from backend.settings import BackendSettings

    with tempfile.TemporaryDirectory(prefix="validation-bench-") as jobs:
        server = start_in_thread(BackendSettings(data_dir=str(REAL) if REAL.is_dir() else None, jobs_dir=jobs))
        try:
            if args.graphs and args.graphs.is_file():
                graphs = json.loads(args.graphs.read_text())
            else:
                graphs = corpus_graphs(server.url)
                if args.graphs:
                    args.graphs.write_text(json.dumps(graphs))
            session = requests.Session()
            from backend.api.sync import validate_graph as in_process

            def validate(graph: dict) -> tuple[float, list]:
                """What POST /validation does, in the server's context, without the HTTP round trip."""
                start = time.perf_counter()
                errors = in_process(graph, server.ctx)
                return (time.perf_counter() - start) * 1000, [{"code": e.code} for e in errors]

            def round_trip() -> float:
                start = time.perf_counter()
                session.get(f"{server.url}/", timeout=30)
                return (time.perf_counter() - start) * 1000

            for graph in graphs.values():  # warm-up: registries, caches, imports
                for config in CONFIGS.values():
                    for key, value in config.items():
                        setattr(server.ctx.settings, key, value)
                    validate(graph)
            timings: dict[str, list[float]] = {name: [] for name in CONFIGS}
            rejected: dict[str, set[str]] = {name: set() for name in CONFIGS}
            for _ in range(args.rounds):
                for gname, graph in graphs.items():
                    for cname, config in CONFIGS.items():
                        for key, value in config.items():
                            setattr(server.ctx.settings, key, value)
                        ms, errors = validate(graph)
                        timings[cname].append(ms)
                        if errors:
                            rejected[cname].add(f"{gname}: {errors[0]['code']}")
            http = statistics.median([round_trip() for _ in range(20)])
        finally:
            server.stop()

    base = statistics.median(timings["static"])
    print(f"validation of {len(graphs)} graphs x {args.rounds} rounds, in the server's process (ms); an HTTP round "
          f"trip (GET /) adds {http:.1f} ms on this machine")
    print(f"{'configuration':15s} {'p50':>8s} {'p95':>8s} {'mean':>8s} {'p50 / static':>13s}  rejected")
    for name, values in timings.items():
        p50 = statistics.median(values)
        print(f"{name:15s} {p50:8.1f} {percentile(values, 0.95):8.1f} {statistics.fmean(values):8.1f} {p50 / base:12.1f}x  "
              f"{len(rejected[name])}")
        for reason in sorted(rejected[name]):
            print(f"    {reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
