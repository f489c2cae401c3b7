"""The simulated Earth's array contract, determinism and seamlessness, for every catalog collection."""

from __future__ import annotations

import dask.array as da
import numpy as np
import pytest

from backend.catalog import load_catalog
from backend.datasources.base import DataRequest, DataSource, DataSourceRegistry, NoDataError
from backend.datasources.simulated import SimulatedEarth

CATALOG = load_catalog()


def request(collection: str, bbox, start, end, bands=None, **kw) -> DataRequest:
    spec = CATALOG[collection]
    return DataRequest(collection=spec, bbox=bbox, start=start, end=end, bands=bands or spec.band_names, **kw)


def window(collection: str) -> tuple[str, str]:
    """A month inside the collection's temporal extent."""
    start, end = CATALOG[collection].temporal_extent
    if end is None or end[:10] >= "2021-04-01":
        return ("2021-03-01", "2021-04-01") if start[:10] <= "2021-03-01" else (start[:10], start[:8] + "28")
    return end[:8] + "01", end[:10]


@pytest.mark.parametrize("collection", sorted(CATALOG))
def test_every_collection_honours_the_array_contract(collection):
    earth = SimulatedEarth(CATALOG)
    assert isinstance(earth, DataSource) and earth.simulated and earth.name == "simulated"
    start, end = window(collection)
    req = request(collection, (5.0, 51.0, 5.02, 51.015), start, end)
    assert earth.covers(req)
    cube = earth.load(req)
    assert isinstance(cube.data, da.Array)  # lazy
    assert cube.dims == ("t", "bands", "y", "x")
    assert list(cube.bands.values) == req.bands
    assert cube.attrs["simulated"] is True and cube.attrs["collection_id"] == collection
    assert cube.attrs["crs"].startswith("EPSG:")
    t = cube.t.values
    assert t.dtype.kind == "M" and len(t) >= 1 and (np.diff(t) > np.timedelta64(0)).all()
    assert t[0] >= np.datetime64(start) and t[-1] < np.datetime64(end)
    assert (np.diff(cube.y.values) < 0).all() and (np.diff(cube.x.values) > 0).all()
    values = cube.values
    spec = CATALOG[collection]
    assert values.dtype == np.result_type(*[np.dtype(b.dtype) for b in spec.bands])
    if CATALOG[collection].revisit_days is None:
        assert len(t) == 1
    for i, band in enumerate(spec.bands):  # every band holds something, in its dtype's range
        v = values[:, i].astype(float)
        assert np.isfinite(v).any(), band.name
        if np.issubdtype(np.dtype(band.dtype), np.integer):
            info = np.iinfo(np.dtype(band.dtype))
            assert np.nanmin(v) >= info.min and np.nanmax(v) <= info.max, band.name


def test_same_request_gives_identical_bytes():
    req = request("SENTINEL2_L2A", (11.3, 46.47, 11.33, 46.49), "2022-06-01", "2022-06-20", ["B04", "B08", "SCL"])
    first = SimulatedEarth(CATALOG).load(req).values
    second = SimulatedEarth(CATALOG).load(req).compute(scheduler="synchronous").values
    assert first.tobytes() == second.tobytes()
    other_seed = SimulatedEarth(CATALOG, seed=1).load(req).values
    assert other_seed.tobytes() != first.tobytes()


def test_overlapping_windows_agree_pixel_for_pixel():
    earth = SimulatedEarth(CATALOG)
    a = earth.load(request("SENTINEL2_L2A", (11.30, 46.47, 11.34, 46.50), "2022-06-01", "2022-06-15", ["B02", "B08", "SCL"]))
    b = earth.load(request("SENTINEL2_L2A", (11.32, 46.48, 11.36, 46.51), "2022-06-01", "2022-06-15", ["B02", "B08", "SCL"]))
    assert a.attrs["crs"] == b.attrs["crs"]
    ys = np.intersect1d(a.y.values, b.y.values)
    xs = np.intersect1d(a.x.values, b.x.values)
    assert len(ys) > 50 and len(xs) > 50
    np.testing.assert_array_equal(a.sel(y=ys, x=xs).values, b.sel(y=ys, x=xs).values)
    # Static collections on a geographic grid agree too.
    d1 = earth.load(request("COPERNICUS_30", (7.0, 46.0, 7.05, 46.05), "2021-01-01", "2021-01-02"))
    d2 = earth.load(request("COPERNICUS_30", (7.03, 46.02, 7.08, 46.08), "2021-01-01", "2021-01-02"))
    ys, xs = np.intersect1d(d1.y.values, d2.y.values), np.intersect1d(d1.x.values, d2.x.values)
    np.testing.assert_array_equal(d1.sel(y=ys, x=xs).values, d2.sel(y=ys, x=xs).values)


