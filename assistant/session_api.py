"""The session half of ``Assistant``'s public API: open, join, purge and lock sessions; read, set and
clear a session's portrait; record feedback. A mixin: it uses the assistant's ``settings``,
``sessions``, ``index`` and ``personalizer`` and the per-session locks ``Assistant.__init__`` makes."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager, nullcontext
from typing import Iterator

from assistant.errors import InputError
from assistant.portrait.model import Portrait
from assistant.privacy import redact


class SessionMethods:
    def new_session(self, session_id: str | None = None, user_id: str | None = None, *, exist_ok: bool = True) -> str:
        """A session: an existing id is joined, or refused (``SessionExists``) with ``exist_ok=False``;
        with ``user_id`` it belongs to that returning shopper (their profile applies)."""
        self.purge_expired()
        return self._open_session(session_id, user_id, exist_ok=exist_ok)

    def _open_session(self, session_id: str | None, user_id: str | None, exist_ok: bool = True) -> str:
        sid = self.sessions.create(session_id, exist_ok=exist_ok)
        if user_id is not None:
            self.personalizer.users.link_session(sid, user_id)
        return sid

    def purge_expired(self, every_s: float = 600.0) -> int:
        """Apply ``retention_days`` (at most once per ``every_s``); returns the sessions deleted."""
        days = self.settings.retention_days
        now = time.monotonic()
        if days <= 0 or now - getattr(self, "_purged_at", -every_s) < every_s:
            return 0
        self._purged_at = now
        return self.sessions.purge(days * 86400)

    @contextmanager
    def _session_lock(self, session_id: str) -> Iterator[None]:
        """One turn of a session at a time: a thread lock here, and the database's lock for
        other replicas (a PostgreSQL advisory lock; nothing more on SQLite)."""
        with self._locks_guard:
            lock = self._session_locks.setdefault(session_id, threading.Lock())
        with lock:
            lock_across = getattr(self.sessions, "session_lock", None)
            with lock_across(session_id) if lock_across else nullcontext():
                yield

    def get_portrait(self, session_id: str) -> Portrait:
        self.sessions.require(session_id)
        return self.sessions.load_portrait(session_id)

    def set_portrait(self, session_id: str, portrait: Portrait) -> Portrait:
        if self.settings.redact_contacts:
            for name in ("needs", "category", "recipient", "occasion", "style"):
                if getattr(portrait, name):
                    setattr(portrait, name, redact(getattr(portrait, name)))
        self.sessions.save_portrait(session_id, portrait)
        return portrait

    def clear_portrait(self, session_id: str) -> None:
        self.sessions.require(session_id)
        self.sessions.clear_portrait(session_id)

    def delete_session(self, session_id: str) -> None:
        self.sessions.delete(session_id)

    def feedback(self, session_id: str, product_id: str, event: str, position: int | None = None) -> None:
        self.sessions.require(session_id)
        if self.index.get(product_id) is None:
            raise InputError(f"unknown product id {product_id!r}")
        self.sessions.record_feedback(session_id, product_id, event, position=position)
        self.personalizer.record(self.personalizer.turn(session_id), session_id, [product_id], event)
