"""End-to-end speed of a request (issue 17), every figure measured in this one run.

    python benchmarks/request_bench.py [--skip ui,boris,check50] [--repeat 3] [--json out.json]

Reported, each with its baseline measured in the same run:

1. start-up: `openeo-agent --help`, `openeo-agent check CODE` cold (against `python -c pass`
   and `python -c "import openeo"`), `python app.py` until it serves its page (against
   `python -c "import gradio"`, its floor);
2. the request of issue 17 (`ask REQUEST --model offline`): a cold CLI process (`--json`, each
   tool's time from its steps), the first and the second request in one process (the second is
   "warm": goal <= 3 s from request to map), and through the UI with gradio_client (the app's
   first and second request);
3. `run_openeo_code` warm and cold (goal warm <= 300 ms), and the warm worker's start;
4. the first place lookup of a fresh process (`find_place("Leuven")`);
5. the backend against the numpy floor: benchmarks/backend_floor_bench.py when it exists, else a
   hand-written numpy composite on the arrays the simulated Earth generates for the request;
6. the Storm Boris request (first and second in one process, each tool's time);
7. the tokens the LLM path sends with every call (system prompt and tool schemas), and per
   request (`benchmarks/agent_bench.py` measures whole evaluation sets).

The on-disk caches (~/.cache/openeo-agent: land mask, basemap and place indexes) are kept: a
"cold" process is a new process on a machine where the product ran before. The machine's load
average is printed; on a busy machine compare the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REQUEST = "NDVI of the area 4.65 to 4.79 E, 50.83 to 50.92 N (Leuven) in June 2023, cloud-masked median"
BORIS = "Where did Storm Boris flood the land around Nysa in Poland in September 2024?"
CHECK_CODE = '''import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
cube = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={"west": 35.90, "south": 33.80, "east": 35.92, "north": 33.82},
    temporal_extent=["2019-05-01", "2019-05-11"],
    bands=["B04", "B08"],
)
cube.ndvi(red="B04", nir="B08").reduce_dimension(dimension="t", reducer="median").download("ndvi.tif")
'''
GOAL_WARM_S = 3.0
GOAL_TOOL_WARM_S = 0.300
GOAL_APP_S = 3.0
GOAL_TOKENS = 6000


def cli() -> list[str]:
    script = Path(sys.executable).with_name("openeo-agent")
    return [str(script)] if script.exists() else [sys.executable, "-m", "agent.cli"]


def clean_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "OPENEO_AGENT_", "GRADIO_"))}
    env["OPENEO_AGENT_RUNS_DIR"] = str(tmp / "runs")
    env["OPENEO_BACKEND_JOBS_DIR"] = str(tmp / "jobs")
    return env


def children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes so far: steadier than wall
    time on a machine that others load too (the sandbox's jailed children included)."""
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def wall(argv: list[str], env: dict, cwd: Path, timeout: float = 600) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    r = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=cwd, timeout=timeout)
    return time.perf_counter() - t0, r


def median_wall(argv: list[str], env: dict, cwd: Path, repeat: int) -> tuple[float, float]:
    """Median wall seconds and median CPU seconds of `repeat` runs."""
    times, cpus = [], []
    for _ in range(repeat):
        c0 = children_cpu()
        t, r = wall(argv, env, cwd)
        if r.returncode not in (0, 1):
            raise RuntimeError(f"{' '.join(argv)} failed ({r.returncode}): {r.stderr[-800:]}")
        times.append(t)
        cpus.append(children_cpu() - c0)
    return statistics.median(times), statistics.median(cpus)


def tools_of(steps: list) -> dict[str, float]:
    """Seconds per tool of a run's steps (a tool called twice: the sum)."""
    out: dict[str, float] = {}
    for s in steps:
        name, d = (s["tool"], s["duration_s"]) if isinstance(s, dict) else (s.tool, s.duration_s)
        out[name] = round(out.get(name, 0.0) + (d or 0.0), 3)
    return out


def fmt_tools(tools: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.2f}" for k, v in tools.items())