def test_chunks_are_seamless_and_only_the_window_is_generated():
    earth = SimulatedEarth(CATALOG)
    req = request("SENTINEL2_L2A", (11.2, 46.4, 11.4, 46.55), "2022-06-14", "2022-06-15", ["B08"], resolution_m=10)
    cube = earth.load(req)
    assert len(cube.data.chunks[2]) > 1  # several spatial tiles
    # A tile boundary (row 1024) shows no seam: the jump across it is like any other row step.
    nir = cube.isel(t=0, bands=0, y=slice(1000, 1050)).values.astype(float)
    steps = np.abs(np.diff(nir, axis=0)).mean(axis=1)
    assert steps[23] < 3 * np.median(steps)


def test_unknown_bands_get_generic_values_and_registry_prefers_earlier_sources():
    earth = SimulatedEarth(CATALOG)
    spec = CATALOG["SENTINEL2_L2A"]
    cube = earth.load(DataRequest(collection=spec, bbox=(5.0, 51.0, 5.01, 51.01), start="2022-06-01", end="2022-06-10",
                                  bands=["B04", "NOT_A_BAND"])).values
    assert cube.dtype == np.uint16 and (cube[:, 1] > 0).all()
    registry = DataSourceRegistry()
    registry.register("SENTINEL2_L2A", earth)
    assert registry.resolve(request("SENTINEL2_L2A", (5.0, 51.0, 5.01, 51.01), "2022-06-01", "2022-06-10")) is earth
    with pytest.raises(NoDataError):  # before the mission started
        registry.resolve(request("SENTINEL2_L2A", (5.0, 51.0, 5.01, 51.01), "2014-01-01", "2014-02-01"))
    between_overpasses = request("SENTINEL2_L2A", (5.0, 51.0, 5.01, 51.01), "2022-06-02", "2022-06-03")
    assert earth.covers(between_overpasses)
    with pytest.raises(NoDataError, match="Widen the time window"):
        registry.load(between_overpasses)


def test_revisit_follows_the_missions():
    earth = SimulatedEarth(CATALOG)
    bbox = (-3.0, 10.0, -2.99, 10.01)  # low latitude: no orbit overlap
    gaps = {}
    for cid, start, end in [("SENTINEL2_L2A", "2023-01-01", "2023-03-01"), ("SENTINEL1_GRD", "2020-01-01", "2020-03-01"),
                            ("SENTINEL1_GRD", "2023-01-01", "2023-03-01"), ("LANDSAT8_L2", "2023-01-01", "2023-04-01"),
                            ("SENTINEL3_SLSTR_L2_LST", "2023-01-01", "2023-01-10"), ("SENTINEL_5P_L2", "2023-01-01", "2023-01-10")]:
        t = earth.load(request(cid, bbox, start, end, CATALOG[cid].band_names[:1])).t.values
        gaps[(cid, start[:4])] = set((np.diff(t) / np.timedelta64(1, "D")).astype(int))
    assert gaps[("SENTINEL2_L2A", "2023")] == {5}
    # ascending and descending passes 5-7 days apart; after Sentinel-1B failed one satellite's two passes remain
    assert max(gaps[("SENTINEL1_GRD", "2020")]) <= 6 and min(gaps[("SENTINEL1_GRD", "2020")]) >= 1
    s1_2023 = gaps[("SENTINEL1_GRD", "2023")]
    assert len(s1_2023) <= 2 and s1_2023 <= {5, 6, 7} and (len(s1_2023) == 1 or sum(s1_2023) == 12)
    assert gaps[("LANDSAT8_L2", "2023")] == {8}
    assert gaps[("SENTINEL3_SLSTR_L2_LST", "2023")] == {1} and gaps[("SENTINEL_5P_L2", "2023")] == {1}


