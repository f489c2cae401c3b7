"""What a run offers for download: the result, code.py, process_graph.json and the folder as zip."""

from __future__ import annotations

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


def download_files(view: RunView) -> list[str]:
    """Paths to offer, in this order: result, code.py, process_graph.json, run folder zip."""
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
            out.append(str(f))
    return out
