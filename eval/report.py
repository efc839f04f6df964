"""Write a run folder: ``metrics.json`` (flat numbers), ``report.md``, PNG plots, raw records.

    DIR/metrics.json   {"slot_f1": 0.91, "success@5": 0.62, "total_ms_p95": 5120.0, ...}
    DIR/run.json       what was run: suite, options, settings, backend, time
    DIR/turns.jsonl    one record per assistant turn (shown ids, portrait, failures)
    DIR/shoppers.jsonl, DIR/queries.jsonl   per simulated shopper / judged query
    DIR/report.md      headline table, per-slot scores, failures, plots
    DIR/*.png          latency.png, slots.png, shopper.png, judged.png (when there is data)

``metrics.json`` holds only numbers with flat keys so ``shopguide eval compare`` and
CI scripts can diff two runs without knowing what produced them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from eval.harness import STAGES, RunResult

HEADLINE = (
    ("act_accuracy", "Dialogue-act accuracy (act-type set equals gold)"),
    ("answer_accuracy", "Product-question answer accuracy (verdict + fact)"),
    ("list_unchanged_rate", "List kept on questions / not-carried turns"),
    ("slot_f1", "Portrait slot F1 (micro)"),
    ("hard_constraint_accuracy", "Hard-constraint accuracy (portrait)"),
    ("constraint_violation_rate", "Shown products violating a hard constraint"),
    ("grounding_violations", "Grounding violations (LLM drafts)"),
    ("llm_text_kept_rate", "LLM prose kept (not replaced by the fallback)"),
    ("audit_flagged", "Claims flagged by the independent audit (kept prose)"),
    ("audit_flagged_rate", "Replies with kept prose the audit flags"),
    ("checker_precision", "Grounding checker precision (labelled sentences)"),
    ("checker_recall", "Grounding checker recall (labelled sentences)"),
    ("fallback_rate", "Fallback rate"),
    ("success@5", "Simulated shopper success@5"),
    ("turns_to_success", "Turns to success"),
    ("ndcg@10", "nDCG@10 (unjudged = 0)"),
    ("ndcg@10_judged_only", "nDCG@10 (judged only)"),
    ("total_ms_p50", "Full reply latency p50 (ms)"),
    ("total_ms_p95", "Full reply latency p95 (ms)"),
)


def write_run(out: str | Path, result: RunResult, meta: dict[str, Any]) -> Path:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    metrics = {k: round(float(v), 4) for k, v in sorted(result.metrics.items())}
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    (out / "run.json").write_text(json.dumps(meta, indent=2, default=str) + "\n")
    for name, rows in (("turns", result.turns), ("shoppers", result.shoppers), ("queries", result.queries)):
        if rows:
            with (out / f"{name}.jsonl").open("w") as fh:
                for row in rows:
                    fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    plots = write_plots(out, result)
    (out / "report.md").write_text(render_markdown(metrics, result, meta, plots))
    return out


def render_markdown(metrics: dict[str, float], result: RunResult, meta: dict[str, Any], plots: list[str]) -> str:
    lines = [f"# Evaluation report: {meta.get('suite', '?')}", ""]
    lines.append(f"- LLM backend: `{meta.get('llm', '?')}` · embedder: `{meta.get('embedder', '?')}` · "
                 f"ranker: `{meta.get('ranker', '?')}` · LLM replies: {'on' if meta.get('reply', True) else 'off'}")
    lines.append(f"- seed {meta.get('seed')} · limit {meta.get('limit')} · started {meta.get('started', '?')} · "
                 f"{meta.get('seconds', 0):.0f} s")
    lines += ["", "## Headline", "", "| metric | value |", "|---|---|"]
    for key, label in HEADLINE:
        if key in metrics:
            lines.append(f"| {label} (`{key}`) | {_fmt(metrics[key])} |")
    lines += ["", "## All metrics", "", "| key | value |", "|---|---|"]
    lines += [f"| `{k}` | {_fmt(v)} |" for k, v in metrics.items()]
    if any(f"{s}_p50" in metrics for s in STAGES):
        lines += ["", "## Latency per stage (ms)", "", "| stage | p50 | p95 |", "|---|---|---|"]
        for stage in STAGES:
            if f"{stage}_p50" in metrics:
                lines.append(f"| {stage} | {metrics[f'{stage}_p50']:.1f} | {metrics[f'{stage}_p95']:.1f} |")
    failing = [t for t in result.turns if t.get("failures") and t.get("kind") != "shopper"]
    if failing:
        lines += ["", f"## Failed scripted checks ({len(failing)} turns)", ""]
        for t in failing[:40]:
            lines.append(f"- **{t['conversation']}** turn {t['turn'] + 1} — “{t['user']}”: " + "; ".join(t["failures"][:4]))
    missed = [o for o in result.shoppers if all(v is None for k, v in o.items() if k.startswith("first_success@"))]
    if result.shoppers:
        lines += ["", f"## Simulated shoppers: {len(result.shoppers) - len(missed)}/{len(result.shoppers)} "
                      "saw a good product", ""]
        for o in missed[:15]:
            lines.append(f"- target {o['target']}: not found in {o['turns']} turns")
        bad = [o for o in result.shoppers if o["violations"]]
        for o in bad[:10]:
            lines.append(f"- target {o['target']}: {o['violations'][0]}")
    if result.queries:
        worst = sorted(result.queries, key=lambda q: q.get("ndcg@10", 0.0))[:10]
        lines += ["", "## Judged queries: lowest nDCG@10", "", "| query | nDCG@10 | judged-only |", "|---|---|---|"]
        lines += [f"| {q['query']} | {q.get('ndcg@10', 0):.3f} | {q.get('ndcg@10_judged_only', 0):.3f} |" for q in worst]
    if plots:
        lines += ["", "## Plots", ""] + [f"![{p}]({p})" for p in plots]
    return "\n".join(lines) + "\n"


def _fmt(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() and abs(value) >= 1 else f"{value:.3f}"


def write_plots(out: Path, result: RunResult) -> list[str]:
    """Render the PNGs that have data; returns their file names."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written: list[str] = []
    stages = [s for s in STAGES if result.latencies.get(s)]
    if stages:
        fig, ax = plt.subplots(figsize=(7, 3.6))
        data = [result.latencies[s] for s in stages]
        ax.boxplot(data, vert=False, showfliers=True)
        ax.set_yticks(range(1, len(stages) + 1), [s.removesuffix("_ms") for s in stages])
        ax.set_xscale("log")
        ax.set_xlabel("milliseconds (log scale)")
        ax.set_title(f"Latency per stage ({len(data[0])} replies)")
        fig.tight_layout()
        fig.savefig(out / "latency.png", dpi=110)
        plt.close(fig)
        written.append("latency.png")
    slot_keys = sorted(k for k in result.metrics if k.startswith("slot_f1."))
    if slot_keys:
        fig, ax = plt.subplots(figsize=(7, 3.6))
        values = [result.metrics[k] for k in slot_keys]
        ax.barh([k.removeprefix("slot_f1.") for k in slot_keys], values, color="#4c72b0")
        ax.set_xlim(0, 1)
        ax.set_xlabel("F1")
        ax.set_title(f"Portrait slot F1 (micro overall {result.metrics.get('slot_f1', 0):.2f})")
        for i, v in enumerate(values):
            ax.text(min(v + 0.01, 0.93), i, f"{v:.2f}", va="center", fontsize=8)
        fig.tight_layout()
        fig.savefig(out / "slots.png", dpi=110)
        plt.close(fig)
        written.append("slots.png")
    if result.shoppers:
        ks = sorted(int(k.split("@")[1]) for k in result.shoppers[0] if k.startswith("first_success@"))
        max_turns = max(o["turns"] for o in result.shoppers)
        fig, ax = plt.subplots(figsize=(6, 3.6))
        for k in ks:
            ys = [sum(1 for o in result.shoppers if o[f"first_success@{k}"] is not None
                      and o[f"first_success@{k}"] <= t) / len(result.shoppers) for t in range(1, max_turns + 1)]
            ax.plot(range(1, max_turns + 1), ys, marker="o", label=f"success@{k}")
        ax.set_ylim(0, 1)
        ax.set_xticks(range(1, max_turns + 1))
        ax.set_xlabel("turn")
        ax.set_ylabel("share of shoppers")
        ax.set_title(f"Simulated shoppers: cumulative success ({len(result.shoppers)} targets)")
        ax.legend(loc="lower right")
        ax.grid(alpha=0.3)
        fig.tight_layout()
        fig.savefig(out / "shopper.png", dpi=110)
        plt.close(fig)
        written.append("shopper.png")
    if result.queries:
        fig, ax = plt.subplots(figsize=(6, 3.6))
        keys = [k for k in ("ndcg@10", "ndcg@10_judged_only", "ndcg@10_fused") if k in result.queries[0]]
        ax.hist([[q[k] for q in result.queries] for k in keys], bins=10, range=(0, 1), label=keys)
        ax.set_xlabel("nDCG@10 per query")
        ax.set_ylabel("queries")
        ax.set_title(f"Judged queries ({len(result.queries)})")
        ax.legend()
        fig.tight_layout()
        fig.savefig(out / "judged.png", dpi=110)
        plt.close(fig)
        written.append("judged.png")
    return written
