"""The UDF runtimes this backend offers (GET /udf_runtimes): Python 3 with its libraries."""

from __future__ import annotations

import functools
import platform
from importlib import metadata

LIBRARIES = ("numpy", "xarray", "scipy", "pandas", "openeo")
RUNTIME = "Python"


@functools.lru_cache(maxsize=1)
def versions() -> dict[str, str]:
    """Accepted values of run_udf's `version`: "3" (the default) and this interpreter's own."""
    major, minor, patch = platform.python_version_tuple()
    return {"3": f"{major}.{minor}.{patch}", f"{major}.{minor}": f"{major}.{minor}.{patch}",
            f"{major}.{minor}.{patch}": f"{major}.{minor}.{patch}"}


def _library_versions() -> dict[str, dict]:
    out = {}
    for name in LIBRARIES:
        try:
            out[name] = {"version": metadata.version(name)}
        except metadata.PackageNotFoundError:
            continue
    return out


@functools.lru_cache(maxsize=1)
def udf_runtimes() -> dict:
    libraries = _library_versions()
    return {
        RUNTIME: {
            "title": f"Python {platform.python_version()}",
            "description": "Python UDFs with the openeo UDF API (apply_datacube, apply_timeseries, UdfData), run in "
                           "an operating-system sandbox: no network, no files of the server, time and memory limits.",
            "type": "language",
            "default": "3",
            "versions": {v: {"libraries": libraries} for v in versions()},
            "links": [{"href": "https://open-eo.github.io/openeo-python-client/udf.html", "rel": "about",
                       "title": "openEO Python UDF guide"}],
        }
    }
