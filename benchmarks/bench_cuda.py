"""CUDA: the LLM in 4-bit (NF4) and bf16 — load, memory, time to first token, tokens/s, 8
concurrent sessions, how far the quantized greedy text stays from the fp32 CPU text, and
whether schema-constrained decoding (the LLM interpreter's acts schema) works on the GPU.

Skips cleanly (exit 0, ``{"skipped": ...}``) without a CUDA GPU, so ``run_all.py`` runs
unchanged everywhere; 4-bit also needs bitsandbytes (``pip install 'shopguide[gpu]'``).
Concurrency: 8 threads each stream one reply at once; reported as total generated
tokens per second of wall time and the p50/max time to first token under that load.
Agreement: greedy text for a few shop prompts, against the same model in fp32 on the CPU:
the share of prompts whose first ``--new-tokens`` tokens are identical and the mean share
of the common token prefix. Constrained: the interpreter's prompt and acts schema
(``assistant.understanding``) for a few shopper messages: the share whose output parses
into acts, and the p50 time.

    .venv/bin/python benchmarks/bench_cuda.py --json cuda.json                 # the bundled SmolLM2
    .venv/bin/python benchmarks/bench_cuda.py --model /models/qwen2.5-7b-instruct --json cuda.json
    .venv/bin/python benchmarks/bench_cuda.py --random-init CONFIG_DIR --json cuda.json

``--random-init`` builds a model of the architecture and tokenizer in CONFIG_DIR (a model
directory without weights) with random weights: for checking the mechanics on a box the
weights cannot reach; its agreement and parse numbers mean nothing about quality.
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
AGREEMENT_PROMPTS = [
    "Suggest a waterproof hiking jacket under $150 in two sentences.",
    "Is a down sleeping bag or a synthetic one better for wet weather? Answer briefly.",
    "Write one friendly sentence recommending a board game for a family of four.",
    "What should I look for in running shoes for flat feet? Two sentences.",
    "Explain in one sentence why a cast iron pan needs seasoning.",
]
SHOPPER_MESSAGES = [
    "i need a waterproof jacket for hiking under 150",
    "is the second one machine washable?",
    "hi there",
    "something cheaper please",
    "compare the first two",
    "can i return it if it doesn't fit?",
    "not red, and only from Northpeak",
    "show me more like the first one",
]


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


def greedy_tokens(model, prompt: str, new_tokens: int) -> list[int]:
    from assistant.llm.base import ChatMessage, Role

    text = model.generate([ChatMessage(Role.USER, prompt)], max_new_tokens=new_tokens)
    return model._tokenizer(text, add_special_tokens=False)["input_ids"]


def agreement(model, reference: dict[str, list[int]], new_tokens: int) -> dict:
    """Greedy tokens of ``model`` against the fp32 CPU reference, per prompt."""
    same, prefix = 0, []
    for prompt, ref in reference.items():
        got = greedy_tokens(model, prompt, new_tokens)
        n = 0
        while n < min(len(got), len(ref)) and got[n] == ref[n]:
            n += 1
        same += got == ref
        prefix.append(n / max(len(ref), 1))
    return {"identical": f"{same}/{len(reference)}", "common_prefix_mean": round(statistics.mean(prefix), 3)}


def constrained(model) -> dict:
    """The LLM interpreter's own prompt and acts schema, through ``generate_json`` on the GPU."""
    from types import SimpleNamespace

    from assistant.understanding.acts import InvalidAct, acts_json_schema
    from assistant.understanding.llm import LLMInterpreter, parse_acts

    context = SimpleNamespace(shown=[], vocabulary=SimpleNamespace(categories={"Jackets", "Tents", "Board Games"}),
                              portrait=SimpleNamespace(category=None, budget_max=None, attributes_wanted=[]))
    interpreter = LLMInterpreter(model)
    schema = acts_json_schema(4)
    parsed, seconds, kinds = 0, [], []
    for text in SHOPPER_MESSAGES:
        started = time.perf_counter()
        raw = model.generate_json(interpreter.messages(text, context), schema, max_new_tokens=interpreter.max_new_tokens)
        seconds.append(time.perf_counter() - started)
        try:
            acts = parse_acts(raw)
        except InvalidAct:
            kinds.append(None)
            continue
        parsed += 1
        kinds.append([a.type.value for a in acts])
    return {"parsed": f"{parsed}/{len(SHOPPER_MESSAGES)}", "seconds_p50": round(statistics.median(seconds), 2),
            "acts": dict(zip(SHOPPER_MESSAGES, kinds))}


