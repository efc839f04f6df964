"""Where sessions, portraits, turns, feedback, users and events are stored: SQLAlchemy Core over SQLite or PostgreSQL.

    Database(url)              one engine; migrations run on first use (``migrate.upgrade``)
    ├── tx()                   one transaction; a storage fault → ``StorageError`` + reconnect
    ├── session_lock(id)       per-session ordering across replicas (PostgreSQL advisory lock)
    └── checkpoint()           SQLite: fold the WAL into the file and truncate it (deletion)

SQLite (the default: ``$SHOPGUIDE_HOME/sessions.sqlite``) keeps one connection behind a
process lock, as before. PostgreSQL (``[store] database_url =
"postgresql+psycopg://…"``) uses a connection pool, so several ``shopguide serve``
replicas share one database and no replica holds state another one needs.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any, Callable, Iterator

from assistant.errors import ConfigError, StorageError

_migrate_guard = threading.Lock()


def database_url(target: "str | Path") -> str:
    """A SQLAlchemy URL for a path, ``:memory:`` or a URL.

    >>> database_url("/tmp/x/sessions.sqlite"), database_url(":memory:")
    ('sqlite:////tmp/x/sessions.sqlite', 'sqlite://')
    >>> database_url("postgresql+psycopg://shop@db/shop")
    'postgresql+psycopg://shop@db/shop'
    """
    text = str(target)
    if text == ":memory:":
        return "sqlite://"
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


class Database:
    """One database for every store of a process; cheap to build, connects on first use."""

    def __init__(self, target: "str | Path", connect: Callable[..., sqlite3.Connection] = sqlite3.connect) -> None:
        self.url = database_url(target)
        self.dialect = self.url.split(":", 1)[0].split("+", 1)[0]
        if self.dialect not in ("sqlite", "postgresql"):
            raise ConfigError(f"store.database_url must be sqlite:///PATH or postgresql+psycopg://…, not {self.url!r}")
        self.path: Path | str | None = None
        if self.dialect == "sqlite":
            self.path = ":memory:" if self.url == "sqlite://" else Path(self.url[len("sqlite:///"):])
        self._connect = connect       # a seam: tests pass a wrapper that injects disk faults (SQLite)
        self._engine = None
        self._lock = threading.RLock() if self.dialect == "sqlite" else None

    def __repr__(self) -> str:
        return f"Database({self.where!r})"

    @property
    def where(self) -> str:
        """The location for messages, without a password."""
        if self.dialect == "sqlite":
            return str(self.path)
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)

    @property
    def engine(self):
        # a local, not self._engine: another thread's fault may reset self._engine meanwhile (PostgreSQL)
        engine = self._engine
        if engine is None:
            engine = self._make_engine()
            try:
                self._migrate(engine)
            except BaseException:
                engine.dispose()
                raise
            self._engine = engine
        return engine

    def _make_engine(self):
        from sqlalchemy import create_engine
        from sqlalchemy.pool import StaticPool

        if self.dialect == "postgresql":
            try:
                return create_engine(self.url, pool_pre_ping=True, pool_size=20, max_overflow=40, pool_timeout=30)
            except ImportError as exc:
                raise ConfigError(f"PostgreSQL needs psycopg: `pip install 'psycopg[binary]'` ({exc})") from None
        path = self.path
        if isinstance(path, Path):
            path.parent.mkdir(parents=True, exist_ok=True)

        def creator() -> sqlite3.Connection:
            db = self._connect(str(path), check_same_thread=False, timeout=30)
            try:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA secure_delete=ON")   # freed pages are zeroed: deleted text leaves no bytes
            except BaseException:
                db.close()
                raise
            return db

        # one connection, used under self._lock: the single-writer model SQLite is built for
        return create_engine("sqlite://", creator=creator, poolclass=StaticPool)

    def _migrate(self, engine) -> None:
        from assistant.storage.migrate import is_current, upgrade

        with _migrate_guard:
            if not is_current(engine):
                upgrade(engine)

    def upgrade(self) -> str | None:
        """Run the migrations now (``shopguide db upgrade``); returns the revision reached."""
        from assistant.storage.migrate import upgrade

        with self._guard():
            with self._faults():
                return upgrade(self.engine)

    def revision(self) -> str | None:
        from assistant.storage.migrate import current

        with self._guard():
            with self._faults():
                return current(self.engine)

    # -- transactions ---------------------------------------------------------------------
    def _guard(self):
        return self._lock if self._lock is not None else nullcontext()

    @contextmanager
    def _faults(self) -> Iterator[None]:
        from sqlalchemy import exc as sa_exc

        try:
            yield
        except sa_exc.IntegrityError:
            raise
        except (sa_exc.SQLAlchemyError, sqlite3.Error, OSError) as exc:
            self.dispose()
            detail = getattr(exc, "orig", None) or exc
            raise StorageError(f"the session database {self.where} cannot be used ({_one_line(detail)}); "
                               "check that its disk is writable and not full and that the database server "
                               "is up — the next request retries") from None

    @contextmanager
    def tx(self) -> Iterator[Any]:
        """One transaction: commit on success, roll back on error; a storage fault drops the
        connections (the next call reconnects) and raises ``StorageError``."""
        with self._guard():
            with self._faults():
                with self.engine.begin() as connection:
                    yield connection

    @contextmanager
    def session_lock(self, session_id: str) -> Iterator[None]:
        """Hold the session for one turn across replicas: a PostgreSQL advisory lock keyed by the id,
        on its own connection, released when the turn ends (or when that connection dies).
        SQLite has one process per file; its caller's in-process lock is enough."""
        if self.dialect != "postgresql":
            yield
            return
        from sqlalchemy import text

        with self._faults():
            connection = self.engine.connect()
            transaction = connection.begin()
            connection.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": session_id})
        try:
            yield
        finally:
            try:
                transaction.rollback()   # ends the transaction: the lock goes with it
                connection.close()
            except Exception:   # the server went away: so did the lock
                connection.invalidate()

    def checkpoint(self) -> None:
        """SQLite: copy the WAL into the database file and truncate it, so deleted rows leave no copy there.
        PostgreSQL: nothing to do here (a deletion is one committed transaction; VACUUM reclaims the space)."""
        if self.dialect != "sqlite":
            return
        with self._guard():
            with self._faults():
                with self.engine.connect() as connection:
                    connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def dispose(self) -> None:
        engine, self._engine = self._engine, None
        if engine is not None:
            try:
                engine.dispose()
            except Exception:
                pass


def _one_line(exc: object) -> str:
    return " ".join(str(exc).split())[:300]
