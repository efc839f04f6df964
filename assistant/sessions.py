"""SQLite persistence for sessions, turns, portraits, impressions and feedback.

One file (``$SHOPGUIDE_HOME/sessions.sqlite``). Every public method is one short
transaction, safe to call from several threads (one connection, one lock).
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from assistant.errors import InputError, SessionNotFound
from assistant.portrait.model import Portrait

FEEDBACK_EVENTS = ("click", "thumbs_up", "thumbs_down", "add_to_cart", "purchase")

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
CREATE INDEX IF NOT EXISTS impressions_session ON impressions(session_id);
CREATE INDEX IF NOT EXISTS feedback_session ON feedback(session_id);
"""


class SessionStore:
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

    # -- sessions ---------------------------------------------------------------------
    def create(self, session_id: str | None = None) -> str:
        sid = session_id or uuid.uuid4().hex[:16]
        if not sid or len(sid) > 128:
            raise InputError("session id must be 1-128 characters")
        now = time.time()
        with self._lock:
            self.db.execute("INSERT OR IGNORE INTO sessions(id, created, updated) VALUES(?,?,?)", (sid, now, now))
            self.db.commit()
        return sid

    def exists(self, session_id: str) -> bool:
        with self._lock:
            return self.db.execute("SELECT 1 FROM sessions WHERE id=?", (session_id,)).fetchone() is not None

    def require(self, session_id: str) -> None:
        if not self.exists(session_id):
            raise SessionNotFound(f"no session {session_id!r}")

    def delete(self, session_id: str) -> None:
        """Remove a session and everything recorded for it."""
        self.require(session_id)
        with self._lock:
            for table in ("turns", "portraits", "impressions", "feedback"):
                self.db.execute(f"DELETE FROM {table} WHERE session_id=?", (session_id,))
            self.db.execute("DELETE FROM sessions WHERE id=?", (session_id,))
            self.db.commit()

    # -- turns --------------------------------------------------------------------------
    def history(self, session_id: str) -> list[dict[str, Any]]:
        with self._lock:
            rows = self.db.execute(
                "SELECT idx, role, text, products FROM turns WHERE session_id=? ORDER BY idx, role DESC",
                (session_id,),
            ).fetchall()
        return [{"turn": i, "role": r, "text": t, "products": json.loads(p)} for i, r, t, p in rows]

    def turn_count(self, session_id: str) -> int:
        with self._lock:
            row = self.db.execute("SELECT COUNT(DISTINCT idx) FROM turns WHERE session_id=?", (session_id,)).fetchone()
        return int(row[0])

    def add_turn(self, session_id: str, idx: int, user_text: str, reply_text: str, product_ids: list[str]) -> None:
        now = time.time()
        with self._lock:
            self.db.execute("INSERT OR REPLACE INTO turns VALUES(?,?,?,?,?,?)", (session_id, idx, "user", user_text, "[]", now))
            self.db.execute("INSERT OR REPLACE INTO turns VALUES(?,?,?,?,?,?)",
                            (session_id, idx, "assistant", reply_text, json.dumps(product_ids), now))
            self.db.execute("UPDATE sessions SET updated=? WHERE id=?", (now, session_id))
            self.db.commit()

    def last_shown(self, session_id: str) -> list[str]:
        with self._lock:
            row = self.db.execute(
                "SELECT products FROM turns WHERE session_id=? AND role='assistant' ORDER BY idx DESC LIMIT 1",
                (session_id,),
            ).fetchone()
        return json.loads(row[0]) if row else []

    # -- portraits ----------------------------------------------------------------------
    def load_portrait(self, session_id: str) -> Portrait:
        with self._lock:
            row = self.db.execute("SELECT data FROM portraits WHERE session_id=?", (session_id,)).fetchone()
        return Portrait.from_json(json.loads(row[0])) if row else Portrait()

    def save_portrait(self, session_id: str, portrait: Portrait) -> None:
        with self._lock:
            self.db.execute(
                "INSERT INTO portraits(session_id, data, updated) VALUES(?,?,?) ON CONFLICT(session_id)"
                " DO UPDATE SET data=excluded.data, updated=excluded.updated",
                (session_id, json.dumps(portrait.to_json()), time.time()),
            )
            self.db.commit()

    def clear_portrait(self, session_id: str) -> None:
        with self._lock:
            self.db.execute("DELETE FROM portraits WHERE session_id=?", (session_id,))
            self.db.commit()

    # -- impressions and feedback -------------------------------------------------------
    def record_impressions(self, session_id: str, turn: int, query: str, product_ids: list[str]) -> None:
        now = time.time()
        with self._lock:
            self.db.executemany(
                "INSERT INTO impressions VALUES(?,?,?,?,?,?)",
                [(session_id, turn, query, pid, pos, now) for pos, pid in enumerate(product_ids, start=1)],
            )
            self.db.commit()

    def record_feedback(self, session_id: str, product_id: str, event: str, query: str = "",
                        position: int | None = None) -> None:
        if event not in FEEDBACK_EVENTS:
            raise InputError(f"event must be one of {', '.join(FEEDBACK_EVENTS)}, not {event!r}")
        with self._lock:
            self.db.execute("INSERT INTO feedback VALUES(?,?,?,?,?,?)",
                            (session_id, product_id, event, query, position, time.time()))
            self.db.commit()

    def impressions(self) -> list[dict[str, Any]]:
        with self._lock:
            rows = self.db.execute("SELECT session_id, turn, query, product_id, position, created FROM impressions").fetchall()
        return [dict(zip(("session_id", "turn", "query", "product_id", "position", "created"), r)) for r in rows]

    def feedback(self) -> list[dict[str, Any]]:
        with self._lock:
            rows = self.db.execute("SELECT session_id, product_id, event, query, position, created FROM feedback").fetchall()
        return [dict(zip(("session_id", "product_id", "event", "query", "position", "created"), r)) for r in rows]

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
