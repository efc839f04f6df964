"""Cold start: a one-shot ``shopguide ask --json --no-reply``, and server start → /readyz.

Every run is a fresh process on a private copy of the data directory, so imports,
index opening and catalog structures are all paid, as by a CLI user or an eval
subprocess. Reported per run: wall time, CPU time (user + sys of the child: on a
shared, loaded machine wall time mostly measures the queue for a core, CPU time what
the work costs) and peak RSS; plus the machine's load average, so loaded numbers are
recognisable as such. The first ``ask`` after copying may build the catalog-derived
structures (when the index predates them); it is reported separately.

    .venv/bin/python benchmarks/bench_cold_start.py --home /work/icecat-home --runs 5 --json out.json
    .venv/bin/python benchmarks/bench_cold_start.py --serve --serve-llm fake
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from common import ROOT, default_source, pct, private_home

QUESTION = "gaming mouse below $30"


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("SHOPGUIDE_HOME", None)
    return env


def one_ask(home: Path, question: str) -> dict[str, float]:
    """One cold process: wall, CPU and peak RSS (from /usr/bin/time-like rusage of the child)."""
    cpu = _child_cpu()
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "ui.cli", "--data-dir", str(home), "ask", question,
                           "--json", "--no-reply"], capture_output=True, text=True, env=_env(), cwd=ROOT)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"ask failed ({done.returncode}): {done.stderr[-2000:]}")
    reply = json.loads(done.stdout.strip().splitlines()[-1])
    return {"wall_s": wall, "cpu_s": _child_cpu() - cpu,
            "rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            "products": len(reply.get("products", []))}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_to_ready(home: Path, llm: str | None, timeout: float = 600) -> dict[str, float]:
    """Start ``shopguide serve --no-ui``; seconds until /healthz answers and until /readyz says ready."""
    port = _free_port()
    cmd = [sys.executable, "-m", "ui.cli", "--data-dir", str(home)] + (["--llm", llm] if llm else []) + [
        "serve", "--no-ui", "--port", str(port)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=_env(), cwd=ROOT)
    out: dict[str, float] = {}
    try:
        while time.perf_counter() - started < timeout:
            if proc.poll() is not None:
                raise SystemExit(f"serve exited: {proc.stderr.read()[-2000:]}")
            for name in ("healthz", "readyz"):
                if f"{name}_s" in out:
                    continue
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{name}", timeout=2) as r:
                        if r.status == 200:
                            out[f"{name}_s"] = time.perf_counter() - started
                except OSError:
                    pass
            if "readyz_s" in out:
                break
            time.sleep(0.1)
        rss = _rss_mb(proc.pid)
        if rss:
            out["server_rss_mb"] = rss
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    return out


def _rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", default=str(default_source()), help="data directory with a built index")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--question", default=QUESTION)
    parser.add_argument("--serve", action="store_true", help="also time server start to /readyz")
    parser.add_argument("--serve-llm", default=None, help="--llm for the server (default: the data dir's)")
    parser.add_argument("--json", dest="json_out", help="write the results here")
    args = parser.parse_args()

    load_before = os.getloadavg()
    home = private_home(args.home)
    try:
        first = one_ask(home, args.question)            # may build derived/ for an index that predates it
        runs = [one_ask(home, args.question) for _ in range(args.runs)]
        result = {
            "index_products": _count(home), "question": args.question, "runs": args.runs,
            "load_average": load_before, "cpus": os.cpu_count(),
            "first_ask": {k: round(v, 2) for k, v in first.items()},
            "ask_wall_s": {"p50": round(pct([r["wall_s"] for r in runs], 50), 2),
                           "max": round(max(r["wall_s"] for r in runs), 2)},
            "ask_cpu_s": {"p50": round(pct([r["cpu_s"] for r in runs], 50), 2),
                          "max": round(max(r["cpu_s"] for r in runs), 2)},
            "ask_peak_rss_mb": round(max(r["rss_mb"] for r in runs), 0),
        }
        if args.serve:
            result["serve"] = {k: round(v, 2) for k, v in serve_to_ready(home, args.serve_llm).items()}
        result["load_average_after"] = os.getloadavg()
    finally:
        shutil.rmtree(home, ignore_errors=True)
    print(json.dumps(result, indent=2))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, indent=2))


def _count(home: Path) -> int:
    import sqlite3

    with sqlite3.connect(home / "index" / "products.sqlite") as db:
        return int(db.execute("SELECT COUNT(*) FROM products").fetchone()[0])


if __name__ == "__main__":
    main()
