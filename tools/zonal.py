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


def read_table(path: Path) -> Table:
    path = Path(path)
    if path.suffix.lower() == ".csv":
        import pandas as pd

        df = pd.read_csv(path)
        return Table(columns=[str(c) for c in df.columns],
                     rows=[[_num(v) if not isinstance(v, str) else v for v in row] for row in df.itertuples(index=False)])
    data = json.loads(path.read_text(encoding="utf-8"))
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
