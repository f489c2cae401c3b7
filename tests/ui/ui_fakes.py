"""A scripted runner for UI tests that do not need the real agent: it yields the typed events a
real run yields and writes the run folder (code.py, process_graph.json, map.html, result)."""

from __future__ import annotations

import json
import threading
import time
import uuid
from pathlib import Path

from agent.events import (
    AnswerText,
    CodeDrafted,
    Failure,
    MapReady,
    ResultReady,
    ResultStats,
    RunFinished,
    RunStarted,
    StepFinished,
    StepStarted,
    ValidationResult,
)

CODE = """import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
cube = connection.load_collection("SENTINEL2_L2A", spatial_extent={"west": 4.6, "south": 50.8, "east": 4.8, "north": 50.95},
                                  temporal_extent=["2023-06-01", "2023-07-01"], bands=["B04", "B08"])
cube.ndvi().max_time().download("result.tif")
"""

GRAPH = {"load1": {"process_id": "load_collection", "arguments": {"id": "SENTINEL2_L2A"}},
         "save1": {"process_id": "save_result", "arguments": {"format": "GTiff"}, "result": True}}

MAP = "<html><body><div id='map'>fake map for {request}</div></body></html>"


class FakeRunner:
    def __init__(self, runs_root: Path, delay: float = 0.0, fail: bool = False, timeseries: bool = False) -> None:
        self.timeseries = timeseries
        self.runs_root = Path(runs_root)
        self.delay = delay
        self.fail = fail
        self.calls: list[tuple[str, str | None]] = []
        self.closed = False
        self._lock = threading.Lock()

    def _run(self, request: str, thread_id: str | None, code: str | None, out_dir=None):
        with self._lock:
            self.calls.append((request, thread_id))
        run = Path(out_dir) if out_dir else self.runs_root / (time.strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6])
        run_id = run.name
        run.mkdir(parents=True, exist_ok=True)
        (run / "request.txt").write_text(request)
        yield RunStarted(run_id=run_id, request=request, thread_id=thread_id or "", model="fake", backend_url="fake", run_dir=str(run))
        yield StepStarted(run_id=run_id, step_id="s1", tool="find_place", input_summary=request[:40])
        time.sleep(self.delay)
        yield StepFinished(run_id=run_id, step_id="s1", tool="find_place", ok=True, output_summary="Leuven, Belgium", duration_s=0.12)
        if self.fail:
            yield Failure(run_id=run_id, message="The openEO backend is not reachable.", who="user")
            yield RunFinished(run_id=run_id, run_dir=str(run), ok=False)
            return
        code = code or CODE.replace("result.tif", f"{request[:10]}.tif")
        (run / "code.py").write_text(code)
        yield CodeDrafted(run_id=run_id, code=code, path=str(run / "code.py"))
        (run / "process_graph.json").write_text(json.dumps(GRAPH))
        yield ValidationResult(run_id=run_id, valid=True, process_graph_path=str(run / "process_graph.json"))
        (run / "result.tif").write_bytes(b"II*\x00fake")
        stats = ResultStats(min=-0.1, max=0.9, mean=0.5, unit="NDVI", simulated=True)
        yield ResultReady(run_id=run_id, result_path=str(run / "result.tif"), stats=stats)
        (run / "map.html").write_text(MAP.format(request=request))
        chart = None
        if self.timeseries:
            from PIL import Image

            chart = run / "chart.png"
            Image.new("RGB", (40, 20), (30, 120, 200)).save(chart)
        yield MapReady(run_id=run_id, map_path=str(run / "map.html"), chart_path=str(chart) if chart else None, simulated=True)
        yield AnswerText(run_id=run_id, text=f"Here is the result for: {request}")
        yield RunFinished(run_id=run_id, run_dir=str(run), ok=True)

    def stream(self, request, thread_id=None, today=None, out_dir=None):
        return self._run(request, thread_id, None, out_dir)

    def run_code(self, code, thread_id=None, out_dir=None):
        return self._run("(edited code)", thread_id, code, out_dir)

    def close(self) -> None:
        self.closed = True