def test_identical_bytes_across_processes():
    """No dependence on process state (hash randomisation, RNG, thread timing)."""
    import hashlib
    import os
    import subprocess
    import sys

    code = (
        "import hashlib; from backend.catalog import load_catalog; from backend.datasources.base import DataRequest; "
        "from backend.datasources.simulated import SimulatedEarth; c = load_catalog(); "
        "r = DataRequest(collection=c['SENTINEL_5P_L2'], bbox=(4.0, 50.0, 6.0, 52.0), start='2023-01-01', end='2023-01-04', "
        "bands=['NO2', 'SO2', 'CLOUD_FRACTION']); "
        "print(hashlib.sha256(SimulatedEarth(c).load(r).values.tobytes()).hexdigest())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True,
                         cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    r = request("SENTINEL_5P_L2", (4.0, 50.0, 6.0, 52.0), "2023-01-01", "2023-01-04", ["NO2", "SO2", "CLOUD_FRACTION"])
    here = hashlib.sha256(SimulatedEarth(CATALOG).load(r).values.tobytes()).hexdigest()
    assert out.stdout.strip() == here


def test_recomputing_a_cube_reuses_cached_blocks_with_identical_bytes():
    import pickle

    earth = SimulatedEarth(CATALOG, cache_bytes=64 << 20)
    req = request("SENTINEL2_L2A", (11.3, 46.47, 11.33, 46.49), "2022-06-01", "2022-06-20", ["B04", "B08", "SCL"])
    cube = earth.load(req)
    first = cube.values
    assert earth.cache.nbytes == first.nbytes  # every block kept
    from backend.datasources.simulated import source

    calls = []
    real = source.compute_surface
    source.compute_surface = lambda *a: calls.append(a) or real(*a)
    try:
        again = cube.values
    finally:
        source.compute_surface = real
    assert again.tobytes() == first.tobytes() and again is not first
    assert not calls  # every block cached: no tile surface is computed again
    assert earth.load(req).values.tobytes() == first.tobytes()
    fresh = SimulatedEarth(CATALOG, cache_bytes=0)
    assert fresh.load(req).values.tobytes() == first.tobytes() and fresh.cache.nbytes == 0
    small = SimulatedEarth(CATALOG, cache_bytes=first.nbytes // 2)  # a request larger than the budget: not cached
    assert small.load(req).values.tobytes() == first.tobytes() and small.cache.nbytes == 0
    one_day = request("SENTINEL2_L2A", (11.3, 46.47, 11.33, 46.49), "2022-06-04", "2022-06-07", ["B04", "B08", "SCL"])
    for day in (one_day, req.model_copy(update={"start": "2022-06-07", "end": "2022-06-10"})):  # bounded: old blocks dropped
        small.load(day).values
    assert 0 < small.cache.nbytes <= first.nbytes // 2
    block = next(iter(earth.cache._blocks.values()))
    assert not block.flags.writeable  # shared blocks cannot be changed by whoever received them
    assert pickle.loads(pickle.dumps(cube.data.dask)) is not None  # graphs still go to other processes


def test_whole_long_series_get_smaller_tiles_with_the_same_values(monkeypatch):
    from backend.datasources.simulated import source

    assert source.tile_side(6, 3) == 512 and source.tile_side(2, 1) == 1024 and source.tile_side(365, 2) == source.MIN_TILE
    req = request("SENTINEL1_GRD", (4.70, 50.85, 4.78, 50.90), "2023-01-01", "2023-02-01", ["VV", "VH"])
    big = SimulatedEarth(CATALOG, cache_bytes=0).load(req)
    monkeypatch.setattr(source, "STACK_BYTES", 1 << 20)
    assert SimulatedEarth(CATALOG).load(req).data.chunks == big.data.chunks  # only for whole series
    small = SimulatedEarth(CATALOG, cache_bytes=0).load(req.model_copy(update={"whole_series": True}))
    assert max(small.data.chunks[2]) <= source.MIN_TILE < max(big.data.chunks[2])
    assert small.values.tobytes() == big.values.tobytes()
    # a whole series is one block per tile (all dates), not one per (date, tile)
    assert big.data.chunks[0] == (1,) * big.sizes["t"] and small.data.chunks[0] == (small.sizes["t"],)
    assert len(small.data.__dask_graph__()) == len(small.data.chunks[2]) * len(small.data.chunks[3])


def test_whole_series_tiles_are_cached_and_shared_read_only():
    from backend.datasources.simulated import source

    earth = SimulatedEarth(CATALOG, cache_bytes=64 << 20)
    req = request("SENTINEL2_L2A", (11.3, 46.47, 11.33, 46.49), "2022-06-01", "2022-06-20", ["B04", "B08", "SCL"])
    series = req.model_copy(update={"whole_series": True})
    first = earth.load(series).values
    assert earth.cache.nbytes == first.nbytes
    calls = []
    real = source.compute_surface
    source.compute_surface = lambda *a: calls.append(a) or real(*a)
    try:
        again = earth.load(series).values
    finally:
        source.compute_surface = real
    assert again.tobytes() == first.tobytes() and not calls
    assert all(not block.flags.writeable for block in earth.cache._blocks.values())
    assert SimulatedEarth(CATALOG, cache_bytes=0).load(req).values.tobytes() == first.tobytes()
