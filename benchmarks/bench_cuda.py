"""CUDA: the default LLM in 4-bit (NF4) and bf16 — time to first token, tokens/s, 8 concurrent sessions.

Skips cleanly (exit 0, ``{"skipped": ...}``) without a CUDA GPU, so ``run_all.py`` runs
unchanged everywhere; 4-bit also needs bitsandbytes (``pip install 'shopguide[gpu]'``).
Concurrency: 8 threads each stream one reply at once; reported as total generated
tokens per second of wall time and the p50/max time to first token under that load.

    .venv/bin/python benchmarks/bench_cuda.py --json cuda.json
"""

from __future__ import annotations

import argparse
import json
import statistics
import threading
import time
from pathlib import Path

from common import default_source

MESSAGES_TEXT = "Suggest a waterproof hiking jacket under $150 in two sentences."


def _messages():
    from assistant.llm.base import ChatMessage, Role

    return [ChatMessage(Role.USER, MESSAGES_TEXT)]


def one_stream(model, new_tokens: int) -> dict[str, float]:
    started = time.perf_counter()
    first, n = None, 0
    for _ in model.stream(_messages(), max_new_tokens=new_tokens):
        first = first or time.perf_counter()
        n += 1
    end = time.perf_counter()
    return {"ttft_ms": ((first or end) - started) * 1000, "pieces": n, "seconds": end - started,
            "decode_tok_s": (n - 1) / (end - first) if first and n > 1 and end > first else 0.0}


def measure(quantization: str, new_tokens: int, sessions: int, models_dir: Path) -> dict:
    from assistant.llm.local import TransformersChatModel

    model = TransformersChatModel(cache_dir=models_dir, device="cuda", quantization=quantization)
    model.warm_up()
    model.generate(_messages(), max_new_tokens=4)      # kernels and caches, once
    single = [one_stream(model, new_tokens) for _ in range(3)]
    results: list[dict] = []
    lock = threading.Lock()

    def worker() -> None:
        r = one_stream(model, new_tokens)
        with lock:
            results.append(r)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    return {
        "quantization": quantization,
        "ttft_ms_p50": round(statistics.median(r["ttft_ms"] for r in single), 1),
        "decode_tok_s_p50": round(statistics.median(r["decode_tok_s"] for r in single), 1),
        f"concurrent_{sessions}": {
            "total_tok_s": round(sum(r["pieces"] for r in results) / wall, 1),
            "ttft_ms_p50": round(statistics.median(r["ttft_ms"] for r in results), 1),
            "ttft_ms_max": round(max(r["ttft_ms"] for r in results), 1),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", default=str(default_source()), help="data directory (its models/ holds the LLM)")
    parser.add_argument("--new-tokens", type=int, default=64)
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--json", dest="json_out")
    args = parser.parse_args()
    try:
        import torch
    except ImportError:
        result: dict = {"skipped": "torch is not installed"}
    else:
        if not torch.cuda.is_available():
            result = {"skipped": "no CUDA GPU"}
        else:
            result = {"device": torch.cuda.get_device_name(0), "modes": []}
            for quantization in ("4bit", "bf16"):
                if quantization == "4bit":
                    try:
                        import bitsandbytes  # noqa: F401
                    except ImportError:
                        result["modes"].append({"quantization": "4bit", "skipped": "bitsandbytes not installed"})
                        continue
                result["modes"].append(measure(quantization, args.new_tokens, args.sessions, Path(args.home) / "models"))
    print(json.dumps(result, indent=2))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
