"""``shopguide ui`` (Gradio chat) and ``shopguide serve`` (UI + HTTP API on one port)."""

from __future__ import annotations

import ipaddress
import sys
import threading
import time


def register(sub) -> None:
    p = sub.add_parser("ui", help="open the Gradio chat UI (default http://127.0.0.1:7860)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=7860)
    p.add_argument("--token", help="password for the UI; required to bind anything but loopback "
                                   "(default $SHOPGUIDE_API_TOKEN)")
    p.set_defaults(func=cmd_ui)

    s = sub.add_parser("serve", help="serve the HTTP API (/v1, /openapi.json) and the UI (/ui) on one port",
                       description="Serve the JSON API under /v1 (OpenAPI at /openapi.json, docs at /docs) and "
                                   "the chat UI at /ui. Binding anything but loopback needs a bearer token "
                                   "(--token or $SHOPGUIDE_API_TOKEN).")
    s.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    s.add_argument("--token", help="require `Authorization: Bearer TOKEN` (default $SHOPGUIDE_API_TOKEN)")
    s.add_argument("--no-ui", action="store_true", help="serve the API only")
    s.add_argument("--no-warm-up", action="store_true", help="load models on the first message instead of now")
    s.set_defaults(func=cmd_serve)


def is_loopback(host: str) -> bool:
    """``127.0.0.1``, ``::1`` and ``localhost`` are loopback; ``0.0.0.0`` and names are not."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _warm(bot) -> None:
    started = time.perf_counter()
    try:
        bot.warm_up()
    except Exception as exc:  # the server keeps answering; /readyz reports the failure
        print(f"shopguide: warm-up failed: {exc}", file=sys.stderr, flush=True)
        return
    print(f"shopguide: ready ({time.perf_counter() - started:.1f}s warm-up)", file=sys.stderr, flush=True)


def require_token_off_loopback(host: str, token: str | None) -> None:
    """The one rule for ``ui`` and ``serve``: a non-loopback bind needs a token."""
    from assistant.errors import ConfigError

    if not is_loopback(host) and not token:
        raise ConfigError(f"refusing to serve on {host} without a token: anyone on the network could use it. "
                          "Pass --token TOKEN (or set SHOPGUIDE_API_TOKEN), or bind 127.0.0.1")


def cmd_ui(args) -> int:
    from assistant import Assistant
    from ui.cli_common import settings_from_args
    from ui.gradio_app import launch

    settings = settings_from_args(args)
    token = args.token or settings.api_token or None
    require_token_off_loopback(args.host, token)
    bot = Assistant.from_config(settings=settings)
    bot.warm_up()
    launch(bot, host=args.host, port=args.port, token=token)
    return 0


def cmd_serve(args) -> int:
    from assistant import Assistant
    from ui.cli_common import settings_from_args

    settings = settings_from_args(args)
    token = args.token or settings.api_token or None
    require_token_off_loopback(args.host, token)
    import uvicorn

    from ui.http_api import create_app

    bot = Assistant.from_config(settings=settings)
    app = create_app(bot, token=token, ui=not args.no_ui)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"shopguide: serving on http://{shown}:{args.port}/ (UI /ui, API /v1, docs /docs)"
          + (" — bearer token required" if token else "")
          + ("" if args.no_warm_up else "; warming up, /readyz turns ready when done"), file=sys.stderr, flush=True)
    if not args.no_warm_up:
        # listen at once (/healthz answers), warm in the background; /readyz says 503 until done
        bot.warm_state = "warming"
        threading.Thread(target=_warm, args=(bot,), name="shopguide-warm-up", daemon=True).start()
    # keep idle connections longer than a load balancer's (or client pool's) idle timeout, 60 s for most:
    # with uvicorn's 5 s the server may close a connection just as a client reuses it, and that
    # request fails with a read error (seen in benchmarks/load_replicas.py: 3 of 640 requests)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", timeout_keep_alive=75)
    return 0
