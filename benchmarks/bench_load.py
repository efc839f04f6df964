"""Concurrent shoppers against the HTTP API: p50/p95 latency, throughput, failures, leaks.

In-process (fake LLM, sample-sized demo index from the data dir) or against running
servers; with several ``--url``s the turns of each conversation alternate between them
(replicas behind a load balancer)::

    .venv/bin/python benchmarks/bench_load.py --sessions 32 --turns 10                # in-process, fake LLM
    .venv/bin/python benchmarks/bench_load.py --data-dir /tmp/home --llm transformers --sessions 8 --turns 3
    .venv/bin/python benchmarks/bench_load.py --url http://127.0.0.1:8000 --url http://127.0.0.1:8001 --sessions 128

Prints one JSON line (the figures in docs/reliability.md come from here and from
tests/test_reliability_load.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.load_driver import ServerThread, run_load  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", action="append", help="a running server (repeat for replicas); default: in-process")
    ap.add_argument("--data-dir", help="data directory for the in-process server (default $SHOPGUIDE_HOME)")
    ap.add_argument("--llm", default="fake", help="LLM backend for the in-process server (default fake)")
    ap.add_argument("--embedder", default=None, help="embedder override for the in-process server")
    ap.add_argument("--sessions", type=int, default=32)
    ap.add_argument("--turns", type=int, default=10)
    ap.add_argument("--no-reply", action="store_true", help="products only (no LLM text)")
    ap.add_argument("--token", help="bearer token of the servers")
    args = ap.parse_args()
    headers = {"Authorization": f"Bearer {args.token}"} if args.token else None
    if args.url:
        report = asyncio.run(run_load(args.url[0], args.sessions, args.turns, not args.no_reply, headers,
                                      replicas=args.url if len(args.url) > 1 else None))
    else:
        from assistant import Assistant
        from ui.http_api import create_app

        overrides = {"llm.backend": args.llm, "embedder": args.embedder}
        bot = Assistant.from_config(home=args.data_dir, **overrides)
        bot.warm_up()
        with ServerThread(create_app(bot, ui=False)) as url:
            report = asyncio.run(run_load(url, args.sessions, args.turns, not args.no_reply, headers))
        report_gate = {"llm_refused": bot.llm_gate.refused}
        print(json.dumps({**report.summary(), **report_gate, "errors": report.errors[:5]}))
        return 0 if not (report.failures or report.leaks) else 1
    print(json.dumps({**report.summary(), "errors": report.errors[:5]}))
    return 0 if not (report.failures or report.leaks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
