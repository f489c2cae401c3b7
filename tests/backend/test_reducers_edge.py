"""first/last reduce lazily over an axis, skip no-data, and take `keepdims` as reduce_dimension passes it."""

import dask.array as da
import numpy as np

from backend.processes.reducers import first, last

NAN = np.nan
CUBE = np.array([[[NAN, 2.0], [NAN, NAN]],
                 [[1.0, NAN], [NAN, 7.0]],
                 [[3.0, 4.0], [NAN, 8.0]]])  # (t, y, x)


def test_first_and_last_skip_nodata_along_time():
    np.testing.assert_array_equal(first(CUBE, axis=0), [[1.0, 2.0], [NAN, 7.0]])
    np.testing.assert_array_equal(last(CUBE, axis=0), [[3.0, 4.0], [NAN, 8.0]])
    np.testing.assert_array_equal(first(CUBE, axis=0, ignore_nodata=False), CUBE[0])


def test_dask_stays_lazy_and_keepdims_keeps_the_axis():
    lazy = da.from_array(CUBE, chunks=(1, 1, 2))
    out = first(lazy, axis=0, keepdims=True)
    assert isinstance(out, da.Array) and out.shape == (1, 2, 2)
    np.testing.assert_array_equal(out.compute()[0], [[1.0, 2.0], [NAN, 7.0]])
    np.testing.assert_array_equal(last(lazy, axis=-3).compute(), [[3.0, 4.0], [NAN, 8.0]])


def test_plain_lists():
    assert first([None, 2, 3]) == 2 and last([1, 2, None]) == 2
    assert first([None, 2], ignore_nodata=False) is None
