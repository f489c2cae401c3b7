"""Acquisitions from a STAC item search: the embedded backend's own items over HTTP, and a
CDSE-like STAC API (a fake one on loopback) with paging, tiles folded into days, cloud cover and
the nearest days around an empty window."""

from __future__ import annotations

from datetime import date

import pytest
import requests

from fake_stac import FakeStac, item
from tools.acquisitions import CDSE_STAC, SessionSearch, StacSource, find_acquisitions, stac_source_for

LEUVEN = (4.70, 50.87, 4.71, 50.88)


class Failed(Exception):
    pass


def http() -> SessionSearch:
    return SessionSearch(requests.Session(), Failed)


def test_cdse_is_searched_in_its_stac_catalogue_with_its_ids():
    source = stac_source_for("https://openeo.dataspace.copernicus.eu/openeo/1.2", {"endpoints": [{"path": "/collections", "methods": ["GET"]}]})
    assert source is not None and source.url == CDSE_STAC and source.kind == "search"
    assert source.stac_id("SENTINEL2_L2A") == "sentinel-2-l2a"
    assert stac_source_for("https://openeo.example.org/openeo/1.2", {"endpoints": []}) is None
    own = stac_source_for("http://127.0.0.1:1/openeo/1.2", {"endpoints": [{"path": "/collections/{collection_id}/items", "methods": ["GET"]}]})
    assert own is not None and own.kind == "items"


def test_stac_search_folds_tiles_into_days_pages_and_keeps_the_clearest():
    items = [item("sentinel-2-l2a", f"2023-06-{d:02d}T10:56:{t:02d}Z", cloud=c, tile=f"T{t}")
             for d, clouds in ((2, (80.0, 12.5)), (7, (3.0,)), (12, (55.0, 60.0, 40.0))) for t, c in enumerate(clouds)]
    items += [item("sentinel-1-grd", "2023-06-05T05:50:00Z"), item("sentinel-2-l2a", "2023-06-20T10:56:00Z", bbox=(10, 45, 11, 46))]
    items += [item("sentinel-2-l2a", f"2023-05-{d:02d}T10:56:00Z") for d in range(1, 32)]  # more than one page in May
    with FakeStac(items) as stac:
        source = StacSource(url=stac.url, collections={"SENTINEL2_L2A": "sentinel-2-l2a"})
        june = find_acquisitions(http(), source, "SENTINEL2_L2A", LEUVEN, date(2023, 6, 1), date(2023, 7, 1))
        assert [a.day.isoformat() for a in june.days] == ["2023-06-02", "2023-06-07", "2023-06-12"]
        assert [a.items for a in june.days] == [2, 1, 3] and [a.cloud_cover for a in june.days] == [12.5, 3.0, 40.0]
        assert stac.searches[0]["collections"] == ["sentinel-2-l2a"] and stac.searches[0]["bbox"] == list(LEUVEN)
        assert stac.searches[0]["datetime"] == "2023-06-01T00:00:00Z/2023-06-30T23:59:59Z"
        text = june.to_text()
        assert "3 acquisition day(s): 2023-06-02 (12% cloud), 2023-06-07 (3% cloud), 2023-06-12 (40% cloud)" in text
        may = find_acquisitions(http(), StacSource(url=stac.url, collections={"SENTINEL2_L2A": "sentinel-2-l2a"}),
                                "SENTINEL2_L2A", LEUVEN, date(2023, 5, 1), date(2023, 6, 1))
        assert len(may.days) == 31 and may.complete
        searches_before = len(stac.searches)
        empty = find_acquisitions(http(), source, "SENTINEL2_L2A", LEUVEN, date(2023, 6, 8), date(2023, 6, 12))
        assert empty.days == [] and empty.nearest_before.day == date(2023, 6, 7) and empty.nearest_after.day == date(2023, 6, 12)
        assert len(stac.searches) == searches_before + 3  # the window, then before and after
        assert "no acquisition. Nearest: 2023-06-07 (3% cloud) and 2023-06-12 (40% cloud)." in empty.to_text()


def test_paging_follows_post_next_links():
    items = [item("sentinel-1-grd", f"2023-{m:02d}-{d:02d}T05:50:00Z") for m in range(1, 13) for d in (3, 15, 27)]
    with FakeStac(items) as stac:
        source = StacSource(url=stac.url, collections={"SENTINEL1_GRD": "sentinel-1-grd"})
        from tools import acquisitions

        year = acquisitions.find_acquisitions(http(), source, "SENTINEL1_GRD", LEUVEN, date(2023, 1, 1), date(2024, 1, 1))
        assert len(year.days) == 36
        stac.searches.clear()
        features, complete = acquisitions._features(http(), source, "SENTINEL1_GRD", LEUVEN, date(2023, 1, 1), date(2024, 1, 1), limit=5)
        assert len(features) == 36 and complete
        assert [s.get("token") for s in stac.searches] == [None, 5, 10, 15, 20, 25, 30, 35]


def test_a_failing_catalogue_is_one_sentence():
    with FakeStac([]) as stac:
        source = StacSource(url=stac.url + "/missing")
        with pytest.raises(Failed, match="HTTP 404 to POST /v1/missing/search"):
            find_acquisitions(http(), source, "SENTINEL2_L2A", LEUVEN, date(2023, 6, 1), date(2023, 7, 1))


