"""Tokens a per-part request sends to the model: "NDVI per gemeente in the province of Utrecht".

    python benchmarks/parts_tokens_bench.py [--backend URL] [--out report.json]

A scripted model plays the conversation an LLM has, through the real agent graph, the real
tools and the embedded backend: find_place(parts=true) → run_openeo_code → execute and
render_map → answer. Its code uses the parts as find_place gave them: pasted inline when the
answer carries a `parts=` GeoJSON line (before 2026-12, the outlines in the model's context),
else read from the `parts_file` it names. Reported: the characters of every request (system
prompt, tool schemas, messages) and the estimated tokens, per call and in all.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from langchain_core.language_models.fake_chat_models import FakeMessagesListChatModel  # noqa: E402
from langchain_core.messages import AIMessage  # noqa: E402

from agent.runner import AgentRunner  # noqa: E402
from agent.settings import AgentSettings  # noqa: E402
from tools.places import find_place  # noqa: E402

REQUEST = "Gemiddelde NDVI per gemeente in de provincie Utrecht voor juli 2023, als tabel"
_ids = itertools.count(1)


class Scripted(FakeMessagesListChatModel):
    def bind_tools(self, tools: Any, **kwargs: Any) -> "Scripted":
        return self

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):  # noqa: ANN001
        result = super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)
        msg = result.generations[0].message
        calls = [{**c, "id": f"call_{next(_ids)}"} for c in getattr(msg, "tool_calls", [])]
        result.generations[0].message = msg.model_copy(update={"id": None, "tool_calls": calls})
        return result


def _call(*calls: tuple[str, dict]) -> AIMessage:
    return AIMessage(content="", tool_calls=[{"name": n, "args": a, "id": f"call_{next(_ids)}", "type": "tool_call"}
                                             for n, a in calls])


def script_code(place_text: str) -> str:
    """The script a model writes from find_place's answer."""
    inline = next((ln for ln in place_text.splitlines() if ln.startswith("parts=")), None)
    if inline:  # the outlines were in the answer: the model pastes them
        parts_line, imports = inline.replace("parts=", "parts = ", 1), ""
        bbox = re.search(r"bbox=\[([^\]]+)\]", place_text).group(1)  # type: ignore[union-attr]
    else:
        file = re.search(r'parts_file="([^"]+)"', place_text).group(1)  # type: ignore[union-attr]
        parts_line, imports = f'parts = json.loads(Path("{file}").read_text())', "import json\nfrom pathlib import Path\n"
        bbox = re.search(r"all parts within bbox=\[([^\]]+)\]", place_text).group(1)  # type: ignore[union-attr]
    w, s, e, n = (float(v) for v in bbox.split(","))
    return f'''{imports}import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()
{parts_line}
cube = connection.load_collection(
    "SENTINEL2_L2A",
    spatial_extent={{"west": {w}, "south": {s}, "east": {e}, "north": {n}}},
    temporal_extent=["2023-07-01", "2023-08-01"],
    bands=["B04", "B08", "SCL"],
)
scl = cube.band("SCL")
clouds = (scl == 3) | (scl == 8) | (scl == 9) | (scl == 10)
ndvi = cube.ndvi(red="B04", nir="B08").mask(clouds).reduce_dimension(dimension="t", reducer="median")
ndvi.aggregate_spatial(geometries=parts, reducer="mean").download("ndvi_per_gemeente_utrecht_july2023.csv")
'''


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--backend", default=None, help="openEO backend URL (default: the embedded one)")
    ap.add_argument("--out", default=None)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        place_text = find_place("provincie Utrecht", parts=True, folder=Path(tmp)).to_text()
        code = script_code(place_text)
        model = Scripted(responses=[
            _call(("find_place", {"name": "provincie Utrecht", "parts": True})),
            _call(("run_openeo_code", {"code": code})),
            _call(("execute", {}), ("render_map", {})),
            AIMessage(content="Mean NDVI of July 2023 for each of the 24 gemeenten of Utrecht (SENTINEL2_L2A, "
                              "B04/B08, clouds masked with SCL); the outlines are approximate."),
        ])
        settings = AgentSettings(runs_dir=Path(tmp) / "runs", backend_url=args.backend)
        with AgentRunner(settings, model_factory=lambda s, t: model) as runner:
            outcome = runner.run(REQUEST, today=date(2024, 1, 10))
        report = {
            "request": REQUEST, "ok": outcome.ok, "failure": str(outcome.failure or ""),
            "model_calls": outcome.model_calls, "tokens_sent": outcome.tokens_sent,
            "find_place_chars": len(place_text), "code_chars": len(code),
            "outlines_in_context": "parts=" in place_text,
        }
    print(json.dumps(report, indent=2))
    if args.out:
        Path(args.out).write_text(json.dumps(report, indent=2))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
