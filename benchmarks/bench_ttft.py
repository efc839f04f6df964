"""Time to first token of a full guide turn, with the real default LLM and a real index.

Prints p50/p90 of two clocks per turn, both from the moment the message arrives:

- ``first_token_ms``: the first reply token the caller receives (the code-rendered
  "What I understood" line, streamed before the model runs);
- ``first_llm_token_ms``: the model's first generated token (prompt prefill included).

Targets (issue 18): first LLM token p50 ≤ 1.0 s, whole reply p50 ≤ 4 s unloaded.

``--suite dialogue`` drives the conversation suite instead (each conversation in its own
session, every turn in order, so refinements and questions about shown products are
timed too) and adds, per stage, the p50/p95 of the assistant's own timings
(``portrait_ms``, ``retrieval_ms``, ``rerank_ms``, ``first_token_ms``,
``first_llm_token_ms``, ``llm_ms``, ``total_ms``), the process CPU time per turn (all
threads: torch's included), the 1-min load average at start and end, and the process's
peak RSS (VmHWM) with the default models loaded — what a server holding this assistant
would peak at.

    .venv/bin/python benchmarks/bench_ttft.py                      # /work/main/.shopguide or $SHOPGUIDE_HOME
    .venv/bin/python benchmarks/bench_ttft.py --threads 2 --turns 12 --max-new-tokens 60
    .venv/bin/python benchmarks/bench_ttft.py --home /tmp/demo --suite dialogue --json turns.json
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from common import default_source, pct, private_home

QUERIES = [
    "a waterproof hiking jacket under $150",
    "wireless headphones for the gym under 100 dollars",
    "a board game for family night",
    "running shoes for a beginner, budget around $90",
    "a gift for my sister who loves skincare under $40",
    "non-stick frying pan that works on induction",
    "a warm sleeping bag for winter camping",
    "bluetooth speaker that is waterproof for the beach",
    "yoga mat, not too thick, under $50",
    "a smartwatch with long battery life",
    "a cosy hoodie in black",
    "power bank with fast charging under $60",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", default=str(default_source()), help="data directory with a built index")
    parser.add_argument("--turns", type=int, default=len(QUERIES))
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0 = torch default)")
    parser.add_argument("--max-new-tokens", type=int, default=60)
    parser.add_argument("--suite", help="conversation suite (name under eval/suites or a path) instead of QUERIES")
    parser.add_argument("--conversations", type=int, default=0, help="at most this many conversations (0 = all)")
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()

    from assistant import Assistant
    from assistant.llm.local import TransformersChatModel

    home = private_home(args.home)
    bot = Assistant.from_config(home=home, **{"llm.max_new_tokens": args.max_new_tokens})
    if isinstance(bot.llm, TransformersChatModel):
        bot.llm.threads = args.threads
    t = time.perf_counter()
    bot.warm_up()
    bot.chat("warm up: a jacket")   # first-call costs (kernels, caches) are not what a shopper waits for
    warm_s = time.perf_counter() - t
    reply_ms, llm_ms, total_ms = [], [], []
    stages: dict[str, list[float]] = {}
    cpu_ms: list[float] = []
    load_start = os.getloadavg()[0]
    for session, text in _turns(args):
        c = time.process_time()
        reply = bot.chat(text, session_id=session)
        cpu_ms.append((time.process_time() - c) * 1000)
        for key, value in reply.timings_ms.items():
            stages.setdefault(key, []).append(value)
        reply_ms.append(reply.timings_ms["first_token_ms"])
        if "first_llm_token_ms" in reply.timings_ms:
            llm_ms.append(reply.timings_ms["first_llm_token_ms"])
        total_ms.append(reply.timings_ms["total_ms"])
    import torch

    out = {
        "llm": bot.llm.name, "threads": torch.get_num_threads(), "turns": len(total_ms), "suite": args.suite,
        "max_new_tokens": args.max_new_tokens, "warm_up_s": round(warm_s, 1),
        "load_1min": [round(load_start, 2), round(os.getloadavg()[0], 2)],
        "first_reply_token_ms": {"p50": round(pct(reply_ms, 50), 1), "p90": round(pct(reply_ms, 90), 1)},
        "first_llm_token_ms": {"p50": round(pct(llm_ms, 50), 1), "p90": round(pct(llm_ms, 90), 1),
                               "turns": len(llm_ms)},
        "total_ms": {"p50": round(pct(total_ms, 50), 1), "p90": round(pct(total_ms, 90), 1)},
        "cpu_ms_per_turn": {"p50": round(pct(cpu_ms, 50), 1), "p95": round(pct(cpu_ms, 95), 1)},
        "stages_ms": {k: {"p50": round(pct(v, 50), 1), "p95": round(pct(v, 95), 1), "turns": len(v)}
                      for k, v in sorted(stages.items())},
        "peak_rss_mib": _peak_rss_mib(),
        "fallback_rate": round(bot.guide_stats()["fallback_rate"], 3),
        # a regeneration is a second prompt (the retry after a failed first sentence): twice the prefill;
        # 1 - fallbacks / regenerations is how often the retry rescued the prose (warm-up turn included)
        "guide_stats": bot.guide_stats(),
    }
    print(json.dumps(out, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1))


def _turns(args):
    """(session id, message) in order: the fixed QUERIES, or every turn of a conversation suite."""
    if not args.suite:
        for i in range(args.turns):
            yield None, QUERIES[i % len(QUERIES)]
        return
    from eval.conversations import load_suite

    conversations = load_suite(args.suite).conversations
    for n, conv in enumerate(conversations[: args.conversations or None]):
        for turn in conv.turns:
            yield f"bench-{n}", turn.user


def _peak_rss_mib() -> float:
    """VmHWM of this process (Linux), else ru_maxrss."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


if __name__ == "__main__":
    main()
