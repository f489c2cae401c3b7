"""What a run offers for download: the result, code.py, process_graph.json and the folder as zip."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ui.history import find_result_file
from ui.render import RunView

ZIP_DIR = Path(tempfile.gettempdir()) / "openeo-agent-zips"


def zip_run(run_dir: Path) -> Path:
    """runs/<id>/ as <tmp>/openeo-agent-zips/<unique>/<id>.zip (rebuilt each time: the run may have grown)."""
    run = Path(run_dir)
    ZIP_DIR.mkdir(parents=True, exist_ok=True)
    base = Path(tempfile.mkdtemp(dir=ZIP_DIR)) / run.name  # one folder per call: sessions never collide
    return Path(shutil.make_archive(str(base), "zip", root_dir=run.parent, base_dir=run.name))


def _signature(path: Path) -> tuple:
    st = Path(path).stat()
    return (str(path), st.st_mtime_ns, st.st_size)


_staged: dict[tuple, str] = {}
_offered: dict[tuple, list[str]] = {}


def stage(path: Path | str) -> str:
    """A copy (a hard link where possible) of `path` in a temporary folder, so the page is only
    ever given files staged for it, never a path into runs/. Unchanged files are staged once."""
    key = _signature(Path(path))
    staged = _staged.get(key)
    if staged and Path(staged).is_file():
        return staged
    if len(_staged) > 2000:  # a long-running server: forget old entries (the files stay in tmp)
        _staged.clear()
    _staged[key] = _stage(Path(path))
    return _staged[key]


def _stage(path: Path) -> str:
    ZIP_DIR.mkdir(parents=True, exist_ok=True)
    target = Path(tempfile.mkdtemp(dir=ZIP_DIR)) / Path(path).name
    try:
        os.link(path, target)
    except OSError:
        shutil.copy2(path, target)
    return str(target)


def download_files(view: RunView) -> list[str]:
    """Paths to offer, in this order: result, code.py, process_graph.json, run folder zip.
    Computed again only when the run folder changed."""
    run = Path(view.run_dir) if view.run_dir else None
    key: tuple = (view.run_dir, view.result_path)
    if run is not None and run.is_dir():
        key += tuple(_signature(p) for p in sorted(run.iterdir()) if p.is_file())
    cached = _offered.get(key)
    if cached is not None and all(Path(f).is_file() for f in cached):
        return cached
    if len(_offered) > 500:
        _offered.clear()
    _offered[key] = _download_files(view)
    return _offered[key]


def _download_files(view: RunView) -> list[str]:
    files: list[Path] = []
    run = Path(view.run_dir) if view.run_dir else None
    if view.result_path and Path(view.result_path).is_file():
        files.append(Path(view.result_path))
    elif run is not None and run.is_dir() and (r := find_result_file(run)) is not None:
        files.append(r)
    if run is not None and run.is_dir():
        for name in ("code.py", "process_graph.json"):
            if (run / name).is_file():
                files.append(run / name)
        if any(run.iterdir()):
            files.append(zip_run(run))
    seen, out = set(), []
    for f in files:
        if str(f) not in seen:
            seen.add(str(f))
            out.append(str(f) if f.parent.parent == ZIP_DIR else stage(f))
    return out
