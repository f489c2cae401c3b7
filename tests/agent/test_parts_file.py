"""A per-part request through the real agent graph, the real tools and the embedded backend,
played by a scripted model: find_place(parts=true) → run_openeo_code with the file it names →
execute and render_map → answer. The outlines never reach the model (tools/place_files.py);
the process graph still carries every one inline; follow-ups and edited code read the same file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("tools.langchain_tools")

from agent.runner import AgentRunner  # noqa: E402
from agent.settings import AgentSettings  # noqa: E402
from agent_fakes import ScriptedChatModel, answer, call  # noqa: E402
from langchain_core.messages import AIMessage  # noqa: E402

from tools.places import find_place  # noqa: E402

pytestmark = pytest.mark.slow
TODAY = date(2024, 1, 10)
REQUEST = "Gemiddelde NDVI per gemeente in de provincie Utrecht voor juli 2023, als tabel"
TOKENS_BEFORE = 12547  # benchmarks/parts_tokens_bench.py on 5ed2d43, the outlines pasted inline


def per_part_code() -> str:
    place = find_place("provincie Utrecht", parts=True)
    w, s, e, n = place.parts_bbox
    return f'''import json
from pathlib import Path

import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()
parts = json.loads(Path("places/utrecht-parts.geojson").read_text())
cube = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={{"west": {w}, "south": {s}, "east": {e}, "north": {n}}},
    temporal_extent=["2023-07-01", "2023-07-11"],
    bands=["B04", "B08", "SCL"],
)
scl = cube.band("SCL")
clouds = (scl == 3) | (scl == 8) | (scl == 9) | (scl == 10)
ndvi = cube.ndvi(red="B04", nir="B08").mask(clouds).reduce_dimension(dimension="t", reducer="median")
ndvi.aggregate_spatial(geometries=parts, reducer="mean").download("ndvi_per_gemeente_utrecht_july2023.csv")
'''


def test_per_part_statistics_keep_the_outlines_out_of_the_models_context(tmp_path, backend_url):
    code = per_part_code()
    model = ScriptedChatModel(responses=[
        call("find_place", name="provincie Utrecht", parts=True),
        call("run_openeo_code", code=code),
        AIMessage(content="", tool_calls=[{"name": "execute", "args": {}, "id": "e1", "type": "tool_call"},
                                          {"name": "render_map", "args": {}, "id": "r1", "type": "tool_call"}]),
        answer("Mean NDVI of early July 2023 for each of the 24 gemeenten of Utrecht, from SENTINEL2_L2A."),
    ])
    settings = AgentSettings(runs_dir=tmp_path / "runs", backend_url=backend_url)
    with AgentRunner(settings, model_factory=lambda s, t: model) as runner:
        outcome = runner.run(REQUEST, thread_id="parts", today=TODAY)
        assert outcome.ok, outcome.failure
        assert [s.tool for s in outcome.steps] == ["find_place", "run_openeo_code", "execute", "render_map"]
        run = Path(outcome.run_dir)
        rows = Path(outcome.result_path).read_text().splitlines()
        assert len(rows) == 1 + 24 and {"Utrecht", "De Bilt"} <= {r.split(",")[0] for r in rows[1:]}

        # the model was sent names and a file, never an outline; the tokens halved
        sent = [m for msgs in model.received for m in msgs]
        tool_text = "\n".join(str(m.content) for m in sent if m.type == "tool")
        assert 'parts_file="places/utrecht-parts.geojson"' in tool_text and "coordinates" not in tool_text
        assert all("coordinates" not in json.dumps(getattr(m, "tool_calls", [])) for m in sent)
        assert outcome.tokens_sent < TOKENS_BEFORE * 0.55, outcome.tokens_sent

        # the backend got every geometry inline (a foreign backend needs no file); the run re-runs as it is
        graph = json.loads((run / "process_graph.json").read_text())["process_graph"]
        node = next(n for n in graph.values() if n["process_id"] == "aggregate_spatial")
        assert len(node["arguments"]["geometries"]["features"]) == 24
        assert (run / "code.py").read_text().strip() == code.strip()
        assert (run / "places" / "utrecht-parts.geojson").is_file()
        assert (run / "review" / "places" / "utrecht-parts.geojson").is_file()  # review/code.py runs there too

        # edited code in the same conversation, in a new run folder, reads the same file
        handle = runner.run_code(code.replace('reducer="mean")', 'reducer="max")'), thread_id="parts")
        for _ in handle:
            pass
        assert handle.outcome.ok, handle.outcome.answer
        assert Path(handle.outcome.run_dir) != run
        assert (Path(handle.outcome.run_dir) / "places" / "utrecht-parts.geojson").is_file()
