"""Regenerate docs/screenshot.png from a real run that shows the review: the app with the real
agent core, tools, sandbox and embedded backend, and the scripted model of
tests/ui/test_ui_review.py (it drafts a band name CDSE does not have, gets the validation
message, and drafts the fix), driven by headless Chromium with the network blocked. The
picture is the chat with its steps beside the Review tab (both versions, the message, the diff).

    python tests/ui/screenshot_docs.py
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "agent"))
sys.path.insert(0, str(HERE.parents[1]))

from test_ui_review import REQUEST, scripted_model  # noqa: E402
from ui_app import CHROMIUM, CHROMIUM_ARGS, ROOT, offline_page, serve_app  # noqa: E402


def main() -> Path:
    from PIL import Image
    from playwright.sync_api import sync_playwright

    from agent.runner import AgentRunner

    tmp = Path(tempfile.mkdtemp(prefix="openeo-agent-shot-"))
    os.environ.setdefault("OPENEO_BACKEND_JOBS_DIR", str(tmp / "jobs"))
    out = ROOT / "docs" / "screenshot.png"
    models: list = []

    def factory(settings):  # the embedded backend, started by the runner; the scripted model
        return AgentRunner(settings, model_factory=lambda s, today: scripted_model(models))

    with serve_app(factory, runs_dir=tmp / "runs", backend_url=None) as (url, _), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context, page = offline_page(browser)
        page.set_viewport_size({"width": 1440, "height": 900})
        page.goto(url)
        page.fill("#request textarea", REQUEST)
        page.press("#request textarea", "Enter")
        page.wait_for_selector("#result-map", timeout=300_000)
        page.wait_for_function("() => !document.querySelector('#chat .loading-spinner')", timeout=120_000)
        page.get_by_role("tab", name="Review").click()
        page.wait_for_selector("#repair-history .attempt", timeout=30_000)
        page.wait_for_timeout(800)
        png = page.screenshot()
        browser.close()
    img = Image.open(io.BytesIO(png)).convert("RGB")
    img = img.quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    img.save(out, optimize=True)
    print(f"{out} {out.stat().st_size // 1024} KB")
    return out


if __name__ == "__main__":
    main()
