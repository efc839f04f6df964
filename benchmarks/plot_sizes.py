"""Plot retrieval p50/p95 against catalog size from ``bench_retrieval.py --json`` files.

    .venv/bin/python benchmarks/plot_sizes.py r2k.json r20k.json r200k.json --out docs/retrieval-vs-size.png
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = sorted((json.loads(Path(f).read_text()) for f in args.files), key=lambda r: r["products"])
    sizes = [r["products"] for r in runs]
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    for kind, style in (("no filters", "o-"), ("with filters", "s--")):
        for q, alpha in (("p50", 1.0), ("p95", 0.55)):
            ax.plot(sizes, [r[kind][q] for r in runs], style, alpha=alpha, label=f"{kind} {q}")
    ax.plot([20000, 200000], [50, 120], "kx", markersize=10, label="targets (p95)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("products in the catalog")
    ax.set_ylabel("ms per search (embed + dense + BM25 + fuse)")
    loads = ", ".join(f"{r['products']:,}: {r['load_average'][0]:.1f}" for r in runs)
    ax.set_title(f"hybrid retrieval, 2-core CPU (1-min load avg {loads})", fontsize=8)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(args.out, dpi=110)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
