"""What execute() says about a result's values: per band, per time step, per geometry, per class.

`summarize_result` reads the result file once more (rasters layer by layer, tables whole) and
returns a `ResultSummary`: statistics for each band on its own (a reflectance band and the SCL
classes are never pooled), the number and range of time steps with each step's mean, the share of
each class of a class band (how cloudy the SCL says a scene is), and for `aggregate_spatial`
results the table per geometry itself — a few rows in the model's text, all of them in the run
folder (`zonal_statistics.csv`).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np

from tools.band_stats import BandStats, layer_stats, split_layer
from tools.result_kind import CollectionMeta, ResultDescription
from tools.summary_models import MAX_ROWS_SHOWN, ClassShare, ResultSummary, TableSummary

__all__ = ["summarize_result", "raster_layers", "feature_names"]

_GENERIC = {"value", "band1", "band_1", "var"}  # the names a result gets when nothing names its values
_KEY_COLUMNS = {"geometry", "date", "feature_index", "index", "t", "time", "bands", "band", "id", "name"}


# --- rasters ---------------------------------------------------------------------------------------


def raster_layers(path: Path) -> list[tuple[str, np.ndarray]]:
    """Named 2-D layers of a GeoTIFF (its band descriptions) or netCDF (variable per time step)."""
    suffix = path.suffix.lower()
    if suffix in (".tif", ".tiff"):
        from tools.results import read_raster

        arr, info = read_raster(path)
        names = [d or f"band{i + 1}" for i, d in enumerate(info["descriptions"])]
        return list(zip(names, arr, strict=True))
    if suffix == ".nc":
        from tools.result_files import open_netcdf

        layers = []
        with open_netcdf(path) as ds:
            for name in ds.data_vars:
                var = ds[name]
                if var.ndim < 2:
                    continue
                tdim = next((d for d in var.dims if d in ("t", "time")), None)
                if tdim is None:
                    layers.append(
                        (
                            str(name),
                            np.asarray(var.values, dtype="float64").reshape(var.shape[-2:])
                            if var.ndim == 2
                            else np.asarray(var.values, dtype="float64"),
                        )
                    )
                    continue
                for i, label in enumerate(var[tdim].values):
                    text = (
                        np.datetime_as_string(label, unit="D")
                        if np.issubdtype(np.asarray(label).dtype, np.datetime64)
                        else str(label)
                    )
                    layers.append((f"{text}_{name}", np.asarray(var.isel({tdim: i}).values, dtype="float64")))
        return layers
    return []


def _class_shares(values: np.ndarray, classes: dict[int, str]) -> list[ClassShare]:
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return []
    found, counts = np.unique(finite.round().astype("int64"), return_counts=True)
    shares = [
        ClassShare(value=int(v), name=classes.get(int(v), "unlisted value"), share=float(c) / finite.size)
        for v, c in zip(found, counts, strict=True)
    ]
    return sorted(shares, key=lambda s: -s.share)


def _class_tables(desc: ResultDescription, metas: dict[str, CollectionMeta]) -> dict[str, dict[int, str]]:
    """Band name -> {value: class name} for every class band a result may carry unchanged."""
    tables: dict[str, dict[int, str]] = {}
    for meta in metas.values():
        for band in meta.bands.values():
            if band.classes:
                tables[band.name] = {c.value: c.name for c in band.classes}
    if desc.kind == "classes" and desc.classes:
        tables["*"] = {c.value: c.name for c in desc.classes}
    return tables


# --- tables ----------------------------------------------------------------------------------------


def _table(path: Path) -> tuple[TableSummary, list[list]]:
    """The summary of a table result, and all its rows (geometries numbered, dates as dates)."""
    from tools.zonal import pivot_bands, read_table

    table = read_table(path)
    columns, rows = list(table.columns), [list(r) for r in table.rows]
    lower = [c.lower() for c in columns]
    if "value" in lower and ("bands" in lower or "band" in lower):  # a long CSV: one row per geometry, date, band
        columns, rows = pivot_bands(columns, rows)
        lower = [c.lower() for c in columns]
    # the geometry key: numbered, or named by the parts file ("name": one gemeente per row and date)
    geometry = next((lower.index(k) for k in ("geometry", "feature_index", "name", "id") if k in lower), None)
    date = next((i for i, c in enumerate(lower) if c in ("date", "t", "time")), None)
    if (
        geometry is not None
        and lower[geometry] in ("geometry", "feature_index")
        and any(not isinstance(r[geometry], (int, float)) for r in rows)
    ):
        numbers: dict[str, int] = {}  # geometries written out (a GeoJSON per row): number them in order
        for r in rows:
            r[geometry] = numbers.setdefault(str(r[geometry]), len(numbers))
    if date is not None:
        for r in rows:
            text = str(r[date])
            r[date] = text[:10] if re.match(r"^\d{4}-\d{2}-\d{2}[T ]00:00:00", text) else text
        columns[date] = "date"
    value_cols = [i for i, c in enumerate(lower) if c not in _KEY_COLUMNS]
    per_column = []
    for i in value_cols:
        values = np.array(
            [r[i] if isinstance(r[i], (int, float)) and not isinstance(r[i], bool) else np.nan for r in rows],
            dtype="float64",
        )
        finite = values[np.isfinite(values)]
        per_column.append(
            BandStats(
                band=columns[i],
                min=float(finite.min()) if finite.size else None,
                max=float(finite.max()) if finite.size else None,
                mean=float(finite.mean()) if finite.size else None,
                valid_fraction=finite.size / values.size if values.size else 0.0,
            )
        )
    dates = sorted({str(r[date]) for r in rows}) if date is not None else []
    geometries = len({r[geometry] for r in rows}) if geometry is not None else len(rows)
    summary = TableSummary(
        columns=columns,
        rows=rows[:MAX_ROWS_SHOWN],
        n_rows=len(rows),
        geometries=geometries,
        dates=dates,
        per_column=per_column,
    )
    return summary, rows


# --- the summary -----------------------------------------------------------------------------------


def feature_names(graph: dict) -> list[str] | None:
    """The names the features of an aggregate_spatial FeatureCollection carry (name, NAME, label, id), in order."""
    for node in graph.values():
        if isinstance(node, dict) and node.get("process_id") == "aggregate_spatial":
            g = (node.get("arguments") or {}).get("geometries")
            features = g.get("features") if isinstance(g, dict) and g.get("type") == "FeatureCollection" else None
            if not features:
                return None
            for key in ("name", "NAME", "Name", "label", "title", "id"):
                values = [(f.get("properties") or {}).get(key) if isinstance(f, dict) else None for f in features]
                if all(isinstance(v, (str, int)) for v in values):
                    return [str(v) for v in values]
    return None


def summarize_result(
    path: Path,
    desc: ResultDescription,
    metas: dict[str, CollectionMeta],
    unit: str | None,
    csv_out: Path | None = None,
    names: list[str] | None = None,
) -> ResultSummary | None:
    """Per band / step / class / geometry numbers of a result file; None when it cannot be read so."""
    path = Path(path)
    suffix = path.suffix.lower()
    name = desc.index or (desc.quantity if desc.kind not in ("values", "reflectance", "rgb", "radar") else None)
    if suffix in (".json", ".csv"):
        try:
            table, rows = _table(path)
        except (ValueError, KeyError, TypeError, IndexError):
            return None
        generic = [c for c in table.per_column if c.band in _GENERIC or c.band in desc.bands]
        if name and len(table.per_column) == 1 and generic:  # one value column named by nothing, or by its input band
            old = generic[0].band
            table.columns = [name if c == old else c for c in table.columns]
            generic[0].band = name
        if names and table.geometries == len(names) and "geometry" in table.columns:  # the features' own names
            at = table.columns.index("geometry") + 1
            table.columns.insert(at, "name")
            for row in rows:
                row.insert(
                    at,
                    names[int(row[at - 1])]
                    if isinstance(row[at - 1], (int, float)) and 0 <= int(row[at - 1]) < len(names)
                    else None,
                )
            table.rows = rows[:MAX_ROWS_SHOWN]
        if csv_out is not None:
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(table.columns)
            writer.writerows(rows)
            csv_out.write_text(buffer.getvalue(), encoding="utf-8")
            table.csv_path = str(csv_out)
        return ResultSummary(table=table)
    layers = raster_layers(path)
    if not layers:
        return None
    unnamed = _GENERIC | set(metas)  # a netCDF names a band-less cube after its collection
    if name:  # layers named only by their date (or band_1) carry the result's quantity
        layers = [
            (n if band not in unnamed else (f"{label}_{name}" if label is not None else name), v)
            for n, v in layers
            for label, band in [split_layer(n)]
        ]
    tables = _class_tables(desc, metas)
    derived = desc.kind not in ("values", "reflectance", "rgb", "radar")
    units: dict[str, str | None] = {}
    for name, _ in layers:
        _, band = split_layer(name)
        if derived:
            units[band] = unit
        else:
            units[band] = next(
                (m.bands[band].unit for m in metas.values() if band in m.bands and m.bands[band].unit), None
            )
    summary = ResultSummary(values=layer_stats(layers, units))
    for band in dict.fromkeys(split_layer(name)[1] for name, _ in layers):
        classes = tables.get(band) or (tables.get("*") if desc.kind == "classes" else None)
        if classes:
            values = np.concatenate([np.ravel(v) for n, v in layers if split_layer(n)[1] == band])
            summary.classes[band] = _class_shares(values, classes)
    return summary
