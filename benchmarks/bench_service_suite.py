"""The customer-service suite, dev, dev2, dev3, dev4 and blind splits, directly and through the whole chat path, with the
default models (MiniLM, policy answers quoted) and with the OpenAI-compatible stub phrasing policy
answers (checked against the passages).

    SHOPGUIDE_HOME=/tmp/home PYTHONPATH=. python benchmarks/bench_service_suite.py [--data-dir /tmp/home]

The data directory needs the demo policy (`shopguide index`). The stub echoes its prompt
("Stub reply to: Customer: <data>…"), so every phrasing it offers must be rejected by the
grounding check and the quote used instead: ``llm_phrasing_kept`` 0 and the same accuracy
as the quoted run is the pass condition, invented claims 0 in all runs. Prints one JSON
line per run (split, path, backend and the metrics) and a table at the end.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.service_eval import main  # noqa: E402
from tests.openai_stub import StubOpenAIServer  # noqa: E402

KEYS = ("answer_accuracy", "handoff_recall", "handoff_precision", "invented_policy_claims", "llm_phrasing_kept")


def run(args: list[str]) -> dict:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(args)
    return json.loads(out.getvalue())


if __name__ == "__main__":
    extra = sys.argv[1:]
    rows = []
    with StubOpenAIServer() as stub:
        for split in ("dev", "dev2", "dev3", "dev4", "dev5", "blind"):
            for path in ("direct", "through-assistant"):
                for backend in ("default", "openai-stub"):
                    args = [*extra, "--split", split]
                    args += ["--through-assistant"] if path == "through-assistant" else []
                    args += ["--llm", "openai", "--llm-url", stub.base_url, "--phrase-with-llm"] \
                        if backend == "openai-stub" else []
                    metrics = run(args)
                    row = {"split": split, "path": path, "backend": backend, **{k: metrics[k] for k in KEYS}}
                    rows.append(row)
                    print(json.dumps(row), flush=True)
    print("| split | path | backend | accuracy | hand-off recall | hand-off precision | invented | LLM kept |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(f"| {r['split']} | {r['path']} | {r['backend']} | {r['answer_accuracy']:.3f} | {r['handoff_recall']:.3f} "
              f"| {r['handoff_precision']:.3f} | {r['invented_policy_claims']:.0f} | {r['llm_phrasing_kept']:.0f} |")
