"""`run_udf`: refused. User code never runs inside the server process."""

from __future__ import annotations

from typing import Any

from backend.errors import UdfUnsupported

__all__ = ["run_udf"]


def run_udf(data: Any, udf: str, runtime: str, version: str | None = None, context: dict | None = None) -> Any:
    raise UdfUnsupported(
        f"run_udf (runtime '{runtime}') is not supported by the embedded backend: user-defined code "
        "never runs in the server. Express the computation with predefined processes "
        "(apply, reduce_dimension, ndvi, ... see GET /processes), or run the graph on a backend "
        "that supports UDFs, such as CDSE."
    )
