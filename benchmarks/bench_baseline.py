"""Section 5: shopguide beside the naive chain a user would build instead, in one run.

The naive chain: LangChain's ``Chroma`` vector store over the *same* Chroma collection
(same vectors, same embedder for the query) and LangChain's ``SelfQueryRetriever`` for
the filters, driven by the *same* LLM (our ``ChatModel`` behind a LangChain chat-model
wrapper). Measured on

* the judged queries (``--judgments``): nDCG@10 with unjudged products as grade 0;
  theirs is the plain vector retriever (top 10) and, for ``--self-query-judged`` of them,
  the self-query retriever;
* constrained queries made from the catalog (price caps, brand exclusions, both):
  hard-constraint violations in the top 10, checked here from the product table
  (price above the cap, or the excluded brand), not with ``Query.violations`` — the
  component under test never judges itself;
* latency per query: ours is ``Assistant.plan`` (understanding by rules, retrieval,
  filters, rerank; no reply), theirs the self-query retriever (one LLM call + Chroma).

When the LLM's output does not parse into a structured query, the chain raises; a user
would catch that and search without filters, so this does too, and counts it
(``parse_failures``): those queries are where violations come from.

    .venv/bin/python benchmarks/bench_baseline.py --home /tmp/bench-icecat \\
        --judgments ../shared/data/icecat/judgments-dev.csv --json baseline.json
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

from common import pct, private_home

NOUNS = ["laptop", "mouse", "keyboard", "printer", "monitor", "headset", "webcam", "router", "hard drive",
         "toner", "speaker", "usb cable", "tablet", "memory card"]


def constrained_queries(products, want: int, nouns: list[str] = NOUNS) -> list[dict[str, Any]]:
    """Price caps, brand exclusions and both, for nouns the catalog has (data-driven).

    The cap is the median price of the noun's products (half of them violate it), the
    excluded brand its most common brand.
    """
    out: list[dict[str, Any]] = []
    for noun in nouns:
        matching = [p for p in products if f" {noun} " in f" {p.title.lower()} " and p.price is not None]
        if len(matching) < 20:
            continue
        cap = float(round(statistics.median(p.price for p in matching)))
        brand = Counter(p.brand for p in matching if p.brand).most_common(1)[0][0]
        out.append({"text": f"{noun} under ${cap:.0f}", "max_price": cap, "brand_excluded": None})
        out.append({"text": f"{noun}, not {brand}", "max_price": None, "brand_excluded": brand})
        out.append({"text": f"{noun} below ${cap:.0f}, no {brand}", "max_price": cap, "brand_excluded": brand})
        if len(out) >= want:
            break
    return out[:want]


def violations(case: dict[str, Any], products) -> int:
    bad = 0
    for p in products:
        if case["max_price"] is not None and (p.price is None or p.price > case["max_price"]):
            bad += 1
        elif case["brand_excluded"] and (p.brand or "").casefold() == case["brand_excluded"].casefold():
            bad += 1
    return bad


def lc_embeddings(embedder):
    from langchain_core.embeddings import Embeddings

    class ShopguideEmbeddings(Embeddings):
        def embed_documents(self, texts):
            return [v.tolist() for v in embedder.embed(list(texts))]

        def embed_query(self, text):
            return embedder.embed([text])[0].tolist()

    return ShopguideEmbeddings()


def lc_chat_model(model, max_new_tokens: int):
    """Our ``ChatModel`` as a LangChain chat model (what a user would wrap it in)."""
    from langchain_core.language_models.chat_models import BaseChatModel
    from langchain_core.messages import AIMessage
    from langchain_core.outputs import ChatGeneration, ChatResult

    from assistant.llm.base import ChatMessage, Role

    roles = {"system": Role.SYSTEM, "human": Role.USER, "ai": Role.ASSISTANT}

    class ShopguideChat(BaseChatModel):
        @property
        def _llm_type(self) -> str:
            return "shopguide"

        def _generate(self, messages, stop=None, run_manager=None, **kwargs):
            conv = [ChatMessage(roles.get(m.type, Role.USER), str(m.content)) for m in messages]
            text = model.generate(conv, max_new_tokens=max_new_tokens)
            return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    return ShopguideChat()


def their_chain(home: Path, assistant, max_new_tokens: int):
    from langchain_chroma import Chroma
    from langchain_classic.chains.query_constructor.schema import AttributeInfo
    from langchain_classic.retrievers.self_query.base import SelfQueryRetriever
    # passed explicitly: the built-in lookup imports every community vector store and
    # breaks on langchain-community 0.4 (DatabricksVectorSearch is gone)
    from langchain_community.query_constructors.chroma import ChromaTranslator

    from retrieval.index.store import COLLECTION

    store = Chroma(collection_name=COLLECTION, persist_directory=str(home / "index" / "chroma"),
                   embedding_function=lc_embeddings(assistant.index.embedder))
    fields = [
        AttributeInfo(name="price", description="price in USD (-1 when unknown)", type="float"),
        AttributeInfo(name="brand", description="brand name in lower case", type="string"),
        AttributeInfo(name="in_stock", description="whether the product is in stock", type="boolean"),
        AttributeInfo(name="cat0", description="top-level category in lower case", type="string"),
    ]
    retriever = SelfQueryRetriever.from_llm(lc_chat_model(assistant.llm, max_new_tokens), store,
                                            "a product's title, brand, category and description", fields,
                                            structured_query_translator=ChromaTranslator(), search_kwargs={"k": 10})
    return store, retriever


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", required=True, help="data directory with an index (copied, never written)")
    parser.add_argument("--judgments", required=True)
    parser.add_argument("--constrained", type=int, default=24, help="number of constrained queries (≥ 20)")
    parser.add_argument("--self-query-judged", type=int, default=0,
                        help="also run the self-query retriever on this many judged queries (LLM-bound)")
    parser.add_argument("--self-query-limit", type=int, default=0,
                        help="run the self-query chain on only the first N constrained queries (0: all); "
                             "each is one LLM call over a ~1.5k-token prompt")
    parser.add_argument("--judged-limit", type=int, default=0, help="only the first N judged queries (0: all)")
    parser.add_argument("--nouns", default=",".join(NOUNS), help="product words the constrained queries use")
    parser.add_argument("--max-new-tokens", type=int, default=128)
    parser.add_argument("--json", help="write the results here")
    args = parser.parse_args()

    from assistant import Assistant
    from retrieval.ranking.judgments import load_judgments
    from retrieval.ranking.metrics import mean, ndcg_at_k

    home = private_home(args.home)
    assistant = Assistant.from_config(home=home)
    products = assistant.index.products
    judgments = load_judgments(args.judgments)
    store, self_query = their_chain(home, assistant, args.max_new_tokens)

    def ours(text: str) -> tuple[list, float]:
        session = assistant.sessions.create(None)
        t = time.perf_counter()
        plan = assistant.plan(session, text)
        seconds = time.perf_counter() - t
        assistant.sessions.delete(session)
        if plan.result is None:
            return [], seconds
        ranked = assistant.ranker.rank(plan.result.query, list(plan.result.candidates))
        return [c.product for c in ranked[:10]], seconds

    def theirs_plain(text: str) -> tuple[list, float]:
        t = time.perf_counter()
        docs = store.similarity_search(text, k=10)
        seconds = time.perf_counter() - t
        return [products[d.metadata["pid"]] for d in docs if d.metadata.get("pid") in products], seconds

    failures: list[str] = []

    def theirs_self_query(text: str) -> tuple[list, float, bool]:
        t = time.perf_counter()
        try:
            docs = self_query.invoke(text)
            parsed = True
        except Exception as exc:  # noqa: BLE001 - what a user's try/except would do: search unfiltered
            failures.append(f"{text!r}: {type(exc).__name__}: {str(exc)[:160]}")
            docs = store.similarity_search(text, k=10)
            parsed = False
        seconds = time.perf_counter() - t
        return [products[d.metadata["pid"]] for d in docs if d.metadata.get("pid") in products], seconds, parsed

    ours("warm up")          # embedder, BM25, masks, ranker
    theirs_plain("warm up")   # Chroma

    results: dict[str, Any] = {"home": str(args.home), "products": len(products)}
    # -- judged queries: nDCG@10 ------------------------------------------------------------------
    queries = judgments.with_positives()[: args.judged_limit or None]
    rows = {"ours": [], "theirs (vector)": [], "theirs (self-query)": []}
    times = {"ours": [], "theirs (vector)": [], "theirs (self-query)": []}
    for i, text in enumerate(queries):
        grades = judgments.grades(text)
        for name, fn in (("ours", ours), ("theirs (vector)", theirs_plain)):
            got, s = fn(text)
            rows[name].append(ndcg_at_k([p.id for p in got], grades, 10))
            times[name].append(s * 1000)
        if i < args.self_query_judged:
            got, s, _ = theirs_self_query(text)
            rows["theirs (self-query)"].append(ndcg_at_k([p.id for p in got], grades, 10))
            times["theirs (self-query)"].append(s * 1000)
    results["judged"] = {name: {"ndcg10": mean(v), "queries": len(v), "p50_ms": pct(times[name], 50),
                                "p95_ms": pct(times[name], 95)} for name, v in rows.items() if v}
    # -- constrained queries: violations ----------------------------------------------------------
    cases = constrained_queries(list(products.values()), args.constrained, args.nouns.split(","))
    stats = {name: {"violating_products": 0, "queries_with_violation": 0, "returned": 0, "ms": []}
             for name in ("ours", "theirs (self-query)")}
    parsed_ok = 0
    per_query = []
    for n, case in enumerate(cases, 1):
        mine, s_mine = ours(case["text"])
        runs = [("ours", mine, s_mine)]
        their, s_their, parsed = [], float("nan"), None
        if not args.self_query_limit or n <= args.self_query_limit:
            their, s_their, parsed = theirs_self_query(case["text"])
            parsed_ok += parsed
            runs.append(("theirs (self-query)", their, s_their))
        for name, got, s in runs:
            bad = violations(case, got)
            st = stats[name]
            st["violating_products"] += bad
            st["queries_with_violation"] += bad > 0
            st["returned"] += len(got)
            st["ms"].append(s * 1000)
        per_query.append({**case, "ours_violations": violations(case, mine), "theirs_violations": violations(case, their),
                          "parsed": parsed, "ours_ms": s_mine * 1000, "theirs_ms": s_their * 1000})
        print(f"[{n}/{len(cases)}] {case['text']}: ours {violations(case, mine)}/{len(mine)} bad {s_mine*1000:.0f} ms; "
              (f"theirs {violations(case, their)}/{len(their)} bad {s_their*1000:.0f} ms{'' if parsed else ' (no parse)'}"
               if parsed is not None else "theirs not run (--self-query-limit)"),
              file=sys.stderr, flush=True)
    results["constrained"] = {
        name: {"queries": len(st["ms"]), "queries_with_violation": st["queries_with_violation"],
               "violating_products": st["violating_products"], "returned": st["returned"],
               "p50_ms": pct(st["ms"], 50), "p95_ms": pct(st["ms"], 95)}
        for name, st in stats.items()}
    tried = len(stats["theirs (self-query)"]["ms"])
    results["constrained"]["theirs (self-query)"]["parse_failures"] = tried - parsed_ok
    results["latency_ratio_ours_over_theirs_p50"] = (
        results["constrained"]["ours"]["p50_ms"] / results["constrained"]["theirs (self-query)"]["p50_ms"])
    results["per_query"] = per_query
    results["parse_failure_examples"] = failures[:8]

    print(f"\n{len(products)} products; judged: {args.judgments}")
    print("| judged queries | n | nDCG@10 (unjudged = 0) | p50 ms | p95 ms |\n|---|---|---|---|---|")
    for name, r in results["judged"].items():
        print(f"| {name} | {r['queries']} | {r['ndcg10']:.4f} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} |")
    print("\n| constrained queries | n | queries with a violation | violating / returned | p50 ms | p95 ms |"
          "\n|---|---|---|---|---|---|")
    for name, r in results["constrained"].items():
        print(f"| {name} | {r['queries']} | {r['queries_with_violation']} | {r['violating_products']} / "
              f"{r['returned']} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} |")
    print(f"\nself-query parse failures: {tried - parsed_ok}/{tried}; "
          f"latency ratio ours/theirs (p50): {results['latency_ratio_ours_over_theirs_p50']:.2e}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str))
    shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    warnings.simplefilter("ignore", DeprecationWarning)
    raise SystemExit(main())
