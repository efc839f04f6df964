"""SQLite persistence for sessions, turns, portraits, impressions and feedback.

One file (``$SHOPGUIDE_HOME/sessions.sqlite``), one connection, one lock; safe to call
from several threads. Why each rule is here:

* **One transaction per turn** (``commit_turn``): the portrait, both turn rows, the
  impressions and the idempotency record are written together or not at all, so a
  crash or a client that disconnects never leaves a changed budget without its turn.
* **Writes need a live session**: every insert is conditional on the ``sessions`` row
  (``INSERT … SELECT … WHERE EXISTS``) inside the same transaction, so feedback racing
  a ``delete`` cannot leave rows behind for a later session with the same id.
* **Deletion leaves nothing on disk**: ``secure_delete`` zeroes freed pages and the WAL
  is checkpointed and truncated after a delete.
* **Storage faults are ``StorageError``** (HTTP 503) and drop the connection, so the
  next call reconnects: when the disk is writable again the store recovers by itself.

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
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from assistant.errors import InputError, SessionExists, SessionNotFound, StorageError
from assistant.portrait.model import Portrait

FEEDBACK_EVENTS = ("click", "thumbs_up", "thumbs_down", "add_to_cart", "purchase")
# A letter or digit first: no ".", "..", "-rf" or hidden-file look-alikes; 128 characters at most.
SESSION_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$"
_SESSION_ID = re.compile(SESSION_ID_PATTERN)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, created REAL NOT NULL, updated REAL NOT NULL);
CREATE TABLE IF NOT EXISTS turns (session_id TEXT NOT NULL, idx INTEGER NOT NULL, role TEXT NOT NULL,
    text TEXT NOT NULL, products TEXT NOT NULL DEFAULT '[]', created REAL NOT NULL,
    PRIMARY KEY (session_id, idx, role));
CREATE TABLE IF NOT EXISTS portraits (session_id TEXT PRIMARY KEY, data TEXT NOT NULL, updated REAL NOT NULL);
CREATE TABLE IF NOT EXISTS impressions (session_id TEXT NOT NULL, turn INTEGER NOT NULL, query TEXT NOT NULL,
    product_id TEXT NOT NULL, position INTEGER NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS feedback (session_id TEXT NOT NULL, product_id TEXT NOT NULL, event TEXT NOT NULL,
    query TEXT NOT NULL DEFAULT '', position INTEGER, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS idempotency (session_id TEXT NOT NULL, key TEXT NOT NULL, reply TEXT NOT NULL,
    created REAL NOT NULL, PRIMARY KEY (session_id, key));
CREATE TABLE IF NOT EXISTS health (id INTEGER PRIMARY KEY, checked REAL NOT NULL);
CREATE INDEX IF NOT EXISTS impressions_session ON impressions(session_id);
CREATE INDEX IF NOT EXISTS feedback_session ON feedback(session_id);
"""
_SESSION_TABLES = ("turns", "portraits", "impressions", "feedback", "idempotency")
_LIVE = "WHERE EXISTS (SELECT 1 FROM sessions WHERE id=?)"


def check_session_id(session_id: str) -> str:
    if not isinstance(session_id, str) or not _SESSION_ID.match(session_id):
        raise InputError("session id must be 1-128 letters, digits, '_', '.', ':' or '-', starting with a "
                         "letter or digit")
    return session_id


