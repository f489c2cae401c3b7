"""The run folder's place files: `places/<name>-parts.geojson`, written by `find_place(parts=true)`
and read by the drafted script (`json.loads(Path("places/<name>-parts.geojson").read_text())`).

The outlines stay out of the model's context: the model gets the file's name, the script reads
it, and the process graph the openeo client builds from it still carries every geometry inline
(so any backend, CDSE too, gets the same request). The sandbox sees the run folder's place files
only as copies in its private scratch folder (`files()` hands them to it); a person re-runs
code.py from the run folder, where the same relative path holds.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

PLACES_DIR = "places"
MAX_FILE_BYTES = 3 * 1024 * 1024  # the jailed child may write files of up to 4 MB into its scratch
MAX_TOTAL_BYTES = 8 * 1024 * 1024
NAME = re.compile(r"^places/[a-z0-9][a-z0-9-]*\.geojson$")
"""The only names a place file has: what the sandbox child accepts to write into its scratch."""


def slug(name: str) -> str:
    """'Utrecht' -> 'utrecht', 'Île-de-France' folded by the caller -> 'ile-de-france'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "region"


def write(folder: Path, stem: str, collection: dict) -> str:
    """`collection` as `folder/places/<stem>.geojson`; returns the path relative to the run folder."""
    rel = f"{PLACES_DIR}/{slug(stem)}.geojson"
    path = Path(folder) / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
    return rel


def files(folder: Path | None) -> dict[str, str]:
    """The run folder's place files by relative path, as the sandbox gets them (too large ones left out)."""
    out: dict[str, str] = {}
    places = Path(folder) / PLACES_DIR if folder else None
    if places is None or not places.is_dir():
        return out
    total = 0
    for path in sorted(places.glob("*.geojson")):
        rel = f"{PLACES_DIR}/{path.name}"
        if not NAME.match(rel) or not path.is_file() or path.is_symlink():
            continue
        size = path.stat().st_size
        if size > MAX_FILE_BYTES or total + size > MAX_TOTAL_BYTES:
            continue
        out[rel] = path.read_text(encoding="utf-8")
        total += size
    return out


def copy(source: Path | None, target: Path) -> list[str]:
    """The place files of run folder `source` into `target` (those it lacks): a follow-up request,
    edited code or a review reads the same files. Returns the paths copied."""
    copied: list[str] = []
    if source is None or Path(source).resolve() == Path(target).resolve():
        return copied
    for rel in files(source):
        dest = Path(target) / rel
        if not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(source) / rel, dest)
            copied.append(rel)
    return copied