# -- 1. start-up ---------------------------------------------------------------------------------
def startup(tmp: Path, repeat: int) -> dict:
    env = clean_env(tmp)
    code = tmp / "check_code.py"
    code.write_text(CHECK_CODE)
    py = sys.executable
    out = {}
    for key, argv in (("python", [py, "-c", "pass"]), ("import_openeo", [py, "-c", "import openeo"]),
                      ("help", [*cli(), "--help"]), ("check", [*cli(), "check", str(code), "--json"])):
        out[f"{key}_s"], out[f"{key}_cpu_s"] = median_wall(argv, env, tmp, repeat)
    t, r = wall([py, "-X", "importtime", "-c", "import agent.cli, agent.commands"], env, tmp)
    out["import_commands_s"] = _import_total(r.stderr)
    return out


def _import_total(importtime: str) -> float:
    total = 0
    for line in importtime.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and not parts[2].startswith("  ") and parts[1].strip().isdigit():
            total += int(parts[1])
    return total / 1e6


def check_loop(tmp: Path, n: int) -> dict:
    """n cold starts of `openeo-agent check`, two at a time (as tests/integration/test_cold_start.py)."""
    from concurrent.futures import ThreadPoolExecutor

    env = clean_env(tmp)
    code = tmp / "check_code.py"
    code.write_text(CHECK_CODE)
    t0, c0 = time.perf_counter(), children_cpu()
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda _: wall([*cli(), "check", str(code), "--json"], env, tmp)[1], range(n)))
    bad = sum(r.returncode != 0 for r in results)
    return {"starts": n, "total_s": time.perf_counter() - t0, "cpu_s": children_cpu() - c0, "failed": bad}


def serve_app(tmp: Path) -> tuple[subprocess.Popen, str, float]:
    """`python app.py` on a free port; the seconds until GET / answers 200."""
    import httpx

    port = _free_port()
    env = clean_env(tmp) | {"GRADIO_SERVER_PORT": str(port)}
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=tmp, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    t0 = time.perf_counter()
    url = f"http://127.0.0.1:{port}/"
    while True:
        if proc.poll() is not None:
            raise RuntimeError("app.py exited before serving")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return proc, url, time.perf_counter() - t0
        except httpx.HTTPError:
            pass
        if time.perf_counter() - t0 > 120:
            proc.kill()
            raise RuntimeError("app.py did not serve within 120 s")
        time.sleep(0.05)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ui_requests(url: str, ready_s: float, warm_wait_s: float) -> dict:
    """The app's first and second request over its API, after giving its warm-up `warm_wait_s`."""
    from gradio_client import Client

    time.sleep(max(0.0, warm_wait_s - ready_s))
    client = Client(url, verbose=False)
    out = {}
    for key in ("first_s", "second_s"):
        t0 = time.perf_counter()
        result = client.predict(REQUEST, api_name="/chat")
        out[key] = time.perf_counter() - t0
        if "map.html" not in str(result[5]):  # (msg, chat, code, validation, graph, map_html, ...)
            raise RuntimeError(f"the UI answered without a map: {str(result)[:400]}")
    return out


# -- 2. the request ------------------------------------------------------------------------------
def cold_cli(tmp: Path, request: str) -> dict:
    env = clean_env(tmp)
    c0 = children_cpu()
    t, r = wall([*cli(), "ask", request, "--model", "offline", "--json", "--out", str(tmp / "cold")], env, tmp)
    cpu = children_cpu() - c0
    data = json.loads(r.stdout.strip().splitlines()[-1])
    if not data.get("map_path"):
        raise RuntimeError(f"the cold CLI run made no map: {data.get('failure')}")
    return {"wall_s": t, "cpu_s": cpu, "agent_total_s": data["timings"].get("total_s"), "tools": tools_of(data["steps"])}


def in_process(tmp: Path, requests: list[tuple[str, str]]) -> dict:
    """Each request twice in one process (one runner): the first pays the process's cold costs."""
    from agent.runner import AgentRunner
    from agent.settings import AgentSettings

    out: dict = {}
    t0 = time.perf_counter()
    with AgentRunner(AgentSettings(model="offline", runs_dir=tmp / "runs-inproc")) as runner:
        warm_up = getattr(runner, "warm_up", None)
        (warm_up or runner.backend)()
        out["runner_ready_s"] = time.perf_counter() - t0
        for key, request in requests:
            rows = []
            for i in range(2):
                t, c = time.perf_counter(), time.process_time()
                o = runner.run(request, out_dir=tmp / "runs-inproc" / f"{key}{i}")
                rows.append({"wall_s": time.perf_counter() - t, "cpu_s": time.process_time() - c,
                             "ok": o.ok and bool(o.map_path), "tools": tools_of(o.steps),
                             "tokens_sent": o.tokens_sent, "map_kb": _kb(o.map_path)})  # fmt: skip
            out[key] = {"first": rows[0], "second": rows[1]}
    return out


