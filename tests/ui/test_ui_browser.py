"""A real headless Chromium (Debian's, through Playwright) drives the app with the network
blocked: a request, its steps, the map's image layer and legend inside the map frame, an
edited re-run, and a download. Screenshots go to test-artifacts/."""

from __future__ import annotations

import pytest
from ui_app import offline_page

pytestmark = [pytest.mark.ui, pytest.mark.slow]

REQUEST = "Elevation around Zermatt"


def _map_frame(page):
    handle = page.wait_for_selector("#result-map", timeout=5_000)
    frame = handle.content_frame()
    assert frame is not None
    return handle, frame


def _image_layer_drawn(frame, timeout=30_000):
    frame.wait_for_selector(".leaflet-image-layer", state="attached", timeout=timeout)
    frame.wait_for_function(
        "() => [...document.querySelectorAll('img.leaflet-image-layer, .leaflet-image-layer img')]"
        ".some(i => i.complete && i.naturalWidth > 0)"
        " || document.querySelector('canvas.leaflet-image-layer') !== null",
        timeout=timeout,
    )


def test_browser_request_map_edit_rerun_download(real_app, browser, artifacts):
    url, _, runs = real_app
    context, page = offline_page(browser)
    try:
        page.goto(url)
        page.fill("#request textarea", REQUEST)
        page.press("#request textarea", "Enter")

        # the steps appear as collapsible messages while the agent works
        page.wait_for_selector("#chat .thought-group .title", timeout=60_000)
        page.screenshot(path=str(artifacts / "ui-1-steps.png"))

        # the map frame: image layer drawn and legend shown, with every non-local request aborted
        page.wait_for_selector("#result-map", timeout=120_000)
        handle, frame = _map_frame(page)
        first_src = handle.get_attribute("src")
        _image_layer_drawn(frame)
        legend = frame.wait_for_selector("[class*=legend]", state="visible", timeout=10_000)
        assert legend.inner_text().strip(), "the legend has text (colours and units)"
        assert "simulated" in frame.inner_text("body").lower()
        assert "simulated" in page.inner_text("#badge").lower()
        page.wait_for_function("() => !document.querySelector('#chat .loading-spinner')", timeout=60_000)
        page.screenshot(path=str(artifacts / "ui-2-map.png"))
        # nothing of the page or the map needs the internet (a basemap may try, and fall back)
        needed = [u for u in page.blocked if "tile" not in u and "basemap" not in u]
        assert not needed, f"requests that left the machine: {needed[:5]}"

        # edit the code and run it again
        page.get_by_role("tab", name="Code").click()
        editor = page.wait_for_selector("#code .cm-content", timeout=10_000)
        assert "load_collection" in editor.inner_text()
        editor.click()
        page.keyboard.press("Control+End")
        page.keyboard.type("\n# edited in the browser\n")
        page.click("#run-code")
        page.wait_for_selector("#chat :text('Run the edited code')", timeout=10_000)
        page.wait_for_function(
            "src => { const f = document.querySelector('#result-map'); return f && f.getAttribute('src') !== src; }",
            arg=first_src,
            timeout=120_000,
        )
        page.wait_for_selector("#validation :text('validated')", timeout=30_000)
        page.screenshot(path=str(artifacts / "ui-3-rerun-code.png"))
        newest = max((p for p in runs.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
        assert "# edited in the browser" in (newest / "code.py").read_text()
        page.get_by_role("tab", name="Map").click()
        _, frame = _map_frame(page)
        _image_layer_drawn(frame)

        # download code.py
        page.get_by_role("tab", name="Downloads").click()
        link = page.wait_for_selector('#downloads a[download="code.py"]', timeout=30_000)
        with page.expect_download(timeout=15_000) as info:
            link.click()
        target = artifacts / "downloaded-code.py"
        info.value.save_as(str(target))
        assert "# edited in the browser" in target.read_text()
        page.screenshot(path=str(artifacts / "ui-4-downloads.png"))
    finally:
        context.close()
