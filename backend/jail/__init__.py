"""The operating-system jail for untrusted code (generated scripts and UDFs).

Dependency-free within the project (standard library and pydantic): tools/sandbox runs drafted
code with it and backend/udf runs UDFs with it; backend/ never imports tools/ or agent/.

    detect() -> Isolation                 which isolation this machine gives (probed once)
    Entry(packages, module, env)           what to run: `module.main(stdin, stdout)` per run
    run_once(entry, payload, limits)       a cold run -> Outcome (capped stdout/stderr, wall time)
    WarmWorker(entry).run(payload, limits) a run forked from a resident jail, or None (run cold)
    run(worker, entry, payload, limits)    warm when possible, else cold
"""

from backend.jail.cold import Entry, run_once
from backend.jail.detect import NO_BWRAP_ENV, NO_NAMESPACES_ENV, detect
from backend.jail.models import NOBODY, Isolation, Limits, Outcome
from backend.jail.warm import WarmWorker, run

__all__ = ["Entry", "Isolation", "Limits", "NOBODY", "NO_BWRAP_ENV", "NO_NAMESPACES_ENV", "Outcome",
           "WarmWorker", "detect", "run", "run_once"]
