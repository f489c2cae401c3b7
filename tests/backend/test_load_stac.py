"""load_stac on a local STAC catalogue written by the test, over HTTP with the openeo client."""

from __future__ import annotations

import io
import json

import numpy as np
import openeo
import pytest
import rasterio
from rasterio.transform import from_origin

DATES = ["2023-06-01T10:00:00Z", "2023-06-11T10:00:00Z", "2023-07-01T10:00:00Z"]


def _write_catalogue(root):
    rng = np.random.default_rng(5)
    transform = from_origin(600000.0, 5100000.0, 10.0, 10.0)  # EPSG:32632, 40 x 30 px
    values = {}
    items_dir = root / "stac" / "items"
    items_dir.mkdir(parents=True)
    links = []
    for i, date in enumerate(DATES):
        assets = {}
        for band in ("B04", "B08"):
            data = rng.integers(200, 4000, size=(30, 40)).astype("uint16")
            data[0, i] = 0  # nodata
            values[(i, band)] = data
            path = items_dir / f"s2_{i}_{band}.tif"
            with rasterio.open(path, "w", driver="GTiff", width=40, height=30, count=1, dtype="uint16", crs="EPSG:32632",
                               transform=transform, nodata=0) as ds:
                ds.write(data, 1)
            assets[band] = {"href": path.name, "type": "image/tiff; application=geotiff", "eo:bands": [{"name": band}]}
        item = {"type": "Feature", "stac_version": "1.0.0", "id": f"s2_{i}", "properties": {"datetime": date},
                "geometry": {"type": "Polygon", "coordinates": [[[10.3, 46.0], [10.3, 46.1], [10.4, 46.1], [10.4, 46.0], [10.3, 46.0]]]},
                "bbox": [10.28, 46.02, 10.31, 46.05], "assets": assets, "links": []}
        (items_dir / f"s2_{i}.json").write_text(json.dumps(item))
        links.append({"rel": "item", "href": f"items/s2_{i}.json", "type": "application/geo+json"})
    collection = {"type": "Collection", "stac_version": "1.0.0", "id": "local-s2", "description": "test", "license": "CC-BY-4.0",
                  "extent": {"spatial": {"bbox": [[10.28, 46.02, 10.31, 46.05]]}, "temporal": {"interval": [[DATES[0], DATES[-1]]]}},
                  "links": links}
    (root / "stac" / "collection.json").write_text(json.dumps(collection))
    return values


@pytest.fixture(scope="module")
def stac_backend(tmp_path_factory):
    from backend.server import start_in_thread
    from backend.settings import BackendSettings

    root = tmp_path_factory.mktemp("data")
    values = _write_catalogue(root)
    server = start_in_thread(BackendSettings(data_dir=str(root), jobs_dir=str(tmp_path_factory.mktemp("jobs"))))
    yield server.url, root, values
    server.stop()


@pytest.mark.slow
def test_load_stac_local_collection_ndvi(stac_backend):
    url, root, values = stac_backend
    conn = openeo.connect(url)
    cube = conn.load_stac("stac/collection.json", temporal_extent=["2023-06-01", "2023-06-30"], bands=["B04", "B08"])
    ndvi = cube.ndvi(nir="B08", red="B04").reduce_dimension(dimension="t", reducer="mean")
    assert conn.validate_process_graph(ndvi) == []
    with rasterio.open(io.BytesIO(ndvi.download(format="GTiff"))) as ds:
        got = ds.read(1)
    steps = []
    for i in (0, 1):  # July is outside the temporal extent
        red = np.where(values[(i, "B04")] == 0, np.nan, values[(i, "B04")].astype(float))
        nir = np.where(values[(i, "B08")] == 0, np.nan, values[(i, "B08")].astype(float))
        steps.append((nir - red) / (nir + red))
    np.testing.assert_allclose(got, np.nanmean(steps, axis=0), rtol=1e-5, atol=1e-6, equal_nan=True)


@pytest.mark.slow
def test_load_stac_refuses_outside_the_data_dir_and_remote_urls(stac_backend):
    url, root, _ = stac_backend
    conn = openeo.connect(url)
    for location, words in (("/etc/passwd", "outside the data directory"), ("../secret.json", "outside the data directory"),
                            ("http://127.0.0.1:9/catalog.json", "OPENEO_BACKEND_ALLOW_NETWORK")):
        with pytest.raises(openeo.rest.OpenEoApiError) as exc:
            conn.load_stac(location).download(format="GTiff")
        assert words in exc.value.message
