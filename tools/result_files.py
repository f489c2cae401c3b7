"""What a result file from the backend really is, checked before anything opens it.

A backend is not trusted to send what it says. A "GeoTIFF" that is a GDAL VRT, or a netCDF
(HDF5) with external links, external storage or virtual datasets, would make GDAL or HDF5 read
other files of this machine into the statistics and the map. So:

- the first bytes decide the format: TIFF (`II*\\0`, `MM\\0*`, BigTIFF), netCDF classic (`CDF`),
  HDF5 (`\\x89HDF`); JSON and CSV are parsed as text; anything else is not opened;
- GeoTIFFs are opened with GDAL's GTiff driver only (`rasterio.open(..., driver="GTiff")`), never
  letting GDAL guess (no VRT or other indirections);
- netCDF classic goes through scipy's reader, netCDF-4 (HDF5) through h5netcdf, after h5py has
  checked that no link, dataset storage or virtual dataset points outside the file.

A file that fails is an `UnreadableResult` whose message says what came back instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from tools.errors import UnreadableResult

Format = Literal["gtiff", "netcdf3", "hdf5", "json", "csv", "png", "xml", "text", "empty", "binary"]

_TIFF = (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")
_NETCDF3 = (b"CDF\x01", b"CDF\x02", b"CDF\x05")
_HDF5 = b"\x89HDF\r\n\x1a\n"
_PNG = b"\x89PNG\r\n\x1a\n"
_EXPECTED = {".tif": "a GeoTIFF", ".tiff": "a GeoTIFF", ".nc": "a netCDF file"}


def sniff(path: Path) -> Format:
    """The format of `path` from its first bytes (never from its name)."""
    head = Path(path).open("rb").read(512)
    if not head:
        return "empty"
    if head.startswith(_TIFF):
        return "gtiff"
    if head.startswith(_NETCDF3):
        return "netcdf3"
    if head.startswith(_HDF5):
        return "hdf5"
    if head.startswith(_PNG):
        return "png"
    try:
        text = head.decode("utf-8").lstrip("\ufeff \t\r\n")
    except UnicodeDecodeError:
        return "binary"
    if text.startswith("<"):
        return "xml"
    if text.startswith(("{", "[")):
        return "json"
    return "csv" if "," in text.splitlines()[0] else "text"


def describe(path: Path, fmt: Format) -> str:
    """What the file is, in words, with the start of a text file."""
    size = Path(path).stat().st_size
    if fmt in ("xml", "text", "json", "csv"):
        start = " ".join(Path(path).read_bytes()[:60].decode("utf-8", "replace").split())
        kind = {"xml": "an XML document", "json": "JSON", "csv": "text"}.get(fmt, "text")
        return f"{size} bytes of {kind} ('{start}…')"
    return {
        "empty": "an empty file",
        "png": f"a PNG image ({size} bytes)",
        "binary": f"{size} bytes of an unknown binary format",
    }.get(fmt, f"{size} bytes of {fmt}")


def unreadable(path: Path, fmt: Format, expected: str) -> UnreadableResult:
    what = describe(path, fmt)
    kept = f"It is kept as {Path(path).name} in the run folder"
    if fmt == "xml":
        return UnreadableResult(
            f"The backend sent back {what}, not {expected}: probably a GDAL VRT, which points at other files, so it "
            f"was not opened (it could make this machine read its own files). {kept}; there is nothing to map.",
            code="UnsafeResult",
        )
    return UnreadableResult(
        f"The backend sent back {what}, not {expected}. {kept}, but there is no raster to summarise or map."
    )


def require(path: Path, *formats: Format) -> Format:
    """The format of `path` if it is one of `formats`, else an UnreadableResult saying what it is."""
    fmt = sniff(path)
    if fmt not in formats:
        raise unreadable(path, fmt, _EXPECTED.get(Path(path).suffix.lower(), "the requested format"))
    return fmt


def open_geotiff(path: Path) -> Any:
    """A rasterio dataset of a real GeoTIFF (GDAL's GTiff driver only)."""
    import rasterio

    require(path, "gtiff")
    return rasterio.open(path, driver="GTiff")


def open_netcdf(path: Path, **kwargs: Any) -> Any:
    """An xarray Dataset of a netCDF file that points at nothing outside itself."""
    import xarray as xr

    fmt = require(path, "netcdf3", "hdf5")
    if fmt == "netcdf3":
        return xr.open_dataset(path, engine="scipy", **kwargs)
    outside = hdf5_references(path)
    if outside:
        raise UnreadableResult(
            f"The backend sent back a netCDF-4 file that points at other files ({'; '.join(outside[:3])}), so it was not "
            f"opened (it could make this machine read its own files). It is kept as {Path(path).name} in the run folder.",
            code="UnsafeResult",
        )
    return xr.open_dataset(path, engine="h5netcdf", **kwargs)


def hdf5_references(path: Path) -> list[str]:
    """Links, dataset storage and virtual datasets of an HDF5 file that point outside it."""
    import h5py

    found: list[str] = []
    with h5py.File(path, "r") as f:

        def check(name: str) -> None:
            link = f.get(name, getlink=True)
            if isinstance(link, h5py.ExternalLink):
                found.append(f"{name} links to {link.filename}")
                return
            if isinstance(link, h5py.SoftLink):
                return  # inside the file; its target is visited on its own
            obj = f.get(name)
            if isinstance(obj, h5py.Dataset):
                if obj.external:
                    found.append(f"{name} is stored in {obj.external[0][0]!r}")
                if obj.is_virtual:
                    found.append(f"{name} is a virtual dataset")

        f.visit_links(check)
    return found
