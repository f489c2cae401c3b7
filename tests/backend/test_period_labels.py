"""aggregate_temporal_period labels follow the spec, and JSON time series turn them into timestamps."""

import numpy as np
import pandas as pd
import xarray as xr

from backend.processes.cubes import aggregate_temporal_period
from backend.processes.save import _label_timestamp


def test_day_labels_are_day_of_year_as_the_spec_writes_them():
    cube = xr.DataArray(np.arange(4.0), dims=("t",), coords={"t": pd.date_range("2024-01-31", periods=4, freq="D")})
    out = aggregate_temporal_period(cube, period="day", reducer=lambda data, axis=None, **kw: np.nanmean(data, axis=axis))
    assert list(out["t"].values) == ["2024-031", "2024-032", "2024-033", "2024-034"]


def test_json_keys_are_the_periods_start():
    assert _label_timestamp("2024-032") == "2024-02-01T00:00:00Z"
    assert _label_timestamp("2024-02-01-13") == "2024-02-01T13:00:00Z"
    assert _label_timestamp(np.datetime64("2024-02-01T00:00:00")) == "2024-02-01T00:00:00Z"
    assert _label_timestamp("2023-djf") == "2023-djf"
