"""`save_result` and the encoders behind it: GTiff, netCDF, PNG, JSON and CSV.

`save_result` only records the wish (data, format, options): the executor computes the data
on Dask first and then calls `encode`, so encoding always works on computed arrays.
"""

from __future__ import annotations

import re

import csv
import io
import json
import math
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import xarray as xr

from backend.errors import FormatUnsupported
from backend.processes.formats import FORMATS, canonical_format

__all__ = ["SavedResult", "Encoded", "save_result", "encode", "FORMATS", "canonical_format", "is_raster"]

@dataclass
class SavedResult:
    data: Any
    format: str
    options: dict = field(default_factory=dict)


@dataclass
class Encoded:
    data: bytes
    media_type: str
    filename: str


def save_result(data: Any, format: str, options: dict | None = None) -> SavedResult:
    return SavedResult(data=data, format=canonical_format(format), options=dict(options or {}))


def is_raster(data: Any) -> bool:
    return isinstance(data, xr.DataArray) and {"x", "y"} <= set(map(str, data.dims))


def default_format(data: Any) -> str:
    return "GTiff" if is_raster(data) else "JSON"


def encode(result: SavedResult) -> Encoded:
    media_type, ext, _ = FORMATS[result.format]
    encoder = {"GTiff": _gtiff, "netCDF": _netcdf, "PNG": _png, "JSON": _json, "CSV": _csv}[result.format]
    return Encoded(data=encoder(result.data, result.options), media_type=media_type, filename=f"result.{ext}")


def _require_raster(data: Any, fmt: str) -> xr.DataArray:
    if not is_raster(data):
        raise FormatUnsupported(
            f"{fmt} needs a raster cube with x and y dimensions, but the result is "
            f"{type(data).__name__}{'' if not isinstance(data, xr.DataArray) else ' with dimensions ' + str(data.dims)}. "
            "Save non-raster results (time series from aggregate_spatial, numbers) as JSON or CSV."
        )
    return data


def _layers(data: xr.DataArray) -> xr.DataArray:
    """(layer, y, x): time steps and bands stacked as layers, each named 'date_band' or 'band'."""
    data = data.drop_vars(["common_name"], errors="ignore")
    extra = [d for d in data.dims if d not in ("y", "x")]
    if not extra:
        return data.expand_dims(layer=["band_1"]).transpose("layer", "y", "x")
    for d in list(extra):
        if data.sizes[d] == 1 and len(extra) > 1:  # keep at least one dimension to name the layers
            data = data.squeeze(d, drop=True)
            extra.remove(d)
    stacked = data.stack(layer=extra).transpose("layer", "y", "x")
    names = []
    for label in stacked["layer"].values:
        parts = label if isinstance(label, tuple) else (label,)
        names.append("_".join(_label_text(p) for p in parts))
    return xr.DataArray(stacked.values, dims=("layer", "y", "x"), coords={"layer": names, "y": data["y"], "x": data["x"]}, attrs=data.attrs)


def _label_text(label: Any) -> str:
    """A layer label: dates as YYYY-MM-DD (pandas gives Timestamps for a stacked time axis), else as written."""
    import datetime as _dt

    if isinstance(label, np.datetime64):
        return np.datetime_as_string(label, unit="D")
    if isinstance(label, _dt.datetime):  # pandas.Timestamp included
        return label.strftime("%Y-%m-%d") if (label.hour, label.minute, label.second) == (0, 0, 0) else label.strftime("%Y-%m-%dT%H:%M:%S")
    return str(label)


GTIFF_OPTIONS = {"compress": "deflate", "tiled": True, "blockxsize": 256, "blockysize": 256}


def _transform(raster: xr.DataArray):
    from rasterio.transform import Affine

    x, y = raster["x"].values, raster["y"].values
    if len(x) > 1 and len(y) > 1:
        dx, dy = float(x[1] - x[0]), float(y[1] - y[0])
        return Affine(dx, 0.0, float(x[0]) - dx / 2, 0.0, dy, float(y[0]) - dy / 2)
    return raster.rio.transform()


