"""The UI's icons: text symbols that DejaVu Sans has, so they render in any Chromium or Firefox
without an emoji font (emoji showed as empty boxes there). tests/ui/test_glyphs.py checks the
font's coverage and that no emoji creeps back into ui/."""

from __future__ import annotations

TOOL_ICONS = {
    "search_collections": "▤",
    "describe_collection": "ℹ",
    "find_place": "⚑",
    "search_processes": "⚲",
    "run_openeo_code": "❯",
    "execute": "⚙",
    "render_map": "▦",
}
TOOL_DEFAULT = "⚒"
OK = "✓"
FAILED = "✗"
WARNING = "⚠"
PROGRESS = "◴"
SIMULATED = "⚗"
RUN = "▶"
STOPPED = "■"
SATELLITE = "◎"

ALL = "".join(TOOL_ICONS.values()) + TOOL_DEFAULT + OK + FAILED + WARNING + PROGRESS + SIMULATED + RUN + STOPPED + SATELLITE
