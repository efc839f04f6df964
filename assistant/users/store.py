"""SQLite tables for returning shoppers, in the same file as the sessions but owned here.

Tables (all keyed by ``user_id`` so export and deletion are one query each)::

    users            user_id, created
    user_sessions    session_id → user_id (a session belongs to at most one user)
    user_events      user_id, product_id, event, ts, session_id, variant, source
                     UNIQUE(user_id, product_id, event, ts): re-importing a file adds nothing
    profile_edits    user_id, field, value, action ("hide" | "pin"): what the shopper changed
    experiment_assignments  user_id, experiment, variant

Timestamps are UNIX seconds. Every public method is one short transaction.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from assistant.errors import InputError, UserNotFound

USER_EVENTS = ("impression", "click", "thumbs_up", "thumbs_down", "add_to_cart", "purchase", "dismiss")
USER_TABLES = ("users", "user_sessions", "user_events", "profile_edits", "experiment_assignments")
MAX_USER_ID = 128

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (user_id TEXT PRIMARY KEY, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS user_sessions (session_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS user_events (user_id TEXT NOT NULL, product_id TEXT NOT NULL, event TEXT NOT NULL,
    ts REAL NOT NULL, session_id TEXT NOT NULL DEFAULT '', variant TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'live', UNIQUE(user_id, product_id, event, ts));
CREATE TABLE IF NOT EXISTS profile_edits (user_id TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL,
    action TEXT NOT NULL, created REAL NOT NULL, PRIMARY KEY (user_id, field, value));
CREATE TABLE IF NOT EXISTS experiment_assignments (user_id TEXT NOT NULL, experiment TEXT NOT NULL,
    variant TEXT NOT NULL, created REAL NOT NULL, PRIMARY KEY (user_id, experiment));
CREATE INDEX IF NOT EXISTS user_events_user ON user_events(user_id, ts);
CREATE INDEX IF NOT EXISTS user_sessions_user ON user_sessions(user_id);
"""


@dataclass(frozen=True)
class UserEvent:
    """One thing a known shopper did with a product."""

    user_id: str
    product_id: str
    event: str
    ts: float
    session_id: str = ""
    variant: str = ""

    def __post_init__(self) -> None:
        check_user_id(self.user_id)
        if self.event not in USER_EVENTS:
            raise InputError(f"event must be one of {', '.join(USER_EVENTS)}, not {self.event!r}")
        if not self.product_id:
            raise InputError("product_id is empty")

    def __repr__(self) -> str:
        return f"UserEvent({self.user_id!r}, {self.event} {self.product_id} @ {self.ts:.0f})"


def check_user_id(user_id: str) -> str:
    if not isinstance(user_id, str) or not user_id.strip() or len(user_id) > MAX_USER_ID:
        raise InputError(f"user id must be 1-{MAX_USER_ID} characters")
    return user_id