def _gtiff(data: Any, options: dict) -> bytes:
    import rasterio

    raster = _require_raster(data, "GTiff")
    layers = _layers(raster)
    values = np.asarray(layers.values)
    if values.dtype == np.bool_:
        values = values.astype("uint8")
    elif not np.issubdtype(values.dtype, np.integer):
        values = values.astype("float32", copy=False)
    crs = raster.rio.crs or raster.attrs.get("crs")
    profile = {
        "driver": "GTiff", "width": values.shape[2], "height": values.shape[1], "count": values.shape[0],
        "dtype": values.dtype.name, "crs": crs, "transform": _transform(raster),
        "nodata": np.nan if np.issubdtype(values.dtype, np.floating) else None, **GTIFF_OPTIONS,
    }
    if values.shape[1] < 256 or values.shape[2] < 256:
        profile.update(tiled=False, blockxsize=None, blockysize=None)
        profile = {k: v for k, v in profile.items() if v is not None or k == "nodata"}
    with rasterio.MemoryFile() as memory:
        with memory.open(**profile) as ds:
            ds.write(values)
            for i, name in enumerate(layers["layer"].values, start=1):
                ds.set_band_description(i, str(name))
        return memory.read()


def _netcdf(data: Any, options: dict) -> bytes:
    if not isinstance(data, xr.DataArray):
        raise FormatUnsupported("netCDF needs a data cube; save plain values as JSON.")
    cube = data.drop_vars(["common_name"], errors="ignore")
    cube.attrs = {k: v for k, v in cube.attrs.items() if isinstance(v, (str, int, float)) and not isinstance(v, bool)}
    if "bands" in cube.dims:
        ds = cube.to_dataset(dim="bands")
    else:
        ds = cube.to_dataset(name=cube.name or "var")
    for name in list(ds.coords):
        if ds[name].dtype == object:
            ds = ds.drop_vars(name)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "result.nc"
        ds.to_netcdf(path, engine="h5netcdf")
        return path.read_bytes()


def _png(data: Any, options: dict) -> bytes:
    from PIL import Image

    raster = _require_raster(data, "PNG")
    layers = _layers(raster).values.astype("float64")
    if layers.shape[0] not in (1, 3):
        raise FormatUnsupported(
            f"PNG needs 1 band (grey) or 3 bands (RGB), the result has {layers.shape[0]} layers. "
            "Reduce the time dimension and filter_bands to 1 or 3 bands first."
        )
    valid = np.isfinite(layers).all(axis=0)
    finite = layers[:, valid]
    low = float(np.percentile(finite, 2)) if finite.size else 0.0
    high = float(np.percentile(finite, 98)) if finite.size else 1.0
    scaled = np.clip((layers - low) / ((high - low) or 1.0) * 255.0, 0, 255)
    scaled = np.nan_to_num(scaled).astype("uint8")
    alpha = (valid * 255).astype("uint8")
    pixels = np.concatenate([scaled if scaled.shape[0] == 3 else np.repeat(scaled, 3, axis=0), alpha[None]], axis=0)
    buffer = io.BytesIO()
    Image.fromarray(np.moveaxis(pixels, 0, -1), mode="RGBA").save(buffer, format="PNG")
    return buffer.getvalue()


def to_native(value: Any, keep_nonfinite: bool = False) -> Any:
    """JSON-ready Python values: datetimes -> ISO strings, arrays -> lists, NaN and infinities ->
    None (no-data, as in a cube), or kept as floats with `keep_nonfinite`."""
    if isinstance(value, xr.DataArray):
        return to_native(value.values, keep_nonfinite)
    if isinstance(value, np.ndarray):
        if np.issubdtype(value.dtype, np.datetime64):
            return [to_native(v) for v in value]
        return [to_native(v, keep_nonfinite) for v in value.tolist()] if value.ndim else to_native(value.item(), keep_nonfinite)
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else np.datetime_as_string(value, unit="s") + "Z"
    if isinstance(value, np.generic):
        return to_native(value.item(), keep_nonfinite)
    if isinstance(value, float):
        return None if not keep_nonfinite and (math.isnan(value) or math.isinf(value)) else value
    if isinstance(value, (list, tuple)):
        return [to_native(v, keep_nonfinite) for v in value]
    if isinstance(value, dict):
        return {str(k): to_native(v, keep_nonfinite) for k, v in value.items()}
    if hasattr(value, "__geo_interface__"):
        return value.__geo_interface__
    return value


