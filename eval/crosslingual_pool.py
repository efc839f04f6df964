"""Cross-lingual dense retrieval on a candidate pool: MiniLM vs multilingual e5, English vs Chinese.

An e5 index of the whole Icecat catalog (19,406 products) takes hours on a laptop CPU (about
2 products/s), so this measures the embedders on a **pool**: the union of the products judged
for the 30 translated queries (``eval/suites/crosslingual/icecat_dev_zh.jsonl``), about 800
products. Each query ranks the whole pool by cosine similarity (dense only: no BM25, no
ranker), and nDCG@10 is scored against the English query's judgments; a product judged only
for another query counts as grade 0. The numbers are therefore not comparable with the
full-index nDCG of ``eval.zh_report``; they compare embedders and languages with each other.

Rows: ``minilm`` (the English query, the Chinese query as typed, and the Chinese query's
English gloss from ``assistant.portrait.extract_zh.gloss``) and ``e5`` (English, Chinese).

    python -m eval.crosslingual_pool --icecat-home /tmp/icecat-copy --out runs/pool [--embedders minilm,e5]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from eval.zh_report import ICECAT_QUERIES, load_icecat_rows


def pool_ndcg(embedder, passages: dict[str, str], rows: list[dict[str, str]],
              judgments: dict[str, dict[str, float]], variants: dict[str, Any], k: int = 10) -> dict[str, Any]:
    """Mean nDCG@k per query variant (``{"en": lambda row: row["query"], ...}``) over the pool."""
    from retrieval.index.embedder import embed_queries
    from retrieval.ranking.metrics import mean, ndcg_at_k

    ids = sorted(passages)
    t0 = time.perf_counter()
    matrix = np.asarray(embedder.embed([passages[i] for i in ids], batch_size=32), dtype=np.float32)
    ingest_s = time.perf_counter() - t0
    out: dict[str, Any] = {"pool": len(ids), "passages_per_s": len(ids) / ingest_s if ingest_s else 0.0}
    for name, text_of in variants.items():
        texts = [text_of(r) for r in rows]
        t0 = time.perf_counter()
        queries = np.asarray(embed_queries(embedder, texts), dtype=np.float32)
        out[f"{name}_query_ms"] = (time.perf_counter() - t0) * 1000 / max(1, len(texts))
        scores = queries @ matrix.T
        per_query = []
        for row, s in zip(rows, scores):
            ranked = [ids[j] for j in np.argsort(-s)[:k]]
            per_query.append(ndcg_at_k(ranked, judgments[row["query"]], k))
        out[f"{name}_ndcg@{k}"] = mean(per_query)
        out[f"{name}_per_query"] = dict(zip((r["query"] for r in rows), per_query))
    return out


def main(argv: list[str] | None = None) -> int:
    from assistant.portrait.extract_zh import gloss
    from eval.judged import SHARED_DATA, load_judgments
    from retrieval.index.catalog_index import CatalogIndex
    from retrieval.index.embedder import FakeEmbedder, make_embedder

    parser = argparse.ArgumentParser(prog="python -m eval.crosslingual_pool", description=__doc__.split("\n")[0])
    parser.add_argument("--icecat-home", required=True, help="data dir with the Icecat index (rows are read only)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--embedders", default="minilm,e5")
    parser.add_argument("--queries", default=str(ICECAT_QUERIES))
    args = parser.parse_args(argv)
    judgments_path = SHARED_DATA / "icecat" / "judgments-dev.csv"
    if not judgments_path.exists():
        print(f"error: {judgments_path} is absent (the shared data folder beside the checkout)", file=sys.stderr)
        return 2
    judgments = load_judgments(judgments_path)
    rows = load_icecat_rows(Path(args.queries))
    wanted = {pid for r in rows for pid in judgments[r["query"]]}
    index = CatalogIndex(Path(args.icecat_home) / "index", FakeEmbedder())   # rows only: no vectors are read
    passages = {pid: p.search_text() for pid, p in index.products.items() if pid in wanted}
    report: dict[str, Any] = {"queries": len(rows), "judged_in_pool": len(wanted)}
    for name in args.embedders.split(","):
        variants: dict[str, Any] = {"en": lambda r: r["query"], "zh": lambda r: r["zh"]}
        if name == "minilm":
            variants["zh_gloss"] = lambda r: gloss(r["zh"]) or r["zh"]
        print(f"{name}: embedding {len(passages)} pool passages …", file=sys.stderr)
        report[name] = pool_ndcg(make_embedder(name), passages, rows, judgments, variants)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "crosslingual_pool.json").write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    summary = {name: {k: round(v, 4) for k, v in report[name].items() if not k.endswith("_per_query")}
               for name in args.embedders.split(",")}
    print(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
