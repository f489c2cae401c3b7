"""The `openeo-agent` command line: argument parsing only; each subcommand lives in its own module.

openeo-agent backend [--host H] [--port P] [--data DIR]
openeo-agent ask "REQUEST" [--model M] [--backend URL] [--today YYYY-MM-DD] [--out DIR] [--json]
openeo-agent check CODE.py [--backend URL] [--json]
openeo-agent eval CASES.jsonl [--model M] [--backend URL] [--out REPORT.json]
"""

from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="openeo-agent", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("backend", help="run the embedded openEO backend (openEO API 1.2 over HTTP)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--data", default=None, help="folder of real data files (GeoTIFF/netCDF/Zarr/STAC) to serve")

    p = sub.add_parser("ask", help="run the whole agent headless on one request")
    p.add_argument("request")
    p.add_argument("--model", default=None, help="'offline' or a model name for the OpenAI-compatible endpoint")
    p.add_argument("--backend", default=None, help="openEO backend URL (default: embedded, started in-process)")
    p.add_argument("--today", default=None, help="YYYY-MM-DD that relative dates are read against")
    p.add_argument("--out", default=None, help="folder for code.py, process_graph.json, result and map.html")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of progress text")

    p = sub.add_parser("check", help="run drafted code in the sandbox and validate its process graph")
    p.add_argument("code_file")
    p.add_argument("--backend", default=None)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("eval", help="run evaluation cases (JSON lines) through the agent")
    p.add_argument("cases")
    p.add_argument("--model", default=None)
    p.add_argument("--backend", default=None)
    p.add_argument("--out", default=None, help="write a JSON report here")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "backend":
        from backend.server import serve

        serve(host=args.host, port=args.port, data_dir=args.data)
        return 0
    if args.command == "ask":
        from agent.commands import ask

        return ask(args)
    if args.command == "check":
        from agent.commands import check

        return check(args)
    if args.command == "eval":
        from agent.evaluation.harness import main as eval_main

        return eval_main(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
