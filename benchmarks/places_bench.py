"""Place lookups: the prebuilt SQLite index against the previous in-memory gazetteer, in one run.

The baseline is the implementation before the index (tools/places.py and tools/regions.py at
BASELINE_COMMIT, read with `git show` into a temporary package). Each measurement starts a fresh
interpreter, so "cold" is what the first find_place of a process costs:

    python benchmarks/places_bench.py            # prints a table and the ratios

Figures: first lookup (import + first find, cold process), warm lookups (mean of 200 after the
first), and the process's resident memory after the lookups (max RSS).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE_COMMIT = "e70e820"  # the last commit with the in-memory gazetteer
NAMES = ["Leuven", "Zahlé, Lebanon", "Paris, Texas", "Kathmandu", "Bavaria", "An Giang", "Spain", "Hortobagy",
         "Valencia, Spain", "São Paulo"]

PROBE = r"""
import json, resource, sys, time
sys.path.insert(0, {path!r})
t0 = time.perf_counter()
from tools.places import find_place
t1 = time.perf_counter()
find_place({first!r})
t2 = time.perf_counter()
names = {names!r}
t3 = time.perf_counter()
for i in range(200):
    find_place(names[i % len(names)])
t4 = time.perf_counter()
print(json.dumps({{"import_s": t1 - t0, "first_s": t2 - t1, "warm_ms": (t4 - t3) / 200 * 1000,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def baseline_tree(tmp: Path) -> Path:
    (tmp / "tools").mkdir(parents=True)
    for rel in ("tools/__init__.py", "tools/places.py", "tools/regions.py", "tools/models.py"):
        text = subprocess.run(["git", "show", f"{BASELINE_COMMIT}:{rel}"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout
        (tmp / rel).write_text(text)
    return tmp


def probe(path: Path) -> dict:
    code = PROBE.format(path=str(path), first=NAMES[0], names=NAMES)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=path)
    return json.loads(out.stdout.strip().splitlines()[-1])


def median(runs: list[dict], key: str) -> float:
    vals = sorted(r[key] for r in runs)
    return vals[len(vals) // 2]


def main(repeats: int = 3) -> None:
    subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r}); "
                    "from tools.places import find_place; find_place('Leuven')"], check=True)  # the index exists
    with tempfile.TemporaryDirectory() as tmp:
        old_root = baseline_tree(Path(tmp))
        old = [probe(old_root) for _ in range(repeats)]
        new = [probe(ROOT) for _ in range(repeats)]
    print(f"{'':28}{'in-memory (before)':>20}{'SQLite index':>16}{'ratio':>10}")
    for key, label, unit in [("first_s", "first lookup, cold", "s"), ("warm_ms", "warm lookup", "ms"),
                             ("rss_mb", "process RSS", "MB"), ("import_s", "import tools.places", "s")]:
        a, b = median(old, key), median(new, key)
        print(f"{label + ' (' + unit + ')':28}{a:>20.4f}{b:>16.4f}{a / b if b else float('inf'):>9.1f}x")


if __name__ == "__main__":
    main()