class SessionStore:
    def __init__(self, path: str | Path, connect: Callable[..., sqlite3.Connection] = sqlite3.connect) -> None:
        self.path = Path(path) if str(path) != ":memory:" else path
        self._connect = connect          # a seam: tests pass a wrapper that injects disk faults
        self._db: sqlite3.Connection | None = None
        self._lock = threading.RLock()

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            if isinstance(self.path, Path):
                self.path.parent.mkdir(parents=True, exist_ok=True)
            db = self._connect(str(self.path), check_same_thread=False, timeout=30)
            try:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA secure_delete=ON")
                db.executescript(_SCHEMA)
                db.commit()
            except BaseException:
                db.close()
                raise
            self._db = db
        return self._db

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One transaction: commit on success; on a storage fault roll back, drop the connection, raise StorageError."""
        with self._lock:
            try:
                db = self.db
                try:
                    yield db
                    db.commit()
                except BaseException:
                    if self._db is not None:
                        try:
                            db.rollback()
                        except sqlite3.Error:
                            pass
                    raise
            except sqlite3.Error as exc:
                if isinstance(exc, sqlite3.IntegrityError):
                    raise
                self._drop()
                raise StorageError(f"the session database {self.path} cannot be used ({exc}); "
                                   "check that its disk is writable and not full — the next request retries") from None

    def _drop(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None

    def check(self) -> None:
        """Readiness probe: one small write, so a read-only or full disk is reported (StorageError)."""
        with self._tx() as db:
            db.execute("INSERT INTO health(id, checked) VALUES(1, ?) ON CONFLICT(id) DO UPDATE SET checked=excluded.checked",
                       (time.time(),))

    # -- sessions ---------------------------------------------------------------------
    def create(self, session_id: str | None = None, exist_ok: bool = True) -> str:
        """Create a session; an existing id is joined (``exist_ok``) or refused with ``SessionExists``."""
        sid = check_session_id(session_id) if session_id is not None else uuid.uuid4().hex[:16]
        now = time.time()
        with self._tx() as db:
            added = db.execute("INSERT OR IGNORE INTO sessions(id, created, updated) VALUES(?,?,?)",
                               (sid, now, now)).rowcount
        if not added and not exist_ok:
            raise SessionExists(f"session {sid!r} already exists; choose another id or omit it")
        return sid

    def exists(self, session_id: str) -> bool:
        with self._tx() as db:
            return db.execute("SELECT 1 FROM sessions WHERE id=?", (session_id,)).fetchone() is not None

    def require(self, session_id: str) -> None:
        if not self.exists(session_id):
            raise SessionNotFound(f"no session {session_id!r}")

    def delete(self, session_id: str) -> None:
        """Remove a session and everything recorded for it, then checkpoint the WAL so no copy survives."""
        with self._tx() as db:
            if not db.execute("DELETE FROM sessions WHERE id=?", (session_id,)).rowcount:
                raise SessionNotFound(f"no session {session_id!r}")
            for table in _SESSION_TABLES:
                db.execute(f"DELETE FROM {table} WHERE session_id=?", (session_id,))
        with self._tx() as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def purge(self, older_than_s: float, now: float | None = None) -> int:
        """Delete every session not updated for ``older_than_s`` seconds, with all its rows (retention)."""
        cutoff = (time.time() if now is None else now) - older_than_s
        with self._tx() as db:
            old = [r[0] for r in db.execute("SELECT id FROM sessions WHERE updated < ?", (cutoff,)).fetchall()]
            for sid in old:
                for table in _SESSION_TABLES:
                    db.execute(f"DELETE FROM {table} WHERE session_id=?", (sid,))
                db.execute("DELETE FROM sessions WHERE id=?", (sid,))
        if old:
            with self._tx() as db:
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        return len(old)

    # -- turns --------------------------------------------------------------------------
    def history(self, session_id: str) -> list[dict[str, Any]]:
        with self._tx() as db:
            rows = db.execute(
                "SELECT idx, role, text, products FROM turns WHERE session_id=? ORDER BY idx, role DESC",
                (session_id,),
            ).fetchall()
        return [{"turn": i, "role": r, "text": t, "products": json.loads(p)} for i, r, t, p in rows]

    def turn_count(self, session_id: str) -> int:
        with self._tx() as db:
            row = db.execute("SELECT COUNT(DISTINCT idx) FROM turns WHERE session_id=?", (session_id,)).fetchone()
        return int(row[0])

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
            if db.execute("SELECT 1 FROM sessions WHERE id=?", (session_id,)).fetchone() is None:
                raise SessionNotFound(f"no session {session_id!r} (deleted during the turn)")
            if portrait is not None:
                _upsert_portrait(db, session_id, portrait, now)
            db.execute("INSERT OR REPLACE INTO turns VALUES(?,?,?,?,?,?)", (session_id, idx, "user", user_text, "[]", now))
            db.execute("INSERT OR REPLACE INTO turns VALUES(?,?,?,?,?,?)",
                       (session_id, idx, "assistant", reply_text, json.dumps(product_ids), now))
            if query is not None:
                db.executemany("INSERT INTO impressions VALUES(?,?,?,?,?,?)",
                               [(session_id, idx, query, pid, pos, now) for pos, pid in enumerate(product_ids, start=1)])
            if idempotency_key is not None and reply is not None:
                db.execute("INSERT OR REPLACE INTO idempotency VALUES(?,?,?,?)",
                           (session_id, idempotency_key, json.dumps(reply, ensure_ascii=False), now))
            db.execute("UPDATE sessions SET updated=? WHERE id=?", (now, session_id))

    def stored_reply(self, session_id: str, idempotency_key: str) -> dict[str, Any] | None:
        """The reply already given for this ``Idempotency-Key``, or None."""
        with self._tx() as db:
            row = db.execute("SELECT reply FROM idempotency WHERE session_id=? AND key=?",
                             (session_id, idempotency_key)).fetchone()
        return json.loads(row[0]) if row else None

    def last_shown(self, session_id: str) -> list[str]:
        with self._tx() as db:
            row = db.execute(
                "SELECT products FROM turns WHERE session_id=? AND role='assistant' ORDER BY idx DESC LIMIT 1",
                (session_id,),
            ).fetchone()
        return json.loads(row[0]) if row else []

    # -- portraits ----------------------------------------------------------------------
    def load_portrait(self, session_id: str) -> Portrait:
        with self._tx() as db:
            row = db.execute("SELECT data FROM portraits WHERE session_id=?", (session_id,)).fetchone()
        return Portrait.from_json(json.loads(row[0])) if row else Portrait()

    def save_portrait(self, session_id: str, portrait: Portrait) -> None:
        with self._tx() as db:
            if db.execute("SELECT 1 FROM sessions WHERE id=?", (session_id,)).fetchone() is None:
                raise SessionNotFound(f"no session {session_id!r}")
            _upsert_portrait(db, session_id, portrait, time.time())

    def clear_portrait(self, session_id: str) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM portraits WHERE session_id=?", (session_id,))

    # -- impressions and feedback -------------------------------------------------------
    def record_impressions(self, session_id: str, turn: int, query: str, product_ids: list[str]) -> None:
        now = time.time()
        with self._tx() as db:
            db.executemany(f"INSERT INTO impressions SELECT ?,?,?,?,?,? {_LIVE}",
                           [(session_id, turn, query, pid, pos, now, session_id)
                            for pos, pid in enumerate(product_ids, start=1)])

    def record_feedback(self, session_id: str, product_id: str, event: str, query: str = "",
                        position: int | None = None) -> None:
        """Store one feedback event; ``SessionNotFound`` when the session is gone (checked in the same transaction)."""
        if event not in FEEDBACK_EVENTS:
            raise InputError(f"event must be one of {', '.join(FEEDBACK_EVENTS)}, not {event!r}")
        with self._tx() as db:
            added = db.execute(f"INSERT INTO feedback SELECT ?,?,?,?,?,? {_LIVE}",
                               (session_id, product_id, event, query, position, time.time(), session_id)).rowcount
        if not added:
            raise SessionNotFound(f"no session {session_id!r}")

    def impressions(self) -> list[dict[str, Any]]:
        with self._tx() as db:
            rows = db.execute("SELECT session_id, turn, query, product_id, position, created FROM impressions").fetchall()
        return [dict(zip(("session_id", "turn", "query", "product_id", "position", "created"), r)) for r in rows]

    def feedback(self) -> list[dict[str, Any]]:
        with self._tx() as db:
            rows = db.execute("SELECT session_id, product_id, event, query, position, created FROM feedback").fetchall()
        return [dict(zip(("session_id", "product_id", "event", "query", "position", "created"), r)) for r in rows]

    def row_counts(self, session_id: str) -> dict[str, int]:
        """Rows held for one session, per table (deletion must leave all zero)."""
        with self._tx() as db:
            counts = {t: db.execute(f"SELECT COUNT(*) FROM {t} WHERE session_id=?", (session_id,)).fetchone()[0]
                      for t in _SESSION_TABLES}
            counts["sessions"] = db.execute("SELECT COUNT(*) FROM sessions WHERE id=?", (session_id,)).fetchone()[0]
        return counts

    def close(self) -> None:
        with self._lock:
            self._drop()


def _upsert_portrait(db: sqlite3.Connection, session_id: str, portrait: Portrait, now: float) -> None:
    db.execute("INSERT INTO portraits(session_id, data, updated) VALUES(?,?,?) ON CONFLICT(session_id)"
               " DO UPDATE SET data=excluded.data, updated=excluded.updated",
               (session_id, json.dumps(portrait.to_json()), now))
