"""The tables of sessions, portraits, turns, impressions, feedback, idempotency keys, users and events.

SQLAlchemy Core (no ORM): the stores write plain statements against these ``Table``
objects, and the same statements run on SQLite and PostgreSQL. This is the schema at
the newest migration; the migrations (``assistant.storage.migrations``) carry their
own frozen copies, so editing this file never rewrites history.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, Index, Integer, MetaData, PrimaryKeyConstraint, Table, Text, UniqueConstraint

metadata = MetaData()

sessions = Table("sessions", metadata,
                 Column("id", Text, primary_key=True),
                 Column("created", Float, nullable=False),
                 Column("updated", Float, nullable=False))
turns = Table("turns", metadata,
              Column("session_id", Text, nullable=False), Column("idx", Integer, nullable=False),
              Column("role", Text, nullable=False), Column("text", Text, nullable=False),
              Column("products", Text, nullable=False, server_default="[]"),
              Column("created", Float, nullable=False),
              PrimaryKeyConstraint("session_id", "idx", "role"))
portraits = Table("portraits", metadata,
                  Column("session_id", Text, primary_key=True), Column("data", Text, nullable=False),
                  Column("updated", Float, nullable=False))
impressions = Table("impressions", metadata,
                    Column("session_id", Text, nullable=False), Column("turn", Integer, nullable=False),
                    Column("query", Text, nullable=False), Column("product_id", Text, nullable=False),
                    Column("position", Integer, nullable=False), Column("created", Float, nullable=False),
                    Index("impressions_session", "session_id"))
feedback = Table("feedback", metadata,
                 Column("session_id", Text, nullable=False), Column("product_id", Text, nullable=False),
                 Column("event", Text, nullable=False), Column("query", Text, nullable=False, server_default=""),
                 Column("position", Integer), Column("created", Float, nullable=False),
                 Index("feedback_session", "session_id"))
idempotency = Table("idempotency", metadata,
                    Column("session_id", Text, nullable=False), Column("key", Text, nullable=False),
                    Column("reply", Text, nullable=False), Column("created", Float, nullable=False),
                    PrimaryKeyConstraint("session_id", "key"))
health = Table("health", metadata, Column("id", Integer, primary_key=True, autoincrement=False),
               Column("checked", Float, nullable=False))

users = Table("users", metadata, Column("user_id", Text, primary_key=True), Column("created", Float, nullable=False))
user_sessions = Table("user_sessions", metadata,
                      Column("session_id", Text, primary_key=True), Column("user_id", Text, nullable=False),
                      Column("created", Float, nullable=False), Index("user_sessions_user", "user_id"))
user_events = Table("user_events", metadata,
                    Column("user_id", Text, nullable=False), Column("product_id", Text, nullable=False),
                    Column("event", Text, nullable=False), Column("ts", Float, nullable=False),
                    Column("session_id", Text, nullable=False, server_default=""),
                    Column("variant", Text, nullable=False, server_default=""),
                    Column("source", Text, nullable=False, server_default="live"),
                    UniqueConstraint("user_id", "product_id", "event", "ts"),
                    Index("user_events_user", "user_id", "ts"))
profile_edits = Table("profile_edits", metadata,
                      Column("user_id", Text, nullable=False), Column("field", Text, nullable=False),
                      Column("value", Text, nullable=False), Column("action", Text, nullable=False),
                      Column("created", Float, nullable=False), PrimaryKeyConstraint("user_id", "field", "value"))
experiment_assignments = Table("experiment_assignments", metadata,
                               Column("user_id", Text, nullable=False), Column("experiment", Text, nullable=False),
                               Column("variant", Text, nullable=False), Column("created", Float, nullable=False),
                               PrimaryKeyConstraint("user_id", "experiment"))

SESSION_TABLES = (turns, portraits, impressions, feedback, idempotency)
USER_TABLES = (users, user_sessions, user_events, profile_edits, experiment_assignments)
