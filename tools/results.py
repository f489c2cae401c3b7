"""Reading a result file: summary statistics (ResultStats) and the arrays the map draws.

GeoTIFF through rasterio, netCDF through xarray, time series from the openEO JSON of
`aggregate_spatial` ({date: [[value, ...], ...]}) or CSV. Every file is opened through
`tools/result_files.py`, which checks what it really is first (a backend could send a VRT that
points at this machine's files).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict

from tools.models import ResultStats
from tools.result_files import open_geotiff, open_netcdf, require

MAX_SERIES = 24  # time-series points named in the statistics (and so in execute's text)


class TimeSeries(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    dates: list[str]
    values: list[list[float | None]]  # per date: one value per band/column
    columns: list[str]


def _finite_stats(arrays: list[np.ndarray]) -> tuple[float | None, float | None, float | None, float | None]:
    total = sum(int(a.size) for a in arrays)
    if total == 0:
        return None, None, None, 0.0
    valid = [a[np.isfinite(a)] for a in arrays]
    n = sum(int(v.size) for v in valid)
    if n == 0:
        return None, None, None, 0.0
    joined = np.concatenate([v.ravel() for v in valid]).astype("float64")
    return float(joined.min()), float(joined.max()), float(joined.mean()), n / total


def read_stats(path: Path, media_type: str) -> ResultStats:
    suffix = Path(path).suffix.lower()
    if suffix in (".tif", ".tiff"):
        return _geotiff_stats(path)
    if suffix == ".nc":
        return _netcdf_stats(path)
    if suffix in (".json", ".csv"):
        ts = read_timeseries(path)
        flat = np.array([[np.nan if v is None else v for v in row] for row in ts.values], dtype="float64")
        mn, mx, mean, frac = _finite_stats([flat])
        series = [(d, row[0] if row else None) for d, row in zip(ts.dates, ts.values, strict=True)]
        if len(series) > MAX_SERIES:  # the first and the last points: the model sees the course, not a table
            series = series[: MAX_SERIES // 2] + series[-MAX_SERIES // 2 :]
        return ResultStats(kind="timeseries", min=mn, max=mx, mean=mean, valid_fraction=frac, bands=ts.columns,
                           shape=list(flat.shape), series=series)  # fmt: skip
    return ResultStats(kind="other")


def read_raster(path: Path) -> tuple[np.ndarray, dict]:
    """Bands x rows x cols as float32 with NaN for nodata, and rasterio profile extras (crs, transform, descriptions)."""
    with open_geotiff(path) as src:
        data = src.read(masked=True).astype("float32")
        arr = data.filled(np.nan)
        info = {
            "crs": src.crs,
            "transform": src.transform,
            "bounds": src.bounds,
            "descriptions": list(src.descriptions),
            "width": src.width,
            "height": src.height,
        }
    return arr, info


def _geotiff_stats(path: Path) -> ResultStats:
    from rasterio.warp import transform_bounds

    arr, info = read_raster(path)
    mn, mx, mean, frac = _finite_stats([arr])
    bbox = None
    if info["crs"] is not None:
        bbox = tuple(round(v, 5) for v in transform_bounds(info["crs"], "EPSG:4326", *info["bounds"]))
    bands = [d or f"band{i + 1}" for i, d in enumerate(info["descriptions"])]
    return ResultStats(
        kind="raster",
        min=mn,
        max=mx,
        mean=mean,
        valid_fraction=frac,
        bands=bands,
        shape=list(arr.shape),
        crs=str(info["crs"]) if info["crs"] else None,
        bbox=bbox,
    )


def _netcdf_stats(path: Path) -> ResultStats:
    with open_netcdf(path) as ds:
        names = [v for v in ds.data_vars if ds[v].ndim >= 2]
        arrays = [ds[v].values.astype("float32") for v in names]
        shape = list(arrays[0].shape) if arrays else []
        bbox = None
        xs = next((ds[c].values for c in ("x", "lon", "longitude") if c in ds.coords), None)
        ys = next((ds[c].values for c in ("y", "lat", "latitude") if c in ds.coords), None)
        crs = next(
            (
                str(ds[v].attrs.get("crs_wkt") or ds[v].attrs.get("spatial_ref"))
                for v in ("crs", "spatial_ref")
                if v in ds.variables
            ),
            None,
        )
        if xs is not None and ys is not None and xs.size and ys.size:
            bbox = (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))
            if crs:
                from rasterio.warp import transform_bounds

                bbox = tuple(round(v, 5) for v in transform_bounds(crs, "EPSG:4326", *bbox))
            elif not (-180 <= bbox[0] <= 180 and -90 <= bbox[1] <= 90):
                bbox = None
    mn, mx, mean, frac = _finite_stats(arrays)
    return ResultStats(
        kind="raster", min=mn, max=mx, mean=mean, valid_fraction=frac, bands=names, shape=shape, bbox=bbox
    )


def read_timeseries(path: Path) -> TimeSeries:
    path = Path(path)
    require(path, "csv", "text") if path.suffix.lower() == ".csv" else require(path, "json")
    if path.suffix.lower() == ".csv":
        return _csv_series(path)
    data = json.loads(path.read_text())
    if isinstance(data, dict) and all(isinstance(v, list) for v in data.values()):
        dates = sorted(data)
        rows = []
        for d in dates:
            v = data[d]
            first = v[0] if v and isinstance(v[0], list) else v  # first geometry
            rows.append([_num(x) for x in first])
        width = max((len(r) for r in rows), default=0)
        return TimeSeries(
            dates=[d[:10] for d in dates],
            values=[r + [None] * (width - len(r)) for r in rows],
            columns=[f"band{i + 1}" for i in range(width)],
        )
    raise ValueError("The JSON result is not a time series ({date: [[values]]}); download it as GeoTIFF for a map.")


def _csv_series(path: Path) -> TimeSeries:
    """A CSV time series: a column per band (a long table of the backend pivoted), and per geometry too when
    the table has several ("Delft NO2", "Gouda NO2": a series per part of a region)."""
    from tools.zonal import pivot_bands, read_table

    table = read_table(path)
    columns, rows = table.columns, [list(r) for r in table.rows]
    lower = [c.lower() for c in columns]
    if "value" in lower and ("bands" in lower or "band" in lower):
        columns, rows = pivot_bands(columns, rows)
        lower = [c.lower() for c in columns]
    dated = next((i for i, c in enumerate(lower) if c in ("date", "t", "time", "datetime")), None)
    geometry = next((lower.index(k) for k in ("name", "geometry", "feature_index", "id") if k in lower), None)
    # no date column: one row per part ("Tirol", "Wien"), read as rows labelled by the part's name
    date = dated if dated is not None else geometry if geometry is not None else 0
    if dated is None:
        geometry = None
    values = [
        i for i, c in enumerate(lower) if i not in (date, geometry) and c not in ("feature_index", "index", "geometry")
    ]
    g_col = geometry if geometry is not None else -1
    names = list(dict.fromkeys(str(r[g_col]) for r in rows)) if geometry is not None else []
    if len(names) > 1:
        cells = {(str(r[date]), str(r[g_col])): r for r in rows}
        dates = sorted({str(r[date]) for r in rows})
        return TimeSeries(
            dates=[d[:10] for d in dates],
            values=[
                [_num(cells[(d, g)][i]) if (d, g) in cells else None for g in names for i in values] for d in dates
            ],
            columns=[f"{g} {columns[i]}" for g in names for i in values],
        )
    rows.sort(key=lambda r: str(r[date]))
    return TimeSeries(
        dates=[str(r[date])[:10] if dated is not None else str(r[date]) for r in rows],
        values=[[_num(r[i]) for i in values] for r in rows],
        columns=[columns[i] for i in values],
    )


def _num(v) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if np.isfinite(f) else None


def netcdf_to_geotiff(path: Path, out: Path, max_layers: int = 4) -> list[str]:
    """Up to `max_layers` 2-D layers of a netCDF result (each variable at its last time step, or
    one variable at evenly spaced time steps) as a multi-band GeoTIFF for the map; their names."""
    import rioxarray  # noqa: F401  (registers the .rio accessor)
    import xarray as xr

    with open_netcdf(path, decode_coords="all") as ds:
        names = [v for v in ds.data_vars if ds[v].ndim >= 2]
        if not names:
            raise ValueError("The netCDF result has no 2-D variable to map.")
        tdim = next((d for d in ("t", "time") if d in ds.dims), None)
        layers, labels = [], []
        if len(names) == 1 and tdim and ds.sizes[tdim] > 1:
            steps = np.unique(np.linspace(0, ds.sizes[tdim] - 1, min(max_layers, ds.sizes[tdim])).astype(int))
            for i in steps:
                layers.append(ds[names[0]].isel({tdim: int(i)}))
                labels.append(f"{names[0]} {str(ds[tdim].values[i])[:10]}")
        else:
            for v in names[:max_layers]:
                da = ds[v]
                if tdim and tdim in da.dims:
                    da = da.isel({tdim: -1})
                layers.append(da)
                labels.append(str(v))
        crs = ds.rio.crs
        stack = xr.concat(
            [
                la.drop_vars([c for c in la.coords if c not in la.dims and c != "spatial_ref"], errors="ignore")
                for la in layers
            ],
            dim="band",
        )
        stack = stack.astype("float32")
        xdim = next(d for d in ("x", "lon", "longitude") if d in stack.dims)
        ydim = next(d for d in ("y", "lat", "latitude") if d in stack.dims)
        stack = stack.rio.set_spatial_dims(x_dim=xdim, y_dim=ydim).transpose("band", ydim, xdim)
        stack = stack.rio.write_crs(crs or "EPSG:4326")
        stack.rio.to_raster(out)
    return labels
