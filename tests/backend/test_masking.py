"""`mask` gives the library's result without computing anything while the graph is built."""

import dask
import dask.array as da
import numpy as np
import pandas as pd
import xarray as xr
from openeo_processes_dask.process_implementations.cubes.mask import mask as library_mask

from backend.processes.masking import _same_grid, mask


def _cube(values: np.ndarray, bands: list[str]) -> xr.DataArray:
    t, b, y, x = values.shape
    return xr.DataArray(
        da.from_array(values, chunks=(1, b, y, x)),
        dims=("t", "bands", "y", "x"),
        coords={"t": pd.date_range("2023-06-01", periods=t, freq="5D"), "bands": bands,
                "y": np.arange(y)[::-1] * 10.0, "x": np.arange(x) * 10.0},
    )


def _data_and_scl_mask():
    rng = np.random.default_rng(3)
    data = _cube(rng.integers(1, 5000, (3, 2, 8, 9)).astype("float32"), ["B04", "B08"])
    scl = _cube(rng.integers(0, 12, (3, 1, 8, 9)).astype("float32"), ["SCL"]).isel(bands=0, drop=True)
    cloudy = (scl == 3) | (scl == 8) | (scl == 9) | (scl == 10)
    return data, cloudy, scl


def test_same_result_as_the_library_for_boolean_numeric_and_null_masks():
    data, cloudy, scl = _data_and_scl_mask()
    expected = library_mask(data=data, mask=cloudy).transpose(*data.dims)
    xr.testing.assert_allclose(mask(data, cloudy).compute(), expected.compute())

    numeric = scl.where(scl != 4)  # NaN where class 4: a null mask pixel leaves data unchanged
    expected = library_mask(data=data, mask=numeric, replacement=-1).transpose(*data.dims)
    got = mask(data, numeric, replacement=-1).compute()
    xr.testing.assert_allclose(got, expected.compute())
    assert (got.where(numeric.notnull() & (numeric != 0)) == -1).sum() > 0


def test_building_the_masked_cube_computes_nothing():
    data, cloudy, _ = _data_and_scl_mask()
    computed = []

    def count(*args, **kwargs):
        computed.append(1)
        return dask.get(*args, **kwargs)

    with dask.config.set(scheduler=count):
        out = mask(data, cloudy)
    assert computed == [] and isinstance(out.data, da.Array)
    assert float(out.isnull().mean()) > 0.2  # about a third of the SCL classes are cloud/shadow


def test_masks_on_another_grid_or_with_other_bands_are_left_to_the_library():
    data, cloudy, _ = _data_and_scl_mask()
    assert _same_grid(data, cloudy)
    assert not _same_grid(data, cloudy.isel(x=slice(0, 8)))  # the library resamples it onto data
    assert not _same_grid(data, cloudy.assign_coords(x=cloudy.x + 5.0))
    assert not _same_grid(data, cloudy.expand_dims(z=[0]))


def test_nan_masking_of_floats_keeps_every_value_bit_for_bit_and_the_cube_metadata():
    values = np.array([np.nan, np.inf, -np.inf, -0.0, 0.0, 1e-45, 3.4e38, -7.25, 0.5], dtype="float32")
    data = _cube(np.broadcast_to(values, (3, 2, 8, 9)).copy(), ["B04", "B08"])
    data.attrs, data.name = {"crs": "EPSG:32632", "nodata": float("nan")}, "SENTINEL2_L2A"
    _, cloudy, _ = _data_and_scl_mask()
    for masking in (cloudy, cloudy.compute()):  # lazy and numpy masks
        got = mask(data, masking)
        assert got.dtype == np.float32 and got.dims == data.dims and got.attrs == data.attrs and got.name == data.name
        expected = data.where(~masking).transpose(*data.dims).values
        assert got.values.tobytes() == expected.tobytes()  # -0.0 stays -0.0, inf stays inf
        assert np.isnan(got.values[:, 0][cloudy.values]).all()
