"""``shopguide ranker train | evaluate | ensure-default | info``: the learned reranker's commands.

All of them work on the catalog indexed in the data directory; the trained model
becomes that directory's current model (``$SHOPGUIDE_HOME/ranker/current.json``),
which the assistant loads on start. Logic lives in ``retrieval.ranking.training`` and
``retrieval.ranking.evaluate``; this module only wires settings, files and output.
"""

from __future__ import annotations

import json
import sys
import time


def register(sub) -> None:
    p = sub.add_parser("ranker", help="train and evaluate the learned reranker",
                       description="Train the learned reranker on graded judgments and/or shopper feedback, "
                                   "and compare it with BM25, dense and fused retrieval.")
    rsub = p.add_subparsers(dest="ranker_command", metavar="ACTION")
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])

    t = rsub.add_parser("train", help="train on judgments (and/or feedback) and make it the current model")
    t.add_argument("--judgments", metavar="FILE", help="CSV with columns query,product_id,grade (grades 0-3)")
    t.add_argument("--from-feedback", action="store_true",
                   help="also learn from recorded impressions and feedback events (see retrieval.ranking.training)")
    t.add_argument("--candidates", type=int, default=100, help="candidates retrieved per query (default 100)")
    t.add_argument("--rounds", type=int, default=None, help="boosting rounds (default 150)")
    t.add_argument("--output", metavar="PATH", help="write the model here instead of the current model")
    t.set_defaults(func=cmd_train)

    e = rsub.add_parser("evaluate", help="nDCG@10 / recall@50 of bm25, dense, fused and learned")
    e.add_argument("--judgments", metavar="FILE", required=True, help="CSV with columns query,product_id,grade")
    e.add_argument("--model", metavar="PATH", help="model file (default: the data directory's current model)")
    e.add_argument("--candidates", type=int, default=100, help="candidates retrieved per query (default 100)")
    e.add_argument("--json", action="store_true", help="print one JSON object (method → metrics)")
    e.set_defaults(func=cmd_evaluate)

    d = rsub.add_parser("ensure-default", help="train the demo's default model if the data directory has none")
    d.add_argument("--force", action="store_true", help="retrain even if a usable model exists")
    d.set_defaults(func=cmd_ensure_default)

    i = rsub.add_parser("info", help="show the current model's features and training metadata")
    i.set_defaults(func=cmd_info)


def _open_index(settings):
    from assistant.errors import NotIndexedError
    from retrieval.index.embedder import make_embedder
    from retrieval.index.catalog_index import CatalogIndex
    from retrieval.index.store import ChromaStore

    store = ChromaStore(host=settings.store.host, port=settings.store.port) if settings.store.kind == "server" else None
    index = CatalogIndex(settings.index_dir, make_embedder(settings.embedder), store=store)
    if not index.exists():
        raise NotIndexedError(f"no catalog is indexed in {settings.index_dir}; run `shopguide index` "
                              "(demo catalog) or `shopguide ingest FILE` first")
    return index


def _judgments(path):
    from assistant.errors import InputError
    from retrieval.ranking.judgments import JudgmentsError, load_judgments

    try:
        return load_judgments(path)
    except JudgmentsError as exc:
        raise InputError(str(exc)) from None


def _save(ranker, settings, output) -> str:
    """Keep a timestamped copy under ranker/models/ and make it current (or write ``output``)."""
    from pathlib import Path

    if output:
        return str(ranker.save(Path(output)))
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    ranker.save(settings.ranker_path.parent / "models" / f"ranker-{stamp}.json")
    return str(ranker.save(settings.ranker_path))


