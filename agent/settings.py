"""Settings of the agent: model, endpoint, backend, run folders and limits.

Read from (highest priority first): arguments passed in code, environment variables
(`OPENEO_AGENT_*`, plus the usual `OPENAI_API_KEY` / `OPENAI_BASE_URL`), a config file
(`$OPENEO_AGENT_CONFIG`, else `./openeo-agent.toml`, else `~/.openeo-agent/config.toml`),
and the defaults below. Secrets are `SecretStr`: they never appear in a repr, a log or run.json.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, BaseModel, Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from agent.errors import ModelNotConfigured

OFFLINE = "offline"
DEFAULT_OPENAI_MODEL = "gpt-4.1-mini"


class Limits(BaseModel):
    """Bounds on one request, so that a looping model or a slow endpoint always ends."""

    max_model_calls: int = Field(default=10, ge=1)
    max_tool_calls: int = Field(default=20, ge=1)
    max_repair_attempts: int = Field(default=3, ge=0)  # failed run_openeo_code calls the model may repair
    request_timeout_s: float = Field(default=120.0, gt=0)  # one call to the model endpoint
    model_max_retries: int = Field(default=1, ge=0)  # retries of a failed model call (timeouts, 5xx)
    max_request_chars: int = Field(default=4000, ge=1)  # longer user messages are refused


def config_files() -> list[Path]:
    """The config files looked at, most important first."""
    explicit = os.environ.get("OPENEO_AGENT_CONFIG")
    if explicit:
        return [Path(explicit)]
    return [Path("openeo-agent.toml"), Path.home() / ".openeo-agent" / "config.toml"]


class AgentSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="OPENEO_AGENT_",
        env_nested_delimiter="__",
        extra="ignore",
        populate_by_name=True,
    )

    # --- the model -------------------------------------------------------------------------
    model: str | None = None  # None: "offline" unless an OpenAI(-compatible) endpoint is configured
    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("openai_api_key", "OPENAI_API_KEY", "OPENEO_AGENT_OPENAI_API_KEY")
    )
    openai_base_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("openai_base_url", "OPENAI_BASE_URL", "OPENEO_AGENT_OPENAI_BASE_URL"),
    )
    temperature: float = Field(default=0.0, ge=0.0, le=2.0)

    # --- the openEO backend ----------------------------------------------------------------
    backend_url: str | None = None  # None: the embedded backend, started in-process on a free port; else any URL form
    backend_auth: Literal["none", "basic", "oidc", "bearer"] = "none"
    backend_username: str | None = None
    backend_password: SecretStr | None = None
    backend_token: SecretStr | None = None  # auth "bearer": the access token as sent after "Bearer "
    backend_oidc_provider_id: str | None = None  # auth "oidc": which of the backend's providers (default: its first)
    backend_oidc_client_id: str | None = None  # auth "oidc": a client id (default: the provider's default client)
    backend_data_dir: str | None = None  # real data files for the embedded backend

    # --- runs, sandbox, limits -------------------------------------------------------------
    runs_dir: Path = Path("runs")
    today: date | None = None  # the date relative phrases are read against; None = the real today
    sandbox_timeout_s: float = 30.0
    sandbox_memory_mb: int = 1024
    sync_pixel_budget: int = 50_000_000
    limits: Limits = Field(default_factory=Limits)

    # --- maps: a web tile basemap over the offline one, only where a network exists ----------
    web_basemap: bool = False
    web_basemap_url: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    web_basemap_attribution: str = "© OpenStreetMap contributors"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        files = [TomlConfigSettingsSource(settings_cls, toml_file=p) for p in config_files() if p.is_file()]
        return (init_settings, env_settings, *files)

    # --- derived -----------------------------------------------------------------------------
    @property
    def has_endpoint(self) -> bool:
        return bool(self.openai_api_key and self.openai_api_key.get_secret_value()) or bool(self.openai_base_url)

    @property
    def resolved_model(self) -> str:
        """The model actually used: the configured name, else a default for the endpoint, else offline."""
        if self.model:
            return self.model
        return DEFAULT_OPENAI_MODEL if self.has_endpoint else OFFLINE

    @property
    def is_offline(self) -> bool:
        return self.resolved_model == OFFLINE

    def require_model_endpoint(self) -> None:
        """Raise a clear, user-facing error when a remote model is chosen but nothing says where it is."""
        if self.is_offline or self.has_endpoint:
            return
        raise ModelNotConfigured(
            f"The model '{self.resolved_model}' needs an OpenAI-compatible endpoint, but none is configured. "
            "Set OPENAI_API_KEY (for api.openai.com), or OPENAI_BASE_URL (for Ollama, vLLM, llama.cpp or "
            "LM Studio, e.g. http://localhost:11434/v1), or use the built-in planner with --model offline."
        )

    def effective_today(self) -> date:
        return self.today or date.today()

    def public_view(self) -> dict:
        """What may be shown or recorded: everything but the secrets."""
        return {
            "model": self.resolved_model,
            "openai_base_url": self.openai_base_url,
            "openai_api_key": "set" if self.openai_api_key else "not set",
            "temperature": self.temperature,
            "backend_url": self.backend_url or "embedded",
            "backend_auth": self.backend_auth,
            "runs_dir": str(self.runs_dir),
            "today": self.today.isoformat() if self.today else None,
            "limits": self.limits.model_dump(),
        }