def random_model(config_dir: Path, target: Path) -> Path:
    """A copy of ``config_dir``'s architecture and tokenizer with random weights (mechanics only)."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

    if (target / "config.json").exists():
        return target
    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_config(AutoConfig.from_pretrained(str(config_dir)))
    model.save_pretrained(str(target))
    AutoTokenizer.from_pretrained(str(config_dir)).save_pretrained(str(target))
    return target


def reference_tokens(model_ref: str, models_dir: Path, new_tokens: int) -> dict[str, list[int]]:
    from assistant.llm.local import TransformersChatModel

    cpu = TransformersChatModel(model=model_ref, cache_dir=models_dir, device="cpu", quantization="none")
    return {prompt: greedy_tokens(cpu, prompt, new_tokens) for prompt in AGREEMENT_PROMPTS}


def measure(quantization: str, new_tokens: int, sessions: int, models_dir: Path, model_ref: str = "",
            reference: dict[str, list[int]] | None = None) -> dict:
    import torch

    from assistant.llm.local import TransformersChatModel

    torch.cuda.reset_peak_memory_stats()
    loading = time.perf_counter()
    model = TransformersChatModel(model=model_ref, cache_dir=models_dir, device="cuda", quantization=quantization)
    model.warm_up()
    load_s = time.perf_counter() - loading
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
    out = {
        "quantization": quantization,
        "load_s": round(load_s, 1),
        "gpu_peak_gib": round(torch.cuda.max_memory_allocated() / 2**30, 2),
        "ttft_ms_p50": round(statistics.median(r["ttft_ms"] for r in single), 1),
        "decode_tok_s_p50": round(statistics.median(r["decode_tok_s"] for r in single), 1),
        f"concurrent_{sessions}": {
            "total_tok_s": round(sum(r["pieces"] for r in results) / wall, 1),
            "ttft_ms_p50": round(statistics.median(r["ttft_ms"] for r in results), 1),
            "ttft_ms_max": round(max(r["ttft_ms"] for r in results), 1),
        },
    }
    for key, check in (("greedy_vs_fp32_cpu", lambda: agreement(model, reference, new_tokens) if reference else None),
                       ("constrained_acts", lambda: constrained(model))):
        try:
            out[key] = check()
        except Exception as exc:  # noqa: BLE001 - a failing check is reported beside the timings, not lost
            out[key] = {"error": f"{type(exc).__name__}: {exc}"}
    del model
    torch.cuda.empty_cache()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", default=str(default_source()), help="data directory (its models/ holds the LLM)")
    parser.add_argument("--new-tokens", type=int, default=64)
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--json", dest="json_out")
    parser.add_argument("--model", default="", help="model directory or .gguf file (default: the bundled SmolLM2)")
    parser.add_argument("--random-init", metavar="CONFIG_DIR",
                        help="random weights in CONFIG_DIR's architecture (mechanics only, see above)")
    parser.add_argument("--modes", default="4bit,bf16", help="comma-separated: 4bit, 8bit, bf16")
    parser.add_argument("--no-reference", action="store_true", help="skip the fp32 CPU agreement check")
    args = parser.parse_args()
    try:
        import torch
    except ImportError:
        result: dict = {"skipped": "torch is not installed"}
    else:
        if not torch.cuda.is_available():
            result = {"skipped": "no CUDA GPU"}
        else:
            models_dir = Path(args.home) / "models"
            model_ref = args.model
            if args.random_init:
                model_ref = str(random_model(Path(args.random_init), models_dir / "random-init"))
            result = {"device": torch.cuda.get_device_name(0), "torch": torch.__version__,
                      "model": model_ref or "bundled SmolLM2-135M-Instruct (Q4_1 GGUF, de-quantised)",
                      "random_weights": bool(args.random_init), "modes": []}
            reference = None if args.no_reference else reference_tokens(model_ref, models_dir, args.new_tokens)
            for quantization in args.modes.split(","):
                if quantization in ("4bit", "8bit"):
                    try:
                        import bitsandbytes  # noqa: F401
                    except ImportError:
                        result["modes"].append({"quantization": quantization, "skipped": "bitsandbytes not installed"})
                        continue
                result["modes"].append(measure(quantization, args.new_tokens, args.sessions, models_dir, model_ref,
                                               reference))
                if args.json_out:      # after each mode, so a later failure keeps what was measured
                    Path(args.json_out).write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
