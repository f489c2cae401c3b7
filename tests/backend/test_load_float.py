"""load_collection's float cube: float32 digital numbers with the nodata value as NaN, the same
on Dask and numpy, without writing into the source's (possibly shared, read-only) blocks."""

from __future__ import annotations

import dask.array as da
import numpy as np
import pytest
import xarray as xr

from backend.catalog import load_catalog
from backend.processes.load import to_float_cube

S2 = load_catalog()["SENTINEL2_L2A"]


def raw(values: np.ndarray, nodata, lazy: bool) -> xr.DataArray:
    data = da.from_array(values, chunks=(1, 2, 2, 3)) if lazy else values
    return xr.DataArray(data, dims=("t", "bands", "y", "x"),
                        coords={"t": np.arange(values.shape[0]), "bands": ["B04", "B08"], "y": [1.0, 0.0], "x": [0.0, 1.0, 2.0]},
                        attrs={"nodata": nodata, "crs": "EPSG:32631"})


@pytest.mark.parametrize("lazy", [True, False])
def test_integers_become_float32_with_nodata_as_nan(lazy):
    values = np.array([[[[0, 1, 2], [3, 0, 65535]], [[7, 0, 9], [10, 11, 0]]]] * 2, dtype=np.uint16)
    values.flags.writeable = False  # as the simulated Earth's cached blocks
    cube = to_float_cube(raw(values, 0, lazy), S2)
    assert isinstance(cube.data, da.Array) is lazy
    out = cube.values
    assert out.dtype == np.float32
    expected = np.where(values == 0, np.nan, values.astype(np.float32)).astype(np.float32)
    np.testing.assert_array_equal(out, expected)
    assert np.isnan(cube.attrs["nodata"]) and list(cube["common_name"].values) == ["red", "nir"]
    assert "spatial_ref" in cube.coords


@pytest.mark.parametrize("lazy", [True, False])
def test_floats_keep_their_values_and_a_nan_nodata_changes_nothing(lazy):
    values = np.arange(24, dtype=np.float64).reshape(2, 2, 2, 3) - 3.0
    out = to_float_cube(raw(values, -3.0, lazy), S2).values
    assert out.dtype == np.float32 and np.isnan(out.flat[0]) and np.array_equal(out.ravel()[1:], values.ravel()[1:].astype(np.float32))
    floats = values.astype(np.float32)
    kept = to_float_cube(raw(floats, float("nan"), lazy), S2).values
    np.testing.assert_array_equal(kept, floats)