class UserStore:
    """Users, their events and profile edits; shares the sessions' SQLite file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._db: sqlite3.Connection | None = None
        self._lock = threading.RLock()

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)
            db.commit()
            self._db = db
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    # -- users and sessions ---------------------------------------------------------------
    def ensure_user(self, user_id: str) -> str:
        check_user_id(user_id)
        with self._lock:
            self.db.execute("INSERT OR IGNORE INTO users(user_id, created) VALUES(?,?)", (user_id, time.time()))
            self.db.commit()
        return user_id

    def exists(self, user_id: str) -> bool:
        with self._lock:
            return self.db.execute("SELECT 1 FROM users WHERE user_id=?", (user_id,)).fetchone() is not None

    def require(self, user_id: str) -> None:
        if not self.exists(user_id):
            raise UserNotFound(f"no user {user_id!r}")

    def link_session(self, session_id: str, user_id: str) -> None:
        """Tie a session to a user; a session already tied to another user is an input error."""
        self.ensure_user(user_id)
        with self._lock:
            owner = self.user_of(session_id)
            if owner is not None and owner != user_id:
                raise InputError(f"session {session_id!r} belongs to another user")
            self.db.execute("INSERT OR IGNORE INTO user_sessions VALUES(?,?,?)", (session_id, user_id, time.time()))
            self.db.commit()

    def user_of(self, session_id: str) -> str | None:
        with self._lock:
            row = self.db.execute("SELECT user_id FROM user_sessions WHERE session_id=?", (session_id,)).fetchone()
        return row[0] if row else None

    def sessions_of(self, user_id: str) -> list[str]:
        with self._lock:
            rows = self.db.execute("SELECT session_id FROM user_sessions WHERE user_id=? ORDER BY created",
                                   (user_id,)).fetchall()
        return [r[0] for r in rows]

    # -- events -----------------------------------------------------------------------------
    def add_events(self, events: Iterable[UserEvent], source: str = "live") -> int:
        """Insert events; duplicates (same user, product, event, timestamp) are skipped. Returns rows added."""
        rows = [(e.user_id, e.product_id, e.event, float(e.ts), e.session_id, e.variant, source) for e in events]
        with self._lock:
            self.db.executemany("INSERT OR IGNORE INTO users(user_id, created) VALUES(?,?)",
                                [(u, time.time()) for u in sorted({r[0] for r in rows})])
            mid = self.db.total_changes
            self.db.executemany("INSERT OR IGNORE INTO user_events VALUES(?,?,?,?,?,?,?)", rows)
            added = self.db.total_changes - mid
            self.db.commit()
        return added

    def events(self, user_id: str | None = None, since: float | None = None,
               until: float | None = None, skip_impressions: bool = False) -> list[UserEvent]:
        """Events in time order; ``until`` is exclusive (a time-based split never sees the future)."""
        sql, args = "SELECT user_id, product_id, event, ts, session_id, variant FROM user_events WHERE 1=1", []
        if skip_impressions:     # a profile needs only actions; impressions pile up 4 per turn
            sql += " AND event != 'impression'"
        if user_id is not None:
            sql, args = sql + " AND user_id=?", args + [user_id]
        if since is not None:
            sql, args = sql + " AND ts>=?", args + [since]
        if until is not None:
            sql, args = sql + " AND ts<?", args + [until]
        with self._lock:
            rows = self.db.execute(sql + " ORDER BY ts, rowid", args).fetchall()
        return [UserEvent(*r) for r in rows]

    def purge_events_before(self, cutoff: float) -> int:
        """Retention: delete raw events older than ``cutoff`` (UNIX seconds). Returns rows removed."""
        with self._lock:
            cur = self.db.execute("DELETE FROM user_events WHERE ts<?", (cutoff,))
            self.db.commit()
        return cur.rowcount

    # -- profile edits ----------------------------------------------------------------------
    def set_edit(self, user_id: str, field: str, value: str, action: str) -> None:
        if action not in ("hide", "pin"):
            raise InputError(f"profile edit action must be hide or pin, not {action!r}")
        self.ensure_user(user_id)
        with self._lock:
            self.db.execute("INSERT OR REPLACE INTO profile_edits VALUES(?,?,?,?,?)",
                            (user_id, field, value.lower(), action, time.time()))
            self.db.commit()

    def edits(self, user_id: str) -> list[tuple[str, str, str]]:
        with self._lock:
            rows = self.db.execute("SELECT field, value, action FROM profile_edits WHERE user_id=? ORDER BY created",
                                   (user_id,)).fetchall()
        return [tuple(r) for r in rows]

    def clear_profile(self, user_id: str) -> None:
        """Forget the learned profile: edits and the events it is built from (sessions stay)."""
        self.require(user_id)
        with self._lock:
            self.db.execute("DELETE FROM profile_edits WHERE user_id=?", (user_id,))
            self.db.execute("DELETE FROM user_events WHERE user_id=?", (user_id,))
            self.db.commit()

    # -- experiments -------------------------------------------------------------------------
    def assignment(self, user_id: str, experiment: str) -> str | None:
        with self._lock:
            row = self.db.execute("SELECT variant FROM experiment_assignments WHERE user_id=? AND experiment=?",
                                  (user_id, experiment)).fetchone()
        return row[0] if row else None

    def record_assignment(self, user_id: str, experiment: str, variant: str) -> None:
        self.ensure_user(user_id)
        with self._lock:
            self.db.execute("INSERT OR IGNORE INTO experiment_assignments VALUES(?,?,?,?)",
                            (user_id, experiment, variant, time.time()))
            self.db.commit()

    # -- privacy --------------------------------------------------------------------------------
    def export(self, user_id: str) -> dict[str, Any]:
        """Everything stored about a user in these tables, as JSON-ready data."""
        self.require(user_id)
        out: dict[str, Any] = {"user_id": user_id}
        with self._lock:
            for table in USER_TABLES:
                cur = self.db.execute(f"SELECT * FROM {table} WHERE user_id=?", (user_id,))
                names = [d[0] for d in cur.description]
                out[table] = [dict(zip(names, r)) for r in cur.fetchall()]
        return out

    def delete(self, user_id: str) -> list[str]:
        """Delete every row of this user in these tables; returns the session ids that were linked,
        so the caller can delete those sessions too."""
        self.require(user_id)
        sessions = self.sessions_of(user_id)
        with self._lock:
            for table in USER_TABLES:
                self.db.execute(f"DELETE FROM {table} WHERE user_id=?", (user_id,))
            self.db.commit()
        return sessions
