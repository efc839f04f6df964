"""Tables for returning shoppers, in the sessions' database (SQLite or PostgreSQL) but owned here.

Tables (all keyed by ``user_id`` so export and deletion are one query each)::

    users            user_id, created
    user_sessions    session_id → user_id (a session belongs to at most one user)
    user_events      user_id, product_id, event, ts, session_id, variant, source
                     UNIQUE(user_id, product_id, event, ts): re-importing a file adds nothing
    profile_edits    user_id, field, value, action ("hide" | "pin"): what the shopper changed
    experiment_assignments  user_id, experiment, variant

Timestamps are UNIX seconds. Every public method is one short transaction (SQLAlchemy Core,
``assistant.storage``; the schema is in ``assistant.storage.schema``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from sqlalchemy import delete, literal_column, select

from assistant.errors import InputError, UserNotFound
from assistant.storage import Database
from assistant.storage import schema as t
from assistant.storage.sql import insert_ignore, upsert

USER_EVENTS = ("impression", "click", "thumbs_up", "thumbs_down", "add_to_cart", "purchase", "dismiss")
USER_TABLES = ("users", "user_sessions", "user_events", "profile_edits", "experiment_assignments")
MAX_USER_ID = 128

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
    """Users, their events and profile edits; shares the sessions' database (a path, a URL or a ``Database``)."""

    def __init__(self, path: "str | Path | Database") -> None:
        self.database = path if isinstance(path, Database) else Database(path)
        self.path = self.database.path if self.database.path is not None else self.database.url

    def _tx(self):
        return self.database.tx()

    def close(self) -> None:
        self.database.dispose()

    # -- users and sessions ---------------------------------------------------------------
    def ensure_user(self, user_id: str) -> str:
        check_user_id(user_id)
        with self._tx() as db:
            db.execute(insert_ignore(db, t.users), {"user_id": user_id, "created": time.time()})
        return user_id

    def exists(self, user_id: str) -> bool:
        with self._tx() as db:
            return db.execute(select(t.users.c.user_id).where(t.users.c.user_id == user_id)).first() is not None

    def require(self, user_id: str) -> None:
        if not self.exists(user_id):
            raise UserNotFound(f"no user {user_id!r}")

    def link_session(self, session_id: str, user_id: str) -> None:
        """Tie a session to a user; a session already tied to another user is an input error."""
        check_user_id(user_id)
        with self._tx() as db:
            db.execute(insert_ignore(db, t.users), {"user_id": user_id, "created": time.time()})
            db.execute(insert_ignore(db, t.user_sessions),
                       {"session_id": session_id, "user_id": user_id, "created": time.time()})
            owner = db.execute(select(t.user_sessions.c.user_id)
                               .where(t.user_sessions.c.session_id == session_id)).scalar()
            if owner != user_id:
                raise InputError(f"session {session_id!r} belongs to another user")

    def user_of(self, session_id: str) -> str | None:
        with self._tx() as db:
            return db.execute(select(t.user_sessions.c.user_id)
                              .where(t.user_sessions.c.session_id == session_id)).scalar()

    def sessions_of(self, user_id: str) -> list[str]:
        c = t.user_sessions.c
        with self._tx() as db:
            return list(db.execute(select(c.session_id).where(c.user_id == user_id).order_by(c.created)).scalars())

    # -- events -----------------------------------------------------------------------------
    def add_events(self, events: Iterable[UserEvent], source: str = "live") -> int:
        """Insert events; duplicates (same user, product, event, timestamp) are skipped. Returns rows added."""
        rows = [{"user_id": e.user_id, "product_id": e.product_id, "event": e.event, "ts": float(e.ts),
                 "session_id": e.session_id, "variant": e.variant, "source": source} for e in events]
        if not rows:
            return 0
        now = time.time()
        with self._tx() as db:
            db.execute(insert_ignore(db, t.users), [{"user_id": u, "created": now}
                                                   for u in sorted({r["user_id"] for r in rows})])
            added = db.execute(insert_ignore(db, t.user_events).returning(t.user_events.c.user_id), rows).all()
        return len(added)

    def events(self, user_id: str | None = None, since: float | None = None,
               until: float | None = None, skip_impressions: bool = False) -> list[UserEvent]:
        """Events in time order (then insertion order); ``until`` is exclusive (a time-based split never sees the future)."""
        c = t.user_events.c
        query = select(c.user_id, c.product_id, c.event, c.ts, c.session_id, c.variant)
        if skip_impressions:     # a profile needs only actions; impressions pile up 4 per turn
            query = query.where(c.event != "impression")
        if user_id is not None:
            query = query.where(c.user_id == user_id)
        if since is not None:
            query = query.where(c.ts >= since)
        if until is not None:
            query = query.where(c.ts < until)
        with self._tx() as db:
            # the physical row order breaks ties: SQLite's rowid, PostgreSQL's ctid (insert-only table)
            tie = literal_column("ctid" if db.dialect.name == "postgresql" else "rowid")
            rows = db.execute(query.order_by(c.ts, tie)).all()
        return [UserEvent(*r) for r in rows]

    def purge_events_before(self, cutoff: float) -> int:
        """Retention: delete raw events older than ``cutoff`` (UNIX seconds). Returns rows removed."""
        with self._tx() as db:
            return db.execute(delete(t.user_events).where(t.user_events.c.ts < cutoff)).rowcount

    # -- profile edits ----------------------------------------------------------------------
    def set_edit(self, user_id: str, field: str, value: str, action: str) -> None:
        if action not in ("hide", "pin"):
            raise InputError(f"profile edit action must be hide or pin, not {action!r}")
        self.ensure_user(user_id)
        with self._tx() as db:
            db.execute(upsert(db, t.profile_edits, ("user_id", "field", "value")),
                       {"user_id": user_id, "field": field, "value": value.lower(), "action": action,
                        "created": time.time()})

    def edits(self, user_id: str) -> list[tuple[str, str, str]]:
        c = t.profile_edits.c
        with self._tx() as db:
            rows = db.execute(select(c.field, c.value, c.action).where(c.user_id == user_id).order_by(c.created)).all()
        return [tuple(r) for r in rows]

    def clear_profile(self, user_id: str) -> None:
        """Forget the learned profile: edits and the events it is built from (sessions stay)."""
        self.require(user_id)
        with self._tx() as db:
            db.execute(delete(t.profile_edits).where(t.profile_edits.c.user_id == user_id))
            db.execute(delete(t.user_events).where(t.user_events.c.user_id == user_id))

    # -- experiments -------------------------------------------------------------------------
    def assignment(self, user_id: str, experiment: str) -> str | None:
        c = t.experiment_assignments.c
        with self._tx() as db:
            return db.execute(select(c.variant).where(c.user_id == user_id, c.experiment == experiment)).scalar()

    def record_assignment(self, user_id: str, experiment: str, variant: str) -> None:
        self.ensure_user(user_id)
        with self._tx() as db:
            db.execute(insert_ignore(db, t.experiment_assignments),
                       {"user_id": user_id, "experiment": experiment, "variant": variant, "created": time.time()})

    # -- privacy --------------------------------------------------------------------------------
    def export(self, user_id: str) -> dict[str, Any]:
        """Everything stored about a user in these tables, as JSON-ready data."""
        self.require(user_id)
        out: dict[str, Any] = {"user_id": user_id}
        with self._tx() as db:
            for table in t.USER_TABLES:
                out[table.name] = [dict(r._mapping) for r in db.execute(select(table).where(table.c.user_id == user_id))]
        return out

    def delete(self, user_id: str) -> list[str]:
        """Delete every row of this user in these tables (one transaction); returns the session ids that
        were linked, so the caller can delete those sessions too."""
        self.require(user_id)
        sessions = self.sessions_of(user_id)
        with self._tx() as db:
            for table in t.USER_TABLES:
                db.execute(delete(table).where(table.c.user_id == user_id))
        self.database.checkpoint()
        return sessions
