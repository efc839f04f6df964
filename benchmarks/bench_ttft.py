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

Per turn it also records what the guide's prose cost and gave: the prompt tokens of every
model call (and how many of them were actually prefilled, where the backend reuses a
cached prefix), whether a second attempt ran (the retry after a failed first sentence)
and whether the model's text was kept. Summary rates over the turns where the model
wrote prose (``prose_turns``): ``llm_kept_rate`` (its text shown), ``fallback_rate_prose``
(replaced by the code sentence), ``kept_without_retry_rate`` (kept by the first attempt
alone — what the same turns would keep with the retry switched off, greedy decoding being
deterministic) and ``retry_rescue_rate`` (second attempts that were kept).

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
    parser.add_argument("--prose-retries", type=int, choices=(0, 1),
                        help="second attempts after a failed first sentence (default: llm.prose_retries)")
    parser.add_argument("--no-prefix-cache", action="store_true", help="recompute every prompt in full")
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()

    from assistant import Assistant
    from assistant.llm.local import TransformersChatModel

    home = private_home(args.home)
    overrides = {"llm.max_new_tokens": args.max_new_tokens}
    if args.prose_retries is not None:
        overrides["llm.prose_retries"] = args.prose_retries
    bot = Assistant.from_config(home=home, **overrides)
    if isinstance(bot.llm, TransformersChatModel):
        bot.llm.threads = args.threads
        if args.no_prefix_cache:
            bot.llm.prefix = None
    t = time.perf_counter()
    bot.warm_up()
    bot.chat("warm up: a jacket")   # first-call costs (kernels, caches) are not what a shopper waits for
    warm_s = time.perf_counter() - t
    calls = _count_prompts(bot.llm)
    reply_ms, llm_ms, total_ms = [], [], []
    per_turn: list[dict] = []
    stages: dict[str, list[float]] = {}
    cpu_ms: list[float] = []
    load_start = os.getloadavg()[0]
    for session, text in _turns(args):
        c = time.process_time()
        stats, n_calls = bot.guide_stats(), len(calls)
        reply = bot.chat(text, session_id=session)
        cpu_ms.append((time.process_time() - c) * 1000)
        after = bot.guide_stats()
        prose = "first_llm_token_ms" in reply.timings_ms
        per_turn.append({
            "session": session, "text": text, "cpu_ms": round(cpu_ms[-1], 1), "prose": prose,
            "retry": after["regenerations"] > stats["regenerations"],
            "fallback": after["fallbacks"] > stats["fallbacks"],
            "prompts": calls[n_calls:],
            "issues": reply.grounding_issues[:3],   # [prompt tokens, prefilled tokens] per model call
            "first_llm_token_ms": round(reply.timings_ms.get("first_llm_token_ms", float("nan")), 1),
            "total_ms": round(reply.timings_ms["total_ms"], 1)})
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
        "prose_retries": bot.settings.llm.prose_retries, "prefix_cache": getattr(bot.llm, "prefix", None) is not None,
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
        **_prose_rates(per_turn),
        "per_turn": per_turn,
    }
    print(json.dumps(out, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1))


def _count_prompts(llm) -> list[list[int]]:
    """Record [prompt tokens, prefilled tokens] of every call the local model prefills."""
    calls: list[list[int]] = []
    inputs = getattr(llm, "_inputs", None)
    if inputs is None:
        return calls

    def counting(messages):
        encoded = inputs(messages)
        calls.append([int(encoded["input_ids"].shape[1])] * 2)
        return encoded

    llm._inputs = counting
    previous = getattr(llm, "on_prefill", None)

    def prefilled(prompt_tokens: int, computed: int) -> None:   # backends with a prefix cache report the rest
        if calls:
            calls[-1][1] = computed
        if previous:
            previous(prompt_tokens, computed)

    llm.on_prefill = prefilled
    return calls


def _prose_rates(per_turn: list[dict]) -> dict:
    """Kept / fallback / retry rates over the turns where the model wrote prose, and prompt sizes."""
    prose = [t for t in per_turn if t["prose"]]
    n = len(prose) or float("nan")
    retries = [t for t in prose if t["retry"]]
    prompts = [p for t in prose for p in t["prompts"]]
    return {
        "prose_turns": len(prose),
        "llm_kept_rate": round(sum(not t["fallback"] for t in prose) / n, 3),
        "fallback_rate_prose": round(sum(t["fallback"] for t in prose) / n, 3),
        "kept_without_retry_rate": round(sum(not t["retry"] for t in prose) / n, 3),
        "retries": len(retries),
        "retry_rescue_rate": round(sum(not t["fallback"] for t in retries) / len(retries), 3) if retries else None,
        "model_calls_per_prose_turn": round(len(prompts) / n, 2),
        "prompt_tokens": {"p50": pct([p[0] for p in prompts], 50), "max": max((p[0] for p in prompts), default=0)},
        "prefilled_tokens_per_prose_turn": {"p50": pct([sum(p[1] for p in t["prompts"]) for t in prose], 50)},
    }


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
