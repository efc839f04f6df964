"""Alembic environment: runs on the connection ``assistant.storage.migrate`` hands over (no ini file, no URL here)."""

from alembic import context

from assistant.storage.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
