"""The customer-service suite with the default models (MiniLM, policy answers quoted) and with the
OpenAI-compatible stub phrasing policy answers (checked against the passages).

    SHOPGUIDE_HOME=/tmp/home PYTHONPATH=. python benchmarks/bench_service_suite.py

The data directory needs the demo policy (`shopguide index`). The stub echoes its prompt
("Stub reply to: Customer: <data>…"), so every phrasing it offers must be rejected by the
grounding check and the quote used instead: ``llm_phrasing_kept`` 0 and the same accuracy
as the quoted run is the pass condition, invented claims 0 in both.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.service_eval import main  # noqa: E402
from tests.openai_stub import StubOpenAIServer  # noqa: E402

if __name__ == "__main__":
    print("== default models (quoted) ==", flush=True)
    main([])
    with StubOpenAIServer() as stub:
        print("== OpenAI-compatible stub phrasing, checked ==", flush=True)
        main(["--llm", "openai", "--llm-url", stub.base_url, "--phrase-with-llm"])
    print(json.dumps({"done": True}))
