"""The process descriptions the backend serves: openEO processes 2.0.0-rc.2, plus CDSE's own.

`openeo-processes/` is a verbatim copy of the openEO processes 2.0.0-rc.2 specifications (core
processes at the top, `proposals/` below; Apache-2.0, see its LICENSE), shipped in the package so
GET /processes serves one consistent spec version at run time without anything beside the
project. `cdse/` holds the descriptions of the CDSE-specific processes this backend implements
(`to_scl_dilation_mask`, `mask_scl_dilation` as published by openeo-python-driver; `slope` and
`aspect`, for which no published spec was found, written here with their conventions).
"""

from __future__ import annotations

import copy
import functools
import json
from importlib import resources

__all__ = ["load_specs", "SPEC_VERSION"]

SPEC_VERSION = "2.0.0-rc.2"


@functools.lru_cache(maxsize=1)
def _read_all() -> dict[str, dict]:
    root = resources.files("backend.processes.specs")
    specs: dict[str, dict] = {}
    # proposals first, so that a core spec of the same id wins; CDSE's last (their own processes)
    folders = [root / "openeo-processes" / "proposals", root / "openeo-processes", root / "cdse"]
    for folder in folders:
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".json"):
                spec = json.loads(entry.read_text(encoding="utf-8"))
                specs[spec["id"]] = spec
    return specs


def load_specs() -> dict[str, dict]:
    """A fresh copy of every process description: id -> spec."""
    return copy.deepcopy(_read_all())
