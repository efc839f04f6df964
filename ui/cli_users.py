"""``shopguide events import``, ``shopguide users profile|export|delete|purge`` and ``shopguide experiments report``.

Thin commands over ``assistant.users``; errors become one line and an exit code in ``ui.cli``.
"""

from __future__ import annotations

import json
import sys


def register(sub) -> None:
    e = sub.add_parser("events", help="import a shop's event history (returning shoppers)")
    esub = e.add_subparsers(dest="events_command", metavar="ACTION")
    imp = esub.add_parser("import", help="import CSV/JSONL rows: user_id, product_id, event, timestamp[, session_id]",
                          description="Every bad row is reported as 'FILE row N: field: reason'; importing the "
                                      "same file again adds nothing.")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--json", action="store_true", help="print the report as JSON")
    imp.set_defaults(func=cmd_import)
    e.set_defaults(func=lambda args: (e.print_help(), 2)[1])

    u = sub.add_parser("users", help="a returning shopper's profile and data (view, export, delete)")
    usub = u.add_subparsers(dest="users_command", metavar="ACTION")
    for name, helptext in (("profile", "show the long-term profile"), ("export", "print all stored data as JSON"),
                           ("delete", "delete the user, their events and sessions")):
        c = usub.add_parser(name, help=helptext)
        c.add_argument("user_id", metavar="ID")
        c.set_defaults(func=cmd_user, action=name)
    purge = usub.add_parser("purge", help="apply the [users] retention_days setting to raw events")
    purge.set_defaults(func=cmd_purge)
    u.set_defaults(func=lambda args: (u.print_help(), 2)[1])

    x = sub.add_parser("experiments", help="A/B experiment reports")
    xsub = x.add_subparsers(dest="experiments_command", metavar="ACTION")
    r = xsub.add_parser("report", help="click-through, add-to-cart and purchase rates per variant, with CIs and a test")
    r.add_argument("name", metavar="NAME")
    r.add_argument("--plot", metavar="PNG", help="also write a bar chart with confidence intervals")
    r.add_argument("--json", action="store_true", help="print JSON instead of a table")
    r.add_argument("--alpha", type=float, default=0.05, help="significance level (default 0.05)")
    r.set_defaults(func=cmd_report)
    x.set_defaults(func=lambda args: (x.print_help(), 2)[1])


def _settings(args):
    from ui.cli_common import settings_from_args

    return settings_from_args(args)


def _store(settings):
    from assistant.users.store import UserStore

    return UserStore(settings.database)


def _open_index(settings):
    """The indexed catalog (no LLM, no embedder load): product ids and categories are all these commands need."""
    from assistant.errors import NotIndexedError
    from retrieval.index.catalog_index import CatalogIndex
    from retrieval.index.embedder import make_embedder

    index = CatalogIndex(settings.index_dir, make_embedder(settings.embedder))
    if not index.exists():
        raise NotIndexedError(f"no catalog is indexed in {settings.index_dir}; run `shopguide index` first")
    return index


def cmd_import(args) -> int:
    from assistant.users.events_io import import_events

    settings = _settings(args)
    known = _open_index(settings).products
    report = import_events(_store(settings), args.file, known.__contains__)
    if args.json:
        print(json.dumps(report.to_dict()))
    else:
        for line in report.errors:
            print(line, file=sys.stderr)
        print(f"{report.rows} rows: {report.added} events added, {report.duplicates} already present, "
              f"{len(report.errors)} rejected")
    return 0 if not report.errors else 1


def cmd_user(args) -> int:
    from assistant import Assistant

    bot = Assistant.from_config(settings=_settings(args))
    if args.action == "profile":
        print(json.dumps(bot.shoppers.profile(args.user_id), ensure_ascii=False, indent=2))
    elif args.action == "export":
        print(json.dumps(bot.shoppers.export(args.user_id), ensure_ascii=False, indent=2))
    else:
        bot.shoppers.delete(args.user_id)
        print(f"deleted user {args.user_id} and all their data")
    return 0


def cmd_purge(args) -> int:
    from assistant import Assistant

    bot = Assistant.from_config(settings=_settings(args))
    print(f"removed {bot.shoppers.apply_retention()} events older than {bot.settings.users.retention_days:g} days")
    return 0


def cmd_report(args) -> int:
    from assistant.users.experiment_report import plot, render, report

    result = report(_store(_settings(args)).events(), args.name, alpha=args.alpha)
    print(json.dumps(result) if args.json else render(result), end="" if not args.json else "\n")
    if args.plot:
        plot(result, args.plot)
        print(f"wrote {args.plot}", file=sys.stderr)
    return 0


def train_collaborative_command(settings) -> bool:
    """``ranker train --from-feedback`` part two: the collaborative model from users' events. False: no events."""
    from assistant.users.training import train_collaborative

    events = _store(settings).events()
    if not events:
        return False
    category_of = {pid: p.category for pid, p in _open_index(settings).products.items()}
    try:
        meta = train_collaborative(events, category_of, settings.collaborative_path)
    except ValueError as exc:
        print(f"collaborative model not trained: {exc}", file=sys.stderr)
        return False
    print(f"saved the collaborative model ({meta['kind']}, {meta['interactions']} interactions, "
          f"validation {json.dumps(meta['validation_hr@10'])}) to {settings.collaborative_path}", file=sys.stderr)
    return True
