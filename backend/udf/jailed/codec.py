"""The wire format between the server and a jailed UDF child: a JSON header line, then .npy bytes.

Strict both ways, and never pickle: arrays are read with `numpy.load(allow_pickle=False)` and
must be numeric or boolean; coordinates are JSON (numbers, strings, or ISO datetimes) and must
match the array's shape. Standard library and numpy only (it runs inside the jail too).
"""

from __future__ import annotations

import io
import json

import numpy as np

MAX_HEADER_BYTES = 16_000_000
MAX_DIMS = 8
ARRAY_KINDS = "biuf"  # bool, signed, unsigned, float


class CodecError(ValueError):
    """A message that does not follow the format."""


def encode(header: dict, array: np.ndarray | None = None) -> bytes:
    body = b""
    if array is not None:
        buf = io.BytesIO()
        np.save(buf, np.ascontiguousarray(array), allow_pickle=False)
        body = buf.getvalue()
    return json.dumps({**header, "npy_bytes": len(body)}, allow_nan=False).encode() + b"\n" + body


def decode(data: bytes, what: str = "message") -> tuple[dict, np.ndarray | None]:
    head, sep, body = data.partition(b"\n")
    if not sep or len(head) > MAX_HEADER_BYTES:
        raise CodecError(f"The {what} has no header line.")
    try:
        header = json.loads(head)
    except ValueError as e:
        raise CodecError(f"The {what}'s header is not JSON ({e}).") from None
    if not isinstance(header, dict) or not isinstance(header.get("npy_bytes"), int):
        raise CodecError(f"The {what}'s header is not an object with npy_bytes.")
    if len(body) != header["npy_bytes"]:
        raise CodecError(f"The {what} has {len(body)} array bytes, its header says {header['npy_bytes']}.")
    if not body:
        return header, None
    try:
        array = np.load(io.BytesIO(body), allow_pickle=False)
    except (ValueError, OSError, EOFError) as e:
        raise CodecError(f"The {what}'s array is not a valid .npy array ({e}).") from None
    if not isinstance(array, np.ndarray) or array.dtype.kind not in ARRAY_KINDS:
        raise CodecError(f"The {what}'s array has dtype {getattr(array, 'dtype', '?')}; only numbers and booleans are accepted.")
    if array.ndim > MAX_DIMS:
        raise CodecError(f"The {what}'s array has {array.ndim} dimensions; at most {MAX_DIMS} are accepted.")
    return header, array


def encode_coords(coords: dict[str, np.ndarray]) -> dict[str, dict]:
    """Dimension coordinates as JSON: {"dim": {"type": "number"|"str"|"datetime", "values": [...]}}."""
    out = {}
    for dim, values in coords.items():
        values = np.asarray(values)
        if values.dtype.kind == "M":
            out[dim] = {"type": "datetime", "values": [str(v) for v in np.datetime_as_string(values.astype("datetime64[ns]"), unit="ns")]}
        elif values.dtype.kind in "biuf":
            out[dim] = {"type": "number", "values": [None if v != v else v for v in values.astype(float).tolist()]
                        if values.dtype.kind == "f" else values.tolist()}
        else:
            out[dim] = {"type": "str", "values": [str(v) for v in values.tolist()]}
    return out


def decode_coords(spec: object, dims: list[str], shape: tuple[int, ...]) -> dict[str, np.ndarray]:
    if not isinstance(spec, dict):
        raise CodecError("Coordinates must be an object.")
    out = {}
    for dim, entry in spec.items():
        if dim not in dims:
            raise CodecError(f"Coordinates of '{dim}', which is not a dimension ({dims}).")
        if not isinstance(entry, dict) or not isinstance(entry.get("values"), list):
            raise CodecError(f"Coordinates of '{dim}' must be {{type, values}}.")
        values, kind = entry["values"], entry.get("type")
        if len(values) != shape[dims.index(dim)]:
            raise CodecError(f"'{dim}' has {len(values)} labels for {shape[dims.index(dim)]} values.")
        try:
            if kind == "datetime":
                out[dim] = np.array(values, dtype="datetime64[ns]")
            elif kind == "number":
                if not all(v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)) for v in values):
                    raise CodecError(f"'{dim}' labels must be numbers.")
                out[dim] = np.array([np.nan if v is None else v for v in values])
            elif kind == "str":
                if not all(isinstance(v, str) for v in values):
                    raise CodecError(f"'{dim}' labels must be strings.")
                out[dim] = np.array(values, dtype=str)
            else:
                raise CodecError(f"'{dim}' has coordinates of unknown type {kind!r}.")
        except (TypeError, ValueError) as e:
            if isinstance(e, CodecError):
                raise
            raise CodecError(f"'{dim}' has labels that cannot be read ({e}).") from None
    return out


def check_dims(dims: object, ndim: int) -> list[str]:
    if not isinstance(dims, list) or len(dims) != ndim or not all(isinstance(d, str) and d for d in dims) or len(set(dims)) != ndim:
        raise CodecError(f"dims must be {ndim} distinct names, one per array axis (got {dims!r}).")
    return dims
