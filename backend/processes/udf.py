"""`run_udf`: a Python UDF on the whole data cube, run in the operating-system jail (backend/udf).

User code never runs inside the server process: `run_udf_on_array` hands the array to a jailed
child (unprivileged, no network, no host files, time and memory limits) and reads the result
back as plain numbers. Chunk-wise use inside apply_dimension / apply_neighborhood calls the same
`run_udf_on_array` per chunk.
"""

from __future__ import annotations

from typing import Any, Callable

import xarray as xr

from backend.errors import UdfUnsupported
from backend.udf.runner import run_udf_on_array

__all__ = ["make_run_udf"]


def make_run_udf(ctx: Any) -> Callable[..., Any]:
    settings = ctx.settings

    def run_udf(data: Any, udf: str, runtime: str, version: str | None = None, context: Any = None) -> Any:
        if not isinstance(udf, str) or ("\n" not in udf and "\r" not in udf):
            raise UdfUnsupported(
                "run_udf here takes the UDF's source code inline (a multi-line string); URLs and workspace "
                "files are not available on the embedded backend. Pass the code, e.g. openeo.UDF(code=...).")
        if not isinstance(data, xr.DataArray):
            raise UdfUnsupported(
                f"run_udf here runs on a raster data cube; it got {type(data).__name__}. Call it on a cube "
                "(e.g. cube.apply_datacube_udf or apply_dimension with a UDF), not on vector or scalar data.")
        return run_udf_on_array(data, udf, context=context if isinstance(context, dict) else {}, runtime=runtime,
                                version=version, timeout_s=settings.udf_timeout_s, memory_mb=settings.udf_memory_mb)

    return run_udf
