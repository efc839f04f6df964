"""Many shoppers against two ``shopguide serve`` replicas sharing one PostgreSQL and one ``chroma run`` server.

Starts everything itself on loopback (PostgreSQL from Debian's ``postgresql`` package in
a scratch directory, a Chroma server, N replicas with the fake LLM and the sample
catalog), then runs ``sessions`` concurrent conversations of ``turns`` messages each;
every conversation alternates its turns between the replicas (a client-side round
robin: any load balancer does the same). Reports p50/p95 latency, throughput, failures
and cross-session leaks (``tests/load_driver.py``) and writes them as JSON::

    .venv/bin/python benchmarks/load_replicas.py --sessions 128 --turns 5 --out runs/load_replicas.json

Each replica's LLM queue (``llm.queue_limit``) is set to hold its share of the sessions
(``--queue-limit``, default 64); with the product default (32) the turns beyond
1 writing + 32 waiting per replica get ``503 Overloaded`` at once — the designed
back-pressure, which ``--queue-limit 32`` shows.

The figures in ``docs/reliability.md`` come from here. Needs root or a ``postgres``-less
setup where ``initdb`` runs as the current user.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.load_driver import run_load  # noqa: E402
from tests.pg_server import PostgresServer, pg_bindir  # noqa: E402
from tests.replicas import Replica, make_home  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=128, help="concurrent conversations (default 128)")
    ap.add_argument("--turns", type=int, default=5, help="messages per conversation (default 5)")
    ap.add_argument("--replicas", type=int, default=2, help="shopguide serve processes (default 2)")
    ap.add_argument("--no-reply", action="store_true", help="products only (no LLM text, even fake)")
    ap.add_argument("--queue-limit", type=int, default=64,
                    help="each replica's LLM queue (llm.queue_limit; default 64 = 128 sessions / 2 replicas; "
                         "the product default 32 turns the rest away with 503 Overloaded, by design)")
    ap.add_argument("--logs", help="copy the replicas' server logs into this directory")
    ap.add_argument("--out", help="write the report here as JSON (default: print only)")
    args = ap.parse_args()
    if pg_bindir() is None:
        print("load_replicas: PostgreSQL is not installed (`apt-get install postgresql`)", file=sys.stderr)
        return 2
    from retrieval.index.chroma_server import ChromaServer

    with tempfile.TemporaryDirectory(prefix="shopguide-load-") as scratch, PostgresServer() as pg, \
            ChromaServer(Path(scratch) / "chroma") as chroma:
        home = make_home(Path(scratch) / "home", pg.url, chroma, args.queue_limit)
        replicas = [Replica(home, f"r{i}") for i in range(args.replicas)]
        try:
            for replica in replicas:
                replica.wait_ready()
            started = time.perf_counter()
            report = asyncio.run(run_load(replicas[0].url, args.sessions, args.turns, reply=not args.no_reply,
                                          replicas=[r.url for r in replicas]))
            summary = report.summary()
            summary.update(replicas=args.replicas, database="postgresql", vectors="chroma run server",
                           llm="fake", queue_limit=args.queue_limit, load_average=[round(x, 2) for x in os.getloadavg()],
                           cpus=os.cpu_count(), errors=report.errors[:10],
                           bench_wall_s=round(time.perf_counter() - started, 1))
        finally:
            for replica in replicas:
                replica.stop()
                if args.logs:
                    Path(args.logs).mkdir(parents=True, exist_ok=True)
                    shutil.copy(replica.log, Path(args.logs) / replica.log.name)
    text = json.dumps(summary)
    print(text)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text + "\n")
    return 0 if summary["failures"] == 0 and summary["leaks"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
