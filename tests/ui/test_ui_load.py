"""Load: N concurrent chat sessions through gradio_client, each with its own correct result.

Bounded: 4 sessions, one request each, against the real agent (offline planner, embedded
backend). Throughput and latency are printed and written to test-artifacts/ui-load.json.
"""

from __future__ import annotations

import json
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from ui_checks import contains, spatial_extent, text_of

pytestmark = [pytest.mark.ui, pytest.mark.slow]

CASES = [  # elevation requests: the fastest full runs, so the test stays bounded
    ("Elevation around Innsbruck", (11.40, 47.27)),
    ("Elevation around Zermatt", (7.75, 46.02)),
    ("Elevation around Grenoble", (5.72, 45.19)),
    ("Elevation around Bern", (7.45, 46.95)),
]


def _rss_mb() -> float:
    """Resident memory of this process (the app runs in-process), from /proc."""
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return float("nan")


def test_concurrent_sessions_each_get_their_own_result(real_app, artifacts, capsys):
    from gradio_client import Client

    url, _, _ = real_app

    def session(case):
        request, point = case
        client = Client(url, verbose=False)  # a session of its own: own thread id and state
        t0 = time.perf_counter()
        out = client.predict(request, api_name="/chat")
        return request, point, out, time.perf_counter() - t0

    rss_before = _rss_mb()
    t0 = time.perf_counter()
    with ThreadPoolExecutor(len(CASES)) as pool:
        results = list(pool.map(session, CASES))
    wall = time.perf_counter() - t0

    maps = set()
    for request, point, out, _ in results:
        _, chat, code, validation, graph, map_html, *_ = out
        assert text_of(chat[0]) == request, "each session sees its own conversation"
        assert "validated" in validation, f"{request}: {validation}"
        assert contains(spatial_extent(graph), *point), f"{request}: wrong area {spatial_extent(graph)}"
        maps.add(map_html)
    assert len(maps) == len(CASES), "each session has its own map"

    latencies = sorted(r[3] for r in results)
    report = {
        "sessions": len(CASES),
        "wall_s": round(wall, 2),
        "throughput_req_per_min": round(60 * len(CASES) / wall, 1),
        "latency_s": {"min": round(latencies[0], 2), "median": round(statistics.median(latencies), 2),
                      "max": round(latencies[-1], 2)},
        "serial_sum_s": round(sum(latencies), 2),
        "rss_mb": {"before": rss_before, "after": _rss_mb()},
    }
    (artifacts / "ui-load.json").write_text(json.dumps(report, indent=2))
    with capsys.disabled():
        print(f"\nUI load: {json.dumps(report)}")
