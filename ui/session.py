"""One browser session's state: its own agent thread, conversation view, settings, logins and owner."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, ConfigDict, Field

from ui.auth import OidcLogin
from ui.ownership import new_owner
from ui.render import RunView
from ui.settings import SessionSettings


class Session(BaseModel):
    """One browser session: its own agent thread, conversation view and settings.

    `owner` names the runs it may list and open (ui/ownership.py): a browser's owner comes from
    the secret in its localStorage, so its history survives reloads and restarts; an API
    client's is random and lasts as long as its session. `logins` are the session's own OIDC
    logins, by backend URL."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    id: str = Field(default_factory=lambda: uuid.uuid4().hex)
    thread_id: str = Field(default_factory=lambda: "ui-" + uuid.uuid4().hex[:12])
    owner: str = Field(default_factory=new_owner)
    view: RunView = Field(default_factory=RunView)
    settings: SessionSettings = Field(default_factory=SessionSettings)
    logins: dict[str, OidcLogin] = Field(default_factory=dict)

    def renewed(self) -> Session:
        """A new conversation in the same session: same owner, settings and logins, a new thread."""
        return Session(id=self.id, owner=self.owner, settings=self.settings, logins=self.logins)


def session_of(sess: object) -> Session:
    """The session in a gr.State, or a fresh one (a new tab, a restarted server)."""
    return sess if isinstance(sess, Session) else Session()
