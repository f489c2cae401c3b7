"""Importing the embedded backend prints nothing to the user's terminal."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_backend_import_prints_no_machine_learning_notice():
    # openeo-processes-dask warns on import that its ML processes need more packages; the embedded
    # backend lists none of them, so the CLI must not show that notice before every answer.
    code = "import backend.server, backend.execution, backend.processes.registry"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "machine learning" not in done.stderr
