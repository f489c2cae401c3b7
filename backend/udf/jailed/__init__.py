"""The code that runs inside the jail for UDFs (imported there as `openeo_agent_udf`)."""
