"""Zonal statistics (results of `aggregate_spatial`) as a table, whatever shape the file has.

openEO JSON of a vector cube without time (`[[v1, v2, ...], ...]`, one row per geometry, or
`{"0": [...], ...}`), with time (`{date: [[...], ...]}`: one row per date and geometry), a
GeoJSON FeatureCollection with properties, or CSV. Columns: geometry (index), date when there
is one, then one column per band/statistic.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel


class Table(BaseModel):
    columns: list[str]
    rows: list[list[float | int | str | None]]


def _num(v):
    try:
        f = float(v)
    except (TypeError, ValueError):
        return v if isinstance(v, str) else None
    return f if f == f and abs(f) != float("inf") else None


def _values(v) -> list:
    if isinstance(v, list):
        return [_num(x) for x in v]
    if isinstance(v, dict):
        return [_num(x) for x in v.values()]
    return [_num(v)]


def _from_xarray_dict(d: dict) -> Table:
    """xarray's to_dict() of a vector cube: dims such as [geometry], [geometry, bands], [t, geometry, bands]."""
    import numpy as np

    dims = [str(x) for x in d["dims"]]
    arr = np.array(d["data"], dtype=object)
    if arr.ndim != len(dims):  # ragged: one row of whatever each geometry has
        return Table(columns=["geometry", "values"], rows=[[i, str(v)] for i, v in enumerate(d["data"])])
    coords = d.get("coords") or {}

    def labels(dim: str, n: int) -> list:
        c = coords.get(dim)
        values = c.get("data") if isinstance(c, dict) else c
        if isinstance(values, list) and len(values) == n and not isinstance(values[0], dict):
            return [str(v)[:10] if dim in ("t", "time") else str(v) for v in values]
        return list(range(n))

    tdim = next((x for x in dims if x in ("t", "time")), None)
    bdim = next((x for x in dims if x in ("bands", "band", "variable")), None)
    gdim = next((x for x in dims if x not in (tdim, bdim)), dims[0])
    order = [x for x in (gdim, tdim, bdim) if x]
    arr = arr.transpose([dims.index(x) for x in order])
    bands = labels(bdim, arr.shape[-1]) if bdim else ["value"]
    columns = ["geometry"] + (["date"] if tdim else []) + [str(b) for b in bands]
    rows: list[list] = []
    for g in range(arr.shape[0]):
        if tdim:
            dates = labels(tdim, arr.shape[1])
            for t in range(arr.shape[1]):
                vals = arr[g, t] if bdim else [arr[g, t]]
                rows.append([g, dates[t]] + [_num(v) for v in np.atleast_1d(vals)])
        else:
            vals = arr[g] if bdim else [arr[g]]
            rows.append([g] + [_num(v) for v in np.atleast_1d(vals)])
    return Table(columns=columns, rows=rows)


def read_table(path: Path) -> Table:
    path = Path(path)
    if path.suffix.lower() == ".csv":
        import pandas as pd

        df = pd.read_csv(path)
        return Table(columns=[str(c) for c in df.columns],
                     rows=[[_num(v) if not isinstance(v, str) else v for v in row] for row in df.itertuples(index=False)])
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict) and isinstance(data.get("dims"), list) and "data" in data:
        return _from_xarray_dict(data)
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        feats = data.get("features") or []
        keys = sorted({k for f in feats for k in (f.get("properties") or {})})
        return Table(columns=["geometry"] + keys,
                     rows=[[i] + [_num((f.get("properties") or {}).get(k)) for k in keys] for i, f in enumerate(feats)])
    rows: list[list] = []
    dated = isinstance(data, dict) and data and all(isinstance(v, list) and (not v or isinstance(v[0], list)) for v in data.values()) \
        and any(str(k)[:4].isdigit() and "-" in str(k) for k in data)
    if dated:
        for date in sorted(data):
            for g, vals in enumerate(data[date]):
                rows.append([g, str(date)[:10]] + _values(vals))
        width = max((len(r) for r in rows), default=2) - 2
        return Table(columns=["geometry", "date"] + [f"band{i + 1}" for i in range(width)], rows=[r + [None] * (width + 2 - len(r)) for r in rows])
    items = list(data.items()) if isinstance(data, dict) else list(enumerate(data if isinstance(data, list) else [data]))
    for key, vals in items:
        rows.append([key] + _values(vals))
    width = max((len(r) for r in rows), default=1) - 1
    return Table(columns=["geometry"] + [f"band{i + 1}" for i in range(width)], rows=[r + [None] * (width + 1 - len(r)) for r in rows])


def pivot_bands(columns: list[str], rows: list[list]) -> tuple[list[str], list[list]]:
    """A long table (one row per geometry, date and band, the band's value in "value": the backend's CSV of
    `aggregate_spatial`) as one row per geometry and date with a column per band."""
    lower = [c.lower() for c in columns]
    band = lower.index("bands") if "bands" in lower else lower.index("band")
    value = lower.index("value")
    keys = [i for i in range(len(columns)) if i not in (band, value)]
    bands: list[str] = []
    grouped: dict[tuple, dict[str, object]] = {}
    for row in rows:
        name = str(row[band])
        if name not in bands:
            bands.append(name)
        grouped.setdefault(tuple(row[i] for i in keys), {})[name] = row[value]
    out_columns = [columns[i] for i in keys] + bands
    return out_columns, [list(k) + [v.get(b) for b in bands] for k, v in grouped.items()]


def table_stats(path: Path):
    """ResultStats of a zonal table: range over its value columns, the columns as bands, rows x columns."""
    import numpy as np

    from tools.models import ResultStats

    t = read_table(path)
    skip = {"geometry", "date", "feature_index", "index", "t"}
    cols = [i for i, c in enumerate(t.columns) if c.lower() not in skip]
    vals = np.array([[r[i] if isinstance(r[i], (int, float)) else np.nan for i in cols] for r in t.rows], dtype="float64")
    finite = vals[np.isfinite(vals)] if vals.size else vals
    return ResultStats(kind="other", min=float(finite.min()) if finite.size else None, max=float(finite.max()) if finite.size else None,
                       mean=float(finite.mean()) if finite.size else None, valid_fraction=finite.size / vals.size if vals.size else 0.0,
                       bands=[t.columns[i] for i in cols], shape=[len(t.rows), len(cols)])


def geometries(graph: dict) -> list[dict]:
    """The GeoJSON geometries an aggregate_spatial of the graph summarises (inline ones only), in order."""
    for node in graph.values():
        if isinstance(node, dict) and node.get("process_id") == "aggregate_spatial":
            g = (node.get("arguments") or {}).get("geometries")
            if isinstance(g, dict) and g.get("type") == "FeatureCollection":
                return [f.get("geometry") for f in g.get("features") or [] if isinstance(f, dict) and f.get("geometry")]
            if isinstance(g, dict) and g.get("type") == "Feature" and g.get("geometry"):
                return [g["geometry"]]
            if isinstance(g, dict) and g.get("type") in ("Polygon", "MultiPolygon", "Point"):
                return [g]
            if isinstance(g, dict) and g.get("type") == "GeometryCollection":
                return list(g.get("geometries") or [])
    return []
