"""The two statements SQL spells differently per engine: insert-or-ignore and insert-or-update.

>>> from sqlalchemy import create_engine
>>> from assistant.storage.schema import metadata, sessions
>>> engine = create_engine("sqlite://")
>>> metadata.create_all(engine)
>>> with engine.begin() as db:
...     [db.execute(insert_ignore(db, sessions), {"id": "a", "created": 1.0, "updated": 1.0}).rowcount for _ in "xy"]
[1, 0]
"""

from __future__ import annotations

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite


def _insert(db, table: Table):
    return (postgresql.insert if db.dialect.name == "postgresql" else sqlite.insert)(table)


def insert_ignore(db, table: Table):
    """``INSERT … ON CONFLICT DO NOTHING`` (SQLite's ``INSERT OR IGNORE``)."""
    return _insert(db, table).on_conflict_do_nothing()


def upsert(db, table: Table, keys: tuple[str, ...]):
    """``INSERT … ON CONFLICT (keys) DO UPDATE`` every other column (SQLite's ``INSERT OR REPLACE``)."""
    stmt = _insert(db, table)
    return stmt.on_conflict_do_update(index_elements=list(keys),
                                      set_={c.name: stmt.excluded[c.name] for c in table.c if c.name not in keys})