def _kb(path: str | None) -> float | None:
    return round(Path(path).stat().st_size / 1024, 1) if path and Path(path).exists() else None


# -- 3. the sandbox call -------------------------------------------------------------------------
def sandbox(tmp: Path, repeat: int) -> dict:
    import tools.sandbox.runner as sandbox_runner
    from backend.server import start_in_thread
    from backend.settings import BackendSettings
    from tools.client import BackendClient, BackendRef
    from tools.code import run_openeo_code
    from tools.context import RunFolder, ToolContext

    code = CHECK_CODE
    server = start_in_thread(BackendSettings(jobs_dir=str(tmp / "jobs-sandbox")))
    try:
        ctx = ToolContext(BackendClient(BackendRef(url=server.url, is_embedded=True)), RunFolder(tmp / "sandbox-run"),
                          emit=lambda e: None)  # fmt: skip
        t0 = time.perf_counter()
        sandbox_runner.prestart(wait=True)
        start_s = time.perf_counter() - t0
        worker = sandbox_runner._worker

        def tool(warm: bool) -> float:
            sandbox_runner._worker = worker if warm else None
            try:
                t = time.perf_counter()
                outcome = run_openeo_code(code, ctx)
                took = time.perf_counter() - t
            finally:
                sandbox_runner._worker = worker
            if outcome.status != "VALID" or outcome.sandbox is None or outcome.sandbox.warm != warm:
                raise RuntimeError(f"run_openeo_code (warm={warm}) did not run as asked: {outcome.to_text()[:300]}")
            return took

        tool(True)  # the first call of this process (snapshot and client caches)
        cold, warm = [], []
        for _ in range(repeat):
            cold.append(tool(False))
            warm.append(tool(True))
    finally:
        server.stop()
    return {"worker_start_s": start_s, "cold_s": statistics.median(cold), "warm_s": statistics.median(warm),
            "isolation": sandbox_runner.sandbox_isolation().level}  # fmt: skip


# -- 4. first place lookup -----------------------------------------------------------------------
PLACE_PROBE = """
import json, time
t0 = time.perf_counter()
from tools.places import find_place
t1 = time.perf_counter()
find_place("Leuven")
t2 = time.perf_counter()
find_place("Nysa, Poland")
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "first_s": t2 - t1, "second_s": t3 - t2}))
"""


def first_place(tmp: Path) -> dict:
    _, r = wall([sys.executable, "-c", PLACE_PROBE], clean_env(tmp), ROOT)
    return json.loads(r.stdout.strip().splitlines()[-1])


# -- 5. backend vs the numpy floor ---------------------------------------------------------------
def floor(tmp: Path, repeat: int) -> dict:
    try:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import backend_floor_bench as fb  # the backend helper's benchmark, when it exists
    except ImportError:
        fb = None
    if fb is not None and hasattr(fb, "run_case") and hasattr(fb, "CASES"):
        try:
            return {"source": "benchmarks/backend_floor_bench.py", **_floor_from(fb, repeat)}
        except Exception as exc:  # noqa: BLE001 - its API may have changed: fall back, and say so
            print(f"  (backend_floor_bench.py did not run here: {type(exc).__name__}: {exc}; using the simple floor)")
    return {"source": "simple numpy floor (request_bench.py)", **_simple_floor(tmp, repeat)}


def _floor_from(fb, repeat: int) -> dict:
    from backend.server import start_in_thread
    from backend.settings import BackendSettings

    with tempfile.TemporaryDirectory() as jobs:
        server = start_in_thread(BackendSettings(jobs_dir=jobs))
        try:
            earth = next(s for s in server.ctx.sources.sources("SENTINEL2_L2A") if s.name == "simulated")
            earth = earth.prepare() if hasattr(type(earth), "prepare") else earth  # a DeferredSource: the source itself
            row = fb.run_case(fb.CASES["leuven"], repeat, server, earth)
        finally:
            server.stop()
    return {"case": "leuven", "result": row}


