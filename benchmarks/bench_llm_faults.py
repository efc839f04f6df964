"""Wall time of turns whose LLM backend hangs or answers HTTP 500 (the loopback OpenAI stub).

    python benchmarks/bench_llm_faults.py [--turns 5] [--timeout 2 5]
    python benchmarks/bench_llm_faults.py --real --models-dir /tmp/models [--timeout 60]

For each fault and each ``llm.timeout_s``: the fallback reason and the wall time of each
turn (``llm.max_retries = 2``, the default). ``--real``: the embedded SmolLM2 instead of
the stub — three turns under the deadline, then 52-token generations timed directly and
through ``bounded_stream`` (interleaved), to tell a slow machine from a slow deadline.
Nothing is asserted here; the behaviour is tested in ``tests/test_llm_fallback.py``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.conftest import SAMPLE_PRODUCTS  # noqa: E402
from tests.openai_stub import StubOpenAIServer  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--timeout", type=float, nargs="+", default=[2.0, 5.0], help="llm.timeout_s values")
    parser.add_argument("--real", action="store_true", help="the embedded SmolLM2 instead of the stub")
    parser.add_argument("--models-dir", type=Path, help="with --real: where the converted model is (a copy)")
    args = parser.parse_args(argv)
    if args.real:
        print(json.dumps(real(args.models_dir, args.timeout[0])))
        return 0
    from assistant import Assistant
    from ui.cli import main as cli

    out = {}
    with tempfile.TemporaryDirectory(prefix="llm-faults-") as tmp:
        home = Path(tmp) / "home"
        catalog = Path(tmp) / "c.jsonl"
        catalog.write_text("\n".join(json.dumps(p) for p in SAMPLE_PRODUCTS))
        cli(["--embedder", "fake", "--llm", "fake", "--data-dir", str(home), "ingest", str(catalog), "--no-progress"])
        for fault in ("hang", "http_500"):
            for timeout in args.timeout:
                with StubOpenAIServer() as stub:
                    stub.hang_s, stub.fail_with = (300.0, None) if fault == "hang" else (0.0, 500)
                    bot = Assistant.from_config(home=home, **{
                        "llm.backend": "openai", "llm.base_url": stub.base_url, "embedder": "fake",
                        "llm.timeout_s": timeout, "llm.max_retries": 2, "understanding.llm": False})
                    walls, reasons = [], set()
                    for _ in range(args.turns):
                        started = time.perf_counter()
                        reply = bot.chat("a waterproof jacket under $150")
                        walls.append(round(time.perf_counter() - started, 2))
                        reasons.add(reply.fallback_reason)
                    out[f"{fault}@{timeout:g}s"] = {"reasons": sorted(reasons), "wall_s": walls,
                                                    "backend_requests": len(stub.requests)}
                    stub.stop.set()
    print(json.dumps(out))
    return 0


def real(models_dir: Path | None, timeout_s: float) -> dict:
    from assistant import Assistant
    from assistant.config import load_settings
    from assistant.llm.base import system, user
    from assistant.llm.deadline import bounded_stream
    from assistant.llm.local import TransformersChatModel
    from assistant.sessions import SessionStore
    from retrieval.catalog.product import Product
    from retrieval.index.catalog_index import CatalogIndex
    from retrieval.index.embedder import FakeEmbedder
    from retrieval.index.store import MemoryStore

    out: dict = {"turns": [], "direct_s": [], "bounded_s": []}
    with tempfile.TemporaryDirectory(prefix="llm-real-") as tmp:
        index = CatalogIndex(Path(tmp) / "index", FakeEmbedder(), store=MemoryStore())
        index.ingest([Product.from_dict(p) for p in SAMPLE_PRODUCTS])
        settings = load_settings(home=Path(tmp) / "home", env={}, overrides={
            "embedder": "fake", "understanding.llm": False, "llm.timeout_s": timeout_s})
        llm = TransformersChatModel(cache_dir=models_dir or settings.models_dir)
        bot = Assistant(settings, index, llm, SessionStore(settings.sessions_db))
        for text in ("a waterproof jacket under $150", "wireless headphones for the gym", "a board game for family night"):
            started = time.perf_counter()
            reply = bot.chat(text)
            out["turns"].append({"text": text, "fallback_reason": reply.fallback_reason,
                                 "wall_s": round(time.perf_counter() - started, 1)})
        messages = [system("You are a friendly shop assistant. Write 2 short sentences."),
                    user("Picks: 1. Nordvik Ridge Waterproof Hiking Jacket - Red by Nordvik, $129.99. "
                         "Shopper: a waterproof jacket under $150")]
        for _ in range(3):
            for key, run in (("direct_s", lambda: list(llm.stream(messages, max_new_tokens=60))),
                             ("bounded_s", lambda: list(bounded_stream(llm, messages, 60, timeout_s=600)))):
                started = time.perf_counter()
                run()
                out[key].append(round(time.perf_counter() - started, 2))
    return out


if __name__ == "__main__":
    raise SystemExit(main())
