"""Evaluation: cases (JSON lines), checks on a final process graph, and the harness that runs
each case through the full agent and reports per-check pass rates."""
