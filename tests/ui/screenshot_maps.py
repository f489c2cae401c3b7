"""Regenerate the map screenshots of the README (docs/map_*.png) from real runs: the sandbox,
the embedded backend over HTTP, execute and render_map, shot in headless Chromium with the
network blocked. The code is that of tests/ui/test_maps_browser.py.

    python tests/ui/screenshot_maps.py
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from test_maps_browser import DNBR, LANDCOVER, NDVI, ZONAL  # noqa: E402
from ui_app import CHROMIUM, CHROMIUM_ARGS, ROOT, offline_page  # noqa: E402

BORIS = "Where did Storm Boris flood the land around Nysa in Poland in September 2024?"


def main() -> None:
    from PIL import Image
    from playwright.sync_api import sync_playwright

    from agent.runner import AgentRunner
    from agent.settings import AgentSettings
    from backend.server import start_in_thread
    from backend.settings import BackendSettings
    from tools.code import run_openeo_code
    from tools.context import BackendRef, RunFolder, ToolContext
    from tools.execute import execute
    from tools.maps import render_map

    tmp = Path(tempfile.mkdtemp(prefix="openeo-agent-maps-"))
    maps: dict[str, Path] = {}
    runner = AgentRunner(AgentSettings(model="offline", runs_dir=tmp / "runs"))
    outcome = runner.run(BORIS, out_dir=tmp / "boris")
    print(outcome.answer)
    maps["flood"] = tmp / "boris" / "map.html"
    server = start_in_thread(BackendSettings(jobs_dir=str(tmp / "jobs")))
    try:
        for name, code in (("dnbr", DNBR), ("landcover", LANDCOVER), ("ndvi", NDVI), ("zonal", ZONAL)):
            ctx = ToolContext(BackendRef(url=server.url, is_embedded=True), RunFolder(tmp / name))
            assert run_openeo_code(code, ctx).to_text().startswith("VALID")
            assert execute(ctx).ok and render_map(ctx).ok
            maps[name] = ctx.run.file("map.html")
    finally:
        server.stop()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for name, path in maps.items():
            context, page = offline_page(browser)
            page.set_viewport_size({"width": 1000, "height": 640})
            page.set_content(path.read_text(encoding="utf-8"))
            page.wait_for_selector(".leaflet-container")
            page.wait_for_timeout(1200)
            img = Image.open(io.BytesIO(page.screenshot())).convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
            out = ROOT / "docs" / f"map_{name}.png"
            img.save(out, optimize=True)
            print(f"{out} {out.stat().st_size // 1024} KB")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
