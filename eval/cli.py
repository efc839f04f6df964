"""``shopguide eval run SUITE --out DIR`` and ``shopguide eval compare RUN_A RUN_B``.

Registered as a ``shopguide.commands`` entry point (``pyproject.toml``), so ``ui`` never imports ``eval``.
The assistant is built from the same settings as every other command (``--data-dir``,
``--llm``, ``--llm-model``, ``--llm-url``, ``--embedder``), so a team evaluates its own
model exactly the way it will serve it. Sessions go to a throw-away database: an
evaluation never writes conversations into the data directory.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import datetime, timezone


def register(sub) -> None:
    p = sub.add_parser("eval", help="offline evaluation: run suites, compare runs",
                       description="Evaluate the assistant offline: scripted conversations, simulated shoppers "
                                   "and judged queries; compare two runs.")
    esub = p.add_subparsers(dest="eval_command", metavar="EVAL_COMMAND")
    run = esub.add_parser("run", help="run a suite and write DIR/metrics.json, DIR/report.md and plots",
                          description="SUITE is a bundled suite name (smoke, shopper, icecat-dev), a folder of "
                                      "conversation files, one .yaml/.jsonl file, or a judgments .csv.",
                          epilog="example: shopguide eval run smoke --out runs/smoke-$(date +%%F)")
    run.add_argument("suite", metavar="SUITE")
    run.add_argument("--out", required=True, metavar="DIR", help="run folder to write")
    run.add_argument("--limit", type=int, default=None, metavar="N",
                     help="at most N conversations / shoppers / queries of each kind (a seeded subset)")
    run.add_argument("--seed", type=int, default=0, help="seed for --limit subsets and shopper wording (default 0)")
    run.add_argument("--no-reply", dest="reply", action="store_false",
                     help="skip LLM text (portrait + retrieval only): fast, no grounding/guide metrics")
    run.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                     help="progress bars (default: when stderr is a terminal)")
    run.add_argument("--understanding", choices=UNDERSTANDING_MODES, default=None, metavar="MODE",
                     help="message interpreter: rules, hybrid or llm (settings override understanding.mode; "
                          "default: the data dir's config)")
    run.set_defaults(func=cmd_run)
    chk = esub.add_parser("checker", help="the grounding checker's precision/recall on labelled LLM sentences",
                          description="Re-run the grounding checker (and the independent audit) on the labelled "
                                      "sentences in eval/suites/checker/labelled.yaml; needs the demo index.")
    chk.add_argument("--file", default=None, metavar="YAML", help="labelled sentences (default: the bundled file)")
    chk.add_argument("--errors", action="store_true", help="also list the sentences the checker gets wrong")
    chk.set_defaults(func=cmd_checker)
    cmp = esub.add_parser("compare", help="show what changed between two runs and flag regressions")
    cmp.add_argument("run_a", metavar="RUN_A", help="baseline run folder (or its metrics.json)")
    cmp.add_argument("run_b", metavar="RUN_B", help="new run folder")
    cmp.add_argument("--all", action="store_true", help="list unchanged metrics too")
    cmp.add_argument("--fail-on-regression", action="store_true", help="exit 1 when a regression is flagged")
    cmp.set_defaults(func=cmd_compare)
    pers = esub.add_parser("personalization", help="simulated returning shoppers: HR@4 / nDCG@10 per variant "
                                                  "and segment, plus A/A and A/B simulations (eval.personalization)")
    pers.add_argument("--users", type=int, default=2000, help="simulated shoppers (default 2000)")
    pers.add_argument("--seed", type=int, default=0, help="simulation seed (default 0)")
    pers.add_argument("--out", metavar="DIR", help="also write DIR/personalization.json and DIR/report.md")
    pers.set_defaults(func=cmd_personalization)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


UNDERSTANDING_MODES = ("rules", "hybrid", "llm")


def load_eval_settings(home, overrides: dict, understanding: str | None):
    """Settings with ``understanding.mode`` overridden; → (settings, applied).

    Until the act interpreters are merged the settings have no ``understanding`` section and
    reject the key: then the run goes on with the default interpreter and ``applied`` is
    False, so reports can say the configurations did not differ instead of pretending.
    """
    from assistant.config import load_settings
    from assistant.errors import ConfigError

    if understanding is None:
        return load_settings(home=home, overrides=overrides), None
    try:
        return load_settings(home=home, overrides={**overrides, "understanding.mode": understanding}), True
    except ConfigError as exc:
        if "understanding" not in str(exc):
            raise
        print(f"eval: this build has no setting understanding.mode ({exc}); running the default interpreter",
              file=sys.stderr)
        return load_settings(home=home, overrides=overrides), False


def build_assistant(args, sessions_path):
    """The configured assistant, with sessions in ``sessions_path`` instead of the data dir."""
    from assistant import Assistant
    from assistant.components import build_components
    from assistant.sessions import SessionStore

    overrides = {"embedder": getattr(args, "embedder", None), "llm.backend": getattr(args, "llm", None),
                 "llm.model": getattr(args, "llm_model", None), "llm.base_url": getattr(args, "llm_url", None)}
    settings, applied = load_eval_settings(getattr(args, "data_dir", None), overrides,
                                           getattr(args, "understanding", None))
    args.understanding_applied = applied
    index, llm, _, ranker = build_components(settings)
    return Assistant(settings, index, llm, SessionStore(sessions_path), ranker)


def _progress(enabled: bool | None):
    if enabled is None:
        enabled = sys.stderr.isatty()

    def bar(items, desc: str, total: int):
        from tqdm import tqdm

        return tqdm(items, desc=desc, total=total, disable=not enabled, file=sys.stderr, unit="item")

    return bar


def cmd_run(args) -> int:
    from eval.conversations import load_suite
    from eval.harness import RunOptions, run_suite
    from eval.report import HEADLINE, write_run

    suite = load_suite(args.suite)
    options = RunOptions(limit=args.limit, seed=args.seed, reply=args.reply, progress=args.progress)
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="shopguide-eval-") as tmp:
        assistant = build_assistant(args, f"{tmp}/sessions.sqlite")
        if args.reply:
            assistant.warm_up()   # load time stays out of the first turn's latency
        elif not assistant.index.exists():
            from assistant.errors import NotIndexedError

            raise NotIndexedError(f"no catalog is indexed in {assistant.settings.index_dir}; run `shopguide index`")
        assistant.plan(assistant.new_session(), "warm up")  # opens the vector store outside the timings
        result = run_suite(assistant, suite, options, progress=_progress(args.progress))
        if args.reply:
            result.metrics.update(_checker_metrics(assistant))
        assistant.sessions.close()
    meta = {
        "suite": str(suite.path), "started": started, "seconds": time.perf_counter() - t0,
        "limit": args.limit, "seed": args.seed, "reply": args.reply,
        "llm": getattr(assistant.llm, "name", type(assistant.llm).__name__),
        "embedder": assistant.settings.embedder, "ranker": getattr(assistant.ranker, "name", "?"),
        "data_dir": str(assistant.settings.home), "top_k": assistant.settings.top_k,
        "conversations": len(suite.conversations), "shopper_suites": len(suite.shoppers),
        "judged_suites": len(suite.judged),
        "understanding": getattr(args, "understanding", None) or "default",
        "understanding_applied": getattr(args, "understanding_applied", None),
    }
    out = write_run(args.out, result, meta)
    headline = {k: round(result.metrics[k], 4) for k, _ in HEADLINE if k in result.metrics}
    print(json.dumps(headline))
    print(f"wrote {out}/metrics.json, {out}/report.md ({meta['seconds']:.0f} s)", file=sys.stderr)
    return 0


def _checker_metrics(assistant) -> dict[str, float]:
    """``checker_precision`` / ``checker_recall`` beside a run's LLM metrics; none when the index
    is not the demo catalog the labelled sentences were written against."""
    from eval.checker_eval import evaluate_checker
    from eval.schema import SuiteError

    try:
        return evaluate_checker(assistant)[0]
    except SuiteError as exc:
        print(f"eval: checker precision/recall skipped: {exc}", file=sys.stderr)
        return {}


def cmd_checker(args) -> int:
    from eval.checker_eval import DEFAULT_FILE, PRIMARY_METRIC, evaluate_checker

    with tempfile.TemporaryDirectory(prefix="shopguide-eval-") as tmp:
        assistant = build_assistant(args, f"{tmp}/sessions.sqlite")
        metrics, records = evaluate_checker(assistant, args.file or DEFAULT_FILE)
        assistant.sessions.close()
    out = {"primary_metric": PRIMARY_METRIC, "metrics": {k: round(v, 4) for k, v in metrics.items()}}
    if args.errors:
        out["errors"] = [r for r in records if r["checker_rejects"] != (r["label"] != "grounded")]
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0


def cmd_compare(args) -> int:
    from eval.compare import compare_metrics, load_metrics, render

    changes = compare_metrics(load_metrics(args.run_a), load_metrics(args.run_b))
    print(render(changes, args.run_a, args.run_b, all_keys=args.all), end="")
    return 1 if args.fail_on_regression and any(c.regression for c in changes) else 0


def cmd_personalization(args) -> int:
    """Run ``eval.personalization.evaluate`` over the data directory's catalog, current ranker and retriever."""
    from pathlib import Path

    from eval.personalization import evaluate, render
    from eval.population import PopulationConfig
    from retrieval.search import HybridRetriever

    with tempfile.TemporaryDirectory(prefix="shopguide-eval-") as tmp:
        assistant = build_assistant(args, f"{tmp}/sessions.sqlite")
        assistant._require_index()
        t0 = time.perf_counter()
        result = evaluate(list(assistant.index.products.values()), HybridRetriever(assistant.index),
                          assistant.ranker, PopulationConfig(users=args.users, seed=args.seed))
        assistant.sessions.close()
    result["seconds"] = time.perf_counter() - t0
    text = render(result)
    print(text, end="")
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        (out / "personalization.json").write_text(json.dumps(result, indent=2, default=str))
        (out / "report.md").write_text(text)
        print(f"wrote {out}/personalization.json, {out}/report.md", file=sys.stderr)
    return 0
