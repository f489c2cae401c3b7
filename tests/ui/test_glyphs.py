"""The UI's icons render without an emoji font: each is in DejaVu Sans (the sans-serif font of a
plain Debian Chromium), draws a real glyph in headless Chromium (not the empty box of a missing
one), and no emoji is left in the UI's code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ui import glyphs

ROOT = Path(__file__).resolve().parents[2]
EMOJI = re.compile("[\U0001F000-\U0001FAFF\uFE0F\u2B50\u2B55\u231A\u231B\u23E9-\u23FA]")


def test_no_emoji_in_the_ui_code():
    offenders = [f"{p.relative_to(ROOT)}:{i + 1}" for p in [*sorted((ROOT / "ui").glob("*.py")), ROOT / "app.py"]
                 for i, line in enumerate(p.read_text(encoding="utf-8").splitlines()) if EMOJI.search(line)]
    assert offenders == []


def test_every_icon_is_in_dejavu_sans():
    from fontTools.ttLib import TTFont
    from matplotlib import font_manager

    cmap = TTFont(font_manager.findfont("DejaVu Sans", fallback_to_default=False)).getBestCmap()
    assert [c for c in glyphs.ALL if ord(c) not in cmap] == []


@pytest.mark.ui
def test_icons_are_drawn_from_a_font_that_has_them(browser):
    """Chromium says which font drew each icon (DevTools CSS.getPlatformFontsForNode); a missing
    glyph is reported as drawn by the first font (as its empty box), so check that font's cmap."""
    from fontTools.ttLib import TTFont
    from matplotlib import font_manager

    page = browser.new_page()
    try:
        page.set_content("".join(f'<span id="g{i}" style="font:20px sans-serif">{c}</span>' for i, c in enumerate(glyphs.ALL + "🗺")))
        cdp = page.context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]

        def drawn(i: int, c: str) -> bool:
            node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": f"#g{i}"})["nodeId"]
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
            return any(ord(c) in TTFont(font_manager.findfont(f["familyName"], fallback_to_default=False)).getBestCmap()
                       for f in fonts)

        assert not drawn(len(glyphs.ALL), "🗺")  # the check itself catches an emoji
        assert [c for i, c in enumerate(glyphs.ALL) if not drawn(i, c)] == []
    finally:
        page.close()
