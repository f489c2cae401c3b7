"""Serving runs/<id>/map.html (and what it links to) to the page's iframe, and nothing else.

URLs are `runs/<token>/<id>/<file>`: the token (ui/ownership.py) is made for one run of one
session, so a session can open only the maps it was given. Only files inside a run folder with
a suffix a map needs are served; top-level files of runs/ (the conversation memory
threads.sqlite, the signing key), dot files and data files are not.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from starlette.exceptions import HTTPException
from starlette.staticfiles import StaticFiles

from ui.ownership import RunSigner

MAP_SUFFIXES = {".html", ".png", ".jpg", ".jpeg", ".svg", ".css", ".js", ".webp"}


class RunFiles(StaticFiles):
    def __init__(self, *, directory: str, signer: RunSigner) -> None:
        super().__init__(directory=directory)
        self.signer = signer

    async def get_response(self, path: str, scope):
        p = PurePosixPath(path)
        if len(p.parts) < 3 or p.suffix.lower() not in MAP_SUFFIXES or any(part.startswith(".") for part in p.parts):
            raise HTTPException(status_code=404)
        token, run_id, *rest = p.parts
        if ".." in rest or not self.signer.valid(token, run_id):
            raise HTTPException(status_code=404)  # the same answer as a missing file: nothing to learn
        return await super().get_response(str(PurePosixPath(run_id, *rest)), scope)
