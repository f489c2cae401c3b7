"""Settings of the embedded backend (environment prefix OPENEO_BACKEND_).

Lists and mappings are given as JSON in the environment, e.g.
`OPENEO_BACKEND_USERS='{"alice": "pw"}'`, `OPENEO_BACKEND_CORS_ORIGINS='["https://editor.openeo.org"]'`.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class OidcProvider(BaseModel):
    """An OpenID Connect provider whose access tokens this backend accepts (GET /credentials/oidc)."""

    id: str = Field(pattern=r"^[\w\-.~]+$")
    issuer: str  # e.g. https://identity.dataspace.copernicus.eu/auth/realms/CDSE
    title: str = "OpenID Connect"
    scopes: list[str] = ["openid"]
    default_clients: list[dict] = []  # openEO default_clients entries: {"id", "grant_types", "redirect_urls"}


class BackendSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OPENEO_BACKEND_", extra="ignore")

    data_dir: str | None = None  # real files to serve (see backend/datasources/files.py)
    jobs_dir: str = str(Path.home() / ".openeo-agent" / "jobs")  # batch jobs persist here
    simulated: bool = True  # serve the simulated Earth where no real file covers a request
    validation_availability: bool = True  # /validation reports load windows without any acquisition
    validation_sample: bool = True  # /validation runs the graph on a tiny synthetic sample (errors inside callbacks)
    dask_scheduler: str | None = None  # e.g. tcp://10.0.0.5:8786; None = local threaded scheduler
    allow_network: bool = False  # fetch public http(s) URLs (remote UDP namespaces, load_stac); never private hosts
    udf_timeout_s: float = 60.0  # wall time of one run_udf call (in the jail; see backend/udf)
    udf_memory_mb: int = 2048  # memory one run_udf call may use beyond the preloaded libraries
    api_version: str = "1.2.0"
    backend_title: str = "openEO Agent embedded backend"

    # --- who may use it ---------------------------------------------------------------------
    users: dict[str, str] = {}  # basic-auth users; empty = a local single-user backend: any login works
    allow_anonymous: bool = False  # with users or OIDC providers configured: may unauthenticated clients process?
    oidc_providers: list[OidcProvider] = []  # OIDC providers whose tokens are accepted (verified at their userinfo)
    token_lifetime_s: int = Field(default=86_400, gt=0)  # basic-auth access tokens expire after this
    signed_url_lifetime_s: int = Field(default=86_400, gt=0)  # signed result URLs (assets, canonical link)
    cors_origins: list[str] = []  # browser origins allowed to call the API, e.g. ["https://editor.openeo.org"]

    # --- limits -----------------------------------------------------------------------------
    max_body_bytes: int = Field(default=10 * 2**20, gt=0)  # request bodies, counted while they stream in
    sync_pixel_budget: int = 50_000_000  # values (pixels x bands x time steps) computed on POST /result
    batch_pixel_budget: int = 1_000_000_000  # the same for one batch job
    sync_timeout_s: float = Field(default=300.0, gt=0)  # wall time of one POST /result computation
    job_timeout_s: float = Field(default=3600.0, gt=0)  # wall time of one batch job
    max_jobs_per_user: int = Field(default=200, gt=0)  # stored batch jobs per user
    max_running_jobs_per_user: int = Field(default=2, gt=0)  # queued or running batch jobs per user
    job_disk_quota_bytes: int = Field(default=5 * 2**30, gt=0)  # result files kept per user

    @property
    def closed(self) -> bool:
        """True when only configured users (basic or OIDC) may log in."""
        return bool(self.users or self.oidc_providers)

    @property
    def anonymous_allowed(self) -> bool:
        """Unauthenticated clients may process (POST /result, batch jobs) as the shared user 'anonymous'."""
        return not self.closed or self.allow_anonymous
