"""The operating-system layer of the sandbox is the jail in backend/jail (shared with the
backend's UDF runner). Re-exported here for the tools' callers."""

from backend.jail import Isolation, detect
from backend.jail.commands import under_tmp

__all__ = ["Isolation", "detect", "under_tmp"]
