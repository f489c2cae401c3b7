"""Typed description of a collection in the embedded backend's catalog.

One `CollectionSpec` per collection id. The API layer renders it as STAC (with the datacube
extension), validation reads it (bands, extents, dimension names, resolution), and every data
source reads it (dtypes, scale factors, nodata, resolution) so that all of them agree.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class BandSpec(BaseModel):
    name: str  # "B04", "VV", "LST", "NO2", "DEM", "MAP"
    common_name: str | None = None  # "red", "nir", ... (STAC eo:common_name)
    description: str = ""
    center_wavelength_um: float | None = None
    dtype: str = "uint16"  # dtype of the stored digital numbers
    unit: str | None = None  # physical unit after scale/offset ("reflectance", "dB", "K", "mol/m2", "m")
    scale: float = 1.0  # physical = dn * scale + offset
    offset: float = 0.0
    nodata: float | None = None
    resolution_m: float = 10.0
    classes: dict[int, str] | None = None  # for categorical bands (SCL, WorldCover MAP)
    aliases: list[str] = Field(default_factory=list)  # other accepted spellings, e.g. "B8" for "B08"


class CollectionSpec(BaseModel):
    id: str  # CDSE collection id, e.g. "SENTINEL2_L2A"
    title: str
    description: str
    keywords: list[str] = Field(default_factory=list)
    platform: str | None = None
    instrument: str | None = None
    license: str = "proprietary"
    providers: list[str] = Field(default_factory=list)
    bands: list[BandSpec]
    spatial_extent: tuple[float, float, float, float] = (-180.0, -90.0, 180.0, 90.0)  # W S E N
    temporal_extent: tuple[str, str | None] = ("2015-06-27T00:00:00Z", None)  # end None = ongoing
    revisit_days: float | None = None  # None: static (DEM, land cover): one time step
    native_crs: str = "EPSG:4326"  # "UTM" for per-zone UTM products
    dimension_names: tuple[str, str, str, str] = ("x", "y", "t", "bands")
    simulated: bool = False  # set by the backend when the data comes from the simulated Earth

    def band(self, name: str) -> BandSpec | None:
        for b in self.bands:
            if b.name == name or name in b.aliases:
                return b
        return None

    @property
    def band_names(self) -> list[str]:
        return [b.name for b in self.bands]
