"""Python UDFs (the openeo UDF API) for the embedded backend, run in the operating-system jail.

`runner.run_udf_on_array(data, code, ...)` is the one entry point (run_udf, and chunk-wise use
inside apply_dimension / apply_neighborhood); `runtimes.udf_runtimes()` feeds GET /udf_runtimes.
"""
