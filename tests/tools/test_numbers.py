import math

import pytest

from tools.numbers import short_number
from tools.summary_models import TableSummary


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (11139.84, "11140"),  # an area in hectares, not 1.114e+04
        (3337.0, "3337"),
        (0.12345, "0.1235"),
        (-0.2734, "-0.2734"),
        (100.0, "100"),
        (0.5, "0.5"),
        (1.2e-05, "1.2e-05"),  # tiny values keep the exponent
        (12345678.9, "1.235e+07"),
        (0.0, "0"),
        (7, "7"),
        (None, "n/a"),
        (math.nan, "nan"),
    ],
)
def test_short_number(value, text):
    assert short_number(value) == text


def test_table_text_reads_without_exponents():
    t = TableSummary(columns=["geometry", "high"], rows=[[0, 11139.84]], n_rows=1, geometries=1)
    assert "11140" in t.to_text() and "e+" not in t.to_text()
