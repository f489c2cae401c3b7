"""Model choice: an OpenAI / OpenAI-compatible chat model, or the built-in offline planner."""

from __future__ import annotations

from datetime import date

from langchain_core.language_models import BaseChatModel
from pydantic import SecretStr

from agent.errors import ConfigurationError
from agent.settings import AgentSettings

# Servers such as Ollama, vLLM, llama.cpp and LM Studio ignore the key but the client wants one.
_PLACEHOLDER_KEY = "not-needed"


def make_chat_model(settings: AgentSettings, today: date) -> BaseChatModel:
    """The chat model the settings ask for. Raises ModelNotConfigured with what to set."""
    if settings.is_offline:
        return _offline_planner(today)
    settings.require_model_endpoint()
    from langchain_openai import ChatOpenAI

    key = settings.openai_api_key or SecretStr(_PLACEHOLDER_KEY)
    return ChatOpenAI(
        model=settings.resolved_model,
        api_key=key,
        base_url=settings.openai_base_url,
        temperature=settings.temperature,
        timeout=settings.limits.request_timeout_s,
        max_retries=settings.limits.model_max_retries,
    )


def _offline_planner(today: date) -> BaseChatModel:
    try:
        from agent.planner import OfflinePlanner
    except ImportError as exc:
        raise ConfigurationError(
            "The offline planner (agent/planner) is not installed; configure OPENAI_API_KEY or "
            "OPENAI_BASE_URL and a model instead."
        ) from exc
    return OfflinePlanner(today=today)
