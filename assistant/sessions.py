"""Sessions, turns, portraits, impressions and feedback, stored through SQLAlchemy Core.

SQLite by default (``$SHOPGUIDE_HOME/sessions.sqlite``: one connection, one lock, safe
from several threads); PostgreSQL when ``[store] database_url`` names one, shared by
every replica (``assistant.storage``). Why each rule is here:

* **One transaction per turn** (``commit_turn``): the portrait, both turn rows, the
  impressions and the idempotency record are written together or not at all, so a
  crash or a client that disconnects never leaves a changed budget without its turn.
* **Writes need a live session**: every insert first reads the ``sessions`` row
  (``FOR UPDATE`` on PostgreSQL) inside the same transaction, so feedback racing a
  ``delete`` cannot leave rows behind for a later session with the same id.
* **Deletion leaves nothing**: one transaction removes every row; on SQLite
  ``secure_delete`` zeroes freed pages and the WAL is checkpointed and truncated after.
* **Storage faults are ``StorageError``** (HTTP 503) and drop the connections, so the
  next call reconnects: when the disk (or the database server) is back the store
  recovers by itself.

>>> store = SessionStore(":memory:")
>>> store.create("shop-1")
'shop-1'
>>> store.create("shop-1", exist_ok=False)
Traceback (most recent call last):
...
assistant.errors.SessionExists: session 'shop-1' already exists; choose another id or omit it
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from sqlalchemy import delete, func, select, update

from assistant.errors import InputError, SessionExists, SessionNotFound
from assistant.portrait.model import Portrait
from assistant.storage import Database
from assistant.storage import schema as t
from assistant.storage.sql import insert_ignore, upsert

FEEDBACK_EVENTS = ("click", "thumbs_up", "thumbs_down", "add_to_cart", "purchase")
# A letter or digit first: no ".", "..", "-rf" or hidden-file look-alikes; 128 characters at most.
SESSION_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$"
_SESSION_ID = re.compile(SESSION_ID_PATTERN)
_SESSION_TABLES = tuple(table.name for table in t.SESSION_TABLES)


def check_session_id(session_id: str) -> str:
    if not isinstance(session_id, str) or not _SESSION_ID.match(session_id):
        raise InputError("session id must be 1-128 letters, digits, '_', '.', ':' or '-', starting with a "
                         "letter or digit")
    return session_id


class SessionStore:
    """The session tables of one ``Database`` (a SQLite path, ``:memory:``, a URL, or a ``Database``)."""

    def __init__(self, path: "str | Path | Database",
                 connect: Callable[..., sqlite3.Connection] = sqlite3.connect) -> None:
        self.database = path if isinstance(path, Database) else Database(path, connect=connect)
        self.path = self.database.path if self.database.path is not None else self.database.url

    def _tx(self):
        return self.database.tx()

    def _live(self, db, session_id: str) -> bool:
        """Does the session exist? Inside a write transaction: locks its row until commit (PostgreSQL)."""
        query = select(t.sessions.c.id).where(t.sessions.c.id == session_id)
        if db.dialect.name == "postgresql":
            query = query.with_for_update()
        return db.execute(query).first() is not None

    def check(self) -> None:
        """Readiness probe: one small write, so a read-only or full disk is reported (StorageError)."""
        with self._tx() as db:
            db.execute(upsert(db, t.health, ("id",)), {"id": 1, "checked": time.time()})

    @contextmanager
    def session_lock(self, session_id: str) -> Iterator[None]:
        """Per-session ordering across processes (``Database.session_lock``)."""
        with self.database.session_lock(session_id):
            yield

    # -- sessions ---------------------------------------------------------------------
    def create(self, session_id: str | None = None, exist_ok: bool = True) -> str:
        """Create a session; an existing id is joined (``exist_ok``) or refused with ``SessionExists``."""
        sid = check_session_id(session_id) if session_id is not None else uuid.uuid4().hex[:16]
        now = time.time()
        with self._tx() as db:
            # RETURNING, not rowcount: psycopg reports -1 for an INSERT … ON CONFLICT through SQLAlchemy
            added = db.execute(insert_ignore(db, t.sessions).returning(t.sessions.c.id),
                               {"id": sid, "created": now, "updated": now}).first() is not None
        if not added and not exist_ok:
            raise SessionExists(f"session {sid!r} already exists; choose another id or omit it")
        return sid

    def exists(self, session_id: str) -> bool:
        with self._tx() as db:
            return db.execute(select(t.sessions.c.id).where(t.sessions.c.id == session_id)).first() is not None

    def require(self, session_id: str) -> None:
        if not self.exists(session_id):
            raise SessionNotFound(f"no session {session_id!r}")

    def delete(self, session_id: str) -> None:
        """Remove a session and everything recorded for it in one transaction (then checkpoint the SQLite WAL)."""
        with self._tx() as db:
            if not db.execute(delete(t.sessions).where(t.sessions.c.id == session_id)).rowcount:
                raise SessionNotFound(f"no session {session_id!r}")
            for table in t.SESSION_TABLES:
                db.execute(delete(table).where(table.c.session_id == session_id))
        self.database.checkpoint()

    def purge(self, older_than_s: float, now: float | None = None) -> int:
        """Delete every session not updated for ``older_than_s`` seconds, with all its rows (retention)."""
        cutoff = (time.time() if now is None else now) - older_than_s
        with self._tx() as db:
            old = list(db.execute(select(t.sessions.c.id).where(t.sessions.c.updated < cutoff)).scalars())
            for sid in old:
                for table in t.SESSION_TABLES:
                    db.execute(delete(table).where(table.c.session_id == sid))
                db.execute(delete(t.sessions).where(t.sessions.c.id == sid))
        if old:
            self.database.checkpoint()
        return len(old)

    # -- turns --------------------------------------------------------------------------
    def history(self, session_id: str) -> list[dict[str, Any]]:
        c = t.turns.c
        with self._tx() as db:
            rows = db.execute(select(c.idx, c.role, c.text, c.products).where(c.session_id == session_id)
                              .order_by(c.idx, c.role.desc())).all()
        return [{"turn": i, "role": r, "text": x, "products": json.loads(p)} for i, r, x, p in rows]

    def turn_count(self, session_id: str) -> int:
        c = t.turns.c
        with self._tx() as db:
            return int(db.execute(select(func.count(c.idx.distinct())).where(c.session_id == session_id)).scalar())

    def add_turn(self, session_id: str, idx: int, user_text: str, reply_text: str, product_ids: list[str]) -> None:
        self.commit_turn(session_id, idx, user_text, reply_text, product_ids)

    def commit_turn(self, session_id: str, idx: int, user_text: str, reply_text: str, product_ids: list[str],
                    portrait: Portrait | None = None, query: str | None = None,
                    idempotency_key: str | None = None, reply: dict[str, Any] | None = None) -> None:
        """Everything one turn changes, in one transaction: portrait, turn rows, impressions, idempotency record.

        ``query`` not None logs ``product_ids`` as impressions (positions from 1).
        """
        now = time.time()
        with self._tx() as db:
            if not self._live(db, session_id):
                raise SessionNotFound(f"no session {session_id!r} (deleted during the turn)")
            if portrait is not None:
                _upsert_portrait(db, session_id, portrait, now)
            turn_row = upsert(db, t.turns, ("session_id", "idx", "role"))
            db.execute(turn_row, [
                {"session_id": session_id, "idx": idx, "role": "user", "text": user_text, "products": "[]",
                 "created": now},
                {"session_id": session_id, "idx": idx, "role": "assistant", "text": reply_text,
                 "products": json.dumps(product_ids), "created": now}])
            if query is not None and product_ids:
                db.execute(t.impressions.insert(), [
                    {"session_id": session_id, "turn": idx, "query": query, "product_id": pid, "position": pos,
                     "created": now} for pos, pid in enumerate(product_ids, start=1)])
            if idempotency_key is not None and reply is not None:
                db.execute(upsert(db, t.idempotency, ("session_id", "key")),
                           {"session_id": session_id, "key": idempotency_key,
                            "reply": json.dumps(reply, ensure_ascii=False), "created": now})
            db.execute(update(t.sessions).where(t.sessions.c.id == session_id).values(updated=now))

    def stored_reply(self, session_id: str, idempotency_key: str) -> dict[str, Any] | None:
        """The reply already given for this ``Idempotency-Key``, or None."""
        c = t.idempotency.c
        with self._tx() as db:
            row = db.execute(select(c.reply).where(c.session_id == session_id, c.key == idempotency_key)).first()
        return json.loads(row[0]) if row else None

    def last_shown(self, session_id: str) -> list[str]:
        c = t.turns.c
        with self._tx() as db:
            row = db.execute(select(c.products).where(c.session_id == session_id, c.role == "assistant")
                             .order_by(c.idx.desc()).limit(1)).first()
        return json.loads(row[0]) if row else []

    # -- portraits ----------------------------------------------------------------------
    def load_portrait(self, session_id: str) -> Portrait:
        c = t.portraits.c
        with self._tx() as db:
            row = db.execute(select(c.data).where(c.session_id == session_id)).first()
        return Portrait.from_json(json.loads(row[0])) if row else Portrait()

    def save_portrait(self, session_id: str, portrait: Portrait) -> None:
        with self._tx() as db:
            if not self._live(db, session_id):
                raise SessionNotFound(f"no session {session_id!r}")
            _upsert_portrait(db, session_id, portrait, time.time())

    def clear_portrait(self, session_id: str) -> None:
        with self._tx() as db:
            db.execute(delete(t.portraits).where(t.portraits.c.session_id == session_id))

    # -- impressions and feedback -------------------------------------------------------
    def record_impressions(self, session_id: str, turn: int, query: str, product_ids: list[str]) -> None:
        now = time.time()
        with self._tx() as db:
            if product_ids and self._live(db, session_id):
                db.execute(t.impressions.insert(), [
                    {"session_id": session_id, "turn": turn, "query": query, "product_id": pid, "position": pos,
                     "created": now} for pos, pid in enumerate(product_ids, start=1)])

    def record_feedback(self, session_id: str, product_id: str, event: str, query: str = "",
                        position: int | None = None) -> None:
        """Store one feedback event; ``SessionNotFound`` when the session is gone (checked in the same transaction)."""
        if event not in FEEDBACK_EVENTS:
            raise InputError(f"event must be one of {', '.join(FEEDBACK_EVENTS)}, not {event!r}")
        with self._tx() as db:
            if not self._live(db, session_id):
                raise SessionNotFound(f"no session {session_id!r}")
            db.execute(t.feedback.insert(), {"session_id": session_id, "product_id": product_id, "event": event,
                                             "query": query, "position": position, "created": time.time()})

    def impressions(self) -> list[dict[str, Any]]:
        return self._rows(t.impressions, ("session_id", "turn", "query", "product_id", "position", "created"))

    def feedback(self) -> list[dict[str, Any]]:
        return self._rows(t.feedback, ("session_id", "product_id", "event", "query", "position", "created"))

    def _rows(self, table, names: tuple[str, ...]) -> list[dict[str, Any]]:
        with self._tx() as db:
            rows = db.execute(select(*(table.c[n] for n in names))).all()
        return [dict(zip(names, r)) for r in rows]

    def row_counts(self, session_id: str) -> dict[str, int]:
        """Rows held for one session, per table (deletion must leave all zero)."""
        with self._tx() as db:
            counts = {table.name: db.execute(select(func.count()).select_from(table)
                                             .where(table.c.session_id == session_id)).scalar()
                      for table in t.SESSION_TABLES}
            counts["sessions"] = db.execute(select(func.count()).select_from(t.sessions)
                                            .where(t.sessions.c.id == session_id)).scalar()
        return counts

    def close(self) -> None:
        self.database.dispose()


def _upsert_portrait(db, session_id: str, portrait: Portrait, now: float) -> None:
    db.execute(upsert(db, t.portraits, ("session_id",)),
               {"session_id": session_id, "data": json.dumps(portrait.to_json()), "updated": now})
