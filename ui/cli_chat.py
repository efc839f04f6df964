"""``shopguide ask`` (one-shot, scriptable) and ``shopguide chat`` (terminal session)."""

from __future__ import annotations

import json
import sys


def register(sub) -> None:
    p = sub.add_parser("ask", help="answer one or more messages non-interactively",
                       description="Answer MESSAGE(s) as consecutive turns of one session. With --json, print one "
                                   "JSON object per message: reply, products, portrait, fallback.")
    p.add_argument("messages", nargs="+", metavar="MESSAGE")
    p.add_argument("--session", help="session id; stored in the data directory so later asks continue it")
    p.add_argument("--json", action="store_true", help="print one JSON object per message")
    p.add_argument("--user", metavar="ID", help="a returning shopper's id: their history shapes the picks")
    p.add_argument("--no-reply", action="store_true", help="run only portrait and retrieval (empty reply, fast)")
    p.set_defaults(func=cmd_ask)

    c = sub.add_parser("chat", help="chat in the terminal (/portrait, /reset, /quit)")
    c.add_argument("--session", help="continue this session id")
    c.set_defaults(func=cmd_chat)


def _assistant(args):
    from assistant import Assistant
    from ui.cli_common import settings_from_args

    return Assistant.from_config(settings=settings_from_args(args))


def cmd_ask(args) -> int:
    bot = _assistant(args)
    session = args.session
    for message in args.messages:
        if args.json:
            reply = bot.chat(message, session_id=session, reply=not args.no_reply, user_id=args.user)
            session = reply.session_id
            print(json.dumps(reply.to_json(), ensure_ascii=False), flush=True)
        else:
            final = None
            for event in bot.stream(message, session_id=session, reply=not args.no_reply, user_id=args.user):
                if event.kind == "final":
                    final = event.reply
            session = final.session_id
            print(final.text)
            for i, p in enumerate(final.products, start=1):
                print(f"  [{p.product.id}] {p.product.title} — {p.product.price} {p.product.currency}")
    return 0


def cmd_chat(args) -> int:
    from ui.terminal import run_terminal_chat

    try:    # a model loaded later (the question matcher's embedder) would draw its loading bar over a reply
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
    except ImportError:
        pass
    bot = _assistant(args)
    bot.warm_up()   # the first message is as fast as the rest
    return run_terminal_chat(bot, session_id=args.session)
