"""A hostile (or simply odd) backend's result files: a "GeoTIFF" that is a VRT pointing at a
canary file of this machine, a netCDF-4 whose data lives in another file, a placeholder text.
None of them is opened; the model and the person read what came back instead, and the canary's
values never reach the statistics or the map."""

from __future__ import annotations

import numpy as np
import pytest
import rasterio
from fake_backend import Behaviour, FakeBackend
from rasterio.transform import from_origin

from tools import execute as execute_tool
from tools import maps
from tools.context import BackendRef, RunFolder, ToolContext
from tools.errors import UnreadableResult
from tools.result_files import hdf5_references, open_netcdf, sniff

CANARY = 4242.0
GRAPH = {
    "load": {"process_id": "load_collection", "arguments": {
        "id": "SENTINEL2_L2A", "spatial_extent": {"west": 11.30, "south": 46.47, "east": 11.31, "north": 46.48},
        "temporal_extent": ["2022-06-12", "2022-06-13"], "bands": ["B04"]}},
    "save": {"process_id": "save_result", "arguments": {"data": {"from_node": "load"}, "format": "GTiff"}, "result": True},
}


@pytest.fixture
def canary_tif(tmp_path):
    """A file of 'this machine' that a result must never make the agent read."""
    path = tmp_path / "secret" / "canary.tif"
    path.parent.mkdir()
    with rasterio.open(path, "w", driver="GTiff", width=4, height=4, count=1, dtype="float32", crs="EPSG:4326",
                       transform=from_origin(11.30, 46.48, 0.0025, 0.0025)) as ds:
        ds.write(np.full((1, 4, 4), CANARY, dtype="float32"))
    return path


def vrt_pointing_at(target) -> bytes:
    return f"""<VRTDataset rasterXSize="4" rasterYSize="4">
  <SRS>EPSG:4326</SRS>
  <GeoTransform>11.30, 0.0025, 0, 46.48, 0, -0.0025</GeoTransform>
  <VRTRasterBand dataType="Float32" band="1">
    <SimpleSource><SourceFilename relativeToVRT="0">{target}</SourceFilename><SourceBand>1</SourceBand></SimpleSource>
  </VRTRasterBand>
</VRTDataset>""".encode()


def executed(tmp_path, body: bytes, content_type: str = "image/tiff"):
    with FakeBackend({("POST", "/result"): [Behaviour(body=body, content_type=content_type)]}) as fake:
        ctx = ToolContext(BackendRef(url=fake.url), RunFolder(tmp_path / "run"))
        ctx.artifacts.process_graph, ctx.artifacts.validated = GRAPH, True
        return ctx, execute_tool.execute(ctx)


def test_a_vrt_sent_as_geotiff_would_read_the_canary(tmp_path, canary_tif):
    """The danger is real: GDAL left to guess opens the VRT and reads the other file."""
    path = tmp_path / "result.tif"
    path.write_bytes(vrt_pointing_at(canary_tif))
    with rasterio.open(path) as ds:
        assert float(ds.read(1).max()) == CANARY


def test_a_vrt_result_is_refused_and_the_canary_never_read(tmp_path, canary_tif):
    ctx, outcome = executed(tmp_path, vrt_pointing_at(canary_tif))
    assert not outcome.ok and outcome.error.code == "UnsafeResult"
    text = outcome.to_text()
    assert text.startswith("FAILED") and "VRT" in text and "not opened" in text
    assert str(CANARY) not in text and ctx.artifacts.stats is None
    mapped = None
    try:
        mapped = maps.render_map(ctx)
    except UnreadableResult as e:  # the map tool does not open it either
        assert e.code == "UnsafeResult"
    assert mapped is None or not mapped.ok
    assert not ctx.run.file("map.html").exists()


def test_a_placeholder_result_is_said_plainly(tmp_path):
    placeholder = b"GTiff:save_result(DummyDataCube(metadata=CollectionMetadata(dimensions=[...])))"
    ctx, outcome = executed(tmp_path, placeholder)
    assert not outcome.ok and outcome.error.code == "ResultNotReadable"
    message = outcome.error.message
    assert f"{len(placeholder)} bytes of text" in message and "GTiff:save_result(DummyDataCube" in message
    assert "not a GeoTIFF" in message and "Traceback" not in message
    assert ctx.artifacts.result_path and ctx.run.file("result.tif").read_bytes() == placeholder  # kept, as downloaded


def test_a_netcdf4_with_external_storage_is_refused(tmp_path):
    h5py = pytest.importorskip("h5py")
    raw = tmp_path / "secret.bin"
    np.full(16, CANARY, dtype="<f4").tofile(raw)
    nc = tmp_path / "result.nc"
    with h5py.File(nc, "w") as f:
        f.create_dataset("B04", shape=(4, 4), dtype="<f4", external=[(str(raw), 0, 64)])
        f["linked"] = h5py.ExternalLink(str(tmp_path / "other.h5"), "/data")
    assert sniff(nc) == "hdf5"
    found = hdf5_references(nc)
    assert any("secret.bin" in r for r in found) and any("other.h5" in r for r in found)
    with pytest.raises(UnreadableResult) as e:
        open_netcdf(nc)
    assert e.value.code == "UnsafeResult" and str(CANARY) not in e.value.message


def test_a_real_geotiff_and_netcdf_still_open(real_data_dir):
    from tools.results import read_stats

    assert read_stats(real_data_dir / "S2_L2A_sample.tif", "image/tiff").kind == "raster"
    assert read_stats(real_data_dir / "S2_L2A_rank_composite_2022-07.nc", "application/x-netcdf").bands == ["B02", "B03", "B04"]