def test_the_embedded_backend_lists_what_a_load_gets(backend_url):
    capabilities = requests.get(backend_url + "/", timeout=30).json()
    assert capabilities["openeo_agent:validation"] == ["availability", "sample"]
    source = stac_source_for(backend_url, capabilities)
    assert source is not None and source.kind == "items"
    found = find_acquisitions(http(), source, "SENTINEL2_L2A", LEUVEN, date(2021, 6, 1), date(2021, 7, 1))
    assert found.simulated is True and 6 <= len(found.days) <= 12 and found.source == "the backend"
    empty = find_acquisitions(http(), source, "SENTINEL2_L2A", LEUVEN, date(2021, 6, 18), date(2021, 6, 19))
    assert empty.days == [] and empty.nearest_before and empty.nearest_after
    assert empty.nearest_before.day < date(2021, 6, 18) <= empty.nearest_after.day


CDSE_LIKE = '''import openeo

connection = openeo.connect("https://openeo.dataspace.copernicus.eu")
connection.authenticate_oidc()
cube = connection.load_collection("SENTINEL2_L2A", spatial_extent={"west": 4.70, "south": 50.87, "east": 4.71, "north": 50.88},
                                  temporal_extent=WINDOW, bands=["B04", "B08"])
cube.ndvi(nir="B08", red="B04").max_time().download("ndvi.tif")
'''


def cdse_like():
    """A fake openEO backend: no items endpoint, a /validation that finds nothing wrong, GTiff output."""
    import json

    from fake_backend import Behaviour, FakeBackend

    formats = {"input": {}, "output": {"GTiff": {"gis_data_types": ["raster"], "parameters": {}}}}
    return FakeBackend({("GET", "/file_formats"): [Behaviour(body=json.dumps(formats).encode())]})


def test_a_backend_that_does_not_check_windows_is_checked_by_stac_search(tmp_path):
    """An openEO backend like CDSE (no items endpoint, /validation blind to data) and a STAC API:
    run_openeo_code reports the empty window with the nearest days, find_acquisitions lists them."""
    from tools.code import run_openeo_code
    from tools.context import BackendRef, RunFolder, ToolContext
    from tools.models import ToolOptions

    items = [item("sentinel-2-l2a", f"2023-06-{d:02d}T10:56:00Z", cloud=c) for d, c in ((2, 70.0), (7, 4.0), (12, 35.0))]
    with cdse_like() as backend, FakeStac(items) as stac:
        options = ToolOptions(stac_url=stac.url, stac_collections={"SENTINEL2_L2A": "sentinel-2-l2a"})
        ctx = ToolContext(BackendRef(url=backend.url), RunFolder(tmp_path / "run"), options=options)
        empty = run_openeo_code(CDSE_LIKE.replace("WINDOW", '["2023-06-08", "2023-06-11"]'), ctx)
        assert empty.status == "INVALID", empty.to_text()
        message = empty.issues[0].message
        assert empty.issues[0].code == "NoDataAvailable" and "from 2023-06-08 to 2023-06-11" in message
        assert "Nearest: 2023-06-07 and 2023-06-12" in message and 'temporal_extent=["2023-06-07", "2023-06-08"]' in message
        assert "find_acquisitions" in message and stac.searches[0]["collections"] == ["sentinel-2-l2a"]
        assert backend.count("POST", "/validation") == 1  # the backend validated first, then the catalogue was asked
        fixed = run_openeo_code(CDSE_LIKE.replace("WINDOW", '["2023-06-07", "2023-06-08"]'), ctx)
        assert fixed.status == "VALID", fixed.to_text()
        from tools.acquisitions import find_acquisitions_tool

        listed = find_acquisitions_tool("SENTINEL2_L2A", (4.70, 50.87, 4.71, 50.88), "2023-06-01", "2023-07-01", ctx).to_text()
        assert "3 acquisition day(s): 2023-06-02 (70% cloud), 2023-06-07 (4% cloud), 2023-06-12 (35% cloud)" in listed
        with pytest.raises(Exception, match="no collection 'SENTINEL2_L3'. Did you mean SENTINEL2_L2A"):
            find_acquisitions_tool("SENTINEL2_L3", (4.70, 50.87, 4.71, 50.88), "2023-06-01", "2023-07-01", ctx)
        with pytest.raises(Exception, match="for the one day 2023-06-07 give end 2023-06-08"):
            find_acquisitions_tool("SENTINEL2_L2A", (4.70, 50.87, 4.71, 50.88), "2023-06-07", "2023-06-07", ctx)


def test_without_any_catalogue_the_tool_says_so(tmp_path):
    from tools.acquisitions import find_acquisitions_tool
    from tools.code import run_openeo_code
    from tools.context import BackendRef, RunFolder, ToolContext
    from tools.models import ToolError

    with cdse_like() as backend:
        ctx = ToolContext(BackendRef(url=backend.url), RunFolder(tmp_path / "run"))
        with pytest.raises(ToolError) as info:
            find_acquisitions_tool("SENTINEL2_L2A", (4.70, 50.87, 4.71, 50.88), "2023-06-01", "2023-07-01", ctx)
        assert info.value.code == "AcquisitionsUnavailable" and info.value.who == "model"
        # validation still works: no catalogue, no check, the graph is VALID as the backend says
        assert run_openeo_code(CDSE_LIKE.replace("WINDOW", '["2023-06-08", "2023-06-11"]'), ctx).status == "VALID"
