"""Wall time of turns whose LLM backend hangs or answers HTTP 500 (the loopback OpenAI stub).

    python benchmarks/bench_llm_faults.py [--turns 5] [--timeout 2 5]

For each fault and each ``llm.timeout_s``: the fallback reason and the wall time of each
turn (``llm.max_retries = 2``, the default). Nothing is asserted here; the behaviour is
tested in ``tests/test_llm_fallback.py``.
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
    args = parser.parse_args(argv)
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


if __name__ == "__main__":
    raise SystemExit(main())
