"""``shopguide`` command line: the composition root for terminal use.

Each command group lives in its own module with ``register(subparsers)``; this module
builds the parser, loads settings once and turns ``ShopguideError`` into one-line
messages and exit codes. Command groups from other packages (``shopguide eval`` from
``eval.cli``) are plugins: they are declared as ``shopguide.commands`` entry points in
``pyproject.toml`` and found through ``importlib.metadata``, so ``ui`` never imports
``eval`` (the import contracts in ``pyproject.toml`` keep it that way).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from importlib.metadata import entry_points

from ui import cli_chat, cli_db, cli_index, cli_knowledge, cli_ranker, cli_serve, cli_users
from ui.cli_common import settings_from_args  # noqa: F401  (re-exported for scripts)

COMMAND_MODULES = (cli_index, cli_chat, cli_serve, cli_ranker, cli_users, cli_knowledge, cli_db)
PLUGIN_GROUP = "shopguide.commands"

EPILOG = """\
examples:
  shopguide index                      build the demo catalog index (once)
  shopguide ask "waterproof jacket under $150" --json
  shopguide chat                       chat in the terminal
  shopguide ui                         open the chat UI on http://127.0.0.1:7860
  shopguide ingest products.jsonl      index your own catalog

The data directory is $SHOPGUIDE_HOME (default ~/.shopguide) or --data-dir.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shopguide", description="Conversational shopping assistant: chat, ingest catalogs, train rankers, evaluate.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--data-dir", help="data directory (index, models, sessions); overrides $SHOPGUIDE_HOME")
    parser.add_argument("--llm", choices=["transformers", "openai", "fake"], help="LLM backend (default: transformers)")
    parser.add_argument("--llm-model", help="model directory or .gguf file (default: bundled SmolLM2-135M)")
    parser.add_argument("--llm-url", help="base URL of an OpenAI-compatible server (with --llm openai)")
    parser.add_argument("--embedder", help="minilm (default), fake, or a sentence-transformers model directory")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug output")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    for plugin in sorted(entry_points(group=PLUGIN_GROUP), key=lambda ep: ep.name):
        plugin.load()(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from assistant.errors import ShopguideError

    try:
        return int(args.func(args) or 0)
    except ShopguideError as exc:
        print(f"shopguide: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("shopguide: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
