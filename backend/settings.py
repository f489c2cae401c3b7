"""Settings of the embedded backend (environment prefix OPENEO_BACKEND_)."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class BackendSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OPENEO_BACKEND_", extra="ignore")

    data_dir: str | None = None  # real files to serve (see backend/datasources/files.py)
    jobs_dir: str = str(Path.home() / ".openeo-agent" / "jobs")  # batch jobs persist here
    simulated: bool = True  # serve the simulated Earth where no real file covers a request
    sync_pixel_budget: int = 50_000_000  # pixels x bands x time steps allowed on POST /result
    dask_scheduler: str | None = None  # e.g. tcp://10.0.0.5:8786; None = local threaded scheduler
    users: dict[str, str] = {}  # basic-auth users; empty = anyone may log in with any password
    allow_network: bool = False  # fetch public http(s) URLs (remote UDP namespaces, load_stac); never private hosts
    api_version: str = "1.2.0"
    backend_title: str = "openEO Agent embedded backend"
