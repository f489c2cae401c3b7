"""Numbers as people read them: four significant digits, without an exponent where a plain
figure is as short (a burned area of 11,140 ha reads "11140", not "1.114e+04")."""

from __future__ import annotations

import math


def short_number(v: float | int | None, missing: str = "n/a") -> str:
    """`v` to four significant digits; plain notation from 0.001 to below 10 million."""
    if v is None:
        return missing
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, int):
        return str(v) if abs(v) < 10_000_000 else f"{v:.4g}"
    if not math.isfinite(v):
        return str(v)
    if v == 0 or not 1e-3 <= abs(v) < 1e7:
        return f"{v:.4g}"
    digits = max(0, 3 - math.floor(math.log10(abs(v))))
    text = f"{round(v, digits):.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
