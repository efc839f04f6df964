"""``shopguide ui`` (Gradio chat) and ``shopguide serve`` (UI + HTTP API on one port)."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("ui", help="open the Gradio chat UI (default http://127.0.0.1:7860)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=7860)
    p.set_defaults(func=cmd_ui)


def cmd_ui(args) -> int:
    from assistant import Assistant
    from ui.cli import settings_from_args
    from ui.gradio_app import launch

    bot = Assistant.from_config(settings=settings_from_args(args))
    bot.warm_up()
    launch(bot, host=args.host, port=args.port)
    return 0
