"""Time to first token of a full guide turn, with the real default LLM and a real index.

Prints p50/p90 of two clocks per turn, both from the moment the message arrives:

- ``first_token_ms``: the first reply token the caller receives (the code-rendered
  "What I understood" line, streamed before the model runs);
- ``first_llm_token_ms``: the model's first generated token (prompt prefill included).

Budget on the 2-core CPU box: p50 of both ≤ 1500 ms.

    .venv/bin/python benchmarks/bench_ttft.py                      # /work/main/.shopguide or $SHOPGUIDE_HOME
    .venv/bin/python benchmarks/bench_ttft.py --threads 2 --turns 12 --max-new-tokens 60
"""

from __future__ import annotations

import argparse
import json
import time

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
    for i in range(args.turns):
        reply = bot.chat(QUERIES[i % len(QUERIES)])
        reply_ms.append(reply.timings_ms["first_token_ms"])
        if "first_llm_token_ms" in reply.timings_ms:
            llm_ms.append(reply.timings_ms["first_llm_token_ms"])
        total_ms.append(reply.timings_ms["total_ms"])
    import torch

    print(json.dumps({
        "llm": bot.llm.name, "threads": torch.get_num_threads(), "turns": args.turns,
        "max_new_tokens": args.max_new_tokens, "warm_up_s": round(warm_s, 1),
        "first_reply_token_ms": {"p50": round(pct(reply_ms, 50), 1), "p90": round(pct(reply_ms, 90), 1)},
        "first_llm_token_ms": {"p50": round(pct(llm_ms, 50), 1), "p90": round(pct(llm_ms, 90), 1)},
        "total_ms": {"p50": round(pct(total_ms, 50), 1), "p90": round(pct(total_ms, 90), 1)},
        "fallback_rate": round(bot.guide_stats()["fallback_rate"], 3),
    }, indent=2))


if __name__ == "__main__":
    main()
