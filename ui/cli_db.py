"""``shopguide db``: the session/user database's schema (Alembic migrations, ``assistant.storage``)."""

from __future__ import annotations

import json


def register(sub) -> None:
    p = sub.add_parser("db", help="database schema: upgrade to the newest migration, show the current one",
                       description="Sessions, portraits, feedback, users and events live in SQLite "
                                   "($SHOPGUIDE_HOME/sessions.sqlite) or in PostgreSQL ([store] database_url, "
                                   "$SHOPGUIDE_DATABASE_URL). Migrations also run by themselves on first use.")
    dsub = p.add_subparsers(dest="db_command", metavar="{upgrade,current}", required=True)
    up = dsub.add_parser("upgrade", help="apply every pending migration (safe to repeat; replicas may run it together)")
    up.add_argument("--json", action="store_true", help="print {database, revision} as JSON")
    up.set_defaults(func=cmd_upgrade)
    cur = dsub.add_parser("current", help="show the database's revision and the newest one the code knows")
    cur.add_argument("--json", action="store_true", help="print {database, revision, head} as JSON")
    cur.set_defaults(func=cmd_current)


def _database(args):
    from assistant.storage import Database
    from ui.cli_common import settings_from_args

    return Database(settings_from_args(args).database)


def cmd_upgrade(args) -> int:
    database = _database(args)
    revision = database.upgrade()
    out = {"database": database.where, "revision": revision}
    print(json.dumps(out) if args.json else f"{database.where}: at revision {revision} (newest)")
    return 0


def cmd_current(args) -> int:
    from assistant.storage.migrate import head

    database = _database(args)
    out = {"database": database.where, "revision": database.revision(), "head": head()}
    print(json.dumps(out) if args.json else f"{out['database']}: revision {out['revision']} (newest {out['head']})")
    return 0
