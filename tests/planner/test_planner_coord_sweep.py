"""The generated coordinate-notation sweep (coord_sweep.py) as a guard: the dev cases keep their rate.

Only the dev cases (even case index) are asserted. The held cases (odd index) stay in the generator but are
not run here, so they remain held out for the next session too: whoever fixes coordinate readers next looks
at dev failures only (benchmarks/coords_sweep.py --failures) and reports held at the end (--held).
"""

from __future__ import annotations

from coord_sweep import N_CASES, check, make_case

from agent.planner.coords import find_coordinates

DEV_FLOOR = 0.98  # final dev rate 370/370 on branch sweep-coords, minus a small margin


def test_sweep_dev_rate_stays():
    dev = [make_case(i) for i in range(0, N_CASES, 2)]
    assert all(c.split == "dev" for c in dev)
    failed = [(c.notation, c.text) for c in dev if not check(c, find_coordinates(c.text))[0]]
    rate = 1 - len(failed) / len(dev)
    assert rate >= DEV_FLOOR, failed[:10]
