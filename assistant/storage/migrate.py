"""Bring a database to the newest schema with Alembic, from code (``shopguide db upgrade`` and first use).

The migration scripts live in ``assistant/storage/migrations`` (package data, no
``alembic.ini``). ``upgrade`` is safe to call on every start: at the newest revision it
only reads ``alembic_version``. On PostgreSQL it holds an advisory lock while it runs, so
replicas starting together do not race to create the same tables; on SQLite the
database's own write lock does that.

A database written before migrations existed has the tables but no ``alembic_version``:
revision 0001 creates only what is missing (``checkfirst``), so its rows are kept.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).with_name("migrations")
_PG_MIGRATION_LOCK = 0x73686F70   # "shop": one advisory-lock key for every shopguide migration


def _config(connection: Connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def head() -> str:
    """The newest revision the code knows."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def is_current(engine: Engine) -> bool:
    """True when the database is at ``head()`` already (one small query; the usual case on start)."""
    from sqlalchemy import inspect

    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return False
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == head()


def current(engine: Engine) -> str | None:
    """The database's revision (None: empty, or written before migrations)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Apply every migration up to ``revision``; returns the revision the database is at afterwards."""
    from alembic import command

    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
        command.upgrade(_config(connection), revision)
    return current(engine)
