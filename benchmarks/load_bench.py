"""Backend load on loopback: concurrent POST /validation + POST /result, two bounded bursts.

Each worker thread loops `validation → result` on a small NDVI graph over the real Sentinel-2
scene (../shared/data/real) until its request count or the burst deadline is reached, whichever
comes first, so a burst always stops by itself. Reported per burst: sustained throughput
(requests/s over the burst's wall time), p50/p95 latency per endpoint, errors, distinct result
payloads (one expected: the graph is deterministic), and the server process's RSS before and
after. The embedded backend runs in this process (`start_in_thread`), so RSS is its memory.

Usage: python benchmarks/load_bench.py [--threads 4] [--seconds 8] [--requests 40] [--json OUT]
tests/hardening/test_backend_load.py drives the same functions with assertions.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "data" / "real"
TIFF_MAGIC = (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")


def ndvi_graph(west: float = 11.30, south: float = 46.47, east: float = 11.33, north: float = 46.49) -> dict:
    """load_collection (inside the real file's extent, 2022-06-12) → ndvi → save_result GTiff."""
    return {
        "load": {"process_id": "load_collection", "arguments": {
            "id": "SENTINEL2_L2A", "spatial_extent": {"west": west, "south": south, "east": east, "north": north},
            "temporal_extent": ["2022-06-12", "2022-06-13"], "bands": ["B04", "B08"]}},
        "ndvi": {"process_id": "ndvi", "arguments": {"data": {"from_node": "load"}, "red": "B04", "nir": "B08"}},
        "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "ndvi"}, "format": "GTiff"}, "result": True},
    }


@dataclass
class Burst:
    """What one burst measured. Latencies in seconds; `errors` are short descriptions."""

    wall_s: float = 0.0
    validation_s: list[float] = field(default_factory=list)
    result_s: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    digests: set[str] = field(default_factory=set)
    sample: bytes = b""
    rss_before_mb: float = 0.0
    rss_after_mb: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.validation_s) + len(self.result_s)

    @property
    def throughput(self) -> float:
        return self.requests / self.wall_s if self.wall_s else 0.0

    def summary(self) -> dict:
        def pct(xs: list[float]) -> dict:
            return {"n": len(xs), "p50_ms": round(percentile(xs, 50) * 1000, 1), "p95_ms": round(percentile(xs, 95) * 1000, 1)}

        return {"wall_s": round(self.wall_s, 2), "requests": self.requests, "throughput_rps": round(self.throughput, 2),
                "results_per_s": round(len(self.result_s) / self.wall_s, 2) if self.wall_s else 0.0,
                "validation": pct(self.validation_s), "result": pct(self.result_s), "errors": len(self.errors),
                "distinct_results": len(self.digests),
                "rss_before_mb": round(self.rss_before_mb, 1), "rss_after_mb": round(self.rss_after_mb, 1)}


def percentile(xs: list[float], q: float) -> float:
    """Nearest-rank percentile; 0 for no samples."""
    if not xs:
        return 0.0
    ordered = sorted(xs)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


def burst(url: str, graph: dict, threads: int = 4, seconds: float = 8.0, requests_per_thread: int = 40,
          timeout_s: float = 30.0) -> Burst:
    """Run one bounded burst against the openEO API root `url`; never raises for HTTP failures."""
    out = Burst(rss_before_mb=rss_mb())
    lock = threading.Lock()
    body = {"process": {"process_graph": graph}}
    deadline = time.monotonic() + seconds

    def worker(_: int) -> None:
        with httpx.Client(timeout=timeout_s) as client:
            for _ in range(requests_per_thread):
                if time.monotonic() >= deadline:
                    return
                for path in ("/validation", "/result"):
                    t0 = time.perf_counter()
                    try:
                        r = client.post(url + path, json=body)
                    except httpx.HTTPError as e:
                        with lock:
                            out.errors.append(f"{path}: {type(e).__name__}: {e}")
                        continue
                    dt = time.perf_counter() - t0
                    problem = _check(path, r)
                    with lock:
                        if problem:
                            out.errors.append(problem)
                        elif path == "/validation":
                            out.validation_s.append(dt)
                        else:
                            out.result_s.append(dt)
                            out.digests.add(hashlib.sha256(r.content).hexdigest())
                            out.sample = out.sample or r.content

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="load") as pool:
        list(pool.map(worker, range(threads)))
    out.wall_s = time.perf_counter() - t0
    out.rss_after_mb = rss_mb()
    return out


def _check(path: str, r: httpx.Response) -> str | None:
    """None when the answer is what a correct backend gives, else what was wrong."""
    if r.status_code != 200:
        return f"{path}: HTTP {r.status_code}: {r.text[:200]}"
    if path == "/validation":
        errors = r.json().get("errors")
        return None if errors == [] else f"/validation: unexpected errors {errors}"
    if not r.headers.get("content-type", "").startswith("image/tiff") or r.content[:4] not in TIFF_MAGIC:
        return f"/result: not a GeoTIFF ({r.headers.get('content-type')}, {r.content[:8]!r})"
    return None


def main() -> None:
    from backend.server import start_in_thread
    from backend.settings import BackendSettings

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--threads", type=int, default=4)
    p.add_argument("--seconds", type=float, default=8.0)
    p.add_argument("--requests", type=int, default=40, help="per thread and burst")
    p.add_argument("--json", type=Path, help="write the figures here as JSON")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as jobs:
        server = start_in_thread(BackendSettings(data_dir=str(REAL), jobs_dir=jobs))
        try:
            graph = ndvi_graph()
            warm = burst(server.url, graph, threads=1, seconds=5, requests_per_thread=2)
            bursts = [burst(server.url, graph, args.threads, args.seconds, args.requests) for _ in range(2)]
        finally:
            server.stop()
    report = {"threads": args.threads, "warm_up": warm.summary(), "bursts": [b.summary() for b in bursts],
              "rss_growth_second_burst_mb": round(bursts[1].rss_after_mb - bursts[1].rss_before_mb, 1)}
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
