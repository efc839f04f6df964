"""What the edges may do with a returning shopper: see, edit, export and delete their data.

``Assistant.shoppers`` is one of these; HTTP routes and CLI commands call it and nothing
below it. Deleting a user also deletes their sessions (turns, portraits, impressions,
feedback), so "delete my data" leaves no row behind in any table.
"""

from __future__ import annotations

import time
from typing import Any

from assistant.errors import InputError
from assistant.sessions import SessionStore
from assistant.users.personalize import Personalizer
from assistant.users.profile import PROFILE_FIELDS, build_profile
from assistant.users.store import check_user_id


class ShopperService:
    def __init__(self, personalizer: Personalizer, sessions: SessionStore, retention_days: float = 0.0) -> None:
        self.personalizer = personalizer
        self.users = personalizer.users
        self.sessions = sessions
        self.retention_days = retention_days

    def profile(self, user_id: str, now: float | None = None) -> dict[str, Any]:
        self.users.require(user_id)
        now = time.time() if now is None else now
        p = self.personalizer
        events = self.users.events(user_id, until=now, skip_impressions=True)
        prof = build_profile(user_id, events, p._products().get, now=now,
                             half_life_days=p.half_life_days, edits=self.users.edits(user_id),
                             category_medians=p.medians)
        data = prof.to_json()
        data["sessions"] = self.users.sessions_of(user_id)
        return data

    def edit(self, user_id: str, field: str, value: str, action: str) -> dict[str, Any]:
        """The shopper hides ("not me") or pins an affinity; returns the new profile."""
        self.users.require(user_id)
        if field not in PROFILE_FIELDS:
            raise InputError(f"field must be one of {', '.join(PROFILE_FIELDS)}, not {field!r}")
        if not value.strip():
            raise InputError("value is empty")
        self.users.set_edit(user_id, field, value, action)
        return self.profile(user_id)

    def reset(self, user_id: str) -> None:
        """Forget what was learned (events and edits); the user id and sessions stay."""
        self.users.clear_profile(user_id)

    def export(self, user_id: str) -> dict[str, Any]:
        data = self.users.export(user_id)
        data["session_data"] = {sid: {"turns": self.sessions.history(sid),
                                      "portrait": self.sessions.load_portrait(sid).to_json()}
                                for sid in self.users.sessions_of(user_id) if self.sessions.exists(sid)}
        return data

    def delete(self, user_id: str) -> None:
        for sid in self.users.delete(user_id):
            if self.sessions.exists(sid):
                self.sessions.delete(sid)

    def apply_retention(self, now: float | None = None) -> int:
        """Purge raw events older than ``retention_days`` (0: keep everything). Returns rows removed."""
        if self.retention_days <= 0:
            return 0
        now = time.time() if now is None else now
        return self.users.purge_events_before(now - self.retention_days * 86400.0)

    def ensure(self, user_id: str) -> str:
        return self.users.ensure_user(check_user_id(user_id))
