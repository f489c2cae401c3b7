"""Errors of the agent, sorted by who must act next.

- the model: `Repairable` — bad code, an invalid graph, a malformed tool call. The message goes
  back to the model as `[code] message` and says how to fix the call; the run continues.
- the user: `UserError` — the backend is down, the model endpoint does not answer, a place
  does not exist, the request is empty. One clear sentence; the run ends.
- the developer: `ConfigurationError` — a prompt variable is missing, a part is not installed.

All of them are `tools.errors.ToolError`s, the one error bridge between the layers: an error a
tool raises already says who acts (`BackendUnavailable` is the tools' own, re-exported here) and
passes through unchanged; `classify_tool_error(exc)` and `classify_model_error(exc)` turn any
other exception raised while a run works into one of these, so that the CLI and the UI never
show a traceback.
"""

from __future__ import annotations

import json
import socket

from tools.errors import BackendUnavailable, ToolError, Who

__all__ = [
    "AgentError", "BackendUnavailable", "ConfigurationError", "DiskFull", "LimitReached", "ModelMisbehaved",
    "ModelNotConfigured", "ModelUnavailable", "Repairable", "RepairExhausted", "RequestRejected", "ToolError",
    "UserError", "Who", "classify_model_error", "classify_tool_error",
]  # fmt: skip


class AgentError(ToolError):
    """Base of the errors the agent itself raises. `message` is one or two plain sentences."""

    code: str = "AgentError"
    who: Who = "developer"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(code or type(self).code, message, type(self).who)

    def __str__(self) -> str:
        return self.message


# --- the model acts -------------------------------------------------------------------------
class Repairable(AgentError):
    """The model can fix this by calling the tool again differently."""

    code, who = "Repairable", "model"


class RepairExhausted(AgentError):
    """The model could not produce valid code within the allowed repair attempts."""

    code, who = "RepairExhausted", "model"


class LimitReached(AgentError):
    """A per-request limit (model calls, tool calls) was reached before an answer."""

    code, who = "LimitReached", "model"


class ModelMisbehaved(AgentError):
    """The model answered with something unusable (garbage, malformed tool calls) too often."""

    code, who = "ModelMisbehaved", "model"


# --- the user acts ----------------------------------------------------------------------------
class UserError(AgentError):
    code, who = "UserError", "user"


class RequestRejected(UserError):
    """The request cannot be worked on as written (empty, too long)."""

    code = "RequestRejected"


class ModelUnavailable(UserError):
    code = "ModelUnavailable"


class ModelNotConfigured(UserError):
    code = "ModelNotConfigured"


class DiskFull(UserError):
    code = "DiskFull"


# --- the developer acts -----------------------------------------------------------------------
class ConfigurationError(AgentError):
    code, who = "ConfigurationError", "developer"


def _is_connection_error(exc: BaseException) -> bool:
    if isinstance(exc, (ConnectionError, socket.timeout, TimeoutError)):
        return True
    names = {cls.__name__ for cls in type(exc).__mro__}
    return bool(
        names
        & {
            "ConnectionError",  # requests
            "ConnectTimeout",
            "ReadTimeout",
            "ConnectError",  # httpx
            "TimeoutException",
            "NewConnectionError",  # urllib3
            "MaxRetryError",
        }
    )


def classify_model_error(exc: BaseException, endpoint: str) -> ToolError:
    """An exception from the chat model call, as an error the user understands."""
    if isinstance(exc, ToolError):
        return exc
    names = {cls.__name__ for cls in type(exc).__mro__}
    if "AuthenticationError" in names or "PermissionDeniedError" in names:
        return ModelNotConfigured(
            f"The model endpoint {endpoint} refused the API key. Check OPENAI_API_KEY (it is never shown here)."
        )
    if "NotFoundError" in names:
        return ModelNotConfigured(
            f"The model endpoint {endpoint} does not know this model. Check --model / OPENEO_AGENT_MODEL."
        )
    if "APITimeoutError" in names or isinstance(exc, TimeoutError):
        return ModelUnavailable(
            f"The model endpoint {endpoint} did not answer in time. Try again, or raise "
            "OPENEO_AGENT_LIMITS__REQUEST_TIMEOUT_S. The conversation is kept."
        )
    if "APIConnectionError" in names or _is_connection_error(exc):
        return ModelUnavailable(
            f"The model endpoint {endpoint} cannot be reached. Is the server running? The conversation is kept."
        )
    if "RateLimitError" in names:
        return ModelUnavailable(f"The model endpoint {endpoint} is rate-limiting requests. Wait a moment and retry.")
    if "InternalServerError" in names or "APIStatusError" in names:
        return ModelUnavailable(f"The model endpoint {endpoint} answered with a server error. Try again later.")
    if (
        "APIResponseValidationError" in names
        or "ValidationError" in names
        or isinstance(exc, (json.JSONDecodeError, KeyError, TypeError, ValueError))
    ):
        return ModelUnavailable(
            f"The model endpoint {endpoint} returned a response that is not a valid chat completion. "
            "Check that OPENAI_BASE_URL points to an OpenAI-compatible /v1 API."
        )
    return ModelUnavailable(f"The model call failed ({type(exc).__name__}). The conversation is kept.")


def classify_tool_error(exc: BaseException, tool: str, backend_url: str) -> ToolError:
    """An exception a tool raised. A `ToolError` already says who acts; a connection problem ends
    the run (the user acts); anything else goes back to the model."""
    if isinstance(exc, ToolError):
        return exc
    if _is_connection_error(exc):
        names = {cls.__name__ for cls in type(exc).__mro__}
        if names & {"ReadTimeout", "TimeoutException", "TimeoutError", "timeout"}:
            return BackendUnavailable(
                f"The openEO backend at {backend_url} did not answer in time, so '{tool}' could not finish. "
                "It may be busy: try again, or a smaller area or shorter period; your code and conversation are kept."
            )
        return BackendUnavailable(
            f"The openEO backend at {backend_url} is not reachable, so '{tool}' could not run. "
            "Start it (openeo-agent backend) or check --backend; your code and conversation are kept.",
            code="BackendUnreachable",
        )
    if isinstance(exc, OSError) and getattr(exc, "errno", None) == 28:
        return DiskFull("The disk is full: the run folder cannot be written. Free some space and retry.")
    text = str(exc).strip().splitlines()[0][:400] if str(exc).strip() else type(exc).__name__
    return Repairable(f"{tool} failed: {text}", code=type(exc).__name__)
