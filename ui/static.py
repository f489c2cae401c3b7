"""Serving runs/<id>/map.html (and what it links to) to the page's iframe, and nothing else.

Only files inside a run folder with a suffix a map needs are served; top-level files of runs/
(the conversation memory threads.sqlite, for one) and data files are not.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from starlette.exceptions import HTTPException
from starlette.staticfiles import StaticFiles

MAP_SUFFIXES = {".html", ".png", ".jpg", ".jpeg", ".svg", ".css", ".js", ".webp"}


class RunFiles(StaticFiles):
    async def get_response(self, path: str, scope):
        p = PurePosixPath(path)
        if len(p.parts) < 2 or p.suffix.lower() not in MAP_SUFFIXES or any(part.startswith(".") for part in p.parts):
            raise HTTPException(status_code=404)
        return await super().get_response(path, scope)
