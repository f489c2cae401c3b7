"""The embedded backend's openEO processes: specs plus implementations, one registry.

`registry.build_registry(ctx)` combines the openEO process specs shipped with
openeo-processes-dask with that library's implementations, our own implementations
(`load.py`, `save.py`, `udf.py`) and our fixes of the library's defects (`fixes.py`).
"""
