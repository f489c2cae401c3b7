"""Regenerate docs/screenshot.png from a real run: the app with the real agent (offline planner,
embedded backend), driven by headless Chromium with the network blocked.

    python tests/ui/screenshot_docs.py ["REQUEST"]
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ui_app import CHROMIUM, CHROMIUM_ARGS, ROOT, offline_page, serve_app  # noqa: E402


def main(request: str = "Elevation around Zermatt") -> Path:
    from PIL import Image
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="openeo-agent-shot-"))
    os.environ.setdefault("OPENEO_BACKEND_JOBS_DIR", str(tmp / "jobs"))
    out = ROOT / "docs" / "screenshot.png"
    out.parent.mkdir(exist_ok=True)
    with serve_app(None, runs_dir=tmp / "runs", model="offline") as (url, _), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context, page = offline_page(browser)
        page.set_viewport_size({"width": 1440, "height": 860})
        page.goto(url)
        page.fill("#request textarea", request)
        page.press("#request textarea", "Enter")
        frame = page.wait_for_selector("#result-map", timeout=300_000).content_frame()
        frame.wait_for_selector(".leaflet-image-layer", state="attached", timeout=60_000)
        page.wait_for_function("() => !document.querySelector('#chat .loading-spinner')", timeout=120_000)
        page.wait_for_timeout(1500)
        png = page.screenshot()
        browser.close()
    img = Image.open(io.BytesIO(png)).convert("RGB")
    img = img.quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    img.save(out, optimize=True)
    print(f"{out} {out.stat().st_size // 1024} KB")
    return out


if __name__ == "__main__":
    main(*sys.argv[1:2])