def _simple_floor(tmp: Path, repeat: int) -> dict:
    """POST /result of the planner's graph against numpy on the arrays the same source generates."""
    import numpy as np
    import requests

    from backend.catalog import load_catalog
    from backend.datasources.base import DataRequest
    from backend.datasources.simulated import SimulatedEarth
    from backend.server import start_in_thread
    from backend.settings import BackendSettings

    graph = json.loads((tmp / "runs-inproc" / "leuven1" / "process_graph.json").read_text())
    catalog = load_catalog()
    req = DataRequest(collection=catalog["SENTINEL2_L2A"], bbox=(4.65, 50.83, 4.79, 50.92), start="2023-06-01",
                      end="2023-07-01", bands=["B04", "B08", "SCL"])  # fmt: skip

    def numpy_floor() -> float:
        t = time.perf_counter()
        cube = SimulatedEarth(catalog).load(req).compute()  # a fresh source: nothing cached
        a = np.asarray(cube.transpose("t", "bands", "y", "x").values, dtype="float32")
        red, nir, scl = a[:, 0] * 1e-4, a[:, 1] * 1e-4, a[:, 2]
        ndvi = (nir - red) / (nir + red)
        ndvi[np.isin(scl, (3, 8, 9, 10))] = np.nan
        with np.errstate(all="ignore"):
            np.nanmedian(ndvi, axis=0)
        return time.perf_counter() - t

    server = start_in_thread(BackendSettings(jobs_dir=str(tmp / "jobs-floor")))
    try:
        def backend() -> float:
            for source in server.ctx.sources.sources("SENTINEL2_L2A"):  # generation included, as in the floor
                cache = getattr(source, "cache", None)
                if cache is not None:
                    cache.clear()
            t = time.perf_counter()
            r = requests.post(f"{server.url}/result", json={"process": {"process_graph": graph}}, timeout=600)
            r.raise_for_status()
            return time.perf_counter() - t

        backend()  # first use of the process registry and imports
        b, f = [], []
        for _ in range(repeat):
            f.append(numpy_floor())
            b.append(backend())
    finally:
        server.stop()
    bs, fs = statistics.median(b), statistics.median(f)
    return {"backend_s": bs, "floor_s": fs, "ratio": bs / fs}


# -- 7. tokens ------------------------------------------------------------------------------------
def token_budget(tmp: Path) -> dict:
    from datetime import date

    from agent.monitor import tool_schema_chars
    from agent.prompts import system_prompt
    from agent.run import estimate_tokens
    from tools.client import BackendClient, BackendRef
    from tools.context import RunFolder, ToolContext
    from tools.langchain_tools import build_tools

    ctx = ToolContext(BackendClient(BackendRef(url="http://127.0.0.1:1")), RunFolder(tmp / "tokens"))
    return {"system_prompt_tokens": estimate_tokens(len(system_prompt(date(2024, 1, 1)))),
            "tool_schema_tokens": estimate_tokens(tool_schema_chars(build_tools(ctx)))}  # fmt: skip


