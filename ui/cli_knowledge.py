"""``shopguide knowledge add|list|remove``: the shop's own documents (policies, FAQ) for customer service."""

from __future__ import annotations

import json
import sys


def register(sub) -> None:
    p = sub.add_parser("knowledge", help="add, list or remove shop documents (policies, FAQ) the bot answers from",
                       description="Shop knowledge: Markdown, plain-text and HTML files are split into passages by "
                                   "heading and indexed for meaning and keywords. Re-adding an unchanged file "
                                   "embeds nothing; an edited file re-embeds only its changed sections.",
                       epilog="examples:\n  shopguide knowledge add policies/\n  shopguide knowledge list\n"
                              "  shopguide knowledge remove returns.md",
                       formatter_class=__import__("argparse").RawDescriptionHelpFormatter)
    ksub = p.add_subparsers(dest="knowledge_command", metavar="ACTION", required=True)
    add = ksub.add_parser("add", help="add or update a file or a folder of .md/.txt/.html files")
    add.add_argument("path", metavar="PATH")
    add.add_argument("--json", action="store_true", help="print the summary as JSON")
    add.set_defaults(func=cmd_add)
    lst = ksub.add_parser("list", help="list the documents and their passage counts")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_list)
    rm = ksub.add_parser("remove", help="remove a document by the name `knowledge list` shows")
    rm.add_argument("document")
    rm.set_defaults(func=cmd_remove)


def _index(args):
    from assistant.components import build_knowledge
    from ui.cli_common import settings_from_args

    return build_knowledge(settings_from_args(args))


def _unreadable(exc) -> Exception:
    from assistant.errors import StorageError

    return StorageError(str(exc))


def cmd_add(args) -> int:
    from assistant.errors import InputError
    from retrieval.knowledge.index import KnowledgeUnavailable

    try:
        report = _index(args).add(args.path)
    except KnowledgeUnavailable as exc:    # the index on disk, not the file given: exit 5
        raise _unreadable(exc) from None
    except (FileNotFoundError, ValueError) as exc:
        raise InputError(str(exc)) from None
    if args.json:
        print(json.dumps(report.to_dict()))
    else:
        print(f"{', '.join(report.documents) or 'no documents'}: {report.added} passages added, "
              f"{report.unchanged} unchanged, {report.removed} removed")
    return 0


def cmd_list(args) -> int:
    from retrieval.knowledge.index import KnowledgeUnavailable

    try:
        docs = _index(args).documents()
    except KnowledgeUnavailable as exc:
        raise _unreadable(exc) from None
    if args.json:
        print(json.dumps([{"document": d, "passages": n} for d, n in docs]))
    elif not docs:
        print("no shop knowledge yet; add some with `shopguide knowledge add PATH`", file=sys.stderr)
    for name, count in docs if not args.json else ():
        print(f"{name}\t{count} passages")
    return 0


def cmd_remove(args) -> int:
    from assistant.errors import InputError

    report = _index(args).remove(args.document)
    if not report.removed:
        raise InputError(f"no document named {args.document!r} (see `shopguide knowledge list`)")
    print(f"{args.document}: {report.removed} passages removed")
    return 0


def load_demo_knowledge(settings, embedder) -> str:
    """`shopguide index`: the invented demo-shop policy and demo orders table, so the demo can answer."""
    from importlib import resources

    from assistant.components import build_knowledge
    from assistant.knowledge.orders import create_demo_orders

    text = resources.files("retrieval.demo").joinpath("policy.md").read_text(encoding="utf-8")
    report = build_knowledge(settings, embedder).add_document("demo-shop-policy.md", text)
    if not settings.orders.url:
        create_demo_orders(settings.orders_db)
    return f"demo shop policy: {report.added} passages added, {report.unchanged} unchanged"
