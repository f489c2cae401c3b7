"""The users' sweep (tests/data/planner/request_sweep_users.jsonl, run by `benchmarks/request_sweep.py --file`) stays at
its dev rate.

210 whole requests as five kinds of users type them (a rescue worker in a hurry, a farmer about a field, a journalist,
a researcher with boxes and methods written out, a city planner), in six languages, half outside Europe, with
relative, event and season dates; ten of them lack any place and must be asked back. They were written before reading
the planner code and split dev/held by the parity of sha1(request) before the first run. Only the dev rows are
asserted; the held rows are a held-out measure (run `--held` only to report).
Dev was 77/105 (held 83/105) before this sweep's fixes and 93/105 (held 92/105) after them; most dev rows still failing
are place look-ups and product words other sessions work on."""

from __future__ import annotations

from sweep_checks import assert_split, dev_rows_and_failures, request_sweep

DEV_FLOOR = 91  # the final dev figure (93/105) minus two rows


def test_the_users_sweep_keeps_its_dev_rate():
    dev, failures = dev_rows_and_failures(request_sweep().USERS)
    assert len(dev) == 105
    assert len(dev) - len(failures) >= DEV_FLOOR, failures


def test_the_users_split_is_the_fixed_rule_of_the_file():
    rows = request_sweep().load_rows(request_sweep().USERS)
    assert_split(rows, 210)
    for row in rows:
        assert row["asks"] is True if "asks" in row else row["expect"]
