"""array_element on Dask arrays: the element of an unchunked axis is a view of each block (what a
reducer over bands does), with the values and chunks of numpy's take; other cases go to the library."""

from __future__ import annotations

import dask.array as da
import numpy as np
import pytest
from openeo_processes_dask.process_implementations.exceptions import ArrayElementNotAvailable

from backend.processes.cubes import array_element

VALUES = np.arange(2 * 3 * 4 * 5, dtype=np.float32).reshape(2, 3, 4, 5)


@pytest.mark.parametrize("axis", [0, 1, 2, 3])
def test_every_element_of_every_axis_matches_numpy(axis):
    cube = da.from_array(VALUES, chunks=(1, 3, 2, 5))  # axes 1 and 3 unchunked, 0 and 2 chunked
    for index in range(VALUES.shape[axis]):
        got = array_element(cube, index=index, axis=axis)
        assert got.chunks == tuple(c for i, c in enumerate(cube.chunks) if i != axis)
        np.testing.assert_array_equal(got.compute(), np.take(VALUES, index, axis=axis))


def test_the_element_of_an_unchunked_axis_shares_the_block():
    block = VALUES.copy()
    cube = da.Array({("source", 0, 0, 0, 0): block}, "source", chunks=tuple((n,) for n in block.shape), dtype=block.dtype)
    element = array_element(cube, index=2, axis=1)
    shared = element.map_blocks(lambda b: np.full(b.shape, np.shares_memory(b, block)), dtype=bool)
    assert shared.compute(scheduler="sync").all()  # the next step reads the block itself: no copy of the band


def test_outside_the_axis_is_still_an_openeo_error_or_nodata():
    cube = da.from_array(VALUES, chunks=(1, 3, 2, 5))
    with pytest.raises((ArrayElementNotAvailable, IndexError)):
        array_element(cube, index=3, axis=1).compute()
    assert np.isnan(array_element(cube, index=3, axis=1, return_nodata=True).compute()).all()
