"""A daily series per part of a region (`aggregate_temporal_period(period="day")` then `aggregate_spatial` over a
parts file): the backend's long CSV (name, t, bands, value) with openEO's day-of-year labels ("2025-031").
Played through the LLM relay, render_map failed on it ('Month out of range in datetime string "2025-001"')
and the summary counted every row as a geometry."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from tools.maps import _chart, label_dates
from tools.result_kind import ResultDescription
from tools.result_summary import _table
from tools.results import read_timeseries

NAMES = ["Delft", "Gouda", "Leiden"]


@pytest.fixture()
def long_csv(tmp_path):
    lines = ["name,t,bands,value"]
    for k, name in enumerate(NAMES):
        for day in (1, 2, 3, 31):
            value = "" if (name, day) == ("Gouda", 2) else f"{(k + 1) * 1e-5 + day * 1e-7:.8e}"
            lines.append(f"{name},2025-{day:03d},NO2,{value}")
    path = tmp_path / "no2_per_gemeente.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_long_table_per_part_reads_as_one_series_per_part(long_csv):
    ts = read_timeseries(long_csv)
    assert ts.dates == ["2025-001", "2025-002", "2025-003", "2025-031"]
    assert ts.columns == ["Delft NO2", "Gouda NO2", "Leiden NO2"]
    assert ts.values[0][0] == pytest.approx(1e-5 + 1e-7)
    assert ts.values[1][1] is None  # Gouda's missing day stays missing, not shifted
    assert ts.values[3][2] == pytest.approx(3e-5 + 31e-7)


def test_a_one_geometry_long_table_is_one_column_per_band(tmp_path):
    path = tmp_path / "ts.csv"
    path.write_text("feature_index,t,bands,value\n0,2023-06-01,VV,-11.5\n0,2023-06-01,VH,-18.0\n0,2023-06-13,VV,-12.0\n"
                    "0,2023-06-13,VH,-18.5\n")
    ts = read_timeseries(path)
    assert ts.dates == ["2023-06-01", "2023-06-13"] and sorted(ts.columns) == ["VH", "VV"]
    assert ts.values[1][ts.columns.index("VH")] == -18.5


def test_a_table_per_part_without_dates_is_one_row_per_part_all_valid(tmp_path):
    # "valid=33%" for nine Bundesländer, each with its value: the names were read as dates and as columns
    from tools.results import read_stats

    path = tmp_path / "no2_per_bundesland.csv"
    names = ["Burgenland", "Niederösterreich", "Wien"]
    path.write_text("name,bands,value\n" + "".join(f"{n},NO2,{(i + 1) * 1e-5}\n" for i, n in enumerate(names)))
    ts = read_timeseries(path)
    assert ts.dates == names and ts.columns == ["NO2"]  # whole names, not cut to ten letters like a date
    assert [v[0] for v in ts.values] == pytest.approx([1e-5, 2e-5, 3e-5])
    assert read_stats(path, "text/csv").valid_fraction == 1.0


def test_period_labels_become_dates_only_when_they_name_a_day():
    assert list(label_dates(["2025-001", "2025-031", "2024-366"])) == [np.datetime64(date(2025, 1, 1)),
                                                                       np.datetime64(date(2025, 1, 31)),
                                                                       np.datetime64(date(2024, 12, 31))]
    assert list(label_dates(["2023-06-01T00:00:00Z", "2023-06-13"])) == [np.datetime64("2023-06-01"),
                                                                         np.datetime64("2023-06-13")]
    assert label_dates(["2025-01", "2025-02"]) is None  # a month, a week or a dekad: no single day
    assert label_dates(["2023-djf", "2023-mam"]) is None
    assert label_dates(["2023-400"]) is None


def test_the_chart_of_a_series_per_part_is_drawn(long_csv, tmp_path):
    out = tmp_path / "chart.png"
    desc = ResultDescription(kind="timeseries", label="Time series of NO2", has_time=True)
    _chart(long_csv, out, desc, "mol/m2", simulated=True)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_chart_of_week_labels_is_drawn_with_the_labels(tmp_path):
    path = tmp_path / "weeks.csv"
    path.write_text("t,NDVI\n2023-22,0.61\n2023-23,0.64\n2023-24,0.66\n")
    out = tmp_path / "chart.png"
    _chart(path, out, ResultDescription(kind="timeseries", label="NDVI", has_time=True), None, simulated=False)
    assert out.stat().st_size > 1000


def test_the_table_summary_counts_parts_not_rows_and_keeps_their_names(long_csv):
    summary, rows = _table(long_csv)
    assert summary.geometries == 3 and len(summary.dates) == 4 and summary.n_rows == 12
    assert {r[0] for r in rows} == set(NAMES)
    assert summary.to_text().startswith("Table: 3 geometries x 4 dates (2025-001 to 2025-031), 12 rows")
