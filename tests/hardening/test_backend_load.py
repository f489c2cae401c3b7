"""Load on loopback: concurrent POST /validation + POST /result against the embedded backend.

Two bounded bursts (4 threads, 5 s or 25 iterations each) of a small NDVI graph on the real
Sentinel-2 scene. Asserts: no errors, every /result a GeoTIFF and all byte-identical (the graph
is deterministic, also under concurrency), the sample holds plausible NDVI, p95 latencies under
generous bounds, and the server's memory (RSS of this process: the backend runs in a thread)
growing little over the second burst. Figures go to test-artifacts/backend-load.json.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest
import rasterio
from rasterio.io import MemoryFile

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("load_bench", ROOT / "benchmarks" / "load_bench.py")
load_bench = sys.modules.setdefault("load_bench", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(load_bench)

THREADS, SECONDS, PER_THREAD = 4, 5.0, 25
P95_RESULT_S, P95_VALIDATION_S = 10.0, 3.0  # generous: a 2-core CI runner with other work
RSS_GROWTH_MB = 150.0  # second burst, after the first has warmed caches and thread pools


@pytest.fixture(scope="module")
def bursts(backend_url, real_data_dir):
    graph = load_bench.ndvi_graph()
    load_bench.burst(backend_url, graph, threads=1, seconds=10, requests_per_thread=1)  # imports, registry
    first = load_bench.burst(backend_url, graph, THREADS, SECONDS, PER_THREAD)
    second = load_bench.burst(backend_url, graph, THREADS, SECONDS, PER_THREAD)
    out = ROOT / "test-artifacts"
    out.mkdir(exist_ok=True)
    (out / "backend-load.json").write_text(json.dumps({"threads": THREADS, "bursts": [first.summary(), second.summary()]}, indent=2))
    return first, second


def test_every_request_answers_correctly(bursts):
    for b in bursts:
        assert b.errors == [], b.errors[:3]
        assert len(b.result_s) >= THREADS and len(b.validation_s) >= THREADS  # each thread got work done
        assert len(b.digests) == 1, "the same graph gave different bytes under concurrency"
    assert bursts[0].digests == bursts[1].digests


def test_result_is_a_plausible_ndvi_geotiff(bursts):
    with MemoryFile(bursts[0].sample) as mem, mem.open() as ds:
        assert ds.driver == "GTiff" and ds.count == 1 and ds.crs.to_epsg() == 32632
        assert ds.width > 150 and ds.height > 150
        values = ds.read(1)
    finite = values[np.isfinite(values)]
    assert finite.size > 0.95 * values.size
    assert -1.0 <= finite.min() and finite.max() <= 1.0 and 0.0 < float(np.median(finite)) < 1.0


def test_latency_and_throughput(bursts):
    for b in bursts:
        assert load_bench.percentile(b.result_s, 95) < P95_RESULT_S, b.summary()
        assert load_bench.percentile(b.validation_s, 95) < P95_VALIDATION_S, b.summary()
        assert b.throughput > 1.0, b.summary()


def test_memory_stays_bounded(bursts):
    first, second = bursts
    growth = second.rss_after_mb - second.rss_before_mb
    assert growth < RSS_GROWTH_MB, (first.summary(), second.summary())