# -----------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--skip", default="", help="comma-separated: startup,cold,inproc,ui,sandbox,places,floor,boris,check50,tokens")
    p.add_argument("--check-starts", type=int, default=50)
    p.add_argument("--json", default=None)
    args = p.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    report: dict = {"load_average": os.getloadavg()[0], "cpus": os.cpu_count()}
    print(f"CPU cores: {os.cpu_count()}, load average at start: {os.getloadavg()[0]:.1f}", flush=True)
    with tempfile.TemporaryDirectory(prefix="request-bench-") as d:
        tmp = Path(d)
        if "startup" not in skip:
            s = report["startup"] = startup(tmp, args.repeat)
            print(f"[start-up, wall (CPU) s] python {s['python_s']:.2f} ({s['python_cpu_s']:.2f}), import openeo "
                  f"{s['import_openeo_s']:.2f} ({s['import_openeo_cpu_s']:.2f}), openeo-agent --help {s['help_s']:.2f} "
                  f"({s['help_cpu_s']:.2f}), check (cold, embedded backend) {s['check_s']:.2f} ({s['check_cpu_s']:.2f}) "
                  f"= {s['check_cpu_s'] / s['import_openeo_cpu_s']:.1f}x import openeo in CPU; import of agent.cli+commands "
                  f"{s['import_commands_s']:.2f} s", flush=True)
        if "cold" not in skip:
            c = report["cold_cli"] = cold_cli(tmp, REQUEST)
            print(f"[request, cold CLI] {c['wall_s']:.1f} s wall, {c['cpu_s']:.1f} s CPU (agent {c['agent_total_s']:.1f} s): "
                  f"{fmt_tools(c['tools'])}", flush=True)
        if "inproc" not in skip:
            reqs = [("leuven", REQUEST)] + ([] if "boris" in skip else [("boris", BORIS)])
            r = report["in_process"] = in_process(tmp, reqs)
            print(f"[in process] runner ready (backend, sandbox worker) {r['runner_ready_s']:.1f} s", flush=True)
            for key in ("leuven", "boris"):
                if key in r:
                    for which in ("first", "second"):
                        row = r[key][which]
                        goal = ""
                        if key == "leuven" and which == "second":
                            goal = f" (goal <= {GOAL_WARM_S:g} s: {'met' if row['wall_s'] <= GOAL_WARM_S else 'NOT met'})"
                        print(f"[{key}, {which} request] {row['wall_s']:.2f} s{goal}, {row['cpu_s']:.2f} s CPU of this "
                              f"process: {fmt_tools(row['tools'])}; "
                              f"map {row['map_kb']} KB, tokens {row['tokens_sent']}", flush=True)
        if "ui" not in skip:
            gradio_s, gradio_cpu_s = median_wall([sys.executable, "-c", "import gradio"], clean_env(tmp), tmp, args.repeat)
            proc, url, ready = serve_app(tmp)
            try:
                u = report["ui"] = {"served_s": ready, "import_gradio_s": gradio_s, "import_gradio_cpu_s": gradio_cpu_s,
                                    **ui_requests(url, ready, warm_wait_s=10.0)}  # fmt: skip
            finally:
                proc.terminate()
                proc.wait(timeout=30)
            print(f"[UI] app.py served its page after {ready:.2f} s (goal <= {GOAL_APP_S:g} s; `import gradio` alone "
                  f"{gradio_s:.2f} s wall, {gradio_cpu_s:.2f} s CPU, is the floor while the page is Gradio's); through "
                  f"gradio_client (10 s after start): first request {u['first_s']:.1f} s, second {u['second_s']:.1f} s",
                  flush=True)
        if "sandbox" not in skip:
            sb = report["sandbox"] = sandbox(tmp, args.repeat)
            print(f"[sandbox, {sb['isolation']}] run_openeo_code cold {sb['cold_s'] * 1000:.0f} ms, warm "
                  f"{sb['warm_s'] * 1000:.0f} ms (cold/warm {sb['cold_s'] / sb['warm_s']:.1f}x; goal warm <= 300 ms: "
                  f"{'met' if sb['warm_s'] <= GOAL_TOOL_WARM_S else 'NOT met'}); worker start {sb['worker_start_s']:.1f} s",
                  flush=True)
        if "places" not in skip:
            pl = report["places"] = first_place(tmp)
            print(f"[places] fresh process: import {pl['import_s'] * 1000:.0f} ms, first find_place "
                  f"{pl['first_s'] * 1000:.0f} ms, second {pl['second_s'] * 1000:.1f} ms", flush=True)
        if "floor" not in skip and "inproc" not in skip:
            fl = report["floor"] = floor(tmp, args.repeat)
            if "ratio" in fl:
                print(f"[backend vs numpy floor, {fl['source']}] backend {fl['backend_s']:.2f} s, floor {fl['floor_s']:.2f} s, "
                      f"ratio {fl['ratio']:.2f}x (goal <= 2x)", flush=True)
            else:
                print(f"[backend vs numpy floor, {fl['source']}] {json.dumps(fl['result'], default=str)[:800]}", flush=True)
        if "tokens" not in skip:
            tk = report["tokens"] = token_budget(tmp)
            print(f"[LLM path] fixed per model call: system prompt {tk['system_prompt_tokens']} + tool schemas "
                  f"{tk['tool_schema_tokens']} tokens (per request: benchmarks/agent_bench.py; goal <= {GOAL_TOKENS})",
                  flush=True)
        if "check50" not in skip:
            cl = report["check_loop"] = check_loop(tmp, args.check_starts)
            print(f"[cold starts] {cl['starts']} x openeo-agent check, two at a time: {cl['total_s']:.0f} s wall, "
                  f"{cl['cpu_s']:.0f} s CPU ({cl['cpu_s'] / cl['starts']:.2f} s CPU each), {cl['failed']} failed", flush=True)
    report["load_average_end"] = os.getloadavg()[0]
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
