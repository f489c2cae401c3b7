"""User-defined processes over HTTP with the real openeo client: store with parameters, list,
describe, use with namespace="user", replace, delete; per user; and the public catalogue by URL."""

from __future__ import annotations

import io

import numpy as np
import openeo
import pytest
import rasterio
from openeo.api.process import Parameter

BBOX = {"west": 11.30, "south": 46.47, "east": 11.32, "north": 46.485}


def _connect(url: str, user: str) -> openeo.Connection:
    return openeo.connect(url).authenticate_basic(user, "pw")


def _tif(data: bytes) -> np.ndarray:
    with rasterio.open(io.BytesIO(data)) as ds:
        return ds.read()


@pytest.mark.slow
def test_user_defined_process_lifecycle(backend_url):
    conn = _connect(backend_url, "alice")
    factor = Parameter.number("factor", description="scale factor", default=2)
    cube = Parameter.raster_cube("cube")
    scaled = {"process_graph": {
        "m": {"process_id": "multiply", "arguments": {"x": {"from_parameter": "x"}, "y": {"from_parameter": "factor"}}, "result": True}}}
    graph = {"apply": {"process_id": "apply", "arguments": {"data": {"from_parameter": "cube"}, "process": scaled}, "result": True}}
    conn.save_user_defined_process("scale_cube", graph, parameters=[cube, factor], summary="Multiply every pixel")
    assert [p["id"] for p in conn.list_user_defined_processes()] == ["scale_cube"]
    described = conn.user_defined_process("scale_cube").describe()
    assert [p["name"] for p in described["parameters"]] == ["cube", "factor"] and described["summary"] == "Multiply every pixel"

    loaded = conn.load_collection("SENTINEL2_L2A", spatial_extent=BBOX, temporal_extent=["2022-06-12", "2022-06-13"], bands=["B04"])
    plain = _tif(loaded.download(format="GTiff"))
    used = conn.datacube_from_process("scale_cube", namespace="user", cube=loaded, factor=3)
    assert conn.validate_process_graph(used) == []
    np.testing.assert_allclose(_tif(used.download(format="GTiff")), plain * 3, rtol=1e-6, equal_nan=True)
    default = conn.datacube_from_process("scale_cube", namespace="user", cube=loaded)
    np.testing.assert_allclose(_tif(default.download(format="GTiff")), plain * 2, rtol=1e-6, equal_nan=True)

    # replace, then another user cannot see or use it
    graph["apply"]["arguments"]["process"]["process_graph"]["m"]["process_id"] = "add"
    conn.save_user_defined_process("scale_cube", graph, parameters=[cube, factor])
    np.testing.assert_allclose(_tif(used.download(format="GTiff")), plain + 3, rtol=1e-6, equal_nan=True)
    bob = _connect(backend_url, "bob")
    assert bob.list_user_defined_processes() == []
    errors = bob.validate_process_graph(bob.datacube_from_process("scale_cube", namespace="user", cube=loaded))
    assert errors and "no user-defined process 'scale_cube'" in errors[0]["message"]

    conn.user_defined_process("scale_cube").delete()
    assert conn.list_user_defined_processes() == []
    with pytest.raises(openeo.rest.OpenEoApiError) as exc:
        conn.user_defined_process("scale_cube").describe()
    assert exc.value.code == "ProcessGraphNotFound"


@pytest.mark.slow
def test_public_namespace_process_from_the_local_catalogue(backend_url):
    conn = openeo.connect(backend_url)
    url = "https://raw.githubusercontent.com/ESA-APEx/apex_algorithms/main/algorithm_catalog/vito/burn_severity/openeo_udp/burn_severity.json"
    dnbr = conn.datacube_from_process("burn_severity", namespace=url, spatial_extent={"west": 26.0, "south": 40.90, "east": 26.01, "north": 40.91},
                                      pre_fire=["2023-07-20", "2023-08-15"], post_fire=["2023-09-01", "2023-09-25"])
    assert conn.validate_process_graph(dnbr) == []
    values = _tif(dnbr.download(format="GTiff"))
    assert values.shape[0] == 1 and np.isfinite(values).mean() > 0.5
    assert np.nanmax(values) > 0.1  # the registered Evros fire (August 2023) burnt land here
    unknown = conn.datacube_from_process("no_such_algorithm", namespace="https://example.org/catalog/no_such_algorithm.json")
    errors = conn.validate_process_graph(unknown)
    assert errors and "OPENEO_BACKEND_ALLOW_NETWORK" in errors[0]["message"]
