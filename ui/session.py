"""One browser session's state: its own agent thread, conversation view and settings."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, ConfigDict, Field

from ui.render import RunView
from ui.settings import SessionSettings


class Session(BaseModel):
    """One browser session: its own agent thread, conversation view and settings."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    thread_id: str = Field(default_factory=lambda: "ui-" + uuid.uuid4().hex[:12])
    view: RunView = Field(default_factory=RunView)
    settings: SessionSettings = Field(default_factory=SessionSettings)


def session_of(sess: object) -> Session:
    """The session in a gr.State, or a fresh one (a new tab, a restarted server)."""
    return sess if isinstance(sess, Session) else Session()
