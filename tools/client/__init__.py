"""The one backend client of the tools: discovery from any URL form, one login on every request,
the retry policy, openEO errors passed through, and metadata cached per backend (bounded).

    from tools.client import BackendClient, BackendRef, client_for
"""

from tools.client.client import BackendClient
from tools.client.ref import AuthMethod, BackendRef
from tools.client.registry import client_for, forget_clients, register

__all__ = ["AuthMethod", "BackendClient", "BackendRef", "client_for", "forget_clients", "register"]
