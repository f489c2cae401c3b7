"""Serve openeo-driver's dummy backend (VITO's Flask implementation of the openEO API) on a port.

Run by the interpreter of its own virtualenv (.venv-driver: openeo-driver pins Flask):

    .venv-driver/bin/python tests/integration/driver_app.py PORT

prints "ready" once it listens. Basic-auth users: any name starting with a vowel, password
name + "123" (the dummy config's rule).
"""

import os
import sys
from pathlib import Path

import openeo_driver.dummy

os.environ.setdefault("OPENEO_BACKEND_CONFIG", str(Path(openeo_driver.dummy.__file__).with_name("dummy_config.py")))

from openeo_driver.dummy.local_app import create_app  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402


def main() -> None:
    server = make_server("127.0.0.1", int(sys.argv[1]), create_app(), threaded=True)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
