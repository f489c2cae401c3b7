"""What a run offers for download: the result, the script ready for CDSE (code.py), the notebook,
the graph for the openEO Web Editor, process_graph.json and the run folder as zip.

Files are handed to Gradio as copies staged in a temporary folder that Gradio does not serve;
Gradio then serves its own copy under a path made from a secret-seeded hash of the content, which
only the session that received it knows. runs/ itself is never served as files."""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from pathlib import Path

from agent.review import REVIEW_DIR, write_review
from tools import place_files
from ui.history import find_result_file
from ui.render import RunView

ZIP_DIR = Path(tempfile.gettempdir()) / "openeo-agent-zips"


def zip_run(run_dir: Path) -> Path:
    """runs/<id>/ as <tmp>/openeo-agent-zips/<unique>/<id>.zip (rebuilt each time: the run may have
    grown), without dot files (the owner mark)."""
    run = Path(run_dir)
    ZIP_DIR.mkdir(parents=True, exist_ok=True)
    target = Path(tempfile.mkdtemp(dir=ZIP_DIR)) / f"{run.name}.zip"  # one folder per call: sessions never collide
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(run.rglob("*")):
            rel = path.relative_to(run)
            if path.is_file() and not any(part.startswith(".") for part in rel.parts):
                z.write(path, f"{run.name}/{rel.as_posix()}")
    return target


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
    """Paths to offer, in this order: result, code.py (ready for CDSE), the place files it reads,
    notebook.ipynb, openeo_process.json (openEO Web Editor), process_graph.json, run folder zip.
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
        review = run / REVIEW_DIR
        if not review.is_dir() and ((run / "code.py").is_file() or view.review_events):
            write_review(run, view.review_events or None)  # a run from before review/ existed
        code = review / "code.py" if (review / "code.py").is_file() else run / "code.py"
        places = [run / rel for rel in place_files.files(run)]  # what code.py reads (places/<name>-parts.geojson)
        for path in (code, *places, review / "notebook.ipynb", review / "openeo_process.json", run / "process_graph.json"):
            if path.is_file():
                files.append(path)
        if any(run.iterdir()):
            files.append(zip_run(run))
    seen, out = set(), []
    for f in files:
        if str(f) not in seen:
            seen.add(str(f))
            out.append(str(f) if f.parent.parent == ZIP_DIR else stage(f))
    return out
