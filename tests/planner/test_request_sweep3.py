"""The third sweep (tests/data/planner/request_sweep3.jsonl, run by `benchmarks/request_sweep.py --file 3`) stays at its
dev rate.

114 whole requests in six languages on the windows and methods of events: parts of a month, a bare month labelled as
the before window, "before and after" at the end of a sentence, monsoon composites with Landsat, the burn severity of
a fire month (the fire itself left out: "temporal_avoids"), windows before a collection's record (Landsat for optical
before 2015, a question for radar before October 2014), landslides, lava, volcanic ash and SO2, water-surface words.
They were written before reading the planner code, with real events, and split dev/held by the parity of
sha1(request) before the first run. Only the dev rows are asserted; the held rows are a held-out measure.
Dev was 15/55 (held 27/59) before this sweep's fixes and 52/55 (held 46/59) after them; the dev rows still failing are
place look-ups (a lake's box, a namesake across the ocean)."""

from __future__ import annotations

from sweep_checks import assert_split, dev_rows_and_failures, request_sweep

DEV_FLOOR = 50  # the final dev figure (52/55) minus two rows


def test_the_third_sweep_keeps_its_dev_rate():
    dev, failures = dev_rows_and_failures(request_sweep().SWEEP3)
    assert len(dev) == 55
    assert len(dev) - len(failures) >= DEV_FLOOR, failures


def test_the_third_split_is_the_fixed_rule_of_the_file():
    rows = request_sweep().load_rows(request_sweep().SWEEP3)
    assert_split(rows, 114)