def cmd_train(args) -> int:
    from assistant.errors import InputError
    from assistant.sessions import SessionStore
    from retrieval.search import HybridRetriever
    from retrieval.ranking.training import (DEFAULT_ROUNDS, collect, feedback_judgments, leave_query_out_popularity,
                                    popularity_from_feedback, train)
    from ui.cli_common import settings_from_args

    if not args.judgments and not args.from_feedback:
        raise InputError("give --judgments FILE, --from-feedback, or both")
    settings = settings_from_args(args)
    index = _open_index(settings)
    retriever = HybridRetriever(index)
    if args.from_feedback:   # returning shoppers' events → the collaborative model (ui.cli_users)
        from ui.cli_users import train_collaborative_command

        collaborative = train_collaborative_command(settings)
    sets, sources, popularity = [], [], None
    known = index.products
    if args.judgments:
        judgments = _judgments(args.judgments)
        unknown = sum(1 for q in judgments.by_query.values() for pid in q if pid not in known)
        if unknown == judgments.pair_count:
            raise InputError(f"none of the product ids in {args.judgments} is in the indexed catalog "
                             f"({settings.index_dir}); index the catalog the judgments refer to")
        sets += collect(retriever, judgments, k=args.candidates)
        sources.append(str(args.judgments))
    if args.from_feedback:
        sessions = SessionStore(settings.database)
        impressions, feedback = sessions.impressions(), sessions.feedback()
        logged = feedback_judgments(impressions, feedback)
        if not logged.with_positives() and collaborative and not args.judgments:
            return 0
        if not logged.with_positives():
            raise InputError(f"no usable feedback in {settings.sessions_db} yet (needs impressions with clicks, "
                             "add-to-cart or purchases); train with --judgments FILE instead")
        feedback_sets = collect(retriever, logged, k=args.candidates)
        sets += feedback_sets
        sources.append(f"feedback ({len(feedback)} events)")
        per_query = leave_query_out_popularity(impressions, feedback)
        overall = popularity_from_feedback(impressions, feedback)
        feedback_queries = {qs.text for qs in feedback_sets}
        popularity = lambda text: per_query(text) if text in feedback_queries else overall  # noqa: E731
    print(f"training on {len(sets)} queries from {', '.join(sources)} ...", file=sys.stderr)
    try:
        ranker = train(sets, popularity=popularity, rounds=args.rounds or DEFAULT_ROUNDS,
                       metadata={"judgments": sources, "catalog_products": len(known),
                                 "embedder": index.embedder.name, "candidates": args.candidates})
    except ValueError as exc:
        raise InputError(str(exc)) from None
    path = _save(ranker, settings, args.output)
    print(f"saved the ranker to {path} ({ranker.metadata['queries']} queries, "
          f"{ranker.metadata['positives']} relevant candidates)", file=sys.stderr)
    return 0


def cmd_evaluate(args) -> int:
    from assistant.errors import ConfigError
    from retrieval.ranking.learned import RankerModelError, load_ranker
    from retrieval.ranking.evaluate import evaluate, format_table
    from retrieval.search import HybridRetriever
    from retrieval.ranking.training import collect
    from ui.cli_common import settings_from_args

    settings = settings_from_args(args)
    path = args.model or settings.ranker_path
    try:
        ranker = load_ranker(path)
    except RankerModelError as exc:
        raise ConfigError(str(exc)) from None
    if ranker is None:
        raise ConfigError(f"no usable ranker model at {path}; run `shopguide ranker train --judgments FILE` first")
    judgments = _judgments(args.judgments)
    index = _open_index(settings)
    sets = collect(HybridRetriever(index), judgments, k=args.candidates, baselines=True)
    metrics = evaluate(sets, ranker)
    if args.json:
        print(json.dumps(metrics))
    else:
        print(f"{len(sets)} queries with a relevant product; {args.candidates} candidates each\n")
        print(format_table(metrics))
    return 0


def cmd_ensure_default(args) -> int:
    from retrieval.demo.judgments import demo_judgments, looks_like_demo
    from retrieval.ranking.learned import RankerModelError, load_ranker
    from retrieval.search import HybridRetriever
    from retrieval.ranking.training import collect, train
    from ui.cli_common import settings_from_args

    settings = settings_from_args(args)
    if not args.force:
        try:
            if load_ranker(settings.ranker_path) is not None:
                print(f"ranker model present: {settings.ranker_path}", file=sys.stderr)
                return 0
        except RankerModelError as exc:
            print(f"retraining: {exc}", file=sys.stderr)
    index = _open_index(settings)
    products = list(index.products.values())
    if not looks_like_demo(products):
        print("the indexed catalog is not the demo catalog; train a ranker with "
              "`shopguide ranker train --judgments FILE` (using fused order until then)", file=sys.stderr)
        return 0
    judgments = demo_judgments(products)
    csv_path = settings.ranker_path.parent / "demo-judgments.csv"
    judgments.to_csv(csv_path)
    print(f"training the default ranker on {len(judgments)} demo queries ({csv_path}) ...", file=sys.stderr)
    sets = collect(HybridRetriever(index), judgments)
    ranker = train(sets, metadata={"judgments": [f"demo catalog attributes: {csv_path.name}"],
                                   "catalog_products": len(products), "embedder": index.embedder.name,
                                   "candidates": 100})
    print(f"saved the default ranker to {_save(ranker, settings, None)}", file=sys.stderr)
    return 0


def cmd_info(args) -> int:
    from assistant.errors import ConfigError
    from retrieval.ranking.learned import RankerModelError, load_ranker, ranker_status
    from ui.cli_common import settings_from_args

    settings = settings_from_args(args)
    usable, why = ranker_status(settings.ranker_path)
    if not usable:
        print(f"no usable model at {settings.ranker_path}: the assistant ranks in fused retrieval order ({why})")
        return 0
    try:
        ranker = load_ranker(settings.ranker_path)
    except RankerModelError as exc:
        raise ConfigError(str(exc)) from None
    print(json.dumps({"path": str(settings.ranker_path), "features": list(ranker.features),
                      "metadata": ranker.metadata}, indent=2))
    return 0
