"""The output formats of save_result, by canonical name: what validation and GET /file_formats
read (without the encoders of `backend.processes.save`, which import xarray)."""

from __future__ import annotations

from backend.errors import FormatUnsupported

__all__ = ["FORMATS", "canonical_format"]

# canonical name -> (media type, file extension, accepted spellings)
FORMATS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "GTiff": ("image/tiff; application=geotiff", "tif", ("gtiff", "geotiff", "tiff", "tif", "cog")),
    "netCDF": ("application/x-netcdf", "nc", ("netcdf", "nc", "netcdf4")),
    "PNG": ("image/png", "png", ("png",)),
    "JSON": ("application/json", "json", ("json",)),
    "CSV": ("text/csv", "csv", ("csv",)),
}


def canonical_format(name: str) -> str:
    lowered = (name or "").lower()
    for canonical, (_, _, spellings) in FORMATS.items():
        if lowered == canonical.lower() or lowered in spellings:
            return canonical
    raise FormatUnsupported(f"Output format '{name}' is not supported. Use one of: {', '.join(FORMATS)} (see GET /file_formats).")
