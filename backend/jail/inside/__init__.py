"""Code shared by the jailed children (imported inside the jail as `openeo_agent_jail`)."""