def _timeseries(data: xr.DataArray) -> dict:
    """CDSE's JSON layout for aggregated time series: {timestamp: [[band values] per geometry]}."""
    out = {}
    others = [d for d in data.dims if d not in ("t", "bands")]
    for label in data["t"].values:
        step = data.sel(t=label)
        step = step.transpose(*others, *(["bands"] if "bands" in step.dims else []))
        values = to_native(step.values)
        if not others:
            values = [values]
        if "bands" not in step.dims:
            values = [[v] for v in values] if others else [values]
        out[_label_timestamp(label)] = values
    return out


_DAY_OF_YEAR = re.compile(r"^(\d{4})-(\d{3})$")  # aggregate_temporal_period "day" labels
_HOUR = re.compile(r"^(\d{4}-\d{2}-\d{2})-(\d{2})$")  # ... and "hour" labels


def _label_timestamp(label: Any) -> str:
    """A time label as an ISO timestamp; period labels ("2024-032", "2024-02-01-13") as their start."""
    text = str(label)
    if match := _DAY_OF_YEAR.match(text):
        start = np.datetime64(f"{match[1]}-01-01") + np.timedelta64(int(match[2]) - 1, "D")
        return to_native(start.astype("datetime64[s]"))
    if match := _HOUR.match(text):
        return to_native(np.datetime64(f"{match[1]}T{match[2]}:00:00"))
    try:
        return to_native(np.datetime64(label))
    except ValueError:
        return text  # other period labels ("2023-djf") stay as the spec writes them


def _json(data: Any, options: dict) -> bytes:
    """Cubes as CDSE writes them, their NaN pixels (no-data) as null (strict JSON). Plain values
    (a number, an array from the array processes) keep NaN and infinities as the tokens NaN,
    Infinity and -Infinity, which Python's json and the openeo client read: sqrt(-1) is NaN and
    ln(0) is -Infinity, not "no data"; strict JSON has no way to say them."""
    if isinstance(data, xr.DataArray):
        if "t" in data.dims and not is_raster(data):
            payload: Any = _timeseries(data)
        else:
            coords = {str(d): to_native(data[d].values) for d in data.dims if d in data.coords}
            if "name" in data.coords and data["name"].dims == ("geometry",):  # named features (zonal.py)
                coords["name"] = to_native(data["name"].values)
            payload = {"dims": [str(d) for d in data.dims], "coords": coords, "data": to_native(data.values)}
        return json.dumps(payload, allow_nan=False).encode()
    return json.dumps(to_native(data, keep_nonfinite=True)).encode()


def _csv(data: Any, options: dict) -> bytes:
    if not isinstance(data, xr.DataArray):
        raise FormatUnsupported("CSV needs a data cube (e.g. a time series from aggregate_spatial); save plain values as JSON.")
    frame = data.drop_vars(["common_name", "spatial_ref"], errors="ignore").to_dataframe(name="value").reset_index()
    if "name" in data.coords and data["name"].dims == ("geometry",):
        # named features (zonal.py): one row per name; the geometry's repr says nothing to a reader
        frame = frame[["name"] + [c for c in frame.columns if c not in ("name", "geometry")]]
    elif "geometry" in frame.columns and "geometry" in data.dims:
        # unnamed features by their position in the request (as CDSE's feature_index), not a Python repr
        # of the polygon in the raster's projected CRS
        position = {key: n for n, key in enumerate(map(str, data["geometry"].values))}
        frame["geometry"] = [position[str(g)] for g in frame["geometry"]]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        writer.writerow(["" if v is None else to_native(v) for v in row])
    return buffer.getvalue().encode()
