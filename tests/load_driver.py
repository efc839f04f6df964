"""Many shoppers at once against a running HTTP API: latencies, failures, cross-session leaks.

Used by ``tests/test_reliability_load.py`` (CI: 32 sessions × 10 turns, fake LLM) and
``benchmarks/bench_load.py`` (any size, any server). Each session carries its own marker
word in every message ("tag007zz"); a reply is a *leak* when it names another session's
id or its portrait holds another session's marker, and a *failure* when it is not a 200.
"""

from __future__ import annotations

import asyncio
import re
import statistics
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

MESSAGES = ["a waterproof jacket under $150", "make it under 120", "in blue please", "not Nordvik",
            "something for hiking", "a board game for family night", "cheaper than the first one",
            "wireless headphones", "no budget limit then", "a frying pan for induction"]
_MARKER = re.compile(r"tag\d{3}zz")


@dataclass
class LoadReport:
    sessions: int
    turns: int
    requests: int = 0
    failures: int = 0
    leaks: int = 0
    wall_s: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    llm_wait_ms: list[float] = field(default_factory=list)   # from each reply's timings_ms
    errors: list[str] = field(default_factory=list)

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else 0.0

    @property
    def p95_ms(self) -> float:
        return statistics.quantiles(self.latencies_ms, n=20)[-1] if len(self.latencies_ms) >= 2 else self.p50_ms

    @property
    def throughput(self) -> float:
        return self.requests / self.wall_s if self.wall_s else 0.0

    def summary(self) -> dict[str, Any]:
        return {"sessions": self.sessions, "turns": self.turns, "requests": self.requests,
                "failures": self.failures, "leaks": self.leaks, "p50_ms": round(self.p50_ms, 1),
                "p95_ms": round(self.p95_ms, 1), "requests_per_s": round(self.throughput, 1),
                "wall_s": round(self.wall_s, 1),
                "llm_wait_ms_p50": round(statistics.median(self.llm_wait_ms), 1) if self.llm_wait_ms else None,
                "llm_wait_ms_max": round(max(self.llm_wait_ms), 1) if self.llm_wait_ms else None}


async def _session(client: httpx.AsyncClient, n: int, turns: int, reply: bool, report: LoadReport,
                   bases: list[str]) -> None:
    marker = f"tag{n:03d}zz"
    r = await client.post("/v1/sessions", json={"session_id": f"load-{n}-{uuid.uuid4().hex[:6]}"})
    if r.status_code != 201:
        report.failures += 1
        report.errors.append(f"create {n}: {r.status_code}")
        return
    sid = r.json()["session_id"]
    stored = 0                                            # turns the server answered (a 503 stores none)
    for turn in range(turns):
        text = f"{MESSAGES[(n + turn) % len(MESSAGES)]} {marker} t{turn}"
        base = bases[(n + turn) % len(bases)]          # several replicas: alternate them
        started = time.perf_counter()
        try:
            r = await client.post(f"{base}/v1/sessions/{sid}/messages", json={"text": text, "reply": reply})
        except httpx.HTTPError as exc:
            report.failures += 1
            report.errors.append(f"{sid} turn {turn}: {type(exc).__name__}")
            continue
        report.latencies_ms.append((time.perf_counter() - started) * 1000)
        report.requests += 1
        if r.status_code != 200:
            report.failures += 1
            report.errors.append(f"{sid} turn {turn}: {r.status_code} {r.text[:120]}")
            continue
        data = r.json()
        if "llm_wait_ms" in data.get("timings_ms", {}):
            report.llm_wait_ms.append(data["timings_ms"]["llm_wait_ms"])
        markers = set(_MARKER.findall(data["portrait"]["needs"]))
        if data["session_id"] != sid or data["turn"] != stored or markers - {marker}:
            report.leaks += 1
            report.errors.append(f"{sid} turn {turn}: leak (session {data['session_id']}, turn {data['turn']}, "
                                 f"markers {sorted(markers)})")
        stored += 1


async def run_load(base_url: str, sessions: int = 32, turns: int = 10, reply: bool = True,
                   headers: dict[str, str] | None = None, replicas: list[str] | None = None) -> LoadReport:
    """``sessions`` concurrent conversations of ``turns`` messages each; ``replicas`` alternate per turn."""
    report = LoadReport(sessions, turns)
    limits = httpx.Limits(max_connections=sessions, max_keepalive_connections=sessions)
    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=300, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(*(_session(client, n, turns, reply, report, replicas or [""])
                               for n in range(sessions)))
        report.wall_s = time.perf_counter() - started
    return report


class ServerThread:
    """uvicorn on 127.0.0.1 with a free port, in a daemon thread (``with ServerThread(app) as url``)."""

    def __init__(self, app) -> None:
        import uvicorn

        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning",
                                                    lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
