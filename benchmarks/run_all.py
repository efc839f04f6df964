"""Every benchmark in one run: a summary table on stdout, all outputs in one JSON file.

Sections (each a separate process, so one section's imports and caches do not help
the next; a section that fails is recorded as failed and the run goes on):

1. ``ingest``     — ingest rate / raw embedder rate on the same texts (bench_ingest.py)
2. ``retrieval``  — hybrid retrieval p50/p95 with and without filters, per catalog size
                    (bench_retrieval.py; ``--sizes 2000,20000,200000`` grows synthetic copies)
   ``rerank``     — learned reranking of 100 candidates (bench_rerank.py)
3. ``cold``       — cold one-shot ``ask --no-reply`` and server start → /readyz (bench_cold_start.py)
4. ``turn``       — full turns with the CPU default LLM: first token, first LLM token, whole reply
                    (bench_ttft.py)
6. ``cuda``       — 4-bit vs bf16 and 8 concurrent sessions; skips without CUDA (bench_cuda.py)

5. ``baseline``   — LangChain Chroma + SelfQueryRetriever with the same LLM vs ours: nDCG@10,
                    constraint violations, latency ratio (bench_baseline.py; needs ``--judgments``)

    .venv/bin/python benchmarks/run_all.py --home /work/icecat-home \\
        --catalog ../shared/data/icecat --preset icecat --sizes 2000,20000,200000 \\
        --judgments ../shared/data/icecat/judgments-dev.csv --json results.json
    .venv/bin/python benchmarks/run_all.py --home ~/.shopguide --only cold,cuda
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from common import ROOT, default_source

HERE = Path(__file__).resolve().parent


def section_commands(args) -> dict[str, list[list[str]]]:
    py = [sys.executable]
    out: dict[str, list[list[str]]] = {}
    if args.catalog:
        cmd = py + [str(HERE / "bench_ingest.py"), args.catalog, "--limit", str(args.ingest_limit)]
        out["ingest"] = [cmd + (["--preset", args.preset] if args.preset else [])]
    retrieval = []
    for size in [s for s in args.sizes.split(",") if s.strip()]:
        cmd = py + [str(HERE / "bench_retrieval.py"), "--home", args.home, "--no-ndcg"]
        cmd += ["--ranker", args.ranker] if args.ranker else []
        retrieval.append(cmd + (["--scale", size] if int(size) > 0 else []))
    out["retrieval"] = retrieval
    out["rerank"] = [py + [str(HERE / "bench_rerank.py"), "--home", args.home]]
    out["cold"] = [py + [str(HERE / "bench_cold_start.py"), "--home", args.home, "--runs", str(args.cold_runs),
                         "--serve"]]
    out["turn"] = [py + [str(HERE / "bench_ttft.py"), "--home", args.home, "--turns", str(args.turns)]
                   + (["--suite", args.suite] if args.suite else [])]
    if args.judgments:
        out["baseline"] = [py + [str(HERE / "bench_baseline.py"), "--home", args.home, "--judgments", args.judgments,
                                 "--self-query-limit", str(args.self_query_limit)]]
    out["cuda"] = [py + [str(HERE / "bench_cuda.py"), "--home", args.home]]
    return out


def run(cmd: list[str], timeout: float) -> dict:
    started = time.perf_counter()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)
        status, stdout, stderr = ("ok" if done.returncode == 0 else f"exit {done.returncode}"), done.stdout, done.stderr
    except subprocess.TimeoutExpired as exc:
        status = f"timeout after {timeout:.0f}s"
        stdout = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        stderr = exc.stderr.decode() if isinstance(exc.stderr, bytes) else (exc.stderr or "")
    parsed = None
    try:
        parsed = json.loads(stdout)
    except ValueError:
        pass
    return {"command": " ".join(cmd[1:]), "status": status, "seconds": round(time.perf_counter() - started, 1),
            "json": parsed, "stdout": stdout if parsed is None else "", "stderr_tail": stderr[-1500:]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", default=str(default_source()), help="data directory with a built index (copied)")
    parser.add_argument("--catalog", help="catalog file/folder for the ingest section (skipped without)")
    parser.add_argument("--preset")
    parser.add_argument("--ingest-limit", type=int, default=2000)
    parser.add_argument("--sizes", default="0", help="catalog sizes for retrieval; 0 = the index as it is")
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--turns", type=int, default=12)
    parser.add_argument("--suite", help="conversation suite for the turn section (e.g. dialogue) instead of "
                        "bench_ttft's fixed queries")
    parser.add_argument("--ranker", help="learned ranker model: the retrieval section reranks the 100 candidates "
                        "inside each timed query")
    parser.add_argument("--judgments", help="judgments CSV for the baseline section (skipped without)")
    parser.add_argument("--self-query-limit", type=int, default=6,
                        help="constrained queries the LangChain self-query chain runs on (one slow LLM call each)")
    parser.add_argument("--only", help="comma-separated sections (ingest,retrieval,rerank,cold,turn,baseline,cuda)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per command")
    parser.add_argument("--json", dest="json_out", default="benchmark-results.json")
    args = parser.parse_args()

    wanted = set(args.only.split(",")) if args.only else None
    results: dict = {"started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "cpus": os.cpu_count(),
                     "load_average_start": os.getloadavg(), "sections": {}}
    for name, commands in section_commands(args).items():
        if wanted is not None and name not in wanted:
            continue
        results["sections"][name] = [run(cmd, args.timeout) for cmd in commands]
        Path(args.json_out).write_text(json.dumps(results, indent=2))    # partial results survive a kill
    results["load_average_end"] = os.getloadavg()
    Path(args.json_out).write_text(json.dumps(results, indent=2))

    print(f"| section | status | seconds | result |\n|---|---|---|---|")
    for name, runs in results["sections"].items():
        for r in runs:
            summary = json.dumps(r["json"])[:140] if r["json"] is not None else (r["stdout"].strip().splitlines()
                                                                                 or [""])[-1][:140]
            print(f"| {name} | {r['status']} | {r['seconds']} | {summary} |")
    print(f"\nload average {results['load_average_start']} → {results['load_average_end']} on "
          f"{results['cpus']} CPUs; full outputs in {args.json_out}")


if __name__ == "__main__":
    main()
