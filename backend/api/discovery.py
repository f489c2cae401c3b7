"""Discovery: well-known versions, capabilities, conformance, file formats, UDF runtimes."""

from __future__ import annotations

from fastapi import APIRouter, Request

from backend.api.common import API_PREFIX, api_url, get_ctx

router = APIRouter()
well_known = APIRouter()

BACKEND_VERSION = "0.1.0"
CONFORMANCE = [
    "https://api.openeo.org/1.2.0",
    "https://api.stacspec.org/v1.0.0/collections",
    "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-common-2/1.0/conf/collections",
]
RASTER = ["raster"]
OUTPUT_FORMATS = {
    "GTiff": {"title": "GeoTIFF", "gis_data_types": RASTER, "parameters": {}},
    "netCDF": {"title": "Network Common Data Form (netCDF 4)", "gis_data_types": ["raster", "vector", "other"], "parameters": {}},
    "PNG": {"title": "Portable Network Graphics (8-bit preview of 1, 3 or 4 bands)", "gis_data_types": RASTER, "parameters": {}},
    "JSON": {"title": "JSON (numbers, arrays, time series and other non-raster results)",
             "gis_data_types": ["vector", "table", "other"], "parameters": {}},
}
INPUT_FORMATS = {
    "GTiff": {"title": "GeoTIFF", "gis_data_types": RASTER, "parameters": {}},
}


@well_known.get("/.well-known/openeo", summary="Supported openEO versions")
def versions(request: Request) -> dict:
    return {"versions": [{"url": api_url(request) + "/", "api_version": "1.2.0", "production": False}]}


def _endpoints(request: Request) -> list[dict]:
    """Every API path and its methods, from the app's own OpenAPI document."""
    endpoints = []
    hidden = {API_PREFIX + "/", API_PREFIX + "/.well-known/openeo"}
    if not get_ctx(request).settings.oidc_providers:
        hidden.add(API_PREFIX + "/credentials/oidc")
    for path, operations in sorted(request.app.openapi().get("paths", {}).items()):
        if not path.startswith(API_PREFIX + "/") or path in hidden:
            continue
        methods = sorted(m.upper() for m in operations if m.upper() in {"GET", "POST", "PUT", "PATCH", "DELETE"})
        endpoints.append({"path": path[len(API_PREFIX):], "methods": methods})
    return endpoints


@router.get("/", summary="Capabilities")
def capabilities(request: Request) -> dict:
    ctx = get_ctx(request)
    base = api_url(request)
    return {
        "api_version": ctx.settings.api_version,
        "backend_version": BACKEND_VERSION,
        "stac_version": "1.0.0",
        "type": "Catalog",
        "id": "openeo-agent-embedded",
        "title": ctx.settings.backend_title,
        "description": (
            "An embedded openEO API 1.2 backend: Copernicus Data Space Ecosystem collection ids and bands, "
            "real files where configured and a simulated Earth elsewhere (collections say which via "
            "`openeo_agent:simulated`; results from simulated data carry the header OpenEO-Simulated: true)."
        ),
        "production": False,
        # what POST /validation checks beyond the graph itself, so clients need not check it again
        "openeo_agent:validation": [name for name, on in (("availability", ctx.settings.validation_availability),
                                                          ("sample", ctx.settings.validation_sample)) if on],
        "endpoints": _endpoints(request),
        "links": [
            {"rel": "self", "href": base + "/", "type": "application/json"},
            {"rel": "data", "href": base + "/collections", "type": "application/json", "title": "Collections"},
            {"rel": "conformance", "href": base + "/conformance", "type": "application/json"},
            {"rel": "version-history", "href": str(request.base_url).rstrip("/") + "/.well-known/openeo",
             "type": "application/json"},
        ],
    }


@router.get("/conformance", summary="Conformance classes")
def conformance() -> dict:
    return {"conformsTo": CONFORMANCE}


@router.get("/file_formats", summary="Input and output file formats")
def file_formats() -> dict:
    return {"input": INPUT_FORMATS, "output": OUTPUT_FORMATS}


@router.get("/udf_runtimes", summary="UDF runtimes: Python 3 with numpy, xarray, scipy, pandas")
def udf_runtimes() -> dict:
    from backend.udf.runtimes import udf_runtimes as runtimes

    return runtimes()


@router.get("/service_types", summary="Secondary web service types (none)")
def service_types() -> dict:
    return {}
