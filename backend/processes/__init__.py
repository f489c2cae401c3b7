"""The embedded backend's openEO processes: specs plus implementations, one registry.

`registry.build_registry(ctx)` combines the openEO process specs shipped with
openeo-processes-dask with that library's implementations, our own implementations
(`load.py`, `save.py`, `udf.py`) and our fixes of the library's defects (`fixes.py`).
"""

import logging


class _NoMachineLearningNotice(logging.Filter):
    """openeo-processes-dask warns on import that its machine-learning processes need more packages.
    The embedded backend lists none of them, so the notice only confused users (the CLI printed it
    before every answer); every other message of the library still passes."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "machine learning processes" not in record.getMessage()


logging.getLogger("openeo_processes_dask.process_implementations").addFilter(_NoMachineLearningNotice())
