"""The vectorised NaN-aware median and quantiles against numpy's nanmedian/nanquantile."""

from __future__ import annotations

import warnings

import dask.array as da
import numpy as np
import pytest

from backend.processes import order_stats, reducers


@pytest.fixture(scope="module")
def values() -> np.ndarray:
    rng = np.random.default_rng(11)
    a = rng.normal(size=(9, 30, 40)).astype(np.float32)
    a[rng.random(a.shape) < 0.35] = np.nan
    a[:, 0, :5] = np.nan  # all no-data along t
    a[:8, 1, :5] = np.nan  # one valid value
    a[:7, 2, :5] = np.nan  # two valid values
    return a


@pytest.mark.parametrize("axis", [0, 1, 2, -1])
def test_median_equals_numpy(values, axis):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN slices
        expected = np.nanmedian(values, axis=axis)
    got = order_stats.nanmedian(values, axis=axis)
    assert got.dtype == np.float32 and got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=1e-6, equal_nan=True)
    lazy = order_stats.nanmedian(da.from_array(values, chunks=(2, 15, 20)), axis=axis)
    assert isinstance(lazy, da.Array)
    np.testing.assert_allclose(lazy.compute(), expected, rtol=1e-6, equal_nan=True)
    np.testing.assert_allclose(order_stats.nanmedian(values, axis=axis, keepdims=True),
                               np.expand_dims(expected, axis), rtol=1e-6, equal_nan=True)


@pytest.mark.parametrize("probabilities", [[0.9], [0.1, 0.5, 0.75], [0.0, 1.0]])
def test_quantiles_equal_numpy_linear(values, probabilities):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        expected = np.nanquantile(values, probabilities, axis=0)
    got = reducers.quantiles(values, probabilities=probabilities, axis=0)
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6, equal_nan=True)
    lazy = reducers.quantiles(da.from_array(values, chunks=(3, 10, 40)), probabilities=probabilities, axis=0)
    assert isinstance(lazy, da.Array) and lazy.chunks[1:] == ((10, 10, 10), (40,))  # spatial chunks kept
    np.testing.assert_allclose(lazy.compute(), expected, rtol=1e-5, atol=1e-6, equal_nan=True)


def test_quantiles_replace_the_reduced_axis_as_the_library_does(values):
    from openeo_processes_dask.process_implementations.math import quantiles as library

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        expected = library(values, probabilities=[0.2, 0.8], axis=2)
    np.testing.assert_allclose(reducers.quantiles(values, probabilities=[0.2, 0.8], axis=2), expected, rtol=1e-5, atol=1e-6, equal_nan=True)
