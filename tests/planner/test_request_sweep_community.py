"""The community sweep (tests/data/planner/request_sweep_community.jsonl, `benchmarks/request_sweep.py --file community`)
stays at its dev rate.

126 requests derived from real openEO material (the openeo-community-examples notebooks, CDSE samples and docs, the
Python client's docs, issue threads; each row names its `source`), written before reading the planner code and split
dev/held by the parity of sha1(request) before the first run. Only the dev rows are asserted. Dev was 42/58 (held
48/68) before its fixes and 58/58 (held 56/68) after them."""

from __future__ import annotations

from sweep_checks import assert_split, dev_rows_and_failures, request_sweep

DEV_FLOOR = 56  # the final dev figure (58/58) minus two rows


def test_the_community_sweep_keeps_its_dev_rate():
    dev, failures = dev_rows_and_failures(request_sweep().COMMUNITY)
    assert len(dev) == 58
    assert len(dev) - len(failures) >= DEV_FLOOR, failures


def test_the_community_split_is_the_fixed_rule_of_the_file():
    rows = request_sweep().load_rows(request_sweep().COMMUNITY)
    assert_split(rows, 126)
    assert all(row.get("source") for row in rows)
